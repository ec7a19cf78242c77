/**
 * `svc-stats inspect FILE`: how a file was read, row by row (line, role, label, level, why) and column by column
 * (header, measure, unit, multiplier, label level, year or skipped, and why), the year, and what was left out.
 * It reads the file as every command does (table/rows.ts and its table model), so what it shows is what is summed.
 */
import type { HeaderPlan } from '../table/header-plan.js';
import { ROWS_ARE_INDEX, splitUnit } from '../table/header-plan.js';
import type { ModelRow } from '../table/model.js';
import { scanTable } from '../table/rows.js';
import { readingNotes } from '../table/notes.js';
import { labelRole } from '../engine/grouping.js';
import type { ReadOptions } from '../engine/read-options.js';
import { openRecords } from '../io/records.js';
import type { ReportColumn, ReportTable } from '../render/model.js';
import type { Note } from '../notes.js';

export interface Inspection {
  readonly file: string;
  readonly table: ReportTable;
  /** a few lines for stderr (coverage --explain): columns, roles counted, the year, what was left out */
  readonly summary: string[];
  readonly notes: Note[];
}

const COLUMNS: readonly ReportColumn[] = [
  { id: 'part', label: { zh: '部分', en: 'part' }, kind: 'text' },
  { id: 'line', label: { zh: '行', en: 'line' }, kind: 'number' },
  { id: 'column', label: { zh: '列', en: 'column' }, kind: 'number' },
  { id: 'role', label: { zh: '角色', en: 'role' }, kind: 'text' },
  { id: 'text', label: { zh: '内容', en: 'text' }, kind: 'text' },
  { id: 'measure', label: { zh: '指标', en: 'measure' }, kind: 'text' },
  { id: 'unit', label: { zh: '单位', en: 'unit' }, kind: 'text' },
  { id: 'multiplier', label: { zh: '倍数', en: 'multiplier' }, kind: 'number' },
  { id: 'level', label: { zh: '层级', en: 'level' }, kind: 'text' },
  { id: 'why', label: { zh: '依据', en: 'why' }, kind: 'text' },
];

interface ColumnRow { index: number; role: string; header: string; measure?: string; unit?: string; multiplier?: string; level?: string; why: string }

/** Every column of the plan: a measure, a label (its level), the year, or skipped and why. */
export function columnRows(plan: HeaderPlan): ColumnRow[] {
  return plan.headers.map((raw, index): ColumnRow => {
    const header = raw.trim();
    const measure = plan.measureColumns.find((column) => column.index === index);
    if (measure !== undefined) {
      const unit = splitUnit(measure.header).unit ?? measure.unitFromTitle;
      return {
        index, role: 'measure', header, measure: measure.measure.id, unit: unit ?? measure.measure.unit.zh,
        multiplier: `1${'0'.repeat(Math.max(0, measure.power10))}`,
        why: measure.unitFromTitle !== undefined ? `unit from the unit line: ${measure.unitFromTitle}`
          : measure.unitGiven ? 'its name and unit' : 'its name; no unit given: base unit',
      };
    }
    const label = plan.labelColumns.find((column) => column.index === index);
    if (label !== undefined) {
      const role = index === plan.labelIndex ? 'unit label' : label.code === true ? 'unit key (code)' : 'label';
      return {
        index, role, header, level: label.level,
        why: label.code === true ? 'a division or register code: keys the unit' : index === plan.labelIndex ? 'the finest label column' : 'a coarser label column',
      };
    }
    if (index === plan.yearIndex) return { index, role: 'year', header, why: 'a year header' };
    const skipped = plan.skippedLabels.find((column) => column.index === index);
    if (skipped !== undefined) return { index, role: 'skipped', header, why: skipped.why };
    return { index, role: 'skipped', header, why: header === '' ? 'no header' : 'names no known measure, label or year' };
  });
}

/** The year of the file: its year column's years, else the title's `（2008年）`, else a year in the file name. */
export function inspectedYear(plan: HeaderPlan, years: ReadonlySet<string>): { year: string; from: string } | undefined {
  if (plan.yearIndex !== undefined && years.size > 0) return { year: [...years].sort().join(', '), from: `the ${plan.headers[plan.yearIndex]!.trim()} column` };
  // the year every command uses (header-plan.ts): the title's （2008年）, else the file name's
  return plan.impliedYear === undefined ? undefined : { year: plan.impliedYear.year, from: `the ${plan.impliedYear.from}` };
}

