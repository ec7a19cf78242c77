import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // vitest's default on 2 cores is one worker (cores - 1), so the files ran one after another while most
    // of the time went waiting on the spawned binary: three workers keep both cores busy
    maxWorkers: 3,
    // end-to-end tests spawn the real binary: allow for a loaded 2-core machine
    testTimeout: 30_000,
  },
});
