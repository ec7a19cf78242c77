// npm run bench: svc-stats against Miller, datamash and plain csv-parse on community-level registers of 100k
// and 1M rows grouped by province; then start-up against `node -e 0`. Writes bench/RESULTS.md.
// Miller and datamash are optional: absent, they are named as such. Timing never runs in `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const SIZES = [100_000, 1_000_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const MEASURES = ['urban_population', 'committee_members', 'service_centers', 'service_facilities'];

function has(command, args = ['--version']) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout || result.stderr).split('\n')[0].trim() : undefined;
}

/** One run: wall seconds and peak RSS in MiB (GNU time), and stdout. */
function measure(command, args) {
  const start = process.hrtime.bigint();
  const result = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const rssKb = GNU_TIME ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { wall, rss: rssKb / 1024, stdout: result.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function parseCsv(text) {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [names[index], cell])));
}

/** Each tool's output read back as province → [count, sums...], to be compared with the generator's. */
const readers = {
  'svc-stats': (out) => new Map(parseCsv(out).map((row) => [row.group, [Number(row.units), ...MEASURES.map((m) => Number(row[m]))]])),
  Miller: (out) => new Map(parseCsv(out).map((row) => [row.province, [Number(row.urban_population_count), ...MEASURES.map((m) => Number(row[`${m}_sum`]))]])),
  datamash: (out) => new Map(out.trim().split('\n').map((line) => { const [p, ...n] = line.split(','); return [p, n.map(Number)]; })),
  'csv-parse': (out) => new Map(Object.entries(JSON.parse(out))),
};

function tools(file) {
  const svc = ['coverage', file, '--by', 'province', '--rows-are', 'communities', '-f', 'csv',
    '-i', 'population_per_community,committee_members_per_community,centers_per_community,facilities_per_community'];
  const list = [['svc-stats', process.execPath, [join(ROOT, 'bin', 'svc-stats.js'), ...svc]]];
  if (has('mlr')) list.push(['Miller', 'mlr', ['--icsv', '--ocsv', 'stats1', '-a', 'sum,count', '-f', MEASURES.join(','), '-g', 'province', file]]);
  if (has('datamash')) {
    list.push(['datamash', 'sh', ['-c', `tail -n +2 '${file}' | LC_ALL=C sort -t, -k1,1 | datamash -t, -g 1 count 1 sum 5 sum 6 sum 7 sum 8`]]);
  }
  list.push(['csv-parse', process.execPath, [join(ROOT, 'bench', 'csv-parse-sum.mjs'), file]]);
  return list;
}

mkdirSync(DATA, { recursive: true });
const versions = { node: process.version, Miller: has('mlr'), datamash: has('datamash') };
const lines = [];
const log = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

log('# svc-stats benchmark');
log();
log(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`);
log(`Tools: Miller ${versions.Miller ?? 'not installed'}; datamash ${versions.datamash ?? 'not installed'}; timing ${GNU_TIME ? 'wall clock, peak RSS from GNU time' : 'wall clock (no GNU time: no RSS)'}; median of ${RUNS} runs, tools interleaved.`);
log();
log('Task: `svc-stats coverage FILE --by province --rows-are communities` — per-province sums of four measures and a count, on a');
log('generated community-level register (`bench/generate.mjs`, fixed seed). Every tool\'s sums are checked against the generator\'s.');

const summary = {};
for (const rows of SIZES) {
  const file = join(DATA, `register-${rows}.csv`);
  const reference = await generate(rows, file);
  const list = tools(file);
  const results = new Map(list.map(([name]) => [name, { walls: [], rss: [] }]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, command, args] of run % 2 ? [...list].reverse() : list) {
      const { wall, rss, stdout } = measure(command, args);
      results.get(name).walls.push(wall);
      results.get(name).rss.push(rss);
      if (run === 0) {
        const sums = readers[name](stdout);
        for (const [province, expected] of reference) {
          const got = sums.get(province);
          const want = [expected.communities, ...MEASURES.map((m) => expected[m])];
          if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${name}: ${province} sums ${got} ≠ ${want}`);
        }
      }
    }
  }
  const ours = median(results.get('svc-stats').walls);
  log();
  log(`## ${rows.toLocaleString('en')} rows (${(spawnSync('stat', ['-c', '%s', file], { encoding: 'utf8' }).stdout / 2 ** 20).toFixed(1)} MiB) — sums agree across all tools`);
  log();
  log('| tool | median wall | peak RSS | svc-stats ÷ tool |');
  log('|---|---:|---:|---:|');
  for (const [name, { walls, rss }] of results) {
    const wall = median(walls);
    log(`| ${name} | ${wall.toFixed(3)} s | ${Number.isNaN(median(rss)) ? 'n/a' : `${median(rss).toFixed(0)} MiB`} | ${name === 'svc-stats' ? '—' : (ours / wall).toFixed(2)} |`);
  }
  for (const absent of ['Miller', 'datamash'].filter((name) => !results.has(name))) log(`| ${absent} | not installed | | |`);
  summary[rows] = { ours, rss: median(results.get('svc-stats').rss), miller: results.has('Miller') ? median(results.get('Miller').walls) : undefined };
}

