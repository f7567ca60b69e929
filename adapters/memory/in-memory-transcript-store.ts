import { parseSlug } from '../../domain/names';
import type { TranscriptStore } from '../../domain/ports/transcript.port';

/**
 * Transcripts in memory with the file store's bounds: each append is one "batch", rotated into at
 * most `keep` older generations of `maxBytes`, so tests see the same reads as with files.
 */
export class InMemoryTranscriptStore implements TranscriptStore {
  /** Per slug, newest generation first. */
  private readonly logs = new Map<string, Buffer[]>();

  constructor(private readonly options: { readonly maxBytes?: number; readonly keep?: number } = {}) {}

  append(slug: string, data: string): void {
    checkSlug(slug);
    if (data === '') return;
    const max = this.options.maxBytes ?? 5 * 1024 * 1024;
    const keep = this.options.keep ?? 2;
    const generations = this.logs.get(slug) ?? [Buffer.alloc(0)];
    const bytes = Buffer.from(data);
    const live = generations[0] ?? Buffer.alloc(0);
    if (live.length > 0 && live.length + bytes.length > max) {
      generations.unshift(bytes);
      generations.splice(keep + 1);
    } else {
      generations[0] = Buffer.concat([live, bytes]);
    }
    this.logs.set(slug, generations);
  }

  async read(slug: string, maxBytes: number): Promise<string> {
    checkSlug(slug);
    if (maxBytes <= 0) return '';
    const all = Buffer.concat([...(this.logs.get(slug) ?? [])].reverse());
    const tail = all.subarray(Math.max(0, all.length - maxBytes));
    let start = 0;
    while (start < tail.length && start < 3 && ((tail[start] ?? 0) & 0xc0) === 0x80) start++;
    return tail.subarray(start).toString('utf8');
  }

  async flush(): Promise<void> {}
}

function checkSlug(slug: string): void {
  const parsed = parseSlug(slug);
  if (!parsed.ok || parsed.value !== slug) throw new Error(`not an agent slug: ${JSON.stringify(slug)}`);
}
