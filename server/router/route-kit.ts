import { err, ok, type DomainError, type Result } from '../../domain/result';
import type { CreateAgent } from '../../application/create-agent';
import type { CreateSkill } from '../../application/create-skill';
import type { DeleteAgent } from '../../application/delete-agent';
import type { DeleteSkill } from '../../application/delete-skill';
import type { DiscardAgentChanges, PreviewDiscard } from '../../application/discard-agent-changes';
import type { FindOrphans, KillOrphans } from '../../application/find-orphans';
import type { FindOverlaps } from '../../application/find-overlaps';
import type { GetAgent } from '../../application/get-agent';
import type { GetLayout } from '../../application/get-layout';
import type { GetSkill } from '../../application/get-skill';
import type { ImportAgents } from '../../application/import-agents';
import type { KillSession } from '../../application/kill-session';
import type { CheckLanding, CommitAgentWork, DraftLandingMessage, LandAgent } from '../../application/land-agent';
import type { ListAgents } from '../../application/list-agents';
import type { ListProfiles } from '../../application/list-profiles';
import type { ListSessions } from '../../application/list-sessions';
import type { ListSkills } from '../../application/list-skills';
import type { Project } from '../../application/open-project';
import type { DescribeProjectTrust, LaunchIfTrusted, SetRelaunchOnOpen, TrustProject } from '../../application/project-trust';
import type { ReadTranscript } from '../../application/read-transcript';
import type { PreviewWorktreeRemoval, RemoveAgentWorktree } from '../../application/remove-agent-worktree';
import type { ResizeSession } from '../../application/resize-session';
import type { RestartSession } from '../../application/restart-session';
import type { GetAgentChangePatch, GetAgentChanges } from '../../application/review-agent-branch';
import type { GetTurnChanges, GetTurnPatch, ListTurns } from '../../application/review-turns';
import type { SaveLayout } from '../../application/save-layout';
import type { SaveProfile } from '../../application/save-profile';
import type { DetectInstalledClis } from '../../application/detect-installed-clis';
import type { SendToAgents } from '../../application/send-to-agents';
import type { OpenPullRequest, PushAgentBranch } from '../../application/share-agent-branch';
import type { SnapshotSession } from '../../application/snapshot-session';
import type { PreviewUndoTurn, UndoTurn } from '../../application/undo-turn';
import type { UpdateAgent } from '../../application/update-agent';
import type { UpdateSkill } from '../../application/update-skill';
import type { WriteToSession } from '../../application/write-to-session';
import type { AnswerApproval } from '../../application/agent-approvals';
import type { MessagingService } from './messaging-handlers';
import type { UsageContext } from './usage-handlers';
import type { ListUsageHistory } from '../../application/list-usage-history';
import type { MethodName, ParsedParams, ResultOf } from '../../contract/contract';

/**
 * What every handler table is written with: the services a handler may call, the handler type,
 * and the helpers that keep each handler one line of translation.
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
  /** Answers an agent's permission request through its hook. */
  readonly answerApproval: Exec<AnswerApproval>;
  /** Reviewing and landing agents' work; where it is not wired its methods answer 'landing-unavailable'. */
  readonly landing?: LandingServices;
  /** Each agent's sessions from the project's usage log; where it is not wired `usage.history` answers 'resources-unavailable'. */
  readonly listUsageHistory?: Exec<ListUsageHistory>;
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
  readonly previewRemoveWorktree: Exec<PreviewWorktreeRemoval>;
  readonly removeWorktree: Exec<RemoveAgentWorktree>;
  readonly overlaps: Exec<FindOverlaps>;
}

/** What the router needs beyond one project: opening projects, and the user-level profiles and recents. */
export interface RouterContext extends UsageContext {
  /** The agent-messaging setting per project and the requests waiting for the user; without it those methods answer 'agent-messaging-unavailable'. */
  readonly messaging?: MessagingService;
  openProject(path: string): Promise<Result<Project, DomainError>>;
  current(): ProjectUseCases | undefined;
  recentProjects(): Promise<readonly { readonly root: string; readonly name: string; readonly openedAt: number }[]>;
  readonly listProfiles: Exec<ListProfiles>;
  readonly saveProfile: Exec<SaveProfile>;
  readonly detectClis: Exec<DetectInstalledClis>;
  /** Agents a crashed earlier Tessera left running, so none is orphaned. */
  readonly findOrphans: Exec<FindOrphans>;
  readonly killOrphans: Exec<KillOrphans>;
  readonly log: (message: string, error?: unknown) => void;
}

export type Handler<M extends MethodName> = (params: ParsedParams<M>, ctx: RouterContext) => Promise<Result<ResultOf<M>, DomainError>>;

/** The handlers of some methods; the router's table of them all is checked for exhaustiveness. */
export type HandlerTable<M extends MethodName = MethodName> = { readonly [K in M]: Handler<K> };

const noProject: DomainError = { kind: 'no-project' };

/** Runs `fn` with the open project's services, or answers 'no-project'. */
export function inProject<M extends MethodName>(fn: (params: ParsedParams<M>, services: ProjectUseCases, ctx: RouterContext) => Promise<Result<ResultOf<M>, DomainError>>): Handler<M> {
  return async (params, ctx) => {
    const services = ctx.current();
    return services ? fn(params, services, ctx) : err(noProject);
  };
}

const landingUnavailable: DomainError = { kind: 'landing-unavailable' };

/** Runs `fn` with the open project's review-and-land use cases, or answers 'no-project' / 'landing-unavailable'. */
export function inLanding<M extends MethodName>(fn: (params: ParsedParams<M>, landing: LandingServices) => Promise<Result<ResultOf<M>, DomainError>>): Handler<M> {
  return inProject<M>(async (params, services) => (services.landing ? fn(params, services.landing) : err(landingUnavailable)));
}

/** Optional fields the caller gave, without the ones it left out. */
export const given = <T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

/** An ok value translated by `f`; an error passed on as it is. */
export const map = <T, U>(result: Result<T, DomainError>, f: (value: T) => U): Result<U, DomainError> => (result.ok ? ok(f(result.value)) : result);

/** The empty answer of a method that only acts. */
export const done = (result: Result<unknown, DomainError>): Result<Record<string, never>, DomainError> => map(result, () => ({}));
