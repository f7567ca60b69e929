import { describe, expect, it } from 'vitest';
import type { TranscriptStore } from '../../domain/ports/transcript.port';

/** Stores under test are made with maxBytes = TRANSCRIPT_MAX and keep = 2. */
export const TRANSCRIPT_MAX = 1000;

/** The TranscriptStore port's behaviour, for the file store and the in-memory fake. */
export function transcriptStoreContract(name: string, make: () => Promise<TranscriptStore>): void {
  describe(`TranscriptStore contract: ${name}`, () => {
    it('reads nothing for an agent without output', async () => {
      const store = await make();
      expect(await store.read('nobody', 1000)).toBe('');
    });

    it('reads back raw output in order, escape sequences and all, before and after a flush', async () => {
      const store = await make();
      store.append('rev', 'hello ');
      store.append('rev', '\x1b[31mred\x1b[0m\r\n');
      expect(await store.read('rev', 1000)).toBe('hello \x1b[31mred\x1b[0m\r\n');
      await store.flush();
      expect(await store.read('rev', 1000)).toBe('hello \x1b[31mred\x1b[0m\r\n');
    });

    it('keeps agents apart', async () => {
      const store = await make();
      store.append('a', 'for a');
      store.append('b', 'for b');
      await store.flush();
      expect(await store.read('a', 100)).toBe('for a');
      expect(await store.read('b', 100)).toBe('for b');
    });

    it('gives the newest bytes when asked for fewer, without splitting a character', async () => {
      const store = await make();
      store.append('rev', 'old text, then é and ✓ at the end');
      await store.flush();
      expect(await store.read('rev', 10)).toBe('at the end');
      expect(await store.read('rev', 14)).toBe('✓ at the end');
      // 12 or 13 bytes would start inside the 3-byte check mark: it is dropped, not garbled.
      expect(await store.read('rev', 12)).toBe(' at the end');
      expect(await store.read('rev', 13)).toBe(' at the end');
    });

    it('stays bounded when output goes on, keeping the newest output across rotations', async () => {
      const store = await make();
      for (let i = 0; i < 100; i++) {
        store.append('rev', `line ${String(i).padStart(3, '0')} ${'x'.repeat(90)}\n`);
        if (i % 7 === 0) await store.flush();
      }
      await store.flush();
      const all = await store.read('rev', 1_000_000);
      expect(all.length).toBeLessThanOrEqual(3 * TRANSCRIPT_MAX + 200);
      expect(all.length).toBeGreaterThan(TRANSCRIPT_MAX);
      expect(all.endsWith(`line 099 ${'x'.repeat(90)}\n`)).toBe(true);
      const numbers = [...all.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(numbers.at(-1)! - numbers[0]!).toBe(numbers.length - 1);
    });

    it('refuses a name that is not an agent slug', async () => {
      const store = await make();
      expect(() => store.append('../escape', 'x')).toThrow();
      await expect(store.read('a/b', 10)).rejects.toThrow();
    });
  });
}
