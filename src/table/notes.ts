/**
 * What a reader should know about how a file was read, one line each for stderr: the title above a sheet's
 * header, a header of several rows joined, footnotes kept out, measures read without a unit. And the
 * plausibility warnings: an indicator far outside what a correct extract gives, with its likely cause.
 */
import type { Rational } from '../exact/rational.js';
import { toNumber } from '../exact/rational.js';
import type { IndicatorDefinition } from '../catalogue/indicators.js';
import { inputsOf } from '../catalogue/catalogue.js';
import type { HeaderPlan, MeasureColumn } from './header-plan.js';
import { ROWS_ARE_INDEX, measureDimension, splitUnit } from './header-plan.js';

function shortText(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Notes on a file's layout and units; empty for a plain CSV with units in every header. */
export function readingNotes(file: string, plan: HeaderPlan): string[] {
  const notes: string[] = [];
  if (plan.title.length > 0) notes.push(`${file}: title above the header, not data: ${plan.title.map((line) => shortText(line)).join(' / ')}`);
  if (plan.headerRows > 1) {
    const first = plan.headerLine - plan.headerRows + 1;
    notes.push(`${file}: the header of lines ${first}–${plan.headerLine} read as one: ${plan.headers.filter((header) => header.trim() !== '').join(', ')}`);
  }
  if (plan.footnotes.length > 0) {
    const lines = plan.footnotes.map((footnote) => footnote.line).join(', ');
    notes.push(`${file}: footnotes kept out of the data (line${plan.footnotes.length > 1 ? 's' : ''} ${lines}): ${plan.footnotes.map((footnote) => shortText(footnote.text, 40)).join(' / ')}`);
  }
  const fromTitle = plan.measureColumns.filter((column) => column.unitFromTitle !== undefined);
  if (fromTitle.length > 0) {
    notes.push(`${file}: units from the unit line above the header: ${fromTitle.map((column) => `${column.header} in ${column.unitFromTitle}`).join(', ')}`);
  }
  const notRead = plan.headers.map((header, index) => ({ header: header.replace(/^\uFEFF/, '').trim(), index }))
    .filter(({ header, index }) => header !== '' && index !== plan.yearIndex
      && !plan.measureColumns.some((column) => column.index === index) && !plan.labelColumns.some((column) => column.index === index));
  if (notRead.length > 0) {
    notes.push(`${file}: column${notRead.length > 1 ? 's' : ''} not read (no known measure, label or year): ${notRead.map(({ header }) => shortText(header, 40)).join(', ')}`);
  }
  const unitless = unitlessColumns(plan);
  if (unitless.length > 0) {
    notes.push(`${file}: no unit in the header of ${unitless.map((column) => column.header).join(', ')}: read in base units (${unitless.map((column) => column.measure.unit.zh).join(', ')})`);
  }
  notes.push(...modelNotes(file, plan));
  return notes;
}

/** What the table model decided that changes what is summed: parents, subtotals, sub-rows, header rows left out. */
export function modelNotes(file: string, plan: HeaderPlan): string[] {
  const notes: string[] = [];
  const model = plan.model;
  const rows = (role: string): string[] => model.rows.filter((row) => row.role === role).map((row) => `${shortText(row.label, 30)} (line ${row.line})`);
  const list = (items: string[]): string => (items.length > 10 ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more` : items.join(', '));
  for (const [role, text] of [
    ['English header', 'English header rows not read, the Chinese names are'],
    ['column codes', 'column codes under the header, not data'],
    ['continued table', '续表 markers, not data'],
    ['repeated header', 'the header repeated, not data'],
    ['of which', '"of which" sub-rows kept out of the sums'],
  ] as const) {
    const found = rows(role);
    if (found.length > 0) notes.push(`${file}: ${text}: ${list(found)}`);
  }
  for (const skipped of plan.skippedLabels) notes.push(`${file}: column ${skipped.index + 1} (${skipped.header}) not read: ${skipped.why}`);
  const checks = model.parents.map((parent) => {
    const what = parent.role === 'parent' ? '' : ', a region subtotal';
    if (parent.compared === 0) return `${parent.label} (line ${parent.line}${what}) not compared (no measure given by it and all its ${parent.units} units)`;
    return parent.differences.length === 0
      ? `${parent.label} (line ${parent.line}${what}) agrees with the sum of its ${parent.units} unit${parent.units === 1 ? '' : 's'}`
      : `${parent.label} (line ${parent.line}${what}): ${parent.differences.join(', ')}, the sum of its ${parent.units} unit${parent.units === 1 ? '' : 's'}`;
  });
  if (checks.length > 0) notes.push(`${file}: rows above their units checked against them, not summed: ${list(checks)}`);
  const unchecked = model.rows.filter((row) => row.role === 'region subtotal' && !model.parents.some((parent) => parent.line === row.line));
  if (unchecked.length > 0) notes.push(`${file}: region subtotals kept out of the sums: ${list(unchecked.map((row) => `${row.label} (line ${row.line})`))}`);
  if (model.invisible.length > 0) {
    notes.push(`${file}: invisible characters removed from labels: ${list(model.invisible.map((entry) => `${entry.label} (line ${entry.line}: ${entry.characters.join(' ')})`))}`);
  }
  return notes;
}

function unitlessColumns(plan: HeaderPlan): MeasureColumn[] {
  return plan.measureColumns.filter((column) => column.index !== ROWS_ARE_INDEX && !column.unitGiven);
}

/** Why an indicator is out of range, most likely: a header without its unit, a unit to check, or a shifted column. */
export function likelyCause(indicator: IndicatorDefinition, plan: HeaderPlan): string {
  const inputs = new Set(inputsOf(indicator));
  const columns = plan.measureColumns.filter((column) => inputs.has(column.measure.id) && column.index !== ROWS_ARE_INDEX);
  const unitless = columns.filter((column) => !column.unitGiven);
  const persons = unitless.find((column) => measureDimension(column.measure) === 'person');
  if (persons !== undefined) {
    return `${persons.header} has no unit; if it is in 万人, write ${splitUnit(persons.header).name}（万人）`;
  }
  if (unitless.length > 0) {
    const column = unitless[0]!;
    return `${column.header} has no unit; if it is in 万${column.measure.unit.zh}, write ${splitUnit(column.header).name}（万${column.measure.unit.zh}）`;
  }
  const scaled = columns.find((column) => column.power10 !== 0);
  if (scaled !== undefined) return `check the unit of ${scaled.header}`;
  return 'a column may be shifted, or a unit left out of a header';
}

/**
 * Values outside each indicator's plausible range, gathered while a report is built; one warning per
 * indicator, naming up to five rows.
 */
export class PlausibilityCheck {
  private readonly outside = new Map<string, { indicator: IndicatorDefinition; plan: HeaderPlan; file: string; rows: string[]; count: number }>();

  check(indicator: IndicatorDefinition, value: Rational, row: string, plan: HeaderPlan, file: string): void {
    if (indicator.plausible !== undefined) this.checkNumber(indicator, toNumber(value), row, plan, file);
  }

  /** The same for a value already a double (the nearest to the exact one); `row` named only when it is outside. */
  checkNumber(indicator: IndicatorDefinition, number: number, row: string | (() => string), plan: HeaderPlan, file: string): void {
    const range = indicator.plausible;
    if (range === undefined || (number >= range[0] && number <= range[1])) return;
    const key = `${file}\u0000${indicator.id}`;
    let entry = this.outside.get(key);
    if (entry === undefined) {
      entry = { indicator, plan, file, rows: [], count: 0 };
      this.outside.set(key, entry);
    }
    entry.count += 1;
    if (entry.rows.length < 5) entry.rows.push(`${typeof row === 'string' ? row : row()} ${trimNumber(number)}`);
  }

  warnings(): string[] {
    return [...this.outside.values()].map(({ indicator, plan, file, rows, count }) => {
      const [low, high] = indicator.plausible!;
      const more = count > rows.length ? `, … ${count} rows in all` : '';
      return `warning: ${file}: ${indicator.id} outside its plausible range ${low}–${high}: ${rows.join(', ')}${more} (${likelyCause(indicator, plan)})`;
    });
  }
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
