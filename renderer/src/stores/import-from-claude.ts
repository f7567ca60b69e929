import type { TesseraApi } from '../../../contract/api';

export interface ImportReport {
  readonly title: string;
  readonly body: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Imports the project's `.claude/agents/*.md` and `.claude/skills/*\/SKILL.md` (agents.import) and
 * says what came in, what was skipped and why, or why nothing did.
 */
export async function importFromClaude(api: TesseraApi): Promise<ImportReport> {
  const response = await api.call('agents.import', {});
  if (!response.ok) return { title: 'Import from .claude failed', body: response.error.message };
  const { agents, skills, skipped } = response.value;
  const skippedText = skipped.map((s) => `${s.name} (${s.reason})`).join('; ');
  if (agents.length === 0 && skills.length === 0) {
    return {
      title: 'Nothing imported from .claude',
      body: skipped.length > 0 ? `Skipped: ${skippedText}.` : 'The project has no agents in .claude/agents and no skills in .claude/skills.',
    };
  }
  const names = [...agents, ...skills].join(', ');
  return {
    title: `Imported ${[agents.length > 0 ? plural(agents.length, 'agent') : '', skills.length > 0 ? plural(skills.length, 'skill') : ''].filter(Boolean).join(' and ')} from .claude`,
    body: `${names}.${skipped.length > 0 ? ` Skipped: ${skippedText}.` : ''}`,
  };
}
