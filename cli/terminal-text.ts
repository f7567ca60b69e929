/**
 * Terminal output as plain text, for `tessera read --follow`: escape sequences (CSI, OSC, DCS,
 * two-byte escapes) and carriage returns are dropped, whatever chunks they arrive split across;
 * the rest is passed through as UTF-8 text.
 */
export class TerminalText {
  private readonly decoder = new TextDecoder('utf-8');
  /** An escape sequence begun at the end of the last chunk. */
  private carry = '';

  push(bytes: Uint8Array): string {
    const text = this.carry + this.decoder.decode(bytes, { stream: true });
    this.carry = '';
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i] as string;
      if (c !== '\x1b') {
        if (c !== '\r' && (c >= ' ' || c === '\n' || c === '\t')) out += c;
        i++;
        continue;
      }
      const end = sequenceEnd(text, i);
      if (end === undefined) {
        this.carry = text.slice(i);
        break;
      }
      i = end;
    }
    return out;
  }

  /** What is left at the end of the stream (an unfinished escape is dropped). */
  flush(): string {
    this.carry = '';
    return this.decoder.decode();
  }
}

/** The index just past the escape sequence starting at `start`, or undefined when it is not complete yet. */
export function sequenceEnd(text: string, start: number): number | undefined {
  const next = text[start + 1];
  if (next === undefined) return undefined;
  if (next === '[') {
    for (let i = start + 2; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x40 && code <= 0x7e) return i + 1;
    }
    return undefined;
  }
  if (next === ']' || next === 'P' || next === '_' || next === '^' || next === 'X') {
    // A string sequence ends with BEL or ST (ESC \).
    for (let i = start + 2; i < text.length; i++) {
      if (text[i] === '\x07') return i + 1;
      if (text[i] === '\x1b') {
        if (text[i + 1] === undefined) return undefined;
        if (text[i + 1] === '\\') return i + 2;
      }
    }
    return undefined;
  }
  // Character set selection and the like take one more byte.
  if (next === '(' || next === ')' || next === '*' || next === '+' || next === '#' || next === '%') return start + 3 <= text.length ? start + 3 : undefined;
  return start + 2;
}
