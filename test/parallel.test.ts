/**
 * The --by aggregation of large files: the same sums whatever the number of threads, equal to the sums
 * computed while generating the file and, when Miller is installed (.ci/run installs it), to Miller's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, without types
import { generate } from '../bench/generate.mjs';
import { runCli, scratchDir } from './helpers.js';

type Sums = Map<string, Record<string, number>>;
const MEASURES = ['communities', 'urban_population', 'committee_members', 'service_centers', 'service_facilities'];

let folder: string;
let file: string;
let reference: Sums;

function bySvcStats(path: string, threads: number): Record<string, unknown>[] {
  const run = runCli(['coverage', path, '--by', 'province', '--rows-are', 'communities', '-f', 'json', '-i', 'population_per_community,committee_members_per_community,centers_per_community,facilities_per_community'], {
    // the file is below the size from which it is cut into ranges by default (128 MiB): cut from any size
    env: { SVC_STATS_THREADS: String(threads), SVC_STATS_PARALLEL_MIN_BYTES: '1' },
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

beforeAll(async () => {
  folder = scratchDir();
  file = join(folder, 'register.csv');
  // 400,000 rows ≈ 24 MB: over a MiB past the header (the scan kernel's part), in ranges on 2 and 3 threads
  reference = (await generate(400_000, file)) as Sums;
}, 60_000);

describe('parallel aggregation', () => {
  it('gives the same sums on 1, 2 and 3 threads, equal to the generator’s', () => {
    const outputs = [1, 2, 3].map((threads) => bySvcStats(file, threads));
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    expect(outputs[0]).toHaveLength(31);
    for (const row of outputs[0]!) {
      const expected = reference.get(row['group'] as string)!;
      for (const measure of MEASURES) expect(row[measure]).toBe(expected[measure]);
      expect(row['units']).toBe(expected['communities']);
    }
  });

  it('agrees with Miller (or, where Miller is not installed, with the generator alone)', () => {
    const miller = spawnSync('mlr', ['--version'], { encoding: 'utf8' });
    const ours = bySvcStats(file, 2);
    if (miller.status !== 0) {
      process.stderr.write('parallel.test: Miller is not installed; compared with the generator only\n');
      expect(ours.map((row) => row['urban_population'])).toEqual(ours.map((row) => reference.get(row['group'] as string)!['urban_population']));
      return;
    }
    const output = execFileSync('mlr', ['--icsv', '--ojson', 'stats1', '-a', 'sum,count', '-f',
      'urban_population,committee_members,service_centers,service_facilities', '-g', 'province', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const millerRows = JSON.parse(output) as Record<string, number | string>[];
    expect(millerRows).toHaveLength(31);
    for (const millerRow of millerRows) {
      const row = ours.find((candidate) => candidate['group'] === millerRow['province'])!;
      expect(row['communities']).toBe(millerRow['urban_population_count']);
      for (const measure of MEASURES.slice(1)) expect(row[measure]).toBe(millerRow[`${measure}_sum`]);
    }
  });

  it('places an error in a later range at its line in the whole file', () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, '');
    execFileSync('cp', [file, bad]);
    appendFileSync(bad, '广东,东部,广东1市,C9999999,12x,3,0,1,2\n');
    const run = runCli(['coverage', bad, '--by', 'province', '--rows-are', 'communities'], { env: { SVC_STATS_THREADS: '2' } });
    expect(run.status).toBe(2);
    // the header is line 1, then 400,000 rows: the appended row is line 400,002, its 5th cell the bad one
    expect(run.stderr).toBe(`svc-stats: ${bad}:400002:5: urban_population: '12x' is not a number\n`);
  });

  it('numbers a kept-out total row by its line in the whole file', () => {
    const withTotal = join(folder, 'with-total.csv');
    execFileSync('cp', [file, withTotal]);
    appendFileSync(withTotal, '全国,合计,全国,C0,1,1,1,1,1\n');
    const run = runCli(['coverage', withTotal, '--by', 'province', '--rows-are', 'communities', '-i', 'population_per_community', '-f', 'csv'], {
      env: { SVC_STATS_THREADS: '2' },
    });
    expect(run.status).toBe(0);
    // grouped by province, rows are labelled by the finest label column, city
    expect(run.stderr).toContain("kept out of the groups, not summed: 全国 (line 400002, a national/total row)");
  });

  it('gives the same sums for a GB18030 copy of the file', () => {
    const gb = join(folder, 'register-gb18030.csv');
    writeFileSync(gb, iconv.encode(readFileSync(file, 'utf8'), 'gb18030'));
    expect(bySvcStats(gb, 2)).toEqual(bySvcStats(file, 1));
  });

  it('reads a file with quotes in one pass, with the same sums', () => {
    const quoted = join(folder, 'quoted.csv');
    execFileSync('cp', [file, quoted]);
    appendFileSync(quoted, '"广东",东部,"广东, 1市",C9999998,100,3,0,1,2\n');
    const rows = bySvcStats(quoted, 2);
    const guangdong = rows.find((row) => row['group'] === '广东')!;
    expect(guangdong['urban_population']).toBe(reference.get('广东')!['urban_population'] + 100);
  });
});
