import { Command } from 'commander';
import { SvcError } from '../errors.js';
import type { Edition } from '../analysis/compare.js';
import { compareTable, yearFromName } from '../analysis/compare.js';
import { aggregate, describeExcluded, groupValues } from '../indicators/aggregate.js';
import { rowValues } from '../indicators/coverage.js';
import type { Catalogue } from '../indicators/evaluate.js';
import type { RegionScheme } from '../indicators/regions.js';
import { selectTargets } from '../indicators/targets.js';
import { loadCatalogue } from '../indicators/user-catalogue.js';
import type { HeaderPlan } from '../io/headers.js';
import { readTable } from '../io/reader.js';
import { checkOutputTarget, writeOutput } from '../io/writer.js';
import type { CommonOptions } from './common.js';
import {
  addAnalysisOptions, addOutputOptions, note, outputOptions,
  readOptions,
} from './common.js';

interface CompareOptions extends CommonOptions {
  by?: string;
  regions: RegionScheme;
}

const EXAMPLES = `
Examples:
  $ svc-stats compare data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv
  $ svc-stats compare data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv --by region -i subdistricts
  $ svc-stats compare 2005.csv 2009.csv -i population_per_community --format json

Units are matched by label (广东 and 广东省 are one unit); a unit missing from a file is listed with missing
values. Change and percent change run from the first file to each later one, on exact values; the compound
annual growth rate (CAGR, %) needs each file's year: a year column, or a 4-digit year in the file name.
-i takes indicator and measure ids.`;

async function readEdition(file: string, options: CompareOptions, catalogue: Catalogue): Promise<{ edition: Edition; plan: HeaderPlan }> {
  if (options.by !== undefined) {
    const aggregation = await aggregate(file, readOptions(options, catalogue), options.by, options.regions);
    const excluded = describeExcluded(aggregation);
    if (excluded !== undefined) note(excluded);
    const units = aggregation.groups.map((group) => ({ label: group.group, values: groupValues(aggregation.plan, group) }));
    return { edition: { file: aggregation.file, year: yearFromName(file), units }, plan: aggregation.plan };
  }
  const table = await readTable(file, readOptions(options, catalogue));
  const years = new Set(table.rows.map((row) => row.year).filter((year) => year !== undefined && year !== ''));
  if (years.size > 1) {
    throw new SvcError('USAGE', `holds ${years.size} years (${[...years].join(', ')}); compare takes one year per file`, { file: table.file });
  }
  const [onlyYear] = [...years];
  const year = onlyYear !== undefined && /^\d{4}$/.test(onlyYear) ? Number(onlyYear) : yearFromName(file);
  const units = table.rows.map((row) => ({ label: row.label ?? `line ${row.line}`, values: rowValues(table, row.values) }));
  return { edition: { file: table.file, year, units }, plan: table.plan };
}

export function compareCommand(): Command {
  const command = new Command('compare')
    .description('compare the same units across files (editions or years): values, change, % change, CAGR')
    .argument('<files...>', 'two or more CSV files, oldest first');
  addAnalysisOptions(command);
  addOutputOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], options: CompareOptions) => {
    if (files.length < 2) throw new SvcError('USAGE', 'compare needs two or more files');
    checkOutputTarget(options.output, files);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const editions: Edition[] = [];
    const present = new Set<string>();
    for (const file of files) {
      const { edition, plan } = await readEdition(file, options, catalogue);
      editions.push(edition);
      for (const column of plan.measureColumns) present.add(column.measure.id);
    }
    const { targets, notes } = selectTargets(catalogue, options.indicators, present, 'the inputs');
    const result = compareTable(editions, targets, { mode: options.rounding, decimals: options.decimals });
    for (const line of [...notes, ...result.notes]) note(line);
    await writeOutput(result.table, outputOptions(options));
  });
  return command;
}
