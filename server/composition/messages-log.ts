import { constants } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFile, O_NOFOLLOW } from '../../adapters/shared/no-follow';

/** Appends one line to a project's `.tessera/logs/messages.jsonl` (the messages between agents); a linked folder or file there is refused. */
export async function appendMessagesLog(root: string, line: string): Promise<void> {
  const path = join(root, '.tessera', 'logs', 'messages.jsonl');
  await checkFile(path, { createFolders: true });
  await appendFile(path, `${line}\n`, { mode: 0o600, flag: constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | O_NOFOLLOW });
}
