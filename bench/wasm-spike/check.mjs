// The kernel checked against svc-stats itself: a differential property over registers that break the kernel's
// easy case (cells in quotes, a carriage return, blanks around a count, blank lines, a repeated unit, blocks
// that end inside a line or a quote). The sums of `node run.mjs` must equal those of
// `svc-stats coverage --by province --rows-are communities -i communities,...`, row for row; where svc-stats
// refuses the file (a repeated unit with --check-units) the spike must refuse it too.
// Usage: node check.mjs [RUNS]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

const ROOT = new URL('../../', import.meta.url).pathname;
const SVC = join(ROOT, 'bin', 'svc-stats.js');
const RUN = new URL('./run.mjs', import.meta.url).pathname;
const HEADER = 'province,region,city,community_id,urban_population,committee_members,service_centers,service_facilities,volunteers';
const PROVINCES = [['北京', '东部'], ['河北', '东部'], ['山西', '中部'], ['内蒙古', '西部'], ['广东', '东部'], ['新疆', '西部']];
const dir = mkdtempSync(join(tmpdir(), 'wasm-spike-'));

const cellArb = fc.record({ quoted: fc.boolean(), padded: fc.integer({ min: 0, max: 9 }) });
const rowArb = fc.record({
  province: fc.nat(PROVINCES.length - 1),
  city: fc.integer({ min: 1, max: 4 }),
  counts: fc.tuple(fc.nat(20000), fc.nat(12), fc.nat(1), fc.nat(8), fc.nat(80)),
  cells: fc.array(cellArb, { minLength: 9, maxLength: 9 }),
  crlf: fc.integer({ min: 0, max: 19 }),
  blankAfter: fc.integer({ min: 0, max: 29 }),
});
const fileArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 120 }),
  repeat: fc.option(fc.nat(1000), { nil: undefined }),
  block: fc.constantFrom(1 << 20, 13, 64, 257),
  final: fc.boolean(),
});

const render = ({ rows, repeat, final }) => {
  let text = `${HEADER}\n`;
  rows.forEach((row, index) => {
    const [name, region] = PROVINCES[row.province];
    // the code repeats that of an earlier row when `repeat` picks one: the same unit twice
    const code = repeat !== undefined && index > 0 && repeat % rows.length === index ? `C${String(index - 1).padStart(7, '0')}` : `C${String(index).padStart(7, '0')}`;
    const earlier = repeat !== undefined && index > 0 && repeat % rows.length === index ? rows[index - 1] : row;
    const [en, er] = PROVINCES[earlier.province];
    const values = [en, er, `${en}${earlier.city}市`, code, ...row.counts.map(String)];
    void name; void region;
    const cells = values.map((value, at) => {
      const { quoted, padded } = row.cells[at];
      // a count may carry a blank around it (1 in 10); any cell may be quoted
      const spaced = at >= 4 && padded === 0 ? ` ${value} ` : value;
      return quoted ? `"${spaced}"` : spaced;
    });
    text += cells.join(',') + (row.crlf === 0 ? '\r\n' : '\n');
    if (row.blankAfter === 0) text += '\n';
  });
  return final ? text : text.replace(/\r?\n$/, '');
};

/** group, units and the four sums of each row, sorted: the columns both print (communities only with --rows-are). */
const sums = (csv) => {
  const [head, ...rows] = csv.trim().split('\n').map((line) => line.split(','));
  const keep = ['group', 'units', 'urban_population', 'committee_members', 'service_centers', 'service_facilities'].map((name) => head.indexOf(name));
  return rows.map((row) => keep.map((at) => row[at]).join(',')).sort().join('\n');
};
let runs = 0;
fc.assert(fc.property(fileArb, (input) => {
  runs += 1;
  const file = join(dir, `r${runs}.csv`);
  writeFileSync(file, render(input));
  for (const check of [false, true]) {
    const ours = spawnSync(process.execPath, [RUN, file, ...(check ? ['--check-units'] : [])], { env: { ...process.env, SPIKE_BLOCK: String(input.block) } });
    const theirs = spawnSync(process.execPath, [SVC, 'coverage', file, '--by', 'province', ...(check ? [] : ['--rows-are', 'communities']), '-q',
      '-i', `${check ? '' : 'communities,'}urban_population,committee_members,service_centers,service_facilities`, '-f', 'csv']);
    if (theirs.status !== 0) {
      if (ours.status === 0) throw new Error(`svc-stats refused ${file} (${theirs.stderr}) and the spike did not`);
      continue;
    }
    if (ours.status !== 0) throw new Error(`the spike refused ${file}: ${ours.stderr}`);
    if (sums(ours.stdout.toString()) !== sums(theirs.stdout.toString())) {
      throw new Error(`${file}${check ? ' --check-units' : ''}: spike\n${sums(ours.stdout.toString())}\nsvc-stats\n${sums(theirs.stdout.toString())}`);
    }
  }
}), { numRuns: Number(process.argv[2] ?? 60), seed: 23 });
rmSync(dir, { recursive: true });
console.log(`${runs} registers: the kernel's sums equal svc-stats' (with and without the repeated-unit check)`);
void execFileSync;
