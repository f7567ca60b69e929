import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRONTMATTER_LIMITS, frontmatterOnThisThread, parseFrontmatterYaml } from './yaml-frontmatter';

const read = (source: string) => frontmatterOnThisThread.read(source);
const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n');

afterEach(() => vi.restoreAllMocks());

describe('reading frontmatter', () => {
  it('gives the YAML value and the body', async () => {
    expect(await read('---\nname: Dev\nskills: [a, b]\n---\n# Dev\n')).toEqual({ ok: true, value: { data: { name: 'Dev', skills: ['a', 'b'] }, body: '# Dev\n' } });
  });

  it('reads a frontmatter with as many keys as the limit allows', async () => {
    const result = await read(`---\n${keys(FRONTMATTER_LIMITS.entries)}\n---\n`);
    expect(result.ok && Object.keys(result.value.data as object)).toHaveLength(FRONTMATTER_LIMITS.entries);
  });

  it('refuses one key more than the limit, naming the limit', async () => {
    expect(await read(`---\n${keys(FRONTMATTER_LIMITS.entries + 1)}\n---\n`)).toEqual({
      ok: false,
      error: `the frontmatter holds more than ${FRONTMATTER_LIMITS.entries} keys and list items`,
    });
  });

  it('counts list items and nested keys against the same limit', async () => {
    const list = Array.from({ length: FRONTMATTER_LIMITS.entries }, (_, i) => `  - ${i}`).join('\n');
    expect((await read(`---\nargs:\n${list}\n---\n`)).ok).toBe(false);
  });

  it('refuses a frontmatter longer than the limit without parsing it, even one never closed', async () => {
    const long = `---\nname: ${'x'.repeat(FRONTMATTER_LIMITS.chars)}\n---\nbody\n`;
    const result = await read(long);
    expect(result.ok ? '' : result.error).toMatch(/longer than 65536 characters/);
    const unclosed = `---\n${'a: 1\n'.repeat(FRONTMATTER_LIMITS.chars)}`;
    expect((await read(unclosed)).ok).toBe(false);
  });

  it('refuses nesting deeper than the limit, and nesting far deeper without overflowing the stack', async () => {
    const nested = (depth: number) => `---\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\n`;
    expect((await read(nested(FRONTMATTER_LIMITS.depth - 1))).ok).toBe(true);
    expect(await read(nested(FRONTMATTER_LIMITS.depth))).toEqual({ ok: false, error: `the frontmatter nests mappings and lists more than ${FRONTMATTER_LIMITS.depth} deep` });
    expect((await read(nested(5000))).ok).toBe(false);
  });

  it('refuses aliases that would unfold into a flood of values', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    const result = await read(`---\n${bomb.join('\n')}\n---\n`);
    expect(result.ok).toBe(false);
  });

  it('refuses a key given twice, naming it', async () => {
    expect(await read('---\nname: A\nprofile: x\nname: B\n---\n')).toEqual({ ok: false, error: 'the frontmatter has the key "name" twice' });
    expect((await read('---\n1: a\n"1": b\n---\n')).ok).toBe(true);
  });

  it('keeps escape sequences of the file out of its error and off stderr', async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const write = vi.spyOn(process.stderr, 'write');
    // An unknown tag is a warning for the YAML library, which would print it with the line it came from.
    const warned = await read('---\nname: !weird \u001b]0;owned\u0007Dev\u001b[2J\n---\n');
    expect(warned.ok).toBe(true);
    const broken = await read('---\nname: [\u001b[31mred\u202e\n---\n');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).not.toMatch(/[\u001b\u202e]/);
    expect(warn).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
  });
});

describe('parseFrontmatterYaml', () => {
  it('refuses text over the size limit by itself, whoever split it', () => {
    expect(parseFrontmatterYaml('x'.repeat(FRONTMATTER_LIMITS.chars + 1)).ok).toBe(false);
  });
});
