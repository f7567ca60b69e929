/**
 * Text an agent asks the user to approve (a command, a file path), shown so that what the user reads
 * is what will run: control characters, bidirectional controls and characters that draw nothing (zero
 * widths, soft hyphens, tags, fillers) are not removed (that would hide them) but written out as escapes
 * (`\x1b`, `\u202e`, `\u{e0041}`); line breaks and tabs stay, since a command may span lines. A text longer than `maxChars` is cut and says so, with the number of characters left out.
 */

export interface VisibleText {
  readonly text: string;
  /** Characters left out at the end (0 when the whole text is shown). */
  readonly omitted: number;
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** Format characters (zero widths, soft hyphen, byte order mark, tags) and the Hangul fillers, which draw as blanks. */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0]/u;

export const DEFAULT_VISIBLE_CHARS = 4000;

export function visibleText(raw: string, maxChars = DEFAULT_VISIBLE_CHARS): VisibleText {
  let out = '';
  let shown = 0;
  const chars = [...raw];
  for (const char of chars) {
    if (shown >= maxChars) break;
    out += escapeChar(char);
    shown++;
  }
  return { text: out, omitted: chars.length - shown };
}

function escapeChar(char: string): string {
  if (char === '\n' || char === '\t') return char;
  if (char === '\r') return '\\r';
  if (CONTROL.test(char) || BIDI.test(char) || INVISIBLE.test(char)) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
  }
  return char;
}
