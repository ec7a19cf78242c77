// `npm test` runs the bundled binary end to end, so it needs dist/bin built from the current sources; `npm ci`
// has just built it (postprepare), and building again costs ~15 s of a 2-core machine. This builds only when
// dist/bin/cli-script.cache (the last file the build writes) is missing or older than anything it is made from:
// the sources (src, and wasm for the kernels and the text hash), the build scripts, package.json, tsconfig.json, or the installed dependencies
// (node_modules/.package-lock.json, which npm rewrites on every install). It says which it did.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUT = 'dist/bin/cli-script.cache';
const INPUTS = ['src', 'wasm', 'scripts/asc.mjs', 'scripts/build-kernel.mjs', 'scripts/build.mjs', 'bin/load-cli.js', 'scripts/make-code-cache.mjs', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

/** The newest modification time under `path` (a file or a folder), with the file it belongs to. */
function newest(path) {
  if (!existsSync(path)) return { time: 0, file: path };
  const info = statSync(path);
  if (!info.isDirectory()) return { time: info.mtimeMs, file: path };
  let best = { time: 0, file: path };
  for (const entry of readdirSync(path)) {
    const candidate = newest(join(path, entry));
    if (candidate.time > best.time) best = candidate;
  }
  return best;
}

const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
const changed = INPUTS.map(newest).reduce((a, b) => (b.time > a.time ? b : a));
if (built > changed.time) {
  console.log(`build: ${OUTPUT} is newer than its sources (latest change: ${changed.file}); not rebuilt`);
} else {
  console.log(built === 0 ? `build: ${OUTPUT} is missing; building` : `build: ${changed.file} changed since the last build; building`);
  const run = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
