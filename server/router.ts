import { z } from 'zod';
import type { Agent, AgentListing } from '../domain/agent';
import type { Layout } from '../domain/layout';
import type { FileChange, LeftOut, Patch } from '../domain/ports/checkpoints.port';
import type { ProcessRecord } from '../domain/ports/process-record.port';
import type { Profile } from '../domain/profile';
import { err, ok, type DomainError, type Result } from '../domain/result';
import type { SessionInfo } from '../domain/session';
import type { SkillListing } from '../domain/skill';
import type { AgentDocument } from '../application/agent-document';
import type { CreateAgent } from '../application/create-agent';
import type { DiscardAgentChanges, PreviewDiscard } from '../application/discard-agent-changes';
import type { FindOverlaps } from '../application/find-overlaps';
import type { CheckLanding, CommitAgentWork, DraftLandingMessage, LandAgent } from '../application/land-agent';
import type { RemoveAgentWorktree } from '../application/remove-agent-worktree';
import type { GetAgentChangePatch, GetAgentChanges } from '../application/review-agent-branch';
import type { OpenPullRequest, PushAgentBranch } from '../application/share-agent-branch';
import type { PreviewUndoTurn, UndoTurn } from '../application/undo-turn';
import type { CreateSkill } from '../application/create-skill';
import type { DeleteAgent } from '../application/delete-agent';
import type { DeleteSkill } from '../application/delete-skill';
import type { FindOrphans, KillOrphans } from '../application/find-orphans';
import type { GetAgent } from '../application/get-agent';
import type { GetLayout } from '../application/get-layout';
import type { GetSkill } from '../application/get-skill';
import type { ImportAgents } from '../application/import-agents';
import type { KillSession } from '../application/kill-session';
import type { ListAgents } from '../application/list-agents';
import type { ListProfiles } from '../application/list-profiles';
import type { ListSessions } from '../application/list-sessions';
import type { ListSkills } from '../application/list-skills';
import type { Project } from '../application/open-project';
import type { DescribeProjectTrust, LaunchIfTrusted, ProjectTrustInfo, SetRelaunchOnOpen, TrustProject } from '../application/project-trust';
import type { ReadTranscript } from '../application/read-transcript';
import type { GetTurnChanges, GetTurnPatch, ListTurns, TurnSummary } from '../application/review-turns';
import type { ResizeSession } from '../application/resize-session';
import type { RestartSession } from '../application/restart-session';
import type { SaveLayout } from '../application/save-layout';
import type { SaveProfile } from '../application/save-profile';
import type { SendOutcome, SendToAgents } from '../application/send-to-agents';
import type { SkillDocument } from '../application/skill-document';
import type { SnapshotSession } from '../application/snapshot-session';
import type { UpdateAgent } from '../application/update-agent';
import type { UpdateSkill } from '../application/update-skill';
import type { WriteToSession } from '../application/write-to-session';
import {
  methods,
  type AgentDetailDto,
  type AgentSummaryDto,
  type FileChangeDto,
  type LeftOutDto,
  type PatchDto,
  type TurnSummaryDto,
  type LayoutDto,
  type MethodName,
  type OrphanDto,
  type ParsedParams,
  type ProjectTrustDto,
  type ProfileDto,
  type ProjectDto,
  type Response,
  type ResultOf,
  type SendOutcomeDto,
  type SessionDto,
  type SkillDetailDto,
  type SkillSummaryDto,
} from '../contract/contract';
import { describeError } from './describe-error';
import { usageHandlers, type UsageContext } from './usage-handlers';

/**
 * The router: a table from every contract method to a handler. It parses the params with
 * the method's schema, calls one use case, and maps the Result: ok -> the DTO (shaped by the result
 * schema), err -> `{ kind, message }` with a sentence from describeError. Handlers only translate;
 * the rules live in the use cases. A throw is a bug: logged, answered as kind 'internal'.
 */

type Exec<T> = Pick<T, Extract<keyof T, 'execute'>>;

