import { app } from 'electron';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { desktopLog } from './desktop-log';
import { programMode, runProgram, type AppModule, type McpProgramModule } from './program-modes';

/**
 * The Electron entry (bundled to dist/electron/main.cjs by desktop/build.mjs): it reads the program
 * flag (program-modes.ts) and loads only that start's module, each bundled beside it. No flag, or
 * SERVER_FLAG: the app (app-main.ts, app.cjs), its window or the session server. The packaged app has
 * no Node of its own, so the same binary also stands in for the programs each agent runs, with no
 * window: `tessera mcp` (mcp-program.ts, tessera-mcp.cjs) and the hook program its CLI runs at every
 * event (tessera-hook.cjs). Those start many times an hour, one per agent or per event: they never
 * load the app's code.
 */
const load = createRequire(__filename);

runProgram(programMode(process.argv), {
  load: {
    mcp: () => load(join(__dirname, 'tessera-mcp.cjs')) as McpProgramModule,
    hook: () => void load(join(__dirname, 'tessera-hook.cjs')),
    app: () => load(join(__dirname, 'app.cjs')) as AppModule,
  },
  version: () => app.getVersion(),
  hideDock: () => app.dock?.hide(),
  exit: (code) => app.exit(code),
  log: desktopLog,
});
