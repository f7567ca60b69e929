import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import type { Profile } from '../domain/profile';
import { exitStatus } from '../domain/status';
import { SessionRegistry } from './session-registry';
import { StatusTracker } from './status-tracker';

const profile: Profile = {
  id: 'fake', name: 'Fake', command: 'agent', args: [], env: {}, inject: { kind: 'stdin' }, builtin: false,
  status: { needsInput: ['Do you want to proceed\\?'], busy: ['esc to interrupt'] },
};
const shellProfile: Profile = { ...profile, id: 'sh', status: { needsInput: [], busy: [], runningProgram: 'busy' } };

function world(command = 'agent') {
  const events = new RecordingEventBus();
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events, endStatus: exitStatus });
  const scheduler = new ManualScheduler();
  const tracker = new StatusTracker({
    registry, profiles: new InMemoryProfileStore([{ ...profile, command }, shellProfile]), scheduler, clock: scheduler,
    timing: { quietMs: 500, busyAfterMs: 200, checkEveryMs: 1000, echoMs: 100, startQuietMs: 2000 },
  });
  tracker.start();
  const pty = new FakePtyPort().define('agent');
  const launch = (id = 's1', profileId = 'fake') => {
    const spawned = pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 60, rows: 10 } });
    if (!spawned.ok) throw new Error('spawn');
    registry.add({ id, agent: 'rev', agentName: 'Rev', profile: profileId, pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt: scheduler.now(), size: { cols: 60, rows: 10 }, missingSkills: [] }, spawned.value);
    return pty.last();
  };
  const statuses = () => events.published.flatMap((e) => (e.type === 'sessions.changed' ? [e.session.status] : []));
  return { registry, scheduler, tracker, launch, statuses };
}

