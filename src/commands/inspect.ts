import { Command } from 'commander';
import { loadCatalogue } from '../catalogue/load.js';
import { inspect } from '../reports/inspect.js';
import { checkOutputTarget, writeOutput } from './write.js';
import type { CommonOptions } from './common.js';
import { addCatalogueOption, addInputOptions, addOutputOptions, outputOptions, printNotes, readOptions, addExamples } from './common.js';

const EXAMPLES = `
Examples:
  $ svc-stats inspect fixtures/extracts/sheet-2008.csv
  $ svc-stats inspect fixtures/extracts/cities-2009.csv -f json
  $ svc-stats coverage fixtures/extracts/cities-2009.csv --explain  (the same, in a few lines on stderr)

One row per column (its header, the measure it names, its unit and multiplier, or the label level, the year or
why it is skipped), the year (from a column, the title （2008年） or the file name), then one row per line of the
file: its role (title, unit line, header, English header, column codes, national total, region subtotal,
parent, unit, of which, footnote, continued table, repeated header), its label, level and why. Units are what
every command sums; a parent is checked against its units and never summed with them.`;

export function inspectCommand(): Command {
  const command = new Command('inspect')
    .description('show how a file is read: the role of each row, the measure, unit and level of each column, the year')
    .argument('<file>', 'a CSV or .xlsx file, or - for standard input');
  addInputOptions(command);
  addCatalogueOption(command);
  addOutputOptions(command);
  addExamples(command, EXAMPLES);
  command.action(async (file: string, options: CommonOptions) => {
    checkOutputTarget(options.output, [file]);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const inspection = await inspect(file, readOptions(options, catalogue));
    const notes = printNotes(inspection.notes);
    await writeOutput(inspection.table, outputOptions(options), { inputs: [file], catalogue, notes });
  });
  return command;
}
