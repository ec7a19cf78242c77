/**
 * `--by COLUMN`: the group of each row, from a label column or, for `--by region` without such a column, from
 * the province label through the NBS region table. National/total rows and "of which" rows belong to no group.
 */
import { SvcError } from '../errors.js';
import type { DataRow } from '../io/reader.js';
import type { HeaderPlan } from '../io/headers.js';
import { normaliseName } from '../io/headers.js';
import type { RegionScheme } from './regions.js';
import { REGION_ORDER, regionOf } from './regions.js';
import { isOfWhichLabel, isTotalLabel } from './units.js';

export type RowRole = 'part' | 'total' | 'of-which';

export function rowRole(row: DataRow): RowRole {
  if (isTotalLabel(row.label)) return 'total';
  if (isOfWhichLabel(row.label)) return 'of-which';
  return 'part';
}

export interface Grouper {
  /** the --by name as given */
  readonly by: string;
  /** true when groups come from a column of the file, false when derived (regions from provinces) */
  readonly fromColumn: boolean;
  /** the group of a part row */
  groupOf(row: DataRow): string;
  /** groups in display order */
  order(groups: Iterable<string>): string[];
}

const REGION_NAMES = new Set(['region', '区域', '地带', '地区分组'].map(normaliseName));

export function makeGrouper(plan: HeaderPlan, by: string, scheme: RegionScheme, file: string): Grouper {
  const index = plan.columnIndex.get(by) ?? plan.columnIndex.get(normaliseName(by));
  if (index !== undefined && index !== plan.labelIndex) {
    return {
      by,
      fromColumn: true,
      groupOf: (row) => row.cells[index]!.trim(),
      order: (groups) => [...groups],
    };
  }
  if (index === undefined && REGION_NAMES.has(normaliseName(by))) {
    if (plan.labelIndex === undefined) {
      throw new SvcError('USAGE', `--by ${by} needs a column naming the province (地区, 省份, province)`, { file });
    }
    return {
      by,
      fromColumn: false,
      groupOf: (row) => {
        const region = regionOf(row.label ?? '', scheme);
        if (region === undefined) {
          throw new SvcError('UNKNOWN_ID', `'${row.label}' is not a province, so its region is unknown`,
            { file, line: row.line, column: plan.labelIndex! + 1 }, 'use the 31 mainland province names, or add a region column');
        }
        return region;
      },
      order: (groups) => [...groups].sort((a, b) => REGION_ORDER.indexOf(a) - REGION_ORDER.indexOf(b)),
    };
  }
  if (index === plan.labelIndex && index !== undefined) {
    // grouping by the label column itself: each unit its own group
    return { by, fromColumn: true, groupOf: (row) => row.label ?? '', order: (groups) => [...groups] };
  }
  throw new SvcError('USAGE', `--by ${by}: the input has no such column`, { file },
    `columns: ${plan.headers.filter((header) => header.trim() !== '').join(', ')}`);
}
