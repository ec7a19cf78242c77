/**
 * `--chart [ID]` of coverage, compare and describe: one indicator as rows for a terminal bar chart, in place of the
 * table. Rows come from what the command computed (the report table, or describe's units), so a bar's value text
 * is the table's cell, exact and rounded once. A national/total row is never a bar: it is a line under the bars.
 */
import type { Note } from '../notes.js';
import { SvcError } from '../errors.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { isTotalLabel } from '../catalogue/row-labels.js';
import type { UnitSet } from '../engine/units.js';
import type { TerminalBarRow } from '../render/charts/index.js';
import { groupThousands } from '../render/charts/index.js';
import { CHART_LABELS, LABELS, withUnit } from '../render/labels.js';
import type { Lang, OutputCell, OutputTable, ReportTable } from '../render/model.js';
import { MISSING_MARK, resolveTable } from '../render/model.js';
import type { DescribeChoices, DescribeRequest } from './describe.js';
import type { ReadOptions } from '../engine/read-options.js';
import { collectUnits } from '../engine/units.js';
import { openRecords } from '../io/records.js';
import { describeTable } from './describe.js';
import { roundToString } from '../exact/rational.js';

export interface TerminalChart {
  /** the indicator's label with its unit, the first line */
  readonly heading: string;
  readonly rows: readonly TerminalBarRow[];
  /** lines under the bars: the national/total rows, describe's mean and median */
  readonly footer: readonly string[];
}

/** --chart without an id: true. */
export type ChartChoice = string | true;

const LEAD_IDS = new Set(['file', 'unit', 'group', 'year', 'units', 'indicator']);

/** coverage: one bar per output row (unit, group, or unit and year), the indicator's column as the value. */
export function coverageChart(report: ReportTable, catalogue: Catalogue, choice: ChartChoice, lang: Lang): TerminalChart {
  const table = resolveTable(report, true, lang);
  const index = chosenColumn(table, report, catalogue, choice);
  // the unit (or group), with the file and the year when they differ between rows
  const labelColumns = ['file', 'unit', 'group', 'year'].map((id) => table.columns.findIndex((column) => column.id === id))
    .filter((i) => i !== -1 && (['unit', 'group'].includes(table.columns[i]!.id) || new Set(table.rows.map((row) => row[i])).size > 1));
  const bars: TerminalBarRow[] = [];
  const footer: string[] = [];
  const totalKey = report.columns.findIndex((column) => column.id === 'unit' || column.id === 'group');
  table.rows.forEach((row, r) => {
    const label = labelColumns.map((i) => row[i] ?? '').filter((cell) => cell !== '').join(' ');
    const raw = totalKey === -1 ? null : report.rows[r]![totalKey];
    const total = typeof raw === 'string' && (raw === 'total' || isTotalLabel(raw));
    const bar = barRow(label, row[index] ?? null, table.columns[index]!.label);
    if (total) footer.push(referenceLine(label, bar.text, lang));
    else bars.push(bar);
  });
  return { heading: table.columns[index]!.label, rows: bars, footer };
}

/**
 * compare: one bar per unit for the indicator's value in the last input, with the first value and the change in
 * its text: `140  (2005: 131, +6.87%)`.
 */
export function compareChart(report: ReportTable, choice: ChartChoice, lang: Lang, labelOf: (id: string) => string): TerminalChart {
  const table = resolveTable(report, true, lang);
  const at = (id: string) => report.columns.findIndex((column) => column.id === id);
  const [unit, indicator] = [at('unit'), at('indicator')];
  // the indicator cells name it in the language (平均每社区人口数); --chart takes its id
  const idOf = (row: number): string => {
    const cell = report.rows[row]?.[indicator] ?? null;
    return cell !== null && typeof cell === 'object' ? cell.en : cell ?? '';
  };
  const ids = [...new Set(report.rows.map((_, row) => idOf(row)))];
  const id = choice === true ? ids[0] : choice;
  if (id === undefined || !ids.includes(id)) {
    throw new SvcError('USAGE', `--chart ${String(id)}: not compared here; the indicators are ${ids.join(', ')}`);
  }
  const values = report.columns.flatMap((column, i) => (column.id.startsWith('value_') ? [{ tag: column.id.slice(6), i }] : []));
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const change = at(`pct_change_${last.tag}`);
  const bars: TerminalBarRow[] = [];
  const footer: string[] = [];
  for (const row of table.rows.filter((_, index) => idOf(index) === id)) {
    const label = row[unit] ?? '';
    const bar = barRow(label, row[last.i] ?? null, id);
    const before = row[first.i];
    const pct = change === -1 ? null : row[change];
    const text = bar.value === null ? bar.text
      : `${bar.text}  (${first.tag}: ${before === null || before === undefined ? '—' : groupThousands(before)}${pct === null || pct === undefined ? '' : `, ${pct.startsWith('-') ? '' : '+'}${pct}%`})`;
    if (isTotalLabel(label)) footer.push(referenceLine(label, text, lang));
    else bars.push({ ...bar, text });
  }
  return { heading: CHART_LABELS.inYear(labelOf(id), last.tag)[lang], rows: bars, footer };
}

