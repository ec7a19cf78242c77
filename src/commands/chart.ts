import { Command, InvalidArgumentError, Option } from 'commander';
import { SvcError } from '../errors.js';
import { ROUNDING_MODES } from '../exact/rational.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { RegionScheme } from '../catalogue/regions.js';
import type { ChartKind } from '../render/charts/model.js';
import type { CommonOptions } from './common.js';
import { addCatalogueOption, addGroupOptions, addInputOptions, defaultLang, groupOption, note, parseDecimals, printNotes, readOptions, addExamples, once, parseOutputName } from './common.js';
import { checkOutputTarget, writeDocument } from './write.js';
import { isTerminal } from '../io/terminal.js';
import { isStreamTarget } from '../io/target.js';
import { outputFormat } from '../render/format.js';

interface ChartOptions extends Omit<CommonOptions, 'format' | 'indicators'> {
  indicator?: string;
  kind?: ChartKind;
  format?: 'svg' | 'png';
  by?: string;
  regions: RegionScheme;
  width?: number;
  height?: number;
}

const EXAMPLES = `
Examples:
  $ svc-stats chart data/provinces-2007-community-services.csv --indicators-file data/community-services-2007.json \\
      --indicator facilities_per_subdistrict -o facilities.svg
  $ svc-stats chart data/provinces-2007-community-services.csv --indicators-file data/community-services-2007.json \\
      --indicator service_units_per_district --kind tiles --lang en -o tiles.png
  $ svc-stats chart data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv --indicator subdistricts -o change.png
  $ svc-stats chart data/national-series.csv --indicator communities -o communities.png
  $ svc-stats chart fixtures/synthetic/provinces-coverage-2009.csv --indicator population_per_community --by region > regions.svg

Kinds (chosen from the data unless --kind): one unit over several years → line; several units in several files
or years → compare (grouped bars, or a dumbbell for more than 12 units); one year → bar, sorted, with the
national/total row as a dashed reference line (never a bar); tiles → a tile-grid map of the 31 provinces (equal
squares, no borders drawn), on request. Values are computed exactly; labels print them rounded as the tables do.
SVG is text and goes to standard output without -o; PNG (drawn by resvg, 2× the SVG's size) needs -o or a
redirect, never a terminal. Chinese text needs a CJK font installed for PNG (fonts-noto-cjk).`;

function parseSize(text: string): number {
  if (!/^\d{2,5}$/.test(text) || Number(text) < 200 || Number(text) > 10000) {
    throw new InvalidArgumentError('expected a whole number of pixels from 200 to 10000');
  }
  return Number(text);
}

/** --format, else the extension of -o (.png → png), else svg. */
export function chartFormat(format: 'svg' | 'png' | undefined, output: string | undefined): 'svg' | 'png' {
  return outputFormat('chart', format, isStreamTarget(output) ? undefined : output, 'svg') as 'svg' | 'png';
}

export function chartCommand(): Command {
  const command = new Command('chart')
    .description('draw one indicator as a chart (SVG or PNG): bars, a comparison of years, a line, a province tile map')
    .argument('<files...>', 'CSV files, or - for standard input')
    .option('--indicator <id>', 'the indicator or measure to draw (default: the first indicator the input supports)')
    .addOption(new Option('--kind <kind>', 'chart kind (default: from the data)').choices(['bar', 'compare', 'line', 'tiles']))
    .addOption(new Option('-f, --format <format>', 'svg or png (default: from the extension of -o, else svg)').choices(['svg', 'png'])
      .argParser(once('-f', (text) => { if (text !== 'svg' && text !== 'png') throw new InvalidArgumentError('Allowed choices are svg, png.'); return text; })))
    .addOption(new Option('-o, --output <file>', 'write to FILE atomically instead of standard output').argParser(once('-o', parseOutputName)))
    .addOption(new Option('--lang <lang>', 'language of titles and labels (default: from LANG)').choices(['zh', 'en']))
    .addOption(new Option('--width <px>', 'width of the SVG in pixels (default 800)').argParser(parseSize))
    .addOption(new Option('--height <px>', 'height of the SVG in pixels (default: from the number of bars)').argParser(parseSize))
    .addOption(new Option('--rounding <mode>', 'rounding rule of the value labels').choices(ROUNDING_MODES).default('half-up'))
    .addOption(new Option('--decimals <n>', "decimal places of the value labels (default: the catalogue's)").argParser(parseDecimals));
  addInputOptions(command);
  addCatalogueOption(command);
  addGroupOptions(command);
  addExamples(command, EXAMPLES);
  command.action(async (files: string[], options: ChartOptions) => {
    checkOutputTarget(options.output, files);
    const format = chartFormat(options.format, options.output);
    if (format === 'png' && options.output === undefined && isTerminal(1)) {
      throw new SvcError('USAGE', 'a PNG is binary and is not written to a terminal', {}, 'give -o FILE.png, or redirect: > FILE.png');
    }
    if ((options.width === undefined) !== (options.height === undefined)) {
      throw new SvcError('USAGE', '--width and --height go together');
    }
    const catalogue = await loadCatalogue(options.indicatorsFile);
    // echarts and resvg load with these modules, for this command only
    const [{ chartReport }, { renderChartSvg, svgToPng }] = await Promise.all([import('../reports/charts.js'), import('../render/charts/index.js')]);
    const result = await chartReport(files, readOptions({ ...options, format: undefined }, catalogue), {
      catalogue,
      indicator: options.indicator,
      kind: options.kind,
      lang: options.lang ?? defaultLang(),
      rounding: { mode: options.rounding, decimals: options.decimals },
      by: groupOption(options),
    });
    printNotes(result.notes);
    const size = options.width === undefined ? undefined : { width: options.width, height: options.height! };
    const svg = await renderChartSvg(result.data, size);
    if (format === 'svg') return writeDocument(svg, options.output);
    // resvg draws text it has no font for as empty boxes: said before, not found afterwards in the picture
    if (/[\u3000-\u9fff\uff00-\uffef]/.test(svg)) {
      const { findCjkFont, systemFontDirectories } = await import('../io/fonts.js');
      const directories = systemFontDirectories();
      if (findCjkFont(directories) === undefined) {
        note(`warning: no CJK font found (looked in ${directories.join(', ')}): the Chinese text of the PNG will show as empty boxes; install one (Debian/Ubuntu: apt-get install fonts-noto-cjk), or write SVG, or use --lang en`);
      }
    }
    const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1] ?? 800);
    await writeDocument(await svgToPng(svg, width * 2), options.output);
  });
  return command;
}
