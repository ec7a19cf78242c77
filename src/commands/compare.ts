import { Command, Option } from 'commander';
import { loadCatalogue } from '../catalogue/load.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { checkOutputTarget, writeOutput } from './write.js';
import { addChartOption, writeTerminalChart } from './chart-option.js';
import type { CompareBase } from '../reports/compare.js';
import { compareReport } from '../reports/compare.js';
import type { CommonOptions } from './common.js';
import { SvcError } from '../errors.js';
import { addAnalysisOptions, printNotes, addOutputOptions, groupOption, outputOptions, readOptions, reportWarnings, addExamples } from './common.js';
import type { RankOptions } from './rank-option.js';
import { addRankOptions, applyRank, checkRankOptions } from './rank-option.js';

interface CompareOptions extends CommonOptions, RankOptions {
  by?: string;
  regions: RegionScheme;
  chart?: string | true;
  base: CompareBase;
  long?: boolean;
  roundedChange?: boolean;
}

const EXAMPLES = `
Examples:
  $ svc-stats compare data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv
  $ svc-stats compare data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv --by region -i subdistricts
  $ svc-stats compare data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv --format json
  $ svc-stats compare data/national-series.csv -i communities --base previous --long  (year on year, one row a year)
  $ svc-stats compare fixtures/extracts/long-2008-2009.csv --by region  (one file, several years: its years compared)

Units are matched by label (广东 and 广东省 are one unit, 广州市 and 广州 too), never by line; a file
without a label column is refused (name it with --label). A unit missing from a file is listed with missing
values. Editions are files, or the years of a file with a year column; when every year is known they are
compared in time order, whatever the order given (a note says so). Change and percent change run from the
earliest edition to each later one (--base previous: from the one before, year on year), on exact values
(--rounded-change: on the values as printed, so that 7208 → 7208 is a change of 0; without it a note says
when the two differ); the compound annual growth rate (CAGR, %) needs each
edition's year: a year column, or a 4-digit year in the file name. -i takes indicator and measure ids.
--rank adds the rank of each unit by the latest edition's value within each indicator (competition ranks of
the values as printed; ties listed on stderr); --order desc|asc also sorts the rows.`;

export function compareCommand(): Command {
  const command = new Command('compare')
    .description('compare the same units across files (editions or years): values, change, % change, CAGR')
    .argument('<files...>', 'two or more CSV files in any order, or one file holding several years');
  addAnalysisOptions(command);
  command
    .addOption(new Option('--base <edition>', 'change from the first edition, or from the previous one (year on year)').choices(['first', 'previous']).default('first'))
    .option('--long', 'tidy output: one row per unit, indicator and year (unit, indicator, year, value, change, pct_change)')
    .option('--rounded-change', 'changes from the values as printed (rounded), not from the exact values');
  addOutputOptions(command);
  addChartOption(command);
  addRankOptions(command, 'the latest edition\'s value (within each indicator)');
  addExamples(command, EXAMPLES);
  command.action(async (files: string[], options: CompareOptions) => {
    checkOutputTarget(options.output, files);
    checkRankOptions(options);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const report = await compareReport(files, readOptions(options, catalogue), {
      catalogue,
      ids: options.indicators,
      rounding: { mode: options.rounding, decimals: options.decimals },
      by: groupOption(options),
      shape: { base: options.base, long: options.long === true, roundedChange: options.roundedChange === true },
    });
    const latest = report.table.columns.filter((column) => column.id.startsWith('value_')).at(-1)?.id;
    const ranked = applyRank(report.table, options, latest === undefined ? [] : [latest], ['indicator']);
    const result = { ...report, table: ranked.table, notes: [...report.notes, ...ranked.notes] };
    const notes = printNotes(result.notes);
    if (options.chart !== undefined) {
      if (options.long === true) throw new SvcError('USAGE', '--chart draws the wide comparison: leave out --long');
      const { compareChart, targetHeading } = await import('../reports/terminal-charts.js');
      const lang = outputOptions(options).lang;
      return writeTerminalChart(compareChart(result.table, options.chart, lang, (id) => targetHeading(catalogue, id, lang)), options);
    }
    await writeOutput(result.table, outputOptions(options), { inputs: files, notes, catalogue, rounding: options.rounding, decimals: options.decimals });
    reportWarnings(result.warnings, options.strict);
  });
  return command;
}