/** describe: one bar per unit of the file for the target, with the mean and median under the bars. */
export function describeChart(set: UnitSet, choice: ChartChoice, choices: DescribeChoices, lang: Lang, labelOf: (id: string) => string): TerminalChart {
  const ids = set.targets.map((target) => target.id);
  const index = choice === true ? 0 : ids.indexOf(choice);
  if (index === -1 || set.targets[index] === undefined) {
    throw new SvcError('USAGE', `--chart ${String(choice)}: not described here; the indicators are ${ids.join(', ')}`);
  }
  const target = set.targets[index]!;
  const decimals = target.kind === 'indicator' ? target.indicator.decimals : 0;
  const rows = (set.exact ?? []).map((unit) => {
    const value = unit.values[index] ?? null;
    return barRow(unit.label, value === null ? null : roundToString(value, decimals, choices.mode), target.id);
  });
  const stats = resolveTable(describeTable(set, choices, undefined, [index]), true, lang);
  const cell = (id: string): OutputCell => stats.rows[0]?.[stats.columns.findIndex((column) => column.id === id)] ?? null;
  const footer = [
    `${CHART_LABELS.mean[lang]} ${groupThousands(cell('mean') ?? '—')}  ${CHART_LABELS.median[lang]} ${groupThousands(cell('median') ?? '—')}  ${LABELS.n[lang]} ${cell('n') ?? '0'}`,
  ];
  return { heading: labelOf(target.id), rows, footer };
}

/** describe --chart: the units of one input (national/total rows are not units here) and one target's bars. */
export async function describeUnitsChart(
  source: string, options: ReadOptions, request: DescribeRequest, choice: ChartChoice, lang: Lang,
): Promise<TerminalChart & { notes: readonly Note[] }> {
  const set = await collectUnits(openRecords(source, options), options, request.catalogue, request.ids, undefined, undefined, 'describe', { lacking: false, exact: true });
  const chart = describeChart(set, choice, request.choices, lang, (id) => targetHeading(request.catalogue, id, lang));
  return { ...chart, notes: set.notes };
}

/** An indicator's or measure's label with its unit, in the language: `街道数（个）`. */
export function targetHeading(catalogue: Catalogue, id: string, lang: Lang): string {
  const definition = catalogue.indicators.find((indicator) => indicator.id === id) ?? catalogue.measures.find((measure) => measure.id === id);
  return definition === undefined ? id : withUnit(definition.label, definition.unit)[lang];
}

/** Decimal text → a bar: the number only for its length, the text as printed (grouped by thousands). */
function barRow(label: string, cell: OutputCell, what: string): TerminalBarRow {
  if (cell === null) return { label, value: null, text: '' };
  const value = Number(cell);
  if (!Number.isFinite(value) || value < 0) {
    throw new SvcError('USAGE', `--chart draws values of 0 or more, and ${what} of ${label} is ${cell}`, {}, 'use the table');
  }
  return { label, value, text: groupThousands(cell) };
}

function referenceLine(label: string, text: string, lang: Lang): string {
  return `${label}  ${text === '' ? MISSING_MARK : text}  ${CHART_LABELS.notDrawn[lang]}`;
}

/** The column --chart draws: the id asked for, else the first indicator, else the first measure. */
function chosenColumn(table: OutputTable, report: ReportTable, catalogue: Catalogue, choice: ChartChoice): number {
  const numeric = report.columns.map((column, i) => ({ column, i })).filter(({ column }) => column.kind === 'number' && !LEAD_IDS.has(column.id));
  if (choice !== true) {
    const found = numeric.find(({ column }) => column.id === choice);
    if (found === undefined) {
      throw new SvcError('USAGE', `--chart ${choice}: not a column of this output; the columns are ${numeric.map(({ column }) => column.id).join(', ')}`);
    }
    return found.i;
  }
  const indicators = new Set(catalogue.indicators.map((indicator) => indicator.id));
  const chosen = numeric.find(({ column }) => indicators.has(column.id)) ?? numeric[0];
  if (chosen === undefined) throw new SvcError('USAGE', '--chart: this output has no numeric column to draw');
  // resolveTable keeps every column of a human format in order: the same index
  return table.columns.findIndex((column) => column.id === chosen.column.id);
}

/** The text written in place of the table: heading, bars, footer. */
export function terminalChartText(chart: TerminalChart, bars: string): string {
  return [chart.heading, bars, ...chart.footer].filter((line) => line !== '').join('\n') + '\n';
}
