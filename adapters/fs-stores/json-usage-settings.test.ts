import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageSettingsContract } from '../contracts/usage-settings.contract';
import { JsonUsageSettings } from './json-usage-settings';

usageSettingsContract('JsonUsageSettings', async () => {
  const configDir = mkdtempSync(join(tmpdir(), 'tessera-usage-settings-'));
  return {
    store: new JsonUsageSettings(configDir),
    reopen: () => new JsonUsageSettings(configDir),
    // A file where the folder should be: nothing can be written under it, even by root.
    breakWrites: () => {
      rmSync(join(configDir, 'tessera'), { recursive: true, force: true });
      writeFileSync(join(configDir, 'tessera'), '');
    },
  };
});

describe('JsonUsageSettings', () => {
  it("keeps the file in the user's config folder, and reads a hand-edited one leniently", async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'tessera-usage-settings-'));
    mkdirSync(join(configDir, 'tessera'));
    writeFileSync(
      join(configDir, 'tessera', 'usage.json'),
      JSON.stringify({ contextWarningPercent: 150, prices: { ' Gemini-2.5-Pro ': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 }, broken: { inputPerMillionUsd: 'a lot' } } }),
    );
    const store = new JsonUsageSettings(configDir);
    expect(await store.get()).toEqual({ contextWarningPercent: 80, prices: { 'gemini-2.5-pro': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } });
    await store.save({ contextWarningPercent: 70, prices: {} });
    expect(JSON.parse(readFileSync(join(configDir, 'tessera', 'usage.json'), 'utf8'))).toEqual({ version: 1, contextWarningPercent: 70, prices: {} });
  });
});
