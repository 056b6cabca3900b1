import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB work is CPU-bound; two cores here, so keep the pool small.
    maxWorkers: 2,
  },
});
