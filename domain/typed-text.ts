/** How many characters of a message's end are looked for on the screen. */
const TAIL = 16;

/**
 * Whether a CLI's screen shows a message typed into its input box: the message's last characters,
 * whitespace aside (an input box wraps and indents long lines), or the placeholder Claude Code and
 * Gemini CLI draw for a long paste ("[Pasted text #1 +12 lines]", "[Pasted Text: 12 lines]").
 */
export function showsTypedText(screen: string, message: string): boolean {
  if (/\[Pasted text/i.test(screen)) return true;
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  const tail = squeeze(message).slice(-TAIL);
  return tail === '' || squeeze(screen).includes(tail);
}
