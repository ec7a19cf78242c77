// The golden cases, shared by scripts/record-goldens.mjs and test/golden.e2e.test.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function goldenCases() {
  return readFileSync(join(ROOT, 'test/golden/commands.txt'), 'utf8').split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, index) => {
      const args = line.trim().split(/\s+/);
      const name = `${String(index + 1).padStart(2, '0')}-${args[0]}`;
      return { name, line: line.trim(), args, file: join(ROOT, 'test/golden/out', `${name}.txt`) };
    });
}

export function runGolden(args, lang = 'C') {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/svc-stats.js'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, LANG: lang },
  });
  return { args, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function goldenText(run) {
  return `$ svc-stats ${run.args.join(' ')}\n--- exit ${run.status}\n--- stderr\n${run.stderr}--- stdout\n${run.stdout}`;
}
