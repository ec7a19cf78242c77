#!/usr/bin/env node
// The executable shim: runs the bundled CLI (npm ci builds it through the postprepare script; a packed tarball
// ships it built). CommonJS (bin/package.json), so that start-up needs no ES module loader.
'use strict';
const { handleStandardErrorFailure, handleStandardOutputFailure, main, removeTemporaryFiles } = require('./load-cli.js');

process.stdout.on('error', (error) => {
  // a closed pipe (svc-stats ... | head -1) is not a failure
  if (error.code === 'EPIPE') {
    removeTemporaryFiles();
    process.exit(0);
  }
  handleStandardOutputFailure(error);
});
// a reader of stderr that went away, or a full disk under 2>file, never fails a run nor prints a stack trace
process.stderr.on('error', handleStandardErrorFailure);
// interrupted: no stack trace, no half-written temporary file; 128 + signal number
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    removeTemporaryFiles();
    process.exit(code);
  });
}

main(process.argv).then((status) => {
  // a failure of standard output outside the writer (handleStandardOutputFailure) has set 2 already
  process.exitCode = Math.max(status, Number(process.exitCode ?? 0));
});
