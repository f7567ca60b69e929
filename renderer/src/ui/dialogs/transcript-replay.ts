// The package ships CommonJS whose named exports an ESM loader cannot always see: take the default.
import headless from '@xterm/headless';

export interface ReplaySize {
  readonly cols: number;
  readonly rows: number;
}

/** Lines a replay keeps: a 1 MB transcript of 80-column lines is about 13 000 of them. */
const REPLAY_SCROLLBACK = 50_000;

/**
 * A transcript (the raw output an agent's terminal received) as a terminal would have shown it:
 * replayed through a headless terminal of the session's size, so cursor moves, erased lines,
 * carriage-return progress bars and colours leave only what was on screen, and a pager or
 * full-screen program that used the alternate screen leaves nothing behind once it quit. Lines a
 * terminal wrapped read as one line. When the transcript ends inside the alternate screen (a
 * full-screen program still running), that screen comes last, as the user last saw it.
 */
export function replayTranscript(raw: string, size: ReplaySize): Promise<string[]> {
  const terminal = new headless.Terminal({ cols: size.cols, rows: size.rows, scrollback: REPLAY_SCROLLBACK, allowProposedApi: true, logLevel: 'off' });
  return new Promise<string[]>((resolve) => {
    terminal.write(raw, () => {
      const lines = bufferLines(terminal.buffer.normal);
      if (terminal.buffer.active.type === 'alternate') lines.push(...bufferLines(terminal.buffer.alternate));
      terminal.dispose();
      // A session's header starts on a line of its own, so the first transcript begins with a blank one.
      const first = lines.findIndex((line) => line !== '');
      resolve(first < 0 ? [] : lines.slice(first));
    });
  });
}

type Buffer = InstanceType<typeof headless.Terminal>['buffer']['normal'];

function bufferLines(buffer: Buffer): string[] {
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const line = buffer.getLine(y);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  // The rows of the screen below the last output are blank, not output.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Where `query` occurs in `lines`, case-insensitively, in reading order. */
export interface TranscriptMatch {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export function findInTranscript(lines: readonly string[], query: string): TranscriptMatch[] {
  if (query === '') return [];
  const needle = query.toLowerCase();
  const matches: TranscriptMatch[] = [];
  lines.forEach((text, line) => {
    const haystack = text.toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      matches.push({ line, start: at, end: at + needle.length });
    }
  });
  return matches;
}

/** One session's part of a transcript: its output, and the terminal size it started at where its header says so. */
export interface TranscriptRun {
  readonly text: string;
  readonly size?: ReplaySize;
}

/**
 * The host starts each session's part of `<slug>.log` with a line of its own:
 * `──── <name>: session <id> started <when> (profile <p>, pid <n>, <cols>x<rows>) ────`.
 */
const RUN_HEADER = /\r\n──── [^\r\n]*?: session \S+ started [^\r\n]*? ────\r\n/g;
const HEADER_SIZE = /, (\d+)x(\d+)\) ────\r\n$/;

/** The newest run in a transcript: everything after its last session header (the whole text when it has none). */
export function lastRunOf(raw: string): TranscriptRun {
  let header: RegExpExecArray | undefined;
  for (const match of raw.matchAll(RUN_HEADER)) header = match;
  if (!header) return { text: raw };
  const text = raw.slice(header.index + header[0].length);
  const size = HEADER_SIZE.exec(header[0]);
  return size ? { text, size: { cols: Number(size[1]), rows: Number(size[2]) } } : { text };
}
