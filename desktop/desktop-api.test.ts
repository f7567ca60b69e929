import { describe, expect, it } from 'vitest';
import { createDesktopApi, type IpcRendererLike, type RendererPort } from './desktop-api';
import { IPC } from './ipc-channels';

/** ipcRenderer as the transport sees it, recording what it is asked to do. */
function recordingIpc() {
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, (event: { readonly ports: readonly RendererPort[] }, message: unknown) => void>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => void invoked.push({ channel, args }),
    send: (channel, ...args) => void sent.push({ channel, args }),
    on: (channel, listener) => listeners.set(channel, listener),
  };
  return { ipc, sent, invoked, listeners };
}

describe('the desktop transport', () => {
  it('gives the page a fixed surface of functions, and no IPC object', () => {
    const api = createDesktopApi(recordingIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(['attachTerminal', 'call', 'kind', 'on', 'openExternal', 'pickFolder']);
    for (const key of ['call', 'on', 'attachTerminal', 'pickFolder', 'openExternal'] as const) expect(typeof api[key]).toBe('function');
    const attachment = createDesktopApi(recordingIpc().ipc).attachTerminal('s1', { snapshot: () => undefined, data: () => undefined, exit: () => undefined });
    expect(Object.keys(attachment).sort()).toEqual(['ack', 'close', 'input', 'resize', 'skip']);
  });

  it('uses only its own channels, and hands openExternal a string', async () => {
    const { ipc, sent, invoked } = recordingIpc();
    const api = createDesktopApi(ipc);
    await api.call('agents.list', {});
    await api.openExternal?.({ toString: () => 'https://example.com/' } as unknown as string);
    api.attachTerminal('s1', { snapshot: () => undefined, data: () => undefined, exit: () => undefined });
    expect(invoked).toEqual([
      { channel: IPC.call, args: [{ method: 'agents.list', params: {} }] },
      { channel: IPC.openExternal, args: ['https://example.com/'] },
    ]);
    expect(sent).toEqual([{ channel: IPC.attachTerminal, args: [{ sessionId: 's1', requestId: 0 }] }]);
  });

  it('closes a port nobody asked for instead of keeping it', () => {
    const { ipc, listeners } = recordingIpc();
    createDesktopApi(ipc);
    let closed = false;
    const port = { postMessage: () => undefined, start: () => undefined, close: () => void (closed = true), addEventListener: () => undefined } as RendererPort;
    listeners.get(IPC.terminalPort)?.({ ports: [port] }, { requestId: 41 });
    expect(closed).toBe(true);
  });
});
