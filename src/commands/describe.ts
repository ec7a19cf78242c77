import { Command, Option } from 'commander';
import type { RegionScheme } from '../catalogue/regions.js';
import { loadCatalogue } from '../catalogue/load.js';
import { checkOutputTarget, writeOutput } from './write.js';
import { addChartOption, writeTerminalChart } from './chart-option.js';
import type { QuantileMethod, SdKind } from '../stats/describe.js';
import type { CommonOptions } from './common.js';
import { addAnalysisOptions, printNotes, addOutputOptions, groupOption, outputOptions, readOptions, reportWarnings, addExamples } from './common.js';

interface DescribeOptions extends CommonOptions {
  by?: string;
  regions: RegionScheme;
  sd: SdKind;
  quantileMethod: QuantileMethod;
  chart?: string | true;
}

const EXAMPLES = `
Examples:
  $ svc-stats describe data/provinces-2009-divisions.csv
  $ svc-stats describe fixtures/synthetic/provinces-coverage-2009.csv -i population_per_community --by region
  $ svc-stats describe fixtures/synthetic/provinces-coverage-2009.csv --sd population --quantile-method nearest-rank --format json

For each indicator (or measure, with -i) across the units of the file: n, missing, mean, standard deviation,
coefficient of variation (sd / mean), min, p25, median, p75, max, and the units holding min and max.
The sd is the sample sd (n − 1) unless --sd population. Quantiles are R's type 7 (linear interpolation,
as R's quantile() and numpy's percentile) unless --quantile-method nearest-rank (R's type 1).
National/total rows and "of which" rows are not units. Statistics are printed to 4 decimals (--decimals).
In a file with several years, one row per year (a year column first), or --year Y for one.`;

export function describeCommand(): Command {
  const command = new Command('describe')
    .description('descriptive statistics of indicators across units: mean, sd, CV, quartiles, min/max units')
    .argument('<file>', 'a CSV file, or -')
    .addOption(new Option('--sd <kind>', 'standard deviation: sample (n − 1) or population (n)').choices(['sample', 'population']).default('sample'))
    .addOption(new Option('--quantile-method <method>', 'linear (R type 7) or nearest-rank (R type 1)').choices(['linear', 'nearest-rank']).default('linear'));
  addAnalysisOptions(command);
  addOutputOptions(command);
  addChartOption(command);
  addExamples(command, EXAMPLES);
  command.action(async (file: string, options: DescribeOptions) => {
    checkOutputTarget(options.output, [file]);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const { describeReport } = await import('../reports/describe.js'); // simple-statistics, loaded for this command only
    const request = {
      catalogue,
      ids: options.indicators,
      by: groupOption(options),
      choices: { sd: options.sd, quantiles: options.quantileMethod, decimals: options.decimals ?? 4, mode: options.rounding },
    };
    if (options.chart !== undefined) {
      const { describeUnitsChart } = await import('../reports/terminal-charts.js');
      const chart = await describeUnitsChart(file, readOptions(options, catalogue), request, options.chart, outputOptions(options).lang);
      printNotes(chart.notes);
      return writeTerminalChart(chart, options);
    }
    const result = await describeReport(file, readOptions(options, catalogue), request);
    const notes = printNotes(result.notes);
    await writeOutput(result.table, outputOptions(options), { inputs: [file], notes, catalogue, rounding: options.rounding, decimals: options.decimals ?? 4 });
    reportWarnings(result.warnings, options.strict);
  });
  return command;
}
