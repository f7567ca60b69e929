import { z } from 'zod';
import { terminalCols, terminalRows } from './terminal-size';
import { usageEvents, usageMethods } from './usage';

/**
 * The one typed contract between the main process and any client. zod schemas are the
 * source of truth; TS types are derived. Method names are the public automation API. Nothing the
 * other side sends is trusted: the router parses every payload with these schemas.
 */

/** The shape domain/names.ts parseSlug accepts: a name sent here can never be a path. */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const slug = z.string().regex(SLUG_PATTERN, 'not a slug (a-z, 0-9 and -, at most 64)');
const skillName = z.string().regex(SLUG_PATTERN, 'not a skill name (a-z, 0-9 and -, at most 64)');
const scope = z.enum(['project', 'global']);
const workspace = z.enum(['run-dir', 'project', 'worktree']);
const cols = terminalCols;
const rows = terminalRows;
const stringMap = z.record(z.string(), z.string());

export const ProjectDto = z.object({ root: z.string(), name: z.string() });
export const RecentProjectDto = z.object({ root: z.string(), name: z.string(), openedAt: z.number() });

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
  status: z.object({ needsInput: z.array(z.string()), busy: z.array(z.string()) }).default({ needsInput: [], busy: [] }),
  resume: z.object({ args: z.array(z.string()) }).optional(),
  builtin: z.boolean().default(false),
});

export const SessionStatusDto = z.enum(['starting', 'busy', 'idle', 'needs-input', 'exited', 'failed']);
export const SessionDto = z.object({
  id: z.string(),
  agent: z.string(),
  agentName: z.string(),
  profile: z.string(),
  pid: z.number(),
  cwd: z.string(),
  status: SessionStatusDto,
  exitCode: z.number().optional(),
  reason: z.string().optional(),
  startedAt: z.number(),
  cols: z.number(),
  rows: z.number(),
  missingSkills: z.array(z.string()),
});

const editorTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), slug }),
  z.object({ kind: z.literal('skill'), name: skillName, scope }),
]);
const paneContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('terminal'), agent: slug }),
  z.object({ kind: z.literal('editor'), file: editorTarget }),
  z.object({ kind: z.literal('empty') }),
]);
export type LayoutNodeDto =
  | { type: 'pane'; id: string; content: z.infer<typeof paneContent> }
  | { type: 'split'; id: string; direction: 'row' | 'column'; ratio: number; first: LayoutNodeDto; second: LayoutNodeDto };
const paneId = z.string().min(1).max(64);
export const LayoutNodeSchema: z.ZodType<LayoutNodeDto> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('pane'), id: paneId, content: paneContent }),
    z.object({
      type: z.literal('split'),
      id: paneId,
      direction: z.enum(['row', 'column']),
      ratio: z.number().gt(0).lt(1),
      first: LayoutNodeSchema,
      second: LayoutNodeSchema,
    }),
  ]),
);
export const LayoutDto = z.object({
  version: z.literal(1),
  root: LayoutNodeSchema.nullable(),
  focused: paneId.optional(),
  maximized: paneId.optional(),
  /** Read from old files and ignored: relaunching is the user's choice in user config (project.setRelaunchOnOpen). */
  relaunchOnOpen: z.boolean().optional(),
});

/**
 * What launching one agent would run: shown before the first launch in a project the user has not
 * trusted yet. Env values are left out on purpose (they may hold secrets); keys say enough.
 */
export const LaunchPreviewDto = z.object({
  slug: z.string(),
  name: z.string(),
  command: z.string(),
  args: z.array(z.string()),
  envKeys: z.array(z.string()),
  /** What the command line lets the agent do without asking, one sentence each; absent when it grants nothing. */
  grants: z.array(z.string()).optional(),
  /** Set when the agent cannot be launched at all (broken persona, unknown profile). */
  error: z.string().optional(),
});

