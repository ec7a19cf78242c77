#!/usr/bin/env node
// The executable shim: runs the bundled CLI (npm ci builds it through the postprepare script; a packed tarball
// ships it built). CommonJS (bin/package.json), so that start-up needs no ES module loader.
'use strict';
const { handleStandardErrorFailure, handleStandardOutputFailure, main, removeTemporaryFiles } = require('./load-cli.js');

/** Whether process.stdout or process.stderr was made: something may still be waiting to be written through it. */
let streamMade = false;

/**
 * `handler` on the 'error' event of process.stdout or process.stderr, attached when Node first makes the stream:
 * a run that writes its data on the descriptor (src/io/output.ts) never makes it, and making one for a pipe
 * loads net and the streams, ~2 ms of a start. Node defines both as configurable getters.
 */
function onStreamError(name, handler) {
  const made = Object.getOwnPropertyDescriptor(process, name);
  if (made === undefined || made.get === undefined) {
    streamMade = true;
    process[name].on('error', handler);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: made.enumerable,
    get() {
      streamMade = true;
      const stream = made.get.call(process);
      Object.defineProperty(process, name, { configurable: true, enumerable: made.enumerable, writable: false, value: stream });
      stream.on('error', handler);
      return stream;
    },
  });
}

onStreamError('stdout', (error) => {
  // a closed pipe (svc-stats ... | head -1) is not a failure; on a socket (a parent's spawn) it is ECONNRESET
  if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
    removeTemporaryFiles();
    process.exit(0);
  }
  handleStandardOutputFailure(error);
});
// a reader of stderr that went away, or a full disk under 2>file, never fails a run nor prints a stack trace
onStreamError('stderr', handleStandardErrorFailure);
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
  // main has awaited all of its work, and with no stream made every byte went out on the descriptors, written
  // synchronously: the run ends here, before a turn of the event loop would run what V8 has scheduled meanwhile
  // (a collection of the young generation, ~3 ms of a short run, for a heap about to be thrown away)
  if (!streamMade) process.exit();
});
