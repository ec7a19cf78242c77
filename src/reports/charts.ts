/**
 * Charts from the same readers and engine as the tables: one indicator (or measure) of one or more inputs as
 * ChartData for the renderers in render/charts. Values are computed exactly; each is converted to a number only
 * for drawing, and its label is the exact value rounded once, as the tables print it. A national/total row is the
 * reference line of a bar chart, never a bar; "of which" rows are left out.
 *
 * The kind, unless asked for: several years or files of one unit → line; of several units → compare; one year →
 * bar (tiles only on request).
 */
import type { Note } from '../notes.js';
import { noteText } from '../notes.js';
import { measuresAsked } from '../catalogue/targets.js';
import { basename } from 'node:path';
import { SvcError } from '../errors.js';
import { someNames } from '../notes.js';
import type { Rational } from '../exact/rational.js';
import { toNumber } from '../exact/rational.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { isTotalLabel, unitKey } from '../catalogue/row-labels.js';
import { formulaText } from '../catalogue/catalogue.js';
import type { Target } from '../catalogue/targets.js';
import { formatTarget, selectTargets, targetDecimals, targetValue } from '../catalogue/targets.js';
import { aggregate, describeExcluded, groupName } from '../engine/aggregate.js';
import { describeIncomplete } from '../engine/sums.js';
import type { RowRole } from '../engine/grouping.js';
import { rowRole } from '../engine/grouping.js';
import type { ReadOptions } from '../engine/read-options.js';
import { groupValues } from '../engine/sums.js';
import { openRecords } from '../io/records.js';
import type { ChartData, ChartKind, ChartSeries } from '../render/charts/index.js';
import { findProvinceTile, groupThousands, placeOnTiles } from '../render/charts/index.js';
import { CHART_LABELS, REGION_LABELS, withUnit } from '../render/labels.js';
import type { Label, Lang } from '../render/model.js';
import { readTable, scanTable } from '../table/rows.js';
import { yearFromName } from './compare.js';
import { rowValues } from './coverage.js';

export const CHART_KINDS: readonly ChartKind[] = ['bar', 'compare', 'line', 'tiles'];

export interface ChartRequest {
  readonly catalogue: Catalogue;
  /** an indicator or measure id; by default the first indicator the inputs support (or their first measure) */
  readonly indicator: string | undefined;
  readonly kind: ChartKind | undefined;
  readonly lang: Lang;
  readonly rounding: RoundingChoice;
  readonly by?: { readonly column: string; readonly scheme: RegionScheme } | undefined;
}

export interface ChartResult {
  readonly data: ChartData;
  readonly target: Target;
  /** for stderr */
  readonly notes: readonly Note[];
}

/** One value of the target: a unit (or group) in one period (a year, or a file). */
interface Point {
  readonly unit: string;
  readonly key: string;
  readonly period: string;
  readonly role: RowRole;
  readonly value: Rational | null;
}

interface Collected {
  readonly target: Target;
  readonly points: readonly Point[];
  readonly files: readonly string[];
  readonly notes: Note[];
}

/** Read the inputs and build the chart of one target. */
export async function chartReport(sources: readonly string[], options: ReadOptions, request: ChartRequest): Promise<ChartResult> {
  const collected = await collectPoints(sources, options, request);
  return chartFromPoints(collected, request);
}

