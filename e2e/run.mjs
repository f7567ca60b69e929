#!/usr/bin/env node
// Runs the Playwright e2e suite against `tessera web` in Chromium, then the same specs against the
// desktop app through Playwright's Electron support when an Electron binary is installed. Where it is
// not (the `electron` package downloads it lazily, which offline machines cannot), says so plainly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const extra = process.argv.slice(2);
const run = (target) =>
  spawnSync('npx', ['playwright', 'test', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, TESSERA_E2E_TARGET: target },
  }).status ?? 1;

const webStatus = run('web');
if (webStatus !== 0) process.exit(webStatus);

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(pkgDir, 'path.txt');
const binary = existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
if (!binary || !existsSync(binary)) {
  console.log(
    'e2e (Electron): NOT RUN — no Electron runtime binary on this machine (node_modules/electron/dist is absent; ' +
      'it downloads on first `npm start` where the network allows). The same specs ran against `tessera web` in Chromium above.',
  );
  process.exit(0);
}
process.exit(run('electron'));
