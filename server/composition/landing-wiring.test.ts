import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScratchGit } from '../../adapters/contracts/scratch-git';
import { InMemoryEventBus } from '../../adapters/events/in-memory-event-bus';
import { CliGitBranches } from '../../adapters/git/cli-git-branches';
import { CliGitCheckpoints } from '../../adapters/git/cli-git-checkpoints';
import { CliGitWorktrees } from '../../adapters/git/cli-git-worktrees';
import { GhPullRequests } from '../../adapters/git/gh-pull-requests';
import { FixedClock } from '../../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../../adapters/memory/in-memory-agent-store';
import { NodeFileSystem } from '../../adapters/node-fs/node-file-system';
import { ShellCommandRunner } from '../../adapters/shell/shell-command-runner';
import type { Agent } from '../../domain/agent';
import type { DomainEvent } from '../../domain/events';
import type { SessionInfo, SessionStatus } from '../../domain/session';
import { wireLanding, wireWorktreeSetup } from './landing-wiring';
import { Router, type ProjectUseCases } from '../router/router';

// Real git in a temp folder: the project's checkout, agents working in it and in their own worktrees.
const scratch = new ScratchGit('tessera-landing-wiring-');
afterAll(() => scratch.dispose());

const agent = (slug: string, workspace: Agent['workspace']): Agent => ({ slug, name: slug, profile: 'shell', skills: [], workspace, args: [], env: {}, persona: '' });

async function world() {
  const root = scratch.repo({ 'README.md': '# Shop\n', 'src/app.ts': 'one\ntwo\nthree\n' });
  const agents = new InMemoryAgentStore();
  await agents.save(agent('helper', 'project'));
  await agents.save(agent('rev', 'worktree'));
  const clock = new FixedClock();
  const fs = new NodeFileSystem();
  const git = new CliGitWorktrees();
  const ports = { fs, git, checkpoints: new CliGitCheckpoints(), branches: new CliGitBranches(), pullRequests: new GhPullRequests({ gh: join(scratch.base, 'no-gh') }), runner: new ShellCommandRunner(), clock };
  const scope = { projectRoot: root, dataDir: join(scratch.base, `config-${Math.random().toString(36).slice(2)}`, 'tessera'), agents, baseEnv: { PATH: process.env.PATH ?? '' } };
  const landing = wireLanding(ports, scope);
  const events = new InMemoryEventBus((error) => {
    throw error;
  });
  const heard: DomainEvent[] = [];
  events.subscribe((event) => heard.push(event));
  const errors: string[] = [];
  const recording = landing.startRecording(events, (slug, error) => errors.push(`${slug}: ${error.kind}`));
  const useCases = { project: { root, name: 'shop' }, landing: landing.services } as unknown as ProjectUseCases;
  const router = new Router({
    openProject: () => Promise.reject(new Error('not used')),
    current: () => useCases,
    recentProjects: () => Promise.resolve([]),
    listProfiles: { execute: () => Promise.reject(new Error('not used')) },
    saveProfile: { execute: () => Promise.reject(new Error('not used')) },
    detectClis: { execute: () => Promise.reject(new Error('not used')) },
    findOrphans: { execute: () => Promise.reject(new Error('not used')) },
    killOrphans: { execute: () => Promise.reject(new Error('not used')) },
    log: (message) => errors.push(message),
  });
  const session = (slug: string, status: SessionStatus): SessionInfo => ({
    id: `s-${slug}`,
    agent: slug,
    agentName: slug,
    profile: 'shell',
    pid: 1,
    cwd: root,
    status,
    startedAt: 0,
    size: { cols: 80, rows: 24 },
    missingSkills: [],
  });
  const status = (slug: string, value: SessionStatus) => {
    clock.advance(1000);
    events.publish({ type: 'sessions.changed', session: session(slug, value) });
  };
  return { root, ports, scope, router, status, heard, errors, recording, clock };
}

