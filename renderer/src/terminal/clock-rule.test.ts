import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = async (filePath: string, code: string) => {
  const [result] = await new ESLint().lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
};

const VIOLATION = `export const late = () => setTimeout(() => Date.now(), 0);
export const frame = () => window.requestAnimationFrame(() => performance.now());
export const tick = () => setInterval(() => undefined, 1);
`;

describe('the terminal engine’s clock rule', () => {
  it('refuses the browser’s clocks and timers in a terminal unit', async () => {
    expect(await lint('renderer/src/terminal/some-unit.ts', VIOLATION)).toEqual([
      'no-restricted-globals',
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-globals',
    ]);
  });

  it('lets the page’s clock adapter and code outside the engine use them', async () => {
    expect(await lint('renderer/src/terminal/browser-clock.ts', VIOLATION)).toEqual([]);
    expect(await lint('renderer/src/ui/shell/Toasts.ts', VIOLATION)).toEqual([]);
  });
});
