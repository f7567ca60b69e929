import { join } from 'node:path';
import { agentPrograms, HOOK_FLAG, MCP_FLAG, type AgentPrograms } from '../server/session/agent-programs';

/**
 * What one start of the app's binary is: the window (no flag), or one of the programs it stands in
 * for where there is no Node to run them (the packaged app, whose RunAsNode fuse is off): the session
 * server, `tessera mcp` for an agent, or the hook program an agent's CLI runs at an event. The flag is
 * read before anything else loads, and each start loads only its own program's module: an agent's
 * `tessera mcp` or hook event never parses the app. Electron-free, so tests drive it with fakes.
 */
export type ProgramMode = 'window' | 'server' | 'mcp' | 'hook';

/** Makes the binary the session server, with no window (desktopServerCommand starts it so). */
export const SERVER_FLAG = '--tessera-server';

export function programMode(argv: readonly string[]): ProgramMode {
  if (argv.includes(SERVER_FLAG)) return 'server';
  if (argv.includes(MCP_FLAG)) return 'mcp';
  if (argv.includes(HOOK_FLAG)) return 'hook';
  return 'window';
}

/** The module of `tessera mcp` (desktop/mcp-program.ts, bundled beside the entry). */
export interface McpProgramModule {
  /** Serves the MCP tools on stdio until the agent's CLI closes them; resolves with the exit code. */
  readonly serveAgentMcp: (app: string) => Promise<number>;
}

/** The app's module (desktop/app-main.ts, bundled beside the entry): the window, or the session server. */
export interface AppModule {
  readonly runApp: (mode: 'window' | 'server') => void;
}

/** Each loads one program's module; a start calls only the loader of its mode. */
export interface ProgramLoaders {
  readonly mcp: () => McpProgramModule;
  /** The hook program, which runs as it loads: it reads its event on stdin and ends the process itself. */
  readonly hook: () => void;
  readonly app: () => AppModule;
}

export interface ProgramDeps {
  readonly load: ProgramLoaders;
  /** The app's version, which `tessera mcp` shows the session server it connects to. */
  readonly version: () => string;
  /** Keeps a program start out of the dock (macOS): it is no app the user opened. */
  readonly hideDock: () => void;
  readonly exit: (code: number) => void;
  readonly log: (message: string, error?: unknown) => void;
}

/**
 * Runs the start `mode` names, loading only its module. `tessera mcp` exits with its code, or 1 when
 * it fails; a hook that cannot start exits 0: it never makes an agent fail.
 */
export function runProgram(mode: ProgramMode, deps: ProgramDeps): void {
  if (mode === 'window' || mode === 'server') {
    deps.load.app().runApp(mode);
    return;
  }
  deps.hideDock();
  if (mode === 'hook') {
    try {
      deps.load.hook();
    } catch (error) {
      deps.log('the hook program could not start', error);
      deps.exit(0);
    }
    return;
  }
  const serve = async (): Promise<number> => deps.load.mcp().serveAgentMcp(deps.version());
  serve().then(deps.exit, (error: unknown) => {
    deps.log('tessera mcp failed', error);
    deps.exit(1);
  });
}

/**
 * The agents' programs of a server this binary runs (SERVER_FLAG): packaged, the binary itself with
 * each program's flag; from the sources, Node with tessera-hook.mjs, and with the prebuilt `tessera mcp`
 * when `mcpBundle` is given (found up to date), else `bin/tessera mcp`, as the command line's server
 * has them.
 */
export function desktopAgentPrograms(options: {
  readonly packaged: boolean;
  readonly execPath: string;
  readonly repoRoot: string;
  readonly node: string;
  readonly mcpBundle?: string;
}): AgentPrograms {
  if (options.packaged) return agentPrograms({ kind: 'app-binary', execPath: options.execPath });
  return agentPrograms({
    kind: 'node',
    node: options.node,
    tesseraBin: join(options.repoRoot, 'bin', 'tessera'),
    hookScript: join(options.repoRoot, 'adapters', 'agent-hooks', 'tessera-hook.mjs'),
    ...(options.mcpBundle !== undefined ? { mcpBundle: options.mcpBundle } : {}),
  });
}