/** The points of one target in every input: rows, or --by groups with their sum over all parts as the total. */
async function collectPoints(sources: readonly string[], options: ReadOptions, request: ChartRequest): Promise<Collected> {
  const points: Point[] = [];
  const notes: Note[] = [];
  const files: string[] = [];
  let target: Target | undefined;
  const choose = (present: ReadonlySet<string>, where: string): Target => {
    if (target !== undefined) return target;
    const ids = request.indicator === undefined ? undefined : [request.indicator];
    const selection = selectTargets(request.catalogue, ids, present, where);
    const [first] = selection.targets;
    if (first === undefined) {
      throw new SvcError('NO_INDICATOR', `${request.indicator ?? 'no indicator'} cannot be drawn from ${where}`, {},
        selection.notes[0] !== undefined ? noteText(selection.notes[0]) : "see 'svc-stats indicators' and 'svc-stats measures'");
    }
    target = first;
    return first;
  };
  for (const source of sources) {
    if (request.by !== undefined) {
      const aggregation = await aggregate(source, options, request.by.column, request.by.scheme);
      files.push(aggregation.file);
      const chosen = choose(new Set(aggregation.plan.measureColumns.map((column) => column.measure.id)), aggregation.file);
      if (aggregation.years.length > 1) {
        throw new SvcError('USAGE', `holds ${aggregation.years.length} years; a chart with --by takes one year per file`, { file: aggregation.file });
      }
      const period = aggregation.years[0] || periodOfFile(source, aggregation.file);
      for (const line of [describeExcluded(aggregation), describeIncomplete(aggregation.plan, [...aggregation.groups, ...aggregation.totals.map((total) => ({ ...total, group: 'total' }))], (key) => groupName(aggregation, key),
        measuresAsked(request.catalogue, [chosen.id]))]) {
        if (line !== undefined) notes.push(line);
      }
      for (const group of aggregation.groups) {
        const name = groupName(aggregation, group.group); // the year part of the key left out: one year here
        points.push({ unit: name, key: name, period, role: 'part', value: valueOf(chosen, groupValues(aggregation.plan, group)) });
      }
      // the reference of grouped bars: the input's own national/total row (the published figure), else all parts
      // summed (a ratio of sums, as coverage --totals computes it)
      const totals: Point[] = [];
      await scanTable(openRecords(source, options), options, (row, plan) => {
        if (rowRole(row) === 'total') totals.push({ unit: row.label!, key: '', period, role: 'total', value: valueOf(chosen, rowValues({ file: '', plan, rows: [] }, row.values)) });
      });
      points.push(...totals);
      const all = aggregation.totals[0];
      if (all !== undefined) points.push({ unit: 'total', key: '', period, role: 'total', value: valueOf(chosen, groupValues(aggregation.plan, all)) });
      continue;
    }
    const table = await readTable(openRecords(source, options), options);
    files.push(table.file);
    const chosen = choose(new Set(table.plan.measureColumns.map((column) => column.measure.id)), table.file);
    const ofWhich: string[] = [];
    for (const row of table.rows) {
      const role = rowRole(row);
      if (role === 'of-which') {
        ofWhich.push(`${row.label} (line ${row.line})`);
        continue;
      }
      const unit = row.label ?? '';
      points.push({
        unit, key: unitKey(unit), role,
        period: row.year !== undefined && row.year !== '' ? row.year : periodOfFile(source, table.file),
        value: valueOf(chosen, rowValues(table, row.values)),
      });
    }
    if (ofWhich.length > 0) notes.push(`${table.file}: "of which" rows are not drawn: ${ofWhich.join('; ')}`);
  }
  return { target: target!, points, files, notes };
}

function valueOf(target: Target, values: ReadonlyMap<string, Rational | null>): Rational | null {
  const outcome = targetValue(target, values);
  return 'value' in outcome ? outcome.value : null;
}

/** A file's period when it has no year column: a year in its name, else its name. */
function periodOfFile(source: string, file: string): string {
  return String(yearFromName(source) ?? basename(file));
}

