/**
 * China's statistical regions (NBS), as data: three belts (11th Five-Year plans) and four regions (NBS since
 * 2011). Provinces are matched with or without their suffix (广东省, 北京市, 内蒙古自治区) or by pinyin name.
 */
import { nfkc } from './names.js';

export type RegionScheme = 'three' | 'four';

interface Province {
  readonly zh: string;
  readonly en: readonly string[];
  readonly three: '东部' | '中部' | '西部';
  readonly four: '东部' | '中部' | '西部' | '东北';
}

export const PROVINCES: readonly Province[] = [
  { zh: '北京', en: ['beijing'], three: '东部', four: '东部' },
  { zh: '天津', en: ['tianjin'], three: '东部', four: '东部' },
  { zh: '河北', en: ['hebei'], three: '东部', four: '东部' },
  { zh: '山西', en: ['shanxi'], three: '中部', four: '中部' },
  { zh: '内蒙古', en: ['innermongolia', 'neimongol', 'neimenggu'], three: '西部', four: '西部' },
  { zh: '辽宁', en: ['liaoning'], three: '东部', four: '东北' },
  { zh: '吉林', en: ['jilin'], three: '中部', four: '东北' },
  { zh: '黑龙江', en: ['heilongjiang'], three: '中部', four: '东北' },
  { zh: '上海', en: ['shanghai'], three: '东部', four: '东部' },
  { zh: '江苏', en: ['jiangsu'], three: '东部', four: '东部' },
  { zh: '浙江', en: ['zhejiang'], three: '东部', four: '东部' },
  { zh: '安徽', en: ['anhui'], three: '中部', four: '中部' },
  { zh: '福建', en: ['fujian'], three: '东部', four: '东部' },
  { zh: '江西', en: ['jiangxi'], three: '中部', four: '中部' },
  { zh: '山东', en: ['shandong'], three: '东部', four: '东部' },
  { zh: '河南', en: ['henan'], three: '中部', four: '中部' },
  { zh: '湖北', en: ['hubei'], three: '中部', four: '中部' },
  { zh: '湖南', en: ['hunan'], three: '中部', four: '中部' },
  { zh: '广东', en: ['guangdong'], three: '东部', four: '东部' },
  { zh: '广西', en: ['guangxi'], three: '西部', four: '西部' },
  { zh: '海南', en: ['hainan'], three: '东部', four: '东部' },
  { zh: '重庆', en: ['chongqing'], three: '西部', four: '西部' },
  { zh: '四川', en: ['sichuan'], three: '西部', four: '西部' },
  { zh: '贵州', en: ['guizhou'], three: '西部', four: '西部' },
  { zh: '云南', en: ['yunnan'], three: '西部', four: '西部' },
  { zh: '西藏', en: ['tibet', 'xizang'], three: '西部', four: '西部' },
  { zh: '陕西', en: ['shaanxi'], three: '西部', four: '西部' },
  { zh: '甘肃', en: ['gansu'], three: '西部', four: '西部' },
  { zh: '青海', en: ['qinghai'], three: '西部', four: '西部' },
  { zh: '宁夏', en: ['ningxia'], three: '西部', four: '西部' },
  { zh: '新疆', en: ['xinjiang'], three: '西部', four: '西部' },
];

/** Suffixes of official province names, longest first. */
const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];

const BY_NAME = new Map<string, Province>();
for (const province of PROVINCES) {
  BY_NAME.set(province.zh, province);
  for (const name of province.en) BY_NAME.set(name, province);
}

/** The province a label names, or undefined: `广西壮族自治区` → 广西, `Inner Mongolia` → 内蒙古. */
const BLANK = /\s/;
const BLANKS = /\s+/g;
const ENGLISH_SUFFIX = /province$|city$|autonomousregion$/;

export function findProvince(label: string): Province | undefined {
  let name = nfkc(label);
  if (BLANK.test(name)) name = name.replace(BLANKS, '');
  name = name.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      name = name.slice(0, -suffix.length);
      break;
    }
  }
  return BY_NAME.get(name) ?? (ENGLISH_SUFFIX.test(name) ? BY_NAME.get(name.replace(ENGLISH_SUFFIX, '')) : undefined);
}

export function regionOf(label: string, scheme: RegionScheme): string | undefined {
  return findProvince(label)?.[scheme];
}

/** Regions in their conventional order, for sorting groups. */
export const REGION_ORDER: readonly string[] = ['东部', '中部', '西部', '东北'];
