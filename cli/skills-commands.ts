import { parseArgs } from 'node:util';
import type { SkillListing, SkillScope } from '../domain/skill';
import { EXIT_OK } from './cli-io';
import { argsMessage, firstLine, openFromFlag, table, usage, type ProjectCommandDeps } from './project-command';

const PREFIX = 'tessera skills';

/** The `skills list` summary, in the shape of the contract's SkillSummaryDto. */
export interface SkillSummaryJson {
  readonly name: string;
  readonly description: string;
  readonly scope: SkillScope;
  readonly error?: string;
}

export function skillSummary(listing: SkillListing): SkillSummaryJson {
  if (listing.ok) return { name: listing.skill.name, description: listing.skill.description, scope: listing.skill.scope };
  return { name: listing.broken.name, description: '', scope: listing.broken.scope, error: listing.broken.error };
}

/** `tessera skills list [--project DIR] [--json]`. Exit 0 ok, 2 bad input, 1 runtime failure. */
export async function runSkillsCommand(args: readonly string[], deps: ProjectCommandDeps): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) return usage(deps.io, PREFIX, 'missing subcommand: list');
  if (sub !== 'list') return usage(deps.io, PREFIX, `unknown subcommand "${sub}": use list`);
  let values: { project?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args: [...rest], options: { project: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return usage(deps.io, `${PREFIX} list`, argsMessage(error));
  }
  const services = await openFromFlag(deps, values.project, `${PREFIX} list`);
  if (typeof services === 'number') return services;
  const summaries = (await services.listSkills.execute()).map(skillSummary);
  if (values.json) {
    deps.io.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    return EXIT_OK;
  }
  if (summaries.length === 0) {
    deps.io.stdout.write('No skills. Add a folder with a SKILL.md under .tessera/skills/ (project) or <config>/tessera/skills/ (global).\n');
    return EXIT_OK;
  }
  deps.io.stdout.write(
    table(
      ['NAME', 'SCOPE', 'DESCRIPTION', 'STATUS'],
      summaries.map((s) => [s.name, s.scope, s.description.replace(/\s+/g, ' ') || '-', s.error ? `broken: ${firstLine(s.error)}` : 'ok']),
    ),
  );
  return EXIT_OK;
}
