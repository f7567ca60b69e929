import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import type { AgentRequestOutcome } from '../contract/agent-messaging';
import { agentMessaging, agentMessagingPath, AgentMessagingService } from './agent-messaging';
import type { HostEvent } from './host-api';

let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'tessera-messaging-'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

function world(timeoutMs = 10_000) {
  const scheduler = new ManualScheduler();
  const published: Array<{ root: string; event: HostEvent }> = [];
  let next = 0;
  const messaging = new AgentMessagingService({
    configDir,
    clock: scheduler,
    scheduler,
    publish: (root, event) => published.push({ root, event }),
    timeoutMs,
    newId: () => `r${++next}`,
  });
  return { scheduler, published, messaging };
}

/** The outcome once it is known, undefined while the request still waits. */
function track(promise: Promise<AgentRequestOutcome>): { outcome?: AgentRequestOutcome } {
  const seen: { outcome?: AgentRequestOutcome } = {};
  void promise.then((outcome) => (seen.outcome = outcome));
  return seen;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('agent messaging setting', () => {
  it('is off for a project the file does not name, and for a file that does not parse', () => {
    expect(agentMessaging(configDir, '/p')).toBe('off');
    mkdirSync(join(configDir, 'tessera'));
    writeFileSync(agentMessagingPath(configDir), '{"projects": {"/p": "always"}}');
    expect(agentMessaging(configDir, '/p')).toBe('off');
  });

  it("keeps each project's setting in the user's config, 0600, and tells the project's views", () => {
    const { messaging, published } = world();
    expect(messaging.set('/a', 'ask')).toEqual({ ok: true, value: 'ask' });
    expect(messaging.set('/b', 'on')).toEqual({ ok: true, value: 'on' });
    expect(JSON.parse(readFileSync(agentMessagingPath(configDir), 'utf8'))).toEqual({ projects: { '/a': 'ask', '/b': 'on' } });
    expect(statSync(agentMessagingPath(configDir)).mode & 0o777).toBe(0o600);
    expect(messaging.setting('/a')).toBe('ask');
    expect(published).toEqual([
      { root: '/a', event: { name: 'agentMessaging.changed', payload: { setting: 'ask' } } },
      { root: '/b', event: { name: 'agentMessaging.changed', payload: { setting: 'on' } } },
    ]);
  });
});

describe('a request under "ask"', () => {
  it("is shown to the project's views with the caller, the target and the text, and waits for the answer", async () => {
    const { messaging, published } = world();
    const outcome = track(messaging.ask('/a', { from: 'lead', to: 'worker', kind: 'send', text: 'take the parser' }));
    expect(published).toEqual([
      { root: '/a', event: { name: 'agentMessaging.requested', payload: { id: 'r1', from: 'lead', to: 'worker', kind: 'send', text: 'take the parser', at: 1_700_000_000_000, expiresAt: 1_700_000_010_000 } } },
    ]);
    expect(messaging.waiting('/a')).toHaveLength(1);
    expect(messaging.waiting('/b')).toEqual([]);
    await flush();
    expect(outcome.outcome).toBeUndefined();
    expect(messaging.answer('/a', 'r1', true)).toEqual({ ok: true, value: undefined });
    await flush();
    expect(outcome.outcome).toBe('allowed');
    expect(messaging.waiting('/a')).toEqual([]);
    expect(published.at(-1)).toEqual({ root: '/a', event: { name: 'agentMessaging.settled', payload: { id: 'r1', outcome: 'allowed' } } });
  });

  it('is denied by a no, and cannot be answered twice', async () => {
    const { messaging } = world();
    const outcome = track(messaging.ask('/a', { from: 'lead', to: 'helper', kind: 'launch' }));
    expect(messaging.answer('/a', 'r1', false).ok).toBe(true);
    expect(messaging.answer('/a', 'r1', true)).toMatchObject({ ok: false, error: { kind: 'agent-request-gone' } });
    await flush();
    expect(outcome.outcome).toBe('denied');
  });

  it("cannot be answered from another project's view", async () => {
    const { messaging } = world();
    const outcome = track(messaging.ask('/a', { from: 'lead', to: 'worker', kind: 'launch' }));
    expect(messaging.answer('/b', 'r1', true)).toMatchObject({ ok: false, error: { kind: 'agent-request-gone' } });
    await flush();
    expect(outcome.outcome).toBeUndefined();
    expect(messaging.waiting('/a')).toHaveLength(1);
  });

  it('is refused when nobody answers in time, and the views stop showing it', async () => {
    const { messaging, scheduler, published } = world(5_000);
    const outcome = track(messaging.ask('/a', { from: 'lead', to: 'worker', kind: 'send', text: 'x' }));
    scheduler.advance(4_999);
    await flush();
    expect(outcome.outcome).toBeUndefined();
    scheduler.advance(1);
    await flush();
    expect(outcome.outcome).toBe('timed-out');
    expect(published.at(-1)?.event).toEqual({ name: 'agentMessaging.settled', payload: { id: 'r1', outcome: 'timed-out' } });
    expect(scheduler.pending).toBe(0);
  });

  it('follows the setting when the user turns it on or off while requests wait', async () => {
    const { messaging } = world();
    const first = track(messaging.ask('/a', { from: 'lead', to: 'worker', kind: 'launch' }));
    const other = track(messaging.ask('/b', { from: 'lead', to: 'worker', kind: 'launch' }));
    messaging.set('/a', 'on');
    await flush();
    expect(first.outcome).toBe('allowed');
    expect(other.outcome).toBeUndefined();
    messaging.set('/b', 'off');
    await flush();
    expect(other.outcome).toBe('denied');
  });

  it('is denied when the host stops', async () => {
    const { messaging, scheduler } = world();
    const outcome = track(messaging.ask('/a', { from: 'lead', to: 'worker', kind: 'launch' }));
    messaging.dispose();
    await flush();
    expect(outcome.outcome).toBe('denied');
    expect(scheduler.pending).toBe(0);
  });
});
