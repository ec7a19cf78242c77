import { Command, Option } from 'commander';
import type { Catalogue } from '../catalogue/catalogue.js';
import { selectIndicators } from '../catalogue/catalogue.js';
import { SvcError } from '../errors.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { checkOutputTarget, openRowOutput, writeOutput } from './write.js';
import { addChartOption, writeTerminalChart } from './chart-option.js';
import type { CoverageRequest } from '../reports/coverage.js';
import { coverageReport } from '../reports/coverage.js';
import { planManyFiles, streamCoverage, streamManyFiles } from '../reports/coverage-rows.js';
import { regularFileSize } from '../io/sources/source.js';
import type { CommonOptions } from './common.js';
import { addAnalysisOptions, note, printNotes, addOutputOptions, groupOption, outputOptions, readOptions, reportWarnings, addExamples } from './common.js';
import type { RankOptions } from './rank-option.js';
import { addRankOptions, applyRank, checkRankOptions } from './rank-option.js';

interface CoverageOptions extends CommonOptions, RankOptions {
  by?: string;
  regions: RegionScheme;
  totals?: boolean;
  explain?: boolean;
  codes?: boolean;
  withUnits?: boolean;
  chart?: string | true;
  yearbookUnits?: boolean;
}

/** -i split into indicator ids and measure ids (the catalogue's), in the order given; an unknown id is refused as selectIndicators refuses it. */
function splitIds(catalogue: Catalogue, ids: readonly string[]): { indicators: string[]; measures: string[] } {
  const measures = ids.filter((id) => !catalogue.indicators.some((indicator) => indicator.id === id) && catalogue.measures.some((measure) => measure.id === id));
  return { indicators: ids.filter((id) => !measures.includes(id)), measures };
}

/**
 * Several files of fewer bytes than this in all are read whole and held (some 50 bytes of memory for a byte of
 * input); above it they are streamed one after the other when their columns agree (reports/coverage-rows.ts).
 */
const HELD_INPUT_BYTES = Number(process.env['SVC_STATS_HELD_INPUT_BYTES'] ?? 4 << 20); // the tests set it to 0 to stream any input

const EXAMPLES = `
Examples:
  $ svc-stats coverage data/2005.csv
  $ svc-stats coverage data/2005.csv --format json
  $ svc-stats coverage fixtures/synthetic/provinces-coverage-2009.csv --by region --totals
  $ svc-stats coverage fixtures/synthetic/provinces-coverage-2009.csv -i population_per_community,centers_per_10k_residents
  $ svc-stats coverage fixtures/good/2005-gb18030.csv --encoding gbk -o coverage.xlsx
  $ cat data/2005.csv | svc-stats coverage - --rounding half-even
  $ svc-stats coverage fixtures/extracts/sheet-2008.csv  (a sheet export: title, two-row header, footnotes)
  $ svc-stats coverage data/2005.csv -o coverage.dta  (Stata; -o FILE.parquet: Parquet)
  $ svc-stats coverage fixtures/extracts/long-2008-2009.csv --by region,年份 --totals
  $ svc-stats coverage data/provinces-2009-divisions.csv -i subdistricts,districts --by region --with-units
  $ svc-stats coverage fixtures/synthetic/provinces-coverage-2009.csv -i population_per_community --rank --order desc

Each input row gives one output row: its unit and year, the measures the indicators use (in base units:
persons, not 万人; --yearbook-units: in the unit the header declared) and the indicators, computed exactly
and rounded once (half-up by default).
With --by, each group's indicators come from the group's summed measures (a ratio of sums, never a mean of
ratios); national/total rows (全国, 合计, 总计, Total, 全国*, 全国（不含港澳台）…) and "of which" rows (#...)
are never summed. In a file with several years every group is one year's, and --totals gives one total per
year, with a note on whether the input's own total row agrees. An indicator whose measures are not in the
input is left out, with a note on stderr; -i also takes measures (subdistricts), shown as columns, and a file
with measures only (no indicator can be computed) shows them; a value outside its plausible range is a warning (--strict: exit 1).
--rank adds rank_ID after each indicator: competition ranks (1, 2, 2, 4) of the values as printed, within each
year, total rows unranked; ties are listed on stderr (\`3= 北京, 天津\`). --order desc|asc also sorts the rows.`;

