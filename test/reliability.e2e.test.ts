/**
 * Issue 19, "nothing lost, nothing silent", through the built binary: no input overwritten by -o, every readable
 * stream read, limits instead of stack overflows, strict options, sanitised messages. Each case asserts the exit
 * code, the message and the files left on disk.
 */
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, scratchDir } from './helpers.js';

const DATA = readFileSync(join(ROOT, 'data', '2005.csv'));
const FIGURES = readFileSync(join(ROOT, 'fixtures', 'verify', 'report-2005-tables.csv'));

/** A bash command line, for what only a shell spells: `< file`, `<(…)`, a FIFO, `| … /dev/stdin`. */
function shell(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', script], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'], LANG: 'C', SVC: `${process.execPath} ${BIN}` },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder holding same.csv (data/2005.csv), fig.csv (its published figures) and cat.json (an empty catalogue). */
function folderWithInputs(): string {
  const folder = scratchDir();
  writeFileSync(join(folder, 'same.csv'), DATA);
  writeFileSync(join(folder, 'fig.csv'), FIGURES);
  writeFileSync(join(folder, 'cat.json'), '{}\n');
  return folder;
}

function expectUntouched(folder: string): void {
  expect(readFileSync(join(folder, 'same.csv'))).toEqual(DATA);
  expect(readFileSync(join(folder, 'fig.csv'))).toEqual(FIGURES);
  expect(readFileSync(join(folder, 'cat.json'), 'utf8')).toBe('{}\n');
  // no temporary file left beside them
  expect(readdirSync(folder).filter((name) => !['same.csv', 'fig.csv', 'cat.json', 'link.csv'].includes(name))).toEqual([]);
}

