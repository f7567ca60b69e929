import { z } from 'zod';
import { scope, stringMap, workspace } from './fields';

/** Agents (persona files), skills (SKILL.md files) and the user's profiles (how an agent's command runs). */

export const AgentSummaryDto = z.object({
  slug: z.string(),
  name: z.string(),
  profile: z.string(),
  skills: z.array(z.string()),
  workspace,
  /** Set when the persona file does not parse; the other fields are then placeholders. */
  error: z.string().optional(),
  /** The frontmatter `restart` policy; absent means never. */
  restart: z.enum(['never', 'on-failure']).optional(),
});
export const AgentDetailDto = AgentSummaryDto.extend({
  args: z.array(z.string()),
  env: stringMap,
  persona: z.string(),
  /** The whole file as it is on disk, for the editor. */
  source: z.string(),
  /** Changes whenever the file changes on disk; send it back to detect a conflicting edit. */
  revision: z.string(),
});

export const SkillSummaryDto = z.object({
  name: z.string(),
  description: z.string(),
  scope,
  error: z.string().optional(),
});
export const SkillDetailDto = SkillSummaryDto.extend({ body: z.string(), source: z.string(), revision: z.string() });

const injection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('convention-file'), target: z.string().min(1) }),
  z.object({ kind: z.literal('args'), args: z.array(z.string()) }),
  z.object({ kind: z.literal('env'), var: z.string().min(1), value: z.string() }),
  z.object({ kind: z.literal('stdin') }),
]);
export const ProfileDto = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  name: z.string().min(1),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: stringMap.default({}),
  detect: z.string().optional(),
  inject: injection,
  projectAccessArgs: z.array(z.string()).optional(),
  status: z.object({ needsInput: z.array(z.string()), busy: z.array(z.string()), runningProgram: z.literal('busy').optional() }).default({ needsInput: [], busy: [] }),
  resume: z.object({ args: z.array(z.string()) }).optional(),
  builtin: z.boolean().default(false),
});

/** Whether a profile's CLI answered its `detect` command on this machine. */
export const ProfileInstallationDto = z.object({ id: z.string(), installed: z.boolean() });

/** A user profile file that was skipped: where it is and why. */
export const BrokenProfileDto = z.object({ source: z.string(), error: z.string() });

export type AgentSummaryDto = z.infer<typeof AgentSummaryDto>;
export type AgentDetailDto = z.infer<typeof AgentDetailDto>;
export type SkillSummaryDto = z.infer<typeof SkillSummaryDto>;
export type SkillDetailDto = z.infer<typeof SkillDetailDto>;
export type ProfileDto = z.infer<typeof ProfileDto>;
export type BrokenProfileDto = z.infer<typeof BrokenProfileDto>;
export type ProfileInstallationDto = z.infer<typeof ProfileInstallationDto>;
