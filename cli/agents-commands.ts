import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WORKSPACE_MODES, type AgentListing, type WorkspaceMode } from '../domain/agent';
import type { SkillListing } from '../domain/skill';
import { describeError } from '../server/describe-error';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-io';
import { argsMessage, firstLine, openFromFlag, table, usage, type ProjectCommandDeps } from './project-command';

const PREFIX = 'tessera agents';

/** The `agents list|create|import` summary, in the shape of the contract's AgentSummaryDto. */
export interface AgentSummaryJson {
  readonly slug: string;
  readonly name: string;
  readonly profile: string;
  readonly skills: readonly string[];
  readonly workspace: WorkspaceMode;
  readonly error?: string;
}

/**
 * `tessera agents list|create|import`. Resolves with the exit code: 0 ok, 2 bad input (one line on
 * stderr: unknown flag, bad name, unknown profile, missing project), 1 runtime failure.
 */
export async function runAgentsCommand(args: readonly string[], deps: ProjectCommandDeps): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(rest, deps);
    case 'create':
      return create(rest, deps);
    case 'import':
      return importFromClaude(rest, deps);
    case undefined:
      return usage(deps.io, PREFIX, 'missing subcommand: list, create or import');
    default:
      return usage(deps.io, PREFIX, `unknown subcommand "${sub}": use list, create or import`);
  }
}

export function agentSummary(listing: AgentListing): AgentSummaryJson {
  if (listing.ok) {
    const { slug, name, profile, skills, workspace } = listing.agent;
    return { slug, name, profile, skills: [...skills], workspace };
  }
  // Placeholders, as the contract's AgentSummaryDto has them for a broken file.
  return { slug: listing.broken.slug, name: listing.broken.slug, profile: '', skills: [], workspace: 'run-dir', error: listing.broken.error };
}

/** Every skill name the project can use, project and global, broken ones too (they are reported on their own). */
async function skillNames(services: { readonly listSkills: { execute(): Promise<readonly SkillListing[]> } }): Promise<Set<string>> {
  return new Set((await services.listSkills.execute()).map((listing) => (listing.ok ? listing.skill.name : listing.broken.name)));
}

const missingSkills = (wanted: readonly string[], known: ReadonlySet<string>): string[] => wanted.filter((name) => !known.has(name));

function missingSkillsLine(missing: readonly string[]): string {
  const names = missing.map((name) => `"${name}"`).join(', ');
  return `${missing.length === 1 ? `skill ${names} does` : `skills ${names} do`} not exist in .tessera/skills or the global skills; the agent launches without ${missing.length === 1 ? 'it' : 'them'} until ${missing.length === 1 ? 'it exists' : 'they exist'}`;
}

