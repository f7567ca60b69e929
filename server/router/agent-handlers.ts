import { ok } from '../../domain/result';
import { agentDetail, agentSummary, profileDto, skillDetail, skillSummary } from './dto';
import { given, inProject, map, type HandlerTable } from './route-kit';

/** The project's agents and skills, and the user's profiles. */
export const agentHandlers = {
  'agents.list': inProject(async (_params, s) => ok((await s.listAgents.execute()).map(agentSummary))),
  'agents.get': inProject(async ({ slug }, s) => map(await s.getAgent.execute({ slug }), agentDetail)),
  'agents.create': inProject(async ({ name, profile, persona, skills, workspace, restart }, s) =>
    map(await s.createAgent.execute({ name, ...given({ profile, persona, skills, workspace, restart }) }), (agent) => agentSummary({ ok: true, agent })),
  ),
  'agents.update': inProject(async ({ slug, source, revision }, s) => map(await s.updateAgent.execute({ slug, source, ...given({ revision }) }), agentDetail)),
  'agents.delete': inProject(async ({ slug }, s) => map(await s.deleteAgent.execute({ slug }), (v) => ({ trashedTo: v.trashedTo }))),
  'agents.import': inProject(async (_params, s) =>
    map(await s.importAgents.execute(), (report) => ({ agents: [...report.agents], skills: [...report.skills], skipped: report.skipped.map((x) => ({ name: x.name, reason: x.reason })) })),
  ),

  'skills.list': inProject(async (_params, s) => ok((await s.listSkills.execute()).map(skillSummary))),
  'skills.get': inProject(async ({ name, scope }, s) => map(await s.getSkill.execute({ name, scope }), skillDetail)),
  'skills.create': inProject(async ({ name, description, body, scope }, s) =>
    map(await s.createSkill.execute({ name, description, body, scope }), (skill) => skillSummary({ ok: true, skill })),
  ),
  'skills.update': inProject(async ({ name, scope, source, revision }, s) => map(await s.updateSkill.execute({ name, scope, source, ...given({ revision }) }), skillDetail)),
  'skills.delete': inProject(async ({ name, scope }, s) => map(await s.deleteSkill.execute({ name, scope }), (v) => ({ trashedTo: v.trashedTo }))),

  'profiles.list': async (_params, ctx) => ok((await ctx.listProfiles.execute()).profiles.map(profileDto)),
  'profiles.save': async ({ profile }, ctx) => map(await ctx.saveProfile.execute({ profile }), profileDto),
  'profiles.installed': async (_params, ctx) => ok((await ctx.detectClis.execute()).map((p) => ({ id: p.id, installed: p.installed }))),
  'profiles.broken': async (_params, ctx) => ok((await ctx.listProfiles.execute()).broken.map((b) => ({ source: b.source, error: b.error }))),
} satisfies Partial<HandlerTable>;
