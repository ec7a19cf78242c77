/** Grouping and exact sums (src/engine), from in-memory tables. */
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../src/exact/rational.js';
import { labelRole, makeGrouper } from '../../src/engine/grouping.js';
import { addValue, emptySums, groupValues, sumOf, sumParts } from '../../src/engine/sums.js';
import { PROVINCES, tableOf } from './memory.js';

describe('row roles', () => {
  it.each([['全国', 'total'], ['合计', 'total'], ['Total', 'total'], ['#城市', 'of-which'], ['其中：城市', 'of-which'], ['北京', 'part'], [undefined, 'part']])(
    '%s is a %s row', (label, role) => expect(labelRole(label)).toBe(role));
});

describe('grouping', () => {
  it('--by region maps provinces to the NBS belts, in belt order', async () => {
    const table = await tableOf('p.csv', PROVINCES);
    const grouper = makeGrouper(table.plan, 'region', 'three', 'p.csv');
    expect(table.rows.slice(1).map((row) => grouper.groupOf(row))).toEqual(['东部', '东部', '中部', '西部']);
    expect(grouper.order(['西部', '东部', '中部'])).toEqual(['东部', '中部', '西部']);
    expect(makeGrouper(table.plan, 'region', 'four', 'p.csv').groupOf(table.rows[3]!)).toBe('中部');
  });

  it('a label that is not a province has no region: an error naming it', async () => {
    const table = await tableOf('p.csv', '地区,社区数\n火星,1');
    const grouper = makeGrouper(table.plan, 'region', 'three', 'p.csv');
    expect(() => grouper.groupOf(table.rows[0]!)).toThrow(/'火星' is not a province/);
  });
});

describe('sums', () => {
  it('sum the part rows only, exactly, beyond 2^53', async () => {
    const table = await tableOf('p.csv', PROVINCES);
    const sums = sumParts(table.rows, table.plan.measureColumns.length, 'total');
    expect(sums.units).toBe(4);
    expect([...groupValues(table.plan, sums)].map(([id, value]) => [id, value && toDecimalString(value)]))
      .toEqual([['communities', '9000'], ['urban_population', '54000000'], ['service_centers', '650']]);
    const big = emptySums('g', 1);
    addValue(big, 0, { n: 2n ** 60n, d: 1n }, 'a');
    addValue(big, 0, { n: 1n, d: 4n }, 'b');
    expect(toDecimalString(sumOf(big, 0))).toBe('1152921504606846976.25');
  });

  it('a group where a unit lacks a value has a missing sum, never a partial one', async () => {
    const table = await tableOf('p.csv', '地区,社区数\n北京,1\n河北,…\n山西,2');
    const sums = sumParts(table.rows, 1, 'total');
    expect(groupValues(table.plan, sums).get('communities')).toBeNull();
    expect(sums.missingSample[0]).toEqual(['河北']);
  });
});
