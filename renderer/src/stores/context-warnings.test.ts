import { describe, expect, it } from 'vitest';
import { agentDto, openProject, sessionDto } from '../testing/world';
import { startContextWarnings } from './context-warnings';

async function world() {
  const { api, stores } = await openProject({ agents: [agentDto('reviewer')], sessions: [sessionDto('s1', 'reviewer'), sessionDto('s2', 'reviewer', { status: 'exited', startedAt: 0 })] });
  const desktop: string[] = [];
  const stop = startContextWarnings({
    usage: stores.usage, sessions: stores.sessions, agents: stores.agents, layout: stores.layout, notifications: stores.notifications, settings: stores.usageSettings,
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

  it("follows the user's threshold: quiet at 70 % under 80, announced once the user lowers it to 60, and not again", async () => {
    const { api, stores, titles, stop } = await world();
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 70 }] });
    expect(titles()).toEqual([]);
    api.answer('usage.settings.save', (settings) => ({ ok: true, value: settings }));
    expect(await stores.usageSettings.getState().save({ contextWarningPercent: 60, prices: {} })).toBeUndefined();
    expect(titles()).toEqual(['Reviewer has used 70% of its context']);
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 75 }] });
    expect(titles()).toEqual(['Reviewer has used 70% of its context']);
    stop();
  });

  it("reads the user's threshold from the host when the app starts", async () => {
    const { api, stores, titles, stop } = await world();
    api.answer('usage.settings.get', { contextWarningPercent: 95, prices: {} });
    await stores.usageSettings.getState().refresh();
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 90 }] });
    expect(titles()).toEqual([]);
    api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 96 }] });
    expect(titles()).toEqual(['Reviewer has used 96% of its context']);
    stop();
  });
});
