#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/electron/ (CommonJS, as Electron loads
// them). The sandboxed preload cannot require anything but a few electron modules, so it must be one
// self-contained file. electron and node-pty stay external: one is the runtime, the other a native module.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'node-pty'],
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['desktop/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['desktop/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  // The thread the terminal mirrors parse in (adapters/mirror/worker-mirror.ts).
  build({ ...common, entryPoints: ['adapters/mirror/mirror-worker.ts'], outfile: 'dist/electron/mirror-worker.cjs' }),
  // The thread persona frontmatter is parsed in (adapters/shared/frontmatter-thread.ts).
  build({ ...common, entryPoints: ['adapters/shared/frontmatter-worker.ts'], outfile: 'dist/electron/frontmatter-worker.cjs' }),
  // The hook program agents' CLIs run, as CommonJS: the packaged app's binary loads it with --tessera-hook (program-modes.ts).
  build({ ...common, entryPoints: ['adapters/agent-hooks/tessera-hook.mjs'], outfile: 'dist/electron/tessera-hook.cjs' }),
]);
console.log('Built dist/electron/main.cjs, preload.cjs, mirror-worker.cjs, frontmatter-worker.cjs and tessera-hook.cjs');
