/**
 * `convergence`: do units grow more alike over the years? σ convergence — the CV and the sd of logs of each year
 * — and β convergence — OLS of the mean annual log growth from the first year to the last on the first year's
 * log level (absolute; `--conditional region` adds region dummies) — over the units (provinces) of several
 * editions: files, or the years of a long file, read as compare reads them. `--by region`: each region a club.
 * The units are those with a positive value in every edition (a balanced panel), so the years are comparable.
 */
import { SvcError } from '../errors.js';
import type { Note } from '../notes.js';
import { someNames } from '../notes.js';
import type { Catalogue, RoundingChoice } from '../catalogue/catalogue.js';
import type { RegionScheme } from '../catalogue/regions.js';
import { findProvince } from '../catalogue/regions.js';
import { unitKey } from '../catalogue/row-labels.js';
import { selectTargets, targetValue } from '../catalogue/targets.js';
import type { Target } from '../catalogue/targets.js';
import { toNumber, fromNumber, roundToString } from '../exact/rational.js';
import { labelRole } from '../engine/grouping.js';
import type { ReadOptions } from '../engine/read-options.js';
import { labelled } from '../render/labels.js';
import type { LabelId } from '../render/labels.js';
import type { OutputCell, ReportColumn, ReportTable } from '../render/model.js';
import type { ChartData } from '../render/charts/model.js';
import { betaConvergence, sigmaDispersion } from '../stats/convergence.js';
import type { Edition } from './compare.js';
import { readAllEditions } from './compare.js';

export interface ConvergenceRequest {
  readonly catalogue: Catalogue;
  readonly ids: readonly string[] | undefined;
  readonly rounding: RoundingChoice;
  /** --by region: clubs */
  readonly clubs: boolean;
  /** --conditional region: region dummies in the β regression */
  readonly conditional: boolean;
  readonly scheme: RegionScheme;
}

const COLUMNS = ['indicator', 'model', 'group', 'year', 'from_year', 'to_year', 'n', 'cv', 'sd_log', 'beta', 'se', 't', 'r_squared', 'speed', 'half_life', 'note'] as const;
const TEXT = new Set(['indicator', 'model', 'group', 'note']);

/** One panel: the units with a positive value in every edition, their values by edition, and their region. */
interface Panel {
  readonly labels: string[];
  /** values[e][i]: unit i in edition e */
  readonly values: number[][];
  readonly regions: (string | undefined)[];
}

export async function convergenceReport(sources: readonly string[], options: ReadOptions, request: ConvergenceRequest): Promise<{ table: ReportTable; notes: Note[] }> {
  const { editions, present, notes } = await readAllEditions(sources, options, { catalogue: request.catalogue, ids: request.ids, rounding: request.rounding }, 'convergence');
  const years = editions.map((edition) => edition.year);
  if (years.some((year) => year === undefined) || new Set(years).size !== years.length) {
    throw new SvcError('USAGE', `convergence needs the year of every edition, each once (found: ${years.map((year) => year ?? '?').join(', ')})`, {},
      'a year column, or a 4-digit year in each file name');
  }
  const selection = selectTargets(request.catalogue, request.ids, present, 'the inputs');
  notes.push(...selection.notes);
  const columns: ReportColumn[] = COLUMNS.map((id) => labelled(id as LabelId, TEXT.has(id) ? 'text' : 'number'));
  const decimals = request.rounding.decimals ?? 4;
  const format = (value: number | null | undefined): OutputCell =>
    value === null || value === undefined || !Number.isFinite(value) ? null : roundToString(fromNumber(value), decimals, request.rounding.mode);
  const rows: OutputCell[][] = [];
  const row = (cells: Partial<Record<(typeof COLUMNS)[number], OutputCell>>): OutputCell[] => COLUMNS.map((id) => cells[id] ?? null);
  const span = editions[editions.length - 1]!.year! - editions[0]!.year!;

  for (const target of selection.targets) {
    const panel = panelOf(editions, target, request.scheme, notes);
    const clubs: [string, number[]][] = [['all', panel.labels.map((_, i) => i)]];
    if (request.clubs) {
      const names = [...new Set(panel.regions.map((region) => region ?? '—'))];
      for (const name of ORDER.filter((region) => names.includes(region)).concat(names.filter((region) => !ORDER.includes(region)))) {
        clubs.push([name, panel.labels.map((_, i) => i).filter((i) => (panel.regions[i] ?? '—') === name)]);
      }
    }
    for (const [group, members] of clubs) {
      editions.forEach((edition, e) => {
        if (members.length === 0) return;
        const sigma = sigmaDispersion(members.map((i) => panel.values[e]![i]!));
        rows.push(row({ indicator: target.id, model: 'sigma', group, year: String(edition.year), n: String(sigma.n), cv: format(sigma.cv), sd_log: format(sigma.sdLog) }));
      });
      const fit = betaConvergence(members.map((i) => panel.values[0]![i]!), members.map((i) => panel.values[editions.length - 1]![i]!), span);
      rows.push(betaRow('beta', group, members.length, fit));
    }
    if (request.conditional) {
      const regionNames = [...new Set(panel.regions.map((region) => region ?? '—'))];
      const groups = panel.regions.map((region) => regionNames.indexOf(region ?? '—'));
      const fit = betaConvergence(panel.values[0]!, panel.values[editions.length - 1]!, span, groups);
      rows.push(betaRow('beta_conditional', 'all', panel.labels.length, fit, `region dummies: ${regionNames.slice(1).join(', ')} (against ${regionNames[0]})`));
    }

    function betaRow(model: string, group: string, n: number, fit: ReturnType<typeof betaConvergence>, note?: string): OutputCell[] {
      const base = { indicator: target.id, model, group, from_year: String(editions[0]!.year), to_year: String(editions[editions.length - 1]!.year), n: String(n) };
      if (fit === null) return row({ ...base, note: 'too few units for the regression' });
      const reasons = [note, fit.speed === null ? 'speed undefined: 1 + βT ≤ 0' : undefined, fit.halfLife === null && fit.speed !== null ? 'no half-life: the units diverge (λ ≤ 0)' : undefined].filter((text) => text !== undefined);
      return row({
        ...base, beta: format(fit.beta), se: format(fit.se), t: format(fit.t), r_squared: format(fit.rSquared), speed: format(fit.speed),
        half_life: format(fit.halfLife), note: reasons.length > 0 ? reasons.join('; ') : null,
      });
    }
  }
  return { table: { columns, rows }, notes };
}

