import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppHost } from './app-host';
import { createAppHost } from './composition-root';
import { definedEnv } from './config-dir';
import type { HostEvent } from './host-api';

let root: string;
let host: AppHost;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-usage-settings-'));
  mkdirSync(join(root, 'config', 'tessera'), { recursive: true });
  mkdirSync(join(root, 'alpha'));
  host = createAppHost({ configDir: join(root, 'config'), env: definedEnv(), log: () => undefined, killTimeoutMs: 5000 });
});

afterEach(async () => {
  await host.dispose();
  rmSync(root, { recursive: true, force: true });
});

const settingsEvents = (connection: { onEvent(listener: (event: HostEvent) => void): unknown }): HostEvent[] => {
  const seen: HostEvent[] = [];
  connection.onEvent((event) => {
    if (event.name === 'usage.settingsChanged') seen.push(event);
  });
  return seen;
};

describe('AppHost usage settings', () => {
  it('tells every client the settings one of them saved, as kept, whatever project each has open', async () => {
    const saving = host.connect({ kind: 'view' });
    const other = host.connect({ kind: 'view' });
    const command = host.connect({ kind: 'script' });
    await other.call('project.open', { path: join(root, 'alpha') });
    const heard = [saving, other, command].map(settingsEvents);
    const saved = await saving.call('usage.settings.save', { contextWarningPercent: 65, prices: { ' GPT-5.1-Codex ': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } });
    const kept = { contextWarningPercent: 65, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } };
    expect(saved).toEqual({ ok: true, value: kept });
    for (const events of heard) expect(events).toEqual([{ name: 'usage.settingsChanged', payload: kept }]);
  });

  it('tells no client anything when the save is refused', async () => {
    const saving = host.connect({ kind: 'view' });
    const other = host.connect({ kind: 'view' });
    const heard = settingsEvents(other);
    expect((await saving.call('usage.settings.save', { contextWarningPercent: 0, prices: {} })).ok).toBe(false);
    expect(heard).toEqual([]);
  });
});
