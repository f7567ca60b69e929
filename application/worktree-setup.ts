import type { CommandRunner, CommandStartError } from '../domain/ports/command-runner.port';
import type { FileSystem, FsError } from '../domain/ports/file-system.port';
import { parseProjectSettings, type ProjectSettings, type ProjectSettingsInvalidError } from '../domain/project-settings';
import { err, ok, type Result } from '../domain/result';

/** Reads `.tessera/settings.json`; a project without one has the defaults. */
export class ReadProjectSettings {
  constructor(private readonly deps: { readonly fs: FileSystem; readonly projectRoot: string }) {}

  async execute(): Promise<Result<ProjectSettings, ProjectSettingsInvalidError>> {
    const { fs, projectRoot } = this.deps;
    const path = fs.join(projectRoot, '.tessera', 'settings.json');
    const kind = await fs.kind(path);
    if (kind === 'missing') return ok({});
    if (kind !== 'file') return err({ kind: 'project-settings-invalid', path, reason: 'it is not a plain file' });
    const text = await fs.readText(path);
    if (!text.ok) return err({ kind: 'project-settings-invalid', path, reason: text.error.message });
    return parseProjectSettings(text.value, path);
  }
}

/** The set-up command failed (or timed out): its output says why, and the agent was not started. */
export type WorktreeSetupFailedError = {
  readonly kind: 'worktree-setup-failed';
  readonly slug: string;
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;
  readonly output: string;
};

export type PrepareAgentWorktreeError = ProjectSettingsInvalidError | WorktreeSetupFailedError | CommandStartError | FsError;

export interface PrepareAgentWorktreeInput {
  readonly slug: string;
  /** The worktree's top. */
  readonly worktree: string;
  /** Where the agent will run in it (the project's folder in the worktree). */
  readonly cwd: string;
  /** The project's own checkout. */
  readonly repo: string;
  /** The worktree was made by this launch. */
  readonly created: boolean;
}

export interface PrepareAgentWorktreeDeps {
  readonly fs: FileSystem;
  readonly projectRoot: string;
  readonly runner: CommandRunner;
  /** The environment the set-up command inherits (the app's own, passed in: the layer has no `process`). */
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly settings: Pick<ReadProjectSettings, 'execute'>;
  /** Records where a new worktree's branch started (RecordWorktreeBase); a failure there does not stop the launch. */
  readonly recordBase?: { execute(input: { readonly slug: string; readonly repo: string; readonly worktree: string }): Promise<unknown> };
}

/** What preparing a worktree did: the set-up command it ran, if any, and that command's output. */
export interface PreparedWorktree {
  readonly ranSetup: boolean;
  readonly command?: string;
  readonly output: string;
}

/** Bytes of the set-up command's output kept for the error (its end, where the reason usually is). */
const SETUP_OUTPUT_BYTES = 64 * 1024;

/**
 * Runs before a worktree agent starts (LaunchAgent's hook): for a new worktree it records the base
 * and runs the project's set-up command (`worktree.setup` in `.tessera/settings.json`) in the
 * agent's folder there. A failing command stops the launch with its output; the set-up is then
 * still owed, and the next launch runs it again (a marker in the agent's run folder says so).
 * The command is the project's, so it only ever runs behind project trust, which shows it.
 */
export class PrepareAgentWorktree {
  constructor(private readonly deps: PrepareAgentWorktreeDeps) {}

  async execute(input: PrepareAgentWorktreeInput): Promise<Result<PreparedWorktree, PrepareAgentWorktreeError>> {
    const { deps } = this;
    if (input.created) await deps.recordBase?.execute({ slug: input.slug, repo: input.repo, worktree: input.worktree });
    const marker = deps.fs.join(deps.projectRoot, '.tessera', 'run', input.slug, 'worktree-setup.json');
    const owed = input.created || (await this.owed(marker, input.worktree));
    if (!owed) return ok({ ranSetup: false, output: '' });
    const settings = await deps.settings.execute();
    if (!settings.ok) return settings;
    const setup = settings.value.worktreeSetup;
    if (!setup) return ok({ ranSetup: false, output: '' });

    const made = await deps.fs.mkdirp(deps.fs.join(deps.projectRoot, '.tessera', 'run', input.slug));
    if (!made.ok) return made;
    const pending = await deps.fs.writeTextAtomic(marker, `${JSON.stringify({ worktree: input.worktree, state: 'pending' })}\n`);
    if (!pending.ok) return pending;
    const ran = await deps.runner.run({
      command: setup.command,
      cwd: input.cwd,
      env: { ...deps.baseEnv, TESSERA_AGENT: input.slug, TESSERA_PROJECT_ROOT: deps.projectRoot, TESSERA_WORKTREE: input.worktree },
      timeoutMs: setup.timeoutSeconds * 1000,
      maxOutputBytes: SETUP_OUTPUT_BYTES,
    });
    if (!ran.ok) return ran;
    const outcome = ran.value;
    if (outcome.timedOut || outcome.exitCode !== 0) {
      return err({ kind: 'worktree-setup-failed', slug: input.slug, command: setup.command, exitCode: outcome.exitCode, timedOut: outcome.timedOut, output: outcome.output });
    }
    const done = await deps.fs.writeTextAtomic(marker, `${JSON.stringify({ worktree: input.worktree, state: 'done' })}\n`);
    if (!done.ok) return done;
    return ok({ ranSetup: true, command: setup.command, output: outcome.output });
  }

  /** A set-up that started for this worktree and never finished is owed; no marker means the worktree predates set-up commands. */
  private async owed(marker: string, worktree: string): Promise<boolean> {
    if ((await this.deps.fs.kind(marker)) !== 'file') return false;
    const text = await this.deps.fs.readText(marker);
    if (!text.ok) return false;
    try {
      const state = JSON.parse(text.value) as { worktree?: unknown; state?: unknown };
      return state.worktree === worktree && state.state === 'pending';
    } catch {
      return false;
    }
  }
}
