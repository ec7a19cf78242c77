/**
 * `equity`: how evenly each target reaches people across units — CV, Gini, Theil T and L, max/min ratio —
 * weighted (by urban population by default) or not, with the between/within split of Theil over --by groups.
 * Statistics use the exact, unrounded values of the units; only what is printed is rounded.
 */
import type { Note } from '../notes.js';
import { someNames } from '../notes.js';
import type { RoundingMode } from '../exact/rational.js';
import { fromNumber, roundToString } from '../exact/rational.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { SvcError } from '../errors.js';
import type { ReadOptions } from '../engine/read-options.js';
import type { UnitSet } from '../engine/units.js';
import { collectUnits, groupUnits } from '../engine/units.js';
import { perYear } from './per-year.js';
import { checkStatisticsInput } from './statistics-input.js';
import { openRecords } from '../io/records.js';
import type { LabelId } from '../render/labels.js';
import { DAGUM_PARTS, LABELS, labelled } from '../render/labels.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';
import type { WeightedColumns } from '../stats/equity.js';
import { coefficientOfVariation, gini, maxMinRatio, theilDecomposition, theilL, theilT, weightedMean } from '../stats/equity.js';
import { atkinson } from '../stats/atkinson.js';
import { dagum } from '../stats/dagum.js';
import { generalisedEntropy, generalisedEntropySplit } from '../stats/generalised-entropy.js';
import type { SortedGroups } from '../stats/equity-indices.js';
import { SPLIT_INDICES, WHOLE_INDICES, sortGroups } from '../stats/equity-indices.js';
import type { BootstrapChoices } from './bootstrap-run.js';
import { bootstrapIntervals } from './bootstrap-run.js';

export interface EquityChoices {
  readonly weighted: boolean;
  readonly groups: boolean;
  readonly decimals: number;
  readonly mode: RoundingMode;
  /** --dagum: Dagum's decomposition as a long table (parts, each group's Gini, each pair's G_jh and D_jh) */
  readonly dagum?: boolean;
  /** --bootstrap N: percentile intervals of every index */
  readonly bootstrap?: BootstrapChoices | undefined;
}

const BASE = ['indicator', 'n', 'mean', 'cv', 'gini', 'theil_t', 'theil_l', 'ge_m1', 'ge_2', 'atkinson_0_5', 'atkinson_1', 'atkinson_2', 'max_min_ratio'] as const;
const SPLIT = [
  'theil_t_between', 'theil_t_within', 'theil_l_between', 'theil_l_within', 'between_share_t', 'between_share_l',
  'ge_m1_between', 'ge_m1_within', 'ge_2_between', 'ge_2_within',
  'gini_within', 'gini_net_between', 'gini_transvariation', 'gini_within_share', 'gini_net_between_share', 'gini_transvariation_share',
] as const;
const DAGUM = ['indicator', 'part', 'group', 'value', 'share_of_gini', 'relative_affluence', 'population_share', 'value_share'] as const;

export interface EquityRequest {
  readonly catalogue: Catalogue;
  readonly ids: readonly string[] | undefined;
  /** a measure id, or undefined for unweighted statistics */
  readonly weight: string | undefined;
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
  readonly choices: EquityChoices;
}

/** Read the units of one input and measure how evenly each target reaches them. */
export async function equityReport(source: string, options: ReadOptions, request: EquityRequest): Promise<EquityResult> {
  const { catalogue, weight } = request;
  if (weight !== undefined && !catalogue.measures.some((measure) => measure.id === weight)) {
    throw new SvcError('USAGE', `--weight ${weight}: not a measure id`, {}, "see 'svc-stats measures', or use --weight none");
  }
  const set = await collectUnits(openRecords(source, options), options, catalogue, request.ids, weight, request.by, 'equity');
  checkStatisticsInput(set, 'equity');
  if (weight !== undefined && !set.plan.measureColumns.some((column) => column.measure.id === weight)) {
    throw new SvcError('USAGE', `the weight ${weight} is not a column of the input`, { file: set.file },
      'give --weight MEASURE, or --weight none for unweighted statistics');
  }
  // the bootstrap runs on threads (asynchronous): its intervals are found first, year by year, then tabled
  const intervals = new Map<string, Intervals>();
  if (request.choices.bootstrap !== undefined) {
    const years = set.years.length <= 1 ? [undefined] : set.years.map((year) => set.yearNames.indexOf(year));
    for (const year of years) {
      for (let index = 0; index < set.targets.length; index += 1) {
        const selection = selectUnits(set, request.choices, index, year);
        if (!(selection.mean !== undefined && selection.mean > 0)) continue;
        intervals.set(`${year}:${index}`, await bootstrapIntervals(selection.sorted(), set.grouper !== undefined, request.choices.bootstrap));
      }
    }
  }
  const build = request.choices.dagum === true ? dagumTable : equityTable;
  const result = perYear(set, (year) => build(set, request.choices, year, (index) => intervals.get(`${year}:${index}`)));
  return { table: result.table, notes: [...set.notes, ...result.notes], warnings: set.warnings };
}

