import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAgentsCommand } from './agents-commands';
import type { CliIo } from './cli-io';
import { projectCommandDeps } from './project-command';
import { runSkillsCommand } from './skills-commands';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A real project folder and config dir in a temp dir, and a CLI whose output is captured. */
async function cli(stdin = '') {
  const base = await mkdtemp(join(tmpdir(), 'tessera-cli-'));
  temps.push(base);
  const project = join(base, 'shop');
  await mkdir(project);
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { TESSERA_CONFIG_DIR: join(base, 'config'), SHELL: '/bin/sh' },
    cwd: project,
  };
  const deps = projectCommandDeps(io, async () => stdin);
  return {
    base,
    project,
    agents: (...args: string[]) => runAgentsCommand(args, deps),
    skills: (...args: string[]) => runSkillsCommand(args, deps),
    out: () => out,
    err: () => err,
    reset: () => {
      out = '';
      err = '';
    },
  };
}

describe('tessera agents create', () => {
  it('creates a persona file in the current project and says where', async () => {
    const c = await cli();
    expect(await c.agents('create', '--name', 'Code Reviewer', '--profile', 'codex', '--skill', 'testing', '--skill', 'style', '--workspace', 'worktree')).toBe(0);
    expect(c.out()).toBe('Created agent "Code Reviewer" (code-reviewer, profile codex) in .tessera/agents/code-reviewer.md\n');
    expect(c.err()).toBe('tessera agents create: warning: skills "testing", "style" do not exist in .tessera/skills or the global skills; the agent launches without them until they exist\n');
    const text = await readFile(join(c.project, '.tessera/agents/code-reviewer.md'), 'utf8');
    expect(text).toContain('name: Code Reviewer\nprofile: codex\nskills:\n  - testing\n  - style\nworkspace: worktree\n');
    expect(await readFile(join(c.project, '.tessera/.gitignore'), 'utf8')).toBe('run/\nlogs/\ntrash/\n');
  });

  it('refuses a profile that takes its context as a file in the project workspace, since it could not launch', async () => {
    const c = await cli();
    expect(await c.agents('create', '--name', 'Dev', '--profile', 'codex', '--workspace', 'project')).toBe(2);
    expect(c.err()).toContain('will not overwrite your AGENTS.md');
  });

  it('writes the restart policy given with --restart', async () => {
    const c = await cli();
    expect(await c.agents('create', '--name', 'Watcher', '--restart', 'on-failure')).toBe(0);
    expect(await readFile(join(c.project, '.tessera/agents/watcher.md'), 'utf8')).toContain('\nrestart: on-failure\n');
  });

  it('takes the persona from a file, or from stdin with -', async () => {
    const c = await cli('From stdin.\n');
    await writeFile(join(c.base, 'persona.md'), 'From a file.\n');
    expect(await c.agents('create', '--name', 'a', '--persona', '../persona.md')).toBe(0);
    expect(await c.agents('create', '--name', 'b', '--persona', '-')).toBe(0);
    expect(await readFile(join(c.project, '.tessera/agents/a.md'), 'utf8')).toMatch(/---\nFrom a file\.\n$/);
    expect(await readFile(join(c.project, '.tessera/agents/b.md'), 'utf8')).toMatch(/---\nFrom stdin\.\n$/);
  });

  it.each([
    [['--name', '../x'], 'tessera agents create: The name "../x" cannot be used: it contains a path separator.'],
    [['--name', 'con'], 'tessera agents create: The name "con" cannot be used: it is a reserved device name.'],
    [['--name', ''], 'tessera agents create: A name is required.'],
    [['--name', 'x', '--profile', 'nope'], 'tessera agents create: There is no profile "nope".'],
    [['--name', 'x', '--workspace', 'garden'], 'tessera agents create: --workspace must be one of run-dir, project, worktree, not "garden"'],
    [['--name', 'x', '--restart', 'always'], 'tessera agents create: --restart must be never or on-failure, not "always"'],
    [['--name', 'x', '--colour', 'red'], "tessera agents create: Unknown option '--colour'"],
    [[], 'tessera agents create: --name is required'],
    [['--name', 'x', '--persona', 'missing.md'], /^tessera agents create: cannot read the persona file "missing.md": ENOENT/],
    [['--name', 'x', '--project', '/definitely/not/here'], 'tessera agents create: The folder "/definitely/not/here" does not exist.'],
  ])('exits 2 with one line on stderr for bad input %j', async (args, message) => {
    const c = await cli();
    expect(await c.agents('create', ...(args as string[]))).toBe(2);
    const lines = c.err().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    if (typeof message === 'string') expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
    expect(c.out()).toBe('');
  });

  it('exits 2 for a duplicate agent and keeps the first', async () => {
    const c = await cli();
    await c.agents('create', '--name', 'Dev', '--persona', '-');
    c.reset();
    expect(await c.agents('create', '--name', 'dev')).toBe(2);
    expect(c.err()).toBe('tessera agents create: An agent named "dev" already exists.\n');
  });

  it('exits 1 when the project cannot take a .tessera folder', async () => {
    const c = await cli();
    // A file where the directory must be: fails for real, even when the tests run as root.
    await writeFile(join(c.project, '.tessera'), 'in the way');
    expect(await c.agents('create', '--name', 'Dev')).toBe(1);
    expect(c.err()).toMatch(/^tessera agents create: Tessera cannot write in ".*\.tessera"/);
  });
});

