// Notes on stderr through the real binary (issue 14, item 5): one line per kind, only about what was asked,
// units named up to five, --quiet and --verbose.
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './helpers.js';

const THREE_COLUMNS = 'fixtures/synthetic/provinces-coverage.csv'; // communities, urban_population, service_centers
const Y2007 = ['data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json'];

/** Seven units whose communities are 0 (the denominator of population_per_community), and one that is not. */
const ZERO_COMMUNITIES = ['地区,社区数（个）,城镇人口（人）', '甲,0,100', '乙,0,100', '丙,0,100', '丁,0,100', '戊,0,100', '己,0,100', '庚,0,100', '辛,5,5000', ''].join('\n');

function lines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '');
}

describe('notes of one kind are one line', () => {
  it('a 3-column file gives one "left out" line naming each indicator and its missing measure', () => {
    const run = runCli(['coverage', THREE_COLUMNS, '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(lines(run.stderr)).toEqual([
      'svc-stats: left out, measures missing: committee_members_per_community (committee_members 居委会成员数), '
      + 'facilities_per_community (service_facilities 社区服务设施数), communities_per_subdistrict (subdistricts 街道数), '
      + 'residents_per_committee_member (committee_members 居委会成员数)',
    ]);
  });

  it('rows kept out of the groups in two files are one line', () => {
    const run = runCli(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '--by', 'region', '-i', 'subdistricts', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(lines(run.stderr)).toEqual([
      'svc-stats: kept out of the groups, not summed: data/provinces-2005-divisions.csv: 全国 (line 2, a national/total row); '
      + 'data/provinces-2009-divisions.csv: 全国 (line 2, a national/total row)',
    ]);
  });
});

describe('notes only about what was asked', () => {
  it('-i naming indicators: no note about measures no asked indicator uses', () => {
    const run = runCli(['coverage', ...Y2007, '--by', 'region', '--totals', '-i', 'facilities_per_subdistrict,service_units_per_district', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('convenience_outlets');
    expect(run.stderr).toContain('group sums left missing because some units lack a value: 西部 subdistricts (宁夏, 新疆)');
    expect(run.stderr).not.toContain('left out');
  });

  it('without -i the notes cover every indicator, the left-out ones in one line', () => {
    const run = runCli(['coverage', ...Y2007, '--by', 'region', '--totals', '-f', 'csv']);
    expect(run.stderr).toContain('convenience_outlets');
    expect(lines(run.stderr).filter((line) => line.includes('left out'))).toHaveLength(1);
  });

  it('-i naming an indicator the file supports: no left-out line', () => {
    const run = runCli(['coverage', THREE_COLUMNS, '-i', 'population_per_community', '-f', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('the zero-denominator note', () => {
  it('names five units, then "and 2 more"', () => {
    const run = runCli(['coverage', '-', '-i', 'population_per_community', '-f', 'csv'], { input: ZERO_COMMUNITIES });
    expect(run.status).toBe(0);
    expect(lines(run.stderr)).toEqual([
      'svc-stats: values left missing because their denominator is zero: population_per_community (甲, 乙, 丙, 丁, 戊 and 2 more)',
    ]);
  });

  it('--verbose names all seven', () => {
    const run = runCli(['coverage', '-', '-i', 'population_per_community', '-f', 'csv', '--verbose'], { input: ZERO_COMMUNITIES });
    expect(lines(run.stderr)).toEqual([
      'svc-stats: values left missing because their denominator is zero: population_per_community (甲, 乙, 丙, 丁, 戊, 己, 庚)',
    ]);
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints nothing on stderr for a run with notes, and the exit code and output are unchanged', () => {
    const loud = runCli(['coverage', THREE_COLUMNS, '-f', 'csv']);
    const quiet = runCli(['coverage', THREE_COLUMNS, '-f', 'csv', '--quiet']);
    expect(loud.stderr).not.toBe('');
    expect(quiet.stderr).toBe('');
    expect(quiet.status).toBe(loud.status);
    expect(quiet.stdout).toBe(loud.stdout);
    expect(runCli(['compare', 'data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv', '--by', 'region', '-q', '-f', 'csv']).stderr).toBe('');
    expect(runCli(['verify', 'data/2005.csv', '--expected', 'fixtures/verify/report-2005-tables.csv', '-q', '-f', 'csv']).stderr).toBe('');
  });

  it('--quiet silences warnings, but under --strict a warning still exits 1', () => {
    const file = fixture('extracts', 'no-unit-2008.csv');
    const run = runCli(['coverage', file, '-i', 'population_per_community', '-f', 'csv', '--strict', '-q']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('--quiet keeps errors', () => {
    const run = runCli(['coverage', 'no-such-file.csv', '-q']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^svc-stats: .*no-such-file\.csv/);
  });

  it('--verbose shows every note of a kind on its own line, with the file', () => {
    const run = runCli(['coverage', THREE_COLUMNS, '-f', 'csv', '--verbose']);
    expect(lines(run.stderr)).toEqual([
      `svc-stats: left out, measures missing: committee_members_per_community (${THREE_COLUMNS} has no column for committee_members 居委会成员数)`,
      `svc-stats: left out, measures missing: facilities_per_community (${THREE_COLUMNS} has no column for service_facilities 社区服务设施数)`,
      `svc-stats: left out, measures missing: communities_per_subdistrict (${THREE_COLUMNS} has no column for subdistricts 街道数)`,
      `svc-stats: left out, measures missing: residents_per_committee_member (${THREE_COLUMNS} has no column for committee_members 居委会成员数)`,
    ]);
  });

  it('--quiet and --verbose together are refused', () => {
    const run = runCli(['coverage', THREE_COLUMNS, '--quiet', '--verbose']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot be used with');
  });

  it('every command that prints notes takes them', () => {
    for (const command of ['coverage', 'compare', 'describe', 'equity', 'verify', 'chart', 'report', 'indicators', 'measures']) {
      const help = runCli([command, '--help']).stdout;
      expect(help, command).toContain('-q, --quiet');
      expect(help, command).toContain('--verbose');
    }
  });
});
