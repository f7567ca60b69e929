import { describe, expect, it } from 'vitest';
import { agentDto, openProject, sessionDto } from '../testing/world';
import { startContextWarnings } from './context-warnings';

async function world() {
  const { api, stores } = await openProject({ agents: [agentDto('reviewer')], sessions: [sessionDto('s1', 'reviewer'), sessionDto('s2', 'reviewer', { status: 'exited', startedAt: 0 })] });
  const desktop: string[] = [];
  const stop = startContextWarnings({
    usage: stores.usage, sessions: stores.sessions, agents: stores.agents, layout: stores.layout, notifications: stores.notifications,
    env: { desktop: ({ title }) => (desktop.push(title), true) },
  });
  const titles = () => stores.notifications.getState().toasts.map((t) => t.title);
  return { api, stores, desktop, stop, titles };
}

describe('context warnings', () => {
  it('announces an agent past 80 % of its context once, however often its CLI reports it', async () => {
    const { api, titles, stop } = await world();
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 79 }] });
    expect(titles()).toEqual([]);
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 81.4 }] });
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 90 }] });
    expect(titles()).toEqual(['Reviewer has used 81% of its context']);
    stop();
  });

  it('says nothing for an agent whose CLI reports no context', async () => {
    const { api, titles, stop } = await world();
    api.emit('sessions.usage', { sessions: [{ id: 's1', cpuPercent: 99, rssBytes: 10 }] });
    expect(titles()).toEqual([]);
    stop();
  });

  it('also notifies on the desktop when the user turned desktop notifications on', async () => {
    const { api, stores, desktop, stop } = await world();
    stores.notifications.setState((s) => ({ settings: { ...s.settings, desktop: true } }));
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 85 }] });
    expect(desktop).toEqual(['Reviewer has used 85% of its context']);
    stop();
  });
});
