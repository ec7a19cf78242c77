/**
 * --yearbook-units (coverage) and verify's unit_of_measure, through the real binary: measures in the unit their
 * header declared, exactly; indicators unchanged; a figure off by exactly a power of ten named as a unit slip.
 */
import { describe, expect, it } from 'vitest';
import { shiftDecimal } from '../src/reports/yearbook-units.js';
import { fixture, runCli } from './helpers.js';

const WAN = fixture('good', 'yearbook-units', 'wan.csv');
const PERSONS = fixture('good', 'yearbook-units', 'persons.csv');
const INDICATORS = ['-i', 'population_per_community,committee_members_per_community'];

describe('coverage --yearbook-units', () => {
  it('prints 万人 columns in 万人, the unit in the id and the label; indicators as without it', () => {
    const plain = runCli(['coverage', WAN, ...INDICATORS, '-f', 'csv']);
    const run = runCli(['coverage', WAN, ...INDICATORS, '-f', 'csv', '--yearbook-units']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe([
      'unit,communities,urban_population_万人,committee_members_万人,population_per_community,committee_members_per_community',
      '全国,79947,56212,45.3543,7031,5.67',
      '北京,2000,1000.5,1.2,5003,6.00',
      '天津,1500,,0.9,,6.00',
      '',
    ].join('\n'));
    const indicators = (text: string): string[] => text.trim().split('\n').map((line) => line.split(',').slice(-2).join(','));
    expect(indicators(run.stdout)).toEqual(indicators(plain.stdout));
    expect(plain.stdout.split('\n')[1]).toBe('全国,79947,562120000,453543,7031,5.67');
  });

  it('labels name the unit in both languages; the grouped path (--by region --totals) too', () => {
    const zh = runCli(['coverage', WAN, '-i', 'population_per_community', '-f', 'md', '--lang', 'zh', '--yearbook-units']);
    expect(zh.stdout.split('\n')[0]).toBe('| 地区 | 社区数（个） | 城镇人口（万人） | 平均每社区人口数（人） |');
    const en = runCli(['coverage', WAN, '-i', 'population_per_community', '-f', 'md', '--lang', 'en', '--yearbook-units']);
    expect(en.stdout.split('\n')[0]).toContain('urban population (10,000 persons)');
    // 1.2 + 0.9 万人, summed exactly in persons (21000) and printed in 万人
    const grouped = runCli(['coverage', WAN, '-i', 'committee_members_per_community', '-f', 'csv', '--by', 'region', '--totals', '--yearbook-units', '-q']);
    expect(grouped.stdout).toBe('group,units,communities,committee_members_万人,committee_members_per_community\n东部,2,3500,2.1,6.00\ntotal,2,3500,2.1,6.00\n');
  });

  it('inputs that declare different units keep the base unit, with a note', () => {
    const run = runCli(['coverage', WAN, PERSONS, ...INDICATORS, '-f', 'csv', '--yearbook-units']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('file,unit,communities,urban_population,committee_members_万人,population_per_community,committee_members_per_community');
    expect(run.stdout).toContain(',上海,3000,15000000,2,5000,6.67');
    expect(run.stderr).toContain('--yearbook-units: printed in base units, the inputs declaring different units: urban_population (万人, 人)');
  });

  it('shiftDecimal is exact', () => {
    expect(shiftDecimal('562120000', 4)).toBe('56212');
    expect(shiftDecimal('562125000', 4)).toBe('56212.5');
    expect(shiftDecimal('5', 4)).toBe('0.0005');
    expect(shiftDecimal('-12.5', 2)).toBe('-0.125');
    expect(shiftDecimal('0', 8)).toBe('0');
    expect(shiftDecimal('123456789012345678901234567890', 8)).toBe('1234567890123456789012.3456789');
  });
});

describe('verify: unit_of_measure and unit slips', () => {
  it('a figure in 万人 matches; the same figure read as persons is named a unit slip, either way', () => {
    const run = runCli(['verify', 'data/2005.csv', '--expected', fixture('good', 'yearbook-units', 'figures.csv'), '-f', 'csv']);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('indicator,unit,year,unit_of_measure,expected,recomputed,exact,status,matches_under,difference,note');
    expect(lines[1]).toBe('urban_population,全国,2005,万人,56212,56212,56212,match,,,');
    expect(lines[2]).toBe('urban_population,全国,2005,,56212,562120000,562120000,mismatch,,562063788,"a unit slip: the figure is the value in 万人, 10^4 times 人 as it is read (give unit_of_measure 万人)"');
    expect(lines[3]).toBe('committee_members,全国,2005,万人,45.35,45.35,45.3543,match,,,');
    expect(lines[4]).toBe('communities,全国,2005,万个,7.9947,7.9947,7.9947,match,,,');
    expect(lines[5]).toContain('"a unit slip: the figure is the value in 10^-4 人, 10^-4 times 人 as it is read (check the digits and the unit)"');
    expect(run.stderr).toBe('svc-stats: verify: 5 figures: 3 match, 2 mismatch; 2 are unit slips (urban_population line 3, urban_population line 6: see the note column)\n');
  });

  it('a unit of another kind, or one svc-stats does not read, is refused where it is', () => {
    const wrong = runCli(['verify', 'data/2005.csv', '--expected', fixture('good', 'yearbook-units', 'figures-wrong-kind.csv')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe("svc-stats: fixtures/good/yearbook-units/figures-wrong-kind.csv:2: unit_of_measure '万人' does not count what communities counts (个, 处, 所 …)\n".replace('fixtures/', `${fixture()}/`));
  });
});
