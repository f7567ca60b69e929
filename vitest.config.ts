import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['{domain,application,adapters,contract,server,desktop,cli,renderer,transports}/**/*.test.ts'], environment: 'node' },
      },
      {
        // React components render into a DOM (happy-dom) and are driven as a user drives them (Testing Library).
        extends: true,
        test: { name: 'dom', include: ['renderer/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['renderer/src/testing/dom-setup.ts'] },
      },
    ],
  },
});
