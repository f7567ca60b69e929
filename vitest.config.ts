import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `*.real.test.ts` files run the real agent CLIs: only in the real-agent tier (TESSERA_TEST_TIER=real-agents),
 * which e2e/run.mjs starts inside a loopback-only network namespace.
 */
const realAgents = process.env.TESSERA_TEST_TIER === 'real-agents';
const layers = '{domain,application,adapters,contract,server,desktop,cli,renderer}';

export default defineConfig({
  test: {
    include: realAgents ? [`${layers}/**/*.real.test.ts`] : [`${layers}/**/*.test.{ts,tsx}`, 'e2e/fixtures/**/*.test.ts'],
    exclude: realAgents ? configDefaults.exclude : [...configDefaults.exclude, '**/*.real.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
