import type { Agent, AgentListing } from '../../domain/agent';
import type { Layout } from '../../domain/layout';
import type { FileChange, LeftOut, Patch } from '../../domain/ports/checkpoints.port';
import type { ProcessRecord } from '../../domain/ports/process-record.port';
import type { Profile } from '../../domain/profile';
import type { SessionInfo } from '../../domain/session';
import type { SkillListing } from '../../domain/skill';
import type { AgentDocument } from '../../application/agent-document';
import type { LayoutToShow } from '../../application/get-layout';
import type { Project } from '../../application/open-project';
import type { ProjectTrustInfo } from '../../application/project-trust';
import type { TurnSummary } from '../../application/review-turns';
import type { SendOutcome } from '../../application/send-to-agents';
import type { SkillDocument } from '../../application/skill-document';
import type {
  AgentDetailDto,
  AgentSummaryDto,
  FileChangeDto,
  LayoutDto,
  LeftOutDto,
  OrphanDto,
  PatchDto,
  ProfileDto,
  ResultOf,
  ProjectDto,
  ProjectTrustDto,
  SendOutcomeDto,
  SessionDto,
  SkillDetailDto,
  SkillSummaryDto,
  TurnSummaryDto,
} from '../../contract/contract';
import { given } from './route-kit';

/** Domain values -> contract shapes: pure translation, no rules. The router's result schemas check what comes out. */

/** Relaunch-on-open is the user's choice in user config: layout.json neither gives it nor keeps it. */
export function withoutRelaunch<T extends { relaunchOnOpen?: boolean }>(layout: T): Omit<T, 'relaunchOnOpen'> {
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
      ...(a.agentTools ? { agentTools: { args: [...a.agentTools.args], server: { command: a.agentTools.server.command, args: [...a.agentTools.server.args] } } } : {}),
    })),
    ...given({ worktreeSetup: info.worktreeSetup, settingsError: info.settingsError }),
  };
}

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
    ...(session.statusSource ? { statusSource: session.statusSource } : {}),
    ...(session.turnsEnded !== undefined ? { turnsEnded: session.turnsEnded } : {}),
    ...(session.approval ? { approval: { ...session.approval } } : {}),
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

export function layoutToShowDto(shown: LayoutToShow): ResultOf<'layout.get'> {
  const { revision, repaired, notLoaded, ...layout } = shown;
  return {
    ...layoutDto(layout),
    revision,
    ...(repaired ? { repaired: [...repaired] } : {}),
    ...(notLoaded ? { notLoaded: { ...notLoaded } } : {}),
  };
}
