import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';

/**
 * The e2e suite drives `tessera web` in Chromium as a user would (DESIGN §8). Each spec starts its own
 * host on a free port with its own temp project and config dir (e2e/support/host.ts), so specs are
 * independent and can run in parallel.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Each spec starts a session server and stops it through the CLI, two or three processes loaded through tsx.
  timeout: 120_000,
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
