import { defineConfig } from 'vitest/config';

// Browser end-to-end suites: one Chromium, files run one after another (2-core machine).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
