/**
 * Charts as SVG text through Apache ECharts in its server-side mode: no DOM, no canvas. ECharts is imported only
 * when a chart is drawn, so commands that draw nothing never load it.
 *
 * Kinds:
 * - bar: horizontal bars sorted by value (largest on top), missing values last with a "no data" mark, the
 *   reference (national value) as a dashed vertical line with its label; the height grows with the categories.
 * - compare: up to 12 categories, grouped horizontal bars (one bar per series). With more than 12 categories and
 *   exactly 2 series, a dumbbell: two points per category joined by a line, sorted by the later series, the larger
 *   value labelled on the right and the smaller on the left. 31 provinces × 2 grouped bars make 62 thin bars in
 *   which the change is hard to see; the dumbbell shows each province's change as one segment.
 * - line: one line per series over the categories (years), every point labelled; a missing year is a gap.
 * - tiles: the tile-grid map of tiles.ts coloured by value with a continuous legend to the right of the grid.
 */
import type { EChartsOption, LabelLayoutOptionCallbackParams } from 'echarts';
import { assertFiniteOrNull, formatValue, WORDS } from './format.js';
import { fontStack, MISSING_MARK, type ChartData, type ChartSeries, type ChartSize } from './model.js';
import { PROVINCE_TILES, placeOnTiles } from './tiles.js';

const WIDTH = 800;
/** pixels per category row of a bar chart: 31 provinces at 12px text never touch */
const BAR_ROW = 24;
const TEXT = '#333333';
const MUTED = '#6e7079';
const SERIES_COLOURS = ['#2f6fb0', '#e07b39', '#3a9d5d', '#8e5ea2', '#8c6d31', '#5f6b7a'];
/** sequential blues, light to dark: readable in grey print too */
const TILE_RAMP = ['#eef4fb', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const MISSING_FILL = '#e6e6e6';
const DUMBBELL_FROM = 12;

/** The size a chart gets when none is given: bar and compare grow with their categories. */
export function defaultChartSize(data: ChartData): ChartSize {
  const n = data.categories.length;
  switch (data.kind) {
    case 'bar':
      // a few bars get wider rows (up to 40px), so that three regions do not make a strip
      return { width: WIDTH, height: 150 + Math.max(BAR_ROW * n, Math.min(40 * n, 240), 3 * BAR_ROW) };
    case 'compare': {
      const rows = isDumbbell(data) ? n : n * Math.max(data.series.length, 1) * 0.75;
      return { width: WIDTH, height: Math.round(170 + BAR_ROW * Math.max(rows, 3)) };
    }
    case 'line':
      return { width: WIDTH, height: 480 };
    case 'tiles':
      return { width: WIDTH, height: 800 };
  }
}

/**
 * Renders a chart as an SVG document.
 * @throws Error when the data are inconsistent (a series of the wrong length, a non-finite value, a kind given the
 *   wrong number of series) or when ECharts would write NaN/undefined into the picture
 */
export async function renderChartSvg(data: ChartData, size?: ChartSize): Promise<string> {
  validate(data);
  const { width, height } = size ?? defaultChartSize(data);
  const option = chartOption(data, { width, height });
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption(option);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const userText = [data.title, data.valueLabel, data.source, ...data.categories, ...data.series.map((s) => s.name)].join('\n');
  for (const bad of ['NaN', 'undefined']) {
    if (svg.includes(bad) && !userText.includes(bad)) throw new Error(`renderChartSvg: the ${data.kind} chart came out with '${bad}' in it`);
  }
  return svg;
}

/** The ECharts option for a chart: exported for tests and for callers that render elsewhere. */
export function chartOption(data: ChartData, size: ChartSize): EChartsOption {
  switch (data.kind) {
    case 'bar':
      return barOption(data);
    case 'compare':
      return isDumbbell(data) ? dumbbellOption(data) : groupedBarOption(data);
    case 'line':
      return lineOption(data);
    case 'tiles':
      return tilesOption(data, size);
  }
}

function validate(data: ChartData): void {
  const expected: Record<ChartData['kind'], [number, number]> = { bar: [1, 1], tiles: [1, 1], compare: [2, 3], line: [1, 12] };
  const [least, most] = expected[data.kind];
  if (data.series.length < least || data.series.length > most) {
    throw new Error(`renderChartSvg: a ${data.kind} chart needs ${least === most ? least : `${least} to ${most}`} series, got ${data.series.length}`);
  }
  for (const series of data.series) {
    if (series.values.length !== data.categories.length) {
      throw new Error(`renderChartSvg: series ${series.name} has ${series.values.length} values for ${data.categories.length} categories`);
    }
    assertFiniteOrNull(series.values, `renderChartSvg: series ${series.name}`, data.categories);
    if (series.texts !== undefined && series.texts.length !== series.values.length) {
      throw new Error(`renderChartSvg: series ${series.name} has ${series.texts.length} value labels for ${series.values.length} values`);
    }
  }
  if (data.reference !== undefined && !Number.isFinite(data.reference.value)) {
    throw new Error(`renderChartSvg: the reference ${data.reference.label} is not a finite number`);
  }
  formatValue(0, data.decimals); // throws on bad decimals
}

/** The label of a series' value at category index `i`: the caller's text when given, else the formatted number. */
function valueText(series: ChartSeries, i: number, decimals: number): string {
  return series.texts?.[i] ?? formatValue(series.values[i]!, decimals);
}

function isDumbbell(data: ChartData): boolean {
  return data.kind === 'compare' && data.series.length === 2 && data.categories.length > DUMBBELL_FROM;
}

/** Title on top, value label under it, source line at the bottom left: the frame of every chart. */
function frame(data: ChartData): Pick<EChartsOption, 'title' | 'textStyle' | 'animation' | 'backgroundColor'> {
  const font = fontStack(data.lang);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: font, color: TEXT },
    title: [
      {
        text: data.title,
        subtext: data.subtitle ?? data.valueLabel,
        left: 16,
        top: 12,
        textStyle: { fontSize: 17, fontWeight: 'bold', color: TEXT, fontFamily: font },
        subtextStyle: { fontSize: 13, color: MUTED, fontFamily: font },
      },
      {
        text: data.source,
        left: 16,
        bottom: 10,
        textStyle: { fontSize: 11, fontWeight: 'normal', color: MUTED, fontFamily: font },
      },
    ],
  };
}

