import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

/**
 * The symbols agent CLIs draw (Claude Code's ⏵ and ⎿, a tab shown as ␉) render as glyphs, not as the
 * empty box a font draws for a character it lacks, and block and box-drawing characters join from
 * one row to the next, in the DOM renderer (the one a browser without a GPU uses).
 */

const SYMBOLS = ['⏵', '⎿', '␉'];
const BLOCK_ROWS = 6;

/** `text` as printf octal escapes, so the command line typed holds none of the characters it prints. */
const octal = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');

async function shellPane(page: Page, app: Parameters<typeof rpc>[0]): Promise<{ pane: Locator; sessionId: string }> {
  await rpc(app, 'agents.create', { name: 'Glyphs', profile: 'shell', persona: 'A plain shell.' });
  await page.reload();
  await page.getByRole('button', { name: 'Launch Glyphs', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Glyphs' });
  await expect(pane.locator('.xterm-rows')).toContainText(/[#$] *$/);
  const sessions = await rpc<Array<{ id: string; agentName: string }>>(app, 'sessions.list');
  return { pane, sessionId: sessions.find((s) => s.agentName === 'Glyphs')!.id };
}

/**
 * Pixels of `glyph` drawn on a canvas in the terminal's own font list, and of a character no font
 * has (which every font draws as its missing-glyph box), after the fonts that list names for both loaded.
 */
async function glyphAndMissingBox(page: Page, fontFamily: string, glyph: string): Promise<{ glyph: number[]; missing: number[] }> {
  return page.evaluate(
    async ({ fontFamily, glyph }) => {
      const font = `26px ${fontFamily}`;
      await document.fonts.load(font, glyph);
      const draw = (text: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 40;
        canvas.height = 40;
        const ctx = canvas.getContext('2d')!;
        ctx.font = font;
        ctx.textBaseline = 'middle';
        ctx.fillText(text, 4, 20);
        return [...ctx.getImageData(0, 0, 40, 40).data.filter((_, i) => i % 4 === 3)];
      };
      return { glyph: draw(glyph), missing: draw('\u{10FFFD}') };
    },
    { fontFamily, glyph },
  );
}

/**
 * Per pixel row of `png`, whether the background shows through most of its first `width` pixels: a
 * line nearer the colour of the pixel at (`bx`, `by`), the background, than that of the pixel at
 * (0, `by`), the blocks'. Decoded in a blank page of the browser: the app's own
 * page does not fetch data: URLs.
 */
async function backgroundRows(app: Page, png: Buffer, width: number, bx: number, by: number): Promise<boolean[]> {
  const page = await app.context().newPage();
  try {
    return await page.evaluate(
      async ({ data, width, bx, by }) => {
        const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
        const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
        const at = (x: number, y: number) => (y * image.width + x) * 4;
        const distance = (i: number, j: number) => Math.abs(pixels[i]! - pixels[j]!) + Math.abs(pixels[i + 1]! - pixels[j + 1]!) + Math.abs(pixels[i + 2]! - pixels[j + 2]!);
        const near = (i: number) => distance(i, at(bx, by)) < distance(i, at(0, by));
        const rows: boolean[] = [];
        for (let y = 0; y < image.height; y++) {
          let background = 0;
          for (let x = 0; x < width; x++) if (near(at(x, y))) background++;
          rows.push(background * 2 > width);
        }
        return rows;
      },
      { data: png.toString('base64'), width, bx, by },
    );
  } finally {
    await page.close();
  }
}

test('agent symbols render as glyphs, and rows of block characters touch, in the DOM renderer', async ({ app }) => {
  const page = app.page;
  await page.goto(`${app.host?.url ?? page.url()}&renderer=dom`);
  const { pane, sessionId } = await shellPane(page, app);
  const blocks = '█'.repeat(24);
  const lines = [`${SYMBOLS.join(' ')} █▀▄│─┼`, ...Array.from({ length: BLOCK_ROWS }, () => blocks), '│ │ │', '│ │ │', 'END-OF-GLYPHS'];
  await rpc(app, 'sessions.write', { id: sessionId, data: `clear; printf '${octal(lines.join('\n'))}\\n'\r` });
  await expect.poll(() => screenOf(app, 'Glyphs')).toContain('END-OF-GLYPHS');
  await expect(pane.locator('.xterm-rows')).toContainText('END-OF-GLYPHS');
  expect(await pane.locator('canvas').count()).toBe(0);

  const rows = pane.locator('.xterm-rows > div');
  const fontFamily = await pane.locator('.xterm-rows').evaluate((el) => getComputedStyle(el).fontFamily);
  for (const symbol of SYMBOLS) {
    const drawn = await glyphAndMissingBox(page, fontFamily, symbol);
    expect(drawn.glyph.some((alpha) => alpha > 0), `${symbol} draws something`).toBe(true);
    expect(drawn.glyph, `${symbol} is not the missing-glyph box`).not.toEqual(drawn.missing);
  }
  await pane.screenshot({ path: test.info().outputPath('glyphs-dom.png') });

  // A strip down the middle of the block rows: every pixel row of it is the blocks' colour, none the background's.
  const blockRows = rows.filter({ hasText: blocks });
  await expect(blockRows).toHaveCount(BLOCK_ROWS);
  const first = (await blockRows.first().boundingBox())!;
  const last = (await blockRows.last().boundingBox())!;
  const span = (await blockRows.first().locator('span', { hasText: '█' }).first().boundingBox())!;
  // The strip: the middle of the block rows, and past their end the background at the first row's middle.
  const top = first.y + 1;
  const strip = await page.screenshot({ clip: { x: span.x + span.width / 4, y: top, width: (span.width * 3) / 4 + 20, height: last.y + last.height - top - 1 } });
  const gaps = await backgroundRows(page, strip, Math.floor(span.width / 2), Math.floor((span.width * 3) / 4) + 10, Math.floor(first.height / 2));
  expect(gaps.length).toBeGreaterThan(BLOCK_ROWS * 8);
  expect(gaps.map((gap, y) => (gap ? `y=${y}` : '')).filter(Boolean), 'pixel rows where the background shows between block rows').toEqual([]);
});
