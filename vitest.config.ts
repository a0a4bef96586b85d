import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // PGlite and the CLI subprocesses are CPU-heavy: two workers match the machines here.
    maxWorkers: 2,
    fileParallelism: true,
    // The embedded database's server stops with its last user: no process outlives the tests.
    env: { REGIA_DB_IDLE_SECONDS: '0' },
  },
});
