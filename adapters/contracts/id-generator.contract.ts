import { describe, expect, it } from 'vitest';
import type { IdGenerator } from '../../domain/ports/id-generator.port';

/** What every IdGenerator promises: ids unique for the life of the process, safe in URLs and file names. */
export function idGeneratorContract(name: string, make: () => IdGenerator): void {
  describe(`IdGenerator contract: ${name}`, () => {
    it('never hands out the same id twice', () => {
      const ids = make();
      const seen = new Set(Array.from({ length: 2000 }, () => ids.next()));
      expect(seen.size).toBe(2000);
    });

    it('makes ids that need no escaping in a URL path or a file name', () => {
      const ids = make();
      for (let i = 0; i < 50; i += 1) {
        const id = ids.next();
        expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        expect(encodeURIComponent(id)).toBe(id);
      }
    });
  });
}
