/**
 * Screens where a CLI is still getting ready while its title already reads idle: Gemini CLI draws
 * "⠋ Resuming session..." under its "◇  Ready" title (and after its SessionStart hook) while it loads
 * the conversation it resumes, and drops an Enter typed meanwhile.
 */
export function screenShowsLoading(cli: string | undefined, screen: string): boolean {
  if (cli === 'gemini') return /^\s*[\u2800-\u28ff]\s+Resuming session/mu.test(screen);
  return false;
}
