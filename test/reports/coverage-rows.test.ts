/**
 * Per-row coverage streamed (reports/coverage-rows.ts) against the table held whole (reports/coverage.ts
 * coverageTable): the same columns, cells, notes and warnings for random extracts — plain and 万 columns, integer
 * and decimal cells, missing values and zeros, any rounding mode and places, built-in ratios and a user formula
 * that keeps the rational path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { BUILTIN_CATALOGUE, simpleRatio } from '../../src/catalogue/catalogue.js';
import type { IndicatorDefinition } from '../../src/catalogue/indicators.js';
import { ROUNDING_MODES } from '../../src/exact/rational.js';
import type { CoverageRequest } from '../../src/reports/coverage.js';
import { coverageTable } from '../../src/reports/coverage.js';
import { streamCoverageOf } from '../../src/reports/coverage-rows.js';
import type { OutputCell, ReportColumn, RowStream } from '../../src/render/model.js';
import { readTable } from '../../src/table/rows.js';
import { recordsOf } from '../core/memory.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000) / 5;

const USER_INDICATOR: IndicatorDefinition = {
  id: 'services_per_100_communities', label: { zh: '每百社区服务设施和中心数', en: 'services per 100 communities' },
  formula: '(service_centers + service_facilities) / communities * 10^2', unit: { zh: '个', en: 'units' }, decimals: 1,
  note: 'a test formula that is no simple ratio',
};
const CATALOGUE: Catalogue = { measures: BUILTIN_CATALOGUE.measures, indicators: [...BUILTIN_CATALOGUE.indicators, USER_INDICATOR] };

/** Columns: label, then measures, some in 万 (their cells may have up to 4 decimals). */
const HEADERS = [
  { header: '社区数', tenThousand: false }, { header: '城镇人口（万人）', tenThousand: true },
  { header: '居委会成员数', tenThousand: false }, { header: '社区服务中心数', tenThousand: false },
  { header: '社区服务设施数（万个）', tenThousand: true }, { header: '街道数', tenThousand: false },
];

const integerCell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String) }, // beyond 15 digits: the exact path
  { weight: 1, arbitrary: fc.constantFrom('0', '00', '007', '1,234', ' 12 ', '', '…', '-', '１２') },
);
const decimalCell = fc.oneof(
  integerCell,
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 4 }))
    .map(([whole, fraction, places]) => `${whole}.${String(fraction).padStart(4, '0').slice(0, places)}`),
);

const extract = fc.tuple(
  fc.subarray(HEADERS.map((_, index) => index), { minLength: 1 }),
  fc.boolean(), // a year column
  fc.integer({ min: 1, max: 12 }),
).chain(([columns, withYear, rows]) => fc.tuple(
  fc.constant(columns), fc.constant(withYear),
  fc.array(fc.tuple(
    fc.constantFrom('北京', '河北', '全国', '#其中', '某市'),
    fc.constantFrom('2005', '2009年', ''),
    fc.tuple(...columns.map((index) => (HEADERS[index]!.tenThousand ? decimalCell : integerCell))),
  ), { minLength: rows, maxLength: rows }),
));

function collector(): RowStream & { columns: readonly ReportColumn[]; rows: (readonly OutputCell[])[] } {
  const sink = {
    columns: [] as readonly ReportColumn[],
    rows: [] as (readonly OutputCell[])[],
    begin: (columns: readonly ReportColumn[]) => void (sink.columns = columns),
    add: (row: readonly OutputCell[]) => void sink.rows.push([...row]),
    flush: async () => undefined,
  };
  return sink;
}

async function outcome<T>(run: () => Promise<T>): Promise<T | { error: string; code: unknown }> {
  try {
    return await run();
  } catch (error) {
    return { error: (error as Error).message, code: (error as { code?: unknown }).code };
  }
}

describe('per-row coverage streamed', () => {
  it('recognises the built-in ratios for the fast path, and no other shape', () => {
    const ratios = BUILTIN_CATALOGUE.indicators.map((indicator) => [indicator.id, simpleRatio(indicator)?.power10]);
    expect(ratios).toContainEqual(['centers_per_10k_residents', 4]);
    expect(ratios).toContainEqual(['residents_per_center_10k', -4]);
    expect(ratios).toContainEqual(['population_per_community', 0]);
    expect(ratios.every(([, power]) => power !== undefined)).toBe(true);
    expect(simpleRatio(USER_INDICATOR)).toBeUndefined();
  });

  it('gives the cells, notes and warnings of the table held whole', async () => {
    await fc.assert(fc.asyncProperty(
      extract, fc.constantFrom(...ROUNDING_MODES), fc.option(fc.integer({ min: 0, max: 6 })), fc.subarray(CATALOGUE.indicators, { minLength: 1 }),
      fc.integer({ min: 1, max: 4 }),
      async ([columns, withYear, rows], mode, decimals, wanted, batch) => {
        const header = ['地区', ...(withYear ? ['年份'] : []), ...columns.map((index) => HEADERS[index]!.header)];
        // one row per unit and year: duplicates are an error of the reader, the same on both paths
        const seen = new Set<string>();
        const records = [header, ...rows.filter(([label, year]) => {
          const key = `${label}${withYear ? year : ''}`;
          if (label !== '全国' && label !== '#其中' && seen.has(key)) return false;
          seen.add(key);
          return true;
        }).map(([label, year, cells]) => [label, ...(withYear ? [year] : []), ...cells])];
        const request: CoverageRequest = { catalogue: CATALOGUE, wanted, rounding: { mode, decimals: decimals ?? undefined }, totals: false };
        const options = { measures: CATALOGUE.measures };
        const held = await outcome(async () => {
          const result = coverageTable([await readTable(recordsOf('x.csv', records, batch), options)], request);
          return { columns: result.table.columns, rows: result.table.rows, notes: result.notes, warnings: result.warnings };
        });
        const streamed = await outcome(async () => {
          const sink = collector();
          const result = await streamCoverageOf(recordsOf('x.csv', records, batch), options, request, sink);
          return { columns: sink.columns, rows: sink.rows, notes: result.notes, warnings: result.warnings };
        });
        expect(streamed).toEqual(held);
      },
    ), { numRuns: RUNS });
  });
});
