import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../domain/profile';
import { builtinProfiles } from './builtin-profiles';

// The pinned CLIs of the real-agent tier. Aider is not on npm: its flags stay unchecked here.
const bin = resolve(__dirname, '..', '..', 'e2e', 'fixtures', 'real-agents', 'node_modules', '.bin');
const home = mkdtempSync(join(tmpdir(), 'tessera-help-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const helps = new Map<string, string>();

/** What `<cli> [subcommand] --help` prints (OpenCode prints it on stderr), run in an empty home so no user config is read. */
function help(command: string, subcommand: readonly string[] = []): string {
  const key = [command, ...subcommand].join(' ');
  const known = helps.get(key);
  if (known !== undefined) return known;
  const run = spawnSync(join(bin, command), [...subcommand, '--help'], {
    encoding: 'utf8',
    // GEMINI_CLI_NO_RELAUNCH: Gemini's help needs no second Node process with a larger heap.
    env: { PATH: process.env.PATH, HOME: home, CODEX_HOME: join(home, '.codex'), CLAUDE_CONFIG_DIR: join(home, '.claude'), GEMINI_CLI_HOME: home, GEMINI_CLI_NO_RELAUNCH: 'true', NO_COLOR: '1' },
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`${key} --help exited ${run.status}: ${run.stderr}`);
  const text = `${run.stdout}\n${run.stderr}`;
  helps.set(key, text);
  return text;
}

/** The options a profile passes (`--opt=value` counts as `--opt`), each with the subcommand it follows, if any. */
function optionsOf(profile: Profile): Array<{ option: string; subcommand: string[]; from: string }> {
  const lists: Array<[string, readonly string[]]> = [
    ['args', profile.args],
    ['projectAccessArgs', profile.projectAccessArgs ?? []],
    ['resume', profile.resume?.args ?? []],
    ['inject', profile.inject.kind === 'args' ? profile.inject.args : []],
  ];
  const found: Array<{ option: string; subcommand: string[]; from: string }> = [];
  for (const [from, args] of lists) {
    let subcommand: string[] = [];
    for (const arg of args) {
      if (arg.startsWith('-')) found.push({ option: arg.split('=')[0] ?? arg, subcommand, from });
      else if (/^[a-z][a-z-]*$/.test(arg) && from === 'resume' && subcommand.length === 0 && found.every((f) => f.from !== 'resume')) subcommand = [arg];
    }
  }
  return found;
}

const checked = builtinProfiles({ SHELL: '/bin/sh' }).filter((p) => ['claude', 'codex', 'gemini', 'opencode'].includes(p.id));

describe('every flag of the built-in profiles, against the pinned CLI’s --help', () => {
  it('checks claude, codex, gemini and opencode', () => {
    expect(checked.map((p) => p.id)).toEqual(['claude', 'codex', 'gemini', 'opencode']);
  });

  for (const profile of checked) {
    it(`${profile.id}: each option it passes is one the CLI documents`, () => {
      const options = optionsOf(profile);
      for (const { option, subcommand, from } of options) {
        const text = help(profile.command, subcommand);
        expect(text, `${profile.id} ${from}: ${[...subcommand, option].join(' ')}`).toMatch(new RegExp(`(^|[\\s,])${option.replace(/[-]/g, '\\-')}([\\s,=<\\[]|$)`, 'm'));
      }
      // The resume subcommand, where there is one, is a command the CLI lists.
      const sub = optionsOf(profile).find((o) => o.subcommand.length > 0)?.subcommand[0];
      if (sub) expect(help(profile.command)).toMatch(new RegExp(`^\\s+${sub}\\s`, 'm'));
    });
  }

  it('finds an option the CLI does not have (the check can fail)', () => {
    expect(help('claude')).not.toMatch(/(^|[\s,])--no-such-option([\s,=<[]|$)/m);
  });
});
