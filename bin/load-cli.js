// Loads the bundled CLI, dist/bin/cli-script.js, a classic script, with V8's code cache, cli-script.cache, so that
// a run does not parse and compile the CLI again: Node 20 caches no compiled ES modules; vm.Script takes a cache.
// CommonJS, as bin/svc-stats.js (bin/package.json): a run needs no ES module loader until something is imported.
//
// A cache never changes what runs: the cache file starts with the length and the XXH64 of the text it was made
// from (dist/bin/text-hash.wasm, from wasm/text-hash.ts) and is used only when the script's text has both; V8
// itself refuses a cache from another Node version or other flags, but of the text it checks only the length.
// (An edited text taken for the old one would need the same length and a collision of a 64-bit hash: no accident
// does that; whoever forges one on purpose could as well edit the cache.)
// Without a usable cache the script is compiled from its text, as any module is: the same run, only slower.
'use strict';
const { isAscii } = require('node:buffer');
const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist', 'bin');
const SCRIPT = join(DIST, 'cli-script.js');
const CACHE = join(DIST, 'cli-script.cache');
const HASH = join(DIST, 'text-hash.wasm');
/** The cache file's header: the text's length (u32) and XXH64 (u64), little-endian; then V8's data. */
const HEADER = 12;

/** The hash module's exports (wasm/text-hash.ts), or undefined without it (a partial copy of dist/bin). */
function textHasher() {
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(readFileSync(HASH)), {}).exports;
  } catch {
    return undefined;
  }
}

/** Reads the open file `fd` from `position` into `bytes`, up to its end or the end of `bytes`; the length read. */
function readInto(fd, bytes, position = 0) {
  let length = 0;
  for (let read = 1; read > 0 && length < bytes.length; length += read) read = readSync(fd, bytes, length, bytes.length - length, position + length);
  return length;
}

/**
 * The script's source and V8's data for it, when the cache file is the text's. Both files are read into the hash
 * module's memory, one after the other: a page of memory the process touches for the first time costs more than
 * reading it (a fault; ~3 ms a MB on a slow host), so the cache takes the pages the text had.
 */
function loadSource() {
  const hasher = textHasher();
  const fd = openSync(SCRIPT, 'r');
  let text;
  let hash;
  try {
    const size = fstatSync(fd).size;
    if (hasher !== undefined && hasher.room(size)) {
      text = Buffer.from(hasher.memory.buffer, hasher.textAt(), size);
      text = text.subarray(0, readInto(fd, text));
      hash = BigInt.asUintN(64, hasher.hash(text.length));
    } else {
      text = Buffer.allocUnsafe(size);
      text = text.subarray(0, readInto(fd, text));
    }
  } finally {
    closeSync(fd);
  }
  let cache;
  try {
    cache = openSync(CACHE, 'r');
  } catch {
    cache = undefined; // no cache: compiled from the text
  }
  try {
    const header = Buffer.alloc(HEADER);
    const matches = hash !== undefined && cache !== undefined && readInto(cache, header) === HEADER
      && header.readUInt32LE(0) === text.length && header.readBigUInt64LE(4) === hash;
    // the build writes it in ASCII (non-ASCII escaped), which latin1 decodes as UTF-8 does, in a third of the
    // time; a text the cache was made for is the build's
    const source = matches || isAscii(text) ? text.toString('latin1') : text.toString();
    if (!matches) return { source, hash, textLength: text.length };
    const size = fstatSync(cache).size - HEADER;
    // the text's view is not used again: growing the memory detaches it
    if (size <= 0 || !hasher.room(size)) return { source, hash, textLength: text.length };
    const data = Buffer.from(hasher.memory.buffer, hasher.textAt(), size);
    return { source, hash, textLength: text.length, cachedData: data.subarray(0, readInto(cache, data, HEADER)) };
  } finally {
    if (cache !== undefined) closeSync(cache);
  }
}

const { source, hash, textLength, cachedData } = loadSource();
const script = new Script(source, { filename: SCRIPT, cachedData });

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
  /** The cache file for the script as compiled so far: the text's length and hash, then V8's data (scripts/make-code-cache.mjs). */
  codeCache() {
    if (hash === undefined) throw new Error(`load-cli: no ${HASH} to hash the script with`);
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(textLength, 0);
    header.writeBigUInt64LE(hash, 4);
    return Buffer.concat([header, script.createCachedData()]);
  },
};
