import { describe, expect, it } from 'vitest';
import type { TerminalAttachment, TerminalSink, TesseraApi } from '../contract/api';
import type { MethodName, Response } from '../contract/contract';
import type { ClientControl, ServerControl } from '../contract/terminal-stream';
import type { Disposable } from '../domain/ports/disposable';
import type { HostApi, HostEvent, TerminalClient, TerminalClientLink } from '../server/host-api';

/**
 * One behaviour for both client transports: the web one (JSON-RPC and a WebSocket per terminal)
 * and the desktop one (Electron IPC and a MessagePort per terminal). Each runner puts its transport
 * in front of a ScriptedHost, through the real server side of that transport.
 */

/** One attach of a terminal as the host saw it. */
export interface HostLink {
  readonly sessionId: string;
  readonly client: TerminalClient;
  readonly received: ClientControl[];
  detached: boolean;
}

/** A HostApi that answers calls from a script and records every terminal attach and message. */
export class ScriptedHost implements HostApi {
  readonly calls: Array<{ readonly method: MethodName; readonly params: unknown }> = [];
  readonly links: HostLink[] = [];
  /** Sessions that exist; attaching to any other is refused. */
  readonly sessions = new Set<string>(['s1', 's2']);
  answer: (method: MethodName, params: unknown) => Response<unknown> = () => ({ ok: true, value: [] });
  private readonly listeners = new Set<(event: HostEvent) => void>();

  async call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    this.calls.push({ method, params });
    return this.answer(method, params);
  }

  onEvent(listener: (event: HostEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    if (!this.sessions.has(sessionId)) return undefined;
    const link: HostLink = { sessionId, client, received: [], detached: false };
    this.links.push(link);
    return { receive: (message) => void link.received.push(message), detach: () => void (link.detached = true) };
  }

  linksOf(sessionId: string): HostLink[] {
    return this.links.filter((link) => link.sessionId === sessionId);
  }
}

export interface TransportWorld {
  readonly api: TesseraApi;
  readonly host: ScriptedHost;
  /** The server side drops every open terminal connection, as a network blip or a closed port would. */
  dropTerminals(): void;
  dispose(): Promise<void>;
}

