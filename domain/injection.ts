import type { WorkspaceMode } from './agent';
import { substitute } from './context';
import type { Injection } from './profile';
import { err, ok, type Result } from './result';

/** What launching must do so the agent CLI receives its context. */
export interface InjectionPlan {
  /** Written before spawn, in order. The context file always comes first. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** Appended after the profile's own args and the project-access args. */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Written to the PTY right after spawn. */
  readonly stdin?: string;
}

export type InjectionError =
  | { readonly kind: 'injection-unsupported-in-project-mode'; readonly target: string }
  | { readonly kind: 'injection-invalid'; readonly reason: string };

export interface InjectionInput {
  readonly inject: Injection;
  readonly context: string;
  /** `<root>/.tessera/run/<slug>/context.md`: written for every kind so `{contextPath}` always resolves. */
  readonly contextPath: string;
  readonly projectRoot: string;
  /** The agent's working directory (its run dir, or the project root in `project` mode). */
  readonly cwd: string;
  readonly workspace: WorkspaceMode;
  /** The platform's path join (the domain has no `node:path`). */
  readonly join: (...segments: string[]) => string;
}

/**
 * Plans how the context reaches the agent. Pure: the caller writes the files and spawns.
 *
 * In `project` mode the cwd is the user's project, so a convention file (CLAUDE.md, AGENTS.md)
 * would overwrite a file the user owns: that combination is refused, whether or not
 * the file exists today, rather than guessing. Such agents need an args/env/stdin profile or `run-dir`.
 */
export function planInjection(input: InjectionInput): Result<InjectionPlan, InjectionError> {
  const values = { context: input.context, contextPath: input.contextPath, projectRoot: input.projectRoot };
  const contextFile = { path: input.contextPath, text: input.context };
  const inject = input.inject;
  switch (inject.kind) {
    case 'convention-file': {
      const target = inject.target;
      if (!isPlainFileName(target)) {
        return err({ kind: 'injection-invalid', reason: `convention file "${target}" must be a plain file name inside the working directory` });
      }
      if (input.workspace === 'project') return err({ kind: 'injection-unsupported-in-project-mode', target });
      return ok({ files: [contextFile, { path: input.join(input.cwd, target), text: input.context }], args: [], env: {} });
    }
    case 'args':
      return ok({ files: [contextFile], args: inject.args.map((arg) => substitute(arg, values)), env: {} });
    case 'env': {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(inject.var)) {
        return err({ kind: 'injection-invalid', reason: `"${inject.var}" is not an environment variable name` });
      }
      return ok({ files: [contextFile], args: [], env: { [inject.var]: substitute(inject.value, values) } });
    }
    case 'stdin':
      // The context then one newline: a line-based CLI takes it as typed input. No end marker,
      // because agents differ in how they end a multi-line message; profiles that need more use args/env.
      return ok({ files: [contextFile], args: [], env: {}, stdin: `${input.context.replace(/\n+$/, '')}\n` });
  }
}

function isPlainFileName(name: string): boolean {
  return name.length > 0 && name !== '.' && name !== '..' && !/[/\\]/.test(name) && !/^[a-zA-Z]:/.test(name) && !name.includes('\0');
}
