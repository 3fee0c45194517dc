import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Packaging tests run electron-builder (tens of seconds); they are kept out of the unit run:
//   npx vitest run --config test/packaging/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
