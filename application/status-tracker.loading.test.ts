import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { combineStatus, readTitle } from '../domain/agent-signals';
import type { Profile } from '../domain/profile';
import { screenShowsLoading } from '../domain/screen-loading';
import { exitStatus } from '../domain/status';
import { SessionRegistry } from './session-registry';
import { StatusTracker } from './status-tracker';

const captures = resolve(dirname(fileURLToPath(import.meta.url)), '../e2e/fixtures/real-agents/captures');
const capture = (path: string) => JSON.parse(readFileSync(join(captures, path), 'utf8')) as { screen: string; titles: string[] };

describe("Gemini CLI resuming a session, as the pinned CLI showed it", () => {
  const resuming = capture('gemini/resuming.json');

  it('draws "Resuming session..." under a title that already reads idle', () => {
    expect(resuming.titles.map(readTitle)).toEqual(resuming.titles.map(() => 'idle'));
    expect(screenShowsLoading('gemini', resuming.screen)).toBe(true);
  });

  it('reads busy from that screen over the idle title or hooks, and nothing more from its other screens or other CLIs', () => {
    expect(combineStatus({ terminal: { source: 'title', verdict: 'idle' } }, false, true)).toEqual({ status: 'busy', source: 'screen' });
    expect(combineStatus({ hooks: 'idle' }, false, true)).toEqual({ status: 'busy', source: 'screen' });
    // A question still wins, and a verdict that is not idle stands.
    expect(combineStatus({ hooks: 'idle' }, true, true)).toEqual({ status: 'needs-input', source: 'screen' });
    expect(combineStatus({ hooks: 'needs-input' }, false, true)).toEqual({ status: 'needs-input', source: 'hooks' });
    for (const path of ['gemini/idle.json', 'gemini/busy.json', 'gemini/text-turn-answered.json', 'gemini/permission.json', 'gemini/trust-folder.json']) {
      expect(screenShowsLoading('gemini', capture(path).screen), path).toBe(false);
    }
    expect(screenShowsLoading('claude', resuming.screen)).toBe(false);
  });
});

const gemini: Profile = {
  id: 'gemini', name: 'Gemini', command: 'gemini', args: [], env: {}, inject: { kind: 'stdin' }, builtin: false,
  status: { needsInput: [], busy: ['esc to cancel'] },
};

describe('StatusTracker while a CLI loads', () => {
  it('keeps Gemini busy while its screen says it is resuming, then idle from its title once it is ready', async () => {
    const events = new RecordingEventBus();
    const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events, endStatus: exitStatus });
    const scheduler = new ManualScheduler();
    const tracker = new StatusTracker({ registry, profiles: new InMemoryProfileStore([gemini]), scheduler, clock: scheduler, timing: { quietMs: 500, busyAfterMs: 200, checkEveryMs: 1000, echoMs: 100, startQuietMs: 2000 } });
    tracker.start();
    const pty = new FakePtyPort().define('gemini');
    const spawned = pty.spawn({ command: 'gemini', args: [], cwd: '/p', env: {}, size: { cols: 60, rows: 10 } });
    if (!spawned.ok) throw new Error('spawn');
    registry.add({ id: 's1', agent: 'gem', agentName: 'Gem', profile: 'gemini', pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt: 0, size: { cols: 60, rows: 10 }, missingSkills: [] }, spawned.value);
    const agent = pty.last();
    await scheduler.advanceAsync(0);
    agent.emit('\u001b]0;◇  Ready (gem)\u0007Gemini CLI\r\n\r\n⠋ Resuming session...\r\n');
    await scheduler.advanceAsync(2500);
    expect(registry.get('s1')).toMatchObject({ status: 'busy', statusSource: 'screen' });
    agent.emit(`${'\r\n'.repeat(12)}✦ Hello again.\r\n > Type your message`);
    await scheduler.advanceAsync(2500);
    expect(registry.get('s1')).toMatchObject({ status: 'idle', statusSource: 'title' });
  });
});
