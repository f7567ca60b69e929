import type { Agent } from './agent';
import { permissionGrants } from './permission-grants';
import type { Profile } from './profile';

/** What a launch of one agent would run, for a person to judge before it runs. */
export interface LaunchPreview {
  readonly command: string;
  /** In launch order: the profile's args, its project-access args (run-dir), its injection args, the agent's own args. */
  readonly args: readonly string[];
  /** The variables the profile and the agent add to the environment; values are left out (they may be secrets). */
  readonly envKeys: readonly string[];
  /** What the arguments let the agent do without asking (domain/permission-grants.ts), one line each. */
  readonly grants: readonly string[];
  /** Tessera's agent tools, for a profile that takes an MCP configuration: the arguments that pass it (also in `args`) and the MCP server it names. */
  readonly agentTools?: { readonly args: readonly string[]; readonly server: { readonly command: string; readonly args: readonly string[] } };
}

/** What a launch hands an agent of Tessera's tools: where its MCP configuration is written, and the server that configuration runs. */
export interface AgentToolsPreview {
  /** The configuration's path, with the session's part named (each launch gets a file of its own). */
  readonly configPath: string;
  readonly server: { readonly command: string; readonly args: readonly string[] };
}

/**
 * The command line LaunchAgent builds for `agent` on `profile`, without running anything. The
 * injection's `{context}` / `{contextPath}` placeholders stay as they are: the context is the
 * persona and skills text, which the user reads in the persona file, not a command.
 */
export function launchPreview(agent: Agent, profile: Profile, projectRoot: string, agentTools?: AgentToolsPreview): LaunchPreview {
  const withRoot = (arg: string) => arg.replaceAll('{projectRoot}', projectRoot);
  const access = agent.workspace === 'run-dir' ? (profile.projectAccessArgs ?? []) : [];
  const injected = profile.inject.kind === 'args' ? profile.inject.args : [];
  const envKeys = [...Object.keys(profile.env), ...Object.keys(agent.env), ...(profile.inject.kind === 'env' ? [profile.inject.var] : [])];
  // LaunchAgent passes the MCP configuration just before the injection's arguments.
  const tools = agentTools && profile.mcpConfigArgs ? profile.mcpConfigArgs.map((arg) => arg.replaceAll('{mcpConfig}', agentTools.configPath)) : undefined;
  const args = [...profile.args.map(withRoot), ...access.map(withRoot), ...(tools ?? []), ...injected, ...agent.args];
  return {
    command: profile.command,
    args,
    envKeys: [...new Set(envKeys)],
    grants: permissionGrants(args),
    ...(tools && agentTools ? { agentTools: { args: tools, server: agentTools.server } } : {}),
  };
}

/** One line a shell user can read: arguments with spaces or quotes are single-quoted. */
export function commandLineOf(preview: Pick<LaunchPreview, 'command' | 'args'>): string {
  return [preview.command, ...preview.args].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./{}-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
