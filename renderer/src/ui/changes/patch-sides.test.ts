import { describe, expect, it } from 'vitest';
import { commentsMessage } from './comments';
import { overlapsByAgent } from './overlaps';
import { patchSides } from './patch-sides';

const patch = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -1,3 +1,3 @@',
  ' one',
  '-two',
  '+TWO',
  ' three',
  '@@ -10,2 +10,3 @@ function tail()',
  ' ten',
  '+ten and a half',
  ' eleven',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('the two sides of a patch', () => {
  it('holds each side’s lines with the file’s own line numbers, a separator where lines are skipped', () => {
    const sides = patchSides(patch);
    expect(sides.binary).toBe(false);
    expect(sides.original.text.split('\n')).toEqual(['one', 'two', 'three', '⋯ @@ -10,2 +10,3 @@ function tail()', 'ten', 'eleven']);
    expect(sides.original.lineNumbers).toEqual([1, 2, 3, undefined, 10, 11]);
    expect(sides.modified.text.split('\n')).toEqual(['one', 'TWO', 'three', '⋯ @@ -10,2 +10,3 @@ function tail()', 'ten', 'ten and a half', 'eleven']);
    expect(sides.modified.lineNumbers).toEqual([1, 2, 3, undefined, 10, 11, 12]);
  });

  it('says a binary file is binary and holds no text for it', () => {
    const sides = patchSides('diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex 0000000..3333333\nBinary files /dev/null and b/logo.png differ\n');
    expect(sides).toEqual({ binary: true, original: { text: '', lineNumbers: [] }, modified: { text: '', lineNumbers: [] } });
  });

  it('makes a new file all new lines, numbered from 1', () => {
    const sides = patchSides('diff --git a/n.ts b/n.ts\nnew file mode 100644\n--- /dev/null\n+++ b/n.ts\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(sides.original.text).toBe('');
    expect(sides.modified).toEqual({ text: 'a\nb', lineNumbers: [1, 2] });
  });
});

describe('the comments message', () => {
  it('is one line naming each file and line, quoting the lines and giving the comment', () => {
    const message = commentsMessage([
      { path: 'src/app.ts', from: 2, to: 2, quoted: 'TWO', text: 'Keep it lower case.' },
      { path: 'src/cart.ts', from: 4, to: 5, quoted: 'a\nb', text: 'Why\ntwice?' },
    ]);
    expect(message).toBe('Review comments on your changes: src/app.ts:2 > TWO -- Keep it lower case. | src/cart.ts:4-5 > a > b -- Why twice?');
    expect(message).not.toContain('\n');
  });
});

describe('overlaps per agent', () => {
  it('names, for each of two agents, the other one and the files they share', () => {
    expect(overlapsByAgent({ overlaps: [{ agents: ['a', 'b'], files: ['x.ts'] }] })).toEqual({ a: [{ other: 'b', files: ['x.ts'] }], b: [{ other: 'a', files: ['x.ts'] }] });
  });
});