describe('tessera agents list', () => {
  it('prints an aligned table including broken files', async () => {
    const c = await cli();
    await c.agents('create', '--name', 'Code Reviewer', '--skill', 'testing');
    await c.agents('create', '--name', 'Dev', '--profile', 'shell');
    await writeFile(join(c.project, '.tessera/agents/bad.md'), '---\nname: [\n---\n');
    c.reset();
    expect(await c.agents('list')).toBe(0);
    const lines = c.out().trimEnd().split('\n');
    expect(lines[0]).toBe('SLUG           NAME           PROFILE  WORKSPACE  SKILLS   STATUS');
    expect(lines[1]).toMatch(/^bad            -              -        -          -        broken: the frontmatter is not valid YAML/);
    expect(lines[2]).toBe('code-reviewer  Code Reviewer  claude   run-dir    testing  skill not found: testing');
    expect(lines[3]).toBe('dev            Dev            shell    run-dir    -        ok');
    await mkdir(join(c.project, '.tessera/skills/testing'), { recursive: true });
    await writeFile(join(c.project, '.tessera/skills/testing/SKILL.md'), '---\nname: testing\ndescription: How we test\n---\n');
    c.reset();
    expect(await c.agents('list')).toBe(0);
    expect(c.out().trimEnd().split('\n')[2]).toBe('code-reviewer  Code Reviewer  claude   run-dir    testing  ok');
  });

  it('prints JSON summaries with --json, broken ones with an error', async () => {
    const c = await cli();
    await c.agents('create', '--name', 'Dev', '--skill', 'testing');
    await writeFile(join(c.project, '.tessera/agents/bad.md'), 'no frontmatter');
    c.reset();
    expect(await c.agents('list', '--json', '--project', c.project)).toBe(0);
    expect(JSON.parse(c.out())).toEqual([
      { slug: 'bad', name: 'bad', profile: '', skills: [], workspace: 'run-dir', error: 'the file must start with a "---" line opening the YAML frontmatter' },
      { slug: 'dev', name: 'Dev', profile: 'claude', skills: ['testing'], workspace: 'run-dir' },
    ]);
    expect(await readFile(join(c.project, '.tessera/agents/bad.md'), 'utf8')).toBe('no frontmatter');
  });

  it('says how to start when there are no agents', async () => {
    const c = await cli();
    expect(await c.agents('list')).toBe(0);
    expect(c.out()).toMatch(/^No agents in .*shop\. Create one with: tessera agents create --name NAME\n$/);
  });

  it('exits 2 for an unknown subcommand, flag or project', async () => {
    const c = await cli();
    expect(await c.agents('lst')).toBe(2);
    expect(await c.agents('list', '--all')).toBe(2);
    expect(await c.agents('list', '--project', join(c.base, 'nope'))).toBe(2);
    expect(await c.agents()).toBe(2);
    expect(c.err().trimEnd().split('\n')).toHaveLength(4);
  });
});