/** Category order for bars: largest first, missing last, ties in input order. */
function sortedIndices(values: readonly (number | null)[]): number[] {
  return values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0);
      return b.value - a.value || a.index - b.index;
    })
    .map(({ index }) => index);
}

/**
 * Every category labelled: ECharts hides labels it guesses would overlap ('auto'), and it hid 'East' on a
 * three-bar chart; the heights here leave room for each (defaultChartSize).
 */
function categoryAxisLabel(font: string): object {
  return { color: TEXT, fontSize: 12, fontFamily: font, interval: 0 };
}

/** The value of the tile legend's "no data" piece: no tile has it (a tile without a value is drawn grey apart). */
// the lowest of all, so that ECharts, which orders the pieces by value, puts it at the bottom of the legend
const NO_DATA_PIECE = -Number.MAX_SAFE_INTEGER;

/** Pixels kept between a value label and the reference line. */
const REFERENCE_CLEARANCE = 3;

function barOption(data: ChartData): EChartsOption {
  const font = fontStack(data.lang);
  const values = data.series[0]!.values;
  const order = data.order === 'given' ? values.map((_, i) => i) : sortedIndices(values);
  const missing = `${WORDS[data.lang].noData}`;
  const reference = data.reference;
  return {
    ...frame(data),
    grid: { left: 16, right: 90, top: reference ? 96 : 80, bottom: 70, containLabel: true },
    xAxis: valueAxis(data, font),
    yAxis: {
      type: 'category',
      inverse: true,
      data: order.map((i) => data.categories[i]!),
      axisLabel: categoryAxisLabel(font),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: data.series[0]!.name,
        barCategoryGap: '30%',
        itemStyle: { color: SERIES_COLOURS[0] },
        // a white backing keeps the value readable where the reference line crosses it
        label: { show: true, position: 'right', color: TEXT, fontFamily: font, backgroundColor: '#ffffff', padding: [1, 2] },
        data: order.map((i) => {
          const value = values[i]!;
          if (value === null) {
            // a zero-length, invisible bar that carries the "no data" label, so that every category has its label
            return { value: 0, itemStyle: { color: 'transparent' }, label: { formatter: `${MISSING_MARK} ${missing}`, color: MUTED } };
          }
          return { value, label: { formatter: valueText(data.series[0]!, i, data.decimals) } };
        }),
        ...(reference
          ? {
              // a value label that the dashed reference line would cross is moved to the right of the line: the
              // bar's own rectangle gives the scale (pixels per unit), so the line's pixel x is known here
              labelLayout: (params: LabelLayoutOptionCallbackParams) => {
                const value = values[order[params.dataIndex ?? -1] ?? -1];
                if (value === null || value === undefined || !(value > 0) || !(params.rect.width > 0)) return {};
                const line = params.rect.x + (reference.value / value) * params.rect.width;
                const label = params.labelRect;
                return line >= label.x - REFERENCE_CLEARANCE && line <= label.x + label.width + REFERENCE_CLEARANCE ? { dx: line + REFERENCE_CLEARANCE + 1 - label.x } : {};
              },
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#c23531', type: 'dashed', width: 1.5 },
                // the category axis runs top-down (inverse), so 'start' puts the label above the first bar
                label: {
                  position: 'start',
                  formatter: `${reference.label} ${reference.text ?? formatValue(reference.value, data.decimals)}`,
                  color: '#c23531',
                  fontFamily: font,
                },
                data: [{ xAxis: reference.value }],
                z: 1,
              },
            }
          : {}),
      },
    ],
  };
}

