import { Command, InvalidArgumentError, Option } from 'commander';
import { loadCatalogue } from '../catalogue/load.js';
import { EXIT, SvcError } from '../errors.js';
import type { Rational } from '../exact/rational.js';
import { ROUNDING_MODES, scale10 } from '../exact/rational.js';
import { checkOutputTarget, writeOutput } from './write.js';
import { verifyTotals } from '../reports/totals.js';
import { verifyFigures } from '../reports/verify.js';
import { isInvalid, parseNumberCell } from '../table/cells.js';
import type { CommonOptions } from './common.js';
import { addCatalogueOption, addInputOptions, addOutputOptions, note, outputOptions, readOptions, addExamples } from './common.js';

interface VerifyOptions extends CommonOptions {
  expected?: string;
  checkTotals?: boolean;
  tolerance?: Rational;
  by?: string;
}

const EXAMPLES = `
Examples:
  $ svc-stats verify data/2005.csv --expected fixtures/verify/report-2005-tables.csv
  $ svc-stats verify data/provinces-2005-divisions.csv --check-totals
  $ svc-stats verify fixtures/extracts/national-2007-2009.csv --expected fixtures/extracts/figures-year-only.csv --rounding half-even --tolerance 0.01

FIGURES.csv has the columns indicator (an indicator or measure id), expected (as printed: 5.67, 7031),
and optionally unit (the row label), year and source (free text). A figure is found by the keys it gives:
unit and year, unit only, year only (a national series), or none when FILE has one row.
Each figure is recomputed and rounded to the digits the expected value shows. A mismatch names the rounding
rules (half-up, half-even, truncate, ceiling) under which it would match, or else the difference.
Exit status: 0 all match, 1 a mismatch or missing figure, 2 bad input.`;

/** A non-negative number, as a cell is written (0.01) or in exponent form (1e-3), kept exact. */
function parseTolerance(text: string): Rational {
  const exponent = /^(.*\d\.?)[eE]([+-]?\d{1,3})$/.exec(text.trim());
  const mantissa = exponent === null ? parseNumberCell(text) : parseNumberCell(exponent[1]!);
  const value = mantissa === null || isInvalid(mantissa) || exponent === null ? mantissa : scale10(mantissa, Number(exponent[2]));
  if (value === null || isInvalid(value) || value.n < 0n) throw new InvalidArgumentError('expected a non-negative number');
  return value;
}

export function verifyCommand(): Command {
  const command = new Command('verify')
    .description("re-compute a report's published figures, or check totals against their parts; exit 1 on drift")
    .argument('<file>', 'the CSV extract the figures come from, or -')
    .option('--expected <figures>', 'CSV of published figures to reproduce')
    .option('--check-totals', 'check that each national/total row equals the sum of its parts, measure by measure')
    .addOption(new Option('--tolerance <x>', 'accept a difference up to X in the printed unit').argParser(parseTolerance))
    .addOption(new Option('--rounding <mode>', 'rounding rule the report is assumed to use').choices(ROUNDING_MODES).default('half-up'))
    .option('--by <column>', 'with --check-totals: check the total row of each group of this column');
  addInputOptions(command);
  addCatalogueOption(command);
  addOutputOptions(command);
  addExamples(command, EXAMPLES);
  command.action(async (file: string, options: VerifyOptions) => {
    if ((options.expected === undefined) === (options.checkTotals !== true)) {
      throw new SvcError('USAGE', 'verify needs exactly one of --expected FIGURES.csv and --check-totals');
    }
    if (file === '-' && options.expected === '-') {
      throw new SvcError('USAGE', 'FILE and --expected cannot both be standard input');
    }
    checkOutputTarget(options.output, [file, ...(options.expected ? [options.expected] : [])]);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const read = readOptions(options, catalogue);
    const result = options.expected !== undefined
      ? await verifyFigures(file, options.expected, read, { catalogue, rounding: options.rounding, tolerance: options.tolerance })
      : await verifyTotals(file, read, options.by === undefined ? undefined : { column: options.by, scheme: 'three' });
    note(result.summary);
    await writeOutput(result.table, outputOptions(options), { inputs: [file, ...(options.expected ? [options.expected] : [])], notes: [result.summary], catalogue, rounding: options.expected !== undefined ? options.rounding : undefined, decimals: 'as-expected' });
    if (!result.allMatch) process.exitCode = EXIT.checkFailed;
  });
  return command;
}
