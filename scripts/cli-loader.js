// dist/bin/svc-stats.js (scripts/build.mjs copies it there): runs the bundled CLI, cli-script.js, a classic script,
// with V8's code cache, cli-script.cache, so that a run does not parse and compile the CLI again. Node 20 caches
// no compiled ES modules; vm.Script takes a cache.
//
// A cache never changes what runs: the cache file holds the exact text it was made from and is used only when
// that is the script's text byte for byte; V8 itself refuses a cache from another Node version or other flags.
// Without a usable cache the script is compiled from its text, as any module is: the same run, only slower.
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

// require, not import: an imported node:fs would load all of node:stream for its named exports
const require = createRequire(import.meta.url);
const { readFileSync } = require('node:fs');

const SCRIPT = `${import.meta.dirname}/cli-script.js`;
const CACHE = `${import.meta.dirname}/cli-script.cache`;

const text = readFileSync(SCRIPT);
let cachedData;
try {
  const cache = readFileSync(CACHE);
  const length = cache.readUInt32LE(0);
  if (length === text.length && text.equals(cache.subarray(4, 4 + length))) cachedData = cache.subarray(4 + length);
} catch {
  // no cache (or a short one): compiled from the text
}
const script = new Script(text.toString(), { filename: SCRIPT, cachedData });
const module = { exports: {} };
// the parameters of scripts/build.mjs (SCRIPT_PARAMETERS): a CommonJS module's, import() from here (vendor-*.js,
// echarts, resvg, built-ins), and this module's URL for import.meta.url (the worker's path)
script.runInThisContext()(module.exports, require, module, SCRIPT, import.meta.dirname, (specifier) => import(specifier), import.meta.url);

export const { main, handleStandardOutputFailure, handleStandardErrorFailure, removeTemporaryFiles } = module.exports;

/** The cache file for the script as compiled so far: its text, then V8's data (scripts/make-code-cache.mjs). */
export function codeCache() {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(text.length);
  return Buffer.concat([length, text, script.createCachedData()]);
}
