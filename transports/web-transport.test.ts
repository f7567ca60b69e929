import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createWebSocketApi } from '../renderer/src/api/websocket-api';
import type { SocketLike } from '../renderer/src/api/socket';
import { startWebServer } from '../server/web/web-server';
import { ScriptedHost, transportContract } from './transport.contract';

/**
 * The web transport as a browser runs it, over the real `tessera web` server on loopback: `ws`
 * stands in for the browser's WebSocket (Node 20 has none), sending the page's Origin.
 */
transportContract('WebSocket (tessera web)', async () => {
  const host = new ScriptedHost();
  const staticDir = mkdtempSync(join(tmpdir(), 'tessera-transport-'));
  const token = 'transport-contract-token';
  const server = await startWebServer(host, { host: '127.0.0.1', port: 0, token, staticDir, log: () => undefined });
  const terminalSockets: WebSocket[] = [];
  const api = createWebSocketApi(server.url, token, {
    backoff: () => 20,
    openSocket: (url) => {
      const socket = new WebSocket(url, { origin: server.origin });
      if (new URL(url).pathname.startsWith('/term/')) terminalSockets.push(socket);
      return socket as unknown as SocketLike;
    },
  });
  return {
    api,
    host,
    // The TCP connection dies under both ends, as when the network goes away.
    dropTerminals: () => {
      for (const socket of terminalSockets.splice(0)) socket.terminate();
    },
    dispose: async () => {
      api.dispose();
      await server.close();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
});