/** Whether the current project may run its agents, and the user's relaunch-on-open choice for it (user config, not the project). */
export const ProjectTrustDto = z.object({
  root: z.string(),
  trusted: z.boolean(),
  relaunchOnOpen: z.boolean(),
  /** What every agent of the project would run. */
  agents: z.array(LaunchPreviewDto),
  /** The project's set-up command (`.tessera/settings.json`), run in each new worktree before its agent starts. */
  worktreeSetup: z.string().optional(),
  /** Why `.tessera/settings.json` cannot be read. */
  settingsError: z.string().optional(),
});

/** A user profile file that was skipped: where it is and why. */
export const BrokenProfileDto = z.object({ source: z.string(), error: z.string() });

/** What "send to agents" did for one target. */
export const SendOutcomeDto = z.object({
  id: z.string(),
  agent: z.string().optional(),
  outcome: z.enum(['sent', 'queued', 'skipped']),
  /** For `queued`: the status it waits behind (busy, starting, needs-input). */
  status: SessionStatusDto.optional(),
  /** For `skipped`: session-not-found or session-not-live. */
  reason: z.string().optional(),
});

/** A process a previous Tessera started and never ended (it crashed): still running, reported at start. */
export const OrphanDto = z.object({
  pid: z.number(),
  agent: z.string(),
  project: z.string(),
  startedAt: z.number(),
});


// Review and land: checkpoints per turn, a worktree agent's branch, landing it.

/** A path inside a checkout as git names it: relative, `/`-separated. */
const repoPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'a path holds no NUL');
const turnNumber = z.number().int().min(1).max(1_000_000_000);
const patchBytes = z.number().int().min(1024).max(5 * 1024 * 1024);
/** A git remote by name (never an option or a URL). */
const remoteName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'not a remote name');
const commitMessage = z.string().max(100_000);
const objectId = z.string().regex(/^[0-9a-f]{40,64}$/, 'not a git object id');
const many = 100_000;

export const FileChangeDto = z.object({
  path: z.string(),
  status: z.enum(['added', 'modified', 'deleted', 'type-changed']),
  added: z.number(),
  removed: z.number(),
  binary: z.boolean(),
});
export const LeftOutDto = z.object({
  tooLarge: z.array(z.object({ path: z.string(), bytes: z.number() })).max(1000),
  ignored: z.array(z.string()).max(1000),
  nestedRepositories: z.array(z.string()).max(1000),
  truncated: z.boolean(),
});
export const TurnSummaryDto = z.object({
  number: z.number(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  prompt: z.string().max(10_000).optional(),
  /** The agent's events named files in this turn; without them its changes are never counted as its own alone. */
  hasEvents: z.boolean(),
  undone: z.number(),
});
const attribution = z.enum(['agent', 'mixed', 'others']);
export const TurnChangesDto = z.object({
  turn: TurnSummaryDto,
  files: z.array(FileChangeDto.extend({ attribution, alsoBy: z.array(z.string()).max(1000) })).max(many),
  leftOut: LeftOutDto,
  /** False while another agent's overlapping turn in the same tree still runs. */
  settled: z.boolean(),
});
export const PatchDto = z.object({ text: z.string().max(6 * 1024 * 1024), truncated: z.boolean() });
export const UndoPreviewDto = z.object({
  turn: z.number(),
  /** Send it back with turns.undo: the undo is refused if those files changed since. */
  basis: z.string(),
  files: z.array(z.object({ path: z.string(), outcome: z.enum(['restore', 'remove', 'merge', 'unchanged', 'conflict']), effect: z.enum(['write', 'remove', 'keep']), attribution })).max(many),
  needsConfirmation: z.array(z.object({ path: z.string(), reason: z.enum(['mixed', 'later-edit']) })).max(many),
  skipped: z.array(z.object({ path: z.string(), reason: z.enum(['not-this-agent', 'not-recorded']) })).max(many),
  changes: z.array(FileChangeDto).max(many),
  patch: PatchDto,
});
export const UndoResultDto = z.object({ turn: z.number(), written: z.array(z.string()).max(many), removed: z.array(z.string()).max(many), beforeUndo: z.string().optional() });
export const AgentChangesDto = z.object({
  branch: z.string(),
  baseBranch: z.string(),
  baseTip: z.string(),
  forkPoint: z.string(),
  head: z.string(),
  files: z.array(FileChangeDto).max(many),
  uncommitted: z.array(z.string()).max(many),
  leftOut: LeftOutDto,
});
const landingStrategy = z.enum(['fast-forward', 'merge', 'rebase']);
export const LandingCheckDto = z.object({
  branch: z.string(),
  baseBranch: z.string(),
  baseTip: z.string(),
  strategy: landingStrategy,
  toCommit: z.array(FileChangeDto).max(many),
  files: z.array(FileChangeDto).max(many),
  conflicts: z.array(z.string()).max(many),
  blockedBy: z.object({ checkout: z.string(), files: z.array(z.string()).max(many) }).optional(),
  fastForward: z.boolean(),
  leftOut: z.array(z.string()).max(1000),
  ready: z.boolean(),
});
export const LandedDto = z.object({ baseBranch: z.string(), from: z.string(), to: z.string(), strategy: landingStrategy, committed: z.string().optional() });
export const PullRequestDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('opened'), url: z.string() }),
  /** gh is missing or signed out: the command for the user to run. */
  z.object({ kind: z.literal('command'), command: z.array(z.string()), reason: z.enum(['gh-missing', 'gh-signed-out']) }),
]);
export const DiscardPreviewDto = z.object({
  branch: z.string(),
  files: z.array(FileChangeDto).max(many),
  /** Send it back with branch.discard: the discard is refused if the agent's work changed since. */
  token: z.string(),
  tooLarge: z.array(z.string()).max(1000),
});
export const OverlapsDto = z.object({
  agents: z.array(z.object({ slug: z.string(), files: z.array(z.string()).max(many) })),
  overlaps: z.array(z.object({ agents: z.tuple([z.string(), z.string()]), files: z.array(z.string()).max(many) })),
});

