import type { AgentSummaryDto, SkillSummaryDto } from '../../../contract/contract';

/** The skills an agent lists that exist in neither the project nor the global skills: it launches without them. */
export function missingSkillsOf(agent: Pick<AgentSummaryDto, 'skills'>, skills: Readonly<Record<string, SkillSummaryDto>>): string[] {
  const known = new Set(Object.values(skills).map((skill) => skill.name));
  return agent.skills.filter((name) => !known.has(name));
}

/** One sentence naming skills an agent goes without. */
export function missingSkillsSentence(missing: readonly string[], when: 'launches' | 'launched'): string {
  const names = missing.map((name) => `“${name}”`).join(', ');
  const subject = missing.length === 1 ? `Skill ${names} does` : `Skills ${names} do`;
  return `${subject} not exist in .tessera/skills or the global skills, so the agent ${when} without ${missing.length === 1 ? 'it' : 'them'}.`;
}
