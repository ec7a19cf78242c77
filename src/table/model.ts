/**
 * The table model: what each row of a sheet is, decided in the one pass that reads it, before any sum. A row is
 * a title, a unit line, a header (Chinese, English, column codes 甲乙/1 2 3/栏次), a national total, a region
 * subtotal, a parent (a unit whose children follow), a unit, an "of which" row, a footnote, a 续表 marker or a
 * repeated header. Units are the finest rows; a parent is checked against the sum of the units beneath it and
 * never summed with them. Parents are found two ways: by level columns (a province row with its city cell blank
 * above its cities), or, with one label column, by the gazetteer (北京市 above 海淀区 and 朝阳区).
 */
import type { Rational } from '../exact/rational.js';
import { add, compare, toDecimalString } from '../exact/rational.js';
import { isOfWhichLabel, isTotalLabel } from '../catalogue/row-labels.js';
import type { Division } from '../catalogue/gazetteer.js';
import { findDivisions, liesWithin, provincesOfLabel } from '../catalogue/gazetteer.js';
import { regionOf } from '../catalogue/regions.js';
import type { HeaderPlan, LabelColumn } from './header-plan.js';
import { ROWS_ARE_INDEX, splitUnit } from './header-plan.js';
import type { ModelRow, TableModel } from './roles.js';
export type { ModelRow, ParentCheck, RowRole, TableModel } from './roles.js';
export { emptyModel } from './roles.js';

const LEVELS = ['province', 'city', 'district'];

/** Region subtotal labels among provinces (东部, 中部地区 …). */
const REGION_LABELS = /^(东部|中部|西部|东北)(地区)?$/;

export function isRegionLabel(label: string): boolean {
  return REGION_LABELS.test(label.normalize('NFKC').replace(/\s+/g, ''));
}

/** An indented label (`  城市`, `　农村`): a sub-row of the row above, unless it names a place. */
export function isIndentedSubRow(raw: string): boolean {
  if (!/^(\u3000| {2,}|\t)/.test(raw)) return false;
  // a sub-item's name is Chinese (城市, 农村, 城镇); `  =x` or `  Beijing` is a label with blanks, trimmed as any
  const text = raw.trim();
  return /^[\p{Script=Han}]/u.test(text) && findDivisions(text).length === 0;
}

interface OpenParent {
  readonly line: number;
  readonly label: string;
  readonly role: 'parent' | 'region subtotal';
  readonly values: readonly (Rational | null)[];
  readonly contains: (cells: readonly string[]) => boolean;
  /** the rows beneath it are units (not parents of their own) */
  units: number;
  sums: (Rational | null)[];
  /** a unit beneath it lacked a value: that measure is not compared */
  missing: boolean[];
}

interface Pending {
  readonly cells: string[];
  readonly line: number;
  readonly label: string;
  readonly level: string;
  readonly role: 'parent' | 'region subtotal';
  readonly contains: (cells: readonly string[]) => boolean;
  /** its row in the model, taken out again when it turns out a unit */
  readonly row: ModelRow;
}

export type Verdict =
  /** a unit, or a national total: pass it on */
  | { kind: 'pass' }
  /** kept out: the model recorded why */
  | { kind: 'withheld' }
  /** held until the next row decides whether it is a parent */
  | { kind: 'held' };

/**
 * The model of one table's body, row by row. `decide` is given each row after fill-down; a held row comes back
 * through `release` (a unit after all) when the next row is not beneath it.
 */
export class RowModel {
  private readonly open: OpenParent[] = [];
  private pending: Pending | undefined;
  private readonly labelColumns: readonly LabelColumn[];
  private readonly finest: boolean;
  /** a province column exists: a region among its rows is a subtotal */
  private readonly provinces: boolean;

  constructor(
    private readonly plan: HeaderPlan,
    private readonly values: (cells: readonly string[], line: number) => (Rational | null)[],
  ) {
    this.labelColumns = plan.labelColumns.filter((column) => column.code !== true);
    const last = this.labelColumns[this.labelColumns.length - 1];
    this.finest = last !== undefined && last.index === plan.labelIndex;
    this.provinces = this.labelColumns.some((column) => column.level === 'province');
  }

