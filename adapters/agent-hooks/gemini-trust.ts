import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import stripJsonComments from 'strip-json-comments';
import { err, ok, type Result } from '../../domain/result';

/** The levels Gemini CLI's trusted-folders file takes; any other value makes Gemini refuse to start. */
const TRUST_LEVELS = ['TRUST_FOLDER', 'TRUST_PARENT', 'DO_NOT_TRUST'] as const;
export type GeminiTrustLevel = (typeof TRUST_LEVELS)[number];

/** A trusted-folders file: folder path to trust level, as Gemini reads and writes it. */
export type GeminiTrustEntries = Readonly<Record<string, GeminiTrustLevel>>;

export type TrustFileError =
  | { readonly kind: 'trust-file-not-a-file'; readonly path: string }
  | { readonly kind: 'trust-file-too-large'; readonly path: string; readonly bytes: number }
  | { readonly kind: 'trust-file-unreadable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'trust-file-invalid'; readonly path: string; readonly reason: string }
  | { readonly kind: 'trust-file-unwritable'; readonly path: string; readonly reason: string };

/** A sentence for the host's log: which file, and why Tessera left it out. */
export function describeTrustFileError(error: TrustFileError): string {
  switch (error.kind) {
    case 'trust-file-not-a-file':
      return `${error.path} is not a plain file`;
    case 'trust-file-too-large':
      return `${error.path} is ${error.bytes} bytes, more than a trusted-folders file holds`;
    case 'trust-file-unreadable':
      return `${error.path} cannot be read: ${error.reason}`;
    case 'trust-file-invalid':
      return `${error.path} is not a trusted-folders file Gemini reads: ${error.reason}`;
    case 'trust-file-unwritable':
      return `${error.path} cannot be written: ${error.reason}`;
  }
}

/** More than any list of folders a person keeps; a larger file is not one Tessera copies into every launch. */
const MAX_TRUST_FILE_BYTES = 1024 * 1024;

/**
 * Where the user's own Gemini CLI keeps its folder trust, as Gemini finds it: the file
 * `GEMINI_CLI_TRUSTED_FOLDERS_PATH` names, else `trustedFolders.json` in the `.gemini` folder of
 * `GEMINI_CLI_HOME` or the home folder.
 */
export function userTrustFile(env: Readonly<Record<string, string | undefined>>): string {
  const named = env.GEMINI_CLI_TRUSTED_FOLDERS_PATH;
  if (named) return named;
  return join(geminiHome(env), '.gemini', 'trustedFolders.json');
}

/** The folder Gemini CLI takes for the home folder: `GEMINI_CLI_HOME` when set. */
export function geminiHome(env: Readonly<Record<string, string | undefined>>): string {
  return env.GEMINI_CLI_HOME || env.HOME || homedir();
}

/**
 * The entries of a trusted-folders file; a missing file has none. The file is the user's: a link to
 * it is followed (dotfile managers make such links), but only a plain file of sane size is read, so a
 * link to a FIFO or a device cannot hang or flood a launch. An entry Gemini would reject makes the
 * whole file invalid, as it does for Gemini.
 */
export function readTrustEntries(path: string): Result<GeminiTrustEntries, TrustFileError> {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return err({ kind: 'trust-file-not-a-file', path });
    size = stats.size;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return ok({});
    return err({ kind: 'trust-file-unreadable', path, reason: messageOf(error) });
  }
  if (size > MAX_TRUST_FILE_BYTES) return err({ kind: 'trust-file-too-large', path, bytes: size });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return err({ kind: 'trust-file-unreadable', path, reason: messageOf(error) });
  }
  return parseTrustEntries(path, text);
}

/** The entries of a trusted-folders file's text: one JSON object of folder to level, with comments as Gemini allows them. */
export function parseTrustEntries(path: string, text: string): Result<GeminiTrustEntries, TrustFileError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripJsonComments(text));
  } catch (error) {
    return err({ kind: 'trust-file-invalid', path, reason: messageOf(error) });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return err({ kind: 'trust-file-invalid', path, reason: 'not a JSON object' });
  const entries: Record<string, GeminiTrustLevel> = {};
  for (const [folder, level] of Object.entries(parsed)) {
    if (!isTrustLevel(level)) return err({ kind: 'trust-file-invalid', path, reason: `"${folder}" has the level ${JSON.stringify(level)}, not one of ${TRUST_LEVELS.join(', ')}` });
    entries[folder] = level;
  }
  return ok(entries);
}

function isTrustLevel(value: unknown): value is GeminiTrustLevel {
  return typeof value === 'string' && (TRUST_LEVELS as readonly string[]).includes(value);
}

