/** The gazetteer (src/catalogue/gazetteer.ts): names matched as yearbooks spell them, codes and containment. */
import { describe, expect, it } from 'vitest';
import { bareName, divisionByCode, findDivisions, liesWithin, provincesOfLabel, withoutInvisible } from '../../src/catalogue/gazetteer.js';
import { chineseHeaderOf, isColumnCodeRow } from '../../src/table/bilingual.js';

const codes = (label: string): string[] => findDivisions(label).map((division) => division.code);

describe('gazetteer names', () => {
  it('matches with or without a suffix, padded, full-width or traditional', () => {
    for (const label of ['广西', '广西壮族自治区', '广  西', '广\u3000西', '廣西']) expect(codes(label)).toEqual(['450000']);
    expect(codes('北　京')).toEqual(['110000']);
    expect(codes('海淀区')).toEqual(['110108']);
    expect(bareName('延边朝鲜族自治州')).toBe('延边');
    expect(bareName('新疆维吾尔自治区')).toBe('新疆');
    expect(bareName('内蒙古自治区')).toBe('内蒙古');
  });

  it('a name written in full names that division; a bare one may name several', () => {
    expect(codes('吉林市')).toEqual(['220200']);
    expect(codes('吉林').sort()).toEqual(['220000', '220200']);
    expect(provincesOfLabel('朝阳区').map((division) => division.name).sort()).toEqual(['北京市', '吉林省']);
    expect(codes('Beijing')).toEqual([]);
  });

  it('places a district in its province by code, and a 12-digit 统计用区划代码 by its first six', () => {
    const haidian = divisionByCode('110108')!;
    expect(liesWithin(haidian, divisionByCode('110000')!)).toBe(true);
    expect(liesWithin(haidian, divisionByCode('440000')!)).toBe(false);
    expect(liesWithin(divisionByCode('440100')!, divisionByCode('440000')!)).toBe(true);
    expect(divisionByCode('110101001001')?.name).toBe('东城区');
  });

  it('removes invisible characters and shows them escaped', () => {
    expect(withoutInvisible('广\u200b东\ufeff')).toEqual({ text: '广东', removed: ['U+200B', 'U+FEFF'] });
  });
});

describe('header cells', () => {
  it('reads a bilingual cell by its Chinese name and unit', () => {
    expect(chineseHeaderOf('城镇人口（万人） Urban Population (10000 persons)')).toBe('城镇人口（万人）');
    expect(chineseHeaderOf('社区服务中心数 Number of Community Service Centers（个）')).toBe('社区服务中心数（个）');
    expect(chineseHeaderOf('地区 Region')).toBe('地区');
    expect(chineseHeaderOf('urban_population（万人）')).toBe('urban_population（万人）');
  });

  it('tells a column-code row from a data row', () => {
    expect(isColumnCodeRow(['甲', '1', '2', '3'], 4)).toBe(true);
    expect(isColumnCodeRow(['', '1', '2', '3'], 4)).toBe(true);
    expect(isColumnCodeRow(['栏次', '1', '2'], 3)).toBe(true);
    expect(isColumnCodeRow(['北京', '1', '2', '3'], 4)).toBe(false);
    expect(isColumnCodeRow(['甲', '1', '3'], 3)).toBe(false);
    expect(isColumnCodeRow(['甲', '1', '2'], 4)).toBe(false);
  });
});
