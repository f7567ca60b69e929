import { useState, type ReactNode } from 'react';
import { isLive, latestSession, agentStatus } from '../../stores/sessions-store';
import { missingSkillsOf, missingSkillsSentence } from '../../stores/missing-skills';
import { canResume, restartAgent, statusDetail } from '../../stores/agent-actions';
import { useAppActions } from '../shell/AppActions';
import { OverlapNotice } from '../changes/overlaps';
import { Icons } from '../widgets/icons';
import { IconButton } from '../widgets/IconButton';
import { AgentIcons } from '../widgets/agent-icons';
import { titleWith } from '../shell/shortcuts';
import { AttentionBadge } from '../widgets/AttentionBadge';
import { ApprovalRequest } from '../widgets/ApprovalRequest';
import { StatusBadge } from '../widgets/StatusBadge';
import { AgentUsage, ProjectUsage } from '../widgets/AgentUsage';
import { useAgents, useApp, useNotifications, useProject, useSessions, useSkills, useTheme } from '../shell/StoresContext';

export function Sidebar(props: { onNewAgent: () => void; onNewSkill: () => void; onOpenFolder: () => void; onPalette: () => void }) {
  const project = useProject((s) => s.project);
  const agentOrder = useAgents((s) => s.order);
  const agentsLoaded = useAgents((s) => s.loaded);
  const agentsError = useAgents((s) => s.error);
  const skillOrder = useSkills((s) => s.order);
  const skillsLoaded = useSkills((s) => s.loaded);
  const theme = useTheme((s) => s.theme);
  const toggleTheme = useTheme((s) => s.toggle);

  return (
    <nav className="sidebar" aria-label="Project">
      <header className="sidebar-project">
        <div className="project-text">
          <span className="eyebrow">Project</span>
          <h1 className="project-name" title={project?.root}>
            {project?.name}
          </h1>
        </div>
        <IconButton label="Open folder" title="Open folder…" onClick={props.onOpenFolder}>
          <Icons.folder />
        </IconButton>
      </header>

      <SidebarSection
        id="agents"
        title="Agents"
        tools={
          <>
            <ProjectUsage />
            <SendButton />
          </>
        }
        newLabel="New agent"
        onNew={props.onNewAgent}
        error={agentsError}
        empty={agentsLoaded && agentOrder.length === 0 ? 'No agents yet — create one with New agent.' : undefined}
      >
        {agentOrder.map((slug) => (
          <AgentRow key={slug} slug={slug} />
        ))}
      </SidebarSection>

      <SidebarSection
        id="skills"
        title="Skills"
        newLabel="New skill"
        onNew={props.onNewSkill}
        empty={skillsLoaded && skillOrder.length === 0 ? 'No skills yet — create one with New skill.' : undefined}
      >
        {skillOrder.map((key) => (
          <SkillRow key={key} skillKey={key} />
        ))}
      </SidebarSection>

      <footer className="sidebar-footer">
        <button type="button" className="footer-button" onClick={props.onPalette} title={titleWith('Command palette', 'palette')}>
          <Icons.command />
          <span>Commands</span>
        </button>
        <IconButton label="Toggle theme" title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={toggleTheme}>
          {theme === 'dark' ? <Icons.sun /> : <Icons.moon />}
        </IconButton>
      </footer>
    </nav>
  );
}

/** A titled list of the sidebar (agents, skills): its New button, an error, and a note when it is empty. */
function SidebarSection(props: { id: string; title: string; tools?: ReactNode; newLabel: string; onNew: () => void; error?: string | undefined; empty?: string | undefined; children: ReactNode }) {
  const headingId = `${props.id}-heading`;
  return (
    <section className="sidebar-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{props.title}</h2>
        {props.tools}
        <IconButton label={props.newLabel} onClick={props.onNew}>
          <Icons.plus />
        </IconButton>
      </div>
      {props.error ? <p className="section-note error-text">{props.error}</p> : null}
      {props.empty !== undefined ? (
        <p className="section-note">{props.empty}</p>
      ) : (
        <ul className="rows" aria-label={props.title}>
          {props.children}
        </ul>
      )}
    </section>
  );
}

