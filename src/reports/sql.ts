/**
 * `svc-stats sql`: the catalogue compiled to one SQL query that computes what `coverage` computes, for DuckDB,
 * Spark SQL or PostgreSQL. Pure: a header plan and the coverage options in, the query text out.
 *
 * Exactness: every measure is an integer in base units times 10^scale (`--scale`, default 4), read from the cell
 * text by string operations (never through a double or a rounding cast), and summed as such (DuckDB HUGEINT,
 * PostgreSQL NUMERIC, Spark DECIMAL(38,0)). A formula is compiled to one integer numerator and one integer
 * denominator (formula.ts's tree walked node by node: a / b becomes A·Db / (Da·B)), and rounded by integer
 * division and its remainder, by the rule asked: the digits are those of src/exact. DuckDB and Spark stop at
 * 38 digits (DuckDB raises an overflow error, never a wrong digit; Spark with spark.sql.ansi.enabled=true),
 * PostgreSQL's NUMERIC has no such limit.
 */
import { SvcError } from '../errors.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import { formulaOf, inputsOf } from '../catalogue/catalogue.js';
import type { FormulaNode } from '../catalogue/formula.js';
import type { IndicatorDefinition } from '../catalogue/indicators.js';
import { PROVINCES, REGION_ORDER } from '../catalogue/regions.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { TOTAL_LABELS } from '../catalogue/row-labels.js';
import { normaliseName } from '../catalogue/names.js';
import { availableIndicators } from '../catalogue/targets.js';
import type { Rational } from '../exact/rational.js';
import { pow10 } from '../exact/rational.js';
import type { Aggregation } from '../engine/aggregate.js';
import { makeGrouper } from '../engine/grouping.js';
import { MISSING_MARKERS } from '../table/cells.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { ROWS_ARE_INDEX, planHeader } from '../table/header-plan.js';
import { scanCells } from '../table/rows.js';
import { normaliseYear } from '../catalogue/columns.js';
import type { ReadOptions } from '../engine/read-options.js';
import { openRecords } from '../io/records.js';
import { TOTAL_KEY } from '../render/labels.js';
import { groupLeadColumns } from './coverage.js';

export type Dialect = 'duckdb' | 'spark' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'spark', 'postgres'];

/** Where the query reads its rows: a file DuckDB reads itself, or a table of the warehouse. */
export type SqlSource =
  | { readonly kind: 'csv'; readonly path: string; readonly delimiter: string }
  | { readonly kind: 'parquet'; readonly path: string }
  | { readonly kind: 'table'; readonly name: string };

export interface SqlRequest {
  readonly dialect: Dialect;
  readonly source: SqlSource;
  /** the plan of the sample's header (or of --columns) */
  readonly plan: HeaderPlan;
  /** the sample's name, for messages */
  readonly file: string;
  readonly catalogue: Catalogue;
  readonly wanted: readonly IndicatorDefinition[];
  readonly rounding: RoundingChoice;
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
  readonly totals: boolean;
  /** --year 2008: only that year's rows */
  readonly onlyYear?: string | undefined;
  /** with --by and a year column: how many years the data has (the year column is shown only for more than one) */
  readonly years: number;
  /** decimal places kept of every measure in base units (10^-scale persons): a cell with more is an error */
  readonly scale: number;
}

export const DEFAULT_SCALE = 4;

