import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { agentToolMethods, type AgentToolMethod } from '../../contract/agent-tools';
import type { AgentRequest } from '../agent-messaging';
import type { Response, SessionDto } from '../../contract/contract';
import type { AgentToolsGrant } from '../../application/launch-agent';
import { err, ok } from '../../domain/result';
import type { AppHost } from '../app-host';
import type { ServerCommand } from './server-connection';

/**
 * Tessera for agents: each agent whose profile takes an MCP configuration gets, at launch, a file
 * naming `tessera mcp` with a capability of its own (a random secret). The MCP server presents it
 * with every call; the session server knows from it which agent calls, and answers only about the
 * agents of that agent's project. Sending and launching also need the user's per-project setting.
 *
 * Threat model: this guards against an agent's mistakes and against instructions injected into it
 * through what it reads (it cannot reach another project, nor message or launch agents unless the
 * user turned that on for the project); not against a hostile program of the same user, which can
 * read the capability files and the socket as the user can.
 */

export interface AgentGrant {
  readonly sessionId: string;
  readonly root: string;
  readonly slug: string;
}

/** The capabilities handed out, by a digest of the secret (the secret itself is kept nowhere in memory). */
export class AgentCapabilities {
  private readonly grants = new Map<string, AgentGrant>();
  private readonly statusMessages = new Map<string, string>();

  grant(grant: AgentGrant): string {
    const secret = randomBytes(24).toString('base64url');
    this.grants.set(digest(secret), grant);
    return secret;
  }

  resolve(secret: string): AgentGrant | undefined {
    return this.grants.get(digest(secret));
  }

  revoke(sessionId: string): void {
    for (const [key, grant] of this.grants) if (grant.sessionId === sessionId) this.grants.delete(key);
    this.statusMessages.delete(sessionId);
  }

  setStatus(sessionId: string, message: string): void {
    if (message === '') this.statusMessages.delete(sessionId);
    else this.statusMessages.set(sessionId, message);
  }

  statusOf(sessionId: string): string | undefined {
    return this.statusMessages.get(sessionId);
  }
}