export interface EquityResult {
  readonly table: ReportTable;
  readonly notes: readonly Note[];
  readonly warnings: readonly string[];
}

/** The bootstrap's interval of each index, in the order of WHOLE_INDICES then SPLIT_INDICES; null: undefined in some resample. */
type Intervals = readonly ({ lower: number; upper: number } | null)[];

/** The values and weights of the given units, in their order; every weight 1 when unweighted. */
function weightedOf(set: UnitSet, units: ArrayLike<number>, index: number, weighted: boolean): WeightedColumns {
  const column = set.values[index]!;
  const values = new Float64Array(units.length);
  const weights = new Float64Array(units.length);
  for (let at = 0; at < units.length; at += 1) {
    const unit = units[at]!;
    values[at] = column[unit]!;
    weights[at] = weighted ? set.weights![unit]! : 1;
  }
  return { values, weights };
}

/** The units of one target and year that have a value (and weight): all of them, and by group with --by. */
interface Selection {
  readonly all: number;
  readonly count: number;
  readonly lacking: readonly string[];
  readonly data: WeightedColumns;
  /** undefined when no unit is left or the total weight is 0 */
  readonly mean: number | undefined;
  /** with --by: each group's name and units */
  readonly byGroup: readonly (readonly [string, WeightedColumns])[];
  /** the units by group, sorted by value in each (made when asked: O(n log n)) */
  sorted(): SortedGroups;
}

function selectUnits(set: UnitSet, choices: EquityChoices, index: number, year: number | undefined): Selection {
  const column = set.values[index]!;
  const inYear = (unit: number): boolean => year === undefined || set.yearOf[unit] === year;
  const weightOf = (unit: number): number => (set.weights === undefined ? NaN : set.weights[unit]!);
  const isUsable = (unit: number): boolean => !Number.isNaN(column[unit]!) && (!choices.weighted || !Number.isNaN(weightOf(unit)));
  let all = 0;
  let count = 0;
  for (let unit = 0; unit < set.count; unit += 1) {
    if (!inYear(unit)) continue;
    all += 1;
    if (isUsable(unit)) count += 1;
  }
  // every unit usable: the columns themselves, not a copy (8 bytes a unit less per column)
  const everyUnit = count === set.count;
  const usable = new Uint32Array(everyUnit ? 0 : count);
  for (let unit = 0, at = 0; at < usable.length; unit += 1) if (inYear(unit) && isUsable(unit)) usable[at++] = unit;
  const lacking = count < all ? set.lacking.filter(({ unit }) => inYear(unit) && !isUsable(unit)).map(({ label }) => label) : [];
  const data = everyUnit
    ? { values: column, weights: choices.weighted ? set.weights! : new Float64Array(count).fill(1) }
    : weightedOf(set, usable, index, choices.weighted);
  let totalWeight = 0;
  for (let at = 0; at < data.weights.length; at += 1) totalWeight += data.weights[at]!;
  const mean = count > 0 && totalWeight > 0 ? weightedMean(data) : undefined;
  const byGroup: (readonly [string, WeightedColumns])[] = [];
  if (set.grouper !== undefined && count > 0) {
    const { groups, starts, units } = groupUnits(set, (unit) => inYear(unit) && isUsable(unit));
    groups.forEach((group, k) => byGroup.push([set.groupNames[group]!, weightedOf(set, units.subarray(starts[k], starts[k + 1]), index, choices.weighted)]));
  }
  return {
    all, count, lacking, data, mean, byGroup,
    sorted: () => sortGroups(byGroup.length > 0 ? byGroup.map(([, group]) => group) : [data]),
  };
}

const SPLIT_AT = WHOLE_INDICES.length;

/**
 * One row a target over the units of one year (an index into set.yearNames), or of all units; with --by, the
 * Theil, GE and Dagum splits and (--groups) a row a group. The units are put in their groups once: O(n log n).
 * With --bootstrap, `intervalsOf(target)` gives each index's interval: a lower and upper column after the rest.
 */
