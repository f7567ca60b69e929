import type { SessionStatusDto } from '../contract/contract';
import type { SessionClient } from '../contract/session-client';
import type { ServerSessionDto } from '../contract/session-protocol';
import { EXIT_FAILURE, EXIT_OK, EXIT_TIMEOUT, type CliIo } from './cli-io';
import { CommandError } from './command-error';
import { openProject } from './session-lookup';
import { isLiveStatus, statusText } from './session-status';
import { TerminalText } from './terminal-text';

/** Watching a running session: `tessera read --follow` and `tessera wait`. */

export const WAIT_TARGETS = ['idle', 'needs-input', 'exited'] as const;
export type WaitTarget = (typeof WAIT_TARGETS)[number];

/** What `tessera read --follow` prints after the screen: the new output as text, until the agent exits or the user stops it. */
export async function follow(io: CliIo, client: SessionClient, sessionId: string, screen: () => Promise<void>): Promise<number> {
  const text = new TerminalText();
  let screenShown = false;
  let pending: Uint8Array[] = [];
  return new Promise<number>((resolvePromise) => {
    const attachment = client.attachTerminal(sessionId, {
      snapshot: (data) => {
        attachment.ack(data.length);
        if (screenShown) return;
        // The stream's snapshot marks the moment: the screen as text now, then what follows it.
        void screen().then(() => {
          screenShown = true;
          for (const bytes of pending) io.stdout.write(text.push(bytes));
          pending = [];
        });
      },
      data: (bytes) => {
        attachment.ack(bytes.byteLength);
        if (screenShown) io.stdout.write(text.push(bytes));
        else pending.push(bytes);
      },
      exit: () => {
        io.stdout.write(text.flush());
        attachment.close();
        resolvePromise(EXIT_OK);
      },
    });
    void io.stopSignal?.().then(() => {
      attachment.close();
      resolvePromise(EXIT_OK);
    });
  });
}

export async function waitFor(io: CliIo, client: SessionClient, session: ServerSessionDto, until: WaitTarget, timeoutS: number | undefined): Promise<number> {
  const reached = (status: SessionStatusDto): boolean => (until === 'exited' ? !isLiveStatus(status) : status === until);
  if (reached(session.status)) return done(session.status);
  if (!isLiveStatus(session.status)) throw new CommandError(`${session.agent} is not running (${statusText(session)})`);
  await openProject(client, session.project.root);
  return new Promise<number>((resolvePromise) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      off();
      if (timer) clearTimeout(timer);
      resolvePromise(code);
    };
    const off = client.on('sessions.changed', (changed) => {
      if (changed.id !== session.id) return;
      if (reached(changed.status)) return finish(done(changed.status));
      if (!isLiveStatus(changed.status)) {
        io.stderr.write(`tessera wait: ${session.agent} ended (${changed.status}${changed.exitCode !== undefined ? ` ${changed.exitCode}` : ''}) before it was ${until}\n`);
        finish(EXIT_FAILURE);
      }
    });
    client.onClose((reason) => {
      if (finished) return;
      io.stderr.write(`tessera wait: ${reason}\n`);
      finish(EXIT_FAILURE);
    });
    if (timeoutS !== undefined) {
      timer = setTimeout(() => {
        io.stderr.write(`tessera wait: ${session.agent} was not ${until} after ${timeoutS} s\n`);
        finish(EXIT_TIMEOUT);
      }, timeoutS * 1000);
    }
    // The status may have moved between the listing and the subscription.
    void client.call('sessions.list', {}).then((list) => {
      const now = list.ok ? list.value.find((s) => s.id === session.id) : undefined;
      if (now && reached(now.status)) finish(done(now.status));
    });
  });

  function done(status: SessionStatusDto): number {
    io.stdout.write(`${session.agent}: ${status}\n`);
    return EXIT_OK;
  }
}

