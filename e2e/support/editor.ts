import { expect, type Page } from '@playwright/test';

/** Opens Claude Coder's persona in `page` and types a line at its end without saving, as a user leaves work unsaved. */
export async function typeUnsavedPersonaLine(page: Page, line: string): Promise<void> {
  const editor = page.getByRole('region', { name: 'Editor: claude-coder.md' });
  await page.locator('button[title^="Edit persona of Claude Coder"]').click();
  await expect(editor.locator('.cm-content')).toContainText('You write code.');
  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n${line}`);
  await expect(editor.getByLabel('Unsaved changes')).toBeVisible();
}