function groupedBarOption(data: ChartData): EChartsOption {
  const font = fontStack(data.lang);
  const latest = data.categories.map((_, i) => [...data.series].reverse().map((s) => s.values[i] ?? null).find((v) => v !== null) ?? null);
  const order = sortedIndices(latest);
  return {
    ...frame(data),
    color: SERIES_COLOURS,
    legend: { top: 62, right: 16, textStyle: { fontFamily: font, color: TEXT } },
    grid: { left: 16, right: 80, top: 96, bottom: 70, containLabel: true },
    xAxis: valueAxis(data, font),
    yAxis: { type: 'category', inverse: true, data: order.map((i) => data.categories[i]!), axisLabel: categoryAxisLabel(font), axisTick: { show: false } },
    series: data.series.map((series) => ({
      type: 'bar' as const,
      name: series.name,
      barGap: '10%',
      label: { show: true, position: 'right' as const, color: TEXT, fontSize: 11, fontFamily: font },
      data: order.map((i) => {
        const value = series.values[i]!;
        if (value === null) return { value: 0, itemStyle: { color: 'transparent' }, label: { formatter: MISSING_MARK, color: MUTED } };
        return { value, label: { formatter: valueText(series, i, data.decimals) } };
      }),
    })),
  };
}

function dumbbellOption(data: ChartData): EChartsOption {
  const font = fontStack(data.lang);
  const [from, to] = [data.series[0]!, data.series[1]!];
  const order = sortedIndices(to.values.map((v, i) => v ?? from.values[i] ?? null));
  const categories = order.map((i) => data.categories[i]!);
  const point = (series: typeof from, other: typeof from) =>
    order.map((i, row) => {
      const value = series.values[i]!;
      const otherValue = other.values[i];
      if (value === null) {
        // both missing: the first series carries the mark at the axis; one missing: the other point stands alone
        const bothMissing = (otherValue === null || otherValue === undefined) && series === from;
        return {
          value: [0, row],
          itemStyle: { color: 'transparent' },
          label: bothMissing ? { show: true, position: 'right' as const, formatter: `${MISSING_MARK} ${WORDS[data.lang].noData}`, color: MUTED } : { show: false },
        };
      }
      // the larger of the two is labelled on its right, the smaller on its left: the labels never meet
      const onRight = otherValue === null || otherValue === undefined || value >= otherValue;
      return {
        value: [value, row],
        label: { show: true, position: onRight ? ('right' as const) : ('left' as const), formatter: valueText(series, i, data.decimals) },
      };
    });
  const segments = order.flatMap((i, row) => {
    const a = from.values[i];
    const b = to.values[i];
    if (a === null || a === undefined || b === null || b === undefined) return [];
    return [[{ coord: [a, row] }, { coord: [b, row] }]];
  });
  return {
    ...frame(data),
    color: SERIES_COLOURS,
    legend: { top: 62, right: 16, textStyle: { fontFamily: font, color: TEXT } },
    grid: { left: 16, right: 70, top: 96, bottom: 70, containLabel: true },
    xAxis: {
      type: 'value',
      scale: true,
      name: data.valueLabel,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: MUTED, fontFamily: font },
      axisLabel: { color: MUTED, fontFamily: font },
      splitLine: { lineStyle: { color: '#e8e8e8' } },
    },
    // a wide margin between the category names and the axis: a small value's label sits left of its point
    // no axis line: a small value's label, left of its point, would be crossed by it (seen with 西藏 9 → 10)
    yAxis: {
      type: 'category', inverse: true, data: categories, axisLabel: { ...categoryAxisLabel(font), margin: 48 }, axisTick: { show: false },
      axisLine: { show: false },
    },
    series: [
      {
        type: 'scatter',
        name: from.name,
        symbolSize: 9,
        label: { color: MUTED, fontSize: 11, fontFamily: font },
        data: point(from, to),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#b8b8b8', type: 'solid', width: 2 },
          label: { show: false },
          data: segments as never,
        },
        z: 3,
      },
      { type: 'scatter', name: to.name, symbolSize: 9, label: { color: TEXT, fontSize: 11, fontFamily: font }, data: point(to, from), z: 4 },
    ],
  };
}

