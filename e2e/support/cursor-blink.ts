import { expect, type Locator } from '@playwright/test';

/**
 * Every value `read` gives of the pane's blinking cursor until it has given two different ones. Read
 * more often than each half of the blink lasts: Playwright's own polling settles at once a second, the
 * blink's period, and could see the same half every time.
 */
export async function seesBothHalves(cursor: Locator, read: (el: Element) => string): Promise<Set<string>> {
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        seen.add(await cursor.evaluate(read));
        return seen.size;
      },
      { intervals: [130] },
    )
    .toBeGreaterThanOrEqual(2);
  return seen;
}

/**
 * Expects the cursor to run no CSS animation (xterm's own blink is an endless one). Read until an attached
 * element answers: the renderer may replace the cursor's element between finding and reading it, and a
 * detached element's computed style reads empty.
 */
export async function expectNoCursorAnimation(cursor: Locator): Promise<void> {
  await expect.poll(() => cursor.evaluate((el) => (el.isConnected ? getComputedStyle(el).animationName : ''))).toBe('none');
}
