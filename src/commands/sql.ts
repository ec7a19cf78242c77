import { Command, InvalidArgumentError, Option } from 'commander';
import { selectIndicators } from '../catalogue/catalogue.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { SvcError } from '../errors.js';
import type { Dialect, SqlSource } from '../reports/sql.js';
import { DEFAULT_SCALE, DIALECTS, compileSql, inspectSample, planColumns } from '../reports/sql.js';
import type { CommonOptions } from './common.js';
import { addAnalysisOptions, groupOption, readOptions, yearOptions, addExamples } from './common.js';

interface SqlOptions extends CommonOptions {
  by?: string;
  regions: RegionScheme;
  totals?: boolean;
  dialect: Dialect;
  table?: string;
  source?: string;
  columns?: string;
  scale: number;
}

const EXAMPLES = `
Examples:
  $ svc-stats sql fixtures/years/register-shijian.csv --rows-are communities --by province > q.sql && duckdb < q.sql
  $ svc-stats sql data/2005.csv --source 'registers/*.parquet' --rows-are communities --by region
  $ svc-stats sql --columns 省份,社区数,城镇人口（万人） --dialect spark --table mca.communities --by region --totals
  $ svc-stats sql fixtures/synthetic/provinces-coverage-2009.csv --dialect postgres --table yearbook_2009 -i centers_per_10k_residents --rounding half-even

Prints one SQL query that computes what 'svc-stats coverage' computes with the same options, from the header of
a sample file (or --columns): measures summed exactly as integers (万 = 10^4 applied), ratios of sums, rounding by
the rule asked, missing cells and zero denominators as NULL, national/total and "of which" rows kept out of sums.
DuckDB reads the file itself (CSV with all columns as text, or Parquet); Spark SQL and PostgreSQL read --table.`;

function parseScale(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) > 12) throw new InvalidArgumentError('expected a whole number from 0 to 12');
  return Number(text);
}

export function sqlCommand(): Command {
  const command = new Command('sql')
    .description('the coverage indicators as one SQL query (DuckDB, Spark SQL, PostgreSQL), for data beyond one machine')
    .argument('[file]', 'a sample of the data (CSV or .xlsx): its header decides the columns');
  addAnalysisOptions(command);
  command
    .addOption(new Option('--totals', 'add a total row computed from all unit rows (one per year)'))
    .addOption(new Option('--dialect <dialect>', 'the SQL engine').choices(DIALECTS).default('duckdb'))
    .option('--table <name>', 'the table to read (Spark and PostgreSQL; DuckDB reads FILE or --source otherwise)')
    .option('--source <path>', 'DuckDB: the CSV or Parquet path (or glob) to read, when it is not the sample FILE')
    .option('--columns <headers>', 'the header as a list of column names, instead of a sample file')
    .addOption(new Option('--scale <n>', 'decimal places kept of every measure in base units (a cell with more stops the query)')
      .argParser(parseScale).default(DEFAULT_SCALE));
  addExamples(command, EXAMPLES);
  command.action(async (file: string | undefined, options: SqlOptions) => {
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const read = readOptions(options, catalogue);
    if ((file === undefined) === (options.columns === undefined)) {
      throw new SvcError('USAGE', 'give a sample FILE or --columns, one of them');
    }
    const { onlyYear } = yearOptions(options.year);
    const sample = file === undefined
      ? { plan: planColumns(options.columns!, read), years: onlyYear === undefined ? 2 : 1 }
      : await inspectSample(file, read);
    const request = {
      dialect: options.dialect,
      source: sourceOf(options, file),
      plan: sample.plan,
      file: file ?? '--columns',
      catalogue,
      wanted: selectIndicators(catalogue, options.indicators),
      rounding: { mode: options.rounding, decimals: options.decimals },
      by: groupOption(options),
      totals: options.totals === true,
      onlyYear,
      years: sample.years,
      scale: options.scale,
    };
    process.stdout.write(compileSql(request).sql);
  });
  return command;
}

function sourceOf(options: SqlOptions, file: string | undefined): SqlSource {
  if (options.table !== undefined) return { kind: 'table', name: options.table };
  if (options.dialect !== 'duckdb') {
    throw new SvcError('USAGE', `--dialect ${options.dialect} reads a table of the warehouse: name it with --table NAME`);
  }
  const path = options.source ?? file;
  if (path === undefined) throw new SvcError('USAGE', 'with --columns, name the data with --source PATH or --table NAME');
  if (/\.parquet$/i.test(path)) return { kind: 'parquet', path };
  return { kind: 'csv', path, delimiter: options.delimiter ?? (/\.tsv$/i.test(path) ? '\t' : ',') };
}
