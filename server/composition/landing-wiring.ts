import { RecordWorktreeBase } from '../../application/agent-branch';
import { locateAgentWorkTree } from '../../application/agent-work-tree';
import { DiscardAgentChanges, PreviewDiscard } from '../../application/discard-agent-changes';
import { FindOverlaps } from '../../application/find-overlaps';
import { CheckLanding, CommitAgentWork, DraftLandingMessage, LandAgent } from '../../application/land-agent';
import { PruneCheckpoints } from '../../application/prune-checkpoints';
import { RecordTurnBoundary } from '../../application/record-turn-boundary';
import { PreviewWorktreeRemoval, RemoveAgentWorktree } from '../../application/remove-agent-worktree';
import { GetAgentChangePatch, GetAgentChanges } from '../../application/review-agent-branch';
import { GetTurnChanges, GetTurnPatch, ListTurns } from '../../application/review-turns';
import { OpenPullRequest, PushAgentBranch } from '../../application/share-agent-branch';
import { StatusTurnBoundaries, TurnBoundaryRecorder } from '../../application/turn-boundaries';
import { TurnTouchedFiles } from '../../application/turn-touched-files';
import type { SessionRegistry } from '../../application/session-registry';
import { PreviewUndoTurn, UndoTurn } from '../../application/undo-turn';
import { PrepareAgentWorktree, ReadProjectSettings } from '../../application/worktree-setup';
import type { AgentHookChannel } from '../../domain/ports/agent-hooks.port';
import type { AgentStore } from '../../domain/ports/agent-store.port';
import type { GitBranches } from '../../domain/ports/branches.port';
import type { WorkingTreeCheckpoints } from '../../domain/ports/checkpoints.port';
import type { Clock } from '../../domain/ports/clock.port';
import type { CommandRunner } from '../../domain/ports/command-runner.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { EventBus } from '../../domain/ports/event-bus.port';
import type { FileSystem } from '../../domain/ports/file-system.port';
import type { GitWorktrees } from '../../domain/ports/git.port';
import type { PullRequests } from '../../domain/ports/pull-requests.port';
import type { LandingServices } from '../router/route-kit';

/**
 * The review-and-land use cases of one project, built from the adapters the composition root
 * made (this module builds none). Three parts, each used where it belongs:
 *
 * - `worktreeSetup`: the project's settings and a new worktree's preparation (its base recorded,
 *   its set-up command run), which LaunchAgent runs before a worktree agent starts, and which the
 *   trust question shows;
 * - `services`: what the router serves (turns, a worktree agent's branch, landing, overlaps);
 * - `startRecording`: turn boundaries from the sessions' status, recorded as checkpoints.
 */

export interface LandingPorts {
  readonly fs: FileSystem;
  readonly git: GitWorktrees;
  readonly checkpoints: WorkingTreeCheckpoints;
  readonly branches: GitBranches;
  readonly pullRequests: PullRequests;
  readonly runner: CommandRunner;
  readonly clock: Clock;
}

export interface LandingScope {
  readonly projectRoot: string;
  /** `<config>/tessera`, under which worktree agents' worktrees live. */
  readonly dataDir: string;
  readonly agents: AgentStore;
  /** The environment a set-up command inherits. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Whether a session of the agent is live (its worktree is then not removed). */
  readonly isRunning?: (slug: string) => boolean;
}

export interface WorktreeSetupWiring {
  readonly settings: ReadProjectSettings;
  readonly prepare: PrepareAgentWorktree;
}

/** Where a project's settings are read and its new worktrees prepared. */
export function wireWorktreeSetup(ports: LandingPorts, scope: LandingScope): WorktreeSetupWiring {
  const settings = new ReadProjectSettings({ fs: ports.fs, projectRoot: scope.projectRoot });
  const recordBase = new RecordWorktreeBase({ checkpoints: ports.checkpoints, branches: ports.branches, clock: ports.clock });
  return { settings, prepare: new PrepareAgentWorktree({ fs: ports.fs, projectRoot: scope.projectRoot, runner: ports.runner, baseEnv: scope.baseEnv, settings, recordBase }) };
}

export interface LandingWiring {
  readonly services: LandingServices;
  readonly record: RecordTurnBoundary;
  /**
   * Records each turn boundary on `events` (status busy <-> idle, and any `turns.boundary` a hook
   * publishes). `onError` hears failures other than a project outside git, which has no checkpoints.
   * With `hooks`, a turn's end carries the files its agent's own tool events named in the turn.
   */
  startRecording(
    events: EventBus,
    onError: (agent: string, error: { readonly kind: string }) => void,
    hooks?: { readonly channel: AgentHookChannel | undefined; readonly registry: SessionRegistry },
  ): Disposable & { settle(): Promise<void> };
}

export function wireLanding(ports: LandingPorts, scope: LandingScope): LandingWiring {
  const deps = {
    projectRoot: scope.projectRoot,
    agents: scope.agents,
    git: ports.git,
    dataDir: scope.dataDir,
    join: (...segments: string[]) => ports.fs.join(...segments),
    checkpoints: ports.checkpoints,
    branches: ports.branches,
    clock: ports.clock,
  };
  const prune = new PruneCheckpoints(deps);
  const record = new RecordTurnBoundary({ ...deps, prune });
  const services: LandingServices = {
    listTurns: new ListTurns(deps),
    turnChanges: new GetTurnChanges(deps),
    turnPatch: new GetTurnPatch(deps),
    previewUndo: new PreviewUndoTurn(deps),
    undoTurn: new UndoTurn(deps),
    agentChanges: new GetAgentChanges(deps),
    agentPatch: new GetAgentChangePatch(deps),
    draftMessage: new DraftLandingMessage(deps),
    checkLanding: new CheckLanding(deps),
    land: new LandAgent(deps),
    commit: new CommitAgentWork(deps),
    push: new PushAgentBranch(deps),
    pullRequest: new OpenPullRequest({ ...deps, pullRequests: ports.pullRequests }),
    previewDiscard: new PreviewDiscard(deps),
    discard: new DiscardAgentChanges(deps),
    previewRemoveWorktree: new PreviewWorktreeRemoval(deps),
    removeWorktree: new RemoveAgentWorktree({ ...deps, ...(scope.isRunning ? { isRunning: scope.isRunning } : {}) }),
    overlaps: new FindOverlaps(deps),
  };
  return {
    services,
    record,
    startRecording(events, onError, hooks) {
      const boundaries = new StatusTurnBoundaries(events).start();
      const shellEffects = {
        checkpoints: ports.checkpoints,
        workTreeOf: async (agent: string) => {
          const located = await locateAgentWorkTree(deps, agent);
          return located.ok ? located.value.top : undefined;
        },
      };
      const touched = hooks ? new TurnTouchedFiles({ ...(hooks.channel ? { channel: hooks.channel } : {}), registry: hooks.registry, events, shellEffects }) : undefined;
      const touching = touched?.start();
      const recorder = new TurnBoundaryRecorder({
        events,
        record,
        ...(touched ? { touched } : {}),
        onError: (agent, error) => {
          if (error.kind !== 'not-a-git-repository') onError(agent, error);
        },
      });
      const recording = recorder.start();
      return {
        settle: () => recorder.settle(),
        dispose: () => {
          boundaries.dispose();
          recording.dispose();
          touching?.dispose();
        },
      };
    },
  };
}
