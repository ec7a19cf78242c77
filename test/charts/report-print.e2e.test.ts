// The report of the bundled long files (issue 21): years as years, the by-region table's headers, and the
// print layout that keeps wide tables on an A4 page (seen printed by headless Chromium; see the README).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../helpers.js';

function report(file: string, lang: 'zh' | 'en'): string {
  const out = join(scratchDir(), 'report.html');
  const run = runCli(['report', file, '--lang', lang, '-o', out]);
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

/** The header cells of the table of the section headed `heading`. */
function headers(html: string, heading: string): string[] {
  const section = html.split('<section').find((part) => part.includes(`<h2>${heading}</h2>`));
  expect(section, heading).toBeDefined();
  return [...section!.split('</thead>')[0]!.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((match) => match[1]!);
}

describe('report of the long files', () => {
  it('prints no year as 2,0xx, in the tables or anywhere (data/national-series.csv, fixtures/extracts/long-2008-2009.csv)', () => {
    for (const file of ['data/national-series.csv', 'fixtures/extracts/long-2008-2009.csv']) {
      for (const lang of ['zh', 'en'] as const) {
        const html = report(file, lang);
        // the years of the two files (2001–2015); 2,000 and 2,032 are quantities (an axis tick, a value)
        expect(html).not.toMatch(/>2,0(0[1-9]|1[0-5])</);
        expect(html).toMatch(/<td class="num">200\d<\/td>/);
      }
    }
  });

  it('heads the by-region table year, region (年份, 地区), in that order', () => {
    expect(headers(report('fixtures/extracts/long-2008-2009.csv', 'zh'), '分地区（东部、中部、西部）').slice(0, 2)).toEqual(['年份', '地区']);
    expect(headers(report('fixtures/extracts/long-2008-2009.csv', 'en'), 'By region (East, Central, West)').slice(0, 2)).toEqual(['year', 'region']);
  });

  it('puts tables of more than 8 columns on landscape pages when printed', () => {
    const html = report('fixtures/extracts/long-2008-2009.csv', 'en');
    expect(html).toMatch(/@page wide \{ size: A4 landscape;/);
    expect(html).toMatch(/section\.wide \{ page: wide; \}/);
    const sections = html.split('<section').slice(1);
    for (const section of sections) {
      const columns = (section.split('</thead>')[0]!.match(/<th[\s>]/g) ?? []).length;
      if (columns > 8) expect(section.startsWith(' class="wide'), section.slice(0, 80)).toBe(true);
      else expect(section.startsWith('>')).toBe(true);
    }
  });
});
