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

// keep imports used by later blocks
void openSync; void closeSync; void symlinkSync; void runCli;