const none = z.object({}).strict().default({});
const done = z.object({});

/** Every method: its params schema and its result schema. */
export const methods = {
  ...usageMethods,
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
  'sessions.snapshot': { params: z.object({ id: z.string().min(1) }), result: z.object({ text: z.string() }) },
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
  'turns.patch': { params: z.object({ slug, turn: turnNumber, path: repoPath.optional(), maxBytes: patchBytes.optional() }), result: PatchDto },
  'turns.previewUndo': { params: z.object({ slug, turn: turnNumber, confirm: z.boolean().default(false) }), result: UndoPreviewDto },
  'turns.undo': { params: z.object({ slug, turn: turnNumber, confirm: z.boolean().default(false), basis: objectId.optional() }), result: UndoResultDto },
  /** A worktree agent's branch: its changes, landing them on the branch it started from, sharing or discarding them. */
  'branch.changes': { params: z.object({ slug }), result: AgentChangesDto },
  'branch.patch': { params: z.object({ slug, path: repoPath.optional(), maxBytes: patchBytes.optional() }), result: PatchDto },
  'branch.draftMessage': { params: z.object({ slug }), result: z.object({ message: z.string() }) },
  'branch.checkLanding': { params: z.object({ slug, strategy: landingStrategy }), result: LandingCheckDto },
  'branch.land': { params: z.object({ slug, strategy: landingStrategy, message: commitMessage.optional(), mergeMessage: commitMessage.optional() }), result: LandedDto },
  'branch.commit': { params: z.object({ slug, message: commitMessage.min(1) }), result: z.object({ commit: z.string(), files: z.array(z.string()).max(many) }) },
  'branch.push': { params: z.object({ slug, which: z.enum(['agent', 'base']), remote: remoteName.optional() }), result: z.object({ remote: z.string(), branch: z.string() }) },
  'branch.pullRequest': { params: z.object({ slug, title: z.string().min(1).max(1000), body: commitMessage.optional(), remote: remoteName.optional() }), result: PullRequestDto },
  'branch.previewDiscard': { params: z.object({ slug }), result: DiscardPreviewDto },
  'branch.discard': { params: z.object({ slug, confirm: z.literal(true), token: z.string().min(1).max(200) }), result: z.object({ discardedTo: z.string().optional(), resetTo: z.string() }) },
  'branch.removeWorktree': { params: z.object({ slug }), result: z.object({ removed: z.string(), deletedBranch: z.string().optional() }) },
  /** Files two or more agents both changed, to warn them before either lands. */
  'agents.overlaps': { params: z.object({ slugs: z.array(slug).min(2).max(50) }), result: OverlapsDto },
  'layout.get': {
    params: none,
    // What loading layout.json had to do: repairs made in what is returned, or why it is empty.
    result: LayoutDto.extend({ repaired: z.array(z.string()).optional(), notLoaded: z.object({ reason: z.string(), backup: z.string().optional() }).optional() }),
  },
  'layout.save': { params: z.object({ layout: LayoutDto }), result: done },
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<(typeof methods)[M]['result']>;

/** Errors keep their kind across the boundary (STYLE: never stringified). */
export const ErrorDto = z.object({ kind: z.string(), message: z.string() });
export type ErrorDto = z.infer<typeof ErrorDto>;
export type Response<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export const events = {
  ...usageEvents,
  'agents.changed': z.object({}),
  'skills.changed': z.object({}),
  'layout.changed': z.object({}),
  'project.changed': ProjectDto.nullable(),
  'sessions.changed': SessionDto,
  /** The restart policy acted on an agent: a restart is scheduled, or it gave up after the maximum. */
  'agents.restarting': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('scheduled'), agent: z.string(), attempt: z.number(), delayMs: z.number() }),
    z.object({ kind: z.literal('gave-up'), agent: z.string(), attempts: z.number() }),
    z.object({ kind: z.literal('restart-failed'), agent: z.string(), attempt: z.number(), message: z.string() }),
  ]),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export type ProjectDto = z.infer<typeof ProjectDto>;
