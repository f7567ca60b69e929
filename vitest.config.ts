import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{domain,application,adapters,contract,server,desktop,cli,renderer,transports}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
