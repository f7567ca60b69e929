import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { GitFailedError } from '../../domain/ports/checkpoints.port';
import { err } from '../../domain/result';

export interface GitRun<Out = string> {
  /** Git's exit code; -1 when it could not run or was killed. */
  readonly code: number;
  readonly stdout: Out;
  readonly stderr: string;
  /** Output past `maxBytes` was dropped (and git stopped). */
  readonly truncated: boolean;
}

export interface GitCall {
  /** The working folder; git itself is given `-C <dir>` instead, this is for programs without it (gh). */
  readonly cwd?: string;
  /** Extra environment (GIT_INDEX_FILE, an identity), over the cleaned process environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to git's standard input, then closed. */
  readonly input?: string | Buffer;
  readonly timeoutMs?: number;
  /**
   * At most this many bytes of standard output are kept. Past it git is stopped: `truncated` says
   * so, and with `cut: 'fail'` (the default) the run fails instead, as an answer cut short must not be read as whole.
   */
  readonly maxBytes?: number;
  readonly cut?: 'fail' | 'keep';
}

/**
 * The git command line (or gh) as the adapters call it: an argument array (never a shell, so no
 * path or branch is ever interpreted), `-C <dir>` in the arguments instead of a changed cwd, a
 * timeout on every call, and an environment cleaned of what a surrounding git (a hook, a test
 * runner) would redirect every call with.
 */
export class GitProcess {
  readonly program: string;
  /** How messages name the program (`git`, `gh`), whatever path runs it. */
  readonly name: string;
  readonly timeoutMs: number;

  constructor(options: { readonly git?: string; readonly name?: string; readonly timeoutMs?: number } = {}) {
    this.program = options.git ?? 'git';
    this.name = options.name ?? 'git';
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  run(args: readonly string[], call: GitCall = {}): Promise<GitRun> {
    return this.spawn(args, call).then((run) => ({ ...run, stdout: run.stdout.toString('utf8') }));
  }

  /** As `run`, with standard output as bytes (blob contents). */
  runBytes(args: readonly string[], call: GitCall = {}): Promise<GitRun<Buffer>> {
    return this.spawn(args, call);
  }

  private spawn(args: readonly string[], call: GitCall): Promise<GitRun<Buffer>> {
    const timeout = call.timeoutMs ?? this.timeoutMs;
    const maxBytes = call.maxBytes ?? 64 * 1024 * 1024;
    return new Promise((done) => {
      let settled = false;
      const finish = (run: GitRun<Buffer>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(run);
      };
      const child = spawn(this.program, args, { env: gitEnv(call.env), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, ...(call.cwd ? { cwd: call.cwd } : {}) });
      const name = this.name;
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outBytes = 0;
      let errBytes = 0;
      let truncated = false;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeout);
      child.stdout.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = maxBytes - outBytes;
        if (chunk.length > room) {
          out.push(chunk.subarray(0, room));
          outBytes = maxBytes;
          truncated = true;
          child.kill('SIGKILL');
          return;
        }
        out.push(chunk);
        outBytes += chunk.length;
      });
      child.stderr.on('data', (chunk: Buffer) => {
        // Git's messages are short; a flood of them says nothing more after the first screenful.
        if (errBytes < 64 * 1024) err.push(chunk);
        errBytes += chunk.length;
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        const why = error.code === 'ENOENT' ? `${name} is not installed or not on PATH` : error.message;
        finish({ code: -1, stdout: Buffer.alloc(0), stderr: `fatal: ${why}`, truncated: false });
      });
      child.on('close', (code) => {
        const stdout = Buffer.concat(out);
        const stderr = Buffer.concat(err).toString('utf8');
        if (timedOut) return finish({ code: -1, stdout, stderr: `fatal: ${name} did not answer within ${Math.round(timeout / 1000)} s`, truncated });
        if (truncated) {
          if ((call.cut ?? 'fail') === 'keep') return finish({ code: 0, stdout, stderr, truncated });
          return finish({ code: -1, stdout, stderr: `fatal: ${name} answered more than ${maxBytes} bytes`, truncated });
        }
        finish({ code: code ?? -1, stdout, stderr, truncated: false });
      });
      // EPIPE when git exits before reading its input is answered by its exit code, not by a throw.
      child.stdin.on('error', () => undefined);
      child.stdin.end(call.input ?? '');
    });
  }
}

/** Checkpoints and draft commits are Tessera's, not the user's: a fixed identity, so they work whatever the user configured. */
export const TESSERA_IDENTITY: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: 'Tessera',
  GIT_AUTHOR_EMAIL: 'tessera@localhost',
  GIT_COMMITTER_NAME: 'Tessera',
  GIT_COMMITTER_EMAIL: 'tessera@localhost',
};

/** Git's reason in one line: its first `fatal:`/`error:` line without the prefix, else the first line. */
export function gitMessage(run: Pick<GitRun<unknown>, 'code' | 'stderr'>): string {
  const lines = run.stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const line = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? `git exited with code ${run.code}`;
  return line.replace(/^(fatal|error):\s*/, '');
}

/**
 * The process environment without the variables that point git somewhere else, with prompts off
 * (a credential prompt would hang a call nobody can answer) and optional locks off: a read such as
 * `git status` then never rewrites the index of the user's checkout to refresh it.
 */
export function gitEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_PREFIX', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE']) delete env[key];
  return { ...env, ...extra };
}

/** NUL-separated output (`-z`) as fields, without the empty one after the last NUL. */
export function nulFields(text: string): string[] {
  const fields = text.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  return fields;
}

/** A path as a pathspec that means exactly that file or folder, from the top of the checkout. */
export function literalPathspec(path: string): string {
  return `:(top,literal)${path}`;
}

/** A failed run as the ports' error, with git's own reason. */
export function gitFailed(run: Pick<GitRun<unknown>, 'code' | 'stderr'>): { readonly ok: false; readonly error: GitFailedError } {
  return err({ kind: 'git-failed', message: gitMessage(run) });
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
