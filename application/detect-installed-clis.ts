import type { Clock } from '../domain/ports/clock.port';
import type { CommandRunner } from '../domain/ports/command-runner.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import { LOGIN_PATH_PROBE, loginPathFrom, searchPath } from '../domain/search-path';

/** Whether the CLI of one profile answered its `detect` command. */
export interface ProfileInstallation {
  readonly id: string;
  readonly installed: boolean;
}

export interface DetectInstalledClisDeps {
  readonly profiles: ProfileStore;
  readonly runner: CommandRunner;
  readonly clock: Clock;
  /** The environment the detect commands start from (the agents' own); its SHELL is the login shell asked. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the commands run: the user's home, never a project, which could put its own programs first. */
  readonly home: string;
  /** How long the login shell and each detect command may take (ms). */
  readonly timeoutMs?: number;
  /** How long an answer is kept before the command runs again, so a CLI installed meanwhile shows up (ms). */
  readonly keepMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_KEEP_MS = 60_000;
const OUTPUT_BYTES = 16 * 1024;

/**
 * Which profiles' CLIs are installed: each profile's `detect` command line (a user profile or a
 * built-in one, never a project's file), run in the user's home with the PATH of the user's login
 * shell (asked once per process) before the host's own. A profile without `detect` is left out: it
 * cannot be told. Answers are kept for a while, and concurrent callers share one run.
 */
export class DetectInstalledClis {
  private path: Promise<string> | undefined;
  private readonly answers = new Map<string, { readonly at: number; readonly installed: Promise<boolean> }>();

  constructor(private readonly deps: DetectInstalledClisDeps) {}

  async execute(): Promise<readonly ProfileInstallation[]> {
    const profiles = (await this.deps.profiles.list()).filter((p) => p.detect !== undefined && p.detect.trim() !== '');
    return Promise.all(profiles.map(async (p) => ({ id: p.id, installed: await this.installed(p.detect as string) })));
  }

  private installed(detect: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const kept = this.answers.get(detect);
    if (kept && now - kept.at < (this.deps.keepMs ?? DEFAULT_KEEP_MS)) return kept.installed;
    const installed = this.run(detect);
    this.answers.set(detect, { at: now, installed });
    return installed;
  }

  private async run(detect: string): Promise<boolean> {
    const PATH = await this.searchPath();
    const ran = await this.deps.runner.run({
      command: detect,
      cwd: this.deps.home,
      env: { ...this.deps.env, PATH },
      timeoutMs: this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxOutputBytes: OUTPUT_BYTES,
    });
    return ran.ok && ran.value.exitCode === 0;
  }

  private searchPath(): Promise<string> {
    this.path ??= (async () => {
      const { env } = this.deps;
      if (!env.SHELL) return searchPath(undefined, env.PATH);
      const ran = await this.deps.runner.run({ command: LOGIN_PATH_PROBE, cwd: this.deps.home, env, timeoutMs: this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxOutputBytes: OUTPUT_BYTES });
      // A shell that fails, hangs or prints no PATH leaves the host's own.
      return searchPath(ran.ok && !ran.value.timedOut ? loginPathFrom(ran.value.output) : undefined, env.PATH);
    })();
    return this.path;
  }
}
