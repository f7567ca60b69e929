// Name-level bans that dependency-cruiser cannot express: the layer rules of .dependency-cruiser.cjs, by name.
import tseslint from 'typescript-eslint';

const noDefaultExport = {
  selector: 'ExportDefaultDeclaration',
  message: 'Named exports only (STYLE.md): a default export hides the name at the import site.',
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