/** What a sink was handed, in order. */
class RecordingSink implements TerminalSink {
  readonly seen: string[] = [];
  readonly exits: Array<{ code?: number; reason?: string }> = [];
  bytes = 0;
  snapshot(data: string, screenOnly?: boolean): void {
    this.seen.push(`snapshot:${data}${screenOnly ? ':screen' : ''}`);
  }
  data(bytes: Uint8Array): void {
    this.bytes += bytes.byteLength;
    this.seen.push(`data:${new TextDecoder().decode(bytes)}`);
  }
  exit(info: { code?: number; reason?: string }): void {
    this.exits.push(info);
    this.seen.push('exit');
  }
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const acks = (link: HostLink): number[] => link.received.flatMap((m) => (m.t === 'ack' ? [m.bytes] : []));
const inputs = (link: HostLink): string[] => link.received.flatMap((m) => (m.t === 'input' ? [m.data] : []));

async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sends `marker` as input and waits for the host to get it: whatever was sent before it has arrived too. */
async function roundTrip(attachment: TerminalAttachment, link: HostLink, marker: string): Promise<void> {
  attachment.input(marker);
  await until(() => inputs(link).includes(marker), `the marker ${marker}`);
}

export function transportContract(name: string, make: () => Promise<TransportWorld>): void {
  describe(`Transport contract: ${name}`, () => {
    async function attached(sessionId = 's1') {
      const world = await make();
      const sink = new RecordingSink();
      const attachment = world.api.attachTerminal(sessionId, sink);
      const link = await until(() => world.host.linksOf(sessionId)[0], 'the attach');
      link.client.sendControl({ t: 'snapshot', data: 'screen' });
      await until(() => sink.seen.length > 0, 'the snapshot');
      return { world, sink, attachment, link };
    }

    it('answers a call with the host\'s contract response, errors keeping their kind', async () => {
      const world = await make();
      try {
        world.host.answer = (method) => (method === 'agents.list' ? { ok: true, value: [] } : { ok: false, error: { kind: 'no-project', message: 'Open a project first.' } });
        expect(await world.api.call('agents.list', {})).toEqual({ ok: true, value: [] });
        expect(await world.api.call('skills.list', {})).toEqual({ ok: false, error: { kind: 'no-project', message: 'Open a project first.' } });
        expect(world.host.calls.map((c) => c.method)).toEqual(['agents.list', 'skills.list']);
      } finally {
        await world.dispose();
      }
    });

    it('hands each host event to the listeners of that event only', async () => {
      const world = await make();
      try {
        const heard: string[] = [];
        world.api.on('agents.changed', () => heard.push('agents'));
        const off = world.api.on('skills.changed', () => heard.push('skills'));
        off();
        // A call answered means the transport is connected: events from before that may not reach it.
        await world.api.call('agents.list', {});
        world.host.emit({ name: 'skills.changed', payload: {} });
        world.host.emit({ name: 'agents.changed', payload: {} });
        await until(() => heard.length > 0, 'the agents event');
        expect(heard).toEqual(['agents']);
      } finally {
        await world.dispose();
      }
    });

    it('delivers the snapshot, then output and the exit, in order', async () => {
      const { world, sink, link } = await attached();
      try {
        link.client.sendBytes(encode('one '));
        link.client.sendBytes(encode('two'));
        link.client.sendControl({ t: 'exit', code: 3 } satisfies ServerControl);
        await until(() => sink.exits.length > 0, 'the exit');
        expect(sink.seen).toEqual(['snapshot:screen', 'data:one ', 'data:two', 'exit']);
        expect(sink.exits).toEqual([{ code: 3 }]);
      } finally {
        await world.dispose();
      }
    });

    it('sends the acks of one turn as one message, never crediting more than it was sent', async () => {
      const { world, sink, attachment, link } = await attached();
      try {
        for (const chunk of ['aaaa', 'bbbb', 'cccc']) link.client.sendBytes(encode(chunk));
        await until(() => sink.bytes === 12, 'the output');
        attachment.ack('screen'.length);
        attachment.ack(4);
        attachment.ack(4);
        attachment.ack(4000);
        await new Promise((resolve) => setTimeout(resolve, 0));
        await roundTrip(attachment, link, 'after-acks');
        expect(acks(link)).toEqual(['screen'.length + 12]);
      } finally {
        await world.dispose();
      }
    });

    it('sends the credit of dropped output before the skip', async () => {
      const { world, sink, attachment, link } = await attached();
      try {
        link.client.sendBytes(encode('flood'));
        await until(() => sink.bytes === 5, 'the output');
        attachment.ack('screen'.length + 5);
        attachment.skip();
        await until(() => link.received.some((m) => m.t === 'skip'), 'the skip');
        expect(link.received).toEqual([{ t: 'ack', bytes: 11 }, { t: 'skip' }]);
      } finally {
        await world.dispose();
      }
    });

    it('keeps what is typed before the terminal is connected, in order, with the last size only', async () => {
      const world = await make();
      try {
        const attachment = world.api.attachTerminal('s1', new RecordingSink());
        attachment.resize(80, 24);
        attachment.input('a');
        attachment.input('b');
        attachment.resize(100.7, 30);
        const link = await until(() => world.host.linksOf('s1')[0], 'the attach');
        await until(() => inputs(link).length === 2, 'the typed input');
        expect(link.received).toEqual([{ t: 'resize', cols: 100, rows: 30 }, { t: 'input', data: 'a' }, { t: 'input', data: 'b' }]);
      } finally {
        await world.dispose();
      }
    });

    it('attaches again after the connection drops, and the new one gets a fresh snapshot and the typing', async () => {
      const { world, sink, attachment, link } = await attached();
      try {
        world.dropTerminals();
        const again = await until(() => world.host.linksOf('s1')[1], 'the second attach');
        await until(() => link.detached, 'the first link to be detached');
        again.client.sendControl({ t: 'snapshot', data: 'fresh' });
        await until(() => sink.seen.includes('snapshot:fresh'), 'the fresh snapshot');
        await roundTrip(attachment, again, 'typed-after');
        expect(sink.seen).toEqual(['snapshot:screen', 'snapshot:fresh']);
      } finally {
        await world.dispose();
      }
    });

    it('does not credit the new connection for output of the dropped one', async () => {
      const { world, sink, attachment, link } = await attached();
      try {
        link.client.sendBytes(encode('before-the-drop'));
        await until(() => sink.bytes === 15, 'the output');
        world.dropTerminals();
        const again = await until(() => world.host.linksOf('s1')[1], 'the second attach');
        // Wait until the transport is connected again (its typing arrives) before the view acks.
        await roundTrip(attachment, again, 'connected');
        again.client.sendControl({ t: 'snapshot', data: 'fresh' });
        await until(() => sink.seen.includes('snapshot:fresh'), 'the fresh snapshot');
        // The view acks what it parsed in order: the old snapshot and output, then the fresh snapshot.
        attachment.ack('screen'.length + 15);
        attachment.ack('fresh'.length);
        await new Promise((resolve) => setTimeout(resolve, 0));
        await roundTrip(attachment, again, 'after-acks');
        expect(acks(again)).toEqual(['fresh'.length]);
        expect(acks(link)).toEqual([]);
      } finally {
        await world.dispose();
      }
    });

    it('stays detached once the session exited, or once the view closed it', async () => {
      const world = await make();
      try {
        const exitedSink = new RecordingSink();
        world.api.attachTerminal('s1', exitedSink);
        const exitedLink = await until(() => world.host.linksOf('s1')[0], 'the attach of s1');
        exitedLink.client.sendControl({ t: 'exit', code: 0 });
        await until(() => exitedSink.exits.length > 0, 'the exit');
        const closed = world.api.attachTerminal('s2', new RecordingSink());
        const closedLink = await until(() => world.host.linksOf('s2')[0], 'the attach of s2');
        closed.close();
        await until(() => closedLink.detached, 'the closed link to be detached');
        // A witness on the same transport: once it has attached again, the others would have too.
        world.host.sessions.add('witness');
        world.api.attachTerminal('witness', new RecordingSink());
        await until(() => world.host.linksOf('witness')[0], 'the witness');
        world.dropTerminals();
        await until(() => world.host.linksOf('witness')[1], 'the witness to attach again');
        expect(world.host.linksOf('s1')).toHaveLength(1);
        expect(world.host.linksOf('s2')).toHaveLength(1);
      } finally {
        await world.dispose();
      }
    });

    it('ends an attach to a session that does not exist with an exit that says why', async () => {
      const world = await make();
      try {
        const sink = new RecordingSink();
        world.api.attachTerminal('nobody', sink);
        await until(() => sink.exits.length > 0, 'the exit');
        expect(sink.exits[0]?.reason).toContain('nobody');
      } finally {
        await world.dispose();
      }
    });
  });
}