/** The use cases the router calls on the current project. */
export interface ProjectUseCases {
  readonly project: Project;
  readonly listAgents: Exec<ListAgents>;
  readonly getAgent: Exec<GetAgent>;
  readonly createAgent: Exec<CreateAgent>;
  readonly updateAgent: Exec<UpdateAgent>;
  readonly deleteAgent: Exec<DeleteAgent>;
  readonly importAgents: Exec<ImportAgents>;
  readonly listSkills: Exec<ListSkills>;
  readonly getSkill: Exec<GetSkill>;
  readonly createSkill: Exec<CreateSkill>;
  readonly updateSkill: Exec<UpdateSkill>;
  readonly deleteSkill: Exec<DeleteSkill>;
  readonly getLayout: Exec<GetLayout>;
  readonly saveLayout: Exec<SaveLayout>;
  /** Launches behind project trust (LaunchIfTrusted) in the app; a bare LaunchAgent fits too. */
  readonly launchAgent: Exec<LaunchIfTrusted>;
  readonly listSessions: Exec<ListSessions>;
  readonly writeToSession: Exec<WriteToSession>;
  readonly resizeSession: Exec<ResizeSession>;
  readonly killSession: Exec<KillSession>;
  readonly restartSession: Exec<RestartSession>;
  readonly snapshotSession: Exec<SnapshotSession>;
  readonly sendToAgents: Exec<SendToAgents>;
  readonly readTranscript: Exec<ReadTranscript>;
  /** Project trust: what would run, trusting, and the user's relaunch-on-open choice. */
  readonly describeTrust: Exec<DescribeProjectTrust>;
  readonly trustProject: Exec<TrustProject>;
  readonly setRelaunchOnOpen: Exec<SetRelaunchOnOpen>;
  /** Reviewing and landing agents' work; where it is not wired its methods answer 'landing-unavailable'. */
  readonly landing?: LandingServices;
}

/** Reviewing each agent's turns and landing a worktree agent's branch. */
export interface LandingServices {
  readonly listTurns: Exec<ListTurns>;
  readonly turnChanges: Exec<GetTurnChanges>;
  readonly turnPatch: Exec<GetTurnPatch>;
  readonly previewUndo: Exec<PreviewUndoTurn>;
  readonly undoTurn: Exec<UndoTurn>;
  readonly agentChanges: Exec<GetAgentChanges>;
  readonly agentPatch: Exec<GetAgentChangePatch>;
  readonly draftMessage: Exec<DraftLandingMessage>;
  readonly checkLanding: Exec<CheckLanding>;
  readonly land: Exec<LandAgent>;
  readonly commit: Exec<CommitAgentWork>;
  readonly push: Exec<PushAgentBranch>;
  readonly pullRequest: Exec<OpenPullRequest>;
  readonly previewDiscard: Exec<PreviewDiscard>;
  readonly discard: Exec<DiscardAgentChanges>;
  readonly removeWorktree: Exec<RemoveAgentWorktree>;
  readonly overlaps: Exec<FindOverlaps>;
}

/** What the router needs beyond one project: opening projects, and the user-level profiles and recents. */
export interface RouterContext extends UsageContext {
  openProject(path: string): Promise<Result<Project, DomainError>>;
  current(): ProjectUseCases | undefined;
  recentProjects(): Promise<readonly { readonly root: string; readonly name: string; readonly openedAt: number }[]>;
  readonly listProfiles: Exec<ListProfiles>;
  readonly saveProfile: Exec<SaveProfile>;
  /** Agents a crashed earlier Tessera left running, so none is orphaned. */
  readonly findOrphans: Exec<FindOrphans>;
  readonly killOrphans: Exec<KillOrphans>;
  readonly log: (message: string, error?: unknown) => void;
}

type Handler<M extends MethodName> = (params: ParsedParams<M>, ctx: RouterContext) => Promise<Result<ResultOf<M>, DomainError>>;

const noProject: DomainError = { kind: 'no-project' };

/** Runs `fn` with the open project's services, or answers 'no-project'. */
function inProject<M extends MethodName>(fn: (params: ParsedParams<M>, services: ProjectUseCases, ctx: RouterContext) => Promise<Result<ResultOf<M>, DomainError>>): Handler<M> {
  return async (params, ctx) => {
    const services = ctx.current();
    return services ? fn(params, services, ctx) : err(noProject);
  };
}

