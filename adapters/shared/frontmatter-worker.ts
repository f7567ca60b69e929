import { parentPort } from 'node:worker_threads';
import type { FromFrontmatterWorker, ToFrontmatterWorker } from './frontmatter-thread';
import { parseFrontmatterYaml } from './yaml-frontmatter';

/**
 * The thread FrontmatterThread parses in (frontmatter-thread.ts): one YAML text in, its value or
 * its error out, in the order they come.
 */
const port = parentPort;
if (!port) throw new Error('frontmatter-worker.ts runs as a worker thread');

port.on('message', (message: ToFrontmatterWorker) => {
  const reply: FromFrontmatterWorker = { id: message.id, result: parseFrontmatterYaml(message.yaml) };
  port.postMessage(reply);
});
