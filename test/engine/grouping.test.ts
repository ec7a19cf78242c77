/** Engine grouping by several columns (issue 10): keys, display order, the implicit year, levels. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_MEASURES } from '../../src/catalogue/measures.js';
import { byParts, groupDisplay, makeGrouper, splitGroupKey } from '../../src/engine/grouping.js';
import { SvcError } from '../../src/errors.js';
import { planHeader } from '../../src/table/header-plan.js';

const plan = (headers: string[], groupColumns: string[] = []) =>
  planHeader(headers, BUILTIN_MEASURES, 'f.csv', { groupColumns }, { line: 1, headerRows: 1, title: [], firstRows: [] });

describe('makeGrouper', () => {
  it('--by region,年份: a key of two parts, ordered region first (NBS order), then year', () => {
    const p = plan(['地区', '年份', '社区数（个）'], byParts('region,年份'));
    const grouper = makeGrouper(p, 'region,年份', 'three', 'f.csv');
    expect(grouper.parts.map((part) => [part.id, part.kind])).toEqual([['region', 'region'], ['year', 'year']]);
    const keys = [['北京', '2009'], ['河南', '2008'], ['北京', '2008'], ['四川', '2008']]
      .map(([province, year], line) => grouper.groupOfCells([province!, year!, '1'], province, line + 2));
    expect(grouper.order(new Set(keys)).map(splitGroupKey)).toEqual([['东部', '2008'], ['东部', '2009'], ['中部', '2008'], ['西部', '2008']]);
  });

  it('--by region in a file with a year column puts the year first, implicitly; dropped from display with one year', () => {
    const p = plan(['地区', '年份', '社区数（个）'], ['region']);
    const grouper = makeGrouper(p, 'region', 'three', 'f.csv');
    expect(grouper.parts.map((part) => [part.kind, part.implicit])).toEqual([['year', true], ['region', false]]);
    const key = grouper.groupOfCells(['广东省', '2008年', '1'], '广东省', 2);
    expect(splitGroupKey(key)).toEqual(['2008', '东部']);
    expect(groupDisplay(key, grouper, 1)).toBe('东部');
    expect(groupDisplay(key, grouper, 2)).toBe('2008 东部');
    expect(makeGrouper(p, 'region', 'three', 'f.csv', false).parts).toHaveLength(1);
  });

  it('--by 省份,地市 and --by province,city name the label columns; keys keep first-appearance order', () => {
    const p = plan(['省份', '地市', '社区数（个）'], ['province', 'city']);
    const grouper = makeGrouper(p, 'province,city', 'three', 'f.csv');
    expect(grouper.parts.map((part) => [part.id, part.kind])).toEqual([['province', 'column'], ['city', 'unit']]);
    const rows = [['江苏', '南京'], ['广东', '广州'], ['江苏', '苏州'], ['广东', '深圳']];
    const keys = rows.map((cells, line) => grouper.groupOfCells([...cells, '1'], cells[1], line + 2));
    expect(grouper.order(keys).map(splitGroupKey)).toEqual([['江苏', '南京'], ['江苏', '苏州'], ['广东', '广州'], ['广东', '深圳']]);
  });

  it('region comes from the province column when the unit is a city', () => {
    const p = plan(['省份', '地市', '社区数（个）'], ['region']);
    const grouper = makeGrouper(p, 'region', 'four', 'f.csv');
    expect(grouper.groupOfCells(['辽宁', '沈阳', '1'], '沈阳', 2)).toBe('东北');
  });

  it('no label column: grouping is refused with NO_LABEL; an unknown column with USAGE', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as SvcError).code;
      }
      return undefined;
    };
    expect(code(() => makeGrouper(plan(['社区数（个）']), 'region', 'three', 'f.csv'))).toBe('NO_LABEL');
    expect(code(() => makeGrouper(plan(['地区', '社区数（个）']), 'nope', 'three', 'f.csv'))).toBe('USAGE');
  });
});