const landingUnavailable: DomainError = { kind: 'landing-unavailable' };

/** Runs `fn` with the open project's review-and-land use cases, or answers 'no-project' / 'landing-unavailable'. */
function inLanding<M extends MethodName>(fn: (params: ParsedParams<M>, landing: LandingServices) => Promise<Result<ResultOf<M>, DomainError>>): Handler<M> {
  return inProject<M>(async (params, services) => (services.landing ? fn(params, services.landing) : err(landingUnavailable)));
}

/** Optional fields the caller gave, without the ones it left out. */
const given = <T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

const map = <T, U>(result: Result<T, DomainError>, f: (value: T) => U): Result<U, DomainError> => (result.ok ? ok(f(result.value)) : result);
const done = (result: Result<unknown, DomainError>): Result<Record<string, never>, DomainError> => map(result, () => ({}));

export const handlers: { readonly [M in MethodName]: Handler<M> } = {
  ...usageHandlers,
  'project.open': async ({ path }, ctx) => map(await ctx.openProject(path), projectDto),
  'project.current': async (_params, ctx) => {
    const services = ctx.current();
    return ok(services ? projectDto(services.project) : null);
  },
  'project.recent': async (_params, ctx) => ok((await ctx.recentProjects()).map((p) => ({ root: p.root, name: p.name, openedAt: p.openedAt }))),

  'agents.list': inProject(async (_params, s) => ok((await s.listAgents.execute()).map(agentSummary))),
  'agents.get': inProject(async ({ slug }, s) => map(await s.getAgent.execute({ slug }), agentDetail)),
  'agents.create': inProject(async (params, s) =>
    map(
      await s.createAgent.execute({
        name: params.name,
        ...(params.profile !== undefined ? { profile: params.profile } : {}),
        ...(params.persona !== undefined ? { persona: params.persona } : {}),
        ...(params.skills !== undefined ? { skills: params.skills } : {}),
        ...(params.workspace !== undefined ? { workspace: params.workspace } : {}),
        ...(params.restart !== undefined ? { restart: params.restart } : {}),
      }),
      (agent) => agentSummary({ ok: true, agent }),
    ),
  ),
  'agents.update': inProject(async (params, s) =>
    map(await s.updateAgent.execute({ slug: params.slug, source: params.source, ...(params.revision !== undefined ? { revision: params.revision } : {}) }), agentDetail),
  ),
  'agents.delete': inProject(async ({ slug }, s) => map(await s.deleteAgent.execute({ slug }), (v) => ({ trashedTo: v.trashedTo }))),
  'agents.import': inProject(async (_params, s) =>
    map(await s.importAgents.execute(), (report) => ({ agents: [...report.agents], skills: [...report.skills], skipped: report.skipped.map((x) => ({ name: x.name, reason: x.reason })) })),
  ),

  'skills.list': inProject(async (_params, s) => ok((await s.listSkills.execute()).map(skillSummary))),
  'skills.get': inProject(async ({ name, scope }, s) => map(await s.getSkill.execute({ name, scope }), skillDetail)),
  'skills.create': inProject(async (params, s) =>
    map(await s.createSkill.execute({ name: params.name, description: params.description, body: params.body, scope: params.scope }), (skill) =>
      skillSummary({ ok: true, skill }),
    ),
  ),
  'skills.update': inProject(async (params, s) =>
    map(
      await s.updateSkill.execute({ name: params.name, scope: params.scope, source: params.source, ...(params.revision !== undefined ? { revision: params.revision } : {}) }),
      skillDetail,
    ),
  ),
  'skills.delete': inProject(async ({ name, scope }, s) => map(await s.deleteSkill.execute({ name, scope }), (v) => ({ trashedTo: v.trashedTo }))),

  'profiles.list': async (_params, ctx) => ok((await ctx.listProfiles.execute()).profiles.map(profileDto)),
  'profiles.save': async ({ profile }, ctx) => map(await ctx.saveProfile.execute({ profile }), profileDto),
  'profiles.broken': async (_params, ctx) => ok((await ctx.listProfiles.execute()).broken.map((b) => ({ source: b.source, error: b.error }))),

  'project.trustInfo': inProject(async (_params, s) => ok(trustDto(await s.describeTrust.execute()))),
  'project.trust': inProject(async (_params, s) => map(await s.trustProject.execute(), trustDto)),
  'project.setRelaunchOnOpen': inProject(async ({ enabled }, s) => map(await s.setRelaunchOnOpen.execute({ enabled }), trustDto)),

  'agents.launch': inProject(async ({ slug, cols, rows }, s) => map(await s.launchAgent.execute({ slug, size: { cols, rows } }), sessionDto)),
  'sessions.list': inProject(async (_params, s) => map(await s.listSessions.execute(), (list) => list.map(sessionDto))),
  'sessions.write': inProject(async ({ id, data }, s) => done(await s.writeToSession.execute({ id, data }))),
  'sessions.resize': inProject(async ({ id, cols, rows }, s) => done(await s.resizeSession.execute({ id, cols, rows }))),
  'sessions.kill': inProject(async ({ id }, s) => done(await s.killSession.execute({ id }))),
  'sessions.restart': inProject(async ({ id, resume }, s) => map(await s.restartSession.execute({ id, resume }), sessionDto)),
  'sessions.snapshot': inProject(async ({ id }, s) => map(await s.snapshotSession.execute({ id }), (v) => ({ text: v.text }))),

  'sessions.send': inProject(async ({ message, to }, s) => map(await s.sendToAgents.execute({ message, to }), (list) => list.map(sendOutcomeDto))),
  'sessions.transcript': inProject(async ({ slug, maxBytes }, s) =>
    map(await s.readTranscript.execute({ slug, ...(maxBytes !== undefined ? { maxBytes } : {}) }), (text) => ({ text })),
  ),

  'orphans.list': async (_params, ctx) => map(await ctx.findOrphans.execute(), (list) => list.map(orphanDto)),
  'orphans.kill': async ({ pids }, ctx) => map(await ctx.killOrphans.execute({ pids }), (list) => list.map(orphanDto)),

  'turns.list': inLanding(async ({ slug }, l) => map(await l.listTurns.execute({ slug }), (turns) => turns.map(turnSummaryDto))),
  'turns.changes': inLanding(async ({ slug, turn }, l) =>
    map(await l.turnChanges.execute({ slug, turn }), (c) => ({
      turn: turnSummaryDto(c.turn),
      files: c.files.map((f) => ({ ...fileChangeDto(f), attribution: f.attribution, alsoBy: [...f.alsoBy] })),
      leftOut: leftOutDto(c.leftOut),
      settled: c.settled,
    })),
  ),
  'turns.patch': inLanding(async ({ slug, turn, path, maxBytes }, l) => map(await l.turnPatch.execute({ slug, turn, ...given({ path, maxBytes }) }), patchDto)),
  'turns.previewUndo': inLanding(async ({ slug, turn, confirm }, l) =>
    map(await l.previewUndo.execute({ slug, turn, confirm }), (p) => ({
      turn: p.turn,
      basis: p.basis,
      files: p.files.map((f) => ({ path: f.path, outcome: f.outcome, effect: f.effect, attribution: f.attribution })),
      needsConfirmation: p.needsConfirmation.map((r) => ({ path: r.path, reason: r.reason })),
      skipped: p.skipped.map((r) => ({ path: r.path, reason: r.reason })),
      changes: p.changes.map(fileChangeDto),
      patch: patchDto(p.patch),
    })),
  ),
  'turns.undo': inLanding(async ({ slug, turn, confirm, basis }, l) =>
    map(await l.undoTurn.execute({ slug, turn, confirm, ...given({ basis }) }), (u) => ({ turn: u.turn, written: [...u.written], removed: [...u.removed], ...given({ beforeUndo: u.beforeUndo }) })),
  ),

  'branch.changes': inLanding(async ({ slug }, l) =>
    map(await l.agentChanges.execute({ slug }), (c) => ({
      branch: c.branch,
      baseBranch: c.baseBranch,
      baseTip: c.baseTip,
      forkPoint: c.forkPoint,
      head: c.head,
      files: c.files.map(fileChangeDto),
      uncommitted: [...c.uncommitted],
      leftOut: leftOutDto(c.leftOut),
    })),
  ),
  'branch.patch': inLanding(async ({ slug, path, maxBytes }, l) => map(await l.agentPatch.execute({ slug, ...given({ path, maxBytes }) }), patchDto)),
  'branch.draftMessage': inLanding(async ({ slug }, l) => map(await l.draftMessage.execute({ slug }), (d) => ({ message: d.message }))),
  'branch.checkLanding': inLanding(async ({ slug, strategy }, l) =>
    map(await l.checkLanding.execute({ slug, strategy }), (c) => ({
      branch: c.branch,
      baseBranch: c.baseBranch,
      baseTip: c.baseTip,
      strategy: c.strategy,
      toCommit: c.toCommit.map(fileChangeDto),
      files: c.files.map(fileChangeDto),
      conflicts: [...c.conflicts],
      ...(c.blockedBy ? { blockedBy: { checkout: c.blockedBy.checkout, files: [...c.blockedBy.files] } } : {}),
      fastForward: c.fastForward,
      leftOut: [...c.leftOut],
      ready: c.ready,
    })),
  ),
  'branch.land': inLanding(async ({ slug, strategy, message, mergeMessage }, l) =>
    map(await l.land.execute({ slug, strategy, ...given({ message, mergeMessage }) }), (d) => ({ baseBranch: d.baseBranch, from: d.from, to: d.to, strategy: d.strategy, ...given({ committed: d.committed }) })),
  ),
  'branch.commit': inLanding(async ({ slug, message }, l) => map(await l.commit.execute({ slug, message }), (c) => ({ commit: c.commit, files: [...c.files] }))),
  'branch.push': inLanding(async ({ slug, which, remote }, l) => map(await l.push.execute({ slug, which, ...given({ remote }) }), (p) => ({ remote: p.remote, branch: p.branch }))),
  'branch.pullRequest': inLanding(async ({ slug, title, body, remote }, l) =>
    map(await l.pullRequest.execute({ slug, title, ...given({ body, remote }) }), (p) => (p.kind === 'opened' ? { kind: p.kind, url: p.url } : { kind: p.kind, command: [...p.command], reason: p.reason })),
  ),
  'branch.previewDiscard': inLanding(async ({ slug }, l) =>
    map(await l.previewDiscard.execute({ slug }), (p) => ({ branch: p.branch, files: p.files.map(fileChangeDto), token: p.token, tooLarge: [...p.tooLarge] })),
  ),
  'branch.discard': inLanding(async ({ slug, confirm, token }, l) =>
    map(await l.discard.execute({ slug, confirm, token }), (d) => ({ resetTo: d.resetTo, ...given({ discardedTo: d.discardedTo }) })),
  ),
  'branch.removeWorktree': inLanding(async ({ slug }, l) => map(await l.removeWorktree.execute({ slug }), (r) => ({ removed: r.removed, ...given({ deletedBranch: r.deletedBranch }) }))),
  'agents.overlaps': inLanding(async ({ slugs }, l) =>
    map(await l.overlaps.execute({ slugs }), (o) => ({
      agents: o.agents.map((a) => ({ slug: a.slug, files: [...a.files] })),
      overlaps: o.overlaps.map((x) => ({ agents: [x.agents[0], x.agents[1]] as [string, string], files: [...x.files] })),
    })),
  ),

  'layout.get': inProject(async (_params, s) => map(await s.getLayout.execute(), layoutDto)),
  'layout.save': inProject(async ({ layout }, s) => done(await s.saveLayout.execute({ layout: withoutRelaunch(layout as Layout) }))),
};

