/**
 * The raw transcript of each agent's terminal output, `.tessera/logs/<slug>.log`:
 * appended as output arrives, bounded and rotated (`<slug>.1.log`, `<slug>.2.log` hold older
 * output), readable from the UI. Appends are batched and written in order; a crash of the app
 * loses at most the batch not yet written. A slug that is not a slug is refused (it never
 * becomes a path outside the logs folder).
 */
export interface TranscriptStore {
  /** Queues output for the agent's log. Never throws on I/O trouble (a transcript must not stop an agent). */
  append(slug: string, data: string): void;
  /** The newest output of the agent, at most `maxBytes` UTF-8 bytes, across rotated files, including what is queued. "" when none. */
  read(slug: string, maxBytes: number): Promise<string>;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
}
