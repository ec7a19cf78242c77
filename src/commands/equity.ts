import { Command, InvalidArgumentError, Option } from 'commander';
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
  dagum?: boolean;
  bootstrap?: number;
  seed: number;
  ci: number;
}

const EXAMPLES = `
Examples:
  $ svc-stats equity fixtures/synthetic/provinces-coverage-2009.csv --indicator centers_per_10k_residents
  $ svc-stats equity fixtures/synthetic/provinces-coverage-2009.csv -i population_per_community --by region --groups
  $ svc-stats equity data/provinces-2009-divisions.csv -i subdistricts --weight none
  $ svc-stats equity fixtures/synthetic/provinces-31.csv -i population_per_community --year 2005 --by region --dagum --bootstrap 999 --seed 7

CV, Gini, Theil T, Theil L and the max/min ratio across units, weighted by urban_population unless
--weight MEASURE or --weight none (formulas in the README and ../shared/domain.md). With --by, the
between-group and within-group parts of Theil T and L and the between-group share; --groups adds each
group's own figures. A unit with the value 0 makes Theil L undefined: it is reported missing with the reason.
GE(-1), GE(2) and Atkinson A(0.5), A(1), A(2) as Stata's ineqdeco prints them (GE(0) = theil_l, GE(1) =
theil_t); with --by also the GE split and Dagum's Gini decomposition (within, net between, transvariation).
--dagum: Dagum's table (each group's Gini, each pair's G_jh and D_jh). --bootstrap N: percentile intervals
(--ci 0.95) from N resamples drawn within the --by groups, seeded (--seed 1): the same seed, the same figures.
Statistics use the exact unrounded values; they are printed to 4 decimals (--decimals).
In a file with several years, one row per year (a year column first), or --year Y for one.`;

function positiveInteger(name: string): (text: string) => number {
  return (text) => {
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000_000) throw new InvalidArgumentError(`${name} takes a whole number from 1 to 1000000`);
    return Number(text);
  };
}

function seedNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new InvalidArgumentError('the seed is a whole number from 0 to 4294967295');
  return Number(text);
}

function ciLevel(text: string): number {
  const level = Number(text);
  if (!/^0?\.\d+$/.test(text.trim()) || !(level > 0 && level < 1)) throw new InvalidArgumentError('the level is a number between 0 and 1, e.g. 0.95');
  return level;
}

export function equityCommand(): Command {
  const command = new Command('equity')
    .description('inequality of coverage across units: CV, Gini, Theil T/L and their between/within split')
    .argument('<file>', 'a CSV file, or -')
    .addOption(new Option('--indicator <ids>', 'same as -i/--indicators').hideHelp())
    .option('--weight <measure>', 'weight of each unit: a measure id, or none', 'urban_population')
    .option('--groups', 'with --by: add one row per group with its own statistics')
    .option('--dagum', "with --by: Dagum's Gini decomposition as a table (parts, each group's Gini, each pair's G_jh and D_jh)")
    .option('--bootstrap <n>', 'percentile intervals of every index from N resamples (off by default; costs N × units)', positiveInteger('--bootstrap'))
    .option('--seed <n>', 'seed of the bootstrap (an integer, 0 to 2^32 − 1)', seedNumber, 1)
    .option('--ci <level>', 'level of the bootstrap intervals', ciLevel, 0.95);
  addAnalysisOptions(command);
  addOutputOptions(command);
  addExamples(command, EXAMPLES);
  command.action(async (file: string, options: EquityOptions & { indicator?: string }) => {
    checkOutputTarget(options.output, [file]);
    if (options.groups === true && options.by === undefined) throw new SvcError('USAGE', '--groups needs --by');
    if (options.dagum === true && options.by === undefined) throw new SvcError('USAGE', '--dagum needs --by', {}, 'e.g. --by region');
    if (options.dagum === true && options.groups === true) throw new SvcError('USAGE', '--dagum and --groups are two tables: give one', {}, "--dagum lists each group's Gini");
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const weighted = options.weight !== 'none';
    const { equityReport } = await import('../reports/equity.js'); // loaded for this command only
    const result = await equityReport(file, readOptions(options, catalogue), {
      catalogue,
      ids: options.indicators ?? options.indicator?.split(',').map((id) => id.trim()).filter(Boolean),
      weight: weighted ? options.weight : undefined,
      by: groupOption(options),
      choices: {
        weighted, groups: options.groups === true, decimals: options.decimals ?? 4, mode: options.rounding, dagum: options.dagum === true,
        bootstrap: options.bootstrap === undefined ? undefined : { replicates: options.bootstrap, seed: options.seed, level: options.ci },
      },
    });
    const notes = printNotes(result.notes);
    await writeOutput(result.table, outputOptions(options), { inputs: [file], notes, catalogue, rounding: options.rounding, decimals: options.decimals ?? 4 });
    reportWarnings(result.warnings, options.strict);
  });
  return command;
}
