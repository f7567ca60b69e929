import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });

/** What ESLint reports for `code` as if it were the file at `path`: `rule: message`. */
async function violations(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the terminal pipeline takes time only from its ports', () => {
  it('refuses the runtime clock and timers in a production file of server/terminal', async () => {
    const code = [
      'export const stamp = (): number => Date.now();',
      'export const made = (): Date => new Date();',
      'export const later = (fn: () => void): void => void setTimeout(fn, 5);',
      'export const soon = (fn: () => void): void => void setImmediate(fn);',
      'export const tick = (fn: () => void): void => queueMicrotask(fn);',
      'export const every = (fn: () => void): void => void setInterval(fn, 5);',
      '',
    ].join('\n');
    const found = await violations(code, 'server/terminal/example.ts');
    expect(found.map((v) => v.split(':')[0])).toEqual([
      'no-restricted-properties',
      'no-restricted-syntax',
      'no-restricted-globals',
      'no-restricted-globals',
      'no-restricted-globals',
      'no-restricted-globals',
    ]);
    expect(found[0]).toContain('Clock and Scheduler ports');
  }, 30_000);

  it('lets tests and other folders use them, and still refuses a default export there', async () => {
    expect(await violations('export const stamp = (): number => Date.now();\n', 'server/terminal/example.test.ts')).toEqual([]);
    expect(await violations('export const stamp = (): number => Date.now();\n', 'server/app-example.ts')).toEqual([]);
    const found = await violations('const x = 1;\nexport default x;\n', 'server/terminal/example.ts');
    expect(found.map((v) => v.split(':')[0])).toEqual(['no-restricted-syntax']);
  }, 30_000);
});