export const ROUTED_METHODS = Object.keys(handlers) as MethodName[];

export class Router {
  constructor(private readonly ctx: RouterContext) {}

  /** Never throws. `method` must be a contract method name (transports answer unknown names themselves). */
  async handle(method: MethodName, rawParams: unknown): Promise<Response<unknown>> {
    if (!Object.hasOwn(handlers, method)) return failure({ kind: 'unknown-method', message: `There is no method "${String(method).slice(0, 100)}".` });
    // Everything below, parsing included, is inside the try: a payload must never make handle throw.
    try {
      const spec = methods[method];
      // zod walks a recursive schema recursively: a 3000-level layout would overflow the stack, so depth is capped first.
      if (nestingExceeds(rawParams, MAX_PARAMS_DEPTH)) {
        return failure({ kind: 'invalid-params', message: describeError({ kind: 'invalid-params', message: `nested deeper than ${MAX_PARAMS_DEPTH} levels` } as DomainError) });
      }
      const params = spec.params.safeParse(rawParams ?? {});
      if (!params.success) return failure({ kind: 'invalid-params', message: describeError({ kind: 'invalid-params', message: z.prettifyError(params.error).slice(0, 500) } as DomainError) });
      const handler = handlers[method] as Handler<MethodName>;
      const result = await handler(params.data as ParsedParams<MethodName>, this.ctx);
      if (!result.ok) return failure({ kind: result.error.kind, message: describeError(result.error) });
      const shaped = spec.result.safeParse(result.value);
      if (!shaped.success) {
        this.ctx.log(`router: ${method} produced a result outside the contract: ${z.prettifyError(shaped.error)}`);
        return failure({ kind: 'internal', message: describeError({ kind: 'internal' }) });
      }
      return { ok: true, value: shaped.data };
    } catch (error) {
      this.ctx.log(`router: ${method} threw`, error);
      return failure({ kind: 'internal', message: describeError({ kind: 'internal' }) });
    }
  }
}

