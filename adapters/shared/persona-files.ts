import type { Agent } from '../../domain/agent';
import { agentFromFrontmatter, agentToFrontmatter, type AgentInvalidError } from '../../domain/agent-validation';
import { err, type Result } from '../../domain/result';
import type { Skill, SkillScope } from '../../domain/skill';
import { skillFromFrontmatter, skillToFrontmatter, type SkillInvalidError } from '../../domain/skill-validation';
import { writeFrontmatter, type FrontmatterReader } from './yaml-frontmatter';

/**
 * The text of a persona file and of a SKILL.md, read and written the same way by every store that
 * holds them: YAML frontmatter, then the body.
 */

export async function parseAgentFile(reader: FrontmatterReader, slug: string, source: string): Promise<Result<Agent, AgentInvalidError>> {
  const read = await reader.read(source);
  if (!read.ok) return err({ kind: 'agent-invalid', slug, message: read.error });
  return agentFromFrontmatter(slug, read.value.data, read.value.body);
}

export function agentFile(agent: Agent): string {
  return writeFrontmatter(agentToFrontmatter(agent), agent.persona);
}

export async function parseSkillFile(reader: FrontmatterReader, name: string, scope: SkillScope, source: string): Promise<Result<Skill, SkillInvalidError>> {
  const read = await reader.read(source);
  if (!read.ok) return err({ kind: 'skill-invalid', name, scope, message: read.error });
  return skillFromFrontmatter(name, scope, read.value.data, read.value.body);
}

export function skillFile(skill: Skill): string {
  return writeFrontmatter(skillToFrontmatter(skill), skill.body);
}
