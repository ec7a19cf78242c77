// Bundles the CLI for start-up speed: one file for the common path instead of ~60 modules to resolve, with the
// parts only some commands need (statistics, csv-parse, tables, the worker) split into chunks loaded on demand.
// tsc has already type-checked the sources (and emitted dist/ for reference); this writes dist/bin/.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bin', { recursive: true, force: true });

await build({
  entryPoints: { 'svc-stats': 'src/cli.ts', 'aggregate-worker': 'src/engine/worker.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bin',
  chunkNames: 'chunk-[hash]',
  // chart and report only: ECharts (~1 MB) and resvg (a native binary, which cannot be bundled) load from
  // node_modules when a chart is drawn, so the start-up bundle stays as small as before
  external: ['echarts', '@resvg/resvg-js'],
  // bundled CommonJS dependencies may call require() for Node built-ins
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // the version shown by --version: package.json's, written once
  define: { SVC_STATS_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
});