describe('-o is never a file the run reads (by device and inode)', () => {
  const cases: [string, string, RegExp][] = [
    ['standard input redirected from the output', '$SVC coverage - -o same.csv < same.csv', /^svc-stats: same\.csv: is also an input file \(standard input\)/],
    ['-o /dev/stdin', '$SVC coverage - -o /dev/stdin < same.csv', /^svc-stats: \/dev\/stdin: is also an input file \(standard input\)/],
    ['-o /proc/self/fd/0', '$SVC coverage - -o /proc/self/fd/0 < same.csv', /^svc-stats: \/proc\/self\/fd\/0: is also an input file/],
    ['/dev/stdin as the input', '$SVC coverage /dev/stdin -o same.csv < same.csv', /^svc-stats: same\.csv: is also an input file \(\/dev\/stdin\)/],
    ['verify --expected - onto the figures', '$SVC verify same.csv --expected - -o fig.csv < fig.csv', /^svc-stats: fig\.csv: is also an input file \(standard input\)/],
    ['verify --expected FILE onto it', '$SVC verify same.csv --expected fig.csv -o fig.csv', /^svc-stats: fig\.csv: is also an input file \(fig\.csv\)/],
    ['coverage onto --indicators-file', '$SVC coverage same.csv --indicators-file cat.json -o cat.json', /^svc-stats: cat\.json: is also an input file \(cat\.json\)/],
    ['report onto --indicators-file', '$SVC report same.csv --indicators-file cat.json -o cat.json', /^svc-stats: cat\.json: is also an input file \(cat\.json\)/],
    ['chart onto --indicators-file', '$SVC chart same.csv --indicator population_per_community --indicators-file cat.json -o cat.json', /is also an input file \(cat\.json\)/],
    ['a symlink to the input', 'ln -s same.csv link.csv && $SVC coverage same.csv -o link.csv', /^svc-stats: link\.csv: is also an input file \(same\.csv\)/],
    ['the input through a symlink', 'ln -s same.csv link.csv && $SVC compare link.csv fig.csv -o same.csv', /^svc-stats: same\.csv: is also an input file \(link\.csv\)/],
    ['a hard link', 'ln same.csv hard.csv && $SVC describe hard.csv -o same.csv; s=$?; rm hard.csv; exit $s', /^svc-stats: same\.csv: is also an input file \(hard\.csv\)/],
    ['equity', '$SVC equity - -i population_per_community -o same.csv < same.csv', /is also an input file \(standard input\)/],
  ];
  it.each(cases)('%s: exit 2, both named, nothing written', (_name, script, message) => {
    const folder = folderWithInputs();
    const run = shell(script, folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expectUntouched(folder);
  });

  it('standard input named twice (data and --indicators-file) is refused before either is read', () => {
    const folder = folderWithInputs();
    const run = shell('$SVC coverage - --indicators-file /dev/stdin < same.csv', folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('svc-stats: standard input is given twice (- and /dev/stdin) and can be read only once (save one of them to a file)\n');
  });

  it('standard input that is another file is read and the output written', () => {
    const folder = folderWithInputs();
    const run = shell('$SVC coverage - -i population_per_community -o out.csv < same.csv', folder);
    expect(run.status).toBe(0);
    expect(readFileSync(join(folder, 'out.csv'), 'utf8')).toContain('全国,2005,79947,562120000,7031');
  });
});

describe('every readable stream is read, in one pass', () => {
  const want = '全国,2005,79947,562120000,7031';
  const cases: [string, string][] = [
    ['process substitution', '$SVC coverage <(cat same.csv) -i population_per_community'],
    ['a pipe into /dev/stdin', 'cat same.csv | $SVC coverage /dev/stdin -i population_per_community'],
    ['a FIFO', 'mkfifo f && (cat same.csv > f &) && $SVC coverage f -i population_per_community; rm -f f'],
    ['--by on a pipe', '$SVC coverage <(cat same.csv) -i population_per_community --by 年份'],
    ['compare of two pipes', '$SVC compare <(cat same.csv) <(cat same.csv) -i population_per_community -f csv'],
    ['--indicators-file <(…)', '$SVC coverage same.csv --indicators-file <(echo "{}") -i population_per_community'],
    ['--expected <(…)', '$SVC verify <(cat same.csv) --expected <(cat fig.csv) -f csv'],
  ];
  it.each(cases)('%s', (name, script) => {
    const folder = folderWithInputs();
    const run = shell(script, folder);
    expect(run.stderr).not.toMatch(/ESPIPE|internal error|empty/);
    expect(run.status).toBe(0);
    if (name.startsWith('--expected')) expect(run.stdout).toContain('match');
    else if (name.startsWith('compare')) expect(run.stdout).toContain('全国,population_per_community,7031,7031');
    else expect(run.stdout).toContain(name.startsWith('--by') ? 'year,units' : want);
  });

  it('verify --check-totals of a pipe', () => {
    const run = shell(`$SVC verify <(cat ${join(ROOT, 'data', 'provinces-2009-divisions.csv')}) --check-totals -f csv`, scratchDir());
    expect(run.stderr).not.toMatch(/empty|internal/);
    expect(run.stdout).toContain('subdistricts');
  });

  it('an .xlsx workbook through a pipe', () => {
    const run = shell(`$SVC coverage <(cat ${join(ROOT, 'fixtures', 'xlsx', 'yearbook-2008.xlsx')}) -i population_per_community -f csv`, scratchDir());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('全国,130378,980650000,7522');
  });

  it('report, which reads each input several times, refuses a pipe with a message', () => {
    const folder = folderWithInputs();
    const run = shell('$SVC report <(cat same.csv) -o r.html', folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^svc-stats: \/dev\/fd\/\d+: report reads each input several times, and standard input or a pipe only once/);
    expect(existsSync(join(folder, 'r.html'))).toBe(false);
  });
});

/** A catalogue with one indicator x of this formula. */
function formulaCatalogue(formula: string): string {
  return JSON.stringify({ indicators: [{ id: 'x', label: { zh: 'x', en: 'x' }, unit: { zh: '个', en: 'units' }, formula, decimals: 2 }] });
}

describe('adversarial families: a coded error or a result, never exit 70 nor a stack trace', () => {
  const huge = '9'.repeat(320);
  const families: [string, () => { args: string[]; files: Record<string, string>; input?: string }, number, RegExp][] = [
    ['a formula nested 10,000 deep', () => ({ args: ['coverage', 'same.csv', '--indicators-file', 'f.json', '-i', 'x'], files: { 'f.json': formulaCatalogue(`${'('.repeat(10_000)}communities${')'.repeat(10_000)}`) } }), 2, /formula: a formula has at most 1000 characters, and this one 20011/],
    ['10,000 unary minuses', () => ({ args: ['coverage', 'same.csv', '--indicators-file', 'f.json'], files: { 'f.json': formulaCatalogue(`${'-'.repeat(10_000)}communities`) } }), 2, /formula: a formula has at most 1000 characters/],
    ['50,000 additions', () => ({ args: ['indicators', '--indicators-file', 'f.json'], files: { 'f.json': formulaCatalogue(Array(50_000).fill('communities').join('+')) } }), 2, /formula: a formula has at most 1000 characters/],
    ['40 parentheses', () => ({ args: ['describe', 'same.csv', '--indicators-file', 'f.json'], files: { 'f.json': formulaCatalogue(`${'('.repeat(40)}communities${')'.repeat(40)}`) } }), 2, /a formula nests parentheses and signs at most 32 deep at character 33/],
    ['33 signs', () => ({ args: ['describe', 'same.csv', '--indicators-file', 'f.json'], files: { 'f.json': formulaCatalogue(`communities*${'-'.repeat(33)}1`) } }), 2, /at most 32 deep/],
    ['a JSON catalogue nested 100,000 deep (arrays)', () => ({ args: ['coverage', 'same.csv', '--indicators-file', 'f.json'], files: { 'f.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}` } }), 2, /^svc-stats: f\.json:1: arrays and objects nest at most 32 deep in a catalogue file$/],
    ['a JSON catalogue nested 100,000 deep (objects)', () => ({ args: ['report', 'same.csv', '-o', 'r.html', '--indicators-file', 'f.json'], files: { 'f.json': `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}` } }), 2, /nest at most 32 deep/],
    ['a catalogue of 2 MiB', () => ({ args: ['measures', '--indicators-file', 'f.json'], files: { 'f.json': `${' '.repeat(2 << 20)}{}` } }), 2, /a catalogue file holds at most 1,048,576 characters, and this one 2,097,154/],
    ['a chart value above 1.8e308', () => ({ args: ['chart', 'big.csv', '--indicator', 'urban_population', '-o', 'c.svg'], files: { 'big.csv': `地区,社区数,城镇人口\n甲,1,${huge}\n乙,2,3\n` } }), 2, /urban population: '99,999.*' is beyond the largest value a chart draws \(1\.8e308\)/],
    ['a ratio above 1.8e308 in a PNG chart', () => ({ args: ['chart', 'big.csv', '--indicator', 'population_per_community', '-o', 'c.png'], files: { 'big.csv': `地区,社区数,城镇人口\n甲,1,${huge}\n乙,2,3\n` } }), 2, /is beyond the largest value a chart draws/],
    ['a catalogue through a pipe', () => ({ args: ['coverage', 'same.csv', '--indicators-file', '/dev/stdin', '-i', 'population_per_community'], files: {}, input: '{}' }), 0, /^$/],
  ];
  it.each(families)('%s', (_name, make, status, message) => {
    const folder = folderWithInputs();
    const { args, files, input } = make();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    const run = runCli(args, { cwd: folder, input: input ?? '' });
    expect(run.stderr).not.toMatch(/internal error|\n\s+at |RangeError|TypeError/);
    expect(run.status).toBe(status);
    expect(run.stderr.replace(/^svc-stats: (warning: )?.*no unit in the header.*\n/gm, '').trim()).toMatch(message);
    // nothing written on a refusal
    if (status === 2) expect(readdirSync(folder).filter((name) => /^(c\.svg|c\.html|r\.html)$/.test(name))).toEqual([]);
  });

  it('a formula just under the limits is computed, exactly', () => {
    const folder = folderWithInputs();
    // 83 × 79947 communities, 995 characters; 32 parentheses
    writeFileSync(join(folder, 'sum.json'), formulaCatalogue(Array(83).fill('communities').join('+')));
    writeFileSync(join(folder, 'deep.json'), formulaCatalogue(`${'('.repeat(32)}communities${')'.repeat(32)}`));
    expect(runCli(['coverage', 'same.csv', '--indicators-file', 'sum.json', '-i', 'x', '-f', 'csv'], { cwd: folder }).stdout).toContain(`79947,${83 * 79947}.00`);
    expect(runCli(['coverage', 'same.csv', '--indicators-file', 'deep.json', '-i', 'x', '-f', 'csv'], { cwd: folder }).stdout).toContain('79947,79947.00');
  });
});

describe('messages show what is in the input, never act on it', () => {
  it('ESC and a zero-width space in a file name are shown as U+XXXX', () => {
    const folder = folderWithInputs();
    const name = 'a\u001b[31mred\u200b.csv';
    writeFileSync(join(folder, name), '地区,社区数\n甲,abc\n');
    const run = runCli(['coverage', name], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("svc-stats: aU+001B[31mredU+200B.csv:2:2: 社区数: 'abc' is not a number\n");
  });

  it('a right-to-left override in a cell, in an error and in a note', () => {
    const folder = folderWithInputs();
    writeFileSync(join(folder, 'rtl.csv'), '地区,社区数（个）,城镇人口（人）\n甲\u202e乙,1,2\n全国,1,2\n');
    const byRegion = runCli(['coverage', 'rtl.csv', '--by', 'region'], { cwd: folder });
    expect(byRegion.status).toBe(2);
    expect(byRegion.stderr).toContain("'甲U+202E乙' is not a province");
    const warned = runCli(['coverage', 'rtl.csv', '-f', 'csv'], { cwd: folder });
    expect(warned.stderr).toContain('甲U+202E乙 (line 2)');
    expect(warned.stderr).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b\u001b]/);
  });

  it('markdown escapes HTML and Markdown marks in cells', () => {
    const folder = folderWithInputs();
    writeFileSync(join(folder, 'md.csv'), '地区,社区数（个）,城镇人口（人）\n<script>alert(1)</script>,1,2000\n*a*|b_[c],3,3000\n');
    const run = runCli(['coverage', 'md.csv', '-f', 'md', '-q'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| &lt;script&gt;alert(1)&lt;/script&gt; |');
    expect(run.stdout).toContain('| \\*a\\*\\|b\\_\\[c\\] |');
    expect(run.stdout).not.toContain('<script>');
  });

  it('a note quoting a 40,000-character label is cut to 1000 characters (all of it under --verbose)', () => {
    const folder = folderWithInputs();
    writeFileSync(join(folder, 'long.csv'), `地区,社区数（个）,城镇人口（人）\n北京${'长'.repeat(40_000)},1,2\n天津,2,3\n`);
    const run = runCli(['coverage', 'long.csv', '-f', 'csv'], { cwd: folder });
    expect(run.status).toBe(0);
    for (const line of run.stderr.split('\n')) expect([...line].length).toBeLessThanOrEqual(1000 + 'svc-stats: '.length);
    expect(runCli(['coverage', 'long.csv', '-f', 'csv', '--verbose'], { cwd: folder }).stderr).toContain('长'.repeat(40_000));
  });

  it('an .xlsx cell is cut at 32,767 characters, with a note on stderr and in the notes sheet', async () => {
    const folder = folderWithInputs();
    writeFileSync(join(folder, 'long.csv'), `地区,社区数（个）,城镇人口（人）\n北京${'长'.repeat(40_000)},1,2\n天津,2,3\n`);
    const run = runCli(['coverage', 'long.csv', '-o', 'long.xlsx', '-i', 'population_per_community'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('svc-stats: 1 cell cut to 32,767 characters, the most an Excel cell holds');
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, 'long.xlsx'));
    const texts = workbook.worksheets.flatMap((sheet) => {
      const found: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => void found.push(String(cell.value))));
      return found;
    });
    expect(Math.max(...texts.map((text) => text.length))).toBe(32_767);
    expect(texts.find((text) => text.startsWith('北京'))).toBe(`北京${'长'.repeat(32_764)}…`);
    expect(texts.some((text) => text.startsWith('1 cell cut to 32,767 characters'))).toBe(true);
  });
});

describe('strict options: what would be ignored or doubled is refused, exit 2', () => {
  const divisions = join(ROOT, 'data', 'provinces-2009-divisions.csv');
  const cases: [string, string[], RegExp][] = [
    ['-i a,a', ['coverage', 'data/2005.csv', '-i', 'population_per_community,population_per_community'], /'population_per_community' is given twice \(each id once\)/],
    ['describe -i a,a', ['describe', 'data/2005.csv', '-i', 'communities,communities'], /'communities' is given twice/],
    ['--by region,region', ['coverage', divisions, '--by', 'region,region'], /^svc-stats: --by region,region: 'region' is given twice \(name each column once\)$/],
    ['--by 地区,地区 on compare', ['compare', divisions, divisions, '--by', '地区,地区'], /'地区' is given twice/],
    ['--regions without --by', ['coverage', divisions, '--regions', 'four'], /^svc-stats: --regions four has no effect without --by region/],
    ['--regions with --by 年份', ['describe', divisions, '--by', '年份', '--regions', 'four'], /--regions four has no effect without --by region/],
    ['--tolerance with --check-totals', ['verify', divisions, '--check-totals', '--tolerance', '1'], /^svc-stats: --tolerance applies to --expected figures; --check-totals compares exact sums/],
    ['describe -i of an indicator that cannot be computed', ['describe', divisions, '-i', 'population_per_community'], /^svc-stats: no indicator can be computed: .*provinces-2009-divisions\.csv has only subdistricts, districts \(left out, measures missing/],
    ['equity -i of an indicator that cannot be computed', ['equity', divisions, '-i', 'population_per_community', '--weight', 'none'], /^svc-stats: no indicator can be computed/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const folder = scratchDir();
    const run = runCli([...args, '-o', join(folder, 'out.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(message);
    expect(run.stdout).toBe('');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('what coverage computes, describe describes, and --regions four with --by region is taken', () => {
    expect(runCli(['describe', divisions, '-f', 'csv', '-q']).stdout).toContain('subdistricts,31,0,');
    const four = runCli(['describe', divisions, '--by', 'region', '--regions', 'four', '-f', 'csv', '-q']);
    expect(four.status).toBe(0);
    expect(four.stdout).toContain('东北');
  });
});

describe('the second attack: options that wrote the wrong thing or were ignored', () => {
  const divisions = join(ROOT, 'data', 'provinces-2009-divisions.csv');
  const provinces = join(ROOT, 'fixtures', 'synthetic', 'provinces-31.csv');
  // each run is given the scratch folder as its working directory: what it leaves there is all it wrote
  const cases: [string, string[], RegExp][] = [
    ['coverage --chart -o bars.xlsx', ['coverage', join(ROOT, 'data', '2005.csv'), '--chart', '-o', 'bars.xlsx'], /^svc-stats: bars\.xlsx: --chart draws terminal bars as text, not \.xlsx/],
    ['describe --chart -o bars.json', ['describe', provinces, '--chart', '-o', 'bars.json'], /--chart draws terminal bars as text, not \.json/],
    ['compare --chart -f csv', ['compare', provinces, '--chart', '-f', 'csv'], /^svc-stats: --chart draws terminal bars as text, not csv/],
    ['--order without --rank, one file read row by row', ['coverage', join(ROOT, 'data', '2005.csv'), '--order', 'desc'], /^svc-stats: --order needs --rank \(add --rank\)$/],
    ['--order without --rank on compare', ['compare', provinces, '--order', 'asc'], /^svc-stats: --order needs --rank/],
    ['-o given twice', ['coverage', join(ROOT, 'data', '2005.csv'), '-o', 'a.csv', '-o', 'b.csv'], /-o is given twice \(first a\.csv\): give it once$/],
    ['-f given twice', ['coverage', join(ROOT, 'data', '2005.csv'), '-f', 'csv', '-f', 'json'], /-f is given twice \(first csv\): give it once$/],
    ['-o empty', ['coverage', join(ROOT, 'data', '2005.csv'), '-o', ''], /argument '' is invalid\. expected a file name \(- for standard output\)$/],
    ['chart -o given twice', ['chart', provinces, '-o', 'a.svg', '-o', 'b.svg'], /-o is given twice \(first a\.svg\)/],
    ['--sigma-chart -', ['convergence', provinces, '-i', 'population_per_community', '--sigma-chart', '-'], /expected a file name ending \.svg or \.png \(standard output carries the table\)$/],
    ['--sigma-chart of a table format, found before the computing', ['convergence', provinces, '-i', 'population_per_community', '--sigma-chart', 'sigma.csv'],
      /^svc-stats: sigma\.csv: \.csv \(csv\) is written by the table commands/],
    ['--sigma-chart and -o the same file', ['convergence', provinces, '-i', 'population_per_community', '--sigma-chart', 'same.svg', '-o', 'same.svg'], /same\.svg/],
    ['--tolerance of a negative exponent form', ['verify', divisions, '--expected', join(ROOT, 'fixtures', 'verify', 'report-2005-tables.csv'), '--tolerance', '-1e-2'], /expected a non-negative number$/],
  ];
  it.each(cases)('%s: exit 2, one line, nothing written', (_name, args, message) => {
    const folder = scratchDir();
    const run = runCli(args, { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stdout).toBe('');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('--chart -o bars.txt writes the bars, and -o - is standard output', () => {
    const folder = scratchDir();
    const run = runCli(['coverage', join(ROOT, 'data', '2005.csv'), '--chart', '-o', 'bars.txt'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(readdirSync(folder)).toEqual(['bars.txt']);
    expect(readFileSync(join(folder, 'bars.txt'), 'utf8')).toMatch(/^population per community \(persons\)\n全国 +7,031/);
    const dash = runCli(['coverage', join(ROOT, 'data', '2005.csv'), '-o', '-', '-i', 'population_per_community'], { cwd: folder });
    expect(dash.stdout).toBe('unit,year,communities,urban_population,population_per_community\n全国,2005,79947,562120000,7031\n');
    expect(readdirSync(folder)).toEqual(['bars.txt']);
  });

  it('--tolerance takes the exponent form, exactly as the decimal', () => {
    const args = ['verify', join(ROOT, 'fixtures', 'extracts', 'national-2007-2009.csv'), '--expected', join(ROOT, 'fixtures', 'extracts', 'figures-year-only.csv'), '--rounding', 'half-even', '-f', 'csv'];
    const exponent = runCli([...args, '--tolerance', '1e-2']);
    expect(exponent.status).toBe(0);
    expect(exponent.stdout).toBe(runCli([...args, '--tolerance', '0.01']).stdout);
    expect(exponent.stdout).toContain(',match,');
    // 1e-3 is tighter than 0.01: a figure within 0.01 and not within 0.001 tells them apart, if the fixture has one
    expect(runCli([...args, '--tolerance', '1E-3']).status).not.toBe(2);
  });

  describe('a blank year above the first year is refused, never an empty-year unit that --year and compare drop', () => {
    const header = '地区,年份,社区数（个）,城镇人口（万人）,社区服务中心数（个）\n';
    const table = `${header}北京,,100,200,10\n北京,2008,100,200,10\n天津,2008,50,100,5\n北京,2009,110,210,11\n天津,,55,105,6\n`;
    const message = /^svc-stats: .*blank-year\.csv:2:2: no year, while line 3 below has 2008 \(a blank year is filled down from a row above; no row above this one has a year\)/;
    const runs: [string, string[], NodeJS.ProcessEnv][] = [
      ['compare', ['compare', 'blank-year.csv'], {}],
      ['coverage --year 2009', ['coverage', 'blank-year.csv', '--year', '2009'], {}],
      ['coverage', ['coverage', 'blank-year.csv'], {}],
      ['coverage --by region, in parallel byte ranges', ['coverage', 'blank-year.csv', '--by', 'region'], { SVC_STATS_PARALLEL_MIN_BYTES: '1', SVC_STATS_THREADS: '2' }],
    ];
    it.each(runs)('%s', (_name, args, env) => {
      const folder = scratchDir();
      writeFileSync(join(folder, 'blank-year.csv'), table);
      const run = runCli(args, { cwd: folder, env });
      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toMatch(message);
      expect(run.stdout).toBe('');
    });

    it('a year filled down from above, and a table whose year column is blank throughout, are read', () => {
      const folder = scratchDir();
      writeFileSync(join(folder, 'filled.csv'), `${header}北京,2008,100,200,10\n天津,,50,100,5\n`);
      expect(runCli(['coverage', 'filled.csv', '-i', 'population_per_community'], { cwd: folder }).stdout)
        .toBe('unit,year,communities,urban_population,population_per_community\n北京,2008,100,2000000,20000\n天津,2008,50,1000000,20000\n');
      writeFileSync(join(folder, 'none.csv'), `${header}北京,,100,200,10\n天津,,50,100,5\n`);
      const none = runCli(['coverage', 'none.csv', '-i', 'population_per_community'], { cwd: folder });
      expect(none.status).toBe(0);
      expect(none.stdout).toBe('unit,year,communities,urban_population,population_per_community\n北京,,100,2000000,20000\n天津,,50,1000000,20000\n');
    });
  });
});

describe('amounts exact or refused', () => {
  const catalogue = JSON.stringify({
    measures: [{ id: 'funding', names: ['资金'], label: { zh: '资金', en: 'funding' }, unit: { zh: '元', en: 'yuan' }, kind: 'amount' }],
    indicators: [{ id: 'funding_per_community', label: { zh: '每社区资金', en: 'funding per community' }, formula: 'funding / communities', unit: { zh: '元', en: 'yuan' }, decimals: 4 }],
  });
  const table = (beijing: string): string => `地区,社区数（个）,资金（元）\n北京,3,${beijing}\n天津,7,0.1\n`;
  function folderWith(beijing: string): string {
    const folder = scratchDir();
    writeFileSync(join(folder, 'amt.json'), catalogue);
    writeFileSync(join(folder, 'amt.csv'), table(beijing));
    return folder;
  }
  const args = (command: string, id: string): string[] => [command, 'amt.csv', '--indicators-file', 'amt.json', '-i', id, '-f', 'csv', '-q'];

  it('coverage keeps an amount of 31 digits exact through a sum and a ratio', () => {
    const folder = folderWith('123456789012345678901234567890.5');
    expect(runCli(args('coverage', 'funding_per_community'), { cwd: folder }).stdout).toContain('北京,3,123456789012345678901234567890.5,41152263004115226300411522630.1667');
    const summed = runCli([...args('coverage', 'funding_per_community'), '--by', 'region'], { cwd: folder });
    expect(summed.stdout).toContain('东部,2,10,123456789012345678901234567890.6,12345678901234567890123456789.0600');
  });

  it('describe prints a double statistic with 15 significant digits, never its binary expansion', () => {
    const run = runCli(args('describe', 'funding'), { cwd: folderWith('1234567890123456789012345.5') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('funding,2,0,6.17283945061728e+23,');
    expect(run.stdout).not.toMatch(/\d{16}/);
  });

  const refusals: [string, string, string, RegExp][] = [
    ['describe, beyond 1e300', 'describe', `1${'0'.repeat(301)}`, /^svc-stats: amt\.csv: funding of 北京 is too large for describe's statistics, which are computed in doubles \(beyond 1e300\)/],
    ['equity, beyond 1e300', 'equity', `1${'0'.repeat(301)}`, /funding of 北京 is too large for equity's statistics/],
    ['describe, 1e-331', 'describe', `0.${'0'.repeat(330)}1`, /^svc-stats: amt\.csv: funding of 北京 is too small for describe's statistics, which are computed in doubles \(non-zero below 1e-300\)/],
    ['equity, 1e-331 in a ratio', 'equity', `0.${'0'.repeat(330)}1`, /funding_per_community of 北京 is too small for equity's statistics/],
  ];
  it.each(refusals)('%s: exit 2 with a message, no figure', (_name, command, beijing, message) => {
    const run = runCli(args(command, command === 'equity' && beijing.startsWith('0.') ? 'funding_per_community' : 'funding'), { cwd: folderWith(beijing) });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('coverage computes the same 1e-331 exactly', () => {
    const run = runCli(args('coverage', 'funding_per_community'), { cwd: folderWith(`0.${'0'.repeat(330)}1`) });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`北京,3,0.${'0'.repeat(330)}1,0.0000`);
  });
});

void openSync; void closeSync; void symlinkSync; void existsSync;
