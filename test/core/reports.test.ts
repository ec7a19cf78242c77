/**
 * Each report from in-memory tables (src/reports): the table it builds, language-neutral, and how a format shows
 * it. Figures are worked by hand from the inputs in ./memory.ts, or are the 2009 report's.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE, selectIndicators } from '../../src/catalogue/catalogue.js';
import { selectTargets } from '../../src/catalogue/targets.js';
import { makeGrouper } from '../../src/engine/grouping.js';
import { collectUnits } from '../../src/engine/units.js';
import { compareTable } from '../../src/reports/compare.js';
import { coverageTable, rowValues } from '../../src/reports/coverage.js';
import { describeTable } from '../../src/reports/describe.js';
import { equityTable } from '../../src/reports/equity.js';
import { indicatorListing } from '../../src/reports/listing.js';
import { TotalsChecker } from '../../src/reports/totals.js';
import { checkFigures, readFigures } from '../../src/reports/verify.js';
import { resolveTable } from '../../src/render/model.js';
import type { ReportTable } from '../../src/render/model.js';
import { PROVINCES, csvRows, recordsOf, tableOf } from './memory.js';
import { noteText } from '../../src/notes.js';

const catalogue = BUILTIN_CATALOGUE;
const rounding = { mode: 'half-up' as const, decimals: undefined };
const NATIONAL_2005 = `地区,年份,社区数（个）,城镇人口（万人）,居委会成员数（人）,社区服务中心数（个）
全国,2005,79947,56212,453543,8479`;

/** Column id → cell of each row. */
function records(table: ReportTable): Record<string, unknown>[] {
  const shown = resolveTable(table, false, 'en');
  return shown.rows.map((row) => Object.fromEntries(shown.columns.map((column, index) => [column.id, row[index]])));
}

describe('coverage', () => {
  it('reproduces Tables 1 and 2 of the 2009 report', async () => {
    const table = await tableOf('2005.csv', NATIONAL_2005);
    const wanted = selectIndicators(catalogue, ['population_per_community', 'committee_members_per_community', 'centers_per_community']);
    const result = coverageTable([table], { catalogue, wanted, rounding, totals: false });
    expect(records(result.table)).toEqual([{
      unit: '全国', year: '2005', communities: '79947', urban_population: '562120000', committee_members: '453543',
      service_centers: '8479', population_per_community: '7031', committee_members_per_community: '5.67', centers_per_community: '0.11',
    }]);
  });

  it('--totals adds a row from the part rows only, keyed `total` in data and 合计 in a Chinese table', async () => {
    const table = await tableOf('p.csv', PROVINCES);
    const wanted = selectIndicators(catalogue, ['population_per_community']);
    const result = coverageTable([table], { catalogue, wanted, rounding, totals: true });
    // parts: 9000 communities, 54,000,000 persons: 6000 a community (the 全国 row is not summed)
    expect(records(result.table).at(-1)).toEqual({ unit: 'total', communities: '9000', urban_population: '54000000', population_per_community: '6000' });
    const zh = resolveTable(result.table, true, 'zh');
    expect(zh.rows.at(-1)![0]).toBe('合计');
    expect(zh.columns.map((column) => column.label)).toContain('平均每社区人口数（人）');
  });

  it('an indicator whose measures are missing is left out with a note', async () => {
    const table = await tableOf('p.csv', PROVINCES);
    const result = coverageTable([table], { catalogue, wanted: selectIndicators(catalogue, undefined), rounding, totals: false });
    expect(result.notes.map((note) => noteText(note))).toContain(
      'left out, measures missing: committee_members_per_community (p.csv has no column for committee_members 居委会成员数)');
  });
});

describe('compare', () => {
  it('change, % change and CAGR from the first edition, units matched with or without suffix', () => {
    const value = (n: number) => new Map([['subdistricts', { n: BigInt(n), d: 1n }]]);
    const targets = selectTargets(catalogue, ['subdistricts'], new Set(['subdistricts']), 'inputs').targets;
    const result = compareTable([
      { file: 'a.csv', year: 2005, units: [{ label: '全国', values: value(6152) }] },
      { file: 'b.csv', year: 2009, units: [{ label: '全国', values: value(6686) }] },
    ], targets, rounding);
    // 6686 − 6152 = 534; 534 / 6152 = 8.68%; (6686/6152)^(1/4) − 1 = 2.10% (README, R)
    expect(records(result.table)).toEqual([{ unit: '全国', indicator: 'subdistricts', value_2005: '6152', value_2009: '6686', change_2009: '534', pct_change_2009: '8.68', cagr_2009: '2.10' }]);
    expect(resolveTable(result.table, true, 'zh').columns.map((column) => column.label)).toContain('变化 2005→2009');
  });
});

