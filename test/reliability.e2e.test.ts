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

void openSync; void closeSync; void symlinkSync; void existsSync;
