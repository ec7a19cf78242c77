import { Command, Option } from 'commander';
import { SvcError } from '../errors.js';
import { aggregate } from '../indicators/aggregate.js';
import { coverageTable, groupedCoverageTable } from '../indicators/coverage.js';
import { selectIndicators } from '../indicators/evaluate.js';
import type { RegionScheme } from '../indicators/regions.js';
import { loadCatalogue } from '../indicators/user-catalogue.js';
import { readTable } from '../io/reader.js';
import { checkOutputTarget, writeOutput } from '../io/writer.js';
import type { CommonOptions } from './common.js';
import {
  addAnalysisOptions, addOutputOptions, defaultLang, note,
  outputOptions, readOptions,
} from './common.js';

interface CoverageOptions extends CommonOptions {
  by?: string;
  regions: RegionScheme;
  totals?: boolean;
}

const EXAMPLES = `
Examples:
  $ svc-stats coverage data/2005.csv
  $ svc-stats coverage data/2005.csv --format json
  $ svc-stats coverage provinces.csv --by region --totals
  $ svc-stats coverage provinces.csv --indicators population_per_community,centers_per_10k_residents
  $ svc-stats coverage gbk-extract.csv --encoding gb18030 --format csv --bom -o coverage.csv
  $ cat extract.csv | svc-stats coverage - --rounding half-even

Each input row gives one output row: its unit and year, the measures the indicators use (in base units:
persons, not 万人) and the indicators, computed exactly and rounded once (half-up by default).
With --by, each group's indicators come from the group's summed measures (a ratio of sums, never a mean of
ratios); national/total rows (全国, 合计, 总计, Total) and "of which" rows (#...) are never summed.
An indicator whose measures are not in the input is left out, with a note on stderr.`;

export function coverageCommand(): Command {
  const command = new Command('coverage')
    .description('coverage indicators for each row or group of yearbook extracts (Tables 1 and 2 of the 2009 report)')
    .argument('<files...>', 'CSV files, or - for standard input');
  addAnalysisOptions(command);
  command.addOption(new Option('--totals', 'add a total row computed from all unit rows (never from a total row of the input)'));
  addOutputOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], options: CoverageOptions) => {
    checkOutputTarget(options.output, files);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const wanted = selectIndicators(catalogue, options.indicators);
    const rounding = { mode: options.rounding, decimals: options.decimals };
    const lang = options.lang ?? defaultLang();
    let result;
    if (options.by !== undefined) {
      if (files.length > 1) {
        throw new SvcError('USAGE', '--by takes one input file', {}, "use 'svc-stats compare A.csv B.csv --by ...' for several");
      }
      const aggregation = await aggregate(files[0]!, readOptions(options, catalogue), options.by, options.regions);
      result = groupedCoverageTable(aggregation, options.by, options.totals === true, catalogue, wanted, rounding, lang);
    } else {
      const tables = [];
      for (const file of files) tables.push(await readTable(file, readOptions(options, catalogue)));
      result = coverageTable(tables, catalogue, wanted, rounding, lang, options.totals === true);
    }
    for (const line of result.notes) note(line);
    await writeOutput(result.table, outputOptions(options));
  });
  return command;
}
