/**
 * Output for spreadsheets, through the real binary: an .xlsx workbook (-o FILE.xlsx or --format xlsx), and the
 * UTF-8 BOM that a csv/tsv file written with -o starts with by default.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, runJson, scratchDir } from '../helpers.js';

const BOM = '\uFEFF';

async function workbookAt(path: string) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as never);
  return workbook;
}

const REGION_RUN = ['coverage', 'data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json',
  '--by', 'region', '--totals'];

describe('-o FILE.xlsx', () => {
  it('writes a workbook: labels in --lang as headers, numbers as numbers with the decimals as format, bold frozen header', async () => {
    const path = join(scratchDir(), 'regions.xlsx');
    const run = runCli([...REGION_RUN, '--lang', 'en', '-o', path]);
    expect(run.status).toBe(0);
    expect(readFileSync(path).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    const workbook = await workbookAt(path);
    const data = workbook.worksheets[0]!;
    expect(data.name).toBe('data');
    expect(data.getRow(1).getCell(1).value).toBe('region');
    expect(data.getRow(1).getCell(9).value).toBe('convenience outlets per sub-district (outlets)');
    expect(data.getRow(1).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // 中部's outlets per sub-district: 111.0 in csv, a number 111 shown with one decimal in the workbook
    const csv = runCli([...REGION_RUN, '--format', 'csv']).stdout.trim().split('\n').map((line) => line.split(','));
    expect(csv[2]![8]).toBe('111.0');
    expect(data.getCell('I3').value).toBe(111);
    expect(data.getCell('I3').numFmt).toBe('0.0');
    expect(data.getCell('J3').value).toBe(12.6);
    expect(data.getCell('J3').numFmt).toBe('0.00');
    // every number of the csv is the same number in the workbook; a missing value is an empty cell
    csv.slice(1).forEach((cells, row) => cells.forEach((cell, column) => {
      const value = data.getRow(row + 2).getCell(column + 1).value;
      if (cell === '') expect(value).toBeNull();
      else if (/^-?\d/.test(cell)) expect(value).toBe(Number(cell));
    }));
  });

  it('has a notes sheet with what was printed on stderr, the input, the rounding rule and the sources', async () => {
    const path = join(scratchDir(), 'regions.xlsx');
    const run = runCli([...REGION_RUN, '--lang', 'en', '-o', path]);
    const notes = (await workbookAt(path)).getWorksheet('notes')!;
    const lines: [string, string][] = [];
    notes.eachRow((row) => lines.push([String(row.getCell(1).value), String(row.getCell(2).value)]));
    const stderr = run.stderr.trim().split('\n').map((line) => line.replace(/^svc-stats: /, ''));
    expect(lines.filter(([kind]) => kind === 'note').map(([, text]) => text)).toEqual(stderr);
    expect(lines).toContainEqual(['input', 'data/provinces-2007-community-services.csv']);
    expect(lines.find(([kind]) => kind === 'rounding')?.[1]).toMatch(/^half-up .*catalogue decimals/);
    expect(lines.filter(([kind]) => kind === 'source').map(([, text]) => text.split(':')[0]))
      .toEqual(['service facilities per sub-district (facilities_per_subdistrict)',
        'convenience outlets per sub-district (outlets_per_subdistrict)',
        'community service units per urban district (service_units_per_district)']);
  });

  it('a workbook svc-stats wrote reads back through svc-stats coverage with the same figures', () => {
    const path = join(scratchDir(), 'coverage.xlsx');
    expect(runCli(['coverage', 'data/2005.csv', '--lang', 'zh', '-o', path]).status).toBe(0);
    expect(runJson(['coverage', path])).toEqual(runJson(['coverage', 'data/2005.csv']));
  });

  it('--format xlsx into a pipe writes the workbook; to a terminal it is refused with a hint', async () => {
    const piped = spawnSync(process.execPath, [BIN, 'coverage', 'data/2005.csv', '--format', 'xlsx'], { cwd: ROOT });
    expect(piped.status).toBe(0);
    const path = join(scratchDir(), 'piped.xlsx');
    writeFileSync(path, piped.stdout);
    expect((await workbookAt(path)).worksheets.map((sheet) => sheet.name)).toEqual(['data', 'notes']);
    // script(1) gives the run a terminal
    const script = spawnSync('script', ['-qec', `${process.execPath} ${BIN} coverage data/2005.csv --format xlsx`, '/dev/null'],
      { cwd: ROOT, encoding: 'utf8' });
    if (script.error !== undefined) return; // no script(1): util-linux is not installed
    expect(script.status).toBe(2);
    expect(script.stdout).toContain('svc-stats: an .xlsx workbook is not written to a terminal (give -o FILE.xlsx, or redirect standard output to a file)');
  });
});

describe('a BOM for spreadsheets', () => {
  it.each(['out.csv', 'out.tsv'])('-o %s starts with a UTF-8 BOM; --no-bom leaves it out', (name) => {
    const folder = scratchDir();
    expect(runCli(['coverage', 'data/2005.csv', '-o', join(folder, name)]).status).toBe(0);
    expect(readFileSync(join(folder, name), 'utf8').startsWith(`${BOM}unit${name.endsWith('.csv') ? ',' : '\t'}year`)).toBe(true);
    expect(runCli(['coverage', 'data/2005.csv', '-o', join(folder, name), '--no-bom']).status).toBe(0);
    expect(readFileSync(join(folder, name), 'utf8').startsWith('unit')).toBe(true);
  });

  it('standard output has none unless --bom; other formats never have one', () => {
    expect(runCli(['coverage', 'data/2005.csv']).stdout.startsWith('unit,')).toBe(true);
    expect(runCli(['coverage', 'data/2005.csv', '--bom']).stdout.startsWith(`${BOM}unit,`)).toBe(true);
    const path = join(scratchDir(), 'out.json');
    runCli(['coverage', 'data/2005.csv', '-o', path]);
    expect(readFileSync(path, 'utf8').startsWith('[')).toBe(true);
  });

  it('-o a device or FIFO is a stream: no BOM by default (-o /dev/stdout)', () => {
    expect(runCli(['coverage', 'data/2005.csv', '-o', '/dev/stdout']).stdout.startsWith('unit,')).toBe(true);
  });
});
