import { WORKSPACE_MODES, type Agent, type RestartPolicy, type WorkspaceMode } from './agent';
import { describeValue, isRecord } from './frontmatter';
import { parseDisplayName } from './names';
import { err, ok, type Result } from './result';

/** A persona file whose frontmatter does not describe an agent. `message` is shown to the user as it is. */
export type AgentInvalidError = { readonly kind: 'agent-invalid'; readonly slug: string; readonly message: string };

export const DEFAULT_PROFILE = 'claude';
const RESTART_POLICIES: readonly RestartPolicy[] = ['never', 'on-failure'];

/**
 * Builds an Agent from decoded frontmatter (any YAML value) and the markdown body. Disk is
 * untrusted input: every field is checked and the first problem is reported by name.
 * Unknown keys are ignored, so files written for other tools (say a `description`) still load.
 */
export function agentFromFrontmatter(slug: string, data: unknown, body: string): Result<Agent, AgentInvalidError> {
  const invalid = (message: string) => err({ kind: 'agent-invalid' as const, slug, message });
  if (!isRecord(data)) return invalid(`the frontmatter must be a YAML mapping, not ${describeValue(data)}`);

  if (data.name === undefined || data.name === null) return invalid('the frontmatter has no "name"');
  if (typeof data.name !== 'string') return invalid(`"name" must be text, not ${describeValue(data.name)}`);
  const name = parseDisplayName(data.name);
  if (!name.ok) return invalid(name.error.kind === 'name-empty' ? '"name" is empty' : `"name" ${name.error.reason}`);

  const profile = data.profile ?? DEFAULT_PROFILE;
  if (typeof profile !== 'string' || profile.trim() === '') return invalid(`"profile" must be a profile id, not ${describeValue(profile)}`);

  const skills = stringList(data.skills, 'skills');
  if (!skills.ok) return invalid(skills.error);
  const args = stringList(data.args, 'args');
  if (!args.ok) return invalid(args.error);

  const workspace = data.workspace ?? 'run-dir';
  if (typeof workspace !== 'string' || !WORKSPACE_MODES.includes(workspace as WorkspaceMode)) {
    return invalid(`"workspace" must be one of ${WORKSPACE_MODES.join(', ')}, not ${describeValue(workspace)}`);
  }

  const env = stringMap(data.env, 'env');
  if (!env.ok) return invalid(env.error);

  const restart = data.restart;
  if (restart !== undefined && restart !== null && !RESTART_POLICIES.includes(restart as RestartPolicy)) {
    return invalid(`"restart" must be one of ${RESTART_POLICIES.join(', ')}, not ${describeValue(restart)}`);
  }

  const budget = data.budget;
  if (budget !== undefined && budget !== null && (typeof budget !== 'number' || !Number.isFinite(budget) || budget <= 0 || budget > 1_000_000)) {
    return invalid(`"budget" must be dollars a day (a number above 0), not ${describeValue(budget)}`);
  }

  return ok({
    slug,
    name: name.value,
    profile: profile.trim(),
    skills: skills.value,
    workspace: workspace as WorkspaceMode,
    args: args.value,
    env: env.value,
    persona: body,
    ...(restart === undefined || restart === null ? {} : { restart: restart as RestartPolicy }),
    ...(typeof budget === 'number' ? { budget } : {}),
  });
}

/** The frontmatter an agent is written with, keys in one fixed order, so a saved file diffs cleanly. */
export function agentToFrontmatter(agent: Agent): Record<string, unknown> {
  return {
    name: agent.name,
    profile: agent.profile,
    skills: [...agent.skills],
    workspace: agent.workspace,
    args: [...agent.args],
    env: { ...agent.env },
    ...(agent.restart ? { restart: agent.restart } : {}),
    ...(agent.budget !== undefined ? { budget: agent.budget } : {}),
  };
}

export function stringList(value: unknown, key: string): Result<string[], string> {
  if (value === undefined || value === null) return ok([]);
  if (!Array.isArray(value)) return err(`"${key}" must be a list, not ${describeValue(value)}`);
  const out: string[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string') return err(`"${key}" item ${i + 1} must be text, not ${describeValue(item)}`);
    out.push(item);
  }
  return ok(out);
}

/**
 * YAML turns `PORT: 3000` into a number; an environment only holds text, so scalars are
 * converted rather than refused (what the user meant is unambiguous). Lists and mappings are refused.
 */
export function stringMap(value: unknown, key: string): Result<Record<string, string>, string> {
  if (value === undefined || value === null) return ok({});
  if (!isRecord(value)) return err(`"${key}" must be a mapping, not ${describeValue(value)}`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else return err(`"${key}.${k}" must be text, not ${describeValue(v)}`);
  }
  return ok(out);
}