const digest = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** The MCP configuration of one session, in the runtime folder (0600), as Claude's `--mcp-config` reads it. */
export function writeMcpConfig(runtimeDir: string, sessionId: string, command: ServerCommand, secret: string, env: Readonly<Record<string, string | undefined>>): string {
  const dir = join(runtimeDir, 'mcp');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${sessionId.replace(/[^\w-]/g, '_')}.json`);
  const passed: Record<string, string> = { TESSERA_MCP_CAPABILITY: secret };
  for (const key of ['XDG_RUNTIME_DIR', 'TESSERA_CONFIG_DIR', 'HOME', 'PATH']) {
    const value = env[key];
    if (value !== undefined) passed[key] = value;
  }
  const config = { mcpServers: { tessera: { type: 'stdio', command: command.file, args: [...command.args], env: passed } } };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return path;
}

export function removeMcpConfig(runtimeDir: string, sessionId: string): void {
  rmSync(join(runtimeDir, 'mcp', `${sessionId.replace(/[^\w-]/g, '_')}.json`), { force: true });
}

export interface AgentToolDeps {
  readonly host: AppHost;
  readonly capabilities: AgentCapabilities;
  /** The wait tool's poll; tests pass a quick one. */
  readonly pollMs?: number;
  /** Appends one line to `.tessera/logs/messages.jsonl` of a project, following no link; never throws (the message went either way). */
  readonly appendMessage: (root: string, line: string) => Promise<void>;
}

const refused = (kind: string, message: string): Response<never> => ({ ok: false, error: { kind, message } });

const isLive = (status: string): boolean => status !== 'exited' && status !== 'failed';

/** Answers one agent-tool method; every refusal is a Response error the MCP server turns into a tool error. */
export async function handleAgentTool(method: AgentToolMethod, rawParams: unknown, deps: AgentToolDeps): Promise<Response<unknown>> {
  const parsed = agentToolMethods[method].params.safeParse(rawParams ?? {});
  if (!parsed.success) return refused('invalid-params', `Invalid parameters: ${z.prettifyError(parsed.error).slice(0, 300)}`);
  const params = parsed.data as { capability: string; agent?: string; lines?: number; text?: string; until?: 'idle' | 'needs-input' | 'exited'; timeoutSeconds?: number; message?: string };
  const grant = deps.capabilities.resolve(params.capability);
  const callerSession = grant && deps.host.sessions().find((entry) => entry.session.id === grant.sessionId);
  if (!grant || !callerSession || !isLive(callerSession.session.status)) {
    return refused('capability-invalid', 'This Tessera MCP server does not speak for a running agent (its session ended, or Tessera restarted): relaunch the agent.');
  }
  const connection = deps.host.connect({ kind: 'script' });
  try {
    const opened = await connection.call('project.open', { path: grant.root });
    if (!opened.ok) return opened;
    const sessions = async (): Promise<SessionDto[]> => {
      const listed = await connection.call('sessions.list', {});
      return listed.ok ? (listed.value as SessionDto[]) : [];
    };
    const latest = (list: SessionDto[], slug: string): SessionDto | undefined => list.filter((s) => s.agent === slug).sort((a, b) => b.startedAt - a.startedAt)[0];
    const statusOf = (session: SessionDto | undefined) => (session ? session.status : 'not-running');
    /** The user's per-project setting decides; with 'ask', the user's answer in the app does. */
    const permitted = async (request: AgentRequest): Promise<Response<never> | undefined> => {
      const what = request.kind === 'send' ? `message ${request.to}` : `launch ${request.to}`;
      const messaging = deps.host.messaging;
      const setting = messaging ? messaging.setting(grant.root) : 'off';
      if (setting === 'on') return undefined;
      if (setting === 'off' || !messaging) {
        return refused('agent-messaging-off', `Agents of this project may not ${what}: the user has not allowed it (Tessera's agent messaging setting for ${grant.root} is off).`);
      }
      const outcome = await messaging.ask(grant.root, request);
      if (outcome === 'allowed') return undefined;
      return outcome === 'denied'
        ? refused('agent-messaging-denied', `The user denied this request: you may not ${what} now. Do not retry it unless the user asks you to.`)
        : refused('agent-messaging-unanswered', `Nobody answered in Tessera in time, so the request to ${what} was refused and nothing was done.`);
    };
    const knownAgent = async (slug: string): Promise<Response<never> | undefined> => {
      const agents = await connection.call('agents.list', {});
      if (agents.ok && (agents.value as Array<{ slug: string }>).some((a) => a.slug === slug)) return undefined;
      return refused('agent-not-found', `This project has no agent "${slug}" (the agent tool "list" names them).`);
    };

    switch (method) {
      case 'agent.list': {
        const agents = await connection.call('agents.list', {});
        if (!agents.ok) return agents;
        const list = await sessions();
        return {
          ok: true,
          value: {
            you: grant.slug,
            agents: (agents.value as Array<{ slug: string; name: string }>).map((a) => {
              const session = latest(list, a.slug);
              const message = session ? deps.capabilities.statusOf(session.id) : undefined;
              return { slug: a.slug, name: a.name, status: statusOf(session), ...(message ? { statusMessage: message } : {}) };
            }),
          },
        };
      }
      case 'agent.read': {
        const unknown = await knownAgent(params.agent as string);
        if (unknown) return unknown;
        const session = latest(await sessions(), params.agent as string);
        if (!session) return refused('agent-not-running', `${params.agent} has not run since Tessera started.`);
        const shot = await connection.call('sessions.snapshot', { id: session.id, scrollbackLines: params.lines as number });
        if (!shot.ok) return shot;
        const lines = (shot.value as { text: string }).text.replace(/\s+$/, '').split('\n').slice(-(params.lines as number));
        return { ok: true, value: { text: lines.join('\n') } };
      }
      case 'agent.send': {
        const unknown = await knownAgent(params.agent as string);
        if (unknown) return unknown;
        const running = (found: SessionDto | undefined): found is SessionDto => found !== undefined && isLive(found.status);
        if (!running(latest(await sessions(), params.agent as string))) return refused('agent-not-running', `${params.agent} is not running; launch it first.`);
        const refusal = await permitted({ from: grant.slug, to: params.agent as string, kind: 'send', text: params.text as string });
        if (refusal) return refusal;
        // The answer may have taken a while: the agent may have stopped meanwhile.
        const session = latest(await sessions(), params.agent as string);
        if (!running(session)) return refused('agent-not-running', `${params.agent} is not running; launch it first.`);
        const text = `[message from agent ${grant.slug}] ${params.text as string}`;
        const sent = await connection.call('sessions.send', { message: text, to: [session.id] });
        if (!sent.ok) return sent;
        const outcome = (sent.value as Array<{ outcome: string }>)[0]?.outcome;
        if (outcome !== 'sent' && outcome !== 'queued') return refused('agent-not-running', `${params.agent} is not running.`);
        const entry = { at: new Date().toISOString(), from: grant.slug, to: params.agent as string, text: params.text as string };
        await deps.appendMessage(grant.root, JSON.stringify(entry));
        deps.host.notifyProject(grant.root, { name: 'agents.note', payload: { agent: entry.to, kind: 'message', from: entry.from, text: entry.text, at: Date.now() } });
        return { ok: true, value: { outcome } };
      }
      case 'agent.launch': {
        const refusal = (await knownAgent(params.agent as string)) ?? (await permitted({ from: grant.slug, to: params.agent as string, kind: 'launch' }));
        if (refusal) return refusal;
        const launched = await connection.call('agents.launch', { slug: params.agent as string });
        if (!launched.ok) return launched;
        return { ok: true, value: { status: (launched.value as SessionDto).status } };
      }
      case 'agent.wait': {
        const unknown = await knownAgent(params.agent as string);
        if (unknown) return unknown;
        const deadline = Date.now() + (params.timeoutSeconds as number) * 1000;
        const reached = (status: string): boolean => (params.until === 'exited' ? !isLive(status) : status === params.until);
        for (;;) {
          const status = statusOf(latest(await sessions(), params.agent as string));
          if (reached(status)) return { ok: true, value: { reached: true, status } };
          if (params.until !== 'exited' && !isLive(status) && status !== 'not-running') return { ok: true, value: { reached: false, status } };
          if (Date.now() >= deadline) return { ok: true, value: { reached: false, status } };
          await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 250));
        }
      }
      case 'agent.setStatus': {
        const text = (params.message as string).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
        deps.capabilities.setStatus(grant.sessionId, text);
        deps.host.notifyProject(grant.root, { name: 'agents.note', payload: { agent: grant.slug, kind: 'status', text, at: Date.now() } });
        return { ok: true, value: {} };
      }
    }
  } finally {
    connection.dispose();
  }
}



/** The launch's side of the capabilities: one per session, written where the CLI reads its MCP configuration. */
export function agentToolsGrant(options: {
  readonly capabilities: AgentCapabilities;
  readonly runtimeDir: string;
  /** How an agent's CLI starts `tessera mcp`. */
  readonly mcpCommand: ServerCommand;
  readonly env: Readonly<Record<string, string | undefined>>;
}): AgentToolsGrant {
  return {
    preview: { configPath: join(options.runtimeDir, 'mcp', '<session>.json'), server: { command: options.mcpCommand.file, args: [...options.mcpCommand.args] } },
    grant: ({ sessionId, slug, projectRoot }) => {
      const secret = options.capabilities.grant({ sessionId, root: projectRoot, slug });
      try {
        return ok({ configPath: writeMcpConfig(options.runtimeDir, sessionId, options.mcpCommand, secret, options.env) });
      } catch (error) {
        options.capabilities.revoke(sessionId);
        return err({ kind: 'fs-failed', path: join(options.runtimeDir, 'mcp'), message: (error as Error).message });
      }
    },
    revoke: (sessionId) => {
      options.capabilities.revoke(sessionId);
      removeMcpConfig(options.runtimeDir, sessionId);
    },
  };
}
