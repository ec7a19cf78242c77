/** The pure rendering core of charts: what commands import. ECharts and resvg load only when called. */
export type { ChartData, ChartKind, ChartSeries, ChartSize, Lang } from './model.js';
export { FONT_STACK, MISSING_MARK } from './model.js';
export { formatValue, groupThousands } from './format.js';
export { chartOption, defaultChartSize, renderChartSvg } from './svg.js';
export { svgToPng } from './png.js';
export { renderTerminalBars, type TerminalBarOptions, type TerminalBarRow } from './terminal.js';
export { escapeHtml, renderReportHtml, type ReportInput, type ReportModel, type ReportSection, type ReportTable } from './html.js';
export { PROVINCE_TILES, findProvinceTile, placeOnTiles, type PlacedTile, type ProvinceTile, type TilePlacement } from './tiles.js';
