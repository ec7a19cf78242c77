/**
 * `equity`: how evenly each target reaches people across units — CV, Gini, Theil T and L, max/min ratio —
 * weighted (by urban population by default) or not, with the between/within split of Theil over --by groups.
 * Statistics use the exact, unrounded values of the units; only what is printed is rounded.
 */
import type { Note } from '../notes.js';
import { someNames } from '../notes.js';
import type { RoundingMode } from '../exact/rational.js';
import { doubleText } from './double-text.js';
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
import { labelled } from '../render/labels.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';
import type { WeightedColumns } from '../stats/equity.js';
import { coefficientOfVariation, gini, maxMinRatio, theilDecomposition, theilL, theilT, weightedMean } from '../stats/equity.js';

export interface EquityChoices {
  readonly weighted: boolean;
  readonly groups: boolean;
  readonly decimals: number;
  readonly mode: RoundingMode;
}

const BASE = ['indicator', 'n', 'mean', 'cv', 'gini', 'theil_t', 'theil_l', 'max_min_ratio'] as const;
const SPLIT = ['theil_t_between', 'theil_t_within', 'theil_l_between', 'theil_l_within', 'between_share_t', 'between_share_l'] as const;

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
  const result = perYear(set, (year) => equityTable(set, request.choices, year));
  return { table: result.table, notes: [...set.notes, ...result.notes], warnings: set.warnings };
}

export interface EquityResult {
  readonly table: ReportTable;
  readonly notes: readonly Note[];
  readonly warnings: readonly string[];
}

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

/**
 * One row a target over the units of one year (an index into set.yearNames), or of all units; with --by, the
 * Theil split and (--groups) a row a group. The units are put in their groups once: O(n log n).
 */
export function equityTable(set: UnitSet, choices: EquityChoices, year?: number): EquityResult {
  const grouped = set.grouper !== undefined;
  const ids: string[] = [...(choices.groups ? ['group'] : []), ...BASE, ...(grouped ? SPLIT : []), 'note'];
  const columns: ReportColumn[] = ids.map((id) => labelled(id as LabelId, id === 'group' || id === 'indicator' || id === 'note' ? 'text' : 'number'));
  const format = (value: number | null | undefined): OutputCell =>
    value === null || value === undefined ? null : doubleText(value, choices.decimals, choices.mode);
  const notes: Note[] = [];
  const rows: OutputCell[][] = [];
  const row = (cells: Record<string, OutputCell>): OutputCell[] => ids.map((id) => cells[id] ?? null);
  const inYear = (unit: number): boolean => year === undefined || set.yearOf[unit] === year;
  const weightOf = (unit: number): number => (set.weights === undefined ? NaN : set.weights[unit]!);

  set.targets.forEach((target, index) => {
    const column = set.values[index]!;
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
    if (count < all) {
      const lacking = set.lacking.filter(({ unit }) => inYear(unit) && !isUsable(unit)).map(({ label }) => label);
      notes.push({
        kind: `units left out for lack of a value${choices.weighted ? ' or weight' : ''}`, separator: '; ',
        item: `${target.id} (${someNames(lacking)})`, itemFull: `${target.id} (${lacking.join(', ')})`,
      });
    }
    if (count === 0) {
      rows.push(row({ indicator: target.id, n: '0', note: 'no unit has a value' }));
      return;
    }
    const data = everyUnit
      ? { values: column, weights: choices.weighted ? set.weights! : new Float64Array(count).fill(1) }
      : weightedOf(set, usable, index, choices.weighted);
    let totalWeight = 0;
    for (let at = 0; at < data.weights.length; at += 1) totalWeight += data.weights[at]!;
    const mean = totalWeight > 0 ? weightedMean(data) : NaN;
    if (!(mean > 0)) {
      rows.push(row({ indicator: target.id, n: String(count), mean: format(mean), note: 'the mean is zero: inequality is undefined' }));
      return;
    }
    const l = theilL(data);
    const t = theilT(data);
    const reasons: string[] = [];
    if (l === null) reasons.push('theil_l undefined: some unit has the value 0');
    const ratio = maxMinRatio(data.values);
    if (ratio === null) reasons.push('max_min_ratio undefined: the minimum is 0');
    const cells: Record<string, OutputCell> = {
      indicator: target.id, n: String(count), mean: format(mean), cv: format(coefficientOfVariation(data)),
      gini: format(gini(data)), theil_t: format(t), theil_l: format(l), max_min_ratio: format(ratio),
    };
    const byGroup: (readonly [string, WeightedColumns])[] = [];
    if (grouped) {
      const { groups, starts, units } = groupUnits(set, (unit) => inYear(unit) && isUsable(unit));
      groups.forEach((group, k) => byGroup.push([set.groupNames[group]!, weightedOf(set, units.subarray(starts[k], starts[k + 1]), index, choices.weighted)]));
      const split = theilDecomposition(byGroup.map(([, groupData]) => groupData));
      Object.assign(cells, {
        theil_t_between: format(split.t.between), theil_t_within: format(split.t.within),
        theil_l_between: format(split.l?.between), theil_l_within: format(split.l?.within),
        between_share_t: format(t === 0 ? null : split.t.between / t),
        between_share_l: format(l === null || l === 0 ? null : split.l!.between / l),
      });
    }
    cells['note'] = reasons.length > 0 ? reasons.join('; ') : null;
    rows.push(row(cells));
    if (choices.groups) {
      for (const [group, groupData] of byGroup) {
        const groupL = theilL(groupData);
        rows.push(row({
          group, indicator: target.id, n: String(groupData.values.length), mean: format(weightedMean(groupData)),
          cv: format(coefficientOfVariation(groupData)), gini: format(gini(groupData)), theil_t: format(theilT(groupData)),
          theil_l: format(groupL), note: groupL === null ? 'theil_l undefined: some unit has the value 0' : null,
        }));
      }
    }
  });
  return { table: { columns, rows }, notes, warnings: [] };
}
