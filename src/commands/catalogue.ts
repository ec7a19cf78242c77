import { Command } from 'commander';
import { indicatorListing, measureListing } from '../reports/listing.js';
import { loadCatalogue } from '../catalogue/load.js';
import { checkOutputTarget, writeOutput } from './write.js';
import type { CommonOptions } from './common.js';
import { addCatalogueOption, addOutputOptions, outputOptions, addExamples } from './common.js';

export function indicatorsCommand(): Command {
  const command = new Command('indicators')
    .description('list the indicator catalogue: id, label, formula, unit, decimals, source');
  addCatalogueOption(command);
  addOutputOptions(command);
  addExamples(command, `
Examples:
  $ svc-stats indicators
  $ svc-stats indicators --lang zh --format md
  $ svc-stats indicators --indicators-file fixtures/catalogue/health.json --format json`);
  command.action(async (options: CommonOptions) => {
    checkOutputTarget(options.output, []);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    await writeOutput(indicatorListing(catalogue), outputOptions(options));
  });
  return command;
}

export function measuresCommand(): Command {
  const command = new Command('measures')
    .description('list the input columns recognised: measure id, label, Chinese header names, base unit');
  addCatalogueOption(command);
  addOutputOptions(command);
  addExamples(command, `
Examples:
  $ svc-stats measures
  $ svc-stats measures --format json | jq '.[].id'`);
  command.action(async (options: CommonOptions) => {
    checkOutputTarget(options.output, []);
    const catalogue = await loadCatalogue(options.indicatorsFile);
    await writeOutput(measureListing(catalogue), outputOptions(options));
  });
  return command;
}
