import { EventEmitter } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import type { IPty } from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { holdUntilDrained } from './output-drain';

/** A terminal with node-pty's private fields; /dev/null stands in for the slave and reads as empty. */
function fakeTerminal() {
  const calls: string[] = [];
  const socket = {
    destroy: () => void calls.push('destroy'),
    push: () => true,
    read: () => null,
    _readableState: { ended: false },
  };
  const fd = openSync('/dev/null', 'r');
  const terminal = Object.assign(new EventEmitter(), { _socket: socket, _fd: fd, ptsName: '/dev/null' });
  return { terminal, calls, fd };
}

describe('holdUntilDrained', () => {
  const fds: number[] = [];
  afterEach(() => {
    for (const fd of fds.splice(0)) closeSync(fd);
  });

  it('destroys the held stream, drained, as soon as node-pty waits for its close after the exit, and not before', async () => {
    const { terminal, calls, fd } = fakeTerminal();
    fds.push(fd);
    holdUntilDrained(terminal as unknown as IPty);
    terminal.once('data', () => undefined);
    await Promise.resolve();
    expect(calls).toEqual([]);
    terminal.once('close', () => void calls.push('exit reported'));
    await Promise.resolve();
    expect(calls).toEqual(['destroy', 'exit reported']);
  });

  it('reports the exit once, right after the drain, not when the stream’s close comes round', async () => {
    const { terminal, calls, fd } = fakeTerminal();
    fds.push(fd);
    holdUntilDrained(terminal as unknown as IPty);
    terminal.once('close', () => void calls.push('exit reported'));
    await Promise.resolve();
    terminal.emit('close');
    expect(calls).toEqual(['destroy', 'exit reported']);
  });
});
