/**
 * The hot loop of `--by`: one input, or one byte range of it, summed group by group from raw cells — records, or
 * rows of a LineBlock read in place (table/rows.ts). A plain integer cell is added as a double; anything else
 * goes through readCell's exact rationals and checks.
 */
import type { RegionScheme } from '../catalogue/regions.js';
import { normaliseYear } from '../catalogue/columns.js';
import type { HeaderPlan, MeasureColumn } from '../table/header-plan.js';
import { ROWS_ARE_INDEX } from '../table/header-plan.js';
import type { LineReader } from '../table/rows.js';
import type { PackedUnitKeys } from '../table/unit-keys.js';
import { UnitKeySet } from '../table/unit-keys.js';
import { readCell, rowLabel, scanCells } from '../table/rows.js';
import { openRecords } from '../io/records.js';
import type { ReadOptions } from './read-options.js';
import type { Grouper } from './grouping.js';
import { byParts, labelRole, makeGrouper } from './grouping.js';
import type { ExcludedRow, GroupSums } from './sums.js';
import { addSmall, addValue, addWhole, emptySums, scaledIntegerIn } from './sums.js';

/** What a byte range of the input sums to: the groups in order of first appearance. */
export interface PartialAggregation {
  readonly plan: HeaderPlan;
  readonly groups: GroupSums[];
  readonly excluded: ExcludedRow[];
  /** the distinct cells of the year column, if any */
  readonly years: string[];
  /** in a byte range: each unit row's unit-and-year key, line and label, checked for duplicates across ranges */
  readonly unitLines: PackedUnitKeys | undefined;
}

