import { logLine } from '../server/log-line';

/** One entry of the app's log, to stderr (the server's goes to server.log, where it was started detached). */
export function desktopLog(message: string, error?: unknown): void {
  console.error(`${new Date().toISOString()} ${logLine(message, error)}`);
}
