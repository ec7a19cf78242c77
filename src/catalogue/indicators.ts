/**
 * The indicator catalogue: data, not code. Each indicator is a formula over measure ids (formula.ts: + - * /,
 * parentheses, 10^k), evaluated exactly and rounded to `decimals`. Adding one is adding an entry here (or in a
 * user's --indicators-file).
 */
export interface IndicatorDefinition {
  /** stable English id: the interface of every output format */
  readonly id: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** an arithmetic expression over measure ids: `service_centers / urban_population * 10^4` */
  readonly formula: string;
  readonly unit: { readonly zh: string; readonly en: string };
  readonly decimals: number;
  /** where the indicator comes from, one line */
  readonly note: string;
  /**
   * values a correct extract gives for a province or city (domain.md, "Plausible values"); a value outside is a
   * warning, usually a unit left out of a header or a shifted column
   */
  readonly plausible?: readonly [number, number] | undefined;
}

const REPORT = 'MCA 2009 report on community public services';
// plausible: domain.md's table; communities_per_center, residents_per_center_10k and facilities_per_community,
// which it does not list, follow from their inverses there (≤ 5 centres per community → ≥ 0.2 communities per
// centre; ≤ 20 centres per 10,000 residents → ≥ 0.05 万 residents per centre) and from 2.44 nationally.

export const BUILTIN_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'population_per_community',
    label: { zh: '平均每社区人口数', en: 'population per community' },
    formula: 'urban_population / communities',
    unit: { zh: '人', en: 'persons' }, decimals: 0,
    note: `${REPORT}, Table 1 (7031 in 2005)`,
    plausible: [100, 100_000],
  },
  {
    id: 'committee_members_per_community',
    label: { zh: '平均每社区居委会工作人员数', en: "committee members per community" },
    formula: 'committee_members / communities',
    unit: { zh: '人', en: 'persons' }, decimals: 2,
    note: `${REPORT}, Table 1 (5.67 in 2005)`,
    plausible: [1, 100],
  },
  {
    id: 'centers_per_community',
    label: { zh: '每个社区拥有社区服务中心数', en: 'service centres per community' },
    formula: 'service_centers / communities',
    unit: { zh: '个', en: 'centres' }, decimals: 2,
    note: `${REPORT}, Table 2 (0.11 in 2005)`,
    plausible: [0, 5],
  },
  {
    id: 'communities_per_center',
    label: { zh: '每个社区服务中心覆盖社区数', en: 'communities per service centre' },
    formula: 'communities / service_centers',
    unit: { zh: '个', en: 'communities' }, decimals: 2,
    note: `${REPORT}, text`,
    plausible: [0.2, 100_000],
  },
  {
    id: 'centers_per_10k_residents',
    label: { zh: '每万城镇人口拥有社区服务中心数', en: 'service centres per 10,000 residents' },
    formula: 'service_centers / urban_population * 10^4',
    unit: { zh: '个', en: 'centres' }, decimals: 2,
    note: `${REPORT}, text`,
    plausible: [0, 20],
  },
  {
    id: 'residents_per_center_10k',
    label: { zh: '每个社区服务中心服务人口', en: 'residents per service centre' },
    formula: 'urban_population / service_centers * 10^-4',
    unit: { zh: '万人', en: '10,000 persons' }, decimals: 2,
    note: `${REPORT}, text`,
    plausible: [0.05, 10_000],
  },
  {
    id: 'facilities_per_community',
    label: { zh: '平均每社区服务设施数', en: 'service facilities per community' },
    formula: 'service_facilities / communities',
    unit: { zh: '个', en: 'facilities' }, decimals: 2,
    note: `${REPORT}, text`,
    plausible: [0, 100],
  },
  {
    id: 'communities_per_subdistrict',
    label: { zh: '平均每街道社区数', en: 'communities per sub-district' },
    formula: 'communities / subdistricts',
    unit: { zh: '个', en: 'communities' }, decimals: 2,
    note: `${REPORT}, text`,
    plausible: [1, 200],
  },
  {
    id: 'residents_per_committee_member',
    label: { zh: '每名居委会成员服务人口', en: 'residents per committee member' },
    formula: 'urban_population / committee_members',
    unit: { zh: '人', en: 'persons' }, decimals: 0,
    note: `${REPORT}, text`,
    plausible: [50, 20_000],
  },
];
