import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SvcError } from '../errors.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { checkOutputTarget, writeDocument, writeOutput } from './write.js';
import { chartFormat } from './chart.js';
import type { CommonOptions } from './common.js';
import { addAnalysisOptions, addOutputOptions, outputOptions, printNotes, readOptions, addExamples, once } from './common.js';

interface ConvergenceOptions extends CommonOptions {
  by?: string;
  regions: RegionScheme;
  conditional?: string;
  sigmaChart?: string;
}

const EXAMPLES = `
Examples:
  $ svc-stats convergence fixtures/synthetic/provinces-31.csv -i population_per_community
  $ svc-stats convergence data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv -i subdistricts --by region
  $ svc-stats convergence fixtures/extracts/long-2008-2009.csv -i population_per_community --conditional region -f json
  $ svc-stats convergence fixtures/synthetic/provinces-31.csv -i population_per_community --by region --sigma-chart sigma.svg

σ convergence: the CV (population sd / mean) and the population sd of ln x of each year. β convergence: OLS of
g_i = (ln x_iT − ln x_i0)/T on a + β ln x_i0 across units, first year to last (β < 0: convergence), with its
classical standard error, t, R², n, the speed λ = −ln(1 + βT)/T and the half-life ln 2/λ in years.
--conditional region adds region dummies; --by region fits each region as a club. Editions are files or
the years of a long file (as compare reads them), each with its year. Units are matched by label; those
without a positive value in every year are left out (named on stderr).`;

/** The σ chart is a file of its own: standard output carries the table. */
function parseSigmaChart(text: string): string {
  if (text === '' || text === '-') throw new InvalidArgumentError('expected a file name ending .svg or .png (standard output carries the table)');
  return text;
}

export function convergenceCommand(): Command {
  const command = new Command('convergence')
    .description('σ and β convergence of units over years (editions or a long file), absolute, conditional or by club')
    .argument('<files...>', 'two or more CSV files, or one file holding several years')
    .addOption(new Option('--conditional <column>', 'β conditional on dummies of this grouping').choices(['region']))
    .addOption(new Option('--sigma-chart <file>', 'also draw the σ series (CV, sd of logs; CV by club with --by) as a line chart: FILE.svg or FILE.png')
      .argParser(once('--sigma-chart', parseSigmaChart)));
  addAnalysisOptions(command);
  addOutputOptions(command);
  addExamples(command, EXAMPLES);
  command.action(async (files: string[], options: ConvergenceOptions) => {
    checkOutputTarget(options.output, files);
    if (options.sigmaChart !== undefined) {
      // checked before any work: a wrong name is not found after the computing
      checkOutputTarget(options.sigmaChart, files);
      chartFormat(undefined, options.sigmaChart);
      if (options.output !== undefined && resolve(options.output) === resolve(options.sigmaChart)) {
        throw new SvcError('USAGE', `--sigma-chart and -o name the same file`, { file: options.sigmaChart }, 'give the chart a name of its own');
      }
    }
    if (options.by !== undefined && options.by !== 'region') {
      throw new SvcError('USAGE', `convergence --by ${options.by}: clubs are regions only`, {}, 'use --by region (with --regions three|four)');
    }
    const catalogue = await loadCatalogue(options.indicatorsFile);
    const { convergenceReport, sigmaChart } = await import('../reports/convergence.js'); // loaded for this command only
    const result = await convergenceReport(files, readOptions(options, catalogue), {
      catalogue, ids: options.indicators, rounding: { mode: options.rounding, decimals: options.decimals ?? 4 },
      clubs: options.by === 'region', conditional: options.conditional === 'region', scheme: options.regions,
    });
    const notes = printNotes(result.notes);
    if (options.sigmaChart !== undefined) {
      const { renderChartSvg, svgToPng } = await import('../render/charts/index.js');
      const svg = await renderChartSvg(sigmaChart(result.table, outputOptions(options).lang, files));
      const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1] ?? 800);
      await writeDocument(chartFormat(undefined, options.sigmaChart) === 'png' ? await svgToPng(svg, width * 2) : svg, options.sigmaChart);
    }
    await writeOutput(result.table, outputOptions(options), { inputs: files, notes, catalogue, rounding: options.rounding, decimals: options.decimals ?? 4 });
  });
  return command;
}
