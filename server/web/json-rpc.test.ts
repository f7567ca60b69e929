import { describe, expect, it } from 'vitest';
import type { MethodName, Response } from '../../contract/contract';
import { eventNotification, handleRpcText, tooLargeReply } from './json-rpc';

function recordingHost() {
  const calls: Array<{ method: MethodName; params: unknown }> = [];
  return {
    calls,
    async call(method: MethodName, params: unknown): Promise<Response<unknown>> {
      calls.push({ method, params });
      return { ok: false, error: { kind: 'no-project', message: 'No project is open.' } };
    },
  };
}

describe('JSON-RPC handling', () => {
  it('wraps the contract Response as the result, keeping the error kind', async () => {
    const host = recordingHost();
    const reply = await handleRpcText(host, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'agents.list' }));
    expect(JSON.parse(reply ?? '')).toEqual({ jsonrpc: '2.0', id: 1, result: { ok: false, error: { kind: 'no-project', message: 'No project is open.' } } });
    expect(host.calls).toEqual([{ method: 'agents.list', params: {} }]);
  });

  it('runs a notification without replying', async () => {
    const host = recordingHost();
    expect(await handleRpcText(host, JSON.stringify({ jsonrpc: '2.0', method: 'sessions.write', params: { id: 'a', data: 'x' } }))).toBeUndefined();
    expect(host.calls).toHaveLength(1);
  });

  it('answers a batch with one reply per request, in order', async () => {
    const host = recordingHost();
    const reply = await handleRpcText(
      host,
      JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'agents.list' },
        { jsonrpc: '2.0', id: 'b', method: 'no.such' },
      ]),
    );
    expect(JSON.parse(reply ?? '')).toMatchObject([{ id: 'a', result: { ok: false } }, { id: 'b', error: { code: -32601 } }]);
  });

  it('refuses a request that is not an object or has a bad id', async () => {
    const host = recordingHost();
    expect(JSON.parse((await handleRpcText(host, '42')) ?? '')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(JSON.parse((await handleRpcText(host, JSON.stringify({ jsonrpc: '2.0', id: {}, method: 'agents.list' }))) ?? '')).toMatchObject({
      id: null,
      error: { code: -32600 },
    });
    expect(host.calls).toEqual([]);
  });

  it('does not treat an inherited property name as a method', async () => {
    const host = recordingHost();
    const reply = await handleRpcText(host, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'constructor' }));
    expect(JSON.parse(reply ?? '')).toMatchObject({ error: { code: -32601 } });
  });

  it('turns an event into a notification', () => {
    expect(JSON.parse(eventNotification({ name: 'project.changed', payload: { root: '/p', name: 'p' } }))).toEqual({
      jsonrpc: '2.0',
      method: 'project.changed',
      params: { root: '/p', name: 'p' },
    });
  });
});

describe('a request too large to read', () => {
  it('is answered for its id, found in the first bytes, with a kind the client can branch on', () => {
    const head = JSON.stringify({ jsonrpc: '2.0', id: 41, method: 'sessions.write', params: { id: 's', data: 'x'.repeat(300) } }).slice(0, 256);
    expect(JSON.parse(tooLargeReply(head, 20 * 1024 * 1024, 8 * 1024 * 1024))).toEqual({
      jsonrpc: '2.0',
      id: 41,
      error: { code: -32600, message: 'The request is too large (20.0 MB; at most 8.0 MB).', data: { kind: 'request-too-large' } },
    });
    expect(JSON.parse(tooLargeReply('{"id":"a-1","method":"x"', 9e6, 8e6)).id).toBe('a-1');
  });

  it('is answered for no id when none comes first', () => {
    expect(JSON.parse(tooLargeReply('{"method":"x","params":{"id":3}', 9e6, 8e6)).id).toBeNull();
    expect(JSON.parse(tooLargeReply('xxxx', 9e6, 8e6)).id).toBeNull();
  });
});