export function equityTable(set: UnitSet, choices: EquityChoices, year?: number, intervalsOf: (target: number) => Intervals | undefined = () => undefined): EquityResult {
  const grouped = set.grouper !== undefined;
  const bounded = choices.bootstrap === undefined ? [] : [...WHOLE_INDICES, ...(grouped ? SPLIT_INDICES : [])];
  const ids: string[] = [...(choices.groups ? ['group'] : []), ...BASE, ...(grouped ? SPLIT : []), ...bounded.flatMap((id) => [`${id}_lower`, `${id}_upper`]), 'note'];
  const columns: ReportColumn[] = ids.map((id) => columnOf(id));
  const format = formatter(choices);
  const notes: Note[] = [];
  const rows: OutputCell[][] = [];
  const row = (cells: Record<string, OutputCell>): OutputCell[] => ids.map((id) => cells[id] ?? null);

  set.targets.forEach((target, index) => {
    const selection = selectUnits(set, choices, index, year);
    const { count, data, byGroup } = selection;
    if (selection.lacking.length > 0) notes.push(lackingNote(target.id, selection.lacking, choices));
    if (count === 0) {
      rows.push(row({ indicator: target.id, n: '0', note: 'no unit has a value' }));
      return;
    }
    const mean = selection.mean ?? NaN;
    if (!(mean > 0)) {
      rows.push(row({ indicator: target.id, n: String(count), mean: format(mean), note: 'the mean is zero: inequality is undefined' }));
      return;
    }
    const l = theilL(data);
    const t = theilT(data);
    const reasons: string[] = [];
    if (l === null) reasons.push('theil_l, ge_m1, atkinson_1 and atkinson_2 undefined: some unit has the value 0');
    const ratio = maxMinRatio(data.values);
    if (ratio === null) reasons.push('max_min_ratio undefined: the minimum is 0');
    const cells: Record<string, OutputCell> = {
      indicator: target.id, n: String(count), ...wholeCells(data, format), max_min_ratio: format(ratio),
    };
    if (grouped) {
      const groups = byGroup.map(([, groupData]) => groupData);
      const split = theilDecomposition(groups);
      const geMinus = generalisedEntropySplit(groups, -1);
      const geTwo = generalisedEntropySplit(groups, 2);
      const parts = dagum(groups);
      const g = parts.gini;
      Object.assign(cells, {
        theil_t_between: format(split.t.between), theil_t_within: format(split.t.within),
        theil_l_between: format(split.l?.between), theil_l_within: format(split.l?.within),
        between_share_t: format(t === 0 ? null : split.t.between / t),
        between_share_l: format(l === null || l === 0 ? null : split.l!.between / l),
        ge_m1_between: format(geMinus?.between), ge_m1_within: format(geMinus?.within),
        ge_2_between: format(geTwo?.between), ge_2_within: format(geTwo?.within),
        gini_within: format(parts.within), gini_net_between: format(parts.netBetween), gini_transvariation: format(parts.transvariation),
        gini_within_share: format(g === 0 ? null : parts.within / g), gini_net_between_share: format(g === 0 ? null : parts.netBetween / g),
        gini_transvariation_share: format(g === 0 ? null : parts.transvariation / g),
      });
    }
    const intervals = intervalsOf(index);
    if (intervals !== undefined) {
      bounded.forEach((id, at) => {
        cells[`${id}_lower`] = format(intervals[at]?.lower);
        cells[`${id}_upper`] = format(intervals[at]?.upper);
      });
    }
    cells['note'] = reasons.length > 0 ? reasons.join('; ') : null;
    rows.push(row(cells));
    if (choices.groups) {
      for (const [group, groupData] of byGroup) {
        const groupL = theilL(groupData);
        rows.push(row({
          group, indicator: target.id, n: String(groupData.values.length), mean: format(weightedMean(groupData)),
          ...wholeCells(groupData, format), note: groupL === null ? 'theil_l, ge_m1, atkinson_1 and atkinson_2 undefined: some unit has the value 0' : null,
        }));
      }
    }
  });
  return { table: { columns, rows }, notes, warnings: [] };
}

function wholeCells(data: WeightedColumns, format: (value: number | null | undefined) => OutputCell): Record<string, OutputCell> {
  return {
    mean: format(weightedMean(data)), cv: format(coefficientOfVariation(data)), gini: format(gini(data)),
    theil_t: format(theilT(data)), theil_l: format(theilL(data)),
    ge_m1: format(generalisedEntropy(data, -1)), ge_2: format(generalisedEntropy(data, 2)),
    atkinson_0_5: format(atkinson(data, 0.5)), atkinson_1: format(atkinson(data, 1)), atkinson_2: format(atkinson(data, 2)),
  };
}

/**
 * --dagum: Dagum's (1997) decomposition as a long table, for each target: the Gini, G_w, G_nb and G_t with their
 * shares of G; each group's own Gini G_jj with its population share p_j and value share s_j; each pair's
 * between-group Gini G_jh with D_jh (its share: the pair's part of G_nb + G_t over G). With --bootstrap, the
 * first four rows get their interval.
 */
