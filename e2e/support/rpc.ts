import WebSocket from 'ws';
import type { Page } from '@playwright/test';
import type { AppDriver } from './fixtures';
import type { Host } from './host';

/**
 * Calls the public automation API the way any script would: JSON-RPC over the web host's
 * WebSocket with its token, or `window.tessera` in the desktop app. Specs use it to read what a
 * terminal shows (`sessions.snapshot`) without reaching into the renderer.
 */
export async function rpc<T = unknown>(app: AppDriver, method: string, params: object = {}): Promise<T> {
  if (app.host) return hostRpc<T>(app.host, method, params);
  return valueOf<T>(method, await ipcCall(app.page, method, params));
}

/** The same call straight to a web host a script started itself (no page, no driver). */
export async function hostRpc<T = unknown>(host: Host, method: string, params: object = {}): Promise<T> {
  return valueOf<T>(method, await wsCall(host.url, host.origin, method, params));
}

function valueOf<T>(method: string, response: unknown): T {
  const typed = response as { ok: boolean; value?: T; error?: { kind: string; message: string } };
  if (!typed.ok) throw new Error(`${method} failed: ${typed.error?.kind}: ${typed.error?.message}`);
  return typed.value as T;
}

function wsCall(url: string, origin: string, method: string, params: object): Promise<unknown> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/rpc?token=${encodeURIComponent(u.searchParams.get('token') ?? '')}`, { origin });
  return new Promise((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id !== 1) return;
      ws.close();
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    });
    ws.on('error', reject);
  });
}

function ipcCall(page: Page, method: string, params: object): Promise<unknown> {
  return page.evaluate(
    ([m, p]) => (window as unknown as { tessera: { call(m: string, p: object): Promise<unknown> } }).tessera.call(m, p),
    [method, params] as const,
  );
}

interface SessionLike {
  id: string;
  agentName: string;
  status: string;
}

/** The screen text of the live session of the agent with this display name. */
export async function screenOf(app: AppDriver, agentName: string): Promise<string> {
  const sessions = await rpc<SessionLike[]>(app, 'sessions.list');
  const session = sessions.find((s) => s.agentName === agentName && s.status !== 'exited' && s.status !== 'failed');
  if (!session) return '';
  const { text } = await rpc<{ text: string }>(app, 'sessions.snapshot', { id: session.id });
  return text;
}

/**
 * Records every notification the web host pushes (e.g. `sessions.changed`) from now until `close`,
 * as a second client would see them. Web target only.
 */
export async function watchEvents(app: AppDriver): Promise<{ events: Array<{ method: string; params: unknown }>; close(): void }> {
  if (!app.host) return watchIpcEvents(app.page);
  const u = new URL(app.host.url);
  const ws = new WebSocket(`ws://${u.host}/rpc?token=${encodeURIComponent(u.searchParams.get('token') ?? '')}`, { origin: app.host.origin });
  const events: Array<{ method: string; params: unknown }> = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; method?: string; params?: unknown };
    if (msg.id === undefined && msg.method) events.push({ method: msg.method, params: msg.params });
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { events, close: () => ws.close() };
}

const WATCHED = ['agents.changed', 'skills.changed', 'layout.changed', 'project.changed', 'sessions.changed', 'agents.restarting'];

/** The desktop app has no socket to listen on: subscribe through window.tessera in the page and collect. */
async function watchIpcEvents(page: Page): Promise<{ events: Array<{ method: string; params: unknown }>; close(): void }> {
  await page.evaluate((names) => {
    const w = window as unknown as { __e2eEvents: unknown[]; tessera: { on(e: string, l: (p: unknown) => void): () => void } };
    w.__e2eEvents = [];
    for (const method of names) w.tessera.on(method, (params) => w.__e2eEvents.push({ method, params }));
  }, WATCHED);
  const events: Array<{ method: string; params: unknown }> = [];
  let open = true;
  const drain = async () => {
    while (open) {
      const got = await page
        .evaluate(() => (window as unknown as { __e2eEvents: Array<{ method: string; params: unknown }> }).__e2eEvents.splice(0))
        .catch(() => []);
      events.push(...got);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  void drain();
  return { events, close: () => { open = false; } };
}
