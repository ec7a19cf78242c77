/**
 * `--chart [ID]` of coverage, compare and describe: a bar chart of one indicator on the terminal in place of the
 * table. Declared once here; the bars are drawn by render/charts/terminal.ts, loaded only when asked for.
 */
import { Command, Option } from 'commander';
import { SvcError } from '../errors.js';
import type { TerminalChart } from '../reports/terminal-charts.js';
import { isTerminal } from '../io/terminal.js';
import { useColor } from '../render/format.js';
import { writeDocument } from './write.js';

export function addChartOption(command: Command): Command {
  return command.addOption(new Option('--chart [id]',
    'draw one indicator (default: the first) as terminal bars in place of the table; put it after the files, or write --chart=ID'));
}

/** The terminal's width; COLUMNS, or 80, when standard output is not a terminal. */
export function chartWidth(): number {
  if (isTerminal(1) && process.stdout.columns) return process.stdout.columns;
  return Number(process.env['COLUMNS']) || 80;
}

export async function writeTerminalChart(chart: TerminalChart, options: { output?: string; color: boolean }): Promise<void> {
  const [{ renderTerminalBars }, { terminalChartText }, { Chalk }] = await Promise.all([
    import('../render/charts/terminal.js'), import('../reports/terminal-charts.js'), import('chalk'),
  ]);
  const chalk = new Chalk({ level: useColor({ color: options.color, output: options.output }, process.env, isTerminal(1)) ? 1 : 0 });
  let bars: string;
  try {
    bars = renderTerminalBars(chart.rows, chartWidth(), { color: (s) => chalk.blue(s) });
  } catch (error) {
    // the only failure left after the values were checked: labels and values wider than the terminal
    throw new SvcError('USAGE', `--chart: ${(error as Error).message.replace(/^renderTerminalBars /, '')}`, {}, 'widen the terminal, or set COLUMNS');
  }
  await writeDocument(terminalChartText(chart, bars), options.output);
}
