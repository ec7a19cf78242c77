// Bundles the CLI for start-up speed. tsc has already type-checked the sources (and emitted dist/ for reference);
// this writes dist/bin/:
//   cli-script.js       all of src/ and the small dependencies in one classic script (not a module), which
//                       bin/load-cli.js compiles with the code cache below; what only some commands need is
//                       initialised on first use, inside it
//   cli-script.cache    V8's compiled code for it, made by a run of `coverage data/2005.csv` (make-code-cache.mjs)
//   text-hash.wasm      XXH64 (wasm/text-hash.ts), with which bin/load-cli.js checks that the cache is the text's
//   aggregate-worker.js the worker thread of the parallel --by aggregation (an ES module)
//   bootstrap-worker.js the worker thread of equity --bootstrap (an ES module)
//   vendor-*.js         the large dependencies that only some inputs and formats need, loaded with import():
//                       exceljs, csv-parse, cli-progress, hyparquet-writer, @e965/xlsx (SheetJS: .xls, .ods)
//                       (ES modules)
// ECharts (~1 MB) and resvg (a native binary, which cannot be bundled) load from node_modules when a chart is
// drawn. Node 20 keeps no compile cache of ES modules (module.enableCompileCache is 22.1+), hence the script.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { compileAssemblyScript } from './asc.mjs';

const OUT = 'dist/bin';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// loaded with import() by the commands and formats that need them; a static import would bundle them again
const VENDORS = ['exceljs', 'csv-parse', 'cli-progress', 'hyparquet-writer', '@e965/xlsx'];
/** a vendor's file name: `@e965/xlsx` → vendor-e965-xlsx.js */
const vendorFile = (name) => `vendor-${name.replace(/^@/, '').replace(/\//g, '-')}`;
const vendors = {
  name: 'vendors',
  setup(esbuild) {
    esbuild.onResolve({ filter: new RegExp(`^(${VENDORS.join('|')})$`) }, (args) => (args.kind === 'dynamic-import'
      ? { path: `./${vendorFile(args.path)}.js`, external: true }
      : { errors: [{ text: `${args.path} is loaded with import() only (scripts/build.mjs: VENDORS)` }] }));
  },
};

// commander requires node:child_process (and with it net, dgram…) when loaded, for executable subcommands, which
// svc-stats has none of: it is required when commander spawns one
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const uses = source.match(/\bchildProcess\.\w+/g) ?? [];
      if (!source.includes(COMMANDER_CHILD_PROCESS) || uses.some((use) => use !== 'childProcess.spawn')) {
        return { errors: [{ text: 'commander no longer loads child_process as scripts/build.mjs expects: update lazyChildProcess' }] };
      }
      return {
        contents: source.replace(COMMANDER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"),
        loader: 'js',
      };
    });
  },
};

