/**
 * `report`: one page for colleagues who will not run a CLI. Everything on it comes from the same reports as the
 * commands — the coverage table, coverage by region (--by region --totals), equity across units, charts — with
 * the inputs' checks (encoding, rows, recognised columns, missing values, totals against their parts), the rounding
 * rule and the sources. Returns the model for render/charts/html.ts; prints nothing.
 */
import type { Note } from '../notes.js';
import { basename } from 'node:path';
import { SvcError } from '../errors.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { findProvince } from '../catalogue/regions.js';
import { availableIndicators } from '../catalogue/targets.js';
import { aggregate } from '../engine/aggregate.js';
import { rowRole } from '../engine/grouping.js';
import type { ReadOptions } from '../engine/read-options.js';
import { openRecords } from '../io/records.js';
import type { ReportInput, ReportModel, ReportSection, ReportTable as HtmlTable } from '../render/charts/index.js';
import { groupThousands, renderChartSvg } from '../render/charts/index.js';
import { CHART_LABELS, REPORT_LABELS, STATUS_CODES, withUnit } from '../render/labels.js';
import type { Lang, ReportTable } from '../render/model.js';
import { isYearColumn, resolveTable } from '../render/model.js';
import type { Table } from '../table/rows.js';
import { readTable } from '../table/rows.js';
import { chartReport } from './charts.js';
import { coverageTable, groupedCoverageTable } from './coverage.js';
import { equityReport } from './equity.js';
import { verifyTotals } from './totals.js';

export interface ReportPageRequest {
  readonly catalogue: Catalogue;
  readonly lang: Lang;
  readonly rounding: RoundingChoice;
  readonly scheme: RegionScheme;
  /** shown under the title: when the page was made (YYYY-MM-DD) */
  readonly date: string;
  /** at most this many indicators get charts (each a bar chart; the first also a province tile map) */
  readonly charts?: number;
}

