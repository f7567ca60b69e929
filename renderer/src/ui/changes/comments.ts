/** A comment on lines of one file in an agent's changes, to be sent back to the agent. */
export interface ReviewComment {
  readonly path: string;
  /** The file's lines the comment is on (1-based, inclusive). */
  readonly from: number;
  readonly to: number;
  /** The lines as they read in the diff. */
  readonly quoted: string;
  readonly text: string;
}

/**
 * The one message "Send comments" types into the agent: each comment as `file:line` (or a range),
 * the quoted lines, and what the reviewer wrote, in the order they were written. Typed as one
 * line per paragraph would submit each at once, so it is one block the agent reads as a whole.
 */
export function commentsMessage(comments: readonly ReviewComment[]): string {
  const parts = comments.map((c) => {
    const where = c.from === c.to ? `${c.path}:${c.from}` : `${c.path}:${c.from}-${c.to}`;
    const quoted = c.quoted
      .split('\n')
      .map((line) => `> ${line}`)
      .join(' ');
    return `${where} ${quoted} -- ${c.text.replace(/\s*\n\s*/g, ' ').trim()}`;
  });
  return `Review comments on your changes: ${parts.join(' | ')}`;
}
