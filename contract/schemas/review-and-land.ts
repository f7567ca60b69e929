import { z } from 'zod';

/** Review and land: checkpoints per turn, a worktree agent's branch, landing it. */

/** A path inside a checkout as git names it: relative, `/`-separated. */
export const repoPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'a path holds no NUL');
export const turnNumber = z.number().int().min(1).max(1_000_000_000);
export const patchBytes = z.number().int().min(1024).max(5 * 1024 * 1024);
/** A git remote by name (never an option or a URL). */
export const remoteName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'not a remote name');
export const commitMessage = z.string().max(100_000);
export const objectId = z.string().regex(/^[0-9a-f]{40,64}$/, 'not a git object id');
export const many = 100_000;

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
export const landingStrategy = z.enum(['fast-forward', 'merge', 'rebase']);
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
/** What removing a worktree agent's worktree and branch would take away; any file or commit listed stops it. */
export const WorktreeRemovalDto = z.object({
  path: z.string(),
  branch: z.string(),
  tip: z.string().optional(),
  uncommitted: z.array(z.string()).max(many),
  commits: z.array(z.object({ id: z.string(), subject: z.string() })).max(many),
});
export const OverlapsDto = z.object({
  agents: z.array(z.object({ slug: z.string(), files: z.array(z.string()).max(many) })),
  overlaps: z.array(z.object({ agents: z.tuple([z.string(), z.string()]), files: z.array(z.string()).max(many) })),
});

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
export type WorktreeRemovalDto = z.infer<typeof WorktreeRemovalDto>;
