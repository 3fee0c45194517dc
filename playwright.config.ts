import { defineConfig } from '@playwright/test';

// The harness launches Debian's Chromium itself (test/harness/harness.ts); never `playwright install`.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
});
