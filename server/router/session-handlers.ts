import { done, given, inProject, map, type HandlerTable } from './route-kit';
import { orphanDto, sendOutcomeDto, sessionDto } from './dto';
import { answerApprovalHandler } from './approval-handlers';

/** Launching agents and driving their sessions, and the agents a crashed Tessera left running. */
export const sessionHandlers = {
  'agents.launch': inProject(async ({ slug, cols, rows }, s) => map(await s.launchAgent.execute({ slug, size: { cols, rows } }), sessionDto)),
  'sessions.list': inProject(async (_params, s) => map(await s.listSessions.execute(), (list) => list.map(sessionDto))),
  'sessions.write': inProject(async ({ id, data }, s) => done(await s.writeToSession.execute({ id, data }))),
  'sessions.resize': inProject(async ({ id, cols, rows }, s) => done(await s.resizeSession.execute({ id, cols, rows }))),
  'sessions.kill': inProject(async ({ id }, s) => done(await s.killSession.execute({ id }))),
  'sessions.restart': inProject(async ({ id, resume }, s) => map(await s.restartSession.execute({ id, resume }), sessionDto)),
  'sessions.answerApproval': (params, ctx) => answerApprovalHandler(() => ctx.current())(params),
  'sessions.snapshot': inProject(async ({ id, scrollbackLines }, s) =>
    map(await s.snapshotSession.execute({ id, ...(scrollbackLines !== undefined ? { scrollbackLines } : {}) }), (v) => ({ text: v.text })),
  ),
  'sessions.send': inProject(async ({ message, to }, s) => map(await s.sendToAgents.execute({ message, to }), (list) => list.map(sendOutcomeDto))),
  'sessions.transcript': inProject(async ({ slug, maxBytes }, s) => map(await s.readTranscript.execute({ slug, ...given({ maxBytes }) }), (text) => ({ text }))),

  'orphans.list': async (_params, ctx) => map(await ctx.findOrphans.execute(), (list) => list.map(orphanDto)),
  'orphans.kill': async ({ pids }, ctx) => map(await ctx.killOrphans.execute({ pids }), (list) => list.map(orphanDto)),
} satisfies Partial<HandlerTable>;
