// Draws every chart kind through the real CLI, from data/provinces-2007-community-services.csv (with its
// catalogue), the two division tables and data/national-series.csv, in Chinese and English, as PNG into
// /tmp/svc-charts/ for a person to look at; then a terminal chart at 80 columns. Not part of npm test.
// Run: npm run check:charts   (PNG text needs a CJK font: apt-get install -y fonts-noto-cjk)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.env['SVC_STATS_CHART_DIR'] ?? '/tmp/svc-charts';
mkdirSync(out, { recursive: true });

const provinces = ['data/provinces-2007-community-services.csv', '--indicators-file', 'data/community-services-2007.json'];
const divisions = ['data/provinces-2005-divisions.csv', 'data/provinces-2009-divisions.csv'];
const national = ['data/national-series.csv'];
const jobs = [
  ['bar', [...provinces, '--indicator', 'facilities_per_subdistrict']],
  ['bar-region', [...provinces, '--indicator', 'service_units_per_district', '--by', 'region']],
  ['tiles', [...provinces, '--indicator', 'facilities_per_subdistrict', '--kind', 'tiles']],
  ['tiles-units', [...provinces, '--indicator', 'service_units_per_district', '--kind', 'tiles']],
  ['compare', [...divisions, '--indicator', 'subdistricts']],
  ['compare-region', [...divisions, '--indicator', 'subdistricts', '--by', 'region']],
  ['line', [...national, '--indicator', 'communities']],
  ['national-bar', [...national, '--indicator', 'subdistricts', '--kind', 'bar']],
  ['national-compare', [...national, '--indicator', 'communities', '--kind', 'compare']],
];

function svcStats(args) {
  const result = spawnSync(process.execPath, ['bin/svc-stats.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, COLUMNS: '80' } });
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.status !== 0) throw new Error(`svc-stats ${args.join(' ')}: exit ${result.status}`);
  return result.stdout;
}

for (const [name, args] of jobs) {
  for (const lang of ['zh', 'en']) {
    const file = `${out}/${name}-${lang}.png`;
    svcStats(['chart', ...args, '--lang', lang, '-o', file]);
    console.log(file);
  }
}
console.log(svcStats(['coverage', ...provinces, '--lang', 'zh', '--chart=facilities_per_subdistrict']));
