import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, fixture, runCli, runJson, scratchDir } from './helpers.js';

interface BadCase {
  name: string;
  args: string[];
  stdin?: string;
  exit: number;
  stderr: string;
}

const BAD_CASES = JSON.parse(readFileSync(fixture('bad/cases.json'), 'utf8')) as BadCase[];

describe('bad input: one line on stderr, exit 2, nothing on stdout (fixtures/bad/cases.json)', () => {
  it('has at least 30 cases', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_CASES.map((badCase) => [badCase.name, badCase] as const))('%s', (_name, badCase) => {
    const run = runCli(badCase.args, { input: badCase.stdin ?? '' });
    expect(run.stderr).toBe(badCase.stderr);
    expect(run.status).toBe(badCase.exit);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(run.stderr).toMatch(/^svc-stats: /);
    expect([...run.stderr.trimEnd()].length).toBeLessThanOrEqual(300);
  });
});

describe('odd but valid input: exit 0, right numbers', () => {
  const header = '地区,社区数（个）,城镇人口（万人）';
  const expected = { unit: '北京', communities: 2000, urban_population: 12000000, population_per_community: 6000 };
  const cases: [string, string | Buffer][] = [
    ['CRLF', `${header}\r\n北京,2000,1200\r\n`],
    ['CR-only line ends', `${header}\r北京,2000,1200\r`],
    ['no final newline', `${header}\n北京,2000,1200`],
    ['BOM with CRLF', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\r\n北京,2000,1200\r\n`)])],
    ['mixed line ends', `${header}\r\n北京,2000,1200\n`],
    ['blank lines and a row of empty cells', `${header}\n\n北京,2000,1200\n,,\n`],
    ['thousands separators and blanks', `${header}\n北京," 2,000 ", 1200 \n`],
  ];

  it.each(cases)('%s', (_name, input) => {
    const run = runCli(['coverage', '-', '-i', 'population_per_community', '-f', 'json'], { input });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expected]);
  });

  it('a 1 MB label', () => {
    const label = '街'.repeat(1 << 20);
    const run = runCli(['coverage', '-', '-i', 'population_per_community', '-f', 'ndjson'], { input: `${header}\n${label},2000,1200\n` });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ unit: label, population_per_community: 6000 });
  });

  it('a column of only missing values', () => {
    const run = runCli(['coverage', '-', '-f', 'json', '-i', 'population_per_community,centers_per_community'], {
      input: '地区,社区数,城镇人口,社区服务中心数\n甲,10,100,…\n乙,20,300,—\n',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { unit: '甲', communities: 10, urban_population: 100, service_centers: null, population_per_community: 10, centers_per_community: null },
      { unit: '乙', communities: 20, urban_population: 300, service_centers: null, population_per_community: 15, centers_per_community: null },
    ]);
  });

  it('zero denominators everywhere: missing results and one note', () => {
    const run = runCli(['coverage', '-', '-f', 'csv', '-i', 'population_per_community,centers_per_community'], {
      input: '地区,社区数,城镇人口,社区服务中心数\n甲,0,100,1\n乙,0,300,2\n',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('unit,communities,urban_population,service_centers,population_per_community,centers_per_community\n甲,0,100,1,,\n乙,0,300,2,,\n');
    expect(run.stderr).toBe('svc-stats: <stdin>: no unit in the header of 社区数, 城镇人口, 社区服务中心数: read in base units (个, 人, 个)\n'
      + 'svc-stats: values left missing because their denominator is zero: population_per_community (甲, 乙); centers_per_community (甲, 乙)\n');
  });

  it('an integer beyond 2^53 stays exact', () => {
    const [row] = runJson(['coverage', '-', '-i', 'population_per_community'], {
      input: 'unit,communities,urban_population\nA,3,123456789012345678901234\n',
    });
    const raw = runCli(['coverage', '-', '-i', 'population_per_community', '-f', 'csv'], {
      input: 'unit,communities,urban_population\nA,3,123456789012345678901234\n',
    }).stdout;
    expect(raw).toBe('unit,communities,urban_population,population_per_community\nA,3,123456789012345678901234,41152263004115226300411\n');
    expect(row).toBeDefined();
  });
});

describe('exports are safe to open in a spreadsheet', () => {
  const input = '地区,社区数,城镇人口\n=SUM(A1),1,10\n+1,2,20\n@cmd,3,30\n-2,4,40\n  =x,5,50\n＝全角,6,60\n正常,7,70\n';

  it('neutralises formula-like labels in csv and tsv, never numbers', () => {
    const csv = runCli(['coverage', '-', '-f', 'csv', '-i', 'population_per_community'], { input }).stdout;
    expect(csv.split('\n').slice(1, 8)).toEqual([
      "'=SUM(A1),1,10,10", "'+1,2,20,10", "'@cmd,3,30,10", "'-2,4,40,10", // '  =x' is read trimmed, as every label
      "'=x,5,50,10", "'＝全角,6,60,10", '正常,7,70,10',
    ]);
    const tsv = runCli(['coverage', '-', '-f', 'tsv', '-i', 'population_per_community'], { input }).stdout;
    expect(tsv.split('\n')[1]).toBe("'=SUM(A1)\t1\t10\t10");
  });

  it('keeps a negative number a number', () => {
    const run = runCli(['compare', '-', fixture('good/2005-english.csv'), '-i', 'population_per_community', '-f', 'csv'], {
      input: 'unit,communities,urban_population\nChina,70000,600000000\n',
    });
    // 8571 → 7031: the change is written -1540, not '-1540
    expect(run.stdout.split('\n')[1]).toBe('China,population_per_community,8571,7031,-1540,-17.97');
  });

  it('--raw turns neutralisation off', () => {
    const csv = runCli(['coverage', '-', '-f', 'csv', '--raw', '-i', 'population_per_community'], { input }).stdout;
    expect(csv.split('\n')[1]).toBe('=SUM(A1),1,10,10');
  });

  it('JSON and Markdown escape what they must', () => {
    const json = runJson(['coverage', '-', '-i', 'population_per_community'], { input: '地区,社区数,城镇人口\n"a""b|c\\d",1,10\n' });
    expect(json[0]!['unit']).toBe('a"b|c\\d');
    const md = runCli(['coverage', '-', '-f', 'md', '-i', 'population_per_community'], { input: '地区,社区数,城镇人口\n"a|b",1,10\n' }).stdout;
    expect(md.split('\n')[2]).toBe('| a\\|b | 1 | 10 | 10 |');
  });
});

/** A community-level file big enough to take a while: rows × ~40 bytes. */
function bigInput(rows: number): string {
  const folder = scratchDir();
  const path = join(folder, 'big.csv');
  const lines = ['unit,communities,urban_population,service_centers'];
  for (let index = 0; index < rows; index += 1) lines.push(`社区${index},1,${1000 + (index % 5000)},${index % 3}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Resolves when process `pid` holds `file` open (Linux /proc), or after 3 s where /proc cannot tell. */
async function inputOpened(pid: number, file: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    try {
      const folder = `/proc/${pid}/fd`;
      if (readdirSync(folder).some((fd) => { try { return readlinkSync(join(folder, fd)) === file; } catch { return false; } })) return;
    } catch {
      // no /proc: wait out the deadline
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('faults while running', () => {
  it('an interrupted --output leaves the previous file intact and no temporary file', async () => {
    const input = bigInput(300_000);
    const folder = scratchDir();
    const target = join(folder, 'out.csv');
    writeFileSync(target, 'previous\n');
    const child = spawn(process.execPath, [BIN, 'coverage', input, '-o', target], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // wait until the temporary file exists, then interrupt mid-write
    let sawTemporary = false;
    const deadline = Date.now() + 20_000;
    while (!sawTemporary && Date.now() < deadline) {
      sawTemporary = readdirSync(folder).some((name) => name.endsWith('.tmp'));
      if (!sawTemporary) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGTERM');
    const code = await exited;
    expect(sawTemporary).toBe(true);
    expect(readdirSync(folder)).toEqual(['out.csv']);
    const content = readFileSync(target, 'utf8');
    if (code === 143) {
      expect(content).toBe('previous\n');
    } else {
      // the rename won the race: then the file is the whole new output
      expect(code).toBe(0);
      expect(content.trimEnd().split('\n')).toHaveLength(300_001);
    }
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a closed pipe (| head -1) exits quietly with 0', async () => {
    const input = bigInput(200_000);
    const child = spawn(process.execPath, [BIN, 'coverage', input, '-f', 'csv', '-i', 'population_per_community'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const firstChunk = await new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(firstChunk.startsWith('unit,communities')).toBe(true);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('SIGINT exits 130 without a stack trace', async () => {
    const input = bigInput(300_000);
    const child = spawn(process.execPath, [BIN, 'coverage', input, '-f', 'csv', '-i', 'population_per_community'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // the signal is sent once the input is open (the handlers are installed before any input is read): a fixed
    // delay could beat Node's start-up on a loaded machine, and the default handler would end the process
    await inputOpened(child.pid!, input);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(130);
    expect(stderr).toBe('');
  });
});
