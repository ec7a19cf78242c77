/**
 * The hot loop of `--by`: one input, or one byte range of it, summed group by group from raw cells. A plain
 * integer cell is added as a double; anything else goes through readCell's exact rationals and checks.
 */
import type { RegionScheme } from '../catalogue/regions.js';
import { normaliseYear } from '../catalogue/columns.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { ROWS_ARE_INDEX } from '../table/header-plan.js';
import type { PackedUnitLines, UnitLines } from '../table/rows.js';
import { packUnitLines, readCell, rowLabel, scanCells } from '../table/rows.js';
import { openRecords } from '../io/records.js';
import type { ReadOptions } from './read-options.js';
import type { Grouper } from './grouping.js';
import { byParts, labelRole, makeGrouper } from './grouping.js';
import type { ExcludedRow, GroupSums } from './sums.js';
import { PLAIN_INTEGER, addSmall, addValue, emptySums, scaledInteger } from './sums.js';

/** What a byte range of the input sums to: the groups in order of first appearance. */
export interface PartialAggregation {
  readonly plan: HeaderPlan;
  readonly groups: GroupSums[];
  readonly excluded: ExcludedRow[];
  /** the distinct cells of the year column, if any */
  readonly years: string[];
  /** in a byte range: each unit row's unit-and-year key, line and label, checked for duplicates across ranges */
  readonly unitLines: PackedUnitLines | undefined;
}

/** Sum one input (or one byte range of it) group by group. */
export async function aggregatePart(source: string, options: ReadOptions, by: string, scheme: RegionScheme): Promise<PartialAggregation> {
  const records = openRecords(source, options);
  const file = records.file;
  const groups = new Map<string, GroupSums>();
  const excluded: ExcludedRow[] = [];
  let grouper: Grouper | undefined;
  const years = new Set<string>();
  const unitLines: UnitLines | undefined = options.range === undefined ? undefined : { keys: [], lines: [], labels: [] };
  const plan = await scanCells(records, { ...options, groupColumns: byParts(by), unitLines }, (cells, line, rowPlan) => {
    grouper ??= makeGrouper(rowPlan, by, scheme, file);
    const label = rowLabel(cells, rowPlan, file, line);
    if (rowPlan.yearIndex !== undefined) years.add(normaliseYear(cells[rowPlan.yearIndex]!));
    const role = labelRole(label);
    if (role !== 'part') {
      excluded.push(role === 'total'
        ? { label: label ?? '', line, role, year: rowPlan.yearIndex === undefined ? undefined : normaliseYear(cells[rowPlan.yearIndex]!),
          values: rowPlan.measureColumns.map((column) => (column.index === ROWS_ARE_INDEX ? null : readCell(cells[column.index]!, column, file, line))) }
        : { label: label ?? '', line, role });
      return;
    }
    const key = grouper.groupOfCells(cells, label, line);
    let sums = groups.get(key);
    if (sums === undefined) {
      sums = emptySums(key, rowPlan.measureColumns.length);
      groups.set(key, sums);
    }
    sums.units += 1;
    const columns = rowPlan.measureColumns;
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index]!;
      if (column.index === ROWS_ARE_INDEX) {
        addSmall(sums, index, 1);
        continue;
      }
      const cell = cells[column.index]!;
      if (column.power10 === 0) {
        if (PLAIN_INTEGER.test(cell)) {
          addSmall(sums, index, Number(cell));
          continue;
        }
      } else if (column.power10 > 0) {
        // 万/亿 columns: mixed decimal places cost what uniform ones do (issue 11)
        const whole = scaledInteger(cell, column.power10);
        if (whole !== -1) {
          addSmall(sums, index, whole);
          continue;
        }
      }
      addValue(sums, index, readCell(cell, column, file, line), label ?? `line ${line}`);
    }
  });
  // a range without part rows still checks its header: the grouping must be possible
  grouper ??= makeGrouper(plan, by, scheme, file);
  return { plan, groups: [...groups.values()], excluded, years: [...years], unitLines: unitLines === undefined ? undefined : packUnitLines(unitLines) };
}
