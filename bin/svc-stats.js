#!/usr/bin/env node
// The executable shim: runs the compiled CLI (npm ci builds it through the prepare script).
import { main } from '../dist/cli.js';

process.stdout.on('error', (error) => {
  // a closed pipe (svc-stats ... | head -1) is not a failure
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.on('SIGINT', () => process.exit(130));

process.exitCode = await main(process.argv);
