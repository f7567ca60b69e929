import { z } from 'zod';
import { agentMessagingEvents, agentMessagingMethods } from './agent-messaging';
import { AgentNote } from './agent-tools';
import { approvalMethods } from './approvals';
import { usageEvents, usageMethods } from './usage';
import { AgentDetailDto, AgentSummaryDto, BrokenProfileDto, ProfileDto, ProfileInstallationDto, SkillDetailDto, SkillSummaryDto } from './schemas/agents';
import { cols, rows, scope, skillName, slug, workspace } from './schemas/fields';
import { LayoutChangedEvent, LayoutDto, LayoutSaveParams, layoutRevision } from './schemas/layout';
import { ProjectDto, ProjectTrustDto, RecentProjectDto } from './schemas/project';
import {
  AgentChangesDto,
  commitMessage,
  DiscardPreviewDto,
  landingStrategy,
  LandedDto,
  LandingCheckDto,
  many,
  objectId,
  OverlapsDto,
  PatchDto,
  patchBytes,
  PullRequestDto,
  remoteName,
  repoPath,
  TurnChangesDto,
  turnNumber,
  TurnSummaryDto,
  UndoPreviewDto,
  UndoResultDto,
  WorktreeRemovalDto,
} from './schemas/review-and-land';
import { OrphanDto, SendOutcomeDto, SessionDto } from './schemas/sessions';

/**
 * The one typed contract between the main process and any client. zod schemas are the
 * source of truth; TS types are derived. Method names are the public automation API. Nothing the
 * other side sends is trusted: the router parses every payload with these schemas.
 *
 * This file holds the method table, the events and the types every side shares; the schemas of
 * each area's values live in `schemas/` (agents, sessions, layout, project, review-and-land).
 */

export { AgentDetailDto, AgentSummaryDto, BrokenProfileDto, ProfileDto, ProfileInstallationDto, SkillDetailDto, SkillSummaryDto } from './schemas/agents';
export { LayoutNodeSchema, LayoutDto, LayoutChangedEvent, type LayoutNodeDto } from './schemas/layout';
export { LaunchPreviewDto, ProjectDto, ProjectTrustDto, RecentProjectDto } from './schemas/project';
export {
  AgentChangesDto,
  DiscardPreviewDto,
  FileChangeDto,
  LandedDto,
  LandingCheckDto,
  LeftOutDto,
  OverlapsDto,
  PatchDto,
  PullRequestDto,
  TurnChangesDto,
  TurnSummaryDto,
  UndoPreviewDto,
  UndoResultDto,
  WorktreeRemovalDto,
} from './schemas/review-and-land';
export { OrphanDto, SendOutcomeDto, SessionDto, SessionStatusDto } from './schemas/sessions';

const none = z.object({}).strict().default({});
const done = z.object({});

