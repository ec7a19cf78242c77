/**
 * `--by COLUMN`: the group of each row, from a label column or, for `--by region` without such a column, from
 * the province label through the NBS region table. National/total rows and "of which" rows belong to no group.
 */
import { SvcError } from '../errors.js';
import type { DataRow } from '../table/rows.js';
import type { HeaderPlan } from '../table/header-plan.js';
import { normaliseName } from '../table/header-plan.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { REGION_ORDER, regionOf } from '../catalogue/regions.js';
import { TOTAL_LABELS, isOfWhichLabel, isTotalLabel } from '../catalogue/row-labels.js';

export type RowRole = 'part' | 'total' | 'of-which';

/** First characters a total or "of which" label can start with: most labels are ruled out by one lookup. */
const SPECIAL_STARTS = new Set([...TOTAL_LABELS.flatMap((label) => [label[0]!, label[0]!.toUpperCase()]), '#', '＃', '其', ' ', '\u3000']);

export function labelRole(label: string | undefined): RowRole {
  if (label === undefined || label === '' || !SPECIAL_STARTS.has(label[0]!)) return 'part';
  if (isTotalLabel(label)) return 'total';
  if (isOfWhichLabel(label)) return 'of-which';
  return 'part';
}

export function rowRole(row: DataRow): RowRole {
  return labelRole(row.label);
}

export interface Grouper {
  /** the --by name as given */
  readonly by: string;
  /** true when groups come from a column of the file, false when derived (regions from provinces) */
  readonly fromColumn: boolean;
  /** the group of a part row, from its cells and trimmed label */
  groupOfCells(cells: readonly string[], label: string | undefined, line: number): string;
  groupOf(row: DataRow): string;
  /** groups in display order */
  order(groups: Iterable<string>): string[];
}

const REGION_NAMES = new Set(['region', '区域', '地带', '地区分组'].map(normaliseName));
const CACHE_LIMIT = 10_000;

export function makeGrouper(plan: HeaderPlan, by: string, scheme: RegionScheme, file: string): Grouper {
  const index = plan.columnIndex.get(by) ?? plan.columnIndex.get(normaliseName(by));
  const make = (fromColumn: boolean, groupOfCells: Grouper['groupOfCells'], order: Grouper['order'] = (groups) => [...groups]): Grouper => ({
    by, fromColumn, groupOfCells, order, groupOf: (row) => groupOfCells(row.cells, row.label, row.line),
  });
  if (index !== undefined && index !== plan.labelIndex) {
    return make(true, (cells) => cells[index]!.trim());
  }
  if (index === undefined && REGION_NAMES.has(normaliseName(by))) {
    if (plan.labelIndex === undefined) {
      throw new SvcError('USAGE', `--by ${by} needs a column naming the province (地区, 省份, province)`, { file });
    }
    const regions = new Map<string, string>(); // province label → region: the lookup normalises names
    return make(false, (_cells, label, line) => {
      const known = regions.get(label ?? '');
      if (known !== undefined) return known;
      const region = regionOf(label ?? '', scheme);
      if (region === undefined) {
        throw new SvcError('UNKNOWN_UNIT', `'${label}' is not a province, so its region is unknown`,
          { file, line, column: plan.labelIndex! + 1 }, 'use the 31 mainland province names, or add a region column');
      }
      if (regions.size < CACHE_LIMIT) regions.set(label ?? '', region);
      return region;
    }, (groups) => [...groups].sort((a, b) => REGION_ORDER.indexOf(a) - REGION_ORDER.indexOf(b)));
  }
  if (index !== undefined) {
    // grouping by the label column itself: each unit its own group
    return make(true, (_cells, label) => label ?? '');
  }
  throw new SvcError('USAGE', `--by ${by}: the input has no such column`, { file },
    `columns: ${plan.headers.filter((header) => header.trim() !== '').join(', ')}`);
}