/**
 * The trust one Gemini launch runs with: what Tessera remembered of earlier answers, under the user's
 * own entries (theirs win where both name a folder), under the run dir, which Tessera trusts because
 * it writes the run dir's workspace files itself. Gemini trusts a trusted folder's whole tree, and
 * the folders in the run dir (`distrusted`) hold files Tessera did not write, a clone's perhaps: each
 * is distrusted, unless an answer names it (Gemini takes the longest folder that matches). Nothing
 * else is trusted that the user did not trust.
 */
export function launchTrust(input: { readonly remembered: GeminiTrustEntries; readonly user: GeminiTrustEntries; readonly runDir: string; readonly distrusted?: readonly string[]; readonly runDirTrusted?: boolean }): GeminiTrustEntries {
  const distrusted = Object.fromEntries((input.distrusted ?? []).map((folder) => [folder, 'DO_NOT_TRUST' as const]));
  return { ...distrusted, ...input.remembered, ...input.user, ...(input.runDirTrusted === false ? {} : { [input.runDir]: 'TRUST_FOLDER' as const }) };
}

/**
 * What Gemini added or changed in a launch's file while it ran (the user's "trust and remember"
 * answers), leaving out the run dir, whose trust is Tessera's to give at every launch. Gemini writes
 * an answer under the absolute, normalised path of the folder it runs in; any other spelling came from
 * something else writing the file (the file's path is in the agent's environment) and is not kept: a
 * relative one Gemini resolves against wherever it next runs, and `<run dir>/.` would be the run dir's
 * entry under another name.
 */
export function answersGiven(input: { readonly written: GeminiTrustEntries; readonly now: GeminiTrustEntries; readonly runDir: string; readonly caseInsensitive?: boolean }): GeminiTrustEntries {
  // Where folder names are case-insensitive Gemini writes them in lower case.
  const fold = (input.caseInsensitive ?? (process.platform === 'darwin' || process.platform === 'win32')) ? (path: string) => path.toLowerCase() : (path: string) => path;
  const runDir = fold(input.runDir);
  return Object.fromEntries(Object.entries(input.now).filter(([folder, level]) => isAnswerFolder(folder) && fold(folder) !== runDir && input.written[folder] !== level));
}

function isAnswerFolder(folder: string): boolean {
  return isAbsolute(folder) && resolve(folder) === folder;
}

/**
 * Tessera's own trusted-folders files: one per launch, which Gemini reads through
 * `GEMINI_CLI_TRUSTED_FOLDERS_PATH` and writes its user's answers into, and one that keeps those
 * answers across launches. The user's own file is read at each launch and never written: an answer
 * given to a Gemini that Tessera started holds for the Gemini agents Tessera starts.
 */
export class GeminiTrustFiles {
  constructor(private readonly options: { readonly env: Readonly<Record<string, string | undefined>>; readonly rememberedFile: string }) {}

  /**
   * Writes the launch's file into `dir` (a folder only Tessera writes) and returns its path and what
   * it holds. A user file Tessera cannot read leaves out the user's entries and the remembered ones
   * with them, since an entry of theirs Tessera cannot see may be the one that overrules a remembered
   * answer: the launch trusts its run dir alone, and Gemini asks. The cause is in `userError`.
   */
  writeLaunchFile(dir: string, runDir: string, run: { readonly distrusted?: readonly string[]; readonly runDirTrusted?: boolean } = {}): { readonly path: string; readonly written: GeminiTrustEntries; readonly userError?: TrustFileError } {
    const user = readTrustEntries(userTrustFile(this.options.env));
    const remembered = user.ok ? readTrustEntries(this.options.rememberedFile) : undefined;
    const written = launchTrust({ remembered: remembered?.ok ? remembered.value : {}, user: user.ok ? user.value : {}, runDir, ...run });
    const path = join(dir, 'gemini-trusted-folders.json');
    writeJsonWhole(path, written);
    return { path, written, ...(user.ok ? {} : { userError: user.error }) };
  }

  /**
   * Keeps the answers Gemini wrote into a launch's file in Tessera's remembered file. Returns what was
   * kept; a launch file or remembered file that cannot be read keeps nothing (Gemini asks again).
   */
  keepAnswers(launch: { readonly path: string; readonly written: GeminiTrustEntries }, runDir: string): Result<GeminiTrustEntries, TrustFileError> {
    const now = readTrustEntries(launch.path);
    if (!now.ok) return now;
    const answers = answersGiven({ written: launch.written, now: now.value, runDir });
    if (Object.keys(answers).length === 0) return ok(answers);
    const remembered = readTrustEntries(this.options.rememberedFile);
    if (!remembered.ok) return remembered;
    try {
      writeJsonWhole(this.options.rememberedFile, { ...remembered.value, ...answers });
    } catch (error) {
      return err({ kind: 'trust-file-unwritable', path: this.options.rememberedFile, reason: messageOf(error) });
    }
    return ok(answers);
  }
}

/** Replaces a file whole (a temp file renamed over it), readable by its owner alone. */
function writeJsonWhole(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