describe('tessera agents import', () => {
  it('imports Claude subagents and skills, then skips them the second time', async () => {
    const c = await cli();
    await mkdir(join(c.project, '.claude/agents'), { recursive: true });
    await mkdir(join(c.project, '.claude/skills/testing'), { recursive: true });
    await writeFile(join(c.project, '.claude/agents/reviewer.md'), '---\nname: reviewer\ndescription: Reviews\ntools: Read\n---\nReview.\n');
    await writeFile(join(c.project, '.claude/skills/testing/SKILL.md'), '---\nname: testing\ndescription: Test well\n---\nBody\n');
    expect(await c.agents('import')).toBe(0);
    expect(c.out()).toBe(
      'Imported 1 agent and 1 skill from .claude/.\n  agent  reviewer\n  skill  testing\nTessera asks you to trust this project again, showing what each agent may run, before it launches them.\n',
    );
    const trusted = JSON.parse(await readFile(join(c.base, 'config/tessera/trusted.json'), 'utf8')) as { projects: Record<string, { trusted: boolean }> };
    expect(trusted.projects[c.project]).toMatchObject({ trusted: false });
    expect(await readFile(join(c.project, '.tessera/skills/testing/SKILL.md'), 'utf8')).toBe('---\nname: testing\ndescription: Test well\n---\nBody\n');
    c.reset();
    expect(await c.agents('import', '--project', c.project)).toBe(0);
    expect(c.out()).toBe(
      'Imported 0 agents and 0 skills from .claude/.\n  skipped reviewer: an agent "reviewer" already exists\n  skipped testing: a project skill "testing" already exists\n',
    );
  });
});

describe('tessera skills list', () => {
  it('lists project then global skills as a table and as JSON', async () => {
    const c = await cli();
    await mkdir(join(c.project, '.tessera/skills/testing'), { recursive: true });
    await writeFile(join(c.project, '.tessera/skills/testing/SKILL.md'), '---\nname: testing\ndescription: Test well\n---\n');
    await mkdir(join(c.base, 'config/tessera/skills/style'), { recursive: true });
    await writeFile(join(c.base, 'config/tessera/skills/style/SKILL.md'), '---\ndescription: no name\n---\n');
    expect(await c.skills('list')).toBe(0);
    expect(c.out()).toBe('NAME     SCOPE    DESCRIPTION  STATUS\ntesting  project  Test well    ok\nstyle    global   -            broken: the frontmatter has no "name"\n');
    c.reset();
    expect(await c.skills('list', '--json')).toBe(0);
    expect(JSON.parse(c.out())).toEqual([
      { name: 'testing', description: 'Test well', scope: 'project' },
      { name: 'style', description: '', scope: 'global', error: 'the frontmatter has no "name"' },
    ]);
  });

  it('prints no escape sequence a SKILL.md holds, in the table or in an error', async () => {
    const c = await cli();
    await mkdir(join(c.project, '.tessera/skills/shady'), { recursive: true });
    await writeFile(join(c.project, '.tessera/skills/shady/SKILL.md'), '---\nname: shady\ndescription: "\\e]0;owned\\a\\e[2Jclean"\n---\n');
    await mkdir(join(c.project, '.tessera/skills/broken'), { recursive: true });
    await writeFile(join(c.project, '.tessera/skills/broken/SKILL.md'), '---\nname: [\u001b[31mred\n---\n');
    expect(await c.skills('list')).toBe(0);
    expect(c.out()).toMatch(/shady +project +clean +ok/);
    expect(c.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('exits 2 for a bad flag, with one line', async () => {
    const c = await cli();
    expect(await c.skills('list', '--jsn')).toBe(2);
    expect(await c.skills('show')).toBe(2);
    expect(c.err().trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('tessera agents and broken profile files', () => {
  it('names a profile file that was skipped, on stderr, when listing and when its profile is asked for', async () => {
    const c = await cli();
    await mkdir(join(c.base, 'config', 'tessera', 'profiles'), { recursive: true });
    await writeFile(join(c.base, 'config', 'tessera', 'profiles', 'mine.json'), '{ not json');
    expect(await c.agents('list')).toBe(0);
    expect(c.err()).toMatch(/^tessera agents list: skipped the profile file .*mine\.json: .+\n$/);
    c.reset();
    expect(await c.agents('create', '--name', 'X', '--profile', 'mine')).toBe(2);
    expect(c.err()).toContain('There is no profile "mine"');
    expect(c.err()).toMatch(/tessera agents create: skipped the profile file .*mine\.json/);
  });

  it('says nothing about profiles when they all load', async () => {
    const c = await cli();
    expect(await c.agents('list')).toBe(0);
    expect(c.err()).toBe('');
  });
});
