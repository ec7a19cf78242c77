/**
 * A tile-grid map of China's 31 mainland provinces: each province one same-size square at a fixed cell that
 * approximates its place on the map. The idea is the tile-grid map of news graphics (NPR's and the Washington
 * Post's square maps of US states, 2015; the same idea for Chinese provinces in Caixin and SCMP graphics): equal
 * areas, so a small rich province weighs as much as a vast empty one, and no boundary data at all. The cells below
 * are our own arrangement: row 0 is the north, column 0 the west; neighbours on the map stay neighbours where a
 * square grid allows (北京 above 河北 and 天津, 上海 east of 江苏, 海南 below 广西 and 广东).
 */
export interface ProvinceTile {
  /** short name, as in the region table of domain.md */
  readonly name: string;
  /** English name for English charts */
  readonly en: string;
  readonly col: number;
  readonly row: number;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { name: '黑龙江', en: 'Heilongjiang', col: 6, row: 0 },

  { name: '内蒙古', en: 'Inner Mongolia', col: 3, row: 1 },
  { name: '北京', en: 'Beijing', col: 4, row: 1 },
  { name: '辽宁', en: 'Liaoning', col: 5, row: 1 },
  { name: '吉林', en: 'Jilin', col: 6, row: 1 },

  { name: '新疆', en: 'Xinjiang', col: 0, row: 2 },
  { name: '宁夏', en: 'Ningxia', col: 2, row: 2 },
  { name: '山西', en: 'Shanxi', col: 3, row: 2 },
  { name: '河北', en: 'Hebei', col: 4, row: 2 },
  { name: '天津', en: 'Tianjin', col: 5, row: 2 },

  { name: '青海', en: 'Qinghai', col: 0, row: 3 },
  { name: '甘肃', en: 'Gansu', col: 1, row: 3 },
  { name: '陕西', en: 'Shaanxi', col: 2, row: 3 },
  { name: '河南', en: 'Henan', col: 3, row: 3 },
  { name: '山东', en: 'Shandong', col: 4, row: 3 },

  { name: '西藏', en: 'Tibet', col: 0, row: 4 },
  { name: '四川', en: 'Sichuan', col: 1, row: 4 },
  { name: '重庆', en: 'Chongqing', col: 2, row: 4 },
  { name: '湖北', en: 'Hubei', col: 3, row: 4 },
  { name: '安徽', en: 'Anhui', col: 4, row: 4 },
  { name: '江苏', en: 'Jiangsu', col: 5, row: 4 },
  { name: '上海', en: 'Shanghai', col: 6, row: 4 },

  { name: '云南', en: 'Yunnan', col: 1, row: 5 },
  { name: '贵州', en: 'Guizhou', col: 2, row: 5 },
  { name: '湖南', en: 'Hunan', col: 3, row: 5 },
  { name: '江西', en: 'Jiangxi', col: 4, row: 5 },
  { name: '浙江', en: 'Zhejiang', col: 5, row: 5 },

  { name: '广西', en: 'Guangxi', col: 2, row: 6 },
  { name: '广东', en: 'Guangdong', col: 3, row: 6 },
  { name: '福建', en: 'Fujian', col: 4, row: 6 },

  { name: '海南', en: 'Hainan', col: 2, row: 7 },
];

/** Suffixes of official province names, longest first so that 维吾尔自治区 goes before 自治区. */
const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '省', '市'];

const TILE_BY_KEY = new Map<string, ProvinceTile>();
for (const tile of PROVINCE_TILES) {
  TILE_BY_KEY.set(tile.name, tile);
  TILE_BY_KEY.set(tile.en.toLowerCase().replace(/[\s-]+/g, ''), tile);
}

/**
 * The tile a unit name stands for, or undefined: `广东`, `广东省`, `内蒙古自治区`, `广西壮族自治区`, `Guangdong`
 * all match. Full-width forms and blanks are normalised first (NFKC), as yearbook labels carry both.
 */
export function findProvinceTile(label: string): ProvinceTile | undefined {
  const name = label.normalize('NFKC').replace(/\s+/g, '');
  const direct = TILE_BY_KEY.get(name) ?? TILE_BY_KEY.get(name.toLowerCase().replace(/-/g, ''));
  if (direct !== undefined) return direct;
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      const tile = TILE_BY_KEY.get(name.slice(0, -suffix.length));
      if (tile !== undefined) return tile;
    }
  }
  return undefined;
}

export interface PlacedTile {
  readonly tile: ProvinceTile;
  /** the category that named it, as written */
  readonly category: string;
  /** its value, or null when missing */
  readonly value: number | null;
  /** the position of its category in the caller's list */
  readonly index: number;
}

export interface TilePlacement {
  /** one entry per province that some category named, in the order of PROVINCE_TILES */
  readonly placed: PlacedTile[];
  /** provinces no category named: drawn as empty tiles */
  readonly absent: ProvinceTile[];
  /** categories that name no province (totals, groups, typos) or name one a second time: for the caller's notes */
  readonly unmatched: string[];
}

/**
 * Matches categories to province tiles. A category that names a province already named earlier is reported as
 * unmatched rather than drawn twice.
 */
export function placeOnTiles(categories: readonly string[], values: readonly (number | null)[]): TilePlacement {
  const byName = new Map<string, PlacedTile>();
  const unmatched: string[] = [];
  categories.forEach((category, index) => {
    const tile = findProvinceTile(category);
    if (tile === undefined || byName.has(tile.name)) {
      unmatched.push(category);
      return;
    }
    byName.set(tile.name, { tile, category, value: values[index] ?? null, index });
  });
  const placed: PlacedTile[] = [];
  const absent: ProvinceTile[] = [];
  for (const tile of PROVINCE_TILES) {
    const found = byName.get(tile.name);
    if (found === undefined) absent.push(tile);
    else placed.push(found);
  }
  return { placed, absent, unmatched };
}
