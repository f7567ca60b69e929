import { JsonlUsageLog } from '../../adapters/usage-log/jsonl-usage-log';
import { ListUsageHistory } from '../../application/list-usage-history';
import { UsageRecorder } from '../../application/usage-recorder';
import type { FileTranscriptOptions } from '../../adapters/transcripts/file-transcript';
import type { Project } from '../../application/open-project';
import { DescribeProjectTrust, LaunchIfTrusted, SetRelaunchOnOpen, TrustIfNothingToRun, TrustProject } from '../../application/project-trust';
import { ReadTranscript } from '../../application/read-transcript';
import { SendToAgents } from '../../application/send-to-agents';
import { SessionRecorder } from '../../application/session-recorder';
import { SubmitMessage } from '../../application/submit-message';
import { StatusTracker } from '../../application/status-tracker';
import { Supervisor, type SupervisorEvent } from '../../application/supervisor';
import type { Disposable } from '../../domain/ports/disposable';
import type { BackoffSettings } from '../../domain/restart-policy';
import type { StatusTiming } from '../../domain/status';
import type { ProjectScope } from '../project-scope';
import type { ProjectUseCases } from '../router/router';
import { adapters, type ProcessWiring } from './process-wiring';
import { wireProjectCatalog } from './project-catalog';
import { projectTranscripts, wireProjectSessions } from './project-sessions';
import { isLive } from '../../domain/session';
import { wireLanding } from './landing-wiring';
import { wireApprovals } from './approvals-wiring';

/** What the live session services of the app host may be tuned by (tests shorten the waits). */
export interface LiveSettings {
  readonly statusTiming?: Partial<StatusTiming>;
  readonly backoff?: Partial<BackoffSettings>;
  readonly transcripts?: FileTranscriptOptions;
}

/**
 * Everything the app host keeps for one opened project: catalog, sessions, live watchers, trust
 * around every launch, and the watch of its agent and skill folders.
 */
export async function wireHostProject(proc: ProcessWiring, project: Project, live: LiveSettings, hooks: { readonly onSupervisorEvent: (event: SupervisorEvent) => void }): Promise<ProjectScope> {
  const root = project.root;
  const { trust, scheduler, clock, processRecords, processControl, watcher, usage: usageSources } = adapters(proc);
  const catalog = wireProjectCatalog(proc, root);
  const sessions = wireProjectSessions(proc, catalog);
  const { registry } = sessions;
  const { agents, profiles } = catalog.stores;
  const transcripts = projectTranscripts(proc, root, live.transcripts);
  const tracker = new StatusTracker({ registry, profiles, scheduler, clock, ...(live.statusTiming ? { timing: live.statusTiming } : {}) });
  const supervisor = new Supervisor({
    registry,
    agents,
    launch: sessions.launch,
    scheduler,
    clock,
    ...(live.backoff ? { backoff: live.backoff } : {}),
    onEvent: hooks.onSupervisorEvent,
  });
  const recorder = new SessionRecorder({
    registry,
    projectRoot: root,
    transcripts,
    records: processRecords,
    control: processControl,
    hostPid: proc.hostPid,
    onError: (error) => proc.log('process record write failed', error),
  });
  const sendToAgents = new SendToAgents({ registry, events: catalog.events, submit: new SubmitMessage({ registry, profiles, scheduler }) });
  const landing = wireLanding(adapters(proc).landing, { projectRoot: root, dataDir: proc.dataDir, agents, baseEnv: proc.agentEnv, isRunning: (slug) => registry.list().some((s) => s.agent === slug && isLive(s.status)) });
  const turns = landing.startRecording(catalog.events, (agent, error) => proc.log(`turn checkpoint of ${agent} failed: ${error.kind}`), { channel: adapters(proc).hookChannel, registry });
  const usageLog = new JsonlUsageLog(root);
  const usage = new UsageRecorder({
    events: catalog.events,
    log: usageLog,
    clock,
    scheduler,
    report: (sessionId) => usageSources.report(sessionId),
    onError: (error) => proc.log(`usage log write failed: ${error.message}`),
    agents,
    prices: async () => (await adapters(proc).usageSettings.get()).prices,
  });
  const started: Disposable[] = [tracker.start(), supervisor.start(), recorder.start(), sendToAgents.start(), turns, usage.start()];
  const approvals = wireApprovals({ channel: adapters(proc).hookChannel, registry, tracker, ids: adapters(proc).ids, scheduler });
  started.push(approvals.started);
  const watching = await watcher.watch(root, (folder) => catalog.events.publish({ type: folder === 'agents' ? 'agents.changed' : 'skills.changed' }));

  // A restart waiting on its backoff is called off by whatever the user does to that agent by hand.
  const cancelRestartOf = (id: string) => {
    const info = registry.get(id);
    if (info) supervisor.cancel(info.agent);
  };
  const trustDeps = { projectRoot: root, trust, agents, profiles, settings: sessions.settings, ...(proc.agentTools?.preview ? { agentTools: proc.agentTools.preview } : {}) };
  // Every launch a client asks for goes through trust; the supervisor's restarts of a session that ran already do not.
  const launchIfTrusted = new LaunchIfTrusted({
    ...trustDeps,
    launch: {
      execute: (input) => {
        supervisor.cancel(input.slug);
        return sessions.launch.execute(input);
      },
    },
  });
  const useCases: ProjectUseCases = {
    project,
    ...catalog,
    launchAgent: launchIfTrusted,
    listSessions: sessions.list,
    writeToSession: sessions.write,
    resizeSession: sessions.resize,
    killSession: {
      execute: (input) => {
        cancelRestartOf(input.id);
        return sessions.kill.execute(input);
      },
    },
    restartSession: {
      execute: (input) => {
        cancelRestartOf(input.id);
        return sessions.restart.execute(input);
      },
    },
    snapshotSession: sessions.snapshot,
    sendToAgents,
    readTranscript: new ReadTranscript({ transcripts }),
    describeTrust: new DescribeProjectTrust(trustDeps),
    trustProject: new TrustProject(trustDeps),
    setRelaunchOnOpen: new SetRelaunchOnOpen(trustDeps),
    landing: landing.services,
    answerApproval: approvals.answer,
    listUsageHistory: new ListUsageHistory({ log: usageLog, settings: adapters(proc).usageSettings, clock }),
  };
  return {
    project,
    useCases,
    registry,
    events: catalog.events,
    trustIfNothingToRun: new TrustIfNothingToRun(trustDeps),
    stopWatching: () => {
      // No restart may start while (or after) the sessions are killed.
      supervisor.dispose();
      watching.dispose();
    },
    settle: async () => {
      await turns.settle();
      await recorder.settle();
    },
    dispose: () => {
      for (const disposable of started.splice(0)) disposable.dispose();
    },
  };
}