/** Distinct values in order of first appearance; years sorted and, between the first and last, none left out. */
function periodsOf(points: readonly Point[]): string[] {
  const periods = [...new Set(points.map((point) => point.period))];
  if (periods.length < 2 || !periods.every((period) => /^\d{4}$/.test(period))) return periods;
  const years = periods.map(Number);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  // a year absent from the input is a gap on the axis, not a shorter interval
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

function trimEmpty(periods: readonly string[], points: readonly Point[]): string[] {
  const valued = new Set(points.filter((point) => point.value !== null).map((point) => point.period));
  const first = periods.findIndex((period) => valued.has(period));
  if (first === -1) return [...periods];
  const last = periods.length - 1 - [...periods].reverse().findIndex((period) => valued.has(period));
  return periods.slice(first, last + 1);
}

/** The largest value a chart draws: a double's (Number.MAX_VALUE), as README's Reliability states. */
export const CHART_VALUE_LIMIT = '1.8e308';

function chartFromPoints(collected: Collected, request: ChartRequest): ChartResult {
  const { target, files } = collected;
  const notes = [...collected.notes];
  const lang = request.lang;
  const decimals = targetDecimals(target, request.rounding);
  const text = (value: Rational | null): string | null => (value === null ? null : groupThousands(formatTarget(target, value, request.rounding)));
  // a chart is drawn in doubles: a value beyond Number.MAX_VALUE (an exact sum of huge cells) is refused, not Infinity
  const number = (value: Rational | null): number | null => {
    if (value === null) return null;
    const drawnAs = toNumber(value);
    if (!Number.isFinite(drawnAs)) {
      throw new SvcError('TOO_LARGE', `${label.en}: '${text(value)}' is beyond the largest value a chart draws (${CHART_VALUE_LIMIT})`, {}, 'use coverage for the exact table');
    }
    return drawnAs;
  };

  // units: the part rows; a file of total rows only (a national series) draws its totals
  const parts = collected.points.filter((point) => point.role === 'part');
  const drawn = parts.length > 0 ? parts : collected.points;
  const totals = parts.length > 0 ? collected.points.filter((point) => point.role === 'total') : [];
  const units = uniqueUnits(drawn);
  // years before the first value and after the last are left off (the series' span, as the title says)
  const periods = trimEmpty(periodsOf(drawn), drawn);
  const kind = request.kind ?? (periods.length > 1 ? (units.length === 1 ? 'line' : 'compare') : 'bar');
  const valueAt = (key: string, period: string): Rational | null =>
    drawn.find((point) => point.key === key && point.period === period)?.value ?? null;

  const label = targetLabel(target);
  const valueLabel = withUnit(label, targetUnit(target))[lang];
  const fileNames = files.map((file) => basename(file)).join(lang === 'zh' ? '、' : ', ');
  const periodText = (shown: readonly string[]) => (shown.length === 1 ? shown[0]! : `${shown[0]}–${shown[shown.length - 1]}`);
  const frame = (shown: readonly string[]) => {
    const period = periodText(shown);
    const by = request.by === undefined ? undefined : request.by.column === 'region' ? CHART_LABELS.byRegion[lang] : request.by.column;
    const title = by === undefined ? CHART_LABELS.title(label, period) : CHART_LABELS.titleByGroup(label, by, period);
    return { title: title[lang], valueLabel, subtitle: subtitleOf(target, request.catalogue, lang), source: CHART_LABELS.source(fileNames, period)[lang], decimals, lang };
  };
  const unnamed = (unit: { label: string }) => (unit.label === '' ? label[lang] : unitName(unit.label, lang));
  const series = (name: string, values: readonly (Rational | null)[]): ChartSeries => ({ name, values: values.map(number), texts: values.map(text) });

  switch (kind) {
    case 'bar':
    case 'tiles': {
      if (periods.length > 1 && units.length > 1) {
        throw new SvcError('USAGE', `a ${kind} chart draws one year, and the inputs hold ${periods.join(', ')}`, {},
          'use --kind compare, or give one file');
      }
      if (units.length === 1 && periods.length > 1) {
        if (kind === 'tiles') throw new SvcError('USAGE', 'a tiles chart draws provinces, and the input has one unit over years', {}, 'use --kind line or bar');
        // one unit over years: a bar per year, in time order
        const values = periods.map((period) => valueAt(units[0]!.key, period));
        return { target, notes, data: { kind: 'bar', ...frame(periods), categories: periods, series: [series(unnamed(units[0]!), values)], order: 'given' } };
      }
      const values = units.map((unit) => valueAt(unit.key, periods[0]!));
      const data: ChartData = { kind, ...frame(periods), categories: units.map(unnamed), series: [series(label[lang], values)] };
      const reference = totals.find((point) => point.period === periods[0] && point.value !== null);
      if (reference !== undefined && kind === 'bar') {
        data.reference = { label: unitName(reference.unit, lang), value: number(reference.value!)!, text: text(reference.value)! };
      }
      if (kind === 'tiles') {
        const { unmatched } = placeOnTiles(data.categories, data.series[0]!.values);
        // a map of cities, districts or regions on province tiles would be all grey: refused, not drawn
        if (unmatched.length * 2 > data.categories.length) {
          throw new SvcError('USAGE', `a tile map draws provinces, and ${unmatched.length} of the ${data.categories.length} units are not provinces (${someNames(unmatched)})`, {},
            'give a file of provinces, group cities or districts into their provinces with --by province, or use --kind bar');
        }
        if (unmatched.length > 0) notes.push(`not on the province tile map (not drawn): ${unmatched.join(', ')}`);
      }
      return { target, notes, data };
    }
    case 'compare': {
      if (periods.length < 2) throw new SvcError('USAGE', 'a compare chart needs two or more years or files', {}, 'give several files, or a file with a year column');
      let shown = periods.filter((period) => drawn.some((point) => point.period === period && point.value !== null));
      if (shown.length > 3) {
        notes.push(`compare draws the first and the last year with values (${shown[0]}, ${shown[shown.length - 1]}) of ${shown.length}`);
        shown = [shown[0]!, shown[shown.length - 1]!];
      }
      if (shown.length < 2) throw new SvcError('USAGE', 'a compare chart needs values in two or more years or files');
      return {
        target, notes, data: {
          kind, ...frame(shown), categories: units.map(unnamed),
          series: shown.map((period) => series(period, units.map((unit) => valueAt(unit.key, period)))),
        },
      };
    }
    case 'line': {
      if (periods.length < 2) throw new SvcError('USAGE', 'a line chart needs two or more years or files', {}, 'use --kind bar');
      if (units.length > 12) {
        throw new SvcError('USAGE', `a line chart draws at most 12 units, and the inputs hold ${units.length}`, {}, 'use --kind compare');
      }
      return {
        target, notes, data: {
          kind, ...frame(periods), categories: periods,
          series: units.map((unit) => series(unnamed(unit), periods.map((period) => valueAt(unit.key, period)))),
        },
      };
    }
  }
}

function uniqueUnits(points: readonly Point[]): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const point of points) if (!seen.has(point.key)) seen.set(point.key, point.unit);
  return [...seen].map(([key, label]) => ({ key, label }));
}

