// npm run bench: svc-stats and its peers side by side in one run — Miller, datamash (+ sort), DuckDB through
// @duckdb/node-api, and the byte floor — on generated community-level registers of 100k and 1M rows (5M with
// BENCH_5M=1), inputs plain, all-quoted, GB18030, and 万人 columns with mixed or uniform decimals; commands
// `coverage --by`, per-row `coverage`, `describe`, `equity` and `verify --check-totals`. Every tool's answer is
// checked against the generator's sums or against svc-stats before any time is reported. Writes
// bench/RESULTS.md: median wall, CPU (user + system) and peak RSS of the whole process, and the ratios.
// Peers that are not installed are named as such. Timing never runs in `npm test`.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { generate } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const SIZES = (process.env.BENCH_SIZES ?? `100000,1000000${process.env.BENCH_5M === '1' ? ',5000000' : ''}`).split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TIME_FILE = join(DATA, 'time.txt');
// DuckDB's COPY cannot open /dev/stdout when it is a socket (as under spawnSync): it writes here
const DUCKDB_OUT = join(DATA, 'duckdb-out.csv');
const SVC = join(ROOT, 'bin', 'svc-stats.js');
const NODE = process.execPath;
const MEASURES = ['urban_population', 'committee_members', 'service_centers', 'service_facilities'];
const INDICATORS = 'population_per_community,committee_members_per_community,centers_per_community,facilities_per_community';

function version(command, args = ['--version']) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout || result.stderr).split('\n')[0].trim() : undefined;
}
const MILLER = version('mlr');
const DATAMASH = version('datamash');
let DUCKDB;
try {
  DUCKDB = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')).version;
} catch {
  DUCKDB = undefined;
}

let POLARS;
try {
  // bench/peers (npm run bench:polars): its native build needs --force on Node 20, so npm ci does not install it
  POLARS = JSON.parse(readFileSync(join(ROOT, 'bench', 'peers', 'node_modules', 'nodejs-polars', 'package.json'), 'utf8')).version;
  if (!existsSync(join(ROOT, 'bench', 'peers', 'node_modules', 'nodejs-polars-linux-x64-gnu'))) POLARS = undefined;
} catch {
  POLARS = undefined;
}

