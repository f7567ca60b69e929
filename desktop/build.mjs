#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/electron/ (CommonJS, as Electron loads
// them). The sandboxed preload cannot require anything but a few electron modules, so it must be one
// self-contained file. electron and node-pty stay external: one is the runtime, the other a native module.
//
//   node desktop/build.mjs [--outdir=DIR] [--metafiles]    --metafiles: esbuild's account of what went
//                                                          into each bundle, beside it as NAME.meta.json
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdirFlag = process.argv.find((arg) => arg.startsWith('--outdir='));
const outdir = outdirFlag ? resolve(outdirFlag.slice('--outdir='.length)) : join(root, 'dist', 'electron');
const metafiles = process.argv.includes('--metafiles');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'node-pty'],
  logLevel: 'warning',
  absWorkingDir: root,
  metafile: metafiles,
};

const bundles = [
  // The entry: reads the program flag and loads only that program's bundle (desktop/program-modes.ts).
  { entry: 'desktop/main.ts', name: 'main' },
  // The app: its window, or the session server.
  { entry: 'desktop/app-main.ts', name: 'app' },
  { entry: 'desktop/preload.ts', name: 'preload' },
  // The thread the terminal mirrors parse in (adapters/mirror/worker-mirror.ts).
  { entry: 'adapters/mirror/mirror-worker.ts', name: 'mirror-worker' },
  // The thread persona frontmatter is parsed in (adapters/shared/frontmatter-worker.ts).
  { entry: 'adapters/shared/frontmatter-worker.ts', name: 'frontmatter-worker' },
  // The programs each agent runs, which the packaged app's binary loads with --tessera-mcp and
  // --tessera-hook: minified, as every agent's start parses them.
  { entry: 'desktop/mcp-program.ts', name: 'tessera-mcp', minify: true },
  { entry: 'adapters/agent-hooks/tessera-hook.mjs', name: 'tessera-hook' },
];

await Promise.all(
  bundles.map(async ({ entry, name, minify = false }) => {
    const result = await build({ ...common, minify, entryPoints: [entry], outfile: join(outdir, `${name}.cjs`) });
    if (metafiles) writeFileSync(join(outdir, `${name}.meta.json`), JSON.stringify(result.metafile));
  }),
);
console.log(`Built ${bundles.map(({ name }) => `${name}.cjs`).join(', ')} in ${outdir}`);