function lineOption(data: ChartData): EChartsOption {
  const font = fontStack(data.lang);
  return {
    ...frame(data),
    color: SERIES_COLOURS,
    legend: data.series.length > 1 ? { top: 62, right: 16, textStyle: { fontFamily: font, color: TEXT } } : { show: false },
    grid: { left: 24, right: 40, top: 110, bottom: 70, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.categories,
      boundaryGap: true,
      axisLabel: categoryAxisLabel(font),
    },
    yAxis: {
      type: 'value',
      scale: true,
      // above the axis, starting at it: a rotated name at the side was cut off at the left edge
      name: data.valueLabel,
      nameLocation: 'end',
      nameGap: 14,
      nameTextStyle: { color: MUTED, fontFamily: font, align: 'left' },
      axisLabel: { color: MUTED, fontFamily: font },
      splitLine: { lineStyle: { color: '#e8e8e8' } },
    },
    series: data.series.map((series) => ({
      type: 'line' as const,
      name: series.name,
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 2 },
      // a white backing keeps a label readable where a steep line passes under it
      label: { show: true, position: 'top' as const, color: TEXT, fontSize: 11, fontFamily: font, backgroundColor: '#ffffff', padding: [1, 2] },
      data: series.values.map((value, i) =>
        value === null ? '-' : { value, label: { formatter: valueText(series, i, data.decimals) } },
      ),
    })),
  };
}

