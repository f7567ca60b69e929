import { sequenceEnd } from './terminal-text';

/**
 * Takes the terminal queries out of an agent's output before it reaches the user's own terminal
 * (`tessera attach`): the agent's session answers each query itself, and an answer from the user's
 * terminal would reach the agent as typed input, a second time. Dropped: device attributes (CSI c),
 * status reports (CSI n), mode reports (CSI ? Ps $ p), the terminal's version (CSI > q), the keyboard
 * protocol query (CSI ? u), window reports (CSI 11..21 t), color queries (OSC ... ; ?), and setting
 * and capability queries (DCS $ q, DCS + q). Everything else passes unchanged, whatever chunks
 * the sequences arrive split across.
 */
export class TerminalQueryFilter {
  private carry = '';

  push(text: string): string {
    const input = this.carry + text;
    this.carry = '';
    let out = '';
    let from = 0;
    let i = input.indexOf('\x1b');
    while (i >= 0) {
      const end = sequenceEnd(input, i);
      if (end === undefined) {
        // A sequence cut at the chunk's end waits for the rest, unless it is far too long to be a query.
        if (input.length - i < 4096) {
          this.carry = input.slice(i);
          return out + input.slice(from, i);
        }
        break;
      }
      if (isQuery(input.slice(i, end))) {
        out += input.slice(from, i);
        from = end;
      }
      i = input.indexOf('\x1b', end);
    }
    return out + input.slice(from);
  }
}

const WINDOW_REPORTS = new Set(['11', '13', '14', '15', '16', '18', '19', '20', '21']);

export function isQuery(sequence: string): boolean {
  const kind = sequence[1];
  if (kind === '[') {
    const final = sequence[sequence.length - 1];
    const body = sequence.slice(2, -1);
    if (final === 'c' || final === 'n') return true;
    if (final === 'p' && body.endsWith('$')) return true;
    if (final === 'q' && body.startsWith('>')) return true;
    if (final === 'u' && body === '?') return true;
    if (final === 't') return WINDOW_REPORTS.has(body.split(';')[0] ?? '');
    return false;
  }
  const body = sequence.replace(/(\x07|\x1b\\)$/, '').slice(2);
  if (kind === ']') return body.endsWith('?');
  if (kind === 'P') return body.startsWith('$q') || body.startsWith('+q');
  return false;
}
