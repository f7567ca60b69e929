import type { LeftOut } from '../../domain/ports/checkpoints.port';

/**
 * The message of a checkpoint commit: a title naming its ref, then a JSON body with the caller's
 * note and what the snapshot left out.
 */

/** At most this many entries per left-out list, so a checkpoint's note stays small. */
export const LEFT_OUT_LIMIT = 200;

const NO_LEFT_OUT: LeftOut = { tooLarge: [], ignored: [], nestedRepositories: [], truncated: false };

export function checkpointMessage(ref: string, note: string, leftOut: LeftOut): string {
  return `Tessera checkpoint ${ref}\n\n${JSON.stringify({ note, leftOut })}\n`;
}

/** The body Tessera wrote (`{ note, leftOut }`); anything else reads as an empty note. */
export function readCheckpointBody(body: string): { note: string; leftOut: LeftOut } {
  try {
    const parsed = JSON.parse(body) as { note?: unknown; leftOut?: Partial<LeftOut> };
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    const leftOut = parsed.leftOut ?? {};
    return {
      note: typeof parsed.note === 'string' ? parsed.note : '',
      leftOut: {
        tooLarge: Array.isArray(leftOut.tooLarge) ? leftOut.tooLarge.filter((t) => typeof t?.path === 'string' && typeof t.bytes === 'number') : [],
        ignored: strings(leftOut.ignored),
        nestedRepositories: strings(leftOut.nestedRepositories),
        truncated: leftOut.truncated === true,
      },
    };
  } catch {
    return { note: '', leftOut: NO_LEFT_OUT };
  }
}
