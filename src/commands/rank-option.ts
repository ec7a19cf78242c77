/** --rank and --order, declared once for coverage and compare. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { SvcError } from '../errors.js';
import type { Note } from '../notes.js';
import type { ReportTable } from '../render/model.js';
import type { RankOrder } from '../reports/rank.js';
import { rankTable } from '../reports/rank.js';

export interface RankOptions {
  rank?: boolean;
  order?: RankOrder;
}

export function addRankOptions(command: Command, what: string): Command {
  return command
    .option('--rank', `add the rank of each unit by ${what} (1 = largest; ties share a rank, stated on stderr)`)
    .addOption(new Option('--order <order>', 'with --rank: rank and sort rows descending (desc: 1 = largest) or ascending').choices(['desc', 'asc']));
}

/** --order without --rank is refused before any work (the streamed per-row path never reaches applyRank). */
export function checkRankOptions(options: RankOptions): void {
  if (options.rank !== true && options.order !== undefined) throw new SvcError('USAGE', '--order needs --rank', {}, 'add --rank');
}

/** The table with its rank columns when --rank is given (sorted when --order is given), and the notes on ties. */
export function applyRank(table: ReportTable, options: RankOptions, columns: readonly string[], within: readonly string[]): { table: ReportTable; notes: Note[] } {
  checkRankOptions(options);
  if (options.rank !== true) return { table, notes: [] };
  return rankTable(table, { columns, within, order: options.order ?? 'desc', sort: options.order !== undefined });
}