  /** Whether rows must be seen by `decide` (a parent is open or held): the fast path steps aside. */
  get busy(): boolean {
    return this.pending !== undefined || this.open.length > 0;
  }

  private get model(): TableModel {
    return this.plan.model;
  }

  /**
   * What a row is. `release` is called first with a held row that turns out to be a unit. `raw` is the label
   * cell before trimming (its indentation).
   */
  decide(cells: string[], line: number, raw: string, release: (cells: string[], line: number) => void): Verdict {
    const label = this.plan.labelIndex === undefined ? '' : cells[this.plan.labelIndex]!.trim();
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      if (pending.contains(cells)) this.openParent(pending);
      else this.unhold(pending, release);
    }
    if (this.plan.labelIndex === undefined) return { kind: 'pass' };
    // of-which rows: indented, or 其中 in a coarser label column
    if (isIndentedSubRow(raw)) {
      this.model.rows.push({ line, role: 'of which', label, why: 'indented under the row above' });
      return { kind: 'withheld' };
    }
    const coarser = this.coarserCell(cells);
    if (label === '' && coarser !== undefined && isOfWhichLabel(coarser.text)) {
      this.model.rows.push({ line, role: 'of which', label: coarser.text, level: coarser.column.level, why: `其中 in the ${coarser.column.header} column` });
      return { kind: 'withheld' };
    }
    const name = label !== '' ? label : coarser?.text ?? '';
    if (isTotalLabel(name)) {
      this.closeAll();
      return { kind: 'pass' };
    }
    // among provinces only: svc-stats' own --by region output (a group column of 东部, 中部 …) has regions as its units
    if (this.provinces && isRegionLabel(name)) {
      this.closeUntil(cells, true);
      this.hold({ cells, line, label: name, level: 'region', role: 'region subtotal', contains: (row) => this.inRegion(row, name) },
        'a region among provinces');
      return { kind: 'held' };
    }
    this.closeUntil(cells, false);
    // a coarser label with the finest blank: a parent when rows beneath it follow
    if (label === '' && coarser !== undefined && this.finest) {
      const depth = this.labelColumns.indexOf(coarser.column);
      const key = this.labelColumns.slice(0, depth + 1).map((column) => cells[column.index]!.trim());
      const contains = (row: readonly string[]): boolean =>
        this.labelColumns.slice(0, depth + 1).every((column, at) => row[column.index]!.trim() === key[at])
        && this.labelColumns.slice(depth + 1).some((column) => row[column.index]!.trim() !== '');
      this.hold({ cells, line, label: coarser.text, level: coarser.column.level, role: 'parent', contains },
        `its ${this.labelColumns[depth + 1]?.header ?? 'finer'} cell is blank`);
      return { kind: 'held' };
    }
    // one label column: a province or city whose districts follow (by the gazetteer)
    if (label !== '' && this.labelColumns.length <= 1) {
      const places = findDivisions(label).filter((division) => division.level !== 'district');
      if (places.length > 0) {
        const deepest = Math.max(...places.map((place) => LEVELS.indexOf(place.level)));
        const contains = (row: readonly string[]): boolean => {
          const text = row[this.plan.labelIndex!]!.trim();
          if (text === '') return false;
          // 河北 is a province as well as a district of 天津: a name that may be of the parent's level is no child
          const inner = findDivisions(text);
          return !inner.some((division) => LEVELS.indexOf(division.level) <= deepest)
            && inner.some((division) => places.some((outer) => liesWithin(division, outer)));
        };
        this.hold({ cells, line, label, level: places[0]!.level, role: 'parent', contains }, 'the rows below lie within it (gazetteer)');
        return { kind: 'held' };
      }
    }
    this.addUnit(cells, line);
    return { kind: 'pass' };
  }

  /** The end of the table: a held row is a unit; open parents are checked. */
  finish(release: (cells: string[], line: number) => void, moreFollows: boolean): void {
    const pending = this.pending;
    // a byte range ending on a row that may be a parent: what follows it decides
    if (pending !== undefined && moreFollows) this.model.wholeTable = true;
    if (pending !== undefined) {
      this.pending = undefined;
      this.unhold(pending, release);
    }
    this.closeAll();
  }

  /** A held row with no rows beneath it: a unit after all; a region subtotal stays kept out, unchecked. */
  private unhold(pending: Pending, release: (cells: string[], line: number) => void): void {
    // a region with no province beneath it is a unit: svc-stats' own --by region output (东部, 中部 … as rows)
    const rows = this.model.rows;
    rows.splice(rows.indexOf(pending.row), 1);
    this.addUnit(pending.cells, pending.line);
    release(pending.cells, pending.line);
  }

  private hold(pending: Omit<Pending, 'row'>, why: string): void {
    const row: ModelRow = { line: pending.line, role: pending.role, label: pending.label, level: pending.level, why };
    this.pending = { ...pending, row };
    if (pending.role === 'region subtotal') this.model.wholeTable = true;
    this.model.rows.push(row);
  }

  private openParent(pending: Pending): void {
    this.model.wholeTable = true;
    const values = this.values(pending.cells, pending.line);
    this.open.push({
      line: pending.line, label: pending.label, role: pending.role, values, contains: pending.contains,
      units: 0, sums: values.map(() => null), missing: values.map(() => false),
    });
  }

  private inRegion(cells: readonly string[], region: string): boolean {
    const text = this.provinceText(cells);
    const bare = region.replace(/地区$/, '');
    if (text === '') return false;
    // a city or district: the region of the province the gazetteer places it in
    const provinces = regionOf(text, 'three') === undefined ? provincesOfLabel(text).map((division) => division.name) : [text];
    return provinces.some((province) => regionOf(province, 'three') === bare || regionOf(province, 'four') === bare);
  }

  private provinceText(cells: readonly string[]): string {
    const province = this.labelColumns.find((column) => column.level === 'province') ?? this.labelColumns[0];
    return province === undefined ? '' : cells[province.index]!.trim();
  }

  /** The finest non-blank label column coarser than the unit's, when the unit's cell is blank. */
  private coarserCell(cells: readonly string[]): { column: LabelColumn; text: string } | undefined {
    for (let at = this.labelColumns.length - 1; at >= 0; at -= 1) {
      const column = this.labelColumns[at]!;
      if (column.index === this.plan.labelIndex) continue;
      const text = cells[column.index]!.trim();
      if (text !== '') return { column, text };
    }
    return undefined;
  }

  private addUnit(cells: readonly string[], line: number): void {
    if (this.open.length === 0) return;
    const values = this.values(cells, line);
    for (const parent of this.open) {
      parent.units += 1;
      values.forEach((value, at) => {
        if (value === null) parent.missing[at] = true;
        else parent.sums[at] = parent.sums[at] === null ? value : add(parent.sums[at]!, value);
      });
    }
  }

  /** Close the open parents the row is not beneath (a region subtotal closes every parent but regions above it). */
  private closeUntil(cells: readonly string[], region: boolean): void {
    while (this.open.length > 0) {
      const top = this.open[this.open.length - 1]!;
      if (!region && top.contains(cells)) return;
      this.close(this.open.pop()!);
    }
  }

  private closeAll(): void {
    while (this.open.length > 0) this.close(this.open.pop()!);
  }

  private close(parent: OpenParent): void {
    const differences: string[] = [];
    let compared = 0;
    this.plan.measureColumns.forEach((column, at) => {
      if (column.index === ROWS_ARE_INDEX) return;
      const own = parent.values[at];
      const sum = parent.sums[at];
      if (own === null || own === undefined || sum === null || sum === undefined || parent.missing[at]) return;
      compared += 1;
      if (compare(own, sum) !== 0) differences.push(`${splitUnit(column.header).name} ${toDecimalString(own)} ≠ ${toDecimalString(sum)} ${column.measure.unit.zh}`);
    });
    this.model.parents.push({ line: parent.line, label: parent.label, role: parent.role, units: parent.units, differences, compared });
  }
}

/** The division of a label when the gazetteer knows it as one place only. */
export function onlyDivision(label: string): Division | undefined {
  const found = findDivisions(label);
  return found.length === 1 ? found[0] : undefined;
}
