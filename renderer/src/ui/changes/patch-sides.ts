/**
 * The two sides of one file's unified diff (git's patch text), for a diff view that needs the
 * texts rather than the patch. With whole-file context the sides are the whole files; otherwise
 * they are the hunks with their context, a separator line between hunks (the same on both sides,
 * so it reads as unchanged). Each side keeps the file's own line number of every line it holds,
 * so a comment names the line of the file, not of the view.
 */
export interface PatchSide {
  readonly text: string;
  /** For each line of `text` (0-based), its line in the file (1-based); undefined for a separator. */
  readonly lineNumbers: readonly (number | undefined)[];
}

export interface FileSides {
  readonly original: PatchSide;
  readonly modified: PatchSide;
  /** git said "Binary files ... differ": there is no text to show. */
  readonly binary: boolean;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

export function patchSides(patch: string): FileSides {
  const original: { lines: string[]; numbers: (number | undefined)[] } = { lines: [], numbers: [] };
  const modified: { lines: string[]; numbers: (number | undefined)[] } = { lines: [], numbers: [] };
  let binary = false;
  let inHunk = false;
  let oldLine = 0;
  let newLine = 0;
  let hunks = 0;
  for (const line of patch.split('\n')) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      inHunk = true;
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[3]);
      // A separator where lines of the file are skipped: before a first hunk that starts past line 1, between hunks.
      if (hunks > 0 || oldLine > 1 || newLine > 1) {
        const marker = `⋯ ${line}`;
        original.lines.push(marker);
        original.numbers.push(undefined);
        modified.lines.push(marker);
        modified.numbers.push(undefined);
      }
      hunks++;
      continue;
    }
    if (!inHunk) {
      if (line.startsWith('Binary files ') || line === 'GIT binary patch') binary = true;
      continue;
    }
    if (line.startsWith('diff --git ')) {
      inHunk = false;
      continue;
    }
    const kind = line[0];
    const text = line.slice(1);
    if (kind === ' ') {
      original.lines.push(text);
      original.numbers.push(oldLine++);
      modified.lines.push(text);
      modified.numbers.push(newLine++);
    } else if (kind === '-') {
      original.lines.push(text);
      original.numbers.push(oldLine++);
    } else if (kind === '+') {
      modified.lines.push(text);
      modified.numbers.push(newLine++);
    }
    // `\ No newline at end of file` and the patch's trailing empty line carry no line of either side.
  }
  return {
    original: { text: original.lines.join('\n'), lineNumbers: original.numbers },
    modified: { text: modified.lines.join('\n'), lineNumbers: modified.numbers },
    binary,
  };
}
