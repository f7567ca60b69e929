/** A mouse report in the SGR encodings (DECSET 1006, 1016): ESC [ < button ; x ; y, then M (press, move) or m (release). */
const SGR_REPORT = /\x1b\[<(\d+);\d+;\d+[Mm]/y;
/** A mouse report in X10's encoding: ESC [ M, then the button, x and y as characters offset by 32. */
const X10_REPORT = /\x1b\[M([\s\S])[\s\S][\s\S]/y;

/** A move with no button held: the motion bit (32) with "no button" (3), modifier keys (4, 8, 16) aside. */
function isButtonlessMotion(button: number): boolean {
  return (button & ~(4 | 8 | 16)) === (32 | 3);
}

/**
 * Whether `data`, written into a terminal by a view, is nothing but mouse reports of the pointer
 * moving with no button held. A program that asks for every move (DECSET 1003) gets them whenever the
 * pointer crosses its pane, whether the pane has the keyboard or not: they say nothing of where the
 * user is working. Clicks, drags and the wheel are the user's doing and are not such reports.
 */
export function isPointerMotionOnly(data: string): boolean {
  if (data === '') return false;
  let at = 0;
  while (at < data.length) {
    SGR_REPORT.lastIndex = at;
    X10_REPORT.lastIndex = at;
    const sgr = SGR_REPORT.exec(data);
    const x10 = sgr ? undefined : X10_REPORT.exec(data);
    const button = sgr ? Number(sgr[1]) : x10 ? x10[1]!.charCodeAt(0) - 32 : undefined;
    if (button === undefined || !isButtonlessMotion(button)) return false;
    at = (sgr ?? x10)!.index + (sgr ?? x10)![0].length;
  }
  return true;
}
