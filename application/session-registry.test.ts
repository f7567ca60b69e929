import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import type { SessionInfo } from '../domain/session';
import { SessionRegistry } from './session-registry';

function setup() {
  const events = new RecordingEventBus();
  const mirrors = new PlainTextMirrorFactory();
  const registry = new SessionRegistry({ mirrors, events });
  const pty = new FakePtyPort().define('agent');
  const start = (id: string, agent = 'rev', startedAt = 1): SessionInfo => {
    const spawned = pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 40, rows: 5 } });
    if (!spawned.ok) throw new Error('spawn');
    return registry.add(
      { id, agent, agentName: 'Rev', profile: 'fake', pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt, size: { cols: 40, rows: 5 }, missingSkills: [] },
      spawned.value,
    );
  };
  return { events, mirrors, registry, pty, start };
}

describe('SessionRegistry', () => {
  it('moves a session from starting to busy on its first output, announcing it once', () => {
    const { registry, pty, events, start } = setup();
    start('a');
    pty.last().emit('hello');
    pty.last().emit(' again');
    expect(registry.get('a')?.status).toBe('busy');
    expect(events.published.map((e) => e.type === 'sessions.changed' && e.session.status)).toEqual(['busy']);
  });

  it('writes every output chunk to the mirror before its listeners see it', async () => {
    const { registry, pty, start } = setup();
    start('a');
    const screens: Promise<string | undefined>[] = [];
    registry.onOutput('a', () => screens.push(registry.screenText('a')));
    pty.last().emit('line one\r\n');
    expect((await screens[0])?.split('\n')[0]).toBe('line one');
  });

  it('answers the queries in the output from the mirror, once each, without telling input listeners', async () => {
    const { registry, pty, start } = setup();
    start('a');
    const typed: string[] = [];
    registry.onInput('a', (data) => typed.push(data));
    pty.last().emit('ab\x1b[c\x1b[6n');
    await registry.screenText('a');
    expect(pty.last().written).toEqual(['\x1b[?1;2c', '\x1b[1;3R']);
    expect(typed).toEqual([]);
  });

  it('reports the modes the program set, for an unknown session nothing', async () => {
    const { registry, pty, start } = setup();
    start('a');
    pty.last().emit('\x1b[?2004h');
    expect(await registry.modes('a')).toEqual({ bracketedPaste: true, alternateScreen: false, focusEvents: false });
    expect(await registry.modes('nope')).toBeUndefined();
  });

  it('records the exit code, announces it and tells late exit listeners at once', () => {
    const { registry, pty, events, start } = setup();
    start('a');
    const exits: unknown[] = [];
    registry.onExit('a', (e) => exits.push(e));
    pty.last().exit(7);
    expect(registry.get('a')).toMatchObject({ status: 'exited', exitCode: 7 });
    expect(events.published.at(-1)).toMatchObject({ type: 'sessions.changed', session: { status: 'exited', exitCode: 7 } });
    registry.onExit('a', (e) => exits.push(e));
    expect(exits).toEqual([{ code: 7 }, { code: 7 }]);
  });

  it('gives the live session of an agent, and none once it has exited', () => {
    const { registry, pty, start } = setup();
    start('a', 'rev');
    expect(registry.liveForAgent('rev')?.id).toBe('a');
    pty.last().exit(0);
    expect(registry.liveForAgent('rev')).toBeUndefined();
    expect(registry.get('a')?.status).toBe('exited');
  });

  it('replaces an agent’s ended session when it starts again, disposing the old mirror', () => {
    const { registry, pty, mirrors, start } = setup();
    start('a', 'rev');
    pty.last().exit(0);
    start('b', 'rev', 2);
    expect(registry.list().map((s) => s.id)).toEqual(['b']);
    expect(mirrors.created[0]?.disposed).toBe(true);
  });

  it('resizes the PTY and the mirror together and keeps the new size on the session', () => {
    const { registry, pty, mirrors, start } = setup();
    start('a');
    registry.resize('a', { cols: 90, rows: 20 });
    expect(pty.last().sizes).toEqual([{ cols: 90, rows: 20 }]);
    expect(registry.get('a')?.size).toEqual({ cols: 90, rows: 20 });
    mirrors.created[0]?.write('x'.repeat(60));
    return mirrors.created[0]?.screenText().then((text) => expect(text).toContain('x'.repeat(60)));
  });

  it('kills every live session on killAll', () => {
    const { registry, pty, start } = setup();
    start('a', 'one');
    start('b', 'two');
    registry.killAll();
    expect(pty.handles.map((h) => h.killed)).toEqual([true, true]);
    expect(registry.list().map((s) => s.status)).toEqual(['exited', 'exited']);
  });

  it('offers a terminal whose snapshot holds the output so far and whose input reaches the PTY', async () => {
    const { registry, pty, start } = setup();
    start('a');
    const terminal = registry.terminal('a');
    pty.last().emit('shown');
    expect(await terminal?.snapshot()).toContain('shown');
    terminal?.write('typed');
    terminal?.pressure.hold('views');
    expect(pty.last().paused).toBe(true);
    terminal?.pressure.release('views');
    expect(pty.last().paused).toBe(false);
    expect(pty.last().written).toEqual(['typed']);
    expect(registry.terminal('nope')).toBeUndefined();
  });

  it('holds the PTY back while its mirror is behind, and reads again only once neither the mirror nor the views hold it', () => {
    const { registry, pty, start, mirrors } = setup();
    start('a');
    const terminal = registry.terminal('a');
    const mirror = mirrors.created[0]!;
    mirror.setBehind(true);
    expect(pty.last().paused).toBe(true);
    expect(terminal?.pressure.reasons()).toEqual(['mirror']);
    terminal?.pressure.hold('views');
    mirror.setBehind(false);
    expect(pty.last().paused).toBe(true);
    terminal?.pressure.release('views');
    expect(pty.last().paused).toBe(false);
    terminal?.pressure.hold('views');
    mirror.setBehind(true);
    terminal?.pressure.release('views');
    expect(pty.last().paused).toBe(true);
    mirror.setBehind(false);
    expect(pty.last().paused).toBe(false);
  });

  it('tells input listeners of every write, from a view or from sessions.write alike, before the PTY gets it', () => {
    const { registry, pty, start } = setup();
    start('a');
    const terminal = registry.terminal('a');
    const heard: string[] = [];
    terminal?.onInput((data) => heard.push(`${data} (PTY had ${pty.last().written.length})`));
    terminal?.write('from a view');
    registry.write('a', 'from sessions.write');
    expect(heard).toEqual(['from a view (PTY had 0)', 'from sessions.write (PTY had 1)']);
    expect(pty.last().written).toEqual(['from a view', 'from sessions.write']);
  });

  it('hears no input once the session has ended', () => {
    const { registry, pty, start } = setup();
    start('a');
    const heard: string[] = [];
    registry.terminal('a')?.onInput((data) => heard.push(data));
    pty.last().exit(0);
    expect(registry.write('a', 'too late')).toBe(false);
    expect(heard).toEqual([]);
  });
});
