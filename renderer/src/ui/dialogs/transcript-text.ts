/**
 * A transcript is the raw terminal output (escape sequences, carriage returns, backspaces). Shown
 * as text it is read like a log: colours and cursor moves dropped, each line as it finally read.
 */
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes, and stray C0 controls but \n and \r and \b.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[@-Z\\-_]|\x1b[ -/][0-~]|[\x00-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;

export function plainTranscript(raw: string): string {
  const text = raw.replace(ESCAPES, '');
  return text
    .split('\n')
    .map((line) => {
      // A carriage return starts the line over: what follows overwrites what came before it.
      const parts = line.replace(/\r$/, '').split('\r');
      let out = '';
      for (const part of parts) out = part + out.slice(part.length);
      // Backspaces delete the character before them.
      while (out.includes('\x08')) out = out.replace(/[^\x08]?\x08/, '');
      return out.trimEnd();
    })
    .join('\n');
}
