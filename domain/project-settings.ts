import { err, ok, type Result } from './result';

/**
 * `.tessera/settings.json`: the project's own settings, shared with everyone who clones it. A
 * cloned file decides what runs, so it is parsed like any project file: bounded, checked, and
 * anything it names that would run is shown before the project is trusted.
 *
 * ```json
 * { "worktree": { "setup": "cp \"$TESSERA_PROJECT_ROOT/.env\" . && npm ci", "setupTimeoutSeconds": 600 } }
 * ```
 */
export interface ProjectSettings {
  /** Run in each new worktree of a worktree agent, before the agent starts. */
  readonly worktreeSetup?: WorktreeSetup;
}

export interface WorktreeSetup {
  /** One command line for the platform's shell, run in the agent's folder of the new worktree. */
  readonly command: string;
  readonly timeoutSeconds: number;
}

export type ProjectSettingsInvalidError = { readonly kind: 'project-settings-invalid'; readonly path: string; readonly reason: string };

export const SETTINGS_LIMITS = {
  /** A settings file is a few lines; anything larger is not one. */
  maxFileChars: 64 * 1024,
  maxCommandChars: 8000,
  /** Installing dependencies may take minutes; a set-up command is stopped after this by default. */
  defaultSetupTimeoutSeconds: 600,
  maxSetupTimeoutSeconds: 3600,
} as const;

/** Parses the file's text; `path` only names it in errors. Unknown keys are left for other settings. */
export function parseProjectSettings(text: string, path: string): Result<ProjectSettings, ProjectSettingsInvalidError> {
  const invalid = (reason: string) => err({ kind: 'project-settings-invalid' as const, path, reason });
  if (text.length > SETTINGS_LIMITS.maxFileChars) return invalid(`it is larger than ${SETTINGS_LIMITS.maxFileChars / 1024} KB`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalid(`it is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) return invalid('it must hold a JSON object');
  const worktree = value.worktree;
  if (worktree === undefined) return ok({});
  if (!isObject(worktree)) return invalid('"worktree" must be an object');
  const setup = worktree.setup;
  if (setup === undefined) return ok({});
  if (typeof setup !== 'string' || setup.trim() === '') return invalid('"worktree.setup" must be a command line');
  if (setup.length > SETTINGS_LIMITS.maxCommandChars) return invalid(`"worktree.setup" is longer than ${SETTINGS_LIMITS.maxCommandChars} characters`);
  if (setup.includes('\0')) return invalid('"worktree.setup" holds a NUL character');
  const timeout = worktree.setupTimeoutSeconds ?? SETTINGS_LIMITS.defaultSetupTimeoutSeconds;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > SETTINGS_LIMITS.maxSetupTimeoutSeconds) {
    return invalid(`"worktree.setupTimeoutSeconds" must be a whole number from 1 to ${SETTINGS_LIMITS.maxSetupTimeoutSeconds}`);
  }
  return ok({ worktreeSetup: { command: setup, timeoutSeconds: timeout } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
