#!/usr/bin/env node
// The executable shim: runs the bundled CLI (npm ci builds it through the prepare script).
import { main, removeTemporaryFiles } from '../dist/bin/svc-stats.js';

process.stdout.on('error', (error) => {
  // a closed pipe (svc-stats ... | head -1) is not a failure
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// interrupted: no stack trace, no half-written temporary file; 128 + signal number
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    removeTemporaryFiles();
    process.exit(code);
  });
}

process.exitCode = await main(process.argv);
