// Name-level bans that dependency-cruiser cannot express: who may import a wrapped module, no default exports, and
// where the runtime's clocks and timers may be used.
import tseslint from 'typescript-eslint';

const noDefaultExport = {
  selector: 'ExportDefaultDeclaration',
  message: 'Named exports only: a default export hides the name at the import site.',
};

const banned = (names) => ({
  paths: names.map((name) => ({ name, message: `Only the wrapper that owns it may import ${name}.` })),
});

/**
 * Time read or deferred behind the Clock and Scheduler ports' backs: code under these rules takes
 * them as ports, so its tests move time by hand and it never depends on the wall clock.
 */
const noAmbientTime = (message) => ({
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'clearTimeout', 'clearInterval', 'clearImmediate'].map((name) => ({ name, message })),
  ],
  'no-restricted-properties': ['error', { object: 'Date', property: 'now', message }, { object: 'performance', property: 'now', message }],
  'no-restricted-syntax': ['error', noDefaultExport, { selector: "NewExpression[callee.name='Date']", message }],
});

const terminalTimers = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame'];
const terminalClockMessage = 'The terminal engine takes its clock and timers as inputs (TerminalClock); only renderer/src/terminal/browser-clock.ts uses the browser\'s.';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      'no-restricted-syntax': ['error', noDefaultExport],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', banned(['node-pty'])],
    },
  },
  {
    // Electron is imported for its runtime only by the IPC wrapper, the preload and the desktop entry.
    files: ['**/*.{ts,tsx}'],
    ignores: ['desktop/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node-pty', message: 'Only adapters/pty imports node-pty.' },
            { name: 'electron', importNames: ['ipcMain'], message: 'Only desktop/ipc-main.ts touches ipcMain.' },
            { name: 'electron', importNames: ['ipcRenderer'], message: 'Only desktop/preload.ts touches ipcRenderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['adapters/pty/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['desktop/**/*.ts'],
    ignores: ['desktop/ipc-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Only desktop/ipc-main.ts touches ipcMain.' }] },
      ],
    },
  },
  {
    files: ['desktop/**/*.ts'],
    ignores: ['desktop/preload.ts', 'desktop/ipc-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcRenderer'], message: 'Only desktop/preload.ts touches ipcRenderer.' },
            { name: 'electron', importNames: ['ipcMain'], message: 'Only desktop/ipc-main.ts touches ipcMain.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer's terminal engine runs on the clock it is given (renderer/src/terminal/clock.ts), so
    // its timing logic is tested under a fake one; only browser-clock.ts, which provides the page's
    // clock and timers, may touch the browser's.
    files: ['renderer/src/terminal/**/*.{ts,tsx}'],
    ignores: ['renderer/src/terminal/browser-clock.ts'],
    rules: {
      'no-restricted-globals': ['error', ...terminalTimers.map((name) => ({ name, message: terminalClockMessage }))],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: terminalClockMessage },
        { object: 'performance', property: 'now', message: terminalClockMessage },
        ...['window', 'globalThis', 'self'].flatMap((object) => terminalTimers.map((property) => ({ object, property, message: terminalClockMessage }))),
      ],
    },
  },
  {
    // The server's terminal pipeline runs on the Clock and Scheduler ports, so its tests move time by hand.
    files: ['server/terminal/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: noAmbientTime('The terminal pipeline takes time from the Clock and Scheduler ports (domain/ports), never from the runtime.'),
  },
  {
    // Tool configs are loaded by their tools through a default export.
    files: ['*.config.ts', 'renderer/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
