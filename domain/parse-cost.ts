/**
 * What parsing terminal output costs, in bytes' worth of xterm's time. xterm spends much of it per
 * line (scrolling, a fresh buffer line), so `yes` (2 bytes a line) is many times slower per byte
 * than prose: a line costs at least `LINE_COST` (measured in the bench's page, about 1.6 µs for a
 * line of `yes`, what 40 to 50 bytes of prose take). Used to bound queues by the time they take to
 * drain, not by their bytes alone (the stream host's window, the mirror thread's backlog).
 */
export const LINE_COST = 48;

export function lineCount(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

export function parseCost(bytes: number, lines: number, lineCost: number = LINE_COST): number {
  return Math.max(bytes, lines * lineCost);
}