// string-width makes an Intl.Segmenter (~20 ms) and compiles its Unicode-property patterns when loaded
// (/^\p{RGI_Emoji}$/v ~28 ms, the others ~1 ms); the help text and the table import it, so every run paid them
// before reading a byte, though a cell of printable ASCII (render/width.ts) never reaches them. Each is made on
// first use instead: `const NAME = VALUE;` becomes `NAME$()`, which makes the value once (a pattern with the g
// flag stays one object, as before).
const STRING_WIDTH_EAGER = ['segmenter', 'visibleCharacterRegex', 'spacingMarkRegex', 'rgiEmojiRegex', 'extendedPictographicRegex'];
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      const declared = [...source.matchAll(/^const (\w+) = (new Intl\.Segmenter\(\)|\/.+\/[a-z]*);$/gm)];
      // the module cli-progress bundles (string-width 4) has none: it is left as it is
      if (declared.length === 0) return undefined;
      const names = declared.map((match) => match[1]).filter((name) => name !== 'unqualifiedKeycapRegex');
      if (names.join() !== STRING_WIDTH_EAGER.join()) {
        return { errors: [{ text: `string-width makes ${names.join(', ')} when loaded, not ${STRING_WIDTH_EAGER.join(', ')} as scripts/build.mjs expects: update lazyStringWidth` }] };
      }
      for (const [line, name, value] of declared.filter((match) => STRING_WIDTH_EAGER.includes(match[1]))) {
        const uses = new RegExp(`(?<![.\\w$])${name}(?![\\w$])`, 'g');
        const at = source.indexOf(line);
        const before = source.slice(0, at);
        const after = source.slice(at + line.length);
        if ((after.match(uses) ?? []).length === 0 || uses.test(before)) {
          return { errors: [{ text: `string-width uses ${name} where scripts/build.mjs does not expect it: update lazyStringWidth` }] };
        }
        // functions, not replacement strings: `$'` in a pattern's text would be read as a replacement pattern
        source = `${before}let ${name}$made; const ${name}$ = () => (${name}$made ??= ${value});${after.replace(uses, () => `${name}$()`)}`;
      }
      return { contents: source, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['echarts', '@resvg/resvg-js'],
  // the version shown by --version: package.json's, written once
  define: { SVC_STATS_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
  // about half the text (1.0 MB to 0.55 MB) and a smaller code cache: every start reads, decodes and hashes the
  // script, ~3 ms a MB of memory first touched on a slow host. Nothing reads a function's name (errors set theirs;
  // no stack is shown). NO_MINIFY=1 node scripts/build.mjs keeps the names, for a readable CPU profile
  minify: process.env.NO_MINIFY !== '1',
};
// bundled CommonJS dependencies may call require() for Node built-ins
const requireBanner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// the CLI: a function expression that bin/load-cli.js calls with what a CommonJS module gets, a strict body as an
// ES module has, __svcImport for the import() of what stays outside (vendor-*.js, echarts, resvg, built-ins) and
// __svcImportMeta for import.meta
const SCRIPT_PARAMETERS = 'exports, require, module, __filename, __dirname, __svcImport, __svcImportMeta';
const cli = await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  format: 'cjs',
  write: false,
  metafile: true,
  outfile: `${OUT}/cli-script.js`,
  plugins: [vendors, lazyChildProcess, lazyStringWidth],
  define: { ...common.define, 'import.meta.url': '__svcImportMeta.url' },
  banner: { js: `(function (${SCRIPT_PARAMETERS}) {"use strict";` },
  footer: { js: '})' },
});
let script = cli.outputFiles[0].text;
// a script compiled by vm cannot run import() with a code cache (Node 20): each one goes through __svcImport
const external = Object.values(cli.metafile.outputs)[0].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
for (const path of new Set(external)) {
  const call = `import(${JSON.stringify(path)})`;
  if (!script.includes(call)) throw new Error(`build: ${call} not found in the bundle`);
  script = script.replaceAll(call, `__svcImport(${JSON.stringify(path)})`);
}
if (/\bimport\s*\(/.test(script)) throw new Error(`build: an import() is left in the bundle: ${script.match(/.{60}\bimport\s*\(.{40}/)?.[0]}`);
// ASCII only, so that bin/load-cli.js decodes it as latin1 (~1 MB: 2-3 ms of UTF-8 decoding at each start saved):
// esbuild escapes strings and templates but leaves comments and regular expression literals as written; there a
// UTF-16 unit escaped as \uXXXX means the same (a surrogate pair of escapes is one code point under /u and /v)
if (/\\[^\x00-\x7f]/.test(script)) throw new Error(`build: an escaped non-ASCII character, which \\uXXXX would not mean: ${script.match(/.{40}\\[^\x00-\x7f].{20}/)?.[0]}`);
script = script.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(`${OUT}/cli-script.js`, script);

await build({
  ...common,
  entryPoints: { 'aggregate-worker': 'src/engine/worker.ts', 'bootstrap-worker': 'src/reports/bootstrap-worker.ts' },
  format: 'esm',
  outdir: OUT,
  plugins: [vendors],
  banner: { js: requireBanner },
});
await build({
  ...common,
  entryPoints: Object.fromEntries(VENDORS.map((name) => [vendorFile(name), name])),
  format: 'esm',
  outdir: OUT,
  banner: { js: requireBanner },
});

writeFileSync(`${OUT}/text-hash.wasm`, compileAssemblyScript('wasm/text-hash.ts'));

// the code cache, from a real run of the command whose start-up counts most (its output goes nowhere)
const run = spawnSync(process.execPath, ['scripts/make-code-cache.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (run.status !== 0) throw new Error(`build: scripts/make-code-cache.mjs failed (exit ${run.status})`);