function tilesOption(data: ChartData, size: ChartSize): EChartsOption {
  const font = fontStack(data.lang);
  const { placed, absent } = placeOnTiles(data.categories, data.series[0]!.values);
  const cols = Math.max(...PROVINCE_TILES.map((t) => t.col)) + 1;
  const rows = Math.max(...PROVINCE_TILES.map((t) => t.row)) + 1;
  const top = 86;
  const bottom = 44;
  const left = 24;
  const legendWidth = 150;
  const cell = Math.floor(Math.min((size.width - left - legendWidth - 24) / cols, (size.height - top - bottom) / rows));
  const known = placed.flatMap((p) => (p.value === null ? [] : [p.value]));
  const min = known.length > 0 ? Math.min(...known) : 0;
  const max = known.length > 0 ? Math.max(...known) : 1;
  const span = max > min ? max - min : 1;
  const name = (t: { name: string; en: string }) => (data.lang === 'zh' ? t.name : t.en);
  const valued = placed.filter((p) => p.value !== null);
  // the legend's ends are the largest and smallest tiles' own labels, so that they read the same
  const classes = quintileClasses(valued.map((p) => ({ value: p.value!, text: valueText(data.series[0]!, p.index, data.decimals) })));
  const legendEnd = (end: number) => {
    const tile = valued.find((p) => p.value === end);
    return tile === undefined ? formatValue(end, data.decimals) : valueText(data.series[0]!, tile.index, data.decimals);
  };
  const empty = [...placed.filter((p) => p.value === null).map((p) => p.tile), ...absent];
  const gap = 3;
  const labelSize = Math.max(10, Math.min(14, Math.floor(cell / 5)));
  return {
    ...frame(data),
    grid: { left, top, width: cell * cols, height: cell * rows },
    xAxis: { type: 'value', min: -0.5, max: cols - 0.5, show: false },
    yAxis: { type: 'value', min: -0.5, max: rows - 0.5, inverse: true, show: false },
    visualMap: classes === undefined
      ? {
          type: 'continuous',
          seriesIndex: 0,
          dimension: 2,
          min,
          max: max > min ? max : min + 1,
          calculable: false,
          inRange: { color: TILE_RAMP },
          orient: 'vertical',
          left: left + cell * cols + 36,
          top: top + 20,
          itemHeight: Math.min(220, cell * 4),
          text: [legendEnd(max), legendEnd(min)],
          textStyle: { color: TEXT, fontFamily: font },
        }
      : {
          type: 'piecewise',
          seriesIndex: 0,
          dimension: 2,
          // highest class on top, as on the continuous legend
          pieces: [
            ...[...classes].reverse().map((c) => ({ gte: c.low, lte: c.high, color: c.colour, label: c.label })),
            // the grey of provinces without a value, last: a piece of a value no tile has, so that it only labels the grey
            ...(empty.length > 0 ? [{ value: NO_DATA_PIECE, color: MISSING_FILL, label: WORDS[data.lang].noData }] : []),
          ],
          orient: 'vertical',
          left: left + cell * cols + 28,
          top: top + 20,
          itemWidth: 18,
          itemHeight: 14,
          itemGap: 8,
          textStyle: { color: TEXT, fontFamily: font, fontSize: 12 },
        },
    // with a continuous legend, the grey of provinces without a value gets its own entry under it
    ...(classes === undefined && empty.length > 0
      ? {
          graphic: [
            { type: 'rect', left: left + cell * cols + 36, top: top + 20 + Math.min(220, cell * 4) + 84, shape: { width: 20, height: 14 }, style: { fill: MISSING_FILL } },
            { type: 'text', left: left + cell * cols + 64, top: top + 20 + Math.min(220, cell * 4) + 84, style: { text: WORDS[data.lang].noData, fill: TEXT, font: `12px ${font}` } },
          ],
        }
      : {}),
    series: [
      {
        type: 'custom',
        name: data.series[0]!.name,
        coordinateSystem: 'cartesian2d',
        encode: { x: 0, y: 1 },
        data: valued.map((p) => ({ value: [p.tile.col, p.tile.row, p.value!], name: name(p.tile) })),
        renderItem: (params, api) => {
          const p = valued[params.dataIndex]!;
          const [x, y] = api.coord([p.tile.col, p.tile.row]) as [number, number];
          // dark tiles get white text: the upper 45% of the ramp, the two darkest classes, are dark blue
          const dark = classes === undefined ? (p.value! - min) / span > 0.55 : classOf(classes, p.value!) >= classes.length - 2;
          return {
            type: 'group',
            children: [
              {
                type: 'rect',
                shape: { x: x - cell / 2 + gap, y: y - cell / 2 + gap, width: cell - 2 * gap, height: cell - 2 * gap, r: 2 },
                style: { fill: api.visual('color') as string },
              },
              tileText(x, y, name(p.tile), valueText(data.series[0]!, p.index, data.decimals), dark ? '#ffffff' : TEXT, labelSize, cell - 2 * gap, font),
            ],
          };
        },
      },
      {
        type: 'custom',
        name: WORDS[data.lang].noData,
        coordinateSystem: 'cartesian2d',
        encode: { x: 0, y: 1 },
        data: empty.map((t) => ({ value: [t.col, t.row], name: name(t) })),
        renderItem: (params, api) => {
          const t = empty[params.dataIndex]!;
          const [x, y] = api.coord([t.col, t.row]) as [number, number];
          return {
            type: 'group',
            children: [
              {
                type: 'rect',
                shape: { x: x - cell / 2 + gap, y: y - cell / 2 + gap, width: cell - 2 * gap, height: cell - 2 * gap, r: 2 },
                style: { fill: MISSING_FILL },
              },
              tileText(x, y, name(t), MISSING_MARK, MUTED, labelSize, cell - 2 * gap, font),
            ],
          };
        },
      },
    ],
  };
}