export type RecentProjectDto = z.infer<typeof RecentProjectDto>;
export type AgentSummaryDto = z.infer<typeof AgentSummaryDto>;
export type AgentDetailDto = z.infer<typeof AgentDetailDto>;
export type SkillSummaryDto = z.infer<typeof SkillSummaryDto>;
export type SkillDetailDto = z.infer<typeof SkillDetailDto>;
export type ProfileDto = z.infer<typeof ProfileDto>;
export type SessionDto = z.infer<typeof SessionDto>;
export type SessionStatusDto = z.infer<typeof SessionStatusDto>;
export type LayoutDto = z.infer<typeof LayoutDto>;
export type SendOutcomeDto = z.infer<typeof SendOutcomeDto>;
export type OrphanDto = z.infer<typeof OrphanDto>;
export type LaunchPreviewDto = z.infer<typeof LaunchPreviewDto>;
export type ProjectTrustDto = z.infer<typeof ProjectTrustDto>;
export type BrokenProfileDto = z.infer<typeof BrokenProfileDto>;
export type FileChangeDto = z.infer<typeof FileChangeDto>;
export type LeftOutDto = z.infer<typeof LeftOutDto>;
export type TurnSummaryDto = z.infer<typeof TurnSummaryDto>;
export type TurnChangesDto = z.infer<typeof TurnChangesDto>;
export type PatchDto = z.infer<typeof PatchDto>;
export type UndoPreviewDto = z.infer<typeof UndoPreviewDto>;
export type UndoResultDto = z.infer<typeof UndoResultDto>;
export type AgentChangesDto = z.infer<typeof AgentChangesDto>;
export type LandingCheckDto = z.infer<typeof LandingCheckDto>;
export type LandedDto = z.infer<typeof LandedDto>;
export type PullRequestDto = z.infer<typeof PullRequestDto>;
export type DiscardPreviewDto = z.infer<typeof DiscardPreviewDto>;
export type OverlapsDto = z.infer<typeof OverlapsDto>;
