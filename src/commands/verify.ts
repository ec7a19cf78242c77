import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT, SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { roundToString, toDecimalString } from '../exact/rational.js';
import { makeGrouper } from '../indicators/grouping.js';
import { FIXED_LABELS, labelledColumn } from '../indicators/labels.js';
import type { Lang } from '../indicators/labels.js';
import { TotalsChecker } from '../indicators/totals.js';
import type { TotalCheck } from '../indicators/totals.js';
import { loadCatalogue } from '../indicators/user-catalogue.js';
import type { ExpectedFigure, FigureCheck } from '../indicators/verify.js';
import { checkFigures, parseFigure, printedDecimals, rowFilter } from '../indicators/verify.js';
import { normaliseName } from '../io/headers.js';
import { isInvalid, parseNumberCell } from '../io/numbers.js';
import type { DataRow } from '../io/reader.js';
import { displayName, scanRecords, scanTable } from '../io/reader.js';
import { checkOutputTarget, writeOutput } from '../io/writer.js';
import type { OutputColumn, OutputTable } from '../render/model.js';
import type { CommonOptions } from './common.js';
import {
  addCatalogueOption, addInputOptions, addOutputOptions, defaultLang, note, outputOptions, readOptions,
} from './common.js';
import { ROUNDING_MODES } from '../exact/rational.js';

interface VerifyOptions extends CommonOptions {
  expected?: string;
  checkTotals?: boolean;
  tolerance?: Rational;
  by?: string;
}

const EXAMPLES = `
Examples:
  $ svc-stats verify data/2005.csv --expected fixtures/verify/report-2005-tables.csv
  $ svc-stats verify data/provinces-2005-divisions.csv --check-totals
  $ svc-stats verify extract.csv --expected figures.csv --rounding half-even --tolerance 0.01

FIGURES.csv has the columns indicator (an indicator or measure id), expected (as printed: 5.67, 7031),
and optionally unit (the row label; may be left out when FILE has one row), year and source (free text).
Each figure is recomputed and rounded to the digits the expected value shows. A mismatch names the rounding
rules (half-up, half-even, truncate, ceiling) under which it would match, or else the difference.
Exit status: 0 all match, 1 a mismatch or missing figure, 2 bad input.`;

function parseTolerance(text: string): Rational {
  const value = parseNumberCell(text);
  if (value === null || isInvalid(value) || value.n < 0n) throw new InvalidArgumentError('expected a non-negative number');
  return value;
}

export function verifyCommand(): Command {
  const command = new Command('verify')
    .description("re-compute a report's published figures, or check totals against their parts; exit 1 on drift")
    .argument('<file>', 'the CSV extract the figures come from, or -')
    .option('--expected <figures>', 'CSV of published figures to reproduce')
    .option('--check-totals', 'check that each national/total row equals the sum of its parts, measure by measure')
    .addOption(new Option('--tolerance <x>', 'accept a difference up to X in the printed unit').argParser(parseTolerance))
    .addOption(new Option('--rounding <mode>', 'rounding rule the report is assumed to use').choices(ROUNDING_MODES).default('half-up'))
    .option('--by <column>', 'with --check-totals: check the total row of each group of this column');
  addInputOptions(command);
  addCatalogueOption(command);
  addOutputOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (file: string, options: VerifyOptions) => {
    if ((options.expected === undefined) === (options.checkTotals !== true)) {
      throw new SvcError('USAGE', 'verify needs exactly one of --expected FIGURES.csv and --check-totals');
    }
    if (file === '-' && options.expected === '-') {
      throw new SvcError('USAGE', 'FILE and --expected cannot both be standard input');
    }
    checkOutputTarget(options.output, [file, ...(options.expected ? [options.expected] : [])]);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const lang = options.lang ?? defaultLang();
    if (options.expected !== undefined) {
      const figures = await readFigures(options.expected, options);
      // only the rows the figures can name are kept
      const keep = rowFilter(figures);
      const rows: DataRow[] = [];
      const { plan, encoding } = await scanTable(file, readOptions(options, catalogue), (row) => {
        if (keep(row.label, rows.length)) rows.push(row);
      });
      const table = { file: displayName(file), encoding, plan, rows };
      const checks = checkFigures(table, catalogue, figures, options.rounding, options.tolerance, displayName(options.expected));
      const counts = countBy(checks.map((check) => check.status));
      note(`verify: ${checks.length} figures: ${describeCounts(counts)}`);
      await writeOutput(figureTable(checks, lang), outputOptions(options));
      if (checks.some((check) => check.status !== 'match')) process.exitCode = EXIT.checkFailed;
    } else {
      let checker: TotalsChecker | undefined;
      await scanTable(file, readOptions(options, catalogue), (row, plan) => {
        checker ??= new TotalsChecker(plan, options.by === undefined ? undefined : makeGrouper(plan, options.by, 'three', displayName(file)), displayName(file));
        checker.add(row);
      });
      const checks = checker!.finish();
      note(`verify: ${checks.length} totals: ${describeCounts(countBy(checks.map((check) => check.status)))}`);
      await writeOutput(totalsTable(checks, lang), outputOptions(options));
      if (checks.some((check) => check.status !== 'match')) process.exitCode = EXIT.checkFailed;
    }
  });
  return command;
}

const FIGURE_COLUMNS: Record<string, readonly string[]> = {
  indicator: ['indicator', 'measure', 'id', '指标'],
  unit: ['unit', '地区', '单位', 'region', 'province'],
  year: ['year', '年份', '年度'],
  expected: ['expected', 'published', 'value', '期望值', '公布值', '数值'],
  source: ['source', '来源', '出处'],
};

