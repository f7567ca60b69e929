/**
 * What an agent's command line lets it do without asking the user, in words, for the trust
 * question: `--allowedTools Bash,Write` reads as an argument, yet it means every Bash command and
 * every file write runs with no prompt. The flags are those of the agent CLIs Tessera ships profiles
 * for; a flag one CLI gives a milder meaning is still shown, since saying too much costs a glance
 * and saying too little costs the user's files.
 */

type Reading = (value: string) => string | undefined;

/** Flags that take a value, by name, and what a value grants (undefined: nothing worth a line). */
const WITH_VALUE: ReadonlyMap<string, Reading> = new Map(Object.entries({
  '--allowedTools': (tools) => `runs these tools without asking: ${tools}`,
  '--allowed-tools': (tools) => `runs these tools without asking: ${tools}`,
  '--add-dir': (dir) => `reads and writes files in ${dir}`,
  '--permission-mode': (mode) =>
    mode === 'bypassPermissions' ? 'runs every tool without asking' : mode === 'acceptEdits' ? 'edits files without asking' : undefined,
  '--ask-for-approval': (policy) => (policy === 'never' ? 'never asks before it runs a command' : undefined),
  '-a': (policy) => (policy === 'never' ? 'never asks before it runs a command' : undefined),
  '--sandbox': (mode) => (mode === 'danger-full-access' ? 'runs commands with no sandbox' : undefined),
  '-s': (mode) => (mode === 'danger-full-access' ? 'runs commands with no sandbox' : undefined),
  '--approval-mode': (mode) => (mode === 'yolo' ? 'runs every tool without asking' : mode === 'auto_edit' ? 'edits files without asking' : undefined),
} satisfies Record<string, Reading>));

/** Flags that grant by being there. */
const ALONE: ReadonlyMap<string, string> = new Map(Object.entries({
  '--dangerously-skip-permissions': 'runs every tool without asking',
  '--dangerously-bypass-approvals-and-sandbox': 'runs every command without asking and with no sandbox',
  '--yolo': 'runs every tool without asking',
  '-y': 'runs every tool without asking',
  '--full-auto': 'runs commands in its sandbox without asking',
  '--yes-always': 'answers yes to every question it would ask you',
  '--yes': 'answers yes to every question it would ask you',
}));

/** One line per grant, each naming the argument it comes from, in command-line order. */
export function permissionGrants(args: readonly string[]): string[] {
  const grants: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const alone = ALONE.get(name);
    if (alone !== undefined && eq < 0) {
      grants.push(`${alone} (${arg})`);
      continue;
    }
    const reading = WITH_VALUE.get(name);
    if (!reading) continue;
    const value = eq > 0 ? arg.slice(eq + 1) : args[i + 1];
    if (value === undefined) continue;
    if (eq < 0) i++;
    const grant = reading(value);
    if (grant !== undefined) grants.push(`${grant} (${eq > 0 ? arg : `${name} ${value}`})`);
  }
  return grants;
}
