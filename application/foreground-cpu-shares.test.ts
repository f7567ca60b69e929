import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { InMemoryCpuShares } from '../adapters/memory/in-memory-cpu-shares';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { ForegroundCpuShares } from './foreground-cpu-shares';
import { SessionRegistry } from './session-registry';

/** Registries with fake PTYs whose leaders the shares know once `lead` says their program runs in a session of its own. */
function world() {
  const shares = new InMemoryCpuShares();
  const foreground = new ForegroundCpuShares(shares);
  const pty = new FakePtyPort().define('agent');
  const registry = () => new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events: new RecordingEventBus() });
  const start = (into: SessionRegistry, id: string, options: { lead?: boolean } = {}) => {
    const spawned = pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 40, rows: 5 } });
    if (!spawned.ok) throw new Error('spawn');
    if (options.lead !== false) shares.lead(spawned.value.pid);
    into.add({ id, agent: id, agentName: id, profile: 'fake', pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt: 1, size: { cols: 40, rows: 5 }, missingSkills: [] }, spawned.value);
    return { pid: spawned.value.pid, handle: pty.last() };
  };
  return { shares, foreground, registry, start };
}

describe('ForegroundCpuShares', () => {
  it('makes a session yield from its first output, not before', () => {
    const { shares, foreground, registry, start } = world();
    const sessions = registry();
    foreground.watch(sessions);
    const a = start(sessions, 'a');
    expect(shares.history).toEqual([]);
    a.handle.emit('hello');
    a.handle.emit(' again');
    expect(shares.shareOf(a.pid)).toBe('yielding');
    expect(shares.history).toEqual([`${a.pid}:yielding`]);
  });

  it('gives the session typed in its full share and makes the one typed in before yield, across projects', () => {
    const { shares, foreground, registry, start } = world();
    const one = registry();
    const two = registry();
    foreground.watch(one);
    foreground.watch(two);
    const a = start(one, 'a');
    const b = start(two, 'b');
    a.handle.emit('$ ');
    b.handle.emit('$ ');

    foreground.typedInto('a', 'x');
    expect([shares.shareOf(a.pid), shares.shareOf(b.pid)]).toEqual(['full', 'yielding']);
    foreground.typedInto('a', 'x');
    foreground.typedInto('b', 'x');
    expect([shares.shareOf(a.pid), shares.shareOf(b.pid)]).toEqual(['yielding', 'full']);
    expect(shares.history.slice(2)).toEqual([`${a.pid}:full`, `${b.pid}:full`, `${a.pid}:yielding`]);
  });

  it('gives the session typed in its full share before the one typed in before yields, as a keystroke waits on the first', () => {
    const { shares, foreground, registry, start } = world();
    const sessions = registry();
    foreground.watch(sessions);
    const a = start(sessions, 'a');
    const b = start(sessions, 'b');
    a.handle.emit('$ ');
    b.handle.emit('$ ');
    foreground.typedInto('a', 'x');
    foreground.typedInto('b', 'x');
    expect(shares.history.slice(-2)).toEqual([`${b.pid}:full`, `${a.pid}:yielding`]);
  });

  it('takes neither a focus-out report nor the pointer passing over a pane for typing, and a click for it', () => {
    const { shares, foreground, registry, start } = world();
    const sessions = registry();
    foreground.watch(sessions);
    const a = start(sessions, 'a');
    const b = start(sessions, 'b');
    a.handle.emit('$ ');
    b.handle.emit('$ ');
    foreground.typedInto('a', 'x');
    // Any-event mouse tracking (DECSET 1003) reports every move of the pointer over a pane, focused or not.
    foreground.typedInto('b', '\x1b[<35;12;4M');
    foreground.typedInto('b', '\x1b[<35;12;4M\x1b[<39;13;4M\x1b[<51;14;4M');
    foreground.typedInto('b', `\x1b[M${String.fromCharCode(32 + 35, 32 + 12, 32 + 4)}`);
    foreground.typedInto('b', '\x1b[O');
    expect([shares.shareOf(a.pid), shares.shareOf(b.pid)]).toEqual(['full', 'yielding']);

    foreground.typedInto('b', '\x1b[<0;12;4M');
    expect([shares.shareOf(a.pid), shares.shareOf(b.pid)]).toEqual(['yielding', 'full']);
    foreground.typedInto('a', '\x1b[<32;3;3M');
    expect([shares.shareOf(a.pid), shares.shareOf(b.pid)]).toEqual(['full', 'yielding']);
  });

  it('keeps the full share of a session typed in before its first output', () => {
    const { shares, foreground, registry, start } = world();
    const sessions = registry();
    foreground.watch(sessions);
    const a = start(sessions, 'a');
    foreground.typedInto('a', 'x');
    a.handle.emit('ready');
    expect(shares.shareOf(a.pid)).toBe('full');
  });

  it('tries again at the next outputs while the program does not lead its own session yet, then stops trying', () => {
    const { shares, foreground, registry, start } = world();
    const sessions = registry();
    foreground.watch(sessions);
    const late = start(sessions, 'late', { lead: false });
    late.handle.emit('1');
    shares.lead(late.pid);
    late.handle.emit('2');
    expect(shares.shareOf(late.pid)).toBe('yielding');

    const never = start(sessions, 'never', { lead: false });
    for (let i = 0; i < 5; i++) never.handle.emit(String(i));
    shares.lead(never.pid);
    never.handle.emit('later');
    expect(shares.shareOf(never.pid)).toBe('full');
  });

  it('forgets an ended session and follows nothing once the watch is disposed', () => {
    const { shares, foreground, registry, start } = world();
    const sessions = registry();
    const watching = foreground.watch(sessions);
    const a = start(sessions, 'a');
    a.handle.emit('x');
    foreground.typedInto('a', 'x');
    a.handle.exit(0);
    const b = start(sessions, 'b');
    b.handle.emit('x');
    foreground.typedInto('b', 'x');
    expect(shares.shareOf(b.pid)).toBe('full');
    expect(shares.history.filter((h) => h.startsWith(`${a.pid}:`))).toEqual([`${a.pid}:yielding`, `${a.pid}:full`]);

    watching.dispose();
    const c = start(sessions, 'c');
    c.handle.emit('x');
    expect(shares.shareOf(c.pid)).toBe('full');
    expect(shares.history.some((h) => h.startsWith(`${c.pid}:`))).toBe(false);
  });
});