export async function inspect(source: string, options: ReadOptions): Promise<Inspection> {
  const records = openRecords(source, options);
  const file = records.file;
  const units: ModelRow[] = [];
  const years = new Set<string>();
  const plan = await scanTable(records, options, (row, rowPlan) => {
    if (row.year !== undefined && row.year !== '') years.add(row.year);
    const role = labelRole(row.label);
    const level = rowPlan.labelColumns.find((column) => column.index === rowPlan.labelIndex)?.level;
    units.push({
      line: row.line, role: role === 'total' ? 'national total' : role === 'of-which' ? 'of which' : 'unit',
      label: row.label ?? '', level,
      why: role === 'total' ? 'a total label: checked, never summed' : role === 'of-which' ? '# or 其中: a part of the row above' : 'a row of the finest level',
    });
  });
  const checked = plan.model.rows.map((row): ModelRow => {
    const check = plan.model.parents.find((parent) => parent.line === row.line);
    if (check === undefined) return row;
    const verdict = check.compared === 0 ? 'not compared' : check.differences.length === 0
      ? `agrees with its ${check.units} unit${check.units === 1 ? '' : 's'}` : `${check.differences.join(', ')}, the sum of its ${check.units} units`;
    return { ...row, why: `${row.why}; ${verdict}` };
  });
  const rows = [...checked, ...units,
    ...plan.footnotes.map((footnote): ModelRow => ({ line: footnote.line, role: 'footnote', label: footnote.text, why: 'text after the data' }))]
    .sort((a, b) => a.line - b.line);
  const columns = columnRows(plan);
  const year = inspectedYear(plan, years);
  const table: ReportTable = {
    columns: COLUMNS,
    rows: [
      ...columns.map((column) => ['column', null, String(column.index + 1), column.role, column.header, column.measure ?? null,
        column.unit ?? null, column.multiplier ?? null, column.level ?? null, column.why]),
      ...plan.measureColumns.filter((column) => column.index === ROWS_ARE_INDEX).map((column) =>
        ['column', null, null, 'measure', column.header, column.measure.id, column.measure.unit.zh, '1', null, '--rows-are: each row counts one']),
      ...(year === undefined ? [] : [['year', null, null, 'year', year.year, null, null, null, null, `from ${year.from}`]]),
      ...rows.map((row) => ['row', String(row.line), null, row.role, row.label, null, null, null, row.level ?? null, row.why]),
    ],
  };
  // the table shows what the notes would say (the parents' checks in their rows); an invisible character is a note
  const notes = readingNotes(file, plan).filter((note) => note.includes('invisible characters'));
  return { file, table, summary: summaryLines(file, plan, rows, columns, year), notes };
}

/** The inspection in a few lines (coverage --explain): the columns read, the rows by role, the year, what was left out. */
function summaryLines(file: string, plan: HeaderPlan, rows: readonly ModelRow[], columns: readonly ColumnRow[],
  year: { year: string; from: string } | undefined): string[] {
  const lines: string[] = [];
  const read = columns.filter((column) => column.role === 'measure')
    .map((column) => `${column.header} → ${column.measure}${column.multiplier === '1' ? '' : ` ×${column.multiplier}`}`);
  const labels = columns.filter((column) => column.level !== undefined).map((column) => `${column.header} (${column.role}, ${column.level})`);
  lines.push(`${file}: explain: columns: ${[...labels, ...read].join('; ')}`);
  const skipped = columns.filter((column) => column.role === 'skipped' && column.header !== '');
  if (skipped.length > 0) lines.push(`${file}: explain: columns not read: ${skipped.map((column) => `${column.header} (${column.why})`).join('; ')}`);
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.role, (counts.get(row.role) ?? 0) + 1);
  lines.push(`${file}: explain: rows: ${[...counts].map(([role, count]) => `${count} ${role}`).join(', ')}`);
  if (year !== undefined) lines.push(`${file}: explain: year ${year.year}, from ${year.from}`);
  const out = rows.filter((row) => row.role !== 'unit' && row.role !== 'header' && row.role !== 'national total');
  if (out.length > 0) {
    const named = out.map((row) => `${row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label} (line ${row.line}, ${row.role})`);
    lines.push(`${file}: explain: left out of the sums: ${named.length > 12 ? `${named.slice(0, 12).join('; ')}; and ${named.length - 12} more` : named.join('; ')}`);
  }
  return lines;
}
