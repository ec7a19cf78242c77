/** Header planning and rows, from records alone (src/table). */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE } from '../../src/catalogue/catalogue.js';
import { SvcError } from '../../src/errors.js';
import { toDecimalString } from '../../src/exact/rational.js';
import { planHeader } from '../../src/table/header-plan.js';
import { readTable } from '../../src/table/rows.js';
import { PROVINCES, csvRows, recordsOf, tableOf } from './memory.js';

const MEASURES = BUILTIN_CATALOGUE.measures;

describe('planHeader', () => {
  it('finds measures by Chinese name with their unit, the label and the year column', () => {
    const plan = planHeader(['年份', '地区', '城镇人口（万人）', '社区服务中心数(个)', '备注'], MEASURES, 'f.csv');
    expect(plan.labelIndex).toBe(1);
    expect(plan.yearIndex).toBe(0);
    expect(plan.measureColumns.map((column) => [column.measure.id, column.index, column.power10]))
      .toEqual([['urban_population', 2, 4], ['service_centers', 3, 0]]);
  });

  it('refuses an unknown unit and two headers for one measure, naming the column', () => {
    const unit = (() => { try { planHeader(['地区', '社区数（打）'], MEASURES, 'f.csv'); } catch (error) { return error as SvcError; } })();
    expect(unit).toMatchObject({ code: 'HEADER', location: { file: 'f.csv', line: 1, column: 2 } });
    const twice = (() => { try { planHeader(['社区数', 'communities'], MEASURES, 'f.csv'); } catch (error) { return error as SvcError; } })();
    expect(twice?.message).toContain('both name the measure communities');
  });

  it('--rows-are adds a virtual column counting 1 a row', () => {
    const plan = planHeader(['地区', '城镇人口'], MEASURES, 'f.csv', { rowsAre: 'communities' });
    expect(plan.measureColumns.map((column) => column.measure.id)).toEqual(['urban_population', 'communities']);
  });
});

describe('readTable', () => {
  it('reads values in base units, exactly, whatever the batch size', async () => {
    for (const batch of [1, 2, 100]) {
      const table = await readTable(recordsOf('p.csv', csvRows(PROVINCES), batch), { measures: MEASURES });
      expect(table.rows.map((row) => row.label)).toEqual(['全国', '北京', '河北', '山西', '四川']);
      expect(table.rows[0]!.values.map((value) => (value === null ? null : toDecimalString(value)))).toEqual(['79947', '562120000', '8479']);
      expect(table.rows[1]!.line).toBe(3);
    }
  });

  it('a ragged row is an error at its line and column', async () => {
    await expect(tableOf('r.csv', '地区,社区数\n北京,1\n河北')).rejects.toMatchObject({ code: 'RAGGED_ROW', location: { line: 3, column: 2 } });
  });
});
