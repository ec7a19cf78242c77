import type { UnitSet } from '../engine/units.js';
import { labelled } from '../render/labels.js';
import type { ReportTable } from '../render/model.js';
import type { Note } from '../notes.js';
import { noteAbout } from '../notes.js';

/**
 * A report of a unit set, per year when the units span several years (years are never mixed): each year's
 * table with a `year` column first. One year, or none: the table as it is. `build` is given the year as an
 * index into set.yearNames, or undefined for every unit.
 */
export function perYear(
  set: UnitSet,
  build: (year: number | undefined) => { table: ReportTable; notes: readonly Note[] },
): { table: ReportTable; notes: Note[] } {
  if (set.years.length <= 1) {
    const { table, notes } = build(undefined);
    return { table: { columns: [...table.columns], rows: table.rows.map((row) => [...row]) }, notes: [...notes] };
  }
  const parts = set.years.map((year) => ({ year, ...build(set.yearNames.indexOf(year)) }));
  const numeric = set.years.every((year) => /^\d{1,4}$/.test(year));
  return {
    table: {
      columns: [labelled('year', numeric ? 'number' : 'text'), ...parts[0]!.table.columns],
      rows: parts.flatMap(({ year, table }) => table.rows.map((row) => [year, ...row])),
    },
    notes: parts.flatMap(({ year, notes }) => notes.map((line) => noteAbout(year, line))),
  };
}
