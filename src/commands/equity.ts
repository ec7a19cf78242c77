import { Command, Option } from 'commander';
import { SvcError } from '../errors.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { loadCatalogue } from '../catalogue/load.js';
import { checkOutputTarget, writeOutput } from './write.js';
import type { CommonOptions } from './common.js';
import { addAnalysisOptions, printNotes, addOutputOptions, groupOption, outputOptions, readOptions, reportWarnings, addExamples } from './common.js';

interface EquityOptions extends CommonOptions {
  by?: string;
  regions: RegionScheme;
  weight: string;
  groups?: boolean;
}

const EXAMPLES = `
Examples:
  $ svc-stats equity fixtures/synthetic/provinces-coverage-2009.csv --indicator centers_per_10k_residents
  $ svc-stats equity fixtures/synthetic/provinces-coverage-2009.csv -i population_per_community --by region --groups
  $ svc-stats equity data/provinces-2009-divisions.csv -i subdistricts --weight none

CV, Gini, Theil T, Theil L and the max/min ratio across units, weighted by urban_population unless
--weight MEASURE or --weight none (formulas in the README and ../shared/domain.md). With --by, the
between-group and within-group parts of Theil T and L and the between-group share; --groups adds each
group's own figures. A unit with the value 0 makes Theil L undefined: it is reported missing with the reason.
Statistics use the exact unrounded values; they are printed to 4 decimals (--decimals).
In a file with several years, one row per year (a year column first), or --year Y for one.`;

export function equityCommand(): Command {
  const command = new Command('equity')
    .description('inequality of coverage across units: CV, Gini, Theil T/L and their between/within split')
    .argument('<file>', 'a CSV file, or -')
    .addOption(new Option('--indicator <ids>', 'same as -i/--indicators').hideHelp())
    .option('--weight <measure>', 'weight of each unit: a measure id, or none', 'urban_population')
    .option('--groups', 'with --by: add one row per group with its own statistics');
  addAnalysisOptions(command);
  addOutputOptions(command);
  addExamples(command, EXAMPLES);
  command.action(async (file: string, options: EquityOptions & { indicator?: string }) => {
    checkOutputTarget(options.output, [file]);
    if (options.groups === true && options.by === undefined) throw new SvcError('USAGE', '--groups needs --by');
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const weighted = options.weight !== 'none';
    const { equityReport } = await import('../reports/equity.js'); // loaded for this command only
    const result = await equityReport(file, readOptions(options, catalogue), {
      catalogue,
      ids: options.indicators ?? options.indicator?.split(',').map((id) => id.trim()).filter(Boolean),
      weight: weighted ? options.weight : undefined,
      by: groupOption(options),
      choices: { weighted, groups: options.groups === true, decimals: options.decimals ?? 4, mode: options.rounding },
    });
    const notes = printNotes(result.notes);
    await writeOutput(result.table, outputOptions(options), { inputs: [file], notes, catalogue, rounding: options.rounding, decimals: options.decimals ?? 4 });
    reportWarnings(result.warnings, options.strict);
  });
  return command;
}