// start-up: paired, interleaved runs of the smallest real job and of an empty node
const pairs = Number(process.env.BENCH_STARTUP_RUNS ?? 30);
const node0 = [];
const small = [];
const time = (args) => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
for (let run = 0; run < pairs + 3; run += 1) {
  const a = time(['-e', '0']);
  const b = time([join(ROOT, 'bin', 'svc-stats.js'), 'coverage', join(ROOT, 'data', '2005.csv')]);
  if (run >= 3) { node0.push(a); small.push(b); } // the first runs warm the file cache
}
const startRatio = median(small) / median(node0);
log();
log(`## Start-up (${pairs} paired runs)`);
log();
log('| command | median wall |');
log('|---|---:|');
log(`| \`node -e 0\` | ${median(node0).toFixed(1)} ms |`);
log(`| \`svc-stats coverage data/2005.csv\` | ${median(small).toFixed(1)} ms |`);
log(`| ratio | ${startRatio.toFixed(2)}× |`);

log();
log('## Targets');
log();
const big = summary[1_000_000];
const millerRatio = big.miller === undefined ? undefined : big.ours / big.miller;
log(`- 1M rows, svc-stats ÷ Miller ≤ 1.0: ${millerRatio === undefined ? 'Miller not installed' : `${millerRatio.toFixed(2)} — ${millerRatio <= 1 ? 'met' : `missed by ${((millerRatio - 1) * 100).toFixed(0)}%`}`}`);
for (const rows of SIZES) {
  const rss = summary[rows].rss;
  log(`- peak RSS ≤ 150 MiB at ${rows.toLocaleString('en')} rows: ${Number.isNaN(rss) ? 'not measured' : `${rss.toFixed(0)} MiB — ${rss <= 150 ? 'met' : 'missed'}`}`);
}
log(`- start-up ≤ 1.5× \`node -e 0\`: ${startRatio.toFixed(2)}× — ${startRatio <= 1.5 ? 'met' : 'missed'}`);

log();
log('## How svc-stats gets there');
log();
log('- csv-parse alone costs about 2 s per million rows here in array mode (4.3 s with `on_record`/`info`), more than Miller\'s whole');
log('  run, so the reader parses quote-free text with papaparse\'s fastMode (0.9 s per million rows) and switches to csv-parse at the');
log('  first double quote of a file; the reader test suite passes on both paths.');
log('- Plain integer cells are summed as doubles while the sum stays below 2^53 (exact); anything else goes through exact BigInt rationals.');
log('- Files over 16 MiB without a double quote are cut at line ends into one byte range per core, summed on worker threads with a 4 MiB');
log('  young generation (V8\'s default let two threads peak at 189 MiB).');
log('- The CLI is bundled by esbuild; statistics, tables, colours and csv-parse are chunks loaded only by the commands that use them.');

writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
