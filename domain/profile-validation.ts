import { stringList, stringMap } from './agent-validation';
import { describeValue, isRecord } from './frontmatter';
import type { Injection, Profile, StatusPatterns } from './profile';
import { err, ok, type Result } from './result';

export type ProfileInvalidError = { readonly kind: 'profile-invalid'; readonly id: string; readonly message: string };

const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Checks a profile from an untrusted source (a user's JSON file, an RPC payload). Status patterns
 * must compile as regular expressions: a bad one would otherwise fail later, on every screen update.
 */
export function parseProfile(data: unknown, builtin: boolean): Result<Profile, ProfileInvalidError> {
  const id = isRecord(data) && typeof data.id === 'string' ? data.id : '';
  const invalid = (message: string) => err({ kind: 'profile-invalid' as const, id, message });
  if (!isRecord(data)) return invalid(`a profile must be an object, not ${describeValue(data)}`);
  if (!PROFILE_ID.test(id)) return invalid(`"id" must be lower-case letters, digits and "-", not ${describeValue(data.id)}`);
  if (typeof data.name !== 'string' || data.name.trim() === '') return invalid('"name" must be non-empty text');
  if (typeof data.command !== 'string' || data.command.trim() === '') return invalid('"command" must be non-empty text');
  const args = stringList(data.args, 'args');
  if (!args.ok) return invalid(args.error);
  const env = stringMap(data.env, 'env');
  if (!env.ok) return invalid(env.error);
  if (data.detect !== undefined && typeof data.detect !== 'string') return invalid('"detect" must be text');
  const inject = parseInjection(data.inject);
  if (!inject.ok) return invalid(inject.error);
  let projectAccessArgs: string[] | undefined;
  if (data.projectAccessArgs !== undefined) {
    const list = stringList(data.projectAccessArgs, 'projectAccessArgs');
    if (!list.ok) return invalid(list.error);
    projectAccessArgs = list.value;
  }
  let mcpConfigArgs: string[] | undefined;
  if (data.mcpConfigArgs !== undefined) {
    const list = stringList(data.mcpConfigArgs, 'mcpConfigArgs');
    if (!list.ok) return invalid(list.error);
    mcpConfigArgs = list.value;
  }
  const status = parseStatus(data.status);
  if (!status.ok) return invalid(status.error);
  let resume: { args: string[] } | undefined;
  if (data.resume !== undefined) {
    if (!isRecord(data.resume)) return invalid('"resume" must be an object with "args"');
    const list = stringList(data.resume.args, 'resume.args');
    if (!list.ok) return invalid(list.error);
    resume = { args: list.value };
  }
  return ok({
    id,
    name: data.name.trim(),
    command: data.command,
    args: args.value,
    env: env.value,
    ...(data.detect !== undefined ? { detect: data.detect as string } : {}),
    inject: inject.value,
    ...(projectAccessArgs ? { projectAccessArgs } : {}),
    ...(mcpConfigArgs ? { mcpConfigArgs } : {}),
    status: status.value,
    ...(resume ? { resume } : {}),
    builtin,
  });
}

function parseInjection(value: unknown): Result<Injection, string> {
  if (!isRecord(value)) return err('"inject" must be an object with a "kind"');
  switch (value.kind) {
    case 'convention-file':
      if (typeof value.target !== 'string' || value.target.trim() === '') return err('"inject.target" must name a file');
      // The target is written inside the agent's run directory: it must stay a plain file name.
      if (/[/\\]/.test(value.target) || value.target.startsWith('.')) return err('"inject.target" must be a plain file name such as CLAUDE.md');
      return ok({ kind: 'convention-file', target: value.target });
    case 'args': {
      const args = stringList(value.args, 'inject.args');
      return args.ok ? ok({ kind: 'args', args: args.value }) : args;
    }
    case 'env':
      if (typeof value.var !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value.var)) return err('"inject.var" must be an environment variable name');
      if (typeof value.value !== 'string') return err('"inject.value" must be text');
      return ok({ kind: 'env', var: value.var, value: value.value });
    case 'stdin':
      return ok({ kind: 'stdin' });
    default:
      return err(`"inject.kind" must be convention-file, args, env or stdin, not ${describeValue(value.kind)}`);
  }
}

function parseStatus(value: unknown): Result<StatusPatterns, string> {
  if (value === undefined) return ok({ needsInput: [], busy: [] });
  if (!isRecord(value)) return err('"status" must be an object with "needsInput" and "busy"');
  const needsInput = stringList(value.needsInput, 'status.needsInput');
  if (!needsInput.ok) return needsInput;
  const busy = stringList(value.busy, 'status.busy');
  if (!busy.ok) return busy;
  for (const pattern of [...needsInput.value, ...busy.value]) {
    try {
      new RegExp(pattern);
    } catch {
      return err(`status pattern ${JSON.stringify(pattern)} is not a valid regular expression`);
    }
  }
  if (value.runningProgram !== undefined && value.runningProgram !== 'busy') return err('"status.runningProgram" must be "busy" when given');
  return ok({ needsInput: needsInput.value, busy: busy.value, ...(value.runningProgram === 'busy' ? { runningProgram: 'busy' as const } : {}) });
}
