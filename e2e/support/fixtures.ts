import { test as base, expect, _electron, type Page, type ElectronApplication } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorld, startHost, type Host, type World } from './host';
import { e2eTarget, electronBinary } from './electron';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The app as a user meets it, whichever shell carries it: `tessera web` in Chromium, or the desktop
 * app through Playwright's Electron support (TESSERA_E2E_TARGET=electron, where a binary exists).
 * Specs only use `app.page` and `app.restart()`, so the same specs run against both.
 */
export interface AppDriver {
  readonly page: Page;
  readonly world: World;
  /** Quits the host (killing its agents, as quitting does) and starts it again on the same project. */
  restart(): Promise<Page>;
  /** The web host, when the target is web (for protocol-level checks). */
  readonly host?: Host;
}

export const test = base.extend<{ world: World; app: AppDriver; seedFiles: Readonly<Record<string, string>> }>({
  /** Files (path in the project -> text) put there before the app first opens it, e.g. a cloned repository's agents. */
  seedFiles: [{}, { option: true }],
  world: async ({ seedFiles }, use) => {
    const world = makeWorld();
    for (const [path, text] of Object.entries(seedFiles)) {
      mkdirSync(dirname(join(world.projectDir, path)), { recursive: true });
      writeFileSync(join(world.projectDir, path), text);
    }
    await use(world);
    world.cleanup();
  },
  app: async ({ browser, world }, use) => {
    if (e2eTarget() === 'electron') {
      const binary = electronBinary();
      if (!binary) throw new Error('TESSERA_E2E_TARGET=electron, but no Electron binary is installed (node_modules/electron/dist).');
      let electronApp: ElectronApplication = await launchElectron(binary, world);
      let page = await electronApp.firstWindow();
      const driver = {
        get page() { return page; },
        world,
        restart: async () => {
          await electronApp.close();
          electronApp = await launchElectron(binary, world);
          page = await electronApp.firstWindow();
          return page;
        },
      };
      try {
        await use(driver);
      } finally {
        await electronApp.close();
      }
      return;
    }
    let host = await startHost(world);
    const context = await browser.newContext();
    let page = await context.newPage();
    await page.goto(host.url);
    const driver = {
      get page() { return page; },
      get host() { return host; },
      world,
      // A restart as a user makes one: the window closed, the host stopped and started again, a new
      // window. A tab left open would reconnect and race the new one, with its own size, to relaunch agents.
      restart: async () => {
        await page.close();
        await host.stop();
        host = await startHost(world);
        page = await context.newPage();
        await page.goto(host.url);
        return page;
      },
    };
    try {
      await use(driver);
    } finally {
      // The host goes whatever happened to the browser: a failed close must not leave it and its agents running.
      await context.close().catch(() => undefined);
      await host.stop();
    }
  },
});

function launchElectron(binary: string, world: World): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath: binary,
    args: [join(repoRoot, 'dist', 'electron', 'main.cjs'), world.projectDir],
    env: { ...process.env, TESSERA_CONFIG_DIR: world.configDir, SHELL: '/bin/sh' } as Record<string, string>,
  });
}

export { expect };
