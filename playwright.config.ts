import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';

const realAgents = process.env.TESSERA_TEST_TIER === 'real-agents';

/**
 * The e2e suite drives `tessera web` in Chromium as a user would. Each spec starts its own
 * host on a free port with its own temp project and config dir (e2e/support/host.ts), so specs are
 * independent and can run in parallel.
 */

export default defineConfig({
  // e2e/real runs the real agent CLIs: only in the real-agent tier, which e2e/run.mjs starts inside a
  // loopback-only network namespace.
  testDir: realAgents ? 'e2e/real' : 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: realAgents ? [] : ['**/e2e/real/**'],
  // Each spec starts a session server and stops it through the CLI, two or three processes loaded through tsx;
  // a real agent CLI takes longer still to start.
  timeout: realAgents ? 150_000 : 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // One retry on CI, where the machine is shared: Playwright still reports a test that needed it as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
