/**
 * `--rank` of coverage and compare: the rank of each unit by a column of a finished report table, within each
 * year (or indicator) when the table holds several. Standard competition ranking ("1224"): equal values share the
 * best rank and the next rank skips; each tie is stated in a note as `3= 北京, 天津`. Values are compared as
 * printed (at the digits shown: ties are ties of the published figures; --decimals or --raw compares more).
 * Total and "of which" rows, and rows without a value, get no rank.
 */
import type { Note } from '../notes.js';
import { labelRole } from '../engine/grouping.js';
import { TOTAL_KEY } from '../render/labels.js';
import type { OutputCell, ReportCell, ReportColumn, ReportTable } from '../render/model.js';

export type RankOrder = 'desc' | 'asc';

export interface RankRequest {
  /** ids of the columns to rank by: each gets a `rank_<id>` column after it */
  readonly columns: readonly string[];
  /** ids of the columns whose values split the rows into separate rankings (year, indicator) */
  readonly within: readonly string[];
  /** desc: the largest value is 1 */
  readonly order: RankOrder;
  /** sort the rows of each ranking by the first ranked column */
  readonly sort: boolean;
}

export function rankTable(table: ReportTable, request: RankRequest): { table: ReportTable; notes: Note[] } {
  const idIndex = (id: string): number => table.columns.findIndex((column) => column.id === id);
  const ranked = request.columns.map(idIndex).filter((at) => at >= 0);
  const within = request.within.map(idIndex).filter((at) => at >= 0);
  const labelAt = ['unit', 'group'].map(idIndex).find((at) => at >= 0);
  const text = (cell: ReportCell | undefined): string | null => (cell === null || cell === undefined ? null : typeof cell === 'string' ? cell : cell.en);
  const isUnit = (row: readonly ReportCell[]): boolean => {
    if (labelAt === undefined) return true;
    const label = text(row[labelAt]);
    return label !== null && label !== TOTAL_KEY && labelRole(label) === 'part';
  };
  const partitionOf = (row: readonly ReportCell[]): string => within.map((at) => text(row[at]) ?? '').join('\u0000');
  const ranks = new Map<number, (number | null)[]>();
  const notes: Note[] = [];
  for (const at of ranked) {
    const column = table.rows.map(() => null as number | null);
    const parts = new Map<string, number[]>();
    table.rows.forEach((row, r) => {
      const cell = text(row[at]);
      if (!isUnit(row) || cell === null || cell === '' || !Number.isFinite(Number(cell))) return;
      const key = partitionOf(row);
      const members = parts.get(key);
      if (members === undefined) parts.set(key, [r]);
      else members.push(r);
    });
    // each value parsed once, not at every comparison of the sort
    const values = new Float64Array(table.rows.length);
    for (const members of parts.values()) for (const r of members) values[r] = Number(text(table.rows[r]![at]));
    for (const [key, members] of parts) {
      const value = (r: number): number => values[r]!;
      const sorted = [...members].sort((a, b) => (request.order === 'desc' ? value(b) - value(a) : value(a) - value(b)) || a - b);
      sorted.forEach((r, position) => {
        column[r] = position > 0 && value(sorted[position - 1]!) === value(r) ? column[sorted[position - 1]!]! : position + 1;
      });
      const tied = new Map<number, number[]>();
      for (const r of sorted) {
        const rows = tied.get(column[r]!);
        if (rows === undefined) tied.set(column[r]!, [r]);
        else rows.push(r);
      }
      for (const [rank, rows] of tied) {
        if (rows.length < 2) continue;
        const names = rows.map((r) => (labelAt === undefined ? `row ${r + 1}` : String(text(table.rows[r]![labelAt]))));
        const where = key.replaceAll('\u0000', ' ').trim();
        const item = `${table.columns[at]!.id}${where === '' ? '' : ` ${where}`}: ${rank}= ${names.join(', ')}`;
        notes.push({ kind: 'tied ranks (the same value as printed)', separator: '; ', item, itemFull: item });
      }
    }
    ranks.set(at, column);
  }
  const columns: ReportColumn[] = [];
  const order: number[] = [];
  table.columns.forEach((column, at) => {
    columns.push(column);
    order.push(at);
    if (ranks.has(at)) {
      columns.push({ id: `rank_${column.id}`, label: { zh: `${column.label.zh}排名`, en: `rank ${column.label.en}` }, kind: 'number' });
      order.push(-1 - at);
    }
  });
  let rows = table.rows.map((row, r) => order.map((at) => (at >= 0 ? row[at] ?? null : rankText(ranks.get(-1 - at)![r]!))));
  if (request.sort && ranked.length > 0) {
    const first = ranks.get(ranked[0]!)!;
    const indexed = rows.map((row, r) => ({ row, r }));
    // rankings stay where their partition first appears; unranked rows (totals) first within it
    const partitionStart = new Map<string, number>();
    table.rows.forEach((row, r) => { if (!partitionStart.has(partitionOf(row))) partitionStart.set(partitionOf(row), r); });
    indexed.sort((a, b) => {
      const pa = partitionStart.get(partitionOf(table.rows[a.r]!))!;
      const pb = partitionStart.get(partitionOf(table.rows[b.r]!))!;
      if (pa !== pb) return pa - pb;
      const ra = first[a.r] ?? 0;
      const rb = first[b.r] ?? 0;
      return ra - rb || a.r - b.r;
    });
    rows = indexed.map(({ row }) => row);
  }
  return { table: { columns, rows }, notes };
}

function rankText(rank: number | null): OutputCell {
  return rank === null ? null : String(rank);
}
