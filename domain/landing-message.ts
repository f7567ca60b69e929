/** Git's advice for a subject line. */
const SUBJECT_CHARS = 72;
/** A body that lists more prompts than this says how many more there were. */
const MAX_LISTED_PROMPTS = 20;

/**
 * A commit message to start from when landing an agent's work, made of what the agent was asked:
 * the first prompt's first line as the subject, every prompt's first line in the body. The user
 * edits it before it is used.
 */
export function draftLandingMessage(input: { readonly agentName: string; readonly prompts: readonly string[] }): string {
  const lines = input.prompts.map(firstLine).filter((line) => line.length > 0);
  if (lines.length === 0) return `Work of ${input.agentName}\n`;
  const subject = cut(lines[0]!, SUBJECT_CHARS);
  if (lines.length === 1 && subject === lines[0]) return `${subject}\n`;
  const listed = lines.slice(0, MAX_LISTED_PROMPTS).map((line) => `- ${cut(line, 100)}`);
  const more = lines.length > MAX_LISTED_PROMPTS ? [`- and ${lines.length - MAX_LISTED_PROMPTS} more`] : [];
  return `${subject}\n\nAsked of ${input.agentName}:\n${[...listed, ...more].join('\n')}\n`;
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim().length > 0) ?? '').trim();
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