export function coverageCommand(): Command {
  const command = new Command('coverage')
    .description('coverage indicators for each row or group of yearbook extracts (Tables 1 and 2 of the 2009 report)')
    .argument('<files...>', 'CSV files, or - for standard input');
  addAnalysisOptions(command);
  command.addOption(new Option('--totals', 'add a total row computed from all unit rows (never from a total row of the input)'));
  command.addOption(new Option('--codes', "each unit's division code (GB/T 2260) after its name, from a code column or the gazetteer (one row per input row)"));
  command.addOption(new Option('--explain', "how each file was read, in a few lines on stderr (what 'svc-stats inspect' shows)"));
  addRankOptions(command, 'each indicator (within each year)');
  command.option('--with-units', "with --by: each group's subtotal, then the rows of its units, in one table");
  command.addOption(new Option('--yearbook-units', 'print measures in the unit their header declared (城镇人口（万人） as 万人, the unit in the column header); indicators unchanged'));
  addOutputOptions(command);
  addChartOption(command);
  addExamples(command, EXAMPLES);
  command.action(async (files: string[], options: CoverageOptions) => {
    checkOutputTarget(options.output, files);
    checkRankOptions(options);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    if (options.withUnits === true && options.by === undefined) throw new SvcError('USAGE', '--with-units lists the units under each group of --by', {}, 'add --by region (or another column)');
    // -i takes indicators and measures, as compare does: a measure is a column of the table
    const asked = options.indicators === undefined ? undefined : splitIds(catalogue, options.indicators);
    const request: CoverageRequest = {
      catalogue,
      // --chart=ID alone computes that indicator only (no notes about the others)
      wanted: selectIndicators(catalogue, asked?.indicators
        ?? (typeof options.chart === 'string' && catalogue.indicators.some((i) => i.id === options.chart) ? [options.chart] : undefined)),
      measures: asked?.measures,
      withUnits: options.withUnits === true,
      rounding: { mode: options.rounding, decimals: options.decimals },
      by: groupOption(options),
      totals: options.totals === true,
      codes: options.codes === true,
      yearbookUnits: options.yearbookUnits === true,
      // the tests set it low to reach the limit with a small input
      heldRows: process.env['SVC_STATS_HELD_ROWS'] === undefined ? undefined : Number(process.env['SVC_STATS_HELD_ROWS']),
    };
    const facts = { inputs: files, catalogue, rounding: options.rounding, decimals: options.decimals };
    if (options.explain === true) {
      const { inspect } = await import('../reports/inspect.js');
      for (const file of files.filter((name) => name !== '-')) for (const line of (await inspect(file, readOptions(options, catalogue))).summary) note(line);
    }
    if (files.length === 1 && request.by === undefined && !request.totals && options.chart === undefined && options.rank !== true) {
      // one output row per input row: streamed, rows written as they are computed
      const output = openRowOutput(outputOptions(options));
      try {
        const streamed = await streamCoverage(files[0]!, readOptions(options, catalogue), request, output);
        const notes = printNotes(streamed.notes);
        await output.close({ ...facts, notes });
        return reportWarnings(streamed.warnings, options.strict);
      } catch (error) {
        await output.abort();
        throw error;
      }
    }
    const sizes = files.length > 1 ? files.map(regularFileSize) : [];
    if (files.length > 1 && request.by === undefined && !request.totals && request.codes !== true && options.chart === undefined && options.rank !== true
      && sizes.every((size) => size !== undefined) && sizes.reduce((sum, size) => sum + size, 0) > HELD_INPUT_BYTES) {
      // several files of the same columns: streamed one after the other, each file's first rows read twice (a
      // stream cannot be read twice: held; so are small inputs, which take less than a second reading)
      const plan = await planManyFiles(files, readOptions(options, catalogue), request);
      if (plan !== undefined) {
        const output = openRowOutput(outputOptions(options));
        try {
          const streamed = await streamManyFiles(plan, readOptions(options, catalogue), request, output);
          const notes = printNotes(streamed.notes);
          await output.close({ ...facts, notes });
          return reportWarnings(streamed.warnings, options.strict);
        } catch (error) {
          await output.abort();
          throw error;
        }
      }
    }
    if (request.codes === true) throw new SvcError('USAGE', '--codes gives one row per input row: not with --by, --totals, --chart, --rank or several files');
    const report = await coverageReport(files, readOptions(options, catalogue), request);
    const ranked = applyRank(report.table, options, request.wanted.map((indicator) => indicator.id), ['year']);
    const result = { ...report, table: ranked.table, notes: [...report.notes, ...ranked.notes] };
    const notes = printNotes(result.notes);
    if (options.chart !== undefined) {
      const { coverageChart } = await import('../reports/terminal-charts.js');
      return writeTerminalChart(coverageChart(result.table, catalogue, options.chart, outputOptions(options).lang), options);
    }
    await writeOutput(result.table, outputOptions(options), { ...facts, notes });
    reportWarnings(result.warnings, options.strict);
  });
  return command;
}
