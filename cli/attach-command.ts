import type { TerminalAttachment } from '../contract/api';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cli-io';
import type { RunTerminal } from './run-command';
import { findSession } from './session-lookup';
import { isLiveStatus } from './session-status';
import { TerminalQueryFilter } from './terminal-queries';

/** Ctrl+\ detaches: one key, which agents' TUIs leave alone (tmux's Ctrl+B is a key many of them use). */
export const DETACH_KEY = '\x1c';
export const DETACH_HINT = 'Ctrl+\\ detaches';

/** Puts the user's terminal back as a shell expects it: main screen, cursor shown, no mouse or paste modes. */
const RESTORE = '\x1b[?1049l\x1b[?25h\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1l\x1b>\x1b[<u';

export interface AttachDeps {
  readonly io: CliIo;
  readonly terminal: RunTerminal;
}

/**
 * `tessera attach AGENT`: the agent full screen in this terminal, as `tmux attach` shows a session:
 * the screen first, then live output; every key goes to the agent, except Ctrl+\ which detaches and
 * leaves it running. The agent's window follows the view typed or resized in last (this one when it
 * attaches), and the app shows it at the same time.
 */
export async function runAttach(argv: readonly string[], deps: AttachDeps): Promise<number> {
  const { io, terminal } = deps;
  let project: string | undefined;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--project') project = argv[++i];
    else if (arg.startsWith('--project=')) project = arg.slice('--project='.length);
    else if (arg.startsWith('-')) return usage(io, `unknown option ${arg}`);
    else positionals.push(arg);
  }
  if (positionals.length !== 1) return usage(io, positionals.length === 0 ? 'which agent? give its slug (or project/slug)' : `unexpected argument ${positionals[1]}`);
  if (!terminal.isTTY) return usage(io, 'attach needs a terminal (use `tessera read AGENT --follow` in a script)');
  const found = await findSession(io, positionals[0] as string, project).catch((error: unknown) => error as Error & { code?: number });
  if (found instanceof Error) {
    io.stderr.write(`tessera attach: ${found.message}\n`);
    return found.code ?? EXIT_FAILURE;
  }
  const { client, session } = found;
  if (!isLiveStatus(session.status)) {
    client.close();
    io.stderr.write(`tessera attach: ${session.agent} is not running (${session.status})\n`);
    return EXIT_FAILURE;
  }

  io.stderr.write(`tessera: attached to ${session.agent} in ${session.project.name}; ${DETACH_HINT}\r\n`);
  const filter = new TerminalQueryFilter();
  const decoder = new TextDecoder('utf-8');
  const subscriptions: Array<{ dispose(): void }> = [];
  let attachment: TerminalAttachment | undefined;
  const outcome = await new Promise<{ code: number; message: string }>((resolvePromise) => {
    let ended = false;
    const end = (code: number, message: string): void => {
      if (ended) return;
      ended = true;
      resolvePromise({ code, message });
    };
    attachment = client.attachTerminal(session.id, {
      snapshot: (data, screenOnly) => {
        // A fresh terminal for the first screen; during a flood, the screen painted over the old one.
        terminal.write((screenOnly ? '\x1b[H\x1b[2J' : '\x1bc') + `\x1b]2;${session.agent}: ${DETACH_HINT}\x07` + filter.push(data));
        attachment?.ack(data.length);
      },
      data: (bytes) => {
        terminal.write(filter.push(decoder.decode(bytes, { stream: true })));
        attachment?.ack(bytes.byteLength);
      },
      exit: (info) => end(EXIT_OK, `${session.agent} ${info.code !== undefined ? `exited with code ${info.code}` : info.reason ?? 'ended'}`),
    });
    const size = terminal.size();
    // This view is the latest: the agent takes its size.
    if (size) attachment.resize(size.cols, size.rows);
    subscriptions.push(
      terminal.onInput((data) => {
        const at = data.indexOf(DETACH_KEY);
        if (at < 0) return attachment?.input(data);
        if (at > 0) attachment?.input(data.slice(0, at));
        end(EXIT_OK, `detached from ${session.agent} (it keeps running; \`tessera attach ${session.agent}\` to come back)`);
      }),
      terminal.onResize(() => {
        const next = terminal.size();
        if (next) attachment?.resize(next.cols, next.rows);
      }),
    );
    client.onClose((reason) => end(EXIT_FAILURE, reason));
    void io.stopSignal?.().then(() => end(EXIT_OK, `detached from ${session.agent}`));
    terminal.setRawMode(true);
  });
  terminal.setRawMode(false);
  for (const subscription of subscriptions) subscription.dispose();
  attachment?.close();
  client.close();
  terminal.write(`${RESTORE}\r\n`);
  io.stderr.write(`tessera: ${outcome.message}\n`);
  return outcome.code;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`tessera attach: ${message}\n`);
  return EXIT_USAGE;
}
