/**
 * Text from a file (a persona, a layout, a folder name) that Tessera puts in a log line or an error
 * message, made safe to show: a terminal must not act on it and a reader must not be misled by it.
 * Escape sequences (CSI, OSC and the other ESC forms) go whole, so no half of one is left to print;
 * then every other C0 and C1 control and DEL, and the bidirectional controls that make `exe.bat`
 * read as something else.
 */

/** ESC [ ... final byte; ESC ] ... BEL or ST (and the other string commands: P X ^ _); ESC and one more character. */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\s\S]?)/g;
/** The 8-bit forms of CSI and the string commands (C1 0x9b, 0x9d, 0x90, 0x98, 0x9e, 0x9f). */
const C1_SEQUENCE = /\u009b[0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u009c\u001b]*(?:\u0007|\u009c)?/g;
/** Arabic letter mark, LRM/RLM, the embeddings and overrides, the isolates. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const LINE_BREAKS = /\r\n|[\n\r\t\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` without control characters; line breaks and tabs are kept (a multi-line error message). */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(BIDI_CONTROLS, '').replace(/\r\n?/g, '\n').replace(CONTROLS_KEEPING_LINES, '');
}

/** `text` as one log line: controls removed, line breaks and tabs turned into spaces, so a file cannot forge a line of its own. */
export function printableLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(BIDI_CONTROLS, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}

/** True when `text` holds a bidirectional control character (names refuse them). */
export function hasBidiControl(text: string): boolean {
  return /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text);
}