/** Read every input (several times: each report reads its own way) and build the page. */
export async function reportPage(sources: readonly string[], options: ReadOptions, request: ReportPageRequest): Promise<{ model: ReportModel; notes: Note[] }> {
  if (sources.includes('-')) {
    throw new SvcError('USAGE', 'report reads each input several times, and standard input only once', {}, 'save it to a file first');
  }
  const { catalogue, lang } = request;
  const notes: Note[] = [];
  const tables: Table[] = [];
  const inputs: ReportInput[] = [];
  for (const source of sources) {
    const records = openRecords(source, options);
    const table = await readTable(records, options);
    tables.push(table);
    inputs.push({ file: table.file, encoding: records.encoding ?? '—', rows: table.rows.length, notes: await inputChecks(source, table, options, lang) });
  }

  const present = new Set(tables.flatMap((table) => table.plan.measureColumns.map((column) => column.measure.id)));
  const { kept } = availableIndicators(present, 'the inputs', catalogue, catalogue.indicators);
  const coverage = coverageTable(tables, { catalogue, wanted: kept.length > 0 ? kept : catalogue.indicators, rounding: request.rounding, totals: false });
  notes.push(...coverage.notes);
  const sections: ReportSection[] = [{ heading: REPORT_LABELS.coverage[lang], table: htmlTable(coverage.table, lang) }];

  for (const table of tables) {
    const fileTag = tables.length > 1 ? `${basename(table.file)}: ` : '';
    const parts = table.rows.filter((row) => rowRole(row) === 'part');
    const provinces = parts.length > 0 && parts.every((row) => row.label !== undefined && findProvince(row.label) !== undefined);
    if (!provinces) {
      sections.push({ heading: fileTag + REPORT_LABELS.regions[lang], paragraphs: [REPORT_LABELS.regionsUnavailable(basename(table.file))[lang]] });
      continue;
    }
    const heading = fileTag + (request.scheme === 'four' ? REPORT_LABELS.regionsFour : REPORT_LABELS.regions)[lang];
    const aggregation = await aggregate(table.file, options, 'region', request.scheme);
    const grouped = groupedCoverageTable(aggregation, { catalogue, wanted: kept, rounding: request.rounding, totals: true, by: { column: 'region', scheme: request.scheme } });
    // the group column is headed by the --by name, 'region': in the page's language (a year column before it keeps 年份/year)
    const regions = htmlTable({ ...grouped.table, columns: grouped.table.columns.map((column) => (column.id === 'group' ? { ...column, label: CHART_LABELS.byRegion } : column)) }, lang);
    sections.push({ heading, table: regions, note: REPORT_LABELS.regionsNote[lang] });

    if (kept.length > 0) {
      const weighted = present.has('urban_population');
      const equity = await equityReport(table.file, options, {
        catalogue, ids: kept.map((indicator) => indicator.id), weight: weighted ? 'urban_population' : undefined,
        by: { column: 'region', scheme: request.scheme },
        choices: { weighted, groups: false, decimals: 4, mode: request.rounding.mode },
      });
      const weight = catalogue.measures.find((measure) => measure.id === 'urban_population');
      sections.push({
        heading: fileTag + REPORT_LABELS.equity[lang],
        table: transposed(htmlTable(equity.table, lang), (id) => {
          const indicator = kept.find((candidate) => candidate.id === id);
          return indicator === undefined ? id : withUnit(indicator.label, indicator.unit)[lang];
        }),
        note: (weighted && weight !== undefined ? REPORT_LABELS.equityWeighted(weight.label) : REPORT_LABELS.equityUnweighted)[lang],
      });
      const dagum = await equityReport(table.file, options, {
        catalogue, ids: kept.map((indicator) => indicator.id), weight: weighted ? 'urban_population' : undefined,
        by: { column: 'region', scheme: request.scheme },
        choices: { weighted, groups: false, decimals: 4, mode: request.rounding.mode, dagum: true },
      });
      sections.push({ heading: fileTag + REPORT_LABELS.dagum[lang], table: htmlTable(dagum.table, lang), note: REPORT_LABELS.dagumNote[lang] });
    }
  }

  // charts: a bar chart (or a comparison, or a line) per indicator; the first also as a tile map of the provinces
  const drawn = (kept.length > 0 ? kept.map((indicator) => indicator.id) : [...present]).slice(0, request.charts ?? 3);
  let figures = 0;
  for (const [index, id] of drawn.entries()) {
    const chart = await chartReport(sources, options, { catalogue, indicator: id, kind: undefined, lang, rounding: request.rounding });
    // the chart carries its own title and source line: copied into a slide, it still says what and whence
    sections.push({ heading: REPORT_LABELS.figure(++figures)[lang], svg: await renderChartSvg(chart.data) });
    if (index === 0 && chart.data.kind === 'bar' && tables.length === 1 && chart.data.categories.filter((c) => findProvince(c) !== undefined).length >= 20) {
      const tiles = await chartReport(sources, options, { catalogue, indicator: id, kind: 'tiles', lang, rounding: request.rounding });
      sections.push({ heading: REPORT_LABELS.figureMap(++figures)[lang], svg: await renderChartSvg(tiles.data) });
    }
  }

  const indicatorNotes = [...new Set(kept.flatMap((indicator) => (indicator.note === undefined ? [] : [`${indicator.id}: ${indicator.note}`])))];
  const files = tables.map((table) => basename(table.file)).join(lang === 'zh' ? '、' : ', ');
  const years = [...new Set(tables.flatMap((table) => table.rows.map((row) => row.year ?? '')).filter((year) => year !== ''))];
  const yearText = years.length === 0 ? '' : years.length === 1 ? years[0]! : `${years[0]}–${years[years.length - 1]}`;
  return {
    notes,
    model: {
      lang,
      title: REPORT_LABELS.title[lang] + (yearText === '' ? '' : lang === 'zh' ? `（${yearText}）` : `, ${yearText}`),
      subtitle: REPORT_LABELS.subtitle(files, request.date)[lang],
      inputs,
      sections,
      roundingRule: REPORT_LABELS.rounding(request.rounding.mode)[lang],
      sources: [...tables.map((table) => table.file), ...indicatorNotes, REPORT_LABELS.sourceReport[lang], REPORT_LABELS.sourceComputed[lang]],
    },
  };
}