function failure(error: { kind: string; message: string }): Response<never> {
  return { ok: false, error };
}

/** Far more than any real request needs (a layout of 60 nested splits is about 130 levels), far less than a stack overflow. */
export const MAX_PARAMS_DEPTH = 256;

/** True when `value` nests objects/arrays deeper than `max`; iterative, so a hostile depth cannot overflow the stack here either. */
export function nestingExceeds(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= max) return true;
    // Parsed JSON has no cycles, but a caller in-process could pass one: a visit budget ends the walk.
    if (++visited > 1_000_000) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** Relaunch-on-open is the user's choice in user config: layout.json neither gives it nor keeps it. */
function withoutRelaunch<T extends { relaunchOnOpen?: boolean }>(layout: T): Omit<T, 'relaunchOnOpen'> {
  const { relaunchOnOpen: _ignored, ...rest } = layout;
  return rest;
}

export function trustDto(info: ProjectTrustInfo): ProjectTrustDto {
  return {
    root: info.root,
    trusted: info.trusted,
    relaunchOnOpen: info.relaunchOnOpen,
    agents: info.agents.map((a) => ({
      slug: a.slug,
      name: a.name,
      command: a.command,
      args: [...a.args],
      envKeys: [...a.envKeys],
      ...(a.grants.length > 0 ? { grants: [...a.grants] } : {}),
      ...(a.error !== undefined ? { error: a.error } : {}),
    })),
    ...given({ worktreeSetup: info.worktreeSetup, settingsError: info.settingsError }),
  };
}

