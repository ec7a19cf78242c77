// The spike beside the product and its peers: whole-process wall, CPU and peak RSS (GNU time), median of RUNS,
// tools interleaved; every tool's sums are checked against svc-stats' before a time is kept.
// Usage: node bench.mjs FILE [FILE...]   (files from `node ../generate.mjs ROWS FILE [SEED] [VARIANT]`;
//        a name with gb18030 in it is read as GB18030)   RUNS=5 by default
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';

const ROOT = new URL('../../', import.meta.url).pathname;
const SVC = join(ROOT, 'bin', 'svc-stats.js');
const RUN = new URL('./run.mjs', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 5);
const TIME_FILE = join(tmpdir(), `wasm-spike-time-${process.pid}`);
const MEASURES = ['urban_population', 'committee_members', 'service_centers', 'service_facilities'];

function measure(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-o', TIME_FILE, '-f', '%U %S %M', command, ...args], { maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const [user, system, kb] = readFileSync(TIME_FILE, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return { wall, cpu: user + system, rss: kb / 1024, out: result.stdout.toString() };
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
/** province -> units and the four sums, from the csv of svc-stats or the spike, or DuckDB's rows */
const fromCsv = (text) => {
  const [head, ...rows] = text.trim().split('\n').map((line) => line.split(','));
  const keep = ['units', ...MEASURES].map((name) => head.indexOf(name));
  return new Map(rows.map((row) => [row[0], keep.map((at) => Number(row[at])).join(',')]));
};
const fromRows = (text) => new Map(text.trim().split('\n').map((line) => { const [name, ...rest] = line.split(','); return [name, rest.join(',')]; }));
const same = (a, b) => a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);

for (const file of process.argv.slice(2)) {
  const gb = file.includes('gb18030');
  const encoding = gb ? ['--encoding', 'gb18030'] : [];
  const indicators = ['-i', 'communities,' + MEASURES.join(',')];
  const tools = [
    { name: 'spike kernel', args: [RUN, file, ...encoding], sums: fromCsv },
    { name: 'spike kernel, repeated-unit check', args: [RUN, file, '--check-units', ...encoding], sums: fromCsv },
    { name: 'svc-stats --rows-are communities', args: [SVC, 'coverage', file, '--by', 'province', '--rows-are', 'communities', '-f', 'csv', '-q', ...indicators], sums: fromCsv },
    { name: 'svc-stats (repeated-unit check)', args: [SVC, 'coverage', file, '--by', 'province', '-f', 'csv', '-q', '-i', MEASURES.join(',')], sums: fromCsv },
    ...(gb ? [] : [{ name: 'DuckDB', args: [join(ROOT, 'bench', 'duckdb.mjs'), `select province, count(*), ${MEASURES.map((m) => `sum(${m})`).join(', ')} from read_csv('${file}') group by province`], sums: fromRows }]),
    { name: 'byte floor', args: [join(ROOT, 'bench', 'floor.mjs'), file] },
  ];
  const times = new Map(tools.map((tool) => [tool.name, []]));
  let reference;
  for (let run = 0; run < RUNS; run += 1) {
    for (const tool of tools) {
      const result = measure(process.execPath, tool.args);
      if (tool.sums !== undefined) {
        const sums = tool.sums(result.out);
        reference ??= sums;
        if (!same(sums, reference)) throw new Error(`${tool.name}: the sums differ from svc-stats' on ${file}`);
      }
      times.get(tool.name).push(result);
    }
  }
  const rows = statSync(file).size;
  console.log(`\n${file} (${(rows / 2 ** 20).toFixed(1)} MiB), median of ${RUNS}, load average ${loadavg()[0].toFixed(2)}; sums agree\n`);
  console.log('| tool | wall | CPU | peak RSS |\n|---|---:|---:|---:|');
  for (const tool of tools) {
    const runs = times.get(tool.name);
    console.log(`| ${tool.name} | ${median(runs.map((r) => r.wall)).toFixed(3)} s | ${median(runs.map((r) => r.cpu)).toFixed(2)} s | ${median(runs.map((r) => r.rss)).toFixed(0)} MiB |`);
  }
}
rmSync(TIME_FILE, { force: true });
