/** The header planner rule by rule (issue 10): sheet headers joined, label levels, units checked. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_MEASURES } from '../../src/catalogue/measures.js';
import { isFootnoteText, normaliseYear } from '../../src/catalogue/columns.js';
import { isTotalLabel } from '../../src/catalogue/row-labels.js';
import { SvcError } from '../../src/errors.js';
import { continuesHeader, joinHeaderRows, measureLookup, namesColumns, parseUnit, planHeader } from '../../src/table/header-plan.js';

const lookup = measureLookup(BUILTIN_MEASURES);
const plan = (headers: string[], options = {}, firstRows: string[][] = []) =>
  planHeader(headers, BUILTIN_MEASURES, 'f.csv', options, { line: 1, headerRows: 1, title: [], firstRows });

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof SvcError ? error.code : 'not an SvcError';
  }
  return undefined;
}

describe('joinHeaderRows', () => {
  it('joins the two-row header of domain.md: a parent spans empty cells; a unit or generic child takes its name', () => {
    expect(joinHeaderRows([
      ['地区', '社区', '', '社区服务中心', '城镇人口'],
      ['', '社区数（个）', '居委会成员数（人）', '个数', '（万人）'],
    ])).toEqual(['地区', '社区数（个）', '居委会成员数（人）', '社区服务中心（个）', '城镇人口（万人）']);
  });

  it('数量, 合计, 小计 take the parent name as it is; a half-width unit child works too', () => {
    expect(joinHeaderRows([['地区', '街道', '社区'], ['', '合计', '(个)']])).toEqual(['地区', '街道', '社区（个）']);
    expect(joinHeaderRows([['地区', '社区服务中心', ''], ['', '数量', '小计']])).toEqual(['地区', '社区服务中心', '社区服务中心']);
  });

  it('an empty child under a spanning parent is an unnamed column, not a second copy of the parent', () => {
    expect(joinHeaderRows([['地区', '社区', ''], ['', '社区数（个）', '']])).toEqual(['地区', '社区数（个）', '']);
  });

  it('three rows join left to right', () => {
    expect(joinHeaderRows([['地区', '城镇人口', ''], ['', '', ''], ['', '（万人）', '']])).toEqual(['地区', '城镇人口（万人）', '']);
  });
});

describe('finding the header', () => {
  it('a record naming a measure, a label or the year column can be the header; a title cannot', () => {
    expect(namesColumns(['表4-2 各地区城市社区服务情况（2008年）', '', ''], lookup, {})).toBe(false);
    expect(namesColumns(['单位：个、万人', ''], lookup, {})).toBe(false);
    expect(namesColumns(['地区', '社区', '', '社区服务中心'], lookup, {})).toBe(true);
    expect(namesColumns(['站点', 'x'], lookup, { labelColumn: '站点' })).toBe(true);
  });

  it('a child header row has no numbers and an empty first cell (or a unit, a generic word, a measure name)', () => {
    expect(continuesHeader(['', '社区数（个）', '个数', '（万人）'], lookup)).toBe(true);
    expect(continuesHeader(['全国', '130378', '749806'], lookup)).toBe(false);
    expect(continuesHeader(['北京', '…', '…'], lookup)).toBe(false);
    expect(continuesHeader(['单位', '(个)', '(人)'], lookup)).toBe(true);
  });

  it('footnotes and years', () => {
    for (const text of ['注：本表数据不含香港。', '注1：…', '资料来源：民政部', '说明: x', 'Note: synthetic']) expect(isFootnoteText(text), text).toBe(true);
    for (const text of ['注册', '北京', '说明书']) expect(isFootnoteText(text), text).toBe(false);
    expect(['2008', ' 2008年 ', '２００８', '2008年度'].map(normaliseYear)).toEqual(['2008', '2008', '2008', '2008']);
  });
});

describe('label columns of every level', () => {
  it('the finest label column is the unit; the others stay for --by', () => {
    const p = plan(['省份', '地市', '社区数（个）']);
    expect(p.labelIndex).toBe(1);
    expect(p.labelColumns.map((column) => [column.header, column.level])).toEqual([['省份', 'province'], ['地市', 'city']]);
  });

  it('市, 地级市, 区县, 名称, prov label the rows; 年份, 年, year give the year', () => {
    for (const header of ['市', '地级市', '区县', '名称', 'prov', 'Province', '街道名称']) {
      expect(plan([header, '社区数（个）']).labelIndex, header).toBe(0);
    }
    for (const header of ['年份', '年', 'Year']) expect(plan(['地区', header, '社区数（个）']).yearIndex, header).toBe(1);
  });

  it('城市 is a label when its first cells are text, the cities measure when numbers', () => {
    expect(plan(['城市', '社区数（个）'], {}, [['广州', '1500']]).labelIndex).toBe(0);
    const measure = plan(['地区', '城市', '社区数（个）'], {}, [['北京', '1', '2600']]);
    expect(measure.labelIndex).toBe(0);
    expect(measure.measureColumns.map((column) => column.measure.id)).toEqual(['cities', 'communities']);
    expect(measure.decidedByCells).toBe(true);
  });

  it('a --by column labels rows only when no other label column exists', () => {
    expect(plan(['省份', '单位', '街道数'], { groupColumns: ['省份'] }).labelIndex).toBe(1);
    expect(plan(['省份', '地市', '街道数'], { groupColumns: ['地市'] }).labelIndex).toBe(0);
    expect(plan(['省份', '街道数'], { groupColumns: ['省份'] }).labelIndex).toBe(0);
  });

  it('--label and --year name any column; an unknown one is a usage error', () => {
    const p = plan(['站点', '统计期', '社区数（个）'], { labelColumn: '站点', yearColumn: '统计期' });
    expect([p.labelIndex, p.yearIndex]).toEqual([0, 1]);
    expect(codeOf(() => plan(['地区', '社区数（个）'], { labelColumn: 'nope' }))).toBe('USAGE');
  });
});

describe('units', () => {
  it('a unit carries its power of ten and its base', () => {
    expect(parseUnit('万人')).toEqual({ power10: 4, base: '人' });
    expect(parseUnit('个')).toEqual({ power10: 0, base: '个' });
    expect(parseUnit('万')).toEqual({ power10: 4, base: undefined });
    expect(parseUnit('打')).toBeUndefined();
  });

  it('a unit of another dimension than the measure is UNIT_MISMATCH', () => {
    expect(codeOf(() => plan(['地区', '社区数（元）']))).toBe('UNIT_MISMATCH');
    expect(codeOf(() => plan(['地区', '城镇人口（万个）']))).toBe('UNIT_MISMATCH');
    expect(codeOf(() => plan(['地区', '居委会成员数（名）', '社区服务中心数（所）']))).toBeUndefined();
  });

  it("a user's measure without a dimension is checked by its base unit", () => {
    const stations = { id: 'health_stations', label: { zh: '社区卫生服务站数', en: 'stations' }, names: ['社区卫生服务站数'], unit: { zh: '个', en: 'units' }, kind: 'count' as const };
    const plan2 = (header: string) => planHeader(['地区', header], [...BUILTIN_MEASURES, stations], 'f.csv');
    expect(codeOf(() => plan2('社区卫生服务站数（万元）'))).toBe('UNIT_MISMATCH');
    expect(codeOf(() => plan2('社区卫生服务站数（所）'))).toBeUndefined();
  });

  it('a Chinese header without a unit is marked unit-less; an English id names its base unit', () => {
    const p = plan(['地区', '城镇人口', 'communities', '社区服务中心（个）']);
    expect(p.measureColumns.map((column) => [column.header, column.unitGiven])).toEqual([
      ['城镇人口', false], ['communities', true], ['社区服务中心（个）', true],
    ]);
  });
});

describe('total rows of every spelling', () => {
  it('全国*, 全国（不含港澳台）, 总计 Total, 合计:, National total, 全国合计 are totals; provinces are not', () => {
    for (const label of ['全国', '全国*', '全国（不含港澳台）', '全国(不含港澳台)', '总计 Total', '合计:', '合计：', 'National total', '全国合计', 'TOTAL', '＊全国']) {
      expect(isTotalLabel(label), label).toBe(true);
    }
    for (const label of ['北京', '全国人大', '合计数据说明', '#城市', 'Totalitarian']) expect(isTotalLabel(label), label).toBe(false);
  });
});