/** One run of a whole process: wall and CPU seconds, peak RSS in MiB (GNU time), stdout as bytes, exit code. */
function measure(command, args) {
  const start = process.hrtime.bigint();
  const result = GNU_TIME
    ? spawnSync(GNU_TIME, ['-o', TIME_FILE, '-f', '%U %S %M', command, ...args], { maxBuffer: 1 << 30 })
    : spawnSync(command, args, { maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  let cpu = NaN;
  let rss = NaN;
  if (GNU_TIME) {
    const [user, system, kb] = readFileSync(TIME_FILE, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = user + system;
    rss = kb / 1024;
  }
  return { wall, cpu, rss, stdout: result.stdout, stderr: result.stderr.toString(), status: result.status };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function csvRows(text) {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split(',').map((name) => name.replace(/^"|"$/g, ''));
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [names[index], cell.replace(/^"|"$/g, '')])));
}

const decode = (bytes, variant) => (variant === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8'));
const populationColumn = (variant) => (variant === 'mixed' || variant === 'uniform' ? 'urban_population（万人）' : 'urban_population');
/** persons from a tool's sum of the column: ×10^4 for the 万人 variants (a float sum rounds to the person). */
const persons = (value, variant) => Math.round(Number(value) * (variant === 'mixed' || variant === 'uniform' ? 10_000 : 1));

/** Tools for `coverage --by province`: each gives province → [communities, four sums] for the agreement check. */
function byTools(file, variant) {
  const pop = populationColumn(variant);
  const list = [{
    name: 'svc-stats', command: NODE,
    args: [SVC, 'coverage', file, '--by', 'province', '--rows-are', 'communities', '-f', 'csv', '-i', INDICATORS],
    sums: (out) => new Map(csvRows(out.toString('utf8')).map((row) => [row.group, [Number(row.units), ...MEASURES.map((m) => Number(row[m]))]])),
  }];
  if (MILLER) {
    list.push({
      name: 'Miller', command: 'mlr', args: ['--icsv', '--ocsv', 'stats1', '-a', 'sum,count', '-f', [pop, ...MEASURES.slice(1)].join(','), '-g', 'province', file],
      sums: (out) => new Map(csvRows(decode(out, variant)).map((row) => [row.province, [Number(row[`${pop}_count`]), persons(row[`${pop}_sum`], variant), ...MEASURES.slice(1).map((m) => Number(row[`${m}_sum`]))]])),
    });
  }
  if (DATAMASH && variant !== 'quoted') {
    list.push({
      name: 'datamash', command: 'sh', args: ['-c', `tail -n +2 '${file}' | LC_ALL=C sort -t, -k1,1 | datamash -t, -g 1 count 1 sum 5 sum 6 sum 7 sum 8`],
      sums: (out) => new Map(decode(out, variant).trim().split('\n').map((line) => {
        const [province, count, population, ...rest] = line.split(',');
        return [province, [Number(count), persons(population, variant), ...rest.map(Number)]];
      })),
    });
  }
  if (DUCKDB && variant !== 'gb18030') {
    const types = variant === 'mixed' || variant === 'uniform' ? `, types={'${pop}': 'DECIMAL(18,4)'}` : '';
    list.push({
      name: 'DuckDB', command: NODE,
      args: [join(ROOT, 'bench', 'duckdb.mjs'), `select province, count(*), sum("${pop}"), ${MEASURES.slice(1).map((m) => `sum(${m})`).join(', ')} from read_csv('${file}'${types}) group by province`],
      sums: (out) => new Map(out.toString('utf8').trim().split('\n').map((line) => {
        const [province, count, population, ...rest] = line.split(',');
        return [province, [Number(count), persons(population, variant), ...rest.map(Number)]];
      })),
    });
  }
  if (POLARS && variant !== 'gb18030') {
    // a lazy scan, as an analyst would write it; 万人 columns are read as doubles (sums rounded to the person)
    list.push({
      name: 'Polars', command: NODE, args: [join(ROOT, 'bench', 'polars.mjs'), file, 'province', pop, ...MEASURES.slice(1)],
      sums: (out) => new Map(out.toString('utf8').trim().split('\n').map((line) => {
        const [province, count, population, ...rest] = line.split(',');
        return [province, [Number(count), persons(population, variant), ...rest.map(Number)]];
      })),
    });
  }
  list.push({ name: 'byte floor', command: NODE, args: [join(ROOT, 'bench', 'floor.mjs'), file], lines: true });
  return list;
}

/** Tools for the other commands (plain input): each gives a small object compared with svc-stats'. */
function commandTools(task, file, totalsFile) {
  const list = [];
  if (task === 'rows') {
    list.push({ name: 'svc-stats', command: NODE, args: [SVC, 'coverage', file, '--rows-are', 'communities', '-f', 'csv', '-i', INDICATORS], answer: countLines });
    const put = '$population_per_community = $urban_population / 1; $committee_members_per_community = $committee_members / 1; $centers_per_community = $service_centers / 1; $facilities_per_community = $service_facilities / 1';
    if (MILLER) list.push({ name: 'Miller', command: 'mlr', args: ['--icsv', '--ocsv', 'put', put, file], answer: countLines });
    if (DUCKDB) {
      list.push({ name: 'DuckDB', command: NODE, args: [join(ROOT, 'bench', 'duckdb.mjs'),
        `copy (select province, urban_population, urban_population / 1 as population_per_community, committee_members / 1 as committee_members_per_community, service_centers / 1 as centers_per_community, service_facilities / 1 as facilities_per_community from read_csv('${file}')) to '${DUCKDB_OUT}' (header)`], answer: () => countLines(readFileSync(DUCKDB_OUT)) });
    }
  } else if (task === 'describe') {
    list.push({ name: 'svc-stats', command: NODE, args: [SVC, 'describe', file, '--rows-are', 'communities', '-i', 'population_per_community', '-f', 'csv'],
      answer: (out) => { const [row] = csvRows(out.toString()); return { n: Number(row.n), mean: Number(row.mean), median: Number(row.median), p25: Number(row.p25) }; } });
    if (MILLER) {
      list.push({ name: 'Miller', command: 'mlr', args: ['--icsv', '--ocsv', 'stats1', '-i', '-a', 'count,mean,stddev,min,p25,median,p75,max', '-f', 'urban_population', file],
        answer: (out) => { const [row] = csvRows(out.toString()); return { n: Number(row.urban_population_count), mean: Number(row.urban_population_mean), median: Number(row.urban_population_median), p25: Number(row.urban_population_p25) }; } });
    }
    if (DUCKDB) {
      list.push({ name: 'DuckDB', command: NODE, args: [join(ROOT, 'bench', 'duckdb.mjs'),
        `select count(*), avg(urban_population), median(urban_population), quantile_cont(urban_population, 0.25), stddev_samp(urban_population), quantile_cont(urban_population, 0.75), min(urban_population), max(urban_population) from read_csv('${file}')`],
      answer: (out) => { const [n, mean, med, p25] = out.toString().trim().split(',').map(Number); return { n, mean, median: med, p25 }; } });
    }
  } else if (task === 'equity') {
    list.push({ name: 'svc-stats', command: NODE, args: [SVC, 'equity', file, '--rows-are', 'communities', '-i', 'population_per_community', '--weight', 'none', '-f', 'csv'],
      answer: (out) => { const [row] = csvRows(out.toString()); return { n: Number(row.n), gini: Number(row.gini), cv: Number(row.cv) }; } });
    if (DUCKDB) {
      // unweighted Gini over the sorted values: Σ (2i − n − 1) x_i / (n Σ x); CV with the population sd
      list.push({ name: 'DuckDB', command: NODE, args: [join(ROOT, 'bench', 'duckdb.mjs'),
        `select count(*), sum((2 * rn - n - 1) * x) / (n * sum(x)), stddev_pop(x) / avg(x) from (select urban_population::double as x, row_number() over (order by urban_population) as rn, count(*) over () as n from read_csv('${file}')) group by n`],
      answer: (out) => { const [n, gini, cv] = out.toString().trim().split(',').map(Number); return { n, gini, cv }; } });
    }
  } else if (task === 'verify') {
    list.push({ name: 'svc-stats verify', command: NODE, args: [SVC, 'verify', totalsFile, '--check-totals', '--label', 'community_id', '-f', 'csv'], answer: (out, status) => ({ status }) });
    list.push({ name: 'svc-stats coverage --by', command: NODE, args: [SVC, 'coverage', file, '--by', 'province', '--rows-are', 'communities', '-f', 'csv', '-i', INDICATORS], answer: () => ({ status: 0 }) });
  }
  return list;
}

function countLines(out) {
  let count = 0;
  for (let index = out.indexOf(10); index !== -1; index = out.indexOf(10, index + 1)) count += 1;
  return { lines: count };
}

function agrees(task, ours, theirs) {
  const close = (a, b, tolerance) => Math.abs(a - b) <= tolerance;
  if (task === 'rows') return ours.lines === theirs.lines;
  if (task === 'describe') return ours.n === theirs.n && close(ours.mean, theirs.mean, 0.01) && close(ours.median, theirs.median, 0.01) && close(ours.p25, theirs.p25, 0.01);
  if (task === 'equity') return ours.n === theirs.n && close(ours.gini, theirs.gini, 1e-4) && close(ours.cv, theirs.cv, 1e-4);
  return true;
}

/** Runs every tool RUNS times, interleaved, after checking each one's answer on its first run. */
function runAll(list, check) {
  const results = new Map(list.map((tool) => [tool.name, { walls: [], cpus: [], rss: [] }]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const tool of run % 2 ? [...list].reverse() : list) {
      const result = measure(tool.command, tool.args);
      if (run === 0) check(tool, result);
      else if (result.status !== 0 && !tool.name.includes('verify')) throw new Error(`${tool.name} failed: ${result.stderr}`);
      const entry = results.get(tool.name);
      entry.walls.push(result.wall);
      entry.cpus.push(result.cpu);
      entry.rss.push(result.rss);
    }
  }
  return new Map([...results].map(([name, { walls, cpus: cpuTimes, rss }]) => [name, { wall: median(walls), cpu: median(cpuTimes), rss: median(rss) }]));
}

const lines = [];
const log = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const fmt = {
  s: (value) => `${value.toFixed(3)} s`,
  mib: (value) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(0)} MiB`),
  ratio: (value) => value.toFixed(2),
};
function table(results, reference) {
  const ours = results.get(reference);
  log('| tool | median wall | CPU (user+sys) | peak RSS | svc-stats wall ÷ tool wall |');
  log('|---|---:|---:|---:|---:|');
  for (const [name, { wall, cpu, rss }] of results) {
    log(`| ${name} | ${fmt.s(wall)} | ${fmt.s(cpu)} | ${fmt.mib(rss)} | ${name === reference ? '—' : fmt.ratio(ours.wall / wall)} |`);
  }
}

mkdirSync(DATA, { recursive: true });
if (process.env.BENCH_CASE === 'equity-by-region') {
  await equityByRegion();
  process.exit(0);
}
if (process.env.BENCH_CASE === 'peers') {
  await byProvincePeers();
  process.exit(0);
}
if (process.env.BENCH_CASE === 'sql') {
  await sqlBesideCoverage();
  process.exit(0);
}
log('# svc-stats benchmark');
log();
const [load1, load5] = loadavg();
log(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at start ${load1.toFixed(2)} (1 min), ${load5.toFixed(2)} (5 min) — the machine is shared, so wall times carry others' load; CPU times less so.`);
log(`Peers: Miller ${MILLER ?? 'not installed'}; ${DATAMASH ?? 'datamash not installed'}; DuckDB ${DUCKDB ? `@duckdb/node-api ${DUCKDB}` : 'not installed'}; Polars ${POLARS ? `nodejs-polars ${POLARS}` : 'not installed (npm run bench:polars)'}; byte floor = \`bench/floor.mjs\` (read 1 MiB blocks, count line feeds, no decoding). Whole-process figures: wall clock, CPU and peak RSS from GNU time; median of ${RUNS} runs, tools interleaved.`);
log();
log('Inputs (`bench/generate.mjs`, fixed seed, one row per community, the same rows in every variant): **plain** UTF-8; **quoted** (every cell in double quotes); **gb18030**; **mixed** (urban_population in 万人 with 1–4 decimal places) and **uniform** (万人, always 4 places). Every tool\'s sums are checked against the generator\'s (万人 sums rounded to the person for tools that add doubles) before any time is reported; DuckDB reads 万人 as DECIMAL(18,4). Not applicable: datamash on quoted input (it does not parse quotes); DuckDB on GB18030 (its CSV reader needs the `encodings` extension, downloaded at run time); Polars on GB18030 (its CSV reader takes UTF-8 only).');

const summary = {};
for (const rows of SIZES) {
  const files = {};
  let reference;
  for (const variant of ['plain', 'quoted', 'gb18030', 'mixed', 'uniform']) {
    files[variant] = join(DATA, `register-${rows}-${variant}.csv`);
    reference = await generate(rows, files[variant], undefined, variant);
  }
  spawnSync('sync'); // the generated files written out before any run (as in byProvincePeers)
  const size = (file) => `${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`;
  log();
  log(`## ${rows.toLocaleString('en')} rows`);
  summary[rows] = {};
  for (const variant of ['plain', 'quoted', 'gb18030', 'mixed', 'uniform']) {
    const file = files[variant];
    const results = runAll(byTools(file, variant), (tool, result) => {
      if (result.status !== 0) throw new Error(`${tool.name} on ${variant} failed: ${result.stderr}`);
      if (tool.lines) {
        if (countLines(result.stdout).lines !== rows + 1 && Number(result.stdout.toString()) !== rows + 1) throw new Error(`${tool.name}: line count`);
        return;
      }
      const sums = tool.sums(result.stdout);
      for (const [province, expected] of reference) {
        const want = [expected.communities, ...MEASURES.map((m) => expected[m])];
        if (JSON.stringify(sums.get(province)) !== JSON.stringify(want)) throw new Error(`${tool.name} on ${variant}: ${province} sums ${sums.get(province)} ≠ ${want}`);
      }
    });
    summary[rows][variant] = results;
    log();
    log(`### \`coverage --by province\`, ${variant} (${size(file)}) — sums agree with the generator's`);
    log();
    table(results, 'svc-stats');
  }
  // per-row coverage, describe, equity and verify on the plain input
  const totals = join(DATA, `register-${rows}-totals.csv`);
  copyFileSync(files.plain, totals);
  const all = [...reference.values()].reduce((sum, entry) => MEASURES.map((m, index) => sum[index] + entry[m]), [0, 0, 0, 0]);
  // the units are the communities (community_id), so the national row is 全国 in that column too
  appendFileSync(totals, `全国,全国,全国,全国,${all.join(',')},0\n`);
  for (const [task, title] of [['rows', 'per-row `coverage` (one output row per community)'], ['describe', '`describe`'], ['equity', '`equity --weight none`'], ['verify', '`verify --check-totals` (a 全国 row appended) against `coverage --by`']]) {
    let ours;
    const list = commandTools(task, files.plain, totals);
    const results = runAll(list, (tool, result) => {
      const answer = tool.answer(result.stdout, result.status);
      if (task === 'verify') {
        if (result.status !== 0) throw new Error(`${tool.name}: exit ${result.status}: ${result.stderr}`);
        return;
      }
      if (result.status !== 0) throw new Error(`${tool.name} (${task}) failed: ${result.stderr}`);
      if (tool === list[0]) ours = answer;
      else if (!agrees(task, ours, answer)) throw new Error(`${tool.name} (${task}) disagrees: ${JSON.stringify(answer)} vs svc-stats ${JSON.stringify(ours)}`);
    });
    summary[rows][task] = results;
    log();
    log(`### ${title}, plain — ${task === 'rows' ? 'same number of output lines' : task === 'verify' ? 'verify exits 0 (the totals agree)' : 'n, mean and quartiles (describe) or Gini and CV (equity) agree with svc-stats'}`);
    log();
    table(results, list[0].name);
  }
  for (const variant of ['plain', 'quoted', 'gb18030', 'mixed', 'uniform']) rmSync(files[variant]);
  rmSync(totals);
}

const pairs = Number(process.env.BENCH_STARTUP_RUNS ?? 20);
const { node0, small, ratio: startRatio } = startUp(pairs);
log();
log(`## Start-up (${pairs} paired runs)`);
log();
log(`\`node -e 0\` ${median(node0).toFixed(1)} ms; \`svc-stats coverage data/2005.csv\` ${median(small).toFixed(1)} ms; ratio ${startRatio.toFixed(2)}×.`);

log();
log('## Targets (issue 11)');
log();
const verdict = (ok) => (ok ? 'met' : 'not met');
for (const rows of SIZES) {
  const by = summary[rows];
  const svc = (variant) => by[variant].get('svc-stats');
  const duck = by.plain.get('DuckDB');
  const label = rows.toLocaleString('en');
  if (duck) log(`- ${label} rows, \`coverage --by\` faster than DuckDB (wall ratio < 1.0): ${fmt.ratio(svc('plain').wall / duck.wall)} — ${verdict(svc('plain').wall < duck.wall)}; CPU ratio ${fmt.ratio(svc('plain').cpu / duck.cpu)}`);
  const polars = by.plain.get('Polars');
  if (polars) log(`- ${label} rows, \`coverage --by\` faster than Polars (wall ratio < 1.0): ${fmt.ratio(svc('plain').wall / polars.wall)} — ${verdict(svc('plain').wall < polars.wall)}; CPU ratio ${fmt.ratio(svc('plain').cpu / polars.cpu)}`);
  log(`- ${label} rows, \`coverage --by\` peak RSS ≤ 150 MiB: ${fmt.mib(svc('plain').rss)} — ${verdict(svc('plain').rss <= 150)}`);
  for (const [variant, base] of [['quoted', 'plain'], ['gb18030', 'plain'], ['mixed', 'uniform']]) {
    const ratio = svc(variant).wall / svc(base).wall;
    log(`- ${label} rows, ${variant} within 1.2× of ${base}: wall ${fmt.ratio(ratio)}, CPU ${fmt.ratio(svc(variant).cpu / svc(base).cpu)} — ${verdict(ratio <= 1.2)}`);
  }
  const rowsTask = by.rows;
  const miller = rowsTask.get('Miller');
  log(`- ${label} rows, per-row \`coverage\` peak RSS ≤ 150 MiB: ${fmt.mib(rowsTask.get('svc-stats').rss)} — ${verdict(rowsTask.get('svc-stats').rss <= 150)}${miller ? `; wall ≤ Miller's put: ${fmt.ratio(rowsTask.get('svc-stats').wall / miller.wall)} — ${verdict(rowsTask.get('svc-stats').wall <= miller.wall)}` : ''}`);
  for (const task of ['describe', 'equity']) {
    log(`- ${label} rows, \`${task}\` ≤ 400 MiB: ${fmt.mib(by[task].get('svc-stats').rss)} — ${verdict(by[task].get('svc-stats').rss <= 400)}`);
  }
  const verifyRatio = by.verify.get('svc-stats verify').wall / by.verify.get('svc-stats coverage --by').wall;
  log(`- ${label} rows, \`verify --check-totals\` within 1.2× of \`coverage --by\`: ${fmt.ratio(verifyRatio)} — ${verdict(verifyRatio <= 1.2)}`);
}
log(`- start-up ≤ 1.3× \`node -e 0\`: ${startRatio.toFixed(2)}× — ${verdict(startRatio <= 1.3)}`);

writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);

/** Start-up: paired, interleaved runs of the smallest real job and of an empty node (three warm-up pairs first). */
function startUp(pairs) {
  const node0 = [];
  const small = [];
  for (let run = 0; run < pairs + 3; run += 1) {
    const a = measure(NODE, ['-e', '0']).wall * 1000;
    const b = measure(NODE, [SVC, 'coverage', join(ROOT, 'data', '2005.csv')]).wall * 1000;
    if (run >= 3) {
      node0.push(a);
      small.push(b);
    }
  }
  return { node0, small, ratio: median(small) / median(node0) };
}

/** Writes `section` at the end of bench/RESULTS.md, replacing an earlier section of the same heading. */
function replaceSection(heading, section) {
  const path = join(ROOT, 'bench', 'RESULTS.md');
  const before = readFileSync(path, 'utf8');
  const start = before.indexOf(heading);
  const end = start < 0 ? -1 : before.indexOf('\n## ', start + heading.length);
  const kept = start < 0 ? before.trimEnd() : `${before.slice(0, start).trimEnd()}${end < 0 ? '' : `\n\n${before.slice(end + 1).trimEnd()}`}`;
  writeFileSync(path, `${kept}\n\n${section.join('\n')}\n`);
}

/**
 * BENCH_CASE=peers npm run bench: only `coverage --by province` on the plain, quoted and GB18030 registers
 * (BENCH_SIZES, default 1M; 5M with BENCH_5M=1) beside DuckDB and Polars, and beside itself with every line
 * read in JavaScript (SVC_STATS_WASM=0), sums checked as in the whole run, and the start-up pairs: the targets
 * of issue 23. Writes its section at the end of bench/RESULTS.md.
 */
async function byProvincePeers() {
  const heading = '## `coverage --by province` beside DuckDB and Polars: only this case';
  const section = [];
  const say = (line = '') => { section.push(line); process.stdout.write(`${line}\n`); };
  const [load1] = loadavg();
  say(heading);
  say();
  say(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_CASE=peers npm run bench\` (load average at start ${load1.toFixed(2)}); Node ${process.version}; DuckDB ${DUCKDB ? `@duckdb/node-api ${DUCKDB}` : 'not installed'}; Polars ${POLARS ? `nodejs-polars ${POLARS} (lazy scanCSV, groupBy, sum)` : 'not installed (npm run bench:polars)'}; median of ${RUNS} runs, tools interleaved; whole-process wall, CPU and peak RSS (GNU time).`);
  const sizes = process.env.BENCH_SIZES === undefined ? [1_000_000, ...(process.env.BENCH_5M === '1' ? [5_000_000] : [])] : SIZES;
  const verdict = (ok) => (ok ? 'met' : 'not met');
  const targets = [];
  for (const rows of sizes) {
    say();
    say(`### ${rows.toLocaleString('en')} rows`);
    const walls = {};
    for (const variant of ['plain', 'quoted', 'gb18030']) {
      const file = join(DATA, `register-${rows}-${variant}.csv`);
      const reference = await generate(rows, file, undefined, variant);
      // the generator's file written out before any run: else the kernel's writeback of its dirty pages (40–320
      // MiB) competes with the first runs for the two cores
      spawnSync('sync');
      const [ours, ...peers] = byTools(file, variant).filter((tool) => ['svc-stats', 'DuckDB', 'Polars'].includes(tool.name));
      // the same run with every line read in JavaScript (no scan kernel): what the kernel brings
      const script = { ...ours, name: 'svc-stats, JavaScript only (SVC_STATS_WASM=0)', command: 'env', args: ['SVC_STATS_WASM=0', ours.command, ...ours.args] };
      const list = variant === 'plain' ? [ours, script, ...peers] : [ours, script];
      const results = runAll(list, (tool, result) => {
        if (result.status !== 0) throw new Error(`${tool.name} on ${variant} failed: ${result.stderr}`);
        const sums = tool.sums(result.stdout);
        for (const [province, expected] of reference) {
          const want = [expected.communities, ...MEASURES.map((m) => expected[m])];
          if (JSON.stringify(sums.get(province)) !== JSON.stringify(want)) throw new Error(`${tool.name} on ${variant}: ${province} sums ${sums.get(province)} ≠ ${want}`);
        }
      });
      say();
      say(`${variant} (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB):`);
      say();
      say('| tool | median wall | CPU (user+sys) | peak RSS | svc-stats wall ÷ tool wall |');
      say('|---|---:|---:|---:|---:|');
      const mine = results.get('svc-stats');
      for (const [name, { wall, cpu, rss }] of results) say(`| ${name} | ${fmt.s(wall)} | ${fmt.s(cpu)} | ${fmt.mib(rss)} | ${name === 'svc-stats' ? '—' : fmt.ratio(mine.wall / wall)} |`);
      walls[variant] = mine;
      if (variant === 'plain') {
        for (const peer of ['DuckDB', 'Polars']) {
          const theirs = results.get(peer);
          if (theirs) targets.push(`- ${rows.toLocaleString('en')} rows, < 1.0× ${peer}: ${fmt.ratio(mine.wall / theirs.wall)} — ${verdict(mine.wall < theirs.wall)} (CPU ${fmt.ratio(mine.cpu / theirs.cpu)})`);
        }
        targets.push(`- ${rows.toLocaleString('en')} rows, peak RSS ≤ 150 MiB: ${fmt.mib(mine.rss)} — ${verdict(mine.rss <= 150)}`);
      } else {
        targets.push(`- ${rows.toLocaleString('en')} rows, ${variant} within 1.2× of plain: ${fmt.ratio(mine.wall / walls.plain.wall)} — ${verdict(mine.wall <= 1.2 * walls.plain.wall)}`);
      }
      rmSync(file);
    }
  }
  const pairs = Number(process.env.BENCH_STARTUP_RUNS ?? 20);
  const start = startUp(pairs);
  say();
  say(`Start-up (${pairs} paired runs): \`node -e 0\` ${median(start.node0).toFixed(1)} ms; \`svc-stats coverage data/2005.csv\` ${median(start.small).toFixed(1)} ms; ratio ${start.ratio.toFixed(2)}×.`);
  say();
  say('Targets (issue 23):');
  say();
  for (const line of targets) say(line);
  say(`- start-up ≤ 1.3× \`node -e 0\`: ${start.ratio.toFixed(2)}× — ${verdict(start.ratio <= 1.3)}`);
  replaceSection(heading, section);
}

/**
 * BENCH_CASE=sql npm run bench: the DuckDB query of `svc-stats sql` beside `coverage` on the same register
 * (BENCH_SIZES, default 1M and 5M), each a whole process, the two outputs compared byte for byte before any time
 * is reported (issue 22). Writes its section at the end of bench/RESULTS.md.
 */
async function sqlBesideCoverage() {
  const heading = '## `svc-stats sql` (DuckDB) beside `coverage`: only this case';
  const section = [];
  const say = (line = '') => { section.push(line); process.stdout.write(`${line}\n`); };
  const [load1] = loadavg();
  say(heading);
  say();
  say(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_CASE=sql npm run bench\` (load average at start ${load1.toFixed(2)}); Node ${process.version}; DuckDB ${DUCKDB ? `@duckdb/node-api ${DUCKDB}` : 'not installed'}; median of ${RUNS} runs, interleaved; whole-process wall, CPU and peak RSS (GNU time). The query's csv (\`bench/duckdb.mjs --csv\`) and coverage's \`-f csv\` are compared byte for byte first: both exact, the same digits.`);
  if (!DUCKDB) throw new Error('BENCH_CASE=sql needs @duckdb/node-api (npm ci installs it)');
  const sizes = process.env.BENCH_SIZES === undefined ? [1_000_000, 5_000_000] : SIZES;
  say();
  say('| rows | options | coverage wall | CPU | RSS | DuckDB query wall | CPU | RSS | coverage ÷ query wall |');
  say('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const rows of sizes) {
    const plain = join(DATA, `register-${rows}-plain.csv`);
    const mixed = join(DATA, `register-${rows}-mixed.csv`);
    await generate(rows, plain, undefined, 'plain');
    await generate(rows, mixed, undefined, 'mixed');
    const cases = [
      [plain, ['--rows-are', 'communities', '--by', 'province', '-i', INDICATORS]],
      [mixed, ['--rows-are', 'communities', '--by', 'region', '--totals', '--rounding', 'half-even']],
    ];
    for (const [file, options] of cases) {
      const text = spawnSync(NODE, [SVC, 'sql', file, ...options], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (text.status !== 0) throw new Error(`svc-stats sql failed: ${text.stderr}`);
      const list = [
        { name: 'coverage', command: NODE, args: [SVC, 'coverage', file, ...options, '-f', 'csv', '-q'] },
        { name: 'query', command: NODE, args: [join(ROOT, 'bench', 'duckdb.mjs'), '--csv', text.stdout] },
      ];
      const outputs = {};
      const results = runAll(list, (tool, result) => {
        if (result.status !== 0) throw new Error(`${tool.name} failed: ${result.stderr}`);
        outputs[tool.name] = result.stdout.toString('utf8');
      });
      if (outputs.coverage !== outputs.query) throw new Error(`the DuckDB query and coverage differ on ${file} ${options.join(' ')}:\n${outputs.coverage.slice(0, 400)}\n---\n${outputs.query.slice(0, 400)}`);
      const ours = results.get('coverage');
      const theirs = results.get('query');
      const shown = options.map((option) => (option === INDICATORS ? '(4 indicators)' : option)).join(' ');
      say(`| ${rows.toLocaleString('en')}${file === mixed ? ' (万人, mixed decimals)' : ''} | \`${shown}\` | ${fmt.s(ours.wall)} | ${fmt.s(ours.cpu)} | ${fmt.mib(ours.rss)} | ${fmt.s(theirs.wall)} | ${fmt.s(theirs.cpu)} | ${fmt.mib(theirs.rss)} | ${fmt.ratio(ours.wall / theirs.wall)} |`);
    }
    rmSync(plain);
    rmSync(mixed);
  }
  replaceSection(heading, section);
}

/**
 * BENCH_CASE=equity-by-region npm run bench: only `equity --by region` (with Dagum's decomposition, whose
 * pairwise sums are merges of sorted groups) and `--bootstrap 20` on 100k and 1M registers, to show both grow
 * linearly (× about 10 for 10 × the rows; n log n would give × 12). Writes its section at the end of
 * bench/RESULTS.md, replacing an earlier one, and leaves the rest of the file as it is.
 */
async function equityByRegion() {
  const section = [];
  const say = (line = '') => { section.push(line); process.stdout.write(`${line}\n`); };
  const [load1] = loadavg();
  say('## `equity --by region` (GE, Atkinson, Dagum) and `--bootstrap`: only this case');
  say();
  say(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_CASE=equity-by-region npm run bench\` (load average ${load1.toFixed(2)}); median of ${RUNS} runs; \`-i population_per_community --rows-are communities\`, weighted by urban_population.`);
  say();
  say('| rows | command | median wall | CPU (user+sys) | peak RSS |');
  say('|---:|---|---:|---:|---:|');
  const walls = {};
  for (const rows of [100_000, 1_000_000]) {
    const file = join(DATA, `register-${rows}-plain.csv`);
    if (!existsSync(file)) await generate(rows, file, undefined, 'plain');
    for (const [name, extra] of [['--by region', []], ['--by region --bootstrap 20', ['--bootstrap', '20']]]) {
      const args = [SVC, 'equity', file, '--rows-are', 'communities', '-i', 'population_per_community', '--by', 'region', ...extra, '-f', 'json'];
      const runs = [];
      for (let run = 0; run < RUNS; run += 1) {
        const result = measure(NODE, args);
        if (result.status !== 0) throw new Error(`equity ${name} failed: ${result.stderr}`);
        const [row] = JSON.parse(result.stdout.toString());
        if (row.n !== rows) throw new Error(`equity ${name}: n ${row.n} ≠ ${rows}`);
        const parts = row.gini_within + row.gini_net_between + row.gini_transvariation;
        if (Math.abs(parts - row.gini) > 2e-4) throw new Error(`equity ${name}: Dagum's parts ${parts} ≠ Gini ${row.gini}`);
        runs.push(result);
      }
      const wall = median(runs.map((r) => r.wall));
      walls[`${rows} ${name}`] = wall;
      say(`| ${rows.toLocaleString('en')} | \`equity ${name}\` | ${fmt.s(wall)} | ${fmt.s(median(runs.map((r) => r.cpu)))} | ${fmt.mib(median(runs.map((r) => r.rss)))} |`);
    }
  }
  say();
  for (const name of ['--by region', '--by region --bootstrap 20']) {
    say(`- \`${name}\`: 1M ÷ 100k wall = ${(walls[`1000000 ${name}`] / walls[`100000 ${name}`]).toFixed(1)} (linear is 10 or less: start-up and the reading weigh more at 100k; n² pairs would be 100)`);
  }
  replaceSection('## `equity --by region` (GE, Atkinson, Dagum)', section);
}
