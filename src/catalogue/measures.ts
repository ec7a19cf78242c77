/**
 * The measures svc-stats recognises as input columns: data, not code. Names are those seen in yearbooks
 * (../shared/domain.md, "Measures"); a header matches a measure by its id or any of its names, ignoring case,
 * blanks and half/full-width brackets.
 */
export interface MeasureDefinition {
  /** canonical English id, the key in JSON output */
  readonly id: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Chinese (or other) names seen in yearbook headers, besides the id */
  readonly names: readonly string[];
  /** base unit of the values after scaling */
  readonly unit: { readonly zh: string; readonly en: string };
  /** counts are non-negative integers once scaled to the base unit */
  readonly kind: 'count' | 'amount';
  /** what is counted: a header's unit must be of the same dimension (社区数（元） is refused); unchecked when absent */
  readonly dimension?: Dimension | undefined;
}

/** Things (个, 处, 所…), persons (人, 名…) or money (元): the kind of quantity a unit measures. */
export type Dimension = 'thing' | 'person' | 'money';

const PERSONS = { zh: '人', en: 'persons' } as const;
const UNITS = { zh: '个', en: 'units' } as const;

export const BUILTIN_MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'communities',
    label: { zh: '社区数', en: 'communities' },
    // 居民委员会 / 社区居民委员会: NBS yearbook table 1-1 (基层群众性自治组织) and the ministry's bulletins (民政事业发展统计公报)
    names: ['社区数', '社区总数', '社区', '社区居委会', '社区居委会数', '居委会', '居委会数', '居民委员会', '居民委员会数', '社区居民委员会', '社区居民委员会数', '社区居委会个数'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'urban_population',
    label: { zh: '城镇人口', en: 'urban population' },
    // 年末城镇人口: NBS yearbook table 2-1 (人口数及构成); 城镇常住人口: NBS statistical bulletins since 2011
    names: ['城镇人口', '城镇人口数', '总人口数', '总人口', '年末城镇人口', '年末城镇人口数', '城镇常住人口', '城镇常住人口数', '年末城镇常住人口'],
    unit: PERSONS,
    kind: 'count',
    dimension: 'person',
  },
  {
    id: 'committee_members',
    label: { zh: '居委会成员数', en: "residents' committee members" },
    // 居民委员会成员: the ministry's bulletins ("居委会成员43.1万人", 2009)
    names: ['居委会成员数', '居委会成员', '居委会工作人员数', '居委会工作人员', '社区居委会成员', '社区居委会成员数', '居民委员会成员', '居民委员会成员数', '居委会成员人数'],
    unit: PERSONS,
    kind: 'count',
    dimension: 'person',
  },
  {
    id: 'service_centers',
    label: { zh: '社区服务中心数', en: 'community service centres' },
    // 社区服务中心个数 and the English row of NBS yearbook 2000 table 21-52 (../shared/data/SOURCES.md)
    names: ['社区服务中心数', '社区服务中心', '社区服务中心个数', 'number of community service centers', 'community service centers', 'community service centres'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'service_facilities',
    label: { zh: '社区服务设施数', en: 'community service facilities' },
    names: ['社区服务设施数', '社区服务设施', '一般社区服务设施', '一般社区服务设施数'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'subdistricts',
    label: { zh: '街道数', en: 'sub-districts' },
    // 街道办事处个数: NBS yearbook table 1-1 (行政区划)
    names: ['街道数', '街道', '街道办事处', '街道办事处数', '街道办事处个数', '街道办'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'districts',
    label: { zh: '城区数', en: 'urban districts' },
    names: ['城区数', '城区', '市辖区', '市辖区数', '市辖区个数'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'cities',
    label: { zh: '城市数', en: 'cities' },
    names: ['城市数', '城市', '城市个数'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  // NBS China Statistical Yearbook 2000 (English edition), table 21-52 Basic Statistics on Urban Welfare Facilities
  // and Rural Social Security Network (data/provinces-1999-community-services.csv): its Chinese and English names
  {
    id: 'welfare_facilities',
    label: { zh: '城镇福利设施数', en: 'urban welfare facilities' },
    names: ['城镇福利设施数', '城镇福利设施', 'number of urban welfare facilities', 'urban welfare facilities'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'convenience_points',
    label: { zh: '城镇便民服务网点', en: 'convenience service points' },
    names: ['城镇便民服务网点', '城镇便民服务网点数', '便民服务网点', 'service points for civilian convenience', 'service points for civilian'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
  {
    id: 'rural_security_networks',
    label: { zh: '农村社会保障网络', en: 'rural social security networks' },
    names: ['农村社会保障网络', '农村社会保障网络数', 'rural social security network', 'rural social security networks'],
    unit: UNITS,
    kind: 'count',
    dimension: 'thing',
  },
];

/**
 * Multipliers a header's unit may carry, as powers of ten, longest first.
 * 万 = 10^4, 亿 = 10^8, 千 = 10^3 (domain.md); 百万 and 千万 follow from them.
 */
export const UNIT_PREFIXES: readonly (readonly [string, number])[] = [
  ['百万', 6], ['千万', 7], ['万', 4], ['亿', 8], ['千', 3], ['百', 2],
];
/** Base units a header may name after its prefix, each with the dimension it measures. */
export const BASE_UNIT_DIMENSIONS: Readonly<Record<string, Dimension>> = {
  人: 'person', 名: 'person', 人次: 'person', persons: 'person', person: 'person',
  个: 'thing', 户: 'thing', 处: 'thing', 所: 'thing', 家: 'thing', 座: 'thing', 间: 'thing', 项: 'thing',
  次: 'thing', 张: 'thing', 床: 'thing', units: 'thing', unit: 'thing',
  元: 'money', yuan: 'money',
};

/** Words a dimension is named by in messages. */
export const DIMENSION_UNITS: Readonly<Record<Dimension, string>> = {
  thing: '个, 处, 所 …', person: '人, 万人', money: '元, 万元, 亿元',
};
