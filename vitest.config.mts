import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'renderer/**/*.test.ts', 'db/**/*.test.ts', 'electron/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/crash/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