/**
 * What a reader should know about an input before trusting the tables: the columns read as measures, the
 * national/total rows and whether they equal the sum of their parts, and the values that are missing.
 */
async function inputChecks(source: string, table: Table, options: ReadOptions, lang: Lang): Promise<string[]> {
  const list = (items: readonly string[]) => items.join(lang === 'zh' ? '、' : ', ');
  const checks: string[] = [];
  const measures = table.plan.measureColumns.map((column) => `${column.header} → ${column.measure.id}`);
  checks.push(REPORT_LABELS.columnsRead(measures.join(lang === 'zh' ? '；' : '; '))[lang]);
  const totals = table.rows.filter((row) => rowRole(row) === 'total').map((row) => REPORT_LABELS.line(row.label ?? '', row.line)[lang]);
  if (totals.length > 0) {
    checks.push(REPORT_LABELS.totalRows(list(totals))[lang]);
    const verified = await verifyTotals(source, options, undefined);
    const status = verified.table.columns.findIndex((column) => column.id === 'status');
    const counts = new Map<string, number>();
    for (const row of verified.table.rows) counts.set(String(row[status]), (counts.get(String(row[status])) ?? 0) + 1);
    checks.push(REPORT_LABELS.totalsCheck(list([...counts].map(([code, n]) => `${STATUS_CODES[code]?.[lang] ?? code} ${n}`)))[lang]);
  }
  table.plan.measureColumns.forEach((column, index) => {
    const lacking = table.rows.filter((row) => row.values[index] === null).map((row) => row.label ?? row.year ?? `line ${row.line}`);
    if (lacking.length > 0) checks.push(REPORT_LABELS.missingFor(column.header, list(lacking))[lang]);
  });
  return checks;
}

/** A report table as the page shows it: labels in the language, a year column left out when it holds one year. */
export function htmlTable(report: ReportTable, lang: Lang): HtmlTable {
  const table = resolveTable(report, true, lang);
  const keep = table.columns.map((column, i) => i)
    .filter((i) => table.columns[i]!.id !== 'year' || new Set(table.rows.map((row) => row[i])).size > 1)
    // a column with nothing in it (equity's note when every statistic is defined) is left out
    .filter((i) => table.columns[i]!.kind === 'number' || table.rows.some((row) => row[i] !== null));
  return {
    columns: keep.map((i) => ({ label: table.columns[i]!.label, numeric: table.columns[i]!.kind === 'number' })),
    // numbers grouped by thousands, as in terminal tables: 172,002
    rows: table.rows.map((row) => keep.map((i) => {
      const cell = row[i] ?? null;
      return cell !== null && table.columns[i]!.kind === 'number' && !isYearColumn(table.columns[i]!) && /^-?\d/.test(cell) ? groupThousands(cell) : cell;
    })),
  };
}

/** Rows ↔ columns: a table of few rows and many statistics (equity) fits a page's width turned. */
function transposed(table: HtmlTable, labelOf: (id: string) => string): HtmlTable {
  if (table.rows.length > 4 || table.columns.length <= 8) return table;
  const [head, ...rest] = table.columns.map((column, c) => ({ column, c }));
  return {
    columns: [{ label: head!.column.label, numeric: false }, ...table.rows.map((row) => ({ label: labelOf(row[head!.c] ?? ''), numeric: true }))],
    rows: rest.map(({ column, c }) => [column.label, ...table.rows.map((row) => row[c] ?? null)]),
  };
}