// DTO mapping: domain values -> contract shapes. Pure translation, no rules.

export function projectDto(project: Project): ProjectDto {
  return { root: project.root, name: project.name };
}

export function agentSummary(listing: AgentListing): AgentSummaryDto {
  if (listing.ok) return summaryOf(listing.agent);
  const { slug, error } = listing.broken;
  return { slug, name: slug, profile: '', skills: [], workspace: 'run-dir', error };
}

function summaryOf(agent: Agent): AgentSummaryDto {
  return {
    slug: agent.slug,
    name: agent.name,
    profile: agent.profile,
    skills: [...agent.skills],
    workspace: agent.workspace,
    ...(agent.restart !== undefined ? { restart: agent.restart } : {}),
  };
}

export function agentDetail(doc: AgentDocument): AgentDetailDto {
  const summary = agentSummary(doc.listing);
  const agent = doc.listing.ok ? doc.listing.agent : undefined;
  return {
    ...summary,
    args: agent ? [...agent.args] : [],
    env: agent ? { ...agent.env } : {},
    persona: agent ? agent.persona : '',
    source: doc.source,
    revision: doc.revision,
  };
}

export function skillSummary(listing: SkillListing): SkillSummaryDto {
  if (listing.ok) return { name: listing.skill.name, description: listing.skill.description, scope: listing.skill.scope };
  return { name: listing.broken.name, description: '', scope: listing.broken.scope, error: listing.broken.error };
}

