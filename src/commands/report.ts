import { Command, Option } from 'commander';
import { SvcError } from '../errors.js';
import { ROUNDING_MODES } from '../exact/rational.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { CommonOptions } from './common.js';
import { addCatalogueOption, addInputOptions, defaultLang, parseDecimals, printNotes, readOptions, addExamples, once, parseOutputName } from './common.js';
import { checkOutputTarget, writeDocument } from './write.js';
import { displayName, isStream } from '../io/sources/source.js';

interface ReportOptions extends Omit<CommonOptions, 'format' | 'indicators'> {
  regions: RegionScheme;
}

const EXAMPLES = `
Examples:
  $ svc-stats report data/provinces-2007-community-services.csv --indicators-file data/community-services-2007.json -o report.html
  $ svc-stats report data/provinces-2009-divisions.csv --lang en -o report-en.html

One self-contained HTML page (inline CSS and SVG, no script, nothing fetched), laid out for A4 when printed:
the inputs and their checks (encoding, rows, columns read, national rows against the sum of their parts,
missing values), the coverage table, coverage by region (--regions three|four, provinces only), equity across
units (weighted by urban_population when the input has it), up to three charts (bars, and a province tile map),
the rounding rule and the sources. Each input is read several times, so standard input is not accepted.`;

export function reportCommand(): Command {
  const command = new Command('report')
    .description('a self-contained HTML report: inputs and checks, coverage tables, regions, equity, charts')
    .argument('<files...>', 'CSV files')
    .addOption(new Option('-o, --output <file>', 'the HTML file to write (atomically)').makeOptionMandatory().argParser(once('-o', parseOutputName)))
    .addOption(new Option('--lang <lang>', 'language of the page (default: from LANG)').choices(['zh', 'en']))
    .addOption(new Option('--regions <scheme>', 'regions: three belts (东部 中部 西部) or four (… 东北)').choices(['three', 'four']).default('three'))
    .addOption(new Option('--rounding <mode>', 'rounding rule of printed figures').choices(ROUNDING_MODES).default('half-up'))
    .addOption(new Option('--decimals <n>', "decimal places for every indicator (default: the catalogue's)").argParser(parseDecimals));
  addInputOptions(command);
  addCatalogueOption(command);
  addExamples(command, EXAMPLES);
  command.action(async (files: string[], options: ReportOptions) => {
    checkOutputTarget(options.output, files);
    const once = files.find((file) => file === '-' || isStream(file));
    if (once !== undefined) {
      throw new SvcError('USAGE', 'report reads each input several times, and standard input or a pipe only once', { file: displayName(once) }, 'save it to a file first');
    }
    const catalogue = await loadCatalogue(options.indicatorsFile);
    // echarts loads with these, for this command only
    const [{ reportPage }, { renderReportHtml }] = await Promise.all([import('../reports/report-page.js'), import('../render/charts/index.js')]);
    const { model, notes } = await reportPage(files, readOptions({ ...options, format: undefined }, catalogue), {
      catalogue,
      lang: options.lang ?? defaultLang(),
      rounding: { mode: options.rounding, decimals: options.decimals },
      scheme: options.regions,
      date: new Date().toISOString().slice(0, 10),
    });
    printNotes(notes);
    await writeDocument(renderReportHtml(model), options.output);
  });
  return command;
}
