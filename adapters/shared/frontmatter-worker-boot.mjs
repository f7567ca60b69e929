// Starts frontmatter-worker.ts in a worker thread when Tessera runs from its TypeScript sources
// (`tessera web` through tsx, the tests): a worker does not inherit the main thread's tsx loader.
// The desktop app runs the bundled dist/electron/frontmatter-worker.cjs instead (desktop/build.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport(new URL('./frontmatter-worker.ts', import.meta.url).href, import.meta.url);
