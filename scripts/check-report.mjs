// Builds the HTML report of data/provinces-2007-community-services.csv through the real CLI (Chinese and
// English), then opens each in headless Chromium: a screenshot of each A4-shaped screen (1240×1754, A4 at
// 150 dpi) from the top, and a PDF as printed on A4, for a person to look at. Not part of npm test.
// Run: npm run check:report   (needs Debian's chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.env['SVC_STATS_REPORT_DIR'] ?? '/tmp/svc-report';
mkdirSync(out, { recursive: true });

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return result;
}

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync(name, ['--version']).status === 0);
if (chromium === undefined) {
  console.error('check-report: no chromium found (apt-get install -y chromium fonts-noto-cjk)');
  process.exit(2);
}

const headless = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none'];
for (const lang of ['zh', 'en']) {
  const html = `${out}/report-${lang}.html`;
  const made = run('node', ['bin/svc-stats.js', 'report', 'data/provinces-2007-community-services.csv',
    '--indicators-file', 'data/community-services-2007.json', '--lang', lang, '-o', html]);
  if (made.stderr) process.stderr.write(made.stderr);
  const url = `file://${html}`;
  run(chromium, [...headless, `--screenshot=${out}/report-${lang}.png`, '--window-size=1240,1754', url]);
  // the rest of the page, one A4-shaped screen at a time: the report in a frame shifted up by k screens
  for (let k = 1; k < 8; k += 1) {
    const frame = `${out}/frame-${lang}-${k}.html`;
    writeFileSync(frame, `<!DOCTYPE html><body style="margin:0;overflow:hidden"><iframe src="report-${lang}.html" ` +
      `style="border:0;width:1240px;height:${(k + 1) * 1754}px;margin-top:-${k * 1754}px"></iframe></body>`);
    const shot = `${out}/report-${lang}-${k + 1}.png`;
    run(chromium, [...headless, `--screenshot=${shot}`, '--window-size=1240,1754', `file://${frame}`]);
    rmSync(frame);
    // past the end of the page: an all-white screen compresses to almost nothing
    if (statSync(shot).size < 12_000) {
      rmSync(shot);
      break;
    }
    console.log(shot);
  }
  run(chromium, [...headless, '--no-pdf-header-footer', `--print-to-pdf=${out}/report-${lang}.pdf`, url]);
  console.log(`${out}/report-${lang}.png\n${out}/report-${lang}.pdf`);
}
