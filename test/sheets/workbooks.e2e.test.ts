// Workbooks end to end (issue 18 item 4, issue 19): hidden sheets, --sheet by name or number, --sheets all over
// 续表 sheets and one sheet a year, .xls and .ods through SheetJS, encrypted workbooks, formulas without a saved
// result. The fixtures are made by scripts/make-workbook-fixtures.mjs (fixtures/xlsx/README.md).
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers.js';

const SIX = [
  '全国,23600,172550000,7311', '北京市,2600,14390000,5535', '上海市,3700,15420000,4168', '广东省,5200,52420000,10081',
  '河南省,3300,33970000,10294', '四川省,4100,30440000,7424', '辽宁省,4700,25910000,5513',
];
const HEADER = 'unit,communities,urban_population,population_per_community';

describe.each(['xlsx', 'xls', 'ods'])('hidden-continued.%s: a hidden first sheet, a table and its 续表', (kind) => {
  const file = fixture('xlsx', `hidden-continued.${kind}`);

  it('reads the first visible sheet, names the hidden one and the one not read', () => {
    const run = runCli(['coverage', file, '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([HEADER, ...SIX.slice(0, 4), ''].join('\n'));
    expect(run.stderr).toContain(`${file}: hidden sheet not read: 旧稿 (--sheet NAME reads one)\n`);
    expect(run.stderr).toContain(`${file}: read sheet 表4-2; not read: 表4-2续 (--sheet NAME, or --sheets all for one table over every visible sheet)\n`);
  });

  it('--sheets all reads both visible sheets as one table: the 续表 title and repeated header are not data', () => {
    const run = runCli(['coverage', file, '--sheets', 'all', '-i', 'population_per_community', '-f', 'csv', '--totals']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([HEADER, ...SIX, 'total,23600,172550000,7311', ''].join('\n'));
    expect(run.stderr).toContain(`${file}: sheet 表4-2续: its 2 rows above the data (a repeated header or a 续表 title) not read as data\n`);
    expect(run.stderr).toContain("the input's total row 全国 (line 4) agrees with the sum of the 6 units");
    expect(run.stderr).not.toContain('旧稿，勿用');
  });

  it('--sheet by name or number reads a hidden sheet when asked, with a note; a wrong one lists the sheets', () => {
    for (const sheet of ['旧稿', '1']) {
      const run = runCli(['coverage', file, '--sheet', sheet, '-i', 'centers_per_community', '-f', 'csv']);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('unit,communities,service_centers,centers_per_community\n北京市,1,1,1.00\n上海市,2,2,1.00\n');
      expect(run.stderr).toContain(`${file}: sheet 旧稿 is hidden in the workbook; read as --sheet ${sheet} asks\n`);
    }
    const byNumber = runCli(['coverage', file, '--sheet', '3', '-i', 'population_per_community', '-f', 'csv']);
    expect(byNumber.stdout).toBe([HEADER, ...SIX.slice(4), ''].join('\n'));
    const wrong = runCli(['coverage', file, '--sheet', '9']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe(`svc-stats: ${file}: the workbook has no sheet '9'; its sheets: 1 旧稿 (hidden), 2 表4-2, 3 表4-2续 (give one of these names or numbers)\n`);
  });
});

describe('--sheets all: one sheet a year, and sheets that are not one table', () => {
  it('sheets named 2008 and 2009 give a year each: compare and describe see two years', () => {
    const file = fixture('xlsx', 'sheet-a-year.xlsx');
    const compare = runCli(['compare', file, '--sheets', 'all', '-i', 'population_per_community', '-f', 'csv']);
    expect(compare.status).toBe(0);
    expect(compare.stdout).toBe('unit,indicator,value_2008,value_2009,change_2009,pct_change_2009,cagr_2009\n'
      + '北京,population_per_community,5535,5509,-25,-0.45,-0.45\n上海,population_per_community,4168,4160,-8,-0.18,-0.18\n');
    expect(compare.stderr).toContain("one sheet a year: a 年份 column added from the sheets' names or titles (2008, 2009)");
    const grouped = runCli(['coverage', file, '--sheets', 'all', '--by', 'region', '-i', 'population_per_community', '-f', 'csv']);
    expect(grouped.stdout).toBe('year,group,units,communities,urban_population,population_per_community\n'
      + '2008,东部,2,6300,29810000,4732\n2009,东部,2,6400,30200000,4719\n');
  });

  it('a later sheet with another header is refused, naming it', () => {
    const file = fixture('xlsx', 'sheets-mismatch.xlsx');
    const run = runCli(['coverage', file, '--sheets', 'all']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`svc-stats: ${file}: sheet B, row 1: its header (地区, 街道数（个）) is not the header of sheet A, so the sheets are not one table (read one sheet with --sheet B)\n`);
  });

  it('--sheet and --sheets are for workbooks', () => {
    const run = runCli(['coverage', 'data/2005.csv', '--sheets', 'all']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('svc-stats: data/2005.csv: --sheets is for workbooks (.xlsx, .xls, .ods), and this is CSV text\n');
  });
});

describe('workbooks that cannot be read as they are', () => {
  it.each(['encrypted.xlsx', 'encrypted.xls'])('%s: its own message, not ".xls (Excel 97)"', (name) => {
    const file = fixture('xlsx', name);
    const run = runCli(['coverage', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`svc-stats: ${file}: an encrypted workbook (protected by a password to open): it cannot be read `
      + '(open it with its password in a spreadsheet and save a copy without one, or export the sheet as CSV)\n');
  });

  it('a formula without a saved result is missing, and named in a note', () => {
    const file = fixture('xlsx', 'formula-no-value.xlsx');
    const run = runCli(['coverage', file, '-i', 'centers_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('unit,communities,service_centers,centers_per_community\n北京,2600,120,0.05\n上海,3700,,\n');
    expect(run.stderr).toContain(`${file}: sheet 表: 1 formula cell without a saved result read as missing: C3 (open the workbook in a spreadsheet and save it, so that they are computed)\n`);
  });

  it('a damaged workbook gets one line with no JavaScript error text', () => {
    const run = runCli(['coverage', '-'], { input: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml'), Buffer.alloc(300, 7)]) });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('svc-stats: <stdin>: not a readable .xlsx workbook: its contents are damaged or of a kind svc-stats does not know '
      + '(open it in a spreadsheet and save it again as .xlsx, or export the sheet as CSV)\n');
    expect(run.stderr).not.toMatch(/Cannot read|undefined|TypeError/);
  });
});
