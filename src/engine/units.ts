/**
 * The units of a file (its part rows) with the numbers describe and equity need — one value per target and a
 * weight — kept as they stream past; no row is held. Total and "of which" rows are kept out and reported.
 */
import type { Rational } from '../exact/rational.js';
import type { HeaderPlan } from '../table/header-plan.js';
import type { RecordSource } from '../io/records.js';
import type { TableOptions } from '../table/rows.js';
import { scanTable } from '../table/rows.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Grouper } from './grouping.js';
import { byParts, makeGrouper, requireLabel, rowRole } from './grouping.js';
import { PlausibilityCheck, readingNotes } from '../table/notes.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { Target } from '../catalogue/targets.js';
import { selectTargets, targetValue } from '../catalogue/targets.js';
import type { Note } from '../notes.js';

export interface UnitRecord {
  readonly label: string;
  /** the row's year, when the file has a year column */
  readonly year: string | undefined;
  readonly group: string | undefined;
  /** per target: the exact value, or null (missing input or zero denominator) */
  readonly values: readonly (Rational | null)[];
  readonly weight: Rational | null;
}

export interface UnitSet {
  readonly file: string;
  readonly plan: HeaderPlan;
  readonly targets: readonly Target[];
  readonly units: readonly UnitRecord[];
  readonly grouper: Grouper | undefined;
  readonly notes: readonly Note[];
  readonly warnings: readonly string[];
  /** the distinct years of the units, in order (empty without a year column) */
  readonly years: readonly string[];
}

export async function collectUnits(
  records: RecordSource,
  options: TableOptions,
  catalogue: Catalogue,
  ids: readonly string[] | undefined,
  weightId: string | undefined,
  by: { column: string; scheme: RegionScheme } | undefined,
  /** the command, for the message when the file names no units: `describe` */
  what: string,
): Promise<UnitSet> {
  const file = records.file;
  const units: UnitRecord[] = [];
  const excluded: string[] = [];
  const notes: Note[] = [];
  let targets: Target[] | undefined;
  let grouper: Grouper | undefined;
  let weightIndex = -1;
  const plausibility = new PlausibilityCheck();
  const plan = await scanTable(records, { ...options, groupColumns: by === undefined ? undefined : byParts(by.column) }, (row, rowPlan) => {
    if (targets === undefined) {
      requireLabel(rowPlan, file, what);
      const present = new Set(rowPlan.measureColumns.map((column) => column.measure.id));
      const selection = selectTargets(catalogue, ids, present, file);
      targets = selection.targets;
      notes.push(...selection.notes);
      if (by !== undefined) grouper = makeGrouper(rowPlan, by.column, by.scheme, file, false);
      weightIndex = rowPlan.measureColumns.findIndex((column) => column.measure.id === weightId);
    }
    if (rowRole(row) !== 'part') {
      excluded.push(`${row.label} (line ${row.line})`);
      return;
    }
    const values = new Map<string, Rational | null>();
    rowPlan.measureColumns.forEach((column, index) => values.set(column.measure.id, row.values[index] ?? null));
    units.push({
      label: row.label ?? `line ${row.line}`,
      year: row.year,
      group: grouper?.groupOf(row),
      values: targets.map((target) => {
        const outcome = targetValue(target, values);
        if (!('value' in outcome)) return null;
        if (target.kind === 'indicator') {
          plausibility.check(target.indicator, outcome.value, `${row.label ?? ''}${row.year ? ` ${row.year}` : ''} (line ${row.line})`, rowPlan, file);
        }
        return outcome.value;
      }),
      weight: weightIndex === -1 ? null : row.values[weightIndex] ?? null,
    });
  });
  if (excluded.length > 0) notes.unshift({ kind: 'national/total and "of which" rows are not units here', where: file, item: excluded.join('; '), separator: '; ' });
  notes.unshift(...readingNotes(file, plan));
  if (targets === undefined) requireLabel(plan, file, what);
  const years = [...new Set(units.flatMap((unit) => (unit.year === undefined ? [] : [unit.year])))]
    .sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b)));
  return { file, plan, targets: targets ?? [], units, grouper, notes, warnings: plausibility.warnings(), years };
}
