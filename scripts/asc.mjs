// Compiles one AssemblyScript file (wasm/) to WebAssembly bytes with the project's asc (a dev dependency), for
// scripts/build-kernel.mjs (the kernels) and scripts/build.mjs (the loader's text hash).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The module's bytes; exits the build with asc's status when it fails. */
export function compileAssemblyScript(source, { simd = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'asc-'));
  try {
    const wasm = join(dir, 'out.wasm');
    // --runtime stub: no garbage collector (the modules allocate nothing); --use abort=: no import of an abort handler
    const asc = spawnSync(process.execPath, ['node_modules/assemblyscript/bin/asc.js', source, '-O3', '--runtime', 'stub', '--noAssert',
      ...(simd ? ['--enable', 'simd'] : []), '--use', 'abort=', '--outFile', wasm], { stdio: 'inherit' });
    if (asc.status !== 0) process.exit(asc.status ?? 1);
    return readFileSync(wasm);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
