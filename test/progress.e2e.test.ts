/**
 * The progress bar: on stderr when it is a terminal and the input is over 20 MB, never otherwise, never on
 * stdout. The terminal case runs under script(1) where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, without types
import { generate } from '../bench/generate.mjs';
import { BIN, runCli, scratchDir } from './helpers.js';

let folder: string;
let file: string;
const ARGS = ['--by', 'province', '--rows-are', 'communities', '-f', 'csv', '-i', 'population_per_community'];

beforeAll(async () => {
  folder = scratchDir();
  file = join(folder, 'register.csv');
  await generate(450_000, file); // about 22 MB
}, 60_000);

describe('progress bar', () => {
  it('is never shown when stderr is not a terminal', () => {
    const run = runCli(['coverage', file, ...ARGS]);
    expect(run.status).toBe(0);
    // the register's volunteers column is named as not read, and nothing else is on stderr: no bar
    expect(run.stderr).toBe(`svc-stats: ${file}: column not read (no known measure, label or year): volunteers\n`);
    expect(run.stdout.startsWith('group,units,')).toBe(true);
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('is drawn on a terminal stderr (script(1)), cleared at the end, and stdout stays clean', () => {
    const out = join(folder, 'out.csv');
    const log = join(folder, 'tty.log');
    for (const threads of ['1', '2']) {
      const command = `SVC_STATS_THREADS=${threads} '${process.execPath}' '${BIN}' coverage '${file}' ${ARGS.join(' ')} > '${out}'`;
      const result = spawnSync('script', ['-qec', command, log], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const terminal = readFileSync(log, 'utf8');
      expect(terminal).toMatch(/100% \| 21\/21 MiB \| 450,000 rows \| \d+ MiB\/s/);
      expect(readFileSync(out, 'utf8')).toBe(runCli(['coverage', file, ...ARGS]).stdout);
    }
  });
});
