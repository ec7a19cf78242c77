/**
 * The table model by a property: random yearbook-shaped sheets — a title, a bilingual header (an English row or
 * bilingual cells), a column-code row, a national total, region subtotals, province parents above their cities
 * (with a 省份 column, or without one, 北京市 above its districts found by the gazetteer), indented sub-rows — are
 * summed by province through the real binary, and each province's sums must be the generator's sums of its units.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { divisionLines } from '../src/catalogue/gazetteer-data.js';
import { bareName, findDivisions } from '../src/catalogue/gazetteer.js';
import { regionOf } from '../src/catalogue/regions.js';
import { runCli, scratchDir } from './helpers.js';

let folder: string;
beforeAll(() => {
  folder = scratchDir();
});

/** Provinces with their districts and cities whose names the gazetteer places in one province only. */
const PLACES = (() => {
  const provinces = new Map<string, { name: string; children: string[] }>();
  for (const line of divisionLines().split('\n')) {
    if (line === '') continue;
    const code = line.slice(0, 6);
    const name = line.slice(7);
    if (Number(code.slice(0, 2)) > 65) continue; // the mainland's 31
    if (code.endsWith('0000')) provinces.set(code.slice(0, 2), { name, children: [] });
    else if (!code.endsWith('00') && findDivisions(name).length === 1) provinces.get(code.slice(0, 2))?.children.push(name);
  }
  return [...provinces.values()].filter((province) => province.children.length >= 3);
})();

interface Unit { name: string; communities: number; population: number; subRows: boolean }
interface Province { name: string; units: Unit[]; parent: 'none' | 'row' | 'wrong' }

const unitArbitrary = (names: readonly string[]): fc.Arbitrary<Unit[]> =>
  fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }).chain((picked) =>
    fc.tuple(...picked.map((name) => fc.record({
      name: fc.constant(name), communities: fc.nat(5000), population: fc.nat(900), subRows: fc.boolean(),
    }))));

const sheetArbitrary = fc.record({
  levelColumn: fc.boolean(),
  english: fc.constantFrom('none', 'row', 'cells'),
  codes: fc.constantFrom('none', '甲', 'blank'),
  title: fc.boolean(),
  national: fc.boolean(),
  subtotals: fc.boolean(),
  provinces: fc.uniqueArray(fc.integer({ min: 0, max: PLACES.length - 1 }), { minLength: 1, maxLength: 5 }).chain((indices) =>
    fc.tuple(...indices.map((index) => fc.record({
      name: fc.constant(PLACES[index]!.name),
      units: unitArbitrary(PLACES[index]!.children),
      parent: fc.constantFrom('none', 'row', 'wrong'),
    }))) as fc.Arbitrary<Province[]>),
});

type Sheet = typeof sheetArbitrary extends fc.Arbitrary<infer T> ? T : never;

function sheetText(sheet: Sheet): string {
  const lines: string[][] = [];
  const label = sheet.levelColumn ? ['省份', '地市'] : ['地区'];
  const width = label.length + 2;
  const pad = (cells: string[]): string[] => [...cells, ...Array<string>(width - cells.length).fill('')];
  if (sheet.title) lines.push(pad(['表3 各地区社区情况（2009年）']));
  const measures = sheet.english === 'cells'
    ? ['社区数 Number of Communities（个）', '城镇人口（万人） Urban Population (10000 persons)']
    : ['社区数（个）', '城镇人口（万人）'];
  lines.push([...(sheet.english === 'cells' ? label.map((name, at) => (at === 0 ? `${name} Region` : name)) : label), ...measures]);
  if (sheet.english === 'row') lines.push([...(sheet.levelColumn ? ['Province', 'City'] : ['Region']), 'Number of Communities', 'Urban Population']);
  if (sheet.codes !== 'none') lines.push([...label.map((_, at) => (at === 0 && sheet.codes === '甲' ? '甲' : '')), '1', '2']);
  const row = (province: string, unit: string, communities: number, population: number): string[] =>
    sheet.levelColumn ? [province, unit, String(communities), String(population)] : [unit === '' ? province : unit, String(communities), String(population)];
  const sum = (units: readonly Unit[], pick: (unit: Unit) => number): number => units.reduce((total, unit) => total + pick(unit), 0);
  const all = sheet.provinces.flatMap((province) => province.units);
  if (sheet.national) lines.push(row('全国', '', sum(all, (unit) => unit.communities), sum(all, (unit) => unit.population)));
  const regions = [...new Set(sheet.provinces.map((province) => regionOf(province.name, 'three')!))];
  for (const region of regions) {
    const inRegion = sheet.provinces.filter((province) => regionOf(province.name, 'three') === region);
    const units = inRegion.flatMap((province) => province.units);
    if (sheet.subtotals) lines.push(row(region, '', sum(units, (unit) => unit.communities), sum(units, (unit) => unit.population)));
    for (const province of inRegion) {
      if (province.parent !== 'none') {
        lines.push(row(province.name, '', sum(province.units, (unit) => unit.communities) + (province.parent === 'wrong' ? 7 : 0),
          sum(province.units, (unit) => unit.population)));
      }
      for (const unit of province.units) {
        lines.push(row(province.name, unit.name, unit.communities, unit.population));
        if (unit.subRows) {
          lines.push(row(province.name, '  城市', Math.floor(unit.communities / 2), Math.floor(unit.population / 2)));
          lines.push(row(province.name, '  农村', unit.communities - Math.floor(unit.communities / 2), unit.population - Math.floor(unit.population / 2)));
        }
      }
    }
  }
  return `${lines.map((cells) => pad(cells).join(',')).join('\n')}\n`;
}

describe('the table model sums the units of random yearbook sheets', () => {
  it('each province sums to the sum of its units: parents, subtotals, totals, sub-rows, header rows never added', () => {
    let case_ = 0;
    fc.assert(fc.property(sheetArbitrary, (sheet) => {
      // without a level column a parent row is only known by its units following it: a province row stands alone
      const file = join(folder, `sheet-${case_++}.csv`);
      writeFileSync(file, sheetText(sheet));
      const run = runCli(['coverage', file, '--by', sheet.levelColumn ? '省份' : 'province', '-i', 'population_per_community', '-f', 'csv']);
      expect(run.stderr.split('\n').filter((line) => line.includes('error') || line.includes(':1:'))).toEqual([]);
      expect(run.status).toBe(0);
      const got = run.stdout.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 4).join(','));
      const want = sheet.provinces.map((province) => {
        const group = sheet.levelColumn ? province.name : bareName(province.name);
        const communities = province.units.reduce((total, unit) => total + unit.communities, 0);
        const population = province.units.reduce((total, unit) => total + unit.population, 0) * 10_000;
        return `${group},${province.units.length},${communities},${population}`;
      });
      expect([...got].sort()).toEqual([...want].sort());
      const wrong = sheet.provinces.filter((province) => province.parent === 'wrong');
      for (const province of wrong) expect(run.stderr).toMatch(new RegExp(`${province.name} \\(line \\d+\\): 社区数 \\d+ ≠ \\d+ 个`));
    }), { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 40), seed: Number(process.env['PROPERTY_SEED'] ?? 18) });
    // 40 runs of the binary: allow for a loaded machine, as the other property tests do
  }, 300_000);
});
