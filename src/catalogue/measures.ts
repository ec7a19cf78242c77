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
}

const PERSONS = { zh: '人', en: 'persons' } as const;
const UNITS = { zh: '个', en: 'units' } as const;

export const BUILTIN_MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'communities',
    label: { zh: '社区数', en: 'communities' },
    names: ['社区数', '社区总数', '社区', '社区居委会', '社区居委会数', '居委会', '居委会数'],
    unit: UNITS,
    kind: 'count',
  },
  {
    id: 'urban_population',
    label: { zh: '城镇人口', en: 'urban population' },
    names: ['城镇人口', '城镇人口数', '总人口数', '总人口'],
    unit: PERSONS,
    kind: 'count',
  },
  {
    id: 'committee_members',
    label: { zh: '居委会成员数', en: "residents' committee members" },
    names: ['居委会成员数', '居委会成员', '居委会工作人员数', '居委会工作人员', '社区居委会成员'],
    unit: PERSONS,
    kind: 'count',
  },
  {
    id: 'service_centers',
    label: { zh: '社区服务中心数', en: 'community service centres' },
    names: ['社区服务中心数', '社区服务中心'],
    unit: UNITS,
    kind: 'count',
  },
  {
    id: 'service_facilities',
    label: { zh: '社区服务设施数', en: 'community service facilities' },
    names: ['社区服务设施数', '社区服务设施', '一般社区服务设施', '一般社区服务设施数'],
    unit: UNITS,
    kind: 'count',
  },
  {
    id: 'subdistricts',
    label: { zh: '街道数', en: 'sub-districts' },
    names: ['街道数', '街道', '街道办事处', '街道办事处数'],
    unit: UNITS,
    kind: 'count',
  },
  {
    id: 'districts',
    label: { zh: '城区数', en: 'urban districts' },
    names: ['城区数', '城区', '市辖区', '市辖区数'],
    unit: UNITS,
    kind: 'count',
  },
  {
    id: 'cities',
    label: { zh: '城市数', en: 'cities' },
    names: ['城市数', '城市'],
    unit: UNITS,
    kind: 'count',
  },
];

/** Columns naming the unit a row describes, in order of preference when a file has several. */
export const LABEL_COLUMN_NAMES: readonly string[] = [
  '地区', '省份', '单位', '地区名称', '省份名称', '省', '省区市', 'unit', 'region', 'province', 'area', 'name',
];
export const YEAR_COLUMN_NAMES: readonly string[] = ['年份', '年度', '年', 'year'];

/**
 * Multipliers a header's unit may carry, as powers of ten, longest first.
 * 万 = 10^4, 亿 = 10^8, 千 = 10^3 (domain.md); 百万 and 千万 follow from them.
 */
export const UNIT_PREFIXES: readonly (readonly [string, number])[] = [
  ['百万', 6], ['千万', 7], ['万', 4], ['亿', 8], ['千', 3], ['百', 2],
];
/** Base units a header may name after its prefix. */
export const BASE_UNITS: readonly string[] = [
  '人', '个', '元', '户', '处', '所', '名', '家', '座', '间', '项', '次', '人次', '张', '床',
  'persons', 'person', 'units', 'unit', 'yuan',
];
