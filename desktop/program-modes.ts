import { join } from 'node:path';
import { agentPrograms, HOOK_FLAG, MCP_FLAG, type AgentPrograms } from '../server/session/agent-programs';
import { SERVER_FLAG } from './desktop-session';

/**
 * What one start of the app's binary is: the window (no flag), or one of the programs it stands in
 * for where there is no Node to run them (the packaged app, whose RunAsNode fuse is off): the session
 * server, `tessera mcp` for an agent, or the hook program an agent's CLI runs at an event. The flag is
 * read before any window code runs, and a program mode never opens a window. Electron-free, so tests
 * drive it with fakes.
 */
export type ProgramMode = 'window' | 'server' | 'mcp' | 'hook';

export function programMode(argv: readonly string[]): ProgramMode {
  if (argv.includes(SERVER_FLAG)) return 'server';
  if (argv.includes(MCP_FLAG)) return 'mcp';
  if (argv.includes(HOOK_FLAG)) return 'hook';
  return 'window';
}

export interface AgentProgramDeps {
  /** Serves the MCP tools on stdio until the agent's CLI closes them; resolves with the exit code. */
  readonly serveMcp: () => Promise<number>;
  /** Loads the hook program, which reads its event on stdin and ends the process itself. */
  readonly runHook: () => void;
  readonly exit: (code: number) => void;
  readonly log: (message: string, error?: unknown) => void;
}

/** Runs the program of an 'mcp' or 'hook' start. A hook that cannot start exits 0: it never makes an agent fail. */
export function runAgentProgram(mode: 'mcp' | 'hook', deps: AgentProgramDeps): void {
  if (mode === 'hook') {
    try {
      deps.runHook();
    } catch (error) {
      deps.log('the hook program could not start', error);
      deps.exit(0);
    }
    return;
  }
  deps.serveMcp().then(deps.exit, (error: unknown) => {
    deps.log('tessera mcp failed', error);
    deps.exit(1);
  });
}

/**
 * The agents' programs of a server this binary runs (SERVER_FLAG): packaged, the binary itself with
 * each program's flag; from the sources, Node with `bin/tessera mcp` and tessera-hook.mjs, as the
 * command line's server has them.
 */
export function desktopAgentPrograms(options: { readonly packaged: boolean; readonly execPath: string; readonly repoRoot: string; readonly node: string }): AgentPrograms {
  if (options.packaged) return agentPrograms({ kind: 'app-binary', execPath: options.execPath });
  return agentPrograms({
    kind: 'node',
    node: options.node,
    tesseraBin: join(options.repoRoot, 'bin', 'tessera'),
    hookScript: join(options.repoRoot, 'adapters', 'agent-hooks', 'tessera-hook.mjs'),
  });
}
