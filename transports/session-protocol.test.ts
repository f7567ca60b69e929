import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { socketDuplex, webSocketDuplex } from '../server/session/node-duplex';
import { protocolWorld, sessionProtocolContract } from './session-protocol.contract';

sessionProtocolContract(
  'a Unix socket',
  protocolWorld(async (serve) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-protocol-'));
    const path = join(dir, 'test.sock');
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      serve(socketDuplex(socket));
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    return {
      open: () =>
        new Promise((resolve, reject) => {
          const socket = createConnection(path);
          socket.once('connect', () => resolve(socketDuplex(socket)));
          socket.once('error', reject);
        }),
      close: async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }),
);

sessionProtocolContract(
  'a WebSocket',
  protocolWorld(async (serve) => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (ws) => serve(webSocketDuplex(ws)));
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      open: () =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
          ws.binaryType = 'nodebuffer';
          ws.once('open', () => resolve(webSocketDuplex(ws)));
          ws.once('error', reject);
        }),
      close: async () => {
        for (const client of server.clients) client.terminate();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }),
);