async function list(args: readonly string[], deps: ProjectCommandDeps): Promise<number> {
  let values: { project?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args: [...args], options: { project: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return usage(deps.io, `${PREFIX} list`, argsMessage(error));
  }
  const services = await openFromFlag(deps, values.project, `${PREFIX} list`);
  if (typeof services === 'number') return services;
  const summaries = (await services.listAgents.execute()).map(agentSummary);
  await reportBrokenProfiles(deps, services, `${PREFIX} list`);
  if (values.json) {
    deps.io.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    return EXIT_OK;
  }
  if (summaries.length === 0) {
    deps.io.stdout.write(`No agents in ${services.root}. Create one with: tessera agents create --name NAME\n`);
    return EXIT_OK;
  }
  const known = await skillNames(services);
  const status = (s: AgentSummaryJson): string => {
    if (s.error) return `broken: ${firstLine(s.error)}`;
    const missing = missingSkills(s.skills, known);
    return missing.length > 0 ? `skill not found: ${missing.join(',')}` : 'ok';
  };
  deps.io.stdout.write(
    table(
      ['SLUG', 'NAME', 'PROFILE', 'WORKSPACE', 'SKILLS', 'STATUS'],
      summaries.map((s) => [s.slug, s.error ? '-' : s.name, s.error ? '-' : s.profile, s.error ? '-' : s.workspace, s.skills.join(',') || '-', status(s)]),
    ),
  );
  return EXIT_OK;
}

async function create(args: readonly string[], deps: ProjectCommandDeps): Promise<number> {
  const prefix = `${PREFIX} create`;
  let values: { name?: string; profile?: string; persona?: string; skill?: string[]; workspace?: string; restart?: string; project?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        name: { type: 'string' },
        profile: { type: 'string' },
        persona: { type: 'string' },
        skill: { type: 'string', multiple: true },
        workspace: { type: 'string' },
        restart: { type: 'string' },
        project: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usage(deps.io, prefix, argsMessage(error));
  }
  if (values.name === undefined) return usage(deps.io, prefix, '--name is required');
  if (values.workspace !== undefined && !WORKSPACE_MODES.includes(values.workspace as WorkspaceMode)) {
    return usage(deps.io, prefix, `--workspace must be one of ${WORKSPACE_MODES.join(', ')}, not "${values.workspace}"`);
  }
  if (values.restart !== undefined && values.restart !== 'never' && values.restart !== 'on-failure') {
    return usage(deps.io, prefix, `--restart must be never or on-failure, not "${values.restart}"`);
  }
  let persona = '';
  if (values.persona === '-') {
    if (!deps.readStdin) return usage(deps.io, prefix, '--persona - needs a readable stdin');
    persona = await deps.readStdin();
  } else if (values.persona !== undefined) {
    try {
      persona = await readFile(resolve(deps.io.cwd, values.persona), 'utf8');
    } catch (error) {
      return usage(deps.io, prefix, `cannot read the persona file "${values.persona}": ${argsMessage(error)}`);
    }
  }
  const services = await openFromFlag(deps, values.project, prefix);
  if (typeof services === 'number') return services;
  const created = await services.createAgent.execute({
    name: values.name,
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    persona,
    skills: values.skill ?? [],
    ...(values.workspace !== undefined ? { workspace: values.workspace as WorkspaceMode } : {}),
    ...(values.restart === 'never' || values.restart === 'on-failure' ? { restart: values.restart } : {}),
  });
  if (!created.ok) {
    deps.io.stderr.write(`${prefix}: ${describeError(created.error)}\n`);
    // The profile asked for may be one whose file was skipped: say which and why.
    if (created.error.kind === 'profile-not-found') await reportBrokenProfiles(deps, services, prefix);
    return created.error.kind === 'store-write-failed' ? EXIT_FAILURE : EXIT_USAGE;
  }
  const agent = created.value;
  deps.io.stdout.write(`Created agent "${agent.name}" (${agent.slug}, profile ${agent.profile}) in .tessera/agents/${agent.slug}.md\n`);
  const missing = missingSkills(agent.skills, await skillNames(services));
  if (missing.length > 0) deps.io.stderr.write(`${prefix}: warning: ${missingSkillsLine(missing)}\n`);
  return EXIT_OK;
}

/** A user profile file that does not load is named on stderr, one line each, rather than vanish. */
async function reportBrokenProfiles(deps: ProjectCommandDeps, services: { readonly listProfiles: { execute(): Promise<{ readonly broken: readonly { readonly source: string; readonly error: string }[] }> } }, prefix: string): Promise<void> {
  const { broken } = await services.listProfiles.execute();
  for (const b of broken) deps.io.stderr.write(`${prefix}: skipped the profile file ${b.source}: ${firstLine(b.error)}\n`);
}

async function importFromClaude(args: readonly string[], deps: ProjectCommandDeps): Promise<number> {
  const prefix = `${PREFIX} import`;
  let values: { project?: string };
  try {
    ({ values } = parseArgs({ args: [...args], options: { project: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return usage(deps.io, prefix, argsMessage(error));
  }
  const services = await openFromFlag(deps, values.project, prefix);
  if (typeof services === 'number') return services;
  const imported = await services.importAgents.execute();
  if (!imported.ok) {
    deps.io.stderr.write(`${prefix}: ${describeError(imported.error)}\n`);
    return EXIT_FAILURE;
  }
  const { agents, skills, skipped } = imported.value;
  const lines = [`Imported ${agents.length} agent${agents.length === 1 ? '' : 's'} and ${skills.length} skill${skills.length === 1 ? '' : 's'} from .claude/.`];
  for (const slug of agents) lines.push(`  agent  ${slug}`);
  for (const name of skills) lines.push(`  skill  ${name}`);
  for (const skip of skipped) lines.push(`  skipped ${skip.name}: ${skip.reason}`);
  if (agents.length > 0) lines.push('Tessera asks you to trust this project again, showing what each agent may run, before it launches them.');
  deps.io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
