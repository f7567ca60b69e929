/**
 * The limit beside Tessera: the same bytes parsed and painted by bare xterm.js terminals in the same
 * Chromium, fed from this process over local WebSockets, with no host, mirror, stream or React in the
 * way. The page (page.ts) is bundled with esbuild from node_modules when the bench starts.
 *
 * Each terminal gets the output a PTY gave for the same command, chunk by chunk as node-pty read it,
 * one chunk a frame, within a credit window like the host's: a chunk is sent while less than `windowBytes`
 * is unacknowledged, and the page acknowledges bytes once xterm has parsed them (its write callback).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BareSetup, BareTerminalState, BareXtermApi } from './page';

export type { BareSetup, BareTerminalSpec, BareTerminalState } from './page';

/** Unacknowledged bytes allowed per terminal: the host's credit window. */
const WINDOW_BYTES = 256 * 1024;

export interface BareRun {
  readonly terminals: readonly BareTerminalState[];
  /** Per terminal, ms from the first byte sent to the last byte acknowledged. */
  readonly doneMs: readonly number[];
  /** Per terminal, the visible rows once every byte was parsed. */
  readonly screens: readonly string[];
}

export interface BareXterm {
  readonly url: string;
  /** Opens the page in `page`, builds `setup`'s terminals and streams `chunks` to every one of them at once. */
  run(page: Page, setup: BareSetup, chunks: readonly Uint8Array[]): Promise<BareRun>;
  close(): Promise<void>;
}

async function bundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'bare-xterm',
    logLevel: 'warning',
  });
  const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}

const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>bare xterm.js</title>
<link rel="stylesheet" href="/page.css"><style>html,body{margin:0;background:#181818;overflow:hidden}.xterm{height:100%}</style>
</head><body><script type="module" src="/page.js"></script></body></html>`;

export async function startBareXterm(): Promise<BareXterm> {
  const { js, css } = await bundle();
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: HTML },
    '/page.js': { type: 'text/javascript', body: js },
    '/page.css': { type: 'text/css', body: css },
  };
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    res.end(file?.body ?? 'not found');
  });
  const sockets = new Map<number, WebSocket>();
  const wss = new WebSocketServer({ server, path: '/feed' });
  wss.on('connection', (socket, req) => {
    const index = Number(new URL(req.url ?? '', 'http://localhost').searchParams.get('terminal'));
    sockets.set(index, socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const stream = (socket: WebSocket, chunks: readonly Uint8Array[], start: number): Promise<number> => {
    const total = chunks.reduce((sum, c) => sum + c.length, 0);
    let next = 0;
    let unacked = 0;
    let acked = 0;
    return new Promise((resolve, reject) => {
      const pump = () => {
        while (unacked < WINDOW_BYTES && next < chunks.length) {
          const chunk = chunks[next++]!;
          unacked += chunk.length;
          socket.send(chunk);
        }
      };
      socket.on('message', (data) => {
        const bytes = Number(String(data));
        unacked -= bytes;
        acked += bytes;
        if (acked >= total) resolve(performance.now() - start);
        else pump();
      });
      socket.once('close', () => {
        if (acked < total) reject(new Error(`bare xterm: a terminal's socket closed after ${acked} of ${total} bytes`));
      });
      pump();
    });
  };

  return {
    url,
    async run(page, setup, chunks) {
      sockets.clear();
      await page.goto(url);
      const terminals = await page.evaluate(
        (s) => (window as unknown as { __bareXterm: BareXtermApi }).__bareXterm.setup(s),
        setup,
      );
      if (sockets.size !== setup.terminals.length) throw new Error(`bare xterm: ${sockets.size} of ${setup.terminals.length} sockets connected`);
      const start = performance.now();
      const doneMs = await Promise.all([...sockets.keys()].sort((a, b) => a - b).map((index) => stream(sockets.get(index)!, chunks, start)));
      const screens: string[] = [];
      for (let index = 0; index < terminals.length; index++) {
        screens.push(await page.evaluate((i) => (window as unknown as { __bareXterm: BareXtermApi }).__bareXterm.screen(i), index));
      }
      return { terminals, doneMs, screens };
    },
    async close() {
      for (const socket of sockets.values()) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
