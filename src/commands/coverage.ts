import { Command } from 'commander';
import { coverageTable } from '../indicators/coverage.js';
import { selectIndicators } from '../indicators/evaluate.js';
import { loadCatalogue } from '../indicators/user-catalogue.js';
import { readTable } from '../io/reader.js';
import { checkOutputTarget, writeOutput } from '../io/writer.js';
import type { CommonOptions } from './common.js';
import {
  addCatalogueOption, addIndicatorOptions, addInputOptions, addOutputOptions, defaultLang, note, outputOptions, readOptions,
} from './common.js';

const EXAMPLES = `
Examples:
  $ svc-stats coverage data/2005.csv
  $ svc-stats coverage data/2005.csv --format json
  $ svc-stats coverage provinces.csv --indicators population_per_community,centers_per_10k_residents
  $ svc-stats coverage gbk-extract.csv --encoding gb18030 --format csv --bom -o coverage.csv
  $ cat extract.csv | svc-stats coverage - --rounding half-even

Each input row gives one output row: its unit and year, the measures the indicators use (in base units:
persons, not 万人) and the indicators, computed exactly and rounded once (half-up by default).
An indicator whose measures are not in the input is left out, with a note on stderr.`;

export function coverageCommand(): Command {
  const command = new Command('coverage')
    .description('coverage indicators for each row of yearbook extracts (Table 1 and Table 2 of the 2009 report)')
    .argument('<files...>', 'CSV files, or - for standard input');
  addInputOptions(command);
  addCatalogueOption(command);
  addIndicatorOptions(command);
  addOutputOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], options: CommonOptions) => {
    checkOutputTarget(options.output, files);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const wanted = selectIndicators(catalogue, options.indicators);
    const tables = [];
    for (const file of files) tables.push(await readTable(file, readOptions(options, catalogue)));
    const result = coverageTable(tables, catalogue, wanted,
      { mode: options.rounding, decimals: options.decimals }, options.lang ?? defaultLang());
    for (const line of result.notes) note(line);
    await writeOutput(result.table, outputOptions(options));
  });
  return command;
}