describe('review and land, wired', () => {
  it('records a turn from busy to idle and serves what it changed through the router', async () => {
    const w = await world();
    w.status('helper', 'starting');
    w.status('helper', 'busy');
    w.status('helper', 'idle');
    await w.recording.settle();
    // Starting up is no turn: nothing was asked.
    expect(await w.router.handle('turns.list', { slug: 'helper' })).toEqual({ ok: true, value: [] });

    w.status('helper', 'busy');
    await w.recording.settle();
    scratch.write(w.root, 'src/app.ts', 'one\nTWO\nthree\nfour\n');
    w.status('helper', 'needs-input');
    w.status('helper', 'busy');
    w.status('helper', 'idle');
    await w.recording.settle();

    const turns = await w.router.handle('turns.list', { slug: 'helper' });
    expect(turns).toMatchObject({ ok: true, value: [{ number: 1, hasEvents: false, undone: 0 }] });
    const changes = await w.router.handle('turns.changes', { slug: 'helper', turn: 1 });
    expect(changes).toMatchObject({ ok: true, value: { files: [{ path: 'src/app.ts', status: 'modified', added: 2, removed: 1, attribution: 'mixed' }] } });
    expect(w.heard.filter((e) => e.type === 'turns.boundary' || e.type === 'turns.recorded').map((e) => `${e.type}:${'boundary' in e ? e.boundary : e.turn}`)).toEqual([
      'turns.boundary:started',
      'turns.recorded:1',
      'turns.boundary:ended',
      'turns.recorded:1',
    ]);
    expect(w.errors).toEqual([]);
    // The user's checkout is as it was: the edit is still uncommitted, nothing staged.
    expect(scratch.git(w.root, 'status', '--porcelain')).toBe(' M src/app.ts\n');
  });

  it('serves a turn’s patch around its change, or with the whole file as context when asked', async () => {
    const w = await world();
    const long = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    scratch.write(w.root, 'long.txt', `${long.join('\n')}\n`);
    scratch.commitAll(w.root, 'a long file');
    w.status('helper', 'idle');
    w.status('helper', 'busy');
    await w.recording.settle();
    scratch.write(w.root, 'long.txt', `${long.map((l, i) => (i === 19 ? 'line twenty' : l)).join('\n')}\n`);
    w.status('helper', 'idle');
    await w.recording.settle();
    const around = await w.router.handle('turns.patch', { slug: 'helper', turn: 1, path: 'long.txt' });
    const whole = await w.router.handle('turns.patch', { slug: 'helper', turn: 1, path: 'long.txt', wholeFile: true });
    if (!around.ok || !whole.ok) throw new Error('no patch');
    const text = (r: typeof around) => (r.ok ? (r.value as { text: string }).text : '');
    expect(text(around)).toContain('+line twenty');
    expect(text(around)).not.toContain(' line 1\n');
    expect(text(whole)).toContain(' line 1\n');
    expect(text(whole)).toContain(' line 40\n');
  });

  it('ends an open turn when the session exits mid-turn', async () => {
    const w = await world();
    w.status('helper', 'idle');
    w.status('helper', 'busy');
    await w.recording.settle();
    scratch.write(w.root, 'README.md', '# Shop, edited\n');
    w.status('helper', 'exited');
    await w.recording.settle();
    const changes = await w.router.handle('turns.changes', { slug: 'helper', turn: 1 });
    expect(changes).toMatchObject({ ok: true, value: { turn: { number: 1 }, files: [{ path: 'README.md' }] } });
  });

  it('serves a worktree agent’s branch after its worktree was prepared, and runs the set-up command there', async () => {
    const w = await world();
    scratch.write(w.root, '.tessera/settings.json', JSON.stringify({ worktree: { setup: 'echo prepared > setup.txt && echo set up done' } }));
    const setup = wireWorktreeSetup(w.ports, w.scope);
    const wt = join(w.scope.dataDir, 'wt-rev');
    const added = await w.ports.git.addWorktree({ repo: w.root, path: wt, branch: 'tessera/rev' });
    expect(added.ok).toBe(true);
    // The router finds the worktree where LaunchAgent makes it; here the test made one elsewhere, so it is missing there.
    expect(await w.router.handle('branch.changes', { slug: 'rev' })).toMatchObject({ ok: false, error: { kind: 'worktree-missing' } });
    const prepared = await setup.prepare.execute({ slug: 'rev', worktree: wt, cwd: wt, repo: w.root, created: true });
    expect(prepared).toEqual({ ok: true, value: { ranSetup: true, command: 'echo prepared > setup.txt && echo set up done', output: 'set up done\n' } });
    expect(scratch.read(wt, 'setup.txt')).toBe('prepared\n');
  });

  it('refuses an overlap question for an agent it does not know, with the contract’s error shape', async () => {
    const w = await world();
    const answer = await w.router.handle('agents.overlaps', { slugs: ['rev', 'nobody'] });
    expect(answer).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/agent-not-found|worktree-missing/) as unknown as string } });
  });
});
