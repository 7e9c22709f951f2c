import { defineConfig } from 'vitest/config';

// Unit, contract and API suites. Browser end-to-end suites have their own config (test/e2e).
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'bot/**/*.test.ts', 'tab/**/*.test.{ts,tsx}', 'test/{contract,api,unit,simulators}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**', 'test/bench/**'],
    testTimeout: 20_000,
    // Set-up hooks seed a demo council or start simulators; on a busy 2-core machine that once passed the default 10 s.
    hookTimeout: 60_000,
  },
});