/** The query, and the output columns it gives (coverage's csv header). */
export interface CompiledSql {
  readonly sql: string;
  readonly columns: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// Dialects: literals, identifiers, regular expressions, integer arithmetic, errors

interface Syntax {
  readonly dialect: Dialect;
  id(name: string): string;
  text(value: string): string;
  /** an exact integer constant */
  int(value: bigint): string;
  /** the integer type measures are held in */
  readonly integer: string;
  readonly varchar: string;
  regex(pattern: string): string;
  replaceAll(expr: string, pattern: string, replacement: string): string;
  fullMatch(expr: string, pattern: string): string;
  /** $1 or \1 */
  readonly group1: string;
  /** integer division of non-negative integers, truncating */
  div(a: string, b: string): string;
  /** stops the query with a message: an expression of the type given */
  fail(message: string, type: string): string;
}

/** Patterns are written for RE2 (DuckDB); Java (Spark) and PostgreSQL's ARE get their spellings of the same. */
const HAN = '\\p{Han}';

function syntaxOf(dialect: Dialect): Syntax {
  const quoteText = (value: string): string => (dialect === 'spark'
    ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : `'${value.replace(/'/g, "''")}'`);
  const regex = (pattern: string): string => {
    if (dialect === 'postgres') {
      return pattern.replace(/\\x\{([0-9A-Fa-f]{4})\}/g, '\\u$1').replaceAll(HAN, '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF');
    }
    if (dialect === 'spark') return pattern.replaceAll(HAN, '\\p{IsHan}');
    return pattern;
  };
  const integer = dialect === 'duckdb' ? 'HUGEINT' : dialect === 'postgres' ? 'NUMERIC' : 'DECIMAL(38,0)';
  return {
    dialect,
    id: (name) => (dialect === 'spark' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`),
    text: quoteText,
    int: (value) => (value >= -2147483648n && value <= 2147483647n ? `CAST(${value} AS ${integer})` : `CAST(${quoteText(String(value))} AS ${integer})`),
    integer,
    varchar: dialect === 'spark' ? 'STRING' : 'VARCHAR',
    regex,
    replaceAll: (expr, pattern, replacement) => (dialect === 'spark'
      ? `regexp_replace(${expr}, ${quoteText(regex(pattern))}, ${quoteText(replacement)})`
      : `regexp_replace(${expr}, ${quoteText(regex(pattern))}, ${quoteText(replacement)}, 'g')`),
    fullMatch: (expr, pattern) => (dialect === 'duckdb'
      ? `regexp_full_match(${expr}, ${quoteText(pattern)})`
      : dialect === 'postgres' ? `(${expr} ~ ${quoteText(`^(?:${regex(pattern)})$`)})` : `(${expr} RLIKE ${quoteText(`^(?:${regex(pattern)})$`)})`),
    group1: dialect === 'spark' ? '$1' : '\\1',
    div: (a, b) => (dialect === 'duckdb' ? `(${a} // ${b})` : dialect === 'postgres' ? `div(${a}, ${b})` : `(${a} div ${b})`),
    // PostgreSQL has no error function: a cast of the message to a number fails and shows it
    fail: (message, type) => (dialect === 'duckdb' ? `error(${message})` : dialect === 'spark' ? `raise_error(${message})`
      : `CAST(CAST(${message} AS INTEGER) AS ${type})`),
  };
}

/** JavaScript's \s and U+FEFF: what String.prototype.trim removes. */
const BLANK = '[\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space: what NFKC changes in yearbook labels and numbers. */
const FULL_WIDTH = [...Array.from({ length: 94 }, (_, index) => String.fromCharCode(0xff01 + index)), '\u3000'].join('');
const HALF_WIDTH = [...Array.from({ length: 94 }, (_, index) => String.fromCharCode(0x21 + index)), ' '].join('');

function trimmed(s: Syntax, expr: string): string {
  return s.replaceAll(expr, `^${BLANK}+|${BLANK}+$`, '');
}

function halfWidth(s: Syntax, expr: string): string {
  return `translate(${expr}, ${s.text(FULL_WIDTH)}, ${s.text(HALF_WIDTH)})`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------
// Cells: the reader's rules (table/cells.ts) as SQL

/** The text of a column of the source, '' when absent. */
function cellText(s: Syntax, header: string): string {
  return `COALESCE(CAST(${s.id(header)} AS ${s.varchar}), '')`;
}

const NUMBER = '[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?';

/**
 * A measure cell (`t`: trimmed, full-width mapped) as an integer in base units × 10^scale: missing markers give
 * NULL, anything else that is not a number stops the query, as coverage stops with NOT_A_NUMBER.
 */
function measureValue(s: Syntax, t: string, bare: string, header: string, power10: number, scale: number, count: boolean): string {
  const places = scale + power10;
  if (places < 0) throw new SvcError('USAGE', `${header}: a unit below the base unit needs --scale ${-power10} or more`);
  const fraction = `split_part(${bare}, '.', 2)`;
  const digits = `split_part(${bare}, '.', 1) || rpad(${fraction}, ${places}, '0')`;
  const markers = [...MISSING_MARKERS].map((marker) => s.text(marker)).join(', ');
  const where = (what: string): string => s.text(`${header}: ${what}: `);
  const checks = [
    `WHEN ${t} IN (${markers}) THEN NULL`,
    `WHEN NOT ${s.fullMatch(t, NUMBER)} THEN ${s.fail(`${where('not a number')} || ${t}`, s.integer)}`,
    `WHEN length(${fraction}) > ${places} THEN ${s.fail(`${where(`more than ${places} decimal places (see --scale)`)} || ${t}`, s.integer)}`,
  ];
  if (count) {
    checks.push(`WHEN ${bare} LIKE '-%' AND ${s.fullMatch(bare, '-[0.]*')} = false THEN ${s.fail(`${where('a count cannot be negative')} || ${t}`, s.integer)}`);
    if (scale > 0) {
      checks.push(`WHEN NOT ${s.fullMatch(`substr(${digits}, length(${digits}) - ${scale - 1})`, `0{${scale}}`)} THEN ${s.fail(`${where('not a whole number once the unit is applied')} || ${t}`, s.integer)}`);
    }
  }
  return `CASE ${checks.join(' ')} ELSE CAST(${digits} AS ${s.integer}) END`;
}

/** coverage's year: `2008`, `2008年` → 2008 (full-width digits too); a year that is not four digits stops the query. */
function yearText(s: Syntax, cell: string): string {
  return s.replaceAll(trimmed(s, halfWidth(s, cell)), `^(\\d{4})${BLANK}*年?度?$`, s.group1);
}

function yearValue(s: Syntax, normal: string): string {
  return `CASE WHEN ${normal} = '' OR ${s.fullMatch(normal, '\\d{4}')} THEN ${normal} ELSE ${s.fail(`${s.text('not a year of four digits: ')} || ${normal}`, s.varchar)} END`;
}

/** row-labels.ts's isTotalLabel as SQL. */
function isTotal(s: Syntax, label: string): string {
  const lower = `lower(${halfWidth(s, label)})`;
  const words = [...new Set(TOTAL_LABELS.map(normaliseName))];
  const list = (items: readonly string[]): string => items.map((item) => s.text(item)).join(', ');
  const name = s.replaceAll(lower, '[\\s_\\-]+', '');
  const bare = trimmed(s, s.replaceAll(s.replaceAll(lower, '[(\\[][^)\\]]*[)\\]]', ' '), '[*:：、,.。]', ' '));
  const word = `(${words.map(escapeRegex).join('|')}|${HAN}{0,12}(合计|小计|总计|平均))`;
  return `(${name} IN (${list(words)}) OR (${bare} <> '' AND ${s.fullMatch(bare, `${word}(${BLANK}+${word})*`)}))`;
}

/** grouping.ts's labelRole: isTotalLabel and isOfWhichLabel behind its first/last character test. */
function roleOf(s: Syntax, label: string): string {
  const starts = [...new Set([...TOTAL_LABELS.flatMap((total) => [total[0]!, total[0]!.toUpperCase()]), '#', '＃', '其'])];
  const ends = ['计', '均', '*', '＊', ':', '：', ')', '）', ']'];
  const list = (items: readonly string[]): string => items.map((item) => s.text(item)).join(', ');
  const special = `(left(${label}, 1) IN (${list(starts)}) OR right(${label}, 1) IN (${list(ends)}))`;
  const ofWhich = `(${halfWidth(s, label)} LIKE '#%' OR ${label} LIKE '其中%')`;
  return `CASE WHEN ${label} IS NULL OR ${label} = '' OR NOT ${special} THEN 'part' WHEN ${isTotal(s, label)} THEN 'total' WHEN ${ofWhich} THEN 'of-which' ELSE 'part' END`;
}

/** Suffixes of official province names, longest first (regions.ts). */
const PROVINCE_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];

/** regions.ts's findProvince key: half-width, no blanks, lower case, one official suffix dropped. */
function provinceKey(s: Syntax, label: string): string {
  const plain = `lower(${s.replaceAll(halfWidth(s, label), `${BLANK}+`, '')})`;
  return s.replaceAll(plain, `^(.+?)(${PROVINCE_SUFFIXES.join('|')})$`, s.group1);
}

function regionValues(s: Syntax, scheme: RegionScheme): string {
  const rows: string[] = [];
  for (const province of PROVINCES) {
    for (const spelling of [province.zh, ...province.en.flatMap((en) => [en, `${en}province`, `${en}city`, `${en}autonomousregion`])]) {
      rows.push(`(${s.text(spelling)}, ${s.text(province[scheme])})`);
    }
  }
  return `${s.id('regions')} (${s.id('spelling')}, ${s.id('region')}) AS (VALUES\n    ${rows.join(',\n    ')})`;
}

// ---------------------------------------------------------------------------------------------------------
// Formulas: a tree → one integer numerator and denominator, value = num / den / 10^scale

type Term = { readonly constant: bigint } | { readonly sql: string };

interface Fraction {
  readonly num: Term;
  /** undefined: 1 */
  readonly den: Term | undefined;
  readonly scale: number;
  /** every divisor's numerator: a zero one leaves the value missing, as evaluateFormula does */
  readonly divisors: readonly string[];
}

function termSql(s: Syntax, term: Term): string {
  return 'constant' in term ? s.int(term.constant) : term.sql;
}

function times(s: Syntax, a: Term | undefined, b: Term | undefined): Term | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if ('constant' in a && 'constant' in b) return { constant: a.constant * b.constant };
  if ('constant' in a && a.constant === 1n) return b;
  if ('constant' in b && b.constant === 1n) return a;
  return { sql: `(${termSql(s, a)} * ${termSql(s, b)})` };
}

/** A terminating decimal n/d as an integer over 10^k. */
function decimalConstant(value: Rational): { constant: bigint; scale: number } {
  for (let k = 0; k <= 60; k += 1) {
    if ((value.n * pow10(k)) % value.d === 0n) return { constant: (value.n * pow10(k)) / value.d, scale: k };
  }
  throw new SvcError('USAGE', `the constant ${value.n}/${value.d} is not a decimal`);
}

function powerOf(base: Rational, exponent: number): Rational {
  const up = exponent >= 0;
  const k = BigInt(Math.abs(exponent));
  return up ? { n: base.n ** k, d: base.d ** k } : { n: base.d ** k, d: base.n ** k };
}

function compileNode(s: Syntax, node: FormulaNode, measure: (id: string) => string, scale: number): Fraction {
  switch (node.kind) {
    case 'measure':
      return { num: { sql: measure(node.id) }, den: undefined, scale, divisors: [] };
    case 'number':
    case 'power': {
      const value = node.kind === 'number' ? node.value : powerOf(node.base, node.exponent);
      if (value.d === 0n) throw new SvcError('USAGE', 'a power of zero with a negative exponent');
      const { constant, scale: places } = decimalConstant(value);
      return { num: { constant }, den: undefined, scale: places, divisors: [] };
    }
    case 'negate': {
      const operand = compileNode(s, node.operand, measure, scale);
      const num: Term = 'constant' in operand.num ? { constant: -operand.num.constant } : { sql: `(-${operand.num.sql})` };
      return { ...operand, num };
    }
    case 'binary': {
      const a = compileNode(s, node.left, measure, scale);
      const b = compileNode(s, node.right, measure, scale);
      const divisors = [...a.divisors, ...b.divisors];
      switch (node.operator) {
        case '*':
          return { num: times(s, a.num, b.num)!, den: times(s, a.den, b.den), scale: a.scale + b.scale, divisors };
        case '/': {
          const divisor = termSql(s, b.num);
          return { num: times(s, a.num, b.den)!, den: times(s, a.den, b.num), scale: a.scale - b.scale, divisors: [...divisors, divisor] };
        }
        default: {
          const common = Math.max(a.scale, b.scale);
          const left = times(s, times(s, a.num, { constant: pow10(common - a.scale) }), b.den)!;
          const right = times(s, times(s, b.num, { constant: pow10(common - b.scale) }), a.den)!;
          return { num: { sql: `(${termSql(s, left)} ${node.operator} ${termSql(s, right)})` }, den: times(s, a.den, b.den), scale: common, divisors };
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rounding and printing, in integers

/** The exact decimal text of an integer × 10^-scale, trailing zeros dropped (toDecimalString). */
function decimalText(s: Syntax, value: string, scale: number): string {
  const text = (expr: string): string => `CAST(${expr} AS ${s.varchar})`;
  if (scale === 0) return text(value);
  const unit = s.int(pow10(scale));
  const magnitude = `abs(${value})`;
  const whole = s.div(magnitude, unit);
  const rest = `(${magnitude} - ${whole} * ${unit})`;
  return `CASE WHEN ${value} IS NULL THEN NULL ELSE (CASE WHEN ${value} < 0 THEN '-' ELSE '' END) || ${text(whole)}`
    + ` || CASE WHEN ${rest} = 0 THEN '' ELSE '.' || rtrim(lpad(${text(rest)}, ${scale}, '0'), '0') END END`;
}

/**
 * The indicator as text: |num| / |den| rounded to `decimals` by `mode` with integer division and its remainder
 * (rational.ts's roundToString), the sign put back, no negative zero.
 */
function roundedText(s: Syntax, d: string, q: string, r: string, negative: string, decimals: number, mode: RoundingChoice['mode']): string {
  const up = {
    'half-up': `2 * ${r} >= ${d}`,
    'half-even': `2 * ${r} > ${d} OR (2 * ${r} = ${d} AND ${q} % 2 = 1)`,
    truncate: '1 = 0',
    ceiling: `${r} > 0 AND NOT ${negative}`,
    floor: `${r} > 0 AND ${negative}`,
  }[mode];
  const rounded = `(${q} + CASE WHEN ${up} THEN 1 ELSE 0 END)`;
  const text = (expr: string): string => `CAST(${expr} AS ${s.varchar})`;
  const sign = `CASE WHEN ${negative} AND ${rounded} <> 0 THEN '-' ELSE '' END`;
  if (decimals === 0) return `CASE WHEN ${q} IS NULL THEN NULL ELSE ${sign} || ${text(rounded)} END`;
  const unit = s.int(pow10(decimals));
  const whole = s.div(rounded, unit);
  return `CASE WHEN ${q} IS NULL THEN NULL ELSE ${sign} || ${text(whole)} || '.' || lpad(${text(`(${rounded} - ${whole} * ${unit})`)}, ${decimals}, '0') END`;
}

// ---------------------------------------------------------------------------------------------------------
// The query

const LINE = '__line';

/** What a sample's layout must be for its rules to be written as SQL. */
export function checkSqlLayout(plan: HeaderPlan, file: string): void {
  const clean = 'export the table as a clean CSV (one header line, then data rows) and run svc-stats sql on it';
  if (plan.title.length > 0 || plan.headerLine !== 1) {
    throw new SvcError('SQL_LAYOUT', 'a title above the header cannot be skipped by SQL', { file, line: plan.headerLine }, clean);
  }
  if (plan.headerRows > 1) throw new SvcError('SQL_LAYOUT', `a header of ${plan.headerRows} rows cannot be read by SQL`, { file, line: plan.headerLine }, clean);
  if (plan.footnotes.length > 0) {
    throw new SvcError('SQL_LAYOUT', 'footnote rows cannot be told from data by SQL', { file, line: plan.footnotes[0]!.line }, clean);
  }
  if (plan.measureColumns.some((column) => column.unitFromTitle !== undefined)) {
    throw new SvcError('SQL_LAYOUT', 'a unit given by the title line cannot be read by SQL', { file }, clean);
  }
}

export function compileSql(request: SqlRequest): CompiledSql {
  const { plan, catalogue, rounding, file } = request;
  const s = syntaxOf(request.dialect);
  checkSqlLayout(plan, file);
  const present = new Set(plan.measureColumns.map((column) => column.measure.id));
  const { kept } = availableIndicators(present, file, catalogue, request.wanted);
  if (kept.length === 0) {
    throw new SvcError('NO_INDICATOR', `no indicator can be computed: ${file} has only ${[...present].join(', ')}`, {},
      "see 'svc-stats indicators' for what each needs");
  }
  const used = new Set(kept.flatMap(inputsOf));
  const measures = catalogue.measures.filter((measure) => used.has(measure.id));
  const columns = plan.measureColumns.filter((column) => used.has(column.measure.id));
  const header = (index: number): string => plan.headers[index]!.replace(/^\uFEFF/, '');

  // 1. the source, with each row's position; every column used as text, as `__c<index>`
  const from = request.source.kind === 'table' ? request.source.name
    : request.source.kind === 'parquet' ? `read_parquet(${s.text(request.source.path)})`
      : `read_csv(${s.text(request.source.path)}, all_varchar = true, header = true, delim = ${s.text(request.source.delimiter)}, quote = '"')`;
  if (request.source.kind !== 'table' && request.dialect !== 'duckdb') {
    throw new SvcError('USAGE', `--dialect ${request.dialect} reads a table: name it with --table NAME`);
  }
  const grouper = request.by === undefined ? undefined : makeGrouper(plan, request.by.column, request.by.scheme, file);
  const c = (index: number): string => s.id(`__c${index}`);
  const labelIndex = plan.labelIndex;
  // merged cells: coarser labels and the year are filled down from the row above (rows.ts)
  const fillIndices = [...plan.labelColumns.filter((column) => column.index !== labelIndex).map((column) => column.index),
    ...(plan.yearIndex === undefined ? [] : [plan.yearIndex])];
  const groupIndices = (grouper?.columns ?? []).filter((column): column is number => column !== undefined);
  const textIndices = [...new Set([...(labelIndex === undefined ? [] : [labelIndex]), ...fillIndices, ...groupIndices,
    ...columns.filter((column) => column.index !== ROWS_ARE_INDEX).map((column) => column.index)])].sort((x, y) => x - y);
  const ctes: string[] = [];
  const order = request.dialect === 'spark' ? 'ORDER BY monotonically_increasing_id()' : '';
  ctes.push(`${s.id('source')} AS (\n  SELECT row_number() OVER (${order}) AS ${s.id(LINE)},\n    `
    + `${textIndices.map((index) => `${cellText(s, header(index))} AS ${c(index)}`).join(',\n    ')}\n  FROM ${from}\n)`);
  let last = 'source';
  if (fillIndices.length > 0) {
    const blank = (expr: string): string => s.fullMatch(expr, '[ \\t\\x{3000}]*');
    const kept = textIndices.filter((index) => !fillIndices.includes(index));
    ctes.push(`${s.id('blocks')} AS (\n  SELECT *, ${fillIndices.map((index) => `COUNT(CASE WHEN NOT ${blank(c(index))} THEN 1 END) OVER (ORDER BY ${s.id(LINE)} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ${s.id(`__block${index}`)}`).join(',\n    ')}\n  FROM ${s.id('source')}\n)`);
    ctes.push(`${s.id('filled')} AS (\n  SELECT ${[s.id(LINE), ...kept.map(c), ...fillIndices.map((index) => `COALESCE(MAX(CASE WHEN NOT ${blank(c(index))} THEN ${c(index)} END) OVER (PARTITION BY ${s.id(`__block${index}`)}), ${c(index)}) AS ${c(index)}`)].join(',\n    ')}\n  FROM ${s.id('blocks')}\n)`);
    last = 'filled';
  }

  // 2. cells: trimmed and half-width; the label (a blank one takes a coarser total: 全国 in the province column), the year
  const cellColumns: string[] = [s.id(LINE)];
  let label = 'NULL';
  if (labelIndex !== undefined) {
    const coarser = plan.labelColumns.filter((column) => column.index !== labelIndex)
      .map((column) => `WHEN ${trimmed(s, c(column.index))} <> '' AND ${isTotal(s, trimmed(s, c(column.index)))} THEN ${trimmed(s, c(column.index))}`);
    label = coarser.length === 0 ? trimmed(s, c(labelIndex)) : `CASE WHEN ${trimmed(s, c(labelIndex))} <> '' THEN ${trimmed(s, c(labelIndex))} ${coarser.join(' ')} ELSE '' END`;
  }
  cellColumns.push(`${label} AS ${s.id('__label')}`);
  cellColumns.push(`${plan.yearIndex === undefined ? 'NULL' : yearText(s, c(plan.yearIndex))} AS ${s.id('__year_text')}`);
  grouper?.columns.forEach((column, index) => {
    if (column !== undefined && grouper.parts[index]!.kind !== 'year') cellColumns.push(`${trimmed(s, c(column))} AS ${s.id(`__part${index}`)}`);
  });
  for (const column of columns) {
    if (column.index === ROWS_ARE_INDEX) continue;
    cellColumns.push(`${halfWidth(s, trimmed(s, c(column.index)))} AS ${s.id(`__text_${column.measure.id}`)}`);
  }
  ctes.push(`${s.id('cells')} AS (\n  SELECT ${cellColumns.join(',\n    ')}\n  FROM ${s.id(last)}\n)`);
  const bareColumns = [`${s.id('cells')}.*`, ...columns.filter((column) => column.index !== ROWS_ARE_INDEX)
    .map((column) => `regexp_replace(replace(${s.id(`__text_${column.measure.id}`)}, ',', ''), '^[+]', '') AS ${s.id(`__bare_${column.measure.id}`)}`)];
  ctes.push(`${s.id('texts')} AS (\n  SELECT ${bareColumns.join(',\n    ')}\n  FROM ${s.id('cells')}\n)`);

  // 3. rows: measures as integers, the row's role
  const rowColumns = [s.id(LINE), s.id('__label'), `${yearValue(s, s.id('__year_text'))} AS ${s.id('__year')}`, `${roleOf(s, s.id('__label'))} AS ${s.id('__role')}`];
  grouper?.columns.forEach((column, index) => {
    if (column !== undefined && grouper.parts[index]!.kind !== 'year') rowColumns.push(s.id(`__part${index}`));
  });
  for (const column of columns) {
    const value = column.index === ROWS_ARE_INDEX ? s.int(pow10(request.scale))
      : measureValue(s, s.id(`__text_${column.measure.id}`), s.id(`__bare_${column.measure.id}`), header(column.index), column.power10, request.scale, column.measure.kind === 'count');
    rowColumns.push(`${value} AS ${s.id(column.measure.id)}`);
  }
  const yearFilter = request.onlyYear === undefined ? '' : `\n  WHERE ${s.id('__year_text')} = ${s.text(request.onlyYear)}`;
  ctes.push(`${s.id('rows')} AS (\n  SELECT ${rowColumns.join(',\n    ')}\n  FROM ${s.id('texts')}${yearFilter}\n)`);

  const part = `${s.id('__role')} = 'part'`;
  const partSum = (id: string): string => `CASE WHEN COUNT(CASE WHEN ${part} THEN ${s.id(id)} END) = COUNT(CASE WHEN ${part} THEN 1 END) THEN SUM(CASE WHEN ${part} THEN ${s.id(id)} END) END AS ${s.id(id)}`;
  const noParts = (byYear: boolean): string => s.fail(byYear
    ? `${s.text('--totals: no unit rows to add up, only national/total or "of which" rows, in the year ')} || COALESCE(${s.id('__year')}, '')`
    // a message that is not a constant: PostgreSQL would fail on a constant cast when it plans the query
    : `${s.text('--totals: no unit rows to add up, only national/total or "of which" rows, in ')} || CAST(COUNT(*) AS ${s.varchar}) || ' rows'`, 'INTEGER');
  const sum = (id: string): string => `CASE WHEN COUNT(${s.id(id)}) = COUNT(*) THEN SUM(${s.id(id)}) END AS ${s.id(id)}`;
  const yearRank = (expr: string): string => `CASE WHEN ${s.fullMatch(`COALESCE(${expr}, '')`, '\\d+')} THEN CAST(${expr} AS BIGINT) ELSE 9007199254740991 END`;
  let leadIds: string[];
  let orderBy: string[];
  if (grouper === undefined) {
    // one output row per input row; --totals: each year's rows, then their total
    leadIds = ['unit', ...(plan.yearIndex === undefined ? [] : ['year'])];
    const lead = (unit: string): string[] => [`${unit} AS ${s.id('unit')}`, ...(plan.yearIndex === undefined ? [] : [`${s.id('__year')} AS ${s.id('year')}`])];
    // a year comes where it first appears (byYear's order), its rows in input order, then its total
    ctes.push(`${s.id('yeared')} AS (\n  SELECT *, min(${s.id(LINE)}) OVER (PARTITION BY ${s.id('__year')}) AS ${s.id('__first')}\n  FROM ${s.id('rows')}\n)`);
    const rowsPart = `  SELECT ${[...lead(s.id('__label')), ...columns.map((column) => s.id(column.measure.id)),
      `${s.id('__first')} AS ${s.id('__o0')}`, `0 AS ${s.id('__o1')}`, `${s.id(LINE)} AS ${s.id('__o2')}`].join(', ')}\n  FROM ${s.id('yeared')}`;
    const totalPart = `  SELECT ${[...lead(s.text(TOTAL_KEY)), ...columns.map((column) => partSum(column.measure.id)),
      `min(${s.id('__first')}) AS ${s.id('__o0')}`, `CASE WHEN COUNT(CASE WHEN ${part} THEN 1 END) = 0 THEN ${noParts(plan.yearIndex !== undefined)} ELSE 1 END AS ${s.id('__o1')}`, `0 AS ${s.id('__o2')}`].join(', ')}\n`
      + `  FROM ${s.id('yeared')}\n  GROUP BY ${s.id('__year')}`;
    ctes.push(`${s.id('units')} AS (\n${rowsPart}${request.totals ? `\n  UNION ALL\n${totalPart}` : ''}\n)`);
    orderBy = ['__o0', '__o1', '__o2'].map((id) => s.id(id));
  } else {
    // one output row per group, from the group's sums; --totals: one per year
    const lead = groupLeadColumns({ grouper, years: Array.from({ length: request.years }, (_, index) => String(index)) } as unknown as Aggregation,
      request.by!.column);
    const shownParts = grouper.parts.map((part, index) => ({ part, index })).filter(({ part }) => !(part.implicit && request.years <= 1));
    leadIds = [...lead.columns.map((column) => column.id), 'units'];
    if (request.by!.column !== undefined && grouper.parts.some((part) => part.kind === 'region')) ctes.unshift(regionValues(s, request.by!.scheme));
    const partValue = (index: number): string => {
      const part = grouper.parts[index]!;
      if (part.kind === 'year') return s.id('__year');
      if (part.kind === 'unit') return s.id('__label');
      if (part.kind === 'column') return s.id(`__part${index}`);
      const province = grouper.columns[index] === undefined ? s.id('__label') : s.id(`__part${index}`);
      return `CASE WHEN ${s.id('regions')}.${s.id('region')} IS NULL THEN ${s.fail(`${s.text('not a province, so its region is unknown: ')} || ${province}`, s.varchar)} ELSE ${s.id('regions')}.${s.id('region')} END`;
    };
    const regionJoin = grouper.parts.map((part, index) => ({ part, index })).find(({ part }) => part.kind === 'region');
    const join = regionJoin === undefined ? ''
      : ` LEFT JOIN ${s.id('regions')} ON ${s.id('regions')}.${s.id('spelling')} = ${provinceKey(s, grouper.columns[regionJoin.index] === undefined ? s.id('__label') : s.id(`__part${regionJoin.index}`))}`;
    const partColumns = grouper.parts.map((_, index) => `${partValue(index)} AS ${s.id(`__g${index}`)}`);
    ctes.push(`${s.id('parts')} AS (\n  SELECT ${s.id('rows')}.*, ${partColumns.join(', ')}\n  FROM ${s.id('rows')}${join}\n  WHERE ${s.id('__role')} = 'part'\n)`);
    const ranks = grouper.parts.map((part, index) => {
      const value = s.id(`__g${index}`);
      if (part.kind === 'year') return yearRank(value);
      if (part.kind === 'region') return `CASE ${value} ${REGION_ORDER.map((region, at) => `WHEN ${s.text(region)} THEN ${at}`).join(' ')} ELSE 9 END`;
      return s.id(`__f${index}`);
    });
    ctes.push(`${s.id('ranked')} AS (\n  SELECT ${s.id('parts')}.*, ${grouper.parts.map((_, index) => `min(${s.id(LINE)}) OVER (PARTITION BY ${s.id(`__g${index}`)}) AS ${s.id(`__f${index}`)}`).join(', ')}\n  FROM ${s.id('parts')}\n)`);
    const yearAt = grouper.parts.findIndex((part) => part.kind === 'year');
    const byYear = request.totals && yearAt !== -1 && request.years > 1;
    const groupKeys = grouper.parts.map((_, index) => s.id(`__g${index}`));
    const groupSelect = `  SELECT ${[...shownParts.map(({ index }, at) => `${s.id(`__g${index}`)} AS ${s.id(lead.columns[at]!.id)}`),
      `COUNT(*) AS ${s.id('units')}`, ...columns.map((column) => sum(column.measure.id)),
      `${byYear ? yearRank(s.id(`__g${yearAt}`)) : '0'} AS ${s.id('__oy')}`, `0 AS ${s.id('__ot')}`,
      ...ranks.map((rank, index) => `min(${rank}) AS ${s.id(`__r${index}`)}`), `min(${s.id(LINE)}) AS ${s.id('__rl')}`].join(', ')}\n`
      + `  FROM ${s.id('ranked')}\n  GROUP BY ${groupKeys.join(', ')}`;
    const parts = [groupSelect];
    if (request.totals) {
      const totalLead = lead.columns.map((column) => `${column.id === 'year' ? s.id('__year') : s.text(TOTAL_KEY)} AS ${s.id(column.id)}`);
      // from every row, so that an input without unit rows stops the query as coverage stops (a year without any is left out)
      const partCount = `COUNT(CASE WHEN ${part} THEN 1 END)`;
      parts.push(`  SELECT ${[...totalLead, `${partCount} AS ${s.id('units')}`, ...columns.map((column) => partSum(column.measure.id)),
        `${byYear ? yearRank(s.id('__year')) : '0'} AS ${s.id('__oy')}`, `CASE WHEN ${partCount} = 0 THEN ${noParts(yearAt !== -1)} ELSE 1 END AS ${s.id('__ot')}`,
        ...grouper.parts.map((_, index) => `0 AS ${s.id(`__r${index}`)}`), `0 AS ${s.id('__rl')}`].join(', ')}\n`
        + `  FROM ${s.id('rows')}${yearAt === -1 ? '' : `\n  GROUP BY ${s.id('__year')}`}\n`
        + `  HAVING ${partCount} > 0 OR (SELECT COUNT(*) FROM ${s.id('rows')} WHERE ${part}) = 0`);
    }
    ctes.push(`${s.id('units')} AS (\n${parts.join('\n  UNION ALL\n')}\n)`);
    orderBy = [s.id('__oy'), s.id('__ot'), ...grouper.parts.map((_, index) => s.id(`__r${index}`)), s.id('__rl')];
  }

  // 4. the output: measures as exact decimals, indicators rounded
  const fractions = kept.map((indicator) => compileNode(s, formulaOf(indicator).tree, (id) => s.id(id), request.scale));
  const inner: string[] = [];
  const middle: string[] = [];
  const outer: string[] = [
    ...leadIds.map((id) => s.id(id)),
    ...measures.map((measure) => `${decimalText(s, s.id(measure.id), request.scale)} AS ${s.id(measure.id)}`),
  ];
  kept.forEach((indicator, at) => {
    const fraction = fractions[at]!;
    const decimals = rounding.decimals ?? indicator.decimals;
    const shift = decimals - fraction.scale;
    const num = times(s, fraction.num, shift > 0 ? { constant: pow10(shift) } : undefined)!;
    const den = times(s, fraction.den, shift < 0 ? { constant: pow10(-shift) } : undefined) ?? { constant: 1n };
    const zero = fraction.divisors.length === 0 ? '' : `WHEN ${fraction.divisors.map((divisor) => `${divisor} = 0`).join(' OR ')} THEN NULL `;
    const n = s.id(`__n${at}`);
    const d = s.id(`__d${at}`);
    inner.push(`${termSql(s, num)} AS ${n}`, `${zero === '' ? termSql(s, den) : `CASE ${zero}ELSE ${termSql(s, den)} END`} AS ${d}`);
    const q = s.id(`__q${at}`);
    middle.push(`${s.div(`abs(${n})`, `abs(${d})`)} AS ${q}`);
    const r = `(abs(${n}) - ${q} * abs(${d}))`;
    const negative = `((${n} < 0) <> (${d} < 0))`;
    outer.push(`${roundedText(s, `abs(${d})`, q, r, negative, decimals, rounding.mode)} AS ${s.id(indicator.id)}`);
  });
  const sql = `WITH\n${ctes.join(',\n')}\n`
    + `SELECT ${outer.join(',\n  ')}\nFROM (\n  SELECT *, ${middle.join(', ')}\n  FROM (\n    SELECT *, ${inner.join(',\n      ')}\n    FROM ${s.id('units')}\n  ) ${s.id('fractions')}\n) ${s.id('quotients')}\n`
    + `ORDER BY ${orderBy.join(', ')};\n`;
  return { sql, columns: [...leadIds, ...measures.map((measure) => measure.id), ...kept.map((indicator) => indicator.id)] };
}

// ---------------------------------------------------------------------------------------------------------
// The sample: its plan, its years, and what SQL cannot do with it

/** The header plan of a sample file and how many years it holds; footnotes found on the way are in the plan. */
export async function inspectSample(source: string, options: ReadOptions): Promise<{ plan: HeaderPlan; years: number }> {
  const years = new Set<string>();
  const plan = await scanCells(openRecords(source, options), options, (cells, _line, rowPlan) => {
    if (rowPlan.yearIndex !== undefined && years.size < 2) years.add(normaliseYear(cells[rowPlan.yearIndex]!));
  });
  return { plan, years: years.size };
}

/** The plan of `--columns 地区,社区数,城镇人口（万人）`: a header without a file. */
export function planColumns(spec: string, options: ReadOptions): HeaderPlan {
  const headers = spec.split(/[,，]/).map((header) => header.trim());
  return planHeader(headers, options.measures, '--columns', {
    groupColumns: options.groupColumns, rowsAre: options.rowsAre, labelColumn: options.labelColumn, yearColumn: options.yearColumn,
  });
}
