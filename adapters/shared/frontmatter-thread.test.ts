import { afterEach, describe, expect, it } from 'vitest';
import { FrontmatterThread } from './frontmatter-thread';
import { FRONTMATTER_LIMITS, frontmatterOnThisThread } from './yaml-frontmatter';

const ENTRY = new URL('./frontmatter-worker-boot.mjs', import.meta.url);
const threads: FrontmatterThread[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.dispose()));
});
function thread(): FrontmatterThread {
  const made = new FrontmatterThread({ entry: ENTRY });
  threads.push(made);
  return made;
}

/** As costly a frontmatter as the limits let through: every key it may hold, each with a long value, up to the size limit. */
function heaviestAllowed(): string {
  const value = 'v'.repeat(Math.floor(FRONTMATTER_LIMITS.chars / FRONTMATTER_LIMITS.entries) - 12);
  const lines = Array.from({ length: FRONTMATTER_LIMITS.entries }, (_, i) => `k${i}: ${value}`);
  const yaml = lines.join('\n');
  if (yaml.length > FRONTMATTER_LIMITS.chars) throw new Error('the sample must stay under the limit');
  return `---\n${yaml}\n---\nbody\n`;
}

describe('FrontmatterThread', () => {
  it('refuses files of thousands of nested brackets, each under the size limit, before the parser sees them, and keeps serving', async () => {
    const reader = thread();
    const deep = 30_000;
    const source = `---\nx: ${'['.repeat(deep)}${']'.repeat(deep)}\n---\nbody\n`;
    expect(source.length).toBeLessThan(FRONTMATTER_LIMITS.chars);
    const results = await Promise.all(Array.from({ length: 10 }, () => reader.read(source)));
    for (const result of results) expect(result).toEqual({ ok: false, error: `the frontmatter nests mappings and lists more than ${FRONTMATTER_LIMITS.depth} deep` });
    expect(await reader.read('---\nname: Dev\n---\n')).toMatchObject({ ok: true, value: { data: { name: 'Dev' } } });
  });

  it('reads what the same text reads on this thread, error messages included', async () => {
    const reader = thread();
    for (const source of ['---\nname: Dev\nenv: { A: "1" }\n---\n# Dev\n', '---\nname: [oops\n---\n', 'no fence\n', heaviestAllowed()]) {
      expect(await reader.read(source)).toEqual(await frontmatterOnThisThread.read(source));
    }
  });

  it('answers a cheap request sent after the parse of a frontmatter just under the limits first', async () => {
    const reader = thread();
    await reader.read('---\nwarm: up\n---\n');
    const order: string[] = [];
    const expensive = reader.read(heaviestAllowed()).then((result) => {
      expect(result.ok).toBe(true);
      order.push('expensive');
    });
    const cheap = new Promise<void>((resolve) => setImmediate(resolve)).then(() => order.push('cheap'));
    await Promise.all([expensive, cheap]);
    expect(order).toEqual(['cheap', 'expensive']);
  });

  it('fails the reads of a thread that dies, and reads again on a new one', async () => {
    const reader = thread();
    const pending = reader.read(heaviestAllowed());
    // Ending the worker from outside stands for a crash of the thread.
    await (reader as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const lost = await pending;
    expect(lost.ok).toBe(false);
    expect(await reader.read('---\nname: Dev\n---\n')).toEqual({ ok: true, value: { data: { name: 'Dev' }, body: '' } });
  });

  it('reads nothing once disposed', async () => {
    const reader = thread();
    await reader.dispose();
    expect((await reader.read('---\nname: Dev\n---\n')).ok).toBe(false);
  });
});
