#!/usr/bin/env node
// Runs the Playwright e2e suite against `tessera web` in Chromium, then the same specs against the
// desktop app through Playwright's Electron support when an Electron binary is installed (where it
// is not, as the `electron` package downloads it lazily and offline machines cannot, it says so),
// then the real-agent tier.
//
// The real-agent tier runs the real Claude Code, Codex, Gemini CLI and OpenCode (pinned in
// e2e/fixtures/real-agents) against a scripted model server, inside a network namespace that has
// only loopback: vitest's `*.real.test.ts` files, then the Playwright specs in e2e/real/. It needs
// root to make that namespace. As root it always runs, and a namespace that cannot be made fails the
// run; without root it is skipped with one line saying so.
//
//   node e2e/run.mjs [playwright args]   the e2e suite (args go to the first tier; the real tier is then left out)
//   node e2e/run.mjs --real [args]       the real-agent tier alone (args go to its Playwright run)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installAgents } from './fixtures/real-agents/install.mjs';
import { loopbackNamespaceUnavailable, networkInterfaces, runInLoopbackNamespace } from './fixtures/real-agents/loopback-namespace.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

if (argv[0] === '--inside-namespace') process.exit(realTierInsideNamespace(argv.slice(1)));
if (argv[0] === '--real') process.exit(realTier(argv.slice(1)));

const extra = argv;
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
} else {
  const electronStatus = run('electron');
  if (electronStatus !== 0) process.exit(electronStatus);
}

if (extra.length > 0) {
  console.log('e2e (real agents): NOT RUN — arguments were given for the e2e specs; run the tier with `node e2e/run.mjs --real`.');
  process.exit(0);
}
process.exit(realTier([]));

/** Installs the pinned CLIs if needed, then re-runs this script inside a loopback-only network namespace. */
function realTier(args) {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    console.log(
      'e2e (real agents): SKIPPED — the real agent CLIs run only inside a loopback-only network namespace, ' +
        'which needs root (`unshare -n`); run `npm test` as root (CI does) to run them.',
    );
    return 0;
  }
  const installed = installAgents();
  if (installed !== 0) {
    console.error('e2e (real agents): FAILED — the pinned agent CLIs could not be installed (see npm above).');
    return installed;
  }
  const why = loopbackNamespaceUnavailable();
  if (why) {
    console.error(`e2e (real agents): FAILED — could not make a loopback-only network namespace: ${why}`);
    return 1;
  }
  console.log('e2e (real agents): running inside a network namespace with loopback only.');
  const inside = runInLoopbackNamespace(process.execPath, [fileURLToPath(import.meta.url), '--inside-namespace', ...args], { stdio: 'inherit', cwd: repoRoot });
  if (inside.error || inside.status === null) {
    console.error(`e2e (real agents): FAILED — could not make a loopback-only network namespace: ${inside.error?.message ?? `killed by ${inside.signal}`}`);
    return 1;
  }
  return inside.status;
}

/** The tier itself; refuses to run a CLI where any interface but loopback exists. */
function realTierInsideNamespace(args) {
  const interfaces = networkInterfaces();
  if (interfaces.join() !== 'lo') {
    console.error(`e2e (real agents): FAILED — the network namespace has interfaces besides loopback: ${interfaces.join(', ')}`);
    return 1;
  }
  const env = { ...process.env, TESSERA_TEST_TIER: 'real-agents' };
  const vitest = spawnSync('npx', ['vitest', 'run'], { stdio: 'inherit', env, cwd: repoRoot }).status ?? 1;
  if (vitest !== 0) return vitest;
  return spawnSync('npx', ['playwright', 'test', ...args], { stdio: 'inherit', env: { ...env, TESSERA_E2E_TARGET: 'web' }, cwd: repoRoot }).status ?? 1;
}
