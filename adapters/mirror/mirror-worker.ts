import { parentPort } from 'node:worker_threads';
import type { FromMirrorWorker, ToMirrorWorker } from './mirror-worker-protocol';
import { XtermHeadlessMirror } from './xterm-headless-mirror';

/**
 * The thread the mirrors of WorkerMirrorFactory live in (worker-mirror.ts): one XtermHeadlessMirror
 * per session, fed in the order the messages come. Reads answer after every write sent before them,
 * so a snapshot reflects exactly the output emitted before it was asked for. What was parsed is
 * reported once per turn, for the factory's backlog bound.
 */
const port = parentPort;
if (!port) throw new Error('mirror-worker.ts runs as a worker thread');

const mirrors = new Map<number, XtermHeadlessMirror>();
const parsed = new Map<number, number>();
let reportDue = false;

function report(): void {
  reportDue = false;
  const message: FromMirrorWorker = { op: 'parsed', counts: [...parsed] };
  parsed.clear();
  port!.postMessage(message);
}

/** One more of `id`'s writes is done; reported once per turn. */
function countParsed(id: number): void {
  parsed.set(id, (parsed.get(id) ?? 0) + 1);
  if (!reportDue) {
    reportDue = true;
    setImmediate(report);
  }
}

function handle(message: ToMirrorWorker): void {
  switch (message.op) {
    case 'create': {
      const { id } = message;
      const mirror = new XtermHeadlessMirror({ cols: message.cols, rows: message.rows });
      mirror.onReply((data) => port!.postMessage({ op: 'reply', id, data } satisfies FromMirrorWorker));
      mirrors.set(id, mirror);
      return;
    }
    case 'write':
      mirrors.get(message.id)?.write(message.data);
      countParsed(message.id);
      return;
    case 'resize':
      mirrors.get(message.id)?.resize({ cols: message.cols, rows: message.rows });
      return;
    case 'read': {
      const mirror = mirrors.get(message.id);
      const read = !mirror
        ? Promise.resolve('')
        : message.what === 'screen'
          ? mirror.screenText({ scrollbackLines: message.scrollbackLines ?? 0 })
          : message.what === 'modes'
            ? mirror.modes().then((modes) => JSON.stringify(modes))
            : mirror.serialize({ scrollback: message.scrollback });
      // XtermHeadlessMirror reads synchronously (resolved promises): answers keep the order of requests.
      void read.then((text) => port!.postMessage({ op: 'read', request: message.request, text } satisfies FromMirrorWorker));
      return;
    }
    case 'dispose':
      mirrors.get(message.id)?.dispose();
      mirrors.delete(message.id);
      parsed.delete(message.id);
      return;
  }
}

port.on('message', (message: ToMirrorWorker) => {
  try {
    handle(message);
  } catch (error) {
    // One session's output must not take every session's mirror down with the thread: the write
    // still counts as parsed (its PTY is not held forever), a read answers with nothing.
    console.error('[tessera] terminal mirror failed', error);
    if (message.op === 'write') countParsed(message.id);
    if (message.op === 'read') port.postMessage({ op: 'read', request: message.request, text: '' } satisfies FromMirrorWorker);
  }
});
