import { describe, expect, it } from 'vitest';
import type { ProjectTrustDto, Response, SessionDto } from '../../../contract/contract';
import { FakeApi } from '../testing/fake-api';
import { createTrustPrompts, trustGate } from './trust-gate';

const info = (trusted: boolean): ProjectTrustDto => ({
  root: '/p',
  trusted,
  relaunchOnOpen: false,
  agents: [{ slug: 'bot', name: 'Bot', command: '/bin/sh', args: ['-c', 'x'], envKeys: ['TOKEN'] }],
});

function world(trustedOnServer = false) {
  const api = new FakeApi();
  let trusted = trustedOnServer;
  api.answer('project.trustInfo', () => ({ ok: true, value: info(trusted) }));
  api.answer('project.trust', () => {
    trusted = true;
    return { ok: true, value: info(true) };
  });
  const launches: string[] = [];
  const launch = async (agent: string): Promise<Response<SessionDto>> => {
    launches.push(agent);
    if (!trusted) return { ok: false, error: { kind: 'project-untrusted', message: 'nothing was run' } };
    return { ok: true, value: { id: 's1', agent } as SessionDto };
  };
  const prompts = createTrustPrompts();
  return { api, prompts, launches, gated: trustGate({ api, prompts })(launch) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('trustGate', () => {
  it('asks before the first launch in an untrusted project, then trusts and launches on yes', async () => {
    const { api, prompts, launches, gated } = world();
    const result = gated('bot');
    await tick();
    expect(prompts.getState().request).toEqual({ agent: 'bot', info: info(false) });
    prompts.getState().answer(true);
    expect(await result).toMatchObject({ ok: true, value: { agent: 'bot' } });
    expect(api.callsOf('project.trust')).toHaveLength(1);
    expect(launches).toEqual(['bot', 'bot']);
    expect(prompts.getState().request).toBeNull();
  });

  it('runs nothing and keeps the refusal when the user cancels', async () => {
    const { api, prompts, launches, gated } = world();
    const result = gated('bot');
    await tick();
    prompts.getState().answer(false);
    expect(await result).toMatchObject({ ok: false, error: { kind: 'project-untrusted' } });
    expect(api.callsOf('project.trust')).toEqual([]);
    expect(launches).toEqual(['bot']);
  });

  it('asks once for launches that arrive together', async () => {
    const { prompts, gated } = world();
    const both = Promise.all([gated('bot'), gated('bot')]);
    await tick();
    prompts.getState().answer(true);
    expect((await both).every((r) => r.ok)).toBe(true);
  });

  it('passes other errors through without asking', async () => {
    const api = new FakeApi();
    const prompts = createTrustPrompts();
    const gated = trustGate({ api, prompts })(async () => ({ ok: false, error: { kind: 'agent-not-found', message: 'no' } }));
    expect(await gated('x')).toMatchObject({ ok: false, error: { kind: 'agent-not-found' } });
    expect(prompts.getState().request).toBeNull();
    expect(api.calls).toEqual([]);
  });
});