const ORDER = ['东部', '中部', '西部', '东北'];
const REGION_EN: Readonly<Record<string, string>> = { 东部: 'East', 中部: 'Central', 西部: 'West', 东北: 'Northeast' };

/** The units (not total or "of which" rows) with a positive value of the target in every edition, matched by label. */
function panelOf(editions: readonly Edition[], target: Target, scheme: RegionScheme, notes: Note[]): Panel {
  const byEdition = editions.map((edition) => {
    const values = new Map<string, { label: string; value: number | undefined }>();
    for (const unit of edition.units) {
      if (labelRole(unit.label) !== 'part') continue;
      const outcome = targetValue(target, unit.values);
      values.set(unitKey(unit.label), { label: unit.label, value: 'value' in outcome ? toNumber(outcome.value) : undefined });
    }
    return values;
  });
  const keys = [...byEdition[0]!.keys(), ...byEdition.slice(1).flatMap((map) => [...map.keys()])].filter((key, at, all) => all.indexOf(key) === at);
  const kept: string[] = [];
  const left: string[] = [];
  for (const key of keys) {
    const complete = byEdition.every((map) => {
      const value = map.get(key)?.value;
      return value !== undefined && value > 0;
    });
    (complete ? kept : left).push(key);
  }
  if (left.length > 0) {
    notes.push({ kind: 'units left out of convergence (not a positive value in every year)', separator: '; ', item: `${target.id} (${someNames(left)})`, itemFull: `${target.id} (${left.join(', ')})` });
  }
  return {
    labels: kept,
    values: byEdition.map((map) => kept.map((key) => map.get(key)!.value!)),
    regions: kept.map((key) => {
      const province = findProvince(key);
      return province === undefined ? undefined : scheme === 'four' ? province.four : province.three;
    }),
  };
}

/**
 * The σ series of a convergence table as a line chart: for the first indicator, the CV and the sd of logs of all
 * units over the years, or with clubs the CV of each club (and of all units). Joined from edition to edition.
 */
export function sigmaChart(table: ReportTable, lang: 'zh' | 'en', files: readonly string[]): ChartData {
  const at = (id: string): number => table.columns.findIndex((column) => column.id === id);
  const text = (cell: unknown): string => (typeof cell === 'string' ? cell : '');
  const sigma = table.rows.filter((row) => text(row[at('model')]) === 'sigma');
  const indicator = text(sigma[0]?.[at('indicator')]);
  const rows = sigma.filter((row) => text(row[at('indicator')]) === indicator);
  const years = [...new Set(rows.map((row) => Number(text(row[at('year')]))))].sort((a, b) => a - b);
  // the editions' years only: σ is joined from one edition to the next (an absent year is not a gap here)
  const categories = years.map(String);
  const groups = [...new Set(rows.map((row) => text(row[at('group')])))];
  const seriesOf = (name: string, group: string, column: string) => {
    const cells = categories.map((year) => rows.find((row) => text(row[at('group')]) === group && text(row[at('year')]) === year)?.[at(column)]);
    return { name, values: cells.map((cell) => (typeof cell === 'string' ? Number(cell) : null)), texts: cells.map((cell) => (typeof cell === 'string' ? cell : null)) };
  };
  const words = lang === 'zh' ? { cv: '变异系数', sdLog: '对数标准差', all: '全部' } : { cv: 'CV', sdLog: 'sd of logs', all: 'all' };
  const series = groups.length > 1
    ? groups.map((group) => seriesOf(`${words.cv} ${group === 'all' ? words.all : lang === 'en' ? REGION_EN[group] ?? group : group}`, group, 'cv'))
    : [seriesOf(words.cv, 'all', 'cv'), seriesOf(words.sdLog, 'all', 'sd_log')];
  const period = `${categories[0]}–${categories[categories.length - 1]}`;
  const names = files.map((file) => file.split(/[\\/]/).pop()).join(lang === 'zh' ? '、' : ', ');
  return {
    kind: 'line', categories, series, decimals: 4, lang,
    title: lang === 'zh' ? `${indicator}的σ收敛，${period}` : `σ convergence of ${indicator}, ${period}`,
    valueLabel: lang === 'zh' ? 'σ（离散程度）' : 'σ (dispersion)',
    subtitle: lang === 'zh' ? '变异系数与对数标准差（总体标准差），同一批地区' : 'CV and sd of logs (population sd), the same units every year',
    source: lang === 'zh' ? `资料来源：${names}；svc-stats 计算` : `Source: ${names}; computed by svc-stats`,
  };
}