function AgentRow({ slug }: { slug: string }) {
  const app = useApp();
  const actions = useAppActions();
  const agent = useAgents((s) => s.byId[slug]);
  const status = useSessions((s) => agentStatus(s, slug));
  const session = useSessions((s) => latestSession(s, slug));
  const attention = useNotifications((s) => s.attention[slug]);
  const resumable = useProject((s) => canResume(s.profiles, session?.profile ?? agent?.profile));
  const [error, setError] = useFailureOf(agent, isLive(session));
  const skills = useSkills((s) => s.byId);
  const missing = agent && !agent.error ? missingSkillsOf(agent, skills) : [];
  const [busy, setBusy] = useState(false);
  if (!agent) return null;

  const launch = async () => {
    setError(undefined);
    setBusy(true);
    const response = await app.launcher.show(slug);
    setBusy(false);
    if (!response.ok) setError(response.error.message);
  };

  const restart = async (resume: boolean) => {
    if (!session) return;
    setError(undefined);
    setBusy(true);
    const failure = await restartAgent(app.sessions, session, resume);
    setBusy(false);
    if (failure) setError(failure);
    else app.layout.getState().openTerminal(slug);
  };

  return (
    <li className={`row agent-row${agent.error ? ' broken' : ''}${attention ? ' has-attention' : ''}`}>
      <div className="row-main">
        <StatusBadge status={status} compact detail={statusDetail(session)} />
        <span className="row-name" title={`${agent.name} · ${agent.profile} · ${agent.workspace}${agent.restart === 'on-failure' ? ' · restarts on failure' : ''}`}>
          {agent.name}
        </span>
        {attention ? <AttentionBadge kind={attention} compact /> : null}
        <AgentUsage agent={slug} name={agent.name} className="row-usage" />
        <span className="row-meta">{agent.profile}</span>
        <span className="row-actions">
          {session && resumable ? (
            <IconButton label={`Resume ${agent.name}`} title={`Resume ${agent.name} (continue its last conversation)`} onClick={() => void restart(true)} disabled={busy} className="row-secondary">
              <AgentIcons.resume />
            </IconButton>
          ) : null}
          {session ? (
            <IconButton label={`Restart ${agent.name}`} title={`Restart ${agent.name}`} onClick={() => void restart(false)} disabled={busy} className="row-secondary">
              <Icons.restart />
            </IconButton>
          ) : null}
          <IconButton label={`Launch ${agent.name}`} title={isLive(latestSession(app.sessions.getState(), slug)) ? `Show ${agent.name}` : `Launch ${agent.name}`} onClick={() => void launch()} disabled={busy || !!agent.error}>
            <Icons.play />
          </IconButton>
          <IconButton label={`Show changes of ${agent.name}`} title={`Show the changes of ${agent.name}`} onClick={() => actions.openChanges(slug)} className="row-secondary">
            <AgentIcons.changes />
          </IconButton>
          <IconButton label="Edit persona" title={`Edit persona of ${agent.name} (.tessera/agents/${slug}.md)`} onClick={() => app.layout.getState().openEditor({ kind: 'agent', slug })}>
            <Icons.edit />
          </IconButton>
        </span>
      </div>
      {agent.error ? <p className="row-error">{agent.error}</p> : null}
      {missing.length > 0 ? <p className="row-warning">{missingSkillsSentence(missing, 'launches')}</p> : null}
      {error ? <p className="row-error">{error}</p> : null}
      <OverlapNotice agent={slug} compact />
      {session?.approval && isLive(session) ? <ApprovalRequest session={session} name={agent.name} compact /> : null}
    </li>
  );
}

/**
 * A launch or restart failure of one agent, shown while it still holds: it is dropped once the
 * agent's file changes (the user fixed its workspace or profile) or one of its sessions runs.
 */
/**
 * A launch failure holds while the agent is as it was when it failed and is not running. "As it was"
 * is its content, not the object: the list is refetched whole on any change in the agents folder, and
 * an agent that did not change keeps its failure.
 */
function useFailureOf(agent: unknown, running: boolean): [string | undefined, (message: string | undefined) => void] {
  const [failure, setFailure] = useState<{ message: string; agent: string }>();
  const now = JSON.stringify(agent ?? null);
  const holds = failure !== undefined && failure.agent === now && !running;
  return [holds ? failure.message : undefined, (message) => setFailure(message === undefined ? undefined : { message, agent: now })];
}

function SendButton() {
  const actions = useAppActions();
  const running = useSessions((s) => s.order.some((id) => isLive(s.byId[id])));
  return (
    <IconButton label="Send to agents" title={running ? 'Send a message to several agents…' : 'Send to agents (no agent is running)'} onClick={() => actions.openSendToAgents()} disabled={!running}>
      <AgentIcons.send />
    </IconButton>
  );
}

function SkillRow({ skillKey }: { skillKey: string }) {
  const app = useApp();
  const skill = useSkills((s) => s.byId[skillKey]);
  if (!skill) return null;
  return (
    <li className={`row skill-row${skill.error ? ' broken' : ''}`}>
      <button
        type="button"
        className="row-button"
        aria-label={`Edit skill ${skill.name}`}
        title={skill.description || skill.name}
        onClick={() => app.layout.getState().openEditor({ kind: 'skill', name: skill.name, scope: skill.scope })}
      >
        <span className="row-name">{skill.name}</span>
        {skill.scope === 'global' ? <span className="row-meta">global</span> : null}
        <span className="row-description">{skill.error ?? skill.description}</span>
      </button>
    </li>
  );
}
