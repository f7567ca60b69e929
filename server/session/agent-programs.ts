/**
 * The programs Tessera hands each agent it launches: `tessera mcp` (its tools, over stdio) and the hook
 * program its CLI runs at each event. How they start follows how the server itself was started: under
 * Node from the sources (the command line, `tessera web`), Node runs the scripts, and `tessera mcp` from
 * its prebuilt bundle when that is up to date (mcp-bundle.ts); in the packaged
 * desktop app there is no Node to run them with (the RunAsNode fuse is off), so the app's own binary
 * runs again with a flag that makes it that one program and nothing else.
 */

/** An executable and the arguments that come before the program's own (an event's `--wait`, say). */
export interface AgentProgramCommand {
  readonly file: string;
  readonly args: readonly string[];
}

/** The flags that make the packaged app's binary run one program and exit: checked before any window code. */
export const MCP_FLAG = '--tessera-mcp';
export const HOOK_FLAG = '--tessera-hook';

/**
 * How the server process was started. Under Node, `mcpBundle` is the prebuilt `tessera mcp` when it was
 * found up to date: Node runs it without the TypeScript loader the `tessera` script needs.
 */
export type ServerStart =
  | { readonly kind: 'node'; readonly node: string; readonly tesseraBin: string; readonly hookScript: string; readonly mcpBundle?: string }
  | { readonly kind: 'app-binary'; readonly execPath: string };

export interface AgentPrograms {
  readonly mcp: AgentProgramCommand;
  readonly hook: AgentProgramCommand;
}

export function agentPrograms(start: ServerStart): AgentPrograms {
  if (start.kind === 'app-binary') return { mcp: { file: start.execPath, args: [MCP_FLAG] }, hook: { file: start.execPath, args: [HOOK_FLAG] } };
  const mcp = start.mcpBundle !== undefined ? { file: start.node, args: [start.mcpBundle] } : { file: start.node, args: [start.tesseraBin, 'mcp'] };
  return { mcp, hook: { file: start.node, args: [start.hookScript] } };
}

/**
 * How each program's processes are told apart as Tessera's own: the arguments it starts with after its
 * executable (the script Node runs, and for `tessera mcp` its subcommand, or its bundle; the app binary's flag). The
 * meter counts a process whose command line starts so, and its children, as Tessera's, not the agent's.
 */
export function helperMarks(programs: Partial<AgentPrograms>): string[][] {
  return [programs.mcp, programs.hook].flatMap((program) => (program && program.args.length > 0 ? [[...program.args]] : []));
}
