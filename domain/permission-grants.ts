/**
 * What an agent's command line lets it do without asking the user, in words, for the trust
 * question: `--allowedTools Bash,Write` reads as an argument, yet it means every Bash command and
 * every file write runs with no prompt. The flags are those of the agent CLIs Tessera ships profiles
 * for; a flag one CLI gives a milder meaning is still shown, since saying too much costs a glance
 * and saying too little costs the user's files.
 */

type Reading = (value: string) => string | undefined;

const NEVER_ASKS = 'never asks before it runs a command';
const NO_SANDBOX = 'runs commands with no sandbox';
const EVERY_TOOL = 'runs every tool without asking';

/** Flags that take a value, by name, and what a value grants (undefined: nothing worth a line). */
const WITH_VALUE: ReadonlyMap<string, Reading> = new Map(Object.entries({
  '--permission-mode': (mode) => (mode === 'bypassPermissions' ? EVERY_TOOL : mode === 'acceptEdits' ? 'edits files without asking' : undefined),
  '--ask-for-approval': (policy) => (policy === 'never' ? NEVER_ASKS : undefined),
  '-a': (policy) => (policy === 'never' ? NEVER_ASKS : undefined),
  '--sandbox': (mode) => (mode === 'danger-full-access' ? NO_SANDBOX : undefined),
  '-s': (mode) => (mode === 'danger-full-access' ? NO_SANDBOX : undefined),
  '--approval-mode': approvalMode,
  '--approvalMode': approvalMode,
  '-c': configGrant,
  '--config': configGrant,
  '--settings': settingsGrant,
} satisfies Record<string, Reading>));

/** Flags that take every value up to the next option (Claude's lists), and what those values grant. */
const WITH_VALUES: ReadonlyMap<string, Reading> = new Map(Object.entries({
  '--allowedTools': (tools) => `runs these tools without asking: ${tools}`,
  '--allowed-tools': (tools) => `runs these tools without asking: ${tools}`,
  '--add-dir': (dirs) => `reads and writes files in ${dirs}`,
} satisfies Record<string, Reading>));

/** Flags that grant by being there (or with a value other than false). */
const ALONE: ReadonlyMap<string, string> = new Map(Object.entries({
  '--dangerously-skip-permissions': EVERY_TOOL,
  '--dangerously-bypass-approvals-and-sandbox': 'runs every command without asking and with no sandbox',
  '--yolo': EVERY_TOOL,
  '-y': EVERY_TOOL,
  '--full-auto': 'runs commands in its sandbox without asking',
  '--yes-always': 'answers yes to every question it would ask you',
  '--yes': 'answers yes to every question it would ask you',
}));

/** One line per grant, each naming the argument it comes from, in command-line order. */
export function permissionGrants(args: readonly string[]): string[] {
  const grants: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const { name, attached } = splitOption(args[i] ?? '');
    const alone = ALONE.get(name);
    if (alone !== undefined) {
      if (attached === undefined || !/^(false|0|no|off)$/i.test(attached)) grants.push(`${alone} (${args[i]})`);
      continue;
    }
    const many = WITH_VALUES.get(name);
    if (many) {
      const values: string[] = attached !== undefined ? [attached] : [];
      while (attached === undefined && i + 1 < args.length && !(args[i + 1] ?? '').startsWith('-')) values.push(args[++i] ?? '');
      if (values.length > 0) grants.push(`${many(values.join(' '))} (${attached !== undefined ? args[i] : `${name} ${values.join(' ')}`})`);
      continue;
    }
    const reading = WITH_VALUE.get(name);
    if (!reading) continue;
    const value = attached ?? args[i + 1];
    if (value === undefined) continue;
    if (attached === undefined) i++;
    const grant = reading(value);
    if (grant !== undefined) grants.push(`${grant} (${attached !== undefined ? args[i] : `${name} ${value}`})`);
  }
  return grants;
}

/** `--name=value`, `-xvalue` (a short option with its value attached) or a bare option. */
function splitOption(arg: string): { readonly name: string; readonly attached?: string } {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    return eq > 0 ? { name: arg.slice(0, eq), attached: arg.slice(eq + 1) } : { name: arg };
  }
  if (/^-[a-z]./.test(arg) && WITH_VALUE.has(arg.slice(0, 2))) return { name: arg.slice(0, 2), attached: arg.slice(2).replace(/^=/, '') };
  return { name: arg };
}

/** Gemini CLI's approval mode (it takes the option in either spelling). */
function approvalMode(mode: string): string | undefined {
  return mode === 'yolo' ? EVERY_TOOL : mode === 'auto_edit' ? 'edits files without asking' : undefined;
}

/** Codex's `-c key=value` overrides of its config. */
function configGrant(pair: string): string | undefined {
  const eq = pair.indexOf('=');
  if (eq < 0) return undefined;
  const key = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
  if (key === 'approval_policy' && value === 'never') return NEVER_ASKS;
  if (key === 'sandbox_mode' && value === 'danger-full-access') return NO_SANDBOX;
  return undefined;
}

/** Claude's `--settings`: a JSON value is read for its permissions; a file cannot be read here, so it is named. */
function settingsGrant(value: string): string | undefined {
  if (!value.trim().startsWith('{')) return `loads settings from ${value}, which may let tools run without asking`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'loads settings it may read differently than Tessera, which may let tools run without asking';
  }
  const permissions = (parsed as { permissions?: { defaultMode?: unknown; allow?: unknown } } | null)?.permissions;
  if (permissions?.defaultMode === 'bypassPermissions') return EVERY_TOOL;
  if (Array.isArray(permissions?.allow) && permissions.allow.length > 0) return `runs these tools without asking: ${permissions.allow.map(String).join(',')}`;
  if (permissions?.defaultMode === 'acceptEdits') return 'edits files without asking';
  return undefined;
}