interface TileClass {
  low: number;
  high: number;
  colour: string;
  label: string;
}

/**
 * Five classes of (about) equal count, by nearest-rank quintiles, when there are five or more distinct values:
 * yearbook values are skewed (上海's 201.6 facilities per sub-district against a median of 16), and a linear ramp
 * left every other province the palest blue. Each class is labelled with the lowest and highest value in it, as
 * the tiles print them. Undefined (a continuous ramp) for fewer distinct values.
 */
function quintileClasses(values: readonly { value: number; text: string }[]): TileClass[] | undefined {
  const sorted = [...values].sort((a, b) => a.value - b.value);
  if (new Set(sorted.map((v) => v.value)).size < 5) return undefined;
  const n = sorted.length;
  const classes: { members: typeof sorted }[] = [];
  let start = 0;
  for (let k = 1; k <= 5 && start < n; k += 1) {
    let end = k === 5 ? n : Math.ceil((k * n) / 5);
    // equal values stay in one class
    while (end < n && sorted[end]!.value === sorted[end - 1]!.value) end += 1;
    if (end > start) classes.push({ members: sorted.slice(start, end) });
    start = end;
  }
  const ramp = classes.length === TILE_RAMP.length ? TILE_RAMP : classes.map((_, i) => TILE_RAMP[Math.round((i * (TILE_RAMP.length - 1)) / Math.max(classes.length - 1, 1))]!);
  return classes.map(({ members }, i) => {
    const [low, high] = [members[0]!, members[members.length - 1]!];
    return { low: low.value, high: high.value, colour: ramp[i]!, label: low.value === high.value ? low.text : `${low.text} – ${high.text}` };
  });
}

function classOf(classes: readonly TileClass[], value: number): number {
  const index = classes.findIndex((c) => value <= c.high);
  return index === -1 ? classes.length - 1 : index;
}

/** Widest line of text, in em, counting a CJK character as 1 em and a Latin one as about 0.56 em. */
function textEms(line: string): number {
  return [...line].reduce((sum, c) => sum + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.56), 0);
}

/**
 * A tile's two or three lines: name (broken at its space when too wide: Inner / Mongolia) and value, in the
 * largest font up to `fontSize` (at least 8px) that fits the tile's inner width.
 */
function tileText(x: number, y: number, label: string, value: string, fill: string, fontSize: number, inner: number, font: string) {
  const room = inner - 6;
  const lines = textEms(label) * fontSize > room && label.includes(' ') ? label.split(' ') : [label];
  const widest = Math.max(...lines.map(textEms), textEms(value));
  fontSize = Math.max(8, Math.min(fontSize, Math.floor(room / widest)));
  return {
    type: 'text' as const,
    x,
    y,
    style: {
      text: [...lines, value].join('\n'),
      fill,
      fontSize,
      fontFamily: font,
      align: 'center' as const,
      verticalAlign: 'middle' as const,
      lineHeight: Math.round(fontSize * 1.3),
    },
  };
}

/** The horizontal value axis of bar and compare charts: the indicator's label and unit under it. */
function valueAxis(data: ChartData, font: string) {
  return {
    type: 'value' as const,
    name: data.valueLabel,
    nameLocation: 'middle' as const,
    nameGap: 28,
    nameTextStyle: { color: MUTED, fontFamily: font },
    axisLabel: { color: MUTED, fontFamily: font },
    splitLine: { lineStyle: { color: '#e8e8e8' } },
  };
}
