import { describe, expect, it } from 'vitest';
import { findProvinceTile, placeOnTiles, PROVINCE_TILES } from '../../../src/render/charts/tiles.js';

// the region table of domain.md (three belts), and the suffixed names it lists
const EAST = '北京 天津 河北 辽宁 上海 江苏 浙江 福建 山东 广东 海南'.split(' ');
const CENTRAL = '山西 吉林 黑龙江 安徽 江西 河南 湖北 湖南'.split(' ');
const WEST = '内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆'.split(' ');
const ALL = [...EAST, ...CENTRAL, ...WEST];

/** each province's official name: 省 for most, 市 for the four municipalities, the autonomous regions in full */
const OFFICIAL: Record<string, string> = {
  北京: '北京市', 天津: '天津市', 上海: '上海市', 重庆: '重庆市',
  内蒙古: '内蒙古自治区', 广西: '广西壮族自治区', 西藏: '西藏自治区', 宁夏: '宁夏回族自治区', 新疆: '新疆维吾尔自治区',
};
const official = (name: string) => OFFICIAL[name] ?? `${name}省`;

describe('PROVINCE_TILES', () => {
  it('holds the 31 mainland provinces of the region table, each exactly once', () => {
    expect(ALL).toHaveLength(31);
    expect(PROVINCE_TILES).toHaveLength(31);
    expect(new Set(PROVINCE_TILES.map((t) => t.name))).toEqual(new Set(ALL));
  });

  it('puts no two provinces in one cell', () => {
    const cells = PROVINCE_TILES.map((t) => `${t.col},${t.row}`);
    expect(new Set(cells).size).toBe(31);
    for (const t of PROVINCE_TILES) {
      expect(Number.isInteger(t.col) && t.col >= 0).toBe(true);
      expect(Number.isInteger(t.row) && t.row >= 0).toBe(true);
    }
  });

  it('keeps some map neighbours as grid neighbours', () => {
    const at = (name: string) => PROVINCE_TILES.find((t) => t.name === name)!;
    expect(at('黑龙江').row).toBeLessThan(at('海南').row); // north above south
    expect(at('新疆').col).toBeLessThan(at('上海').col); // west left of east
    expect(at('上海').col).toBe(at('江苏').col + 1);
  });
});

describe('findProvinceTile', () => {
  it.each(ALL)('matches %s with and without its suffix', (name) => {
    expect(findProvinceTile(name)?.name).toBe(name);
    expect(findProvinceTile(official(name))?.name).toBe(name);
  });

  it('reads full-width blanks and English names, and refuses what is not a province', () => {
    expect(findProvinceTile(' 广东省　')?.name).toBe('广东');
    expect(findProvinceTile('Inner Mongolia')?.name).toBe('内蒙古');
    expect(findProvinceTile('guangdong')?.name).toBe('广东');
    for (const other of ['全国', '东部', '香港', '省', '广东市辖区', '']) expect(findProvinceTile(other)).toBeUndefined();
  });
});

describe('placeOnTiles', () => {
  it('places matched categories, lists absent provinces and reports unmatched or repeated categories', () => {
    const { placed, absent, unmatched } = placeOnTiles(['全国', '广东省', '北京', '广东', '东部'], [1, 2, null, 4, 5]);
    expect(placed.map((p) => [p.tile.name, p.category, p.value])).toEqual([
      ['北京', '北京', null],
      ['广东', '广东省', 2],
    ]);
    expect(absent).toHaveLength(29);
    expect(unmatched).toEqual(['全国', '广东', '东部']);
  });
});