async function readFigures(path: string, options: VerifyOptions): Promise<ExpectedFigure[]> {
  const file = displayName(path);
  const figures: ExpectedFigure[] = [];
  let columns: Map<string, number> | undefined;
  await scanRecords(path, { encoding: options.encoding }, (cells, line) => {
    if (columns === undefined) {
      columns = new Map();
      cells.forEach((cell, index) => {
        for (const [key, names] of Object.entries(FIGURE_COLUMNS)) {
          if (names.map(normaliseName).includes(normaliseName(cell)) && !columns!.has(key)) columns!.set(key, index);
        }
      });
      for (const required of ['indicator', 'expected']) {
        if (!columns.has(required)) {
          throw new SvcError('HEADER', `the figures file needs a column '${required}'`, { file, line: 1 },
            'columns: indicator, unit, year, expected, source');
        }
      }
      return;
    }
    const cell = (key: string): string | undefined => {
      const index = columns!.get(key);
      const text = index === undefined ? undefined : cells[index]?.trim();
      return text === '' ? undefined : text;
    };
    const expected = cell('expected') ?? '';
    parseFigure(expected, { file, line, column: columns.get('expected')! + 1 });
    figures.push({ line, id: cell('indicator') ?? '', unit: cell('unit'), year: cell('year'), expected, source: cell('source') });
  });
  if (figures.length === 0) throw new SvcError('NO_DATA', 'the figures file has no figures', { file });
  return figures;
}

function countBy(statuses: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return counts;
}

function describeCounts(counts: Map<string, number>): string {
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

const VERIFY_LABELS = {
  ...FIXED_LABELS,
  expected: { zh: '公布值', en: 'expected' },
  recomputed: { zh: '重算值', en: 'recomputed' },
  exact: { zh: '精确值', en: 'exact' },
  status: { zh: '结果', en: 'status' },
  matches_under: { zh: '可吻合的舍入规则', en: 'matches under' },
  difference: { zh: '差值', en: 'difference' },
  note: { zh: '说明', en: 'note' },
  source: { zh: '来源', en: 'source' },
  measure: { zh: '指标', en: 'measure' },
  total_label: { zh: '总计行', en: 'total row' },
  total: { zh: '总计', en: 'total' },
  sum_of_parts: { zh: '分项之和', en: 'sum of parts' },
  parts: { zh: '分项数', en: 'parts' },
  parts_missing: { zh: '缺值分项', en: 'parts missing a value' },
} as const;

function column(id: keyof typeof VERIFY_LABELS, lang: Lang, kind: 'text' | 'number'): OutputColumn {
  return labelledColumn(VERIFY_LABELS, id, lang, kind);
}

function figureTable(checks: readonly FigureCheck[], lang: Lang): OutputTable {
  const hasYear = checks.some((check) => check.figure.year !== undefined);
  const hasSource = checks.some((check) => check.figure.source !== undefined);
  const columns: OutputColumn[] = [
    column('indicator', lang, 'text'), column('unit', lang, 'text'),
    ...(hasYear ? [column('year', lang, 'text')] : []),
    column('expected', lang, 'number'), column('recomputed', lang, 'number'), column('exact', lang, 'number'),
    column('status', lang, 'text'), column('matches_under', lang, 'text'), column('difference', lang, 'number'),
    column('note', lang, 'text'),
    ...(hasSource ? [column('source', lang, 'text')] : []),
  ];
  const rows = checks.map((check) => {
    const { figure } = check;
    const expected = roundToString(parseFigure(figure.expected, { file: '', line: figure.line, column: 0 }), printedDecimals(figure.expected), 'half-up');
    return [
      figure.id, figure.unit ?? null, ...(hasYear ? [figure.year ?? null] : []),
      expected, check.recomputed, check.exact, check.status,
      check.matchesUnder.length > 0 ? check.matchesUnder.join(' ') : null, check.difference, check.reason,
      ...(hasSource ? [figure.source ?? null] : []),
    ];
  });
  return { columns, rows };
}

function totalsTable(checks: readonly TotalCheck[], lang: Lang): OutputTable {
  const hasGroup = checks.some((check) => check.group !== undefined);
  const hasYear = checks.some((check) => check.year !== undefined);
  const columns: OutputColumn[] = [
    ...(hasGroup ? [column('group', lang, 'text')] : []),
    ...(hasYear ? [column('year', lang, 'text')] : []),
    column('total_label', lang, 'text'), column('measure', lang, 'text'), column('total', lang, 'number'),
    column('sum_of_parts', lang, 'number'), column('difference', lang, 'number'), column('parts', lang, 'number'),
    column('parts_missing', lang, 'text'), column('status', lang, 'text'),
  ];
  const rows = checks.map((check) => [
    ...(hasGroup ? [check.group ?? null] : []),
    ...(hasYear ? [check.year ?? null] : []),
    check.totalLabel, check.measure.id,
    check.total === null ? null : toDecimalString(check.total), toDecimalString(check.sumOfParts),
    check.difference === null ? null : toDecimalString(check.difference), String(check.parts),
    check.partsMissing === 0 ? null
      : check.partsMissingSample.join(' ') + (check.partsMissing > check.partsMissingSample.length ? ` … ${check.partsMissing} in all` : ''),
    check.status,
  ]);
  return { columns, rows };
}