/** Sum one input (or one byte range of it) group by group. */
export async function aggregatePart(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<PartialAggregation> {
  const records = openRecords(source, options);
  const file = records.file;
  const groups = new Map<string, GroupSums>();
  const excluded: ExcludedRow[] = [];
  let grouper: Grouper | undefined;
  const yearCells = new Set<string>(); // as written: normalised once, at the end
  const unitLines = options.range === undefined ? undefined : new UnitKeySet();
  const sumsOf = (key: string, measures: number): GroupSums => {
    let sums = groups.get(key);
    if (sums === undefined) {
      sums = emptySums(key, measures);
      groups.set(key, sums);
    }
    return sums;
  };
  /** A row of cells, the way of every record. */
  const onCells = (cells: string[], line: number, rowPlan: HeaderPlan): void => {
    grouper ??= makeGrouper(rowPlan, by, scheme, file);
    const label = rowLabel(cells, rowPlan, file, line);
    if (rowPlan.yearIndex !== undefined) yearCells.add(cells[rowPlan.yearIndex]!);
    const role = labelRole(label);
    if (role !== 'part') {
      excluded.push(role === 'total'
        ? { label: label ?? '', line, role, year: rowPlan.yearIndex === undefined ? undefined : normaliseYear(cells[rowPlan.yearIndex]!),
          values: rowPlan.measureColumns.map((column) => (column.index === ROWS_ARE_INDEX ? null : readCell(cells[column.index]!, column, file, line))) }
        : { label: label ?? '', line, role });
      return;
    }
    const sums = sumsOf(grouper.groupOfCells(cells, label, line), rowPlan.measureColumns.length);
    sums.units += 1;
    const columns = rowPlan.measureColumns;
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index]!;
      if (column.index === ROWS_ARE_INDEX) {
        addSmall(sums, index, 1);
        continue;
      }
      const cell = cells[column.index]!;
      addMeasure(sums, index, column, cell, 0, cell.length, same, label, line);
    }
  };
  /**
   * The measure cell from `start` to `end` of `text` added to a group's sums: plain digits, or a 万/亿 cell whole
   * once scaled (mixed decimal places cost what uniform ones do), as a double; anything else by readCell's rules.
   */
  const addMeasure = (
    sums: GroupSums, index: number, column: MeasureColumn, text: string, start: number, end: number,
    decode: (part: string) => string, label: string | undefined, line: number,
  ): void => {
    const whole = column.power10 >= 0 ? scaledIntegerIn(text, start, end, column.power10) : -1;
    if (whole !== -1) addSmall(sums, index, whole);
    else addValue(sums, index, readCell(decode(text.slice(start, end)), column, file, line), label ?? `line ${line}`);
  };
  // a grouper of one part read from one cell: the group of each distinct cell text, remembered
  let groupByCell: { column: number; sums: Map<string, GroupSums> } | undefined;
  const groupSums = (cells: readonly string[], label: string | undefined, line: number, measures: number): GroupSums => {
    if (groupByCell === undefined) return sumsOf(grouper!.groupOfCells(cells, label, line), measures);
    const cell = cells[groupByCell.column]!;
    let sums = groupByCell.sums.get(cell);
    if (sums === undefined) {
      sums = sumsOf(grouper!.groupOfCells(cells, label, line), measures);
      if (groupByCell.sums.size < GROUP_CELL_LIMIT) groupByCell.sums.set(cell, sums);
    }
    return sums;
  };
  /** A row of unquoted text, not split: the same sums as onCells, its cells cut out only where a rule needs them. */
  const lineReader: LineReader = {
    textColumns: (plan) => {
      grouper ??= makeGrouper(plan, by, scheme, file);
      const column = grouper.columns.length === 1 ? grouper.columns[0] : undefined;
      groupByCell = column === undefined ? undefined : { column, sums: new Map() };
      // the cells of the group's key: its columns, and a code column the gazetteer places units by
      return grouper.cellsRead;
    },
    onLine: (row, line, rowPlan) => {
      const { cells, text, starts, ends } = row;
      const columns = rowPlan.measureColumns;
      // the group and label of a part row follow from its text columns: worked out once for the same texts
      let known = row.texts.slot as { sums: GroupSums; label: string | undefined } | undefined;
      if (known === undefined) {
        const label = rowLabel(cells, rowPlan, file, line);
        if (labelRole(label) !== 'part') {
          onCells(Array.from(starts, (start, index) => row.decode(text.slice(start, ends[index]))), line, rowPlan);
          return;
        }
        known = { sums: groupSums(cells, label, line, columns.length), label };
        row.texts.slot = known;
        if (rowPlan.yearIndex !== undefined) yearCells.add(cells[rowPlan.yearIndex]!);
      }
      const { sums, label } = known;
      sums.units += 1;
      for (let index = 0; index < columns.length; index += 1) {
        const column = columns[index]!;
        if (column.index === ROWS_ARE_INDEX) {
          addSmall(sums, index, 1);
          continue;
        }
        addMeasure(sums, index, column, text, starts[column.index]!, ends[column.index]!, row.decode, label, line);
      }
    },
    // a part row's texts give its group: every later row of them is summed as this one (by the scan kernel)
    inPlace: (texts) => texts.slot !== undefined,
    onRows: (texts, count, values, rowPlan) => {
      const { sums } = texts.slot as { sums: GroupSums };
      sums.units += count;
      for (let index = 0; index < values.length; index += 1) {
        if (rowPlan.measureColumns[index]!.index === ROWS_ARE_INDEX) addSmall(sums, index, count);
        else addWhole(sums, index, values[index]!);
      }
    },
  };
  const plan = await scanCells(records, { ...options, groupColumns: byParts(by), unitLines }, onCells, lineReader);
  // a range without part rows still checks its header: the grouping must be possible
  grouper ??= makeGrouper(plan, by, scheme, file);
  const years = [...new Set([...yearCells].map(normaliseYear))];
  return { plan, groups: [...groups.values()], excluded, years, unitLines: unitLines?.pack() };
}

/** Distinct group cells remembered by the hot loop (a grouping by a unit's own name has as many as units). */
const GROUP_CELL_LIMIT = 10_000;

function same(text: string): string {
  return text;
}
