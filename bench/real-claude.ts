/**
 * The real Claude Code for the bench's real-agent figures: the pinned CLI of the real-agent test tier
 * (e2e/fixtures/real-agents), each agent with a home of its own that talks only to the scripted model
 * server on loopback, run inside a loopback-only network namespace as that tier runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingAgents } from '../e2e/fixtures/real-agents/install.mjs';
import { prepareAgentHome } from '../e2e/fixtures/real-agents/agent-homes';
import { insideLoopbackNamespace, loopbackNamespaceUnavailable, runInLoopbackNamespace } from '../e2e/fixtures/real-agents/loopback-namespace.mjs';
import { writeAgent } from '../e2e/real/support';

/** Why the real Claude Code cannot run here, or undefined when it can (installed at its pinned version). */
export function claudeUnavailable(): string | undefined {
  const missing = missingAgents().filter((name) => name.startsWith('@anthropic-ai/claude-code@'));
  if (missing.length === 0) return undefined;
  return `the pinned Claude Code (${missing.join(', ')}) is not installed; install it with \`node e2e/fixtures/real-agents/install.mjs\``;
}

/**
 * Runs this bench again inside a loopback-only network namespace when it needs the real agents and is
 * not in one yet. Returns the exit status of that run, or, when it cannot be made (not root, no
 * `unshare`, Claude Code not installed), the reason the real-agent figures will not run, and the bench
 * goes on where it is.
 */
export function runInNamespaceIfNeeded(script: string, args: readonly string[]): { readonly exitCode: number } | { readonly skipReason: string | undefined } {
  const unavailable = claudeUnavailable();
  if (unavailable) return { skipReason: unavailable };
  if (insideLoopbackNamespace()) return { skipReason: undefined };
  const why = loopbackNamespaceUnavailable();
  if (why) return { skipReason: `no loopback-only network namespace for the real agents: ${why}` };
  console.log('bench: running inside a network namespace with loopback only (the real agents talk to nothing but the scripted model server).');
  const inside = runInLoopbackNamespace(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit' });
  if (inside.error || inside.status === null) {
    console.error(`bench: the run inside the network namespace failed: ${inside.error?.message ?? `killed by ${inside.signal}`}`);
    return { exitCode: 1 };
  }
  return { exitCode: inside.status };
}

/** Writes a Claude Code agent per name into the project (persona markdown with its home's environment); returns name -> slug. */
export function writeClaudeAgents(projectDir: string, homesDir: string, modelUrl: string, names: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  for (const name of names) {
    const slug = name.toLowerCase().replaceAll(' ', '-');
    const runDir = join(projectDir, '.tessera', 'run', slug);
    const home = prepareAgentHome({ cli: 'claude', dir: join(homesDir, slug), modelUrl, trusted: [projectDir, runDir] });
    writeAgent(projectDir, { slug, name, profile: 'claude', skills: [], home, persona: 'You answer at length.' });
    slugs.set(name, slug);
  }
  return slugs;
}

/** Claude Code waiting at its prompt, as its screen shows it. */
export const CLAUDE_READY = /auto mode on|\? for shortcuts/;

/**
 * Tessera's own programs that an agent's CLI starts, by their command lines: the hook program, the
 * status-line script and the MCP server it gets for its launch (`tessera mcp`, or its prebuilt bundle
 * tessera-mcp.mjs; the packaged app's binary with --tessera-hook or --tessera-mcp). A shell that runs one (`sh -c "'node' '.../tessera-hook.mjs'"`)
 * counts as one too.
 */
export function isTesseraHelper(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const tesseraMcp = argv.some((arg) => arg.endsWith('/bin/tessera')) && argv.includes('mcp');
    return tesseraMcp || argv.some((arg) => arg.includes('tessera-hook.mjs') || arg.endsWith('/tessera-mcp.mjs') || arg.includes('status-line.sh') || arg === '--tessera-hook' || arg === '--tessera-mcp');
  } catch {
    return false;
  }
}

/** The memory the kernel says can be used without swapping (MemAvailable), in bytes; 0 where there is no /proc. */
export function availableMemory(): number {
  try {
    const kb = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
