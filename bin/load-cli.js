// Loads the bundled CLI, dist/bin/cli-script.js, a classic script, with V8's code cache, cli-script.cache, so that
// a run does not parse and compile the CLI again: Node 20 caches no compiled ES modules; vm.Script takes a cache.
// CommonJS, as bin/svc-stats.js (bin/package.json): a run needs no ES module loader until something is imported.
//
// A cache never changes what runs: the cache file holds the exact text it was made from and is used only when
// that is the script's text byte for byte; V8 itself refuses a cache from another Node version or other flags.
// Without a usable cache the script is compiled from its text, as any module is: the same run, only slower.
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist', 'bin');
const SCRIPT = join(DIST, 'cli-script.js');
const CACHE = join(DIST, 'cli-script.cache');

const text = readFileSync(SCRIPT);
let cachedData;
try {
  const cache = readFileSync(CACHE);
  const length = cache.readUInt32LE(0);
  if (length === text.length && text.equals(cache.subarray(4, 4 + length))) cachedData = cache.subarray(4 + length);
} catch {
  // no cache (or a short one): compiled from the text
}
// the build writes it in ASCII (non-ASCII escaped), which latin1 decodes as UTF-8 does, in a third of the time
const script = new Script(isAscii(text) ? text.toString('latin1') : text.toString(), { filename: SCRIPT, cachedData });

/** What the script has imported, in order (test/startup.e2e.test.ts: a plain coverage run imports nothing). */
const imported = [];

/** import() for the script, which cannot have its own with a code cache: dist/bin/vendor-*.js, echarts, resvg, built-ins. */
function importForScript(specifier) {
  imported.push(specifier);
  return import(specifier.startsWith('./') ? pathToFileURL(join(DIST, specifier)).href : specifier);
}

/** import.meta for the script: its url, worked out when first read (the worker's path). */
const importMeta = {
  get url() {
    return pathToFileURL(SCRIPT).href;
  },
};

const cli = { exports: {} };
// the parameters of scripts/build.mjs (SCRIPT_PARAMETERS): a CommonJS module's, then import() and import.meta
script.runInThisContext()(cli.exports, createRequire(SCRIPT), cli, SCRIPT, DIST, importForScript, importMeta);

module.exports = {
  ...cli.exports,
  imported,
  /** Whether V8 took the cache (test/startup.e2e.test.ts, scripts/check-pack.sh). */
  codeCacheUsed: cachedData !== undefined && !script.cachedDataRejected,
  /** The cache file for the script as compiled so far: its text, then V8's data (scripts/make-code-cache.mjs). */
  codeCache() {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(text.length);
    return Buffer.concat([length, text, script.createCachedData()]);
  },
};