describe('StatusTracker', () => {
  it('keeps a shell busy while a command runs in its foreground, silent or redrawing in place, and idle once the shell has its terminal back', async () => {
    const { registry, scheduler, launch, statuses } = world();
    const shell = launch('s1', 'sh');
    shell.emit('$ ');
    await scheduler.advanceAsync(600);
    shell.runningJob = true;
    shell.emit('top -d 3\r\ntop - 10:00:00');
    for (let t = 1; t <= 3; t++) {
      await scheduler.advanceAsync(3000);
      shell.emit(`\x1b[Htop - 10:00:0${t}`);
    }
    await scheduler.advanceAsync(3000);
    expect(registry.get('s1')?.status).toBe('busy');
    shell.runningJob = false;
    shell.emit('\r\n$ ');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('idle');
    expect(statuses()).toEqual(['busy', 'idle', 'busy', 'idle']);
  });

  it('keeps a shell busy while a full-screen program runs in it, through its quiet redraws, and idle once it quits', async () => {
    const { registry, scheduler, launch, statuses } = world();
    const shell = launch('s1', 'sh');
    shell.emit('$ ');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('idle');
    shell.emit('top\r\n\x1b[?1049htop - 10:00:01');
    for (let t = 0; t < 3; t++) {
      await scheduler.advanceAsync(3000);
      shell.emit('\x1b[Htop - 10:00:0' + t);
    }
    await scheduler.advanceAsync(3000);
    expect(registry.get('s1')?.status).toBe('busy');
    shell.emit('\x1b[?1049l$ ');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('idle');
    expect(statuses()).toEqual(['busy', 'idle', 'busy', 'idle']);
  });

  it('goes starting -> busy -> idle once output has been quiet', async () => {
    const { registry, scheduler, launch, statuses } = world();
    const agent = launch();
    expect(registry.get('s1')?.status).toBe('starting');
    agent.emit('working...\r\n');
    expect(registry.get('s1')?.status).toBe('busy');
    await scheduler.advanceAsync(400);
    expect(registry.get('s1')?.status).toBe('busy');
    await scheduler.advanceAsync(200);
    expect(registry.get('s1')?.status).toBe('idle');
    expect(statuses()).toEqual(['busy', 'idle']);
  });

  it('settles an agent that prints nothing to idle after its start period, not starting forever', async () => {
    const { registry, scheduler, launch, statuses } = world();
    launch();
    await scheduler.advanceAsync(1900);
    expect(registry.get('s1')?.status).toBe('starting');
    await scheduler.advanceAsync(200);
    expect(registry.get('s1')?.status).toBe('idle');
    expect(statuses()).toEqual(['idle']);
  });

  it('shows a silent agent that later prints as busy, then idle again', async () => {
    const { registry, scheduler, launch } = world();
    const agent = launch();
    await scheduler.advanceAsync(2100);
    expect(registry.get('s1')?.status).toBe('idle');
    for (let t = 0; t < 300; t += 50) {
      agent.emit(`line ${t}\r\n`);
      await scheduler.advanceAsync(50);
    }
    expect(registry.get('s1')?.status).toBe('busy');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('idle');
  });

  it('reports needs-input when the screen shows the profile’s prompt, and leaves it when it is answered', async () => {
    const { registry, scheduler, launch, statuses } = world();
    const agent = launch();
    agent.emit('Run rm -rf build?\r\nDo you want to proceed?\r\n');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('needs-input');
    registry.write('s1', '1');
    agent.emit('\r\n'.repeat(12) + 'removed build\r\n');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('idle');
    expect(statuses()).toEqual(['busy', 'needs-input', 'idle']);
  });

  it('keeps a quiet agent busy while its screen shows a busy pattern', async () => {
    const { registry, scheduler, launch } = world();
    launch().emit('Thinking… (esc to interrupt)');
    await scheduler.advanceAsync(5000);
    expect(registry.get('s1')?.status).toBe('busy');
  });

  it('turns idle into busy on sustained output but not on the echo of typing', async () => {
    const { registry, scheduler, launch } = world();
    const agent = launch();
    agent.emit('> ');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')?.status).toBe('idle');
    for (const ch of 'hello') {
      registry.write('s1', ch);
      await scheduler.advanceAsync(20);
      agent.emit(ch);
      await scheduler.advanceAsync(80);
    }
    expect(registry.get('s1')?.status).toBe('idle');
    for (let i = 0; i < 4; i++) {
      agent.emit(`line ${i}\r\n`);
      await scheduler.advanceAsync(100);
    }
    expect(registry.get('s1')?.status).toBe('busy');
  });

  it('keeps an idle agent idle while its pane is resized again and again and it redraws each time', async () => {
    const { registry, scheduler, launch, statuses } = world();
    const agent = launch();
    agent.emit('> ');
    await scheduler.advanceAsync(600);
    for (let cols = 59; cols > 50; cols--) {
      registry.resize('s1', { cols, rows: 10 });
      await scheduler.advanceAsync(20);
      agent.emit(`\x1b[2J\x1b[Hresized=${cols}x10\r\n> `);
      await scheduler.advanceAsync(80);
    }
    await scheduler.advanceAsync(600);
    expect(statuses()).toEqual(['busy', 'idle']);
  });

  it('ends a session that exits 1 as failed with the reason, and stops its timers', async () => {
    const { registry, scheduler, launch, statuses } = world();
    const agent = launch();
    agent.emit('oops');
    agent.exit(1);
    expect(registry.get('s1')).toMatchObject({ status: 'failed', exitCode: 1, reason: 'exited with code 1' });
    await scheduler.advanceAsync(2000);
    expect(registry.get('s1')?.status).toBe('failed');
    expect(scheduler.pending).toBe(0);
    expect(statuses()).toEqual(['busy', 'failed']);
  });

  it('ends a session the user killed as exited, not failed', () => {
    const { registry, launch } = world();
    launch().emit('x');
    registry.kill('s1');
    expect(registry.get('s1')?.status).toBe('exited');
  });

  it('stops changing statuses once disposed', async () => {
    const { registry, scheduler, tracker, launch } = world();
    launch().emit('x');
    tracker.dispose();
    await scheduler.advanceAsync(2000);
    expect(registry.get('s1')?.status).toBe('busy');
    expect(scheduler.pending).toBe(0);
  });

  it("reads a known agent CLI's terminal title above the screen, and says so", async () => {
    const { registry, scheduler, launch } = world('claude');
    const agent = launch();
    await scheduler.advanceAsync(0);
    agent.emit('\u001b]0;◐ Claude Code\u0007working');
    await scheduler.advanceAsync(2000);
    // Quiet for long, yet its title still spins: busy.
    expect(registry.get('s1')).toMatchObject({ status: 'busy', statusSource: 'title' });
    agent.emit('\u001b]0;✳ Claude Code\u0007');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')).toMatchObject({ status: 'idle', statusSource: 'title' });
  });

  it('lets a question on the screen through an idle title', async () => {
    const { registry, scheduler, launch } = world('claude');
    const agent = launch();
    await scheduler.advanceAsync(0);
    agent.emit('\u001b]0;✳ Claude Code\u0007Do you want to proceed?\r\n');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')).toMatchObject({ status: 'needs-input', statusSource: 'screen' });
  });

  it("ignores the titles and bells of a program that is not a known agent CLI (a shell's)", async () => {
    const { registry, scheduler, launch } = world('/bin/bash');
    const agent = launch();
    await scheduler.advanceAsync(0);
    agent.emit('\u001b]0;◐ not a spinner\u0007\u0007$ ');
    await scheduler.advanceAsync(600);
    expect(registry.get('s1')).toMatchObject({ status: 'idle', statusSource: 'screen' });
  });

  it("ranks the hooks' verdict above the title, and falls back to the title once the hooks say nothing", async () => {
    const { registry, scheduler, tracker, launch } = world('claude');
    const agent = launch();
    await scheduler.advanceAsync(0);
    agent.emit('\u001b]0;✳ Claude Code\u0007');
    await scheduler.advanceAsync(600);
    tracker.hookVerdict('s1', 'busy');
    expect(registry.get('s1')).toMatchObject({ status: 'busy', statusSource: 'hooks' });
    tracker.hookVerdict('s1', undefined);
    expect(registry.get('s1')).toMatchObject({ status: 'idle', statusSource: 'title' });
  });
});
