import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `*.real.test.ts` files run the real agent CLIs: only in the real-agent tier (TESSERA_TEST_TIER=real-agents),
 * which e2e/run.mjs starts inside a loopback-only network namespace. That tier runs nothing else.
 */
const realAgents = process.env.TESSERA_TEST_TIER === 'real-agents';
const layers = '{domain,application,adapters,contract,server,desktop,cli,renderer,transports}';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: realAgents ? [`${layers}/**/*.real.test.ts`] : [`${layers}/**/*.test.ts`, 'e2e/fixtures/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: realAgents ? configDefaults.exclude : [...configDefaults.exclude, '**/*.real.test.ts'],
          environment: 'node',
        },
      },
      {
        // React components render into a DOM (happy-dom) and are driven as a user drives them (Testing Library).
        extends: true,
        test: {
          name: 'dom',
          include: realAgents ? [] : ['renderer/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['renderer/src/testing/dom-setup.ts'],
        },
      },
    ],
  },
});
