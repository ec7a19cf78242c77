/**
 * compare's shapes (src/reports/compare.ts): the base of a change (first or previous edition), the long (tidy)
 * table, changes of exact or of printed values, and indicator names by language. Figures worked by hand.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE } from '../../src/catalogue/catalogue.js';
import { selectTargets } from '../../src/catalogue/targets.js';
import type { Edition } from '../../src/reports/compare.js';
import { compareTable } from '../../src/reports/compare.js';
import { resolveTable } from '../../src/render/model.js';
import type { ReportTable } from '../../src/render/model.js';
import { renderTable } from '../../src/render/table.js';
import { noteText } from '../../src/notes.js';

const rounding = { mode: 'half-up' as const, decimals: undefined };
const targets = (ids: string[], present: string[]) => selectTargets(BUILTIN_CATALOGUE, ids, new Set(present), 'inputs').targets;
const whole = (n: number) => ({ n: BigInt(n), d: 1n });

function records(table: ReportTable, human = false): Record<string, unknown>[] {
  const shown = resolveTable(table, human, 'zh');
  return shown.rows.map((row) => Object.fromEntries(shown.columns.map((column, index) => [column.id, row[index]])));
}

/** 全国 with `subdistricts` over three years. */
function series(values: Record<number, number>): Edition[] {
  return Object.entries(values).map(([year, value]) => ({ file: 'f.csv', year: Number(year), units: [{ label: '全国', values: new Map([['subdistricts', whole(value)]]) }] }));
}

describe('compare --base', () => {
  const editions = series({ 2005: 100, 2008: 110, 2009: 99 });
  const subdistricts = targets(['subdistricts'], ['subdistricts']);

  it('first: every change from 2005', () => {
    const [row] = records(compareTable(editions, subdistricts, rounding).table);
    // 110 − 100 = 10 (10.00%); 99 − 100 = −1 (−1.00%); CAGR 2005→2009: 0.99^(1/4) − 1 = −0.25%
    expect(row).toMatchObject({ change_2008: '10', pct_change_2008: '10.00', change_2009: '-1', pct_change_2009: '-1.00', cagr_2009: '-0.25' });
  });

  it('previous: year on year, labelled from the year before', () => {
    const { table } = compareTable(editions, subdistricts, rounding, { base: 'previous' });
    const [row] = records(table);
    // 2008→2009: 99 − 110 = −11, −11/110 = −10.00%, over one year the CAGR is the same −10.00%
    expect(row).toMatchObject({ change_2008: '10', change_2009: '-11', pct_change_2009: '-10.00', cagr_2009: '-10.00' });
    expect(resolveTable(table, true, 'en').columns.map((column) => column.label)).toContain('change 2008→2009');
  });

  it('--long: one row per unit, indicator and year, the first year without a change', () => {
    const { table } = compareTable(editions, subdistricts, rounding, { base: 'previous', long: true });
    expect(records(table)).toEqual([
      { unit: '全国', indicator: 'subdistricts', year: '2005', value: '100', change: null, pct_change: null },
      { unit: '全国', indicator: 'subdistricts', year: '2008', value: '110', change: '10', pct_change: '10.00' },
      { unit: '全国', indicator: 'subdistricts', year: '2009', value: '99', change: '-11', pct_change: '-10.00' },
    ]);
  });

  it('--long without known years: an edition column, numbered', () => {
    const numbered = editions.map((edition) => ({ ...edition, year: undefined }));
    const { table } = compareTable(numbered, subdistricts, rounding, { long: true });
    expect(table.columns.map((column) => column.id)).toEqual(['unit', 'indicator', 'edition', 'value', 'change', 'pct_change']);
    expect(records(table).map((row) => row['edition'])).toEqual(['1', '2', '3']);
  });
});

describe('changes of exact or of printed values', () => {
  // population per community: 72084/10 = 7208.4 and 72076/10 = 7207.6, both printed 7208; the exact change −0.8 prints −1
  const editions: Edition[] = [72084, 72076].map((population, index) => ({
    file: 'f.csv', year: 2008 + index,
    units: [{ label: '东部', values: new Map([['urban_population', whole(population)], ['communities', whole(10)]]) }],
  }));
  const perCommunity = targets(['population_per_community'], ['urban_population', 'communities']);

  it('by default the exact change, with a note saying the printed values differ', () => {
    const result = compareTable(editions, perCommunity, rounding);
    expect(records(result.table)[0]).toMatchObject({ value_2008: '7208', value_2009: '7208', change_2009: '-1' });
    expect(result.notes.map(noteText).join('\n')).toMatch(/changes are of the exact values.*in 1 case.*--rounded-change/);
  });

  it('--rounded-change: from the printed values, 7208 → 7208 is 0', () => {
    const result = compareTable(editions, perCommunity, rounding, { roundedChange: true });
    expect(records(result.table)[0]).toMatchObject({ change_2009: '0', pct_change_2009: '0.00' });
    expect(result.notes.map(noteText).join('\n')).not.toMatch(/differs/);
  });

  it('no note when exact and printed changes agree', () => {
    const result = compareTable(series({ 2005: 1, 2009: 2 }), targets(['subdistricts'], ['subdistricts']), rounding);
    expect(result.notes.map(noteText).join('\n')).not.toMatch(/exact values/);
  });
});

describe('indicator names', () => {
  const many: Edition[] = [2005, 2006, 2007, 2008, 2009].map((year, index) => ({
    file: 'f.csv', year,
    // seven units: more rows than a transposed table shows
    units: ['东部', '中部', '西部', '北京', '天津', '河北', '山西'].map((label) => ({ label, values: new Map([['urban_population', whole(70000 + index)], ['communities', whole(10)]]) })),
  }));
  const { table } = compareTable(many, targets(['population_per_community'], ['urban_population', 'communities']), rounding);

  it('in Chinese in a human format with --lang zh, the id in a machine format and in English', () => {
    expect(records(table, true)[0]!['indicator']).toBe('平均每社区人口数');
    expect(records(table)[0]!['indicator']).toBe('population_per_community');
    expect(resolveTable(table, true, 'en').rows[0]![1]).toBe('population_per_community');
  });

  it('shown in every block of a table split at 80 columns', () => {
    const text = renderTable(resolveTable(table, true, 'en'), new Chalk({ level: 0 }), 80);
    const blocks = text.split('\n\n');
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      expect(block).toContain('indicator');
      expect(block).toContain('│ 东部 │ population_per_community │');
    }
  });
});