export function dagumTable(set: UnitSet, choices: EquityChoices, year?: number, intervalsOf: (target: number) => Intervals | undefined = () => undefined): EquityResult {
  const bounded = choices.bootstrap !== undefined;
  const ids: string[] = [...DAGUM, ...(bounded ? ['lower', 'upper'] : []), 'note'];
  const columns = ids.map((id) => columnOf(id));
  const format = formatter(choices);
  const notes: Note[] = [];
  const rows: OutputCell[][] = [];
  const row = (cells: Record<string, OutputCell>): OutputCell[] => ids.map((id) => cells[id] ?? null);
  set.targets.forEach((target, index) => {
    const selection = selectUnits(set, choices, index, year);
    if (selection.lacking.length > 0) notes.push(lackingNote(target.id, selection.lacking, choices));
    if (!(selection.mean !== undefined && selection.mean > 0)) {
      rows.push(row({ indicator: target.id, part: 'gini', note: selection.count === 0 ? 'no unit has a value' : 'the mean is zero: inequality is undefined' }));
      return;
    }
    const names = selection.byGroup.map(([name]) => name);
    const parts = dagum(selection.byGroup.map(([, group]) => group));
    const g = parts.gini;
    const share = (value: number): OutputCell => format(g === 0 ? null : value / g);
    const intervals = intervalsOf(index);
    const bound = (at: number): Record<string, OutputCell> =>
      intervals === undefined ? {} : { lower: format(intervals[at]?.lower), upper: format(intervals[at]?.upper) };
    const at = (id: (typeof SPLIT_INDICES)[number]): number => SPLIT_AT + SPLIT_INDICES.indexOf(id);
    rows.push(row({ indicator: target.id, part: 'gini', value: format(g), share_of_gini: share(g), ...bound(WHOLE_INDICES.indexOf('gini')) }));
    rows.push(row({ indicator: target.id, part: 'within', value: format(parts.within), share_of_gini: share(parts.within), ...bound(at('gini_within')) }));
    rows.push(row({ indicator: target.id, part: 'net_between', value: format(parts.netBetween), share_of_gini: share(parts.netBetween), ...bound(at('gini_net_between')) }));
    rows.push(row({ indicator: target.id, part: 'transvariation', value: format(parts.transvariation), share_of_gini: share(parts.transvariation), ...bound(at('gini_transvariation')) }));
    parts.groups.forEach((group, j) => rows.push(row({
      indicator: target.id, part: 'group_gini', group: names[j]!, value: format(group.gini),
      share_of_gini: share(group.gini * group.populationShare * group.valueShare),
      population_share: format(group.populationShare), value_share: format(group.valueShare),
    })));
    for (const pair of parts.pairs) {
      // the group of the higher mean first, as Dagum orders a pair
      const [high, low] = parts.groups[pair.j]!.mean >= parts.groups[pair.h]!.mean ? [pair.j, pair.h] : [pair.h, pair.j];
      rows.push(row({
        indicator: target.id, part: 'between_gini', group: `${names[high]}/${names[low]}`, value: format(pair.gini),
        share_of_gini: share(pair.netBetween + pair.transvariation), relative_affluence: format(pair.d),
      }));
    }
  });
  return { table: { columns, rows }, notes, warnings: [] };
}

function lackingNote(id: string, lacking: readonly string[], choices: EquityChoices): Note {
  return {
    kind: `units left out for lack of a value${choices.weighted ? ' or weight' : ''}`, separator: '; ',
    item: `${id} (${someNames(lacking)})`, itemFull: `${id} (${lacking.join(', ')})`,
  };
}

function formatter(choices: EquityChoices): (value: number | null | undefined) => OutputCell {
  return (value) => (value === null || value === undefined || !Number.isFinite(value) ? null : roundToString(fromNumber(value), choices.decimals, choices.mode));
}

const TEXT_COLUMNS = new Set(['group', 'indicator', 'note', 'part']);

/** A column of the equity tables: its label from the label table; a bound `X_lower` / `X_upper` labelled from X's. */
function columnOf(id: string): ReportColumn {
  const bound = /^(.+)_(lower|upper)$/.exec(id);
  if (bound !== null && bound[1]! in LABELS) {
    const base = LABELS[bound[1] as LabelId];
    const side = LABELS[bound[2] as 'lower' | 'upper'];
    return { id, label: { zh: `${base.zh}${side.zh}`, en: id }, kind: 'number' };
  }
  if (id === 'part') return labelled('part', 'text', { codes: DAGUM_PARTS });
  return labelled(id as LabelId, TEXT_COLUMNS.has(id) ? 'text' : 'number');
}