/** Every method: its params schema and its result schema. */
export const methods = {
  ...usageMethods,
  ...approvalMethods,
  ...agentMessagingMethods,
  'project.open': { params: z.object({ path: z.string().min(1).max(4096) }), result: ProjectDto },
  'project.current': { params: none, result: ProjectDto.nullable() },
  'project.recent': { params: none, result: z.array(RecentProjectDto) },
  'agents.list': { params: none, result: z.array(AgentSummaryDto) },
  'agents.get': { params: z.object({ slug }), result: AgentDetailDto },
  'agents.create': {
    params: z.object({
      name: z.string().max(200),
      profile: z.string().optional(),
      persona: z.string().max(1_000_000).optional(),
      skills: z.array(skillName).max(100).optional(),
      workspace: workspace.optional(),
      /** The frontmatter `restart` policy written into the new persona file; absent means never. */
      restart: z.enum(['never', 'on-failure']).optional(),
    }),
    result: AgentSummaryDto,
  },
  'agents.update': {
    params: z.object({ slug, source: z.string().max(1_000_000), revision: z.string().optional() }),
    result: AgentDetailDto,
  },
  'agents.delete': { params: z.object({ slug }), result: z.object({ trashedTo: z.string() }) },
  'agents.import': {
    params: none,
    result: z.object({ agents: z.array(z.string()), skills: z.array(z.string()), skipped: z.array(z.object({ name: z.string(), reason: z.string() })) }),
  },
  'skills.list': { params: none, result: z.array(SkillSummaryDto) },
  'skills.get': { params: z.object({ name: skillName, scope }), result: SkillDetailDto },
  'skills.create': {
    params: z.object({ name: z.string().max(200), description: z.string().max(2000).default(''), body: z.string().max(1_000_000).default(''), scope: scope.default('project') }),
    result: SkillSummaryDto,
  },
  'skills.update': {
    params: z.object({ name: skillName, scope, source: z.string().max(1_000_000), revision: z.string().optional() }),
    result: SkillDetailDto,
  },
  'skills.delete': { params: z.object({ name: skillName, scope }), result: z.object({ trashedTo: z.string() }) },
  'profiles.list': { params: none, result: z.array(ProfileDto) },
  'profiles.save': { params: z.object({ profile: ProfileDto }), result: ProfileDto },
  'profiles.broken': { params: none, result: z.array(BrokenProfileDto) },
  /** Which profiles' CLIs answer their `detect` command; a profile without one is not listed. */
  'profiles.installed': { params: none, result: z.array(ProfileInstallationDto) },
  /** Trust: `project.trust` marks the current project trusted, so its agents may be launched. */
  'project.trustInfo': { params: none, result: ProjectTrustDto },
  'project.trust': { params: none, result: ProjectTrustDto },
  'project.setRelaunchOnOpen': { params: z.object({ enabled: z.boolean() }), result: ProjectTrustDto },
  'agents.launch': { params: z.object({ slug, cols: cols.default(80), rows: rows.default(24) }), result: SessionDto },
  'sessions.list': { params: none, result: z.array(SessionDto) },
  'sessions.write': { params: z.object({ id: z.string().min(1), data: z.string().max(1_000_000) }), result: done },
  'sessions.resize': { params: z.object({ id: z.string().min(1), cols, rows }), result: done },
  'sessions.kill': { params: z.object({ id: z.string().min(1) }), result: done },
  'sessions.restart': { params: z.object({ id: z.string().min(1), resume: z.boolean().default(false) }), result: SessionDto },
  /** The screen as text; `scrollbackLines` adds up to that many lines that scrolled off above it. */
  'sessions.snapshot': { params: z.object({ id: z.string().min(1), scrollbackLines: z.number().int().min(0).max(100_000).optional() }), result: z.object({ text: z.string() }) },
  'sessions.send': {
    params: z.object({ message: z.string().max(100_000), to: z.union([z.array(z.string().min(1)).max(1000), z.literal('all')]) }),
    result: z.array(SendOutcomeDto),
  },
  'sessions.transcript': {
    params: z.object({ slug, maxBytes: z.number().int().min(0).max(5 * 1024 * 1024).optional() }),
    result: z.object({ text: z.string() }),
  },
  'orphans.list': { params: none, result: z.array(OrphanDto) },
  'orphans.kill': {
    params: z.object({ pids: z.union([z.array(z.number().int().positive()).max(10_000), z.literal('all')]) }),
    result: z.array(OrphanDto),
  },
  /** An agent's recorded turns: what each changed, whose change each file is, and taking a turn back. */
  'turns.list': { params: z.object({ slug }), result: z.array(TurnSummaryDto) },
  'turns.changes': { params: z.object({ slug, turn: turnNumber }), result: TurnChangesDto },
  'turns.patch': { params: z.object({ slug, turn: turnNumber, path: repoPath.optional(), maxBytes: patchBytes.optional(), wholeFile: z.boolean().optional() }), result: PatchDto },
  'turns.previewUndo': { params: z.object({ slug, turn: turnNumber, confirm: z.boolean().default(false) }), result: UndoPreviewDto },
  'turns.undo': { params: z.object({ slug, turn: turnNumber, confirm: z.boolean().default(false), basis: objectId.optional() }), result: UndoResultDto },
  /** A worktree agent's branch: its changes, landing them on the branch it started from, sharing or discarding them. */
  'branch.changes': { params: z.object({ slug }), result: AgentChangesDto },
  'branch.patch': { params: z.object({ slug, path: repoPath.optional(), maxBytes: patchBytes.optional(), wholeFile: z.boolean().optional() }), result: PatchDto },
  'branch.draftMessage': { params: z.object({ slug }), result: z.object({ message: z.string() }) },
  'branch.checkLanding': { params: z.object({ slug, strategy: landingStrategy }), result: LandingCheckDto },
  'branch.land': { params: z.object({ slug, strategy: landingStrategy, message: commitMessage.optional(), mergeMessage: commitMessage.optional() }), result: LandedDto },
  'branch.commit': { params: z.object({ slug, message: commitMessage.min(1) }), result: z.object({ commit: z.string(), files: z.array(z.string()).max(many) }) },
  'branch.push': { params: z.object({ slug, which: z.enum(['agent', 'base']), remote: remoteName.optional() }), result: z.object({ remote: z.string(), branch: z.string() }) },
  'branch.pullRequest': { params: z.object({ slug, title: z.string().min(1).max(1000), body: commitMessage.optional(), remote: remoteName.optional() }), result: PullRequestDto },
  'branch.previewDiscard': { params: z.object({ slug }), result: DiscardPreviewDto },
  'branch.discard': { params: z.object({ slug, confirm: z.literal(true), token: z.string().min(1).max(200) }), result: z.object({ discardedTo: z.string().optional(), resetTo: z.string() }) },
  'branch.previewRemoveWorktree': { params: z.object({ slug }), result: WorktreeRemovalDto },
  'branch.removeWorktree': { params: z.object({ slug }), result: z.object({ removed: z.string(), deletedBranch: z.string().optional() }) },
  /** Files two or more agents both changed, to warn them before either lands. */
  'agents.overlaps': { params: z.object({ slugs: z.array(slug).min(2).max(50) }), result: OverlapsDto },
  'layout.get': {
    params: none,
    // Its revision, and what loading layout.json had to do: repairs made in what is returned, or why it is empty.
    result: LayoutDto.extend({ revision: layoutRevision, repaired: z.array(z.string()).optional(), notLoaded: z.object({ reason: z.string(), backup: z.string().optional() }).optional() }),
  },
  'layout.save': { params: LayoutSaveParams, result: z.object({ revision: layoutRevision }) },
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<(typeof methods)[M]['result']>;

/** Errors keep their kind across the boundary: a client decides by `kind`, never by parsing a message. */
export const ErrorDto = z.object({ kind: z.string(), message: z.string() });
export type ErrorDto = z.infer<typeof ErrorDto>;
export type Response<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export const events = {
  ...usageEvents,
  ...agentMessagingEvents,
  'agents.changed': z.object({}),
  'skills.changed': z.object({}),
  'layout.changed': LayoutChangedEvent,
  'project.changed': ProjectDto.nullable(),
  'sessions.changed': SessionDto,
  /** An agent's status message, or a message another agent sent it (agent-tools.ts). */
  'agents.note': AgentNote,
  /** A turn boundary of the agent was recorded: its changes, turns and overlaps are worth reading again. */
  'turns.recorded': z.object({ agent: z.string(), turn: z.number() }),
  /** The restart policy acted on an agent: a restart is scheduled, or it gave up after the maximum. */
  'agents.restarting': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('scheduled'), agent: z.string(), attempt: z.number(), delayMs: z.number() }),
    z.object({ kind: z.literal('gave-up'), agent: z.string(), attempts: z.number() }),
    z.object({ kind: z.literal('restart-failed'), agent: z.string(), attempt: z.number(), message: z.string() }),
  ]),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
