import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // end-to-end tests spawn the real binary: allow for a loaded 2-core machine
    testTimeout: 30_000,
  },
});
