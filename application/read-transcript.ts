import { parseSlug, type NameError } from '../domain/names';
import type { TranscriptStore } from '../domain/ports/transcript.port';
import { ok, type Result } from '../domain/result';

/** The newest raw output of an agent, for the UI (escape sequences included: it is written to a terminal view). */
export class ReadTranscript {
  constructor(private readonly deps: { readonly transcripts: TranscriptStore }) {}

  async execute(input: { readonly slug: string; readonly maxBytes?: number }): Promise<Result<string, NameError>> {
    const slug = parseSlug(input.slug);
    if (!slug.ok) return slug;
    // 1 MB: enough scrollback to read back, small enough for one message.
    const maxBytes = Math.min(Math.max(0, input.maxBytes ?? 1024 * 1024), 5 * 1024 * 1024);
    return ok(await this.deps.transcripts.read(slug.value, maxBytes));
  }
}