function targetLabel(target: Target): Label {
  return target.kind === 'indicator' ? target.indicator.label : target.measure.label;
}

function targetUnit(target: Target): Label {
  return target.kind === 'indicator' ? target.indicator.unit : target.measure.unit;
}

/**
 * A unit's name as a chart shows it: in English charts a province's English name, a region's, `National` or
 * `Total` for a total row; in Chinese charts the label as written (a --by total: 合计).
 */
function unitName(label: string, lang: Lang): string {
  if (label === 'total') return CHART_LABELS.total[lang];
  if (lang === 'zh') return label;
  const region = REGION_LABELS[label];
  if (region !== undefined) return region.en;
  if (isTotalLabel(label)) return /^(全国|national|china)/i.test(label.trim()) ? CHART_LABELS.national.en : CHART_LABELS.total.en;
  return findProvinceTile(label)?.en ?? label;
}

/** The formula in words with its unit: `社区服务单位个数 / 市辖区　单位：个`. */
function subtitleOf(target: Target, catalogue: Catalogue, lang: Lang): string {
  if (target.kind === 'measure') return CHART_LABELS.measureSubtitle(target.measure.unit[lang])[lang];
  const words = formulaText(target.indicator).replace(/[a-z][a-z0-9_]*/g, (id) =>
    catalogue.measures.find((measure) => measure.id === id)?.label[lang] ?? id);
  return CHART_LABELS.subtitle(words, target.indicator.unit[lang])[lang];
}
