import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'renderer/**/*.test.ts', 'db/**/*.test.ts', 'electron/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/crash/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // Bundles the export worker (db/workers) that cores start for long exports.
    globalSetup: ['db/testing/worker-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
