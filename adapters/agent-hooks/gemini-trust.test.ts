import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answersGiven, GeminiTrustFiles, launchTrust, parseTrustEntries, readTrustEntries, userTrustFile } from './gemini-trust';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-trust-test-'));
  dirs.push(dir);
  return dir;
}

describe("Gemini CLI's trusted-folders files", () => {
  it('finds the user\'s file where Gemini does: the named file, else GEMINI_CLI_HOME\'s, else HOME\'s', () => {
    expect(userTrustFile({ GEMINI_CLI_TRUSTED_FOLDERS_PATH: '/etc/trust.json', GEMINI_CLI_HOME: '/g', HOME: '/h' })).toBe('/etc/trust.json');
    expect(userTrustFile({ GEMINI_CLI_HOME: '/g', HOME: '/h' })).toBe('/g/.gemini/trustedFolders.json');
    expect(userTrustFile({ HOME: '/h' })).toBe('/h/.gemini/trustedFolders.json');
  });

  it('reads a missing file as no entries, and each level Gemini takes', () => {
    const dir = scratch();
    expect(readTrustEntries(join(dir, 'none.json'))).toEqual({ ok: true, value: {} });
    writeFileSync(join(dir, 't.json'), '{"/a": "TRUST_FOLDER", "/b": "TRUST_PARENT", "/c": "DO_NOT_TRUST"}');
    expect(readTrustEntries(join(dir, 't.json'))).toEqual({ ok: true, value: { '/a': 'TRUST_FOLDER', '/b': 'TRUST_PARENT', '/c': 'DO_NOT_TRUST' } });
  });

  it('refuses what Gemini would refuse, by kind', () => {
    expect(parseTrustEntries('f', '{"/a": true}')).toMatchObject({ ok: false, error: { kind: 'trust-file-invalid', path: 'f' } });
    expect(parseTrustEntries('f', 'null')).toMatchObject({ ok: false, error: { kind: 'trust-file-invalid', reason: 'not a JSON object' } });
    expect(parseTrustEntries('f', '{')).toMatchObject({ ok: false, error: { kind: 'trust-file-invalid' } });
  });

  it('reads a file with comments, as Gemini does, and still refuses a trailing comma, as Gemini does', () => {
    const commented = '// my folders\n{\n  "/a": "TRUST_FOLDER", /* work */\n  "/b": "DO_NOT_TRUST" // "/c": "TRUST_FOLDER"\n}\n';
    expect(parseTrustEntries('f', commented)).toEqual({ ok: true, value: { '/a': 'TRUST_FOLDER', '/b': 'DO_NOT_TRUST' } });
    expect(parseTrustEntries('f', '{"/a // not a comment": "TRUST_FOLDER"}')).toEqual({ ok: true, value: { '/a // not a comment': 'TRUST_FOLDER' } });
    expect(parseTrustEntries('f', '{"/a": "TRUST_FOLDER",}')).toMatchObject({ ok: false, error: { kind: 'trust-file-invalid' } });
  });

  it('never reads a FIFO, a folder or a huge file in place of the user\'s file', () => {
    const dir = scratch();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(readTrustEntries(join(dir, 'fifo'))).toMatchObject({ ok: false, error: { kind: 'trust-file-not-a-file' } });
    expect(readTrustEntries(dir)).toMatchObject({ ok: false, error: { kind: 'trust-file-not-a-file' } });
    writeFileSync(join(dir, 'huge.json'), `{"/a": "TRUST_FOLDER", "pad": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    expect(readTrustEntries(join(dir, 'huge.json'))).toMatchObject({ ok: false, error: { kind: 'trust-file-too-large' } });
  });

  it('lets the user overrule a remembered answer and Tessera trust its run dir over both', () => {
    expect(launchTrust({ remembered: { '/p': 'TRUST_FOLDER', '/r': 'DO_NOT_TRUST' }, user: { '/p': 'DO_NOT_TRUST' }, runDir: '/r' })).toEqual({ '/p': 'DO_NOT_TRUST', '/r': 'TRUST_FOLDER' });
  });

  it("takes as answers only what changed, never the run dir's entry", () => {
    const written = { '/u': 'TRUST_FOLDER', '/r': 'TRUST_FOLDER' } as const;
    expect(answersGiven({ written, now: { ...written, '/p': 'TRUST_FOLDER', '/r': 'DO_NOT_TRUST' }, runDir: '/r' })).toEqual({ '/p': 'TRUST_FOLDER' });
    expect(answersGiven({ written, now: written, runDir: '/r' })).toEqual({});
  });

  it("trusts the run dir alone when the user's file cannot be read: a remembered answer never outweighs an entry of theirs Tessera could not see", () => {
    const dir = scratch();
    const userFile = join(dir, 'trustedFolders.json');
    // The user distrusts /p in a file Tessera cannot take (a level Gemini does not know stands beside it).
    writeFileSync(userFile, '{"/p": "DO_NOT_TRUST", "/q": "TRUST_SOMETIMES"}');
    const rememberedFile = join(dir, 'config', 'gemini-trusted-folders.json');
    mkdirSync(join(dir, 'config'));
    writeFileSync(rememberedFile, '{"/p": "TRUST_FOLDER"}');
    mkdirSync(join(dir, 'launch'));
    const launch = new GeminiTrustFiles({ env: { GEMINI_CLI_TRUSTED_FOLDERS_PATH: userFile }, rememberedFile }).writeLaunchFile(join(dir, 'launch'), '/r');
    expect(launch.userError).toMatchObject({ kind: 'trust-file-invalid', path: userFile });
    expect(launch.written).toEqual({ '/r': 'TRUST_FOLDER' });
    expect(readTrustEntries(launch.path)).toEqual({ ok: true, value: { '/r': 'TRUST_FOLDER' } });
  });

  it("keeps no answer Gemini's dialog cannot have written: a relative folder (Gemini resolves it against wherever it runs) or one spelled with '.', '..' or a trailing slash", () => {
    const written = { '/r': 'TRUST_FOLDER' } as const;
    const forged = { '.': 'TRUST_FOLDER', 'work': 'TRUST_PARENT', '/r/.': 'TRUST_PARENT', '/r/x/..': 'TRUST_PARENT', '/r/': 'TRUST_PARENT', '/p/../q': 'TRUST_FOLDER' } as const;
    expect(answersGiven({ written, now: { ...written, ...forged, '/p': 'TRUST_FOLDER' }, runDir: '/r' })).toEqual({ '/p': 'TRUST_FOLDER' });
  });

  it('knows the run dir in the lower case Gemini writes folders in where they are case-insensitive (macOS, Windows)', () => {
    const written = { '/Users/Me/p/.tessera/run/gem': 'TRUST_FOLDER' } as const;
    const now = { ...written, '/users/me/p/.tessera/run/gem': 'TRUST_PARENT', '/users/me/q': 'TRUST_FOLDER' } as const;
    expect(answersGiven({ written, now, runDir: '/Users/Me/p/.tessera/run/gem', caseInsensitive: true })).toEqual({ '/users/me/q': 'TRUST_FOLDER' });
    expect(answersGiven({ written, now, runDir: '/Users/Me/p/.tessera/run/gem', caseInsensitive: false })).toEqual({ '/users/me/p/.tessera/run/gem': 'TRUST_PARENT', '/users/me/q': 'TRUST_FOLDER' });
  });
});