describe('describe and equity', () => {
  it('describe: n, mean and the units of min and max, national rows not units', async () => {
    const set = await collectUnits(recordsOf('p.csv', csvRows(PROVINCES)), { measures: catalogue.measures }, catalogue, ['communities'], undefined, undefined, 'describe');
    const [row] = records(describeTable(set, { sd: 'sample', quantiles: 'linear', decimals: 2, mode: 'half-up' }));
    // 2000, 3000, 1500, 2500: mean 2250; sample sd sqrt(5/3 · 10^5) = 645.50
    expect(row).toMatchObject({ indicator: 'communities', n: '4', mean: '2250.00', sd: '645.50', min_unit: '山西', max_unit: '河北' });
    expect(set.notes.some((note) => noteText(note).includes('全国 (line 2)'))).toBe(true);
  });

  it('equity: a weighted Gini and the Theil split by region', async () => {
    const set = await collectUnits(recordsOf('p.csv', csvRows(PROVINCES)), { measures: catalogue.measures, groupColumns: ['region'] }, catalogue,
      ['centers_per_10k_residents'], 'urban_population', { column: 'region', scheme: 'three' }, 'equity');
    const result = equityTable(set, { weighted: true, groups: false, decimals: 4, mode: 'half-up' });
    const [row] = records(result.table);
    expect(row).toMatchObject({ indicator: 'centers_per_10k_residents', n: '4' });
    // weighted mean = Σ centres / Σ population × 10^4 = 650 / 54,000,000 × 10^4 = 0.1204
    expect(row!['mean']).toBe('0.1204');
    const between = Number(row!['theil_t_between']);
    const within = Number(row!['theil_t_within']);
    expect(between + within).toBeCloseTo(Number(row!['theil_t']), 3);
  });
});

describe('verify', () => {
  it('a figure matches when the exact value rounds to it; a truncation is named', async () => {
    const table = await tableOf('2005.csv', NATIONAL_2005);
    const figures = await readFigures(recordsOf('figures.csv', csvRows('indicator,expected\npopulation_per_community,7031\ncommunities_per_center,9.42\ncommittee_members_per_community,5.66')));
    const checks = checkFigures(table, catalogue, figures, 'half-up', undefined, 'figures.csv');
    expect(checks.map((check) => [check.status, check.matchesUnder.join(' '), check.difference]))
      .toEqual([['match', '', null], ['mismatch', 'truncate', null], ['mismatch', '', '0.01']]);
  });

  it('--check-totals: a total row against the sum of its parts', async () => {
    const table = await tableOf('p.csv', PROVINCES);
    const checker = new TotalsChecker(table.plan, undefined, 'p.csv');
    for (const row of table.rows) checker.add(row);
    const checks = checker.finish();
    expect(checks.map((check) => [check.measure.id, check.status])).toEqual([['communities', 'gap'], ['urban_population', 'gap'], ['service_centers', 'gap']]);
    expect(rowValues(table, table.rows[0]!.values).get('communities')).toEqual({ n: 79947n, d: 1n });
  });

  it('--check-totals --by a derived group is refused', async () => {
    const table = await tableOf('p.csv', PROVINCES);
    expect(() => new TotalsChecker(table.plan, makeGrouper(table.plan, 'region', 'three', 'p.csv'), 'p.csv')).toThrow(/needs a column/);
  });
});

describe('listing', () => {
  it('machine formats get both languages, a table the chosen one', () => {
    const listing = indicatorListing(catalogue);
    expect(Object.keys(records(listing)[0]!)).toEqual(['id', 'label_zh', 'label_en', 'formula', 'unit_zh', 'unit_en', 'decimals', 'note']);
    const zh = resolveTable(listing, true, 'zh');
    expect(zh.columns.map((column) => column.label)).toEqual(['ID', '名称', '公式', '单位', '小数位', '来源']);
    expect(zh.rows[0]!.slice(0, 3)).toEqual(['population_per_community', '平均每社区人口数', 'urban_population / communities']);
  });
});