export function skillDetail(doc: SkillDocument): SkillDetailDto {
  const summary = skillSummary(doc.listing);
  return { ...summary, body: doc.listing.ok ? doc.listing.skill.body : '', source: doc.source, revision: doc.revision };
}

export function profileDto(profile: Profile): ProfileDto {
  return {
    id: profile.id,
    name: profile.name,
    command: profile.command,
    args: [...profile.args],
    env: { ...profile.env },
    ...(profile.detect !== undefined ? { detect: profile.detect } : {}),
    inject: profile.inject.kind === 'args' ? { kind: 'args', args: [...profile.inject.args] } : { ...profile.inject },
    ...(profile.projectAccessArgs !== undefined ? { projectAccessArgs: [...profile.projectAccessArgs] } : {}),
    status: { needsInput: [...profile.status.needsInput], busy: [...profile.status.busy] },
    ...(profile.resume !== undefined ? { resume: { args: [...profile.resume.args] } } : {}),
    builtin: profile.builtin,
  };
}

export function sessionDto(session: SessionInfo): SessionDto {
  return {
    id: session.id,
    agent: session.agent,
    agentName: session.agentName,
    profile: session.profile,
    pid: session.pid,
    cwd: session.cwd,
    status: session.status,
    ...(session.exitCode !== undefined ? { exitCode: session.exitCode } : {}),
    ...(session.reason !== undefined ? { reason: session.reason } : {}),
    startedAt: session.startedAt,
    cols: session.size.cols,
    rows: session.size.rows,
    missingSkills: [...session.missingSkills],
  };
}

export function sendOutcomeDto(outcome: SendOutcome): SendOutcomeDto {
  switch (outcome.outcome) {
    case 'sent':
      return { id: outcome.id, agent: outcome.agent, outcome: 'sent' };
    case 'queued':
      return { id: outcome.id, agent: outcome.agent, outcome: 'queued', status: outcome.status };
    case 'skipped':
      return { id: outcome.id, ...(outcome.agent !== undefined ? { agent: outcome.agent } : {}), outcome: 'skipped', reason: outcome.reason };
  }
}

export function orphanDto(record: ProcessRecord): OrphanDto {
  return { pid: record.pid, agent: record.agent, project: record.project, startedAt: record.startedAt };
}

export function turnSummaryDto(turn: TurnSummary): TurnSummaryDto {
  return {
    number: turn.number,
    ...given({ startedAt: turn.startedAt, endedAt: turn.endedAt, prompt: turn.prompt }),
    hasEvents: turn.hasEvents,
    undone: turn.undone,
  };
}

export function fileChangeDto(change: FileChange): FileChangeDto {
  return { path: change.path, status: change.status, added: change.added, removed: change.removed, binary: change.binary };
}

export function leftOutDto(leftOut: LeftOut): LeftOutDto {
  return {
    tooLarge: leftOut.tooLarge.map((t) => ({ path: t.path, bytes: t.bytes })),
    ignored: [...leftOut.ignored],
    nestedRepositories: [...leftOut.nestedRepositories],
    truncated: leftOut.truncated,
  };
}

export function patchDto(patch: Patch): PatchDto {
  return { text: patch.text, truncated: patch.truncated };
}

export function layoutDto(layout: Layout): LayoutDto {
  // The domain layout and the contract's are the same tree; the result schema re-checks it.
  return withoutRelaunch(layout) as LayoutDto;
}
