/**
 * Start-up (issue 11): a run of the common command loads the bundled CLI with its code cache and nothing else
 * heavy; a cache that does not belong to the script is never used. Asserts what is loaded, not how long it takes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, scratchDir } from './helpers.js';

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// required before bin/svc-stats.js; at exit, writes what the run loaded
const PROBE = join(scratch, 'probe.cjs');
writeFileSync(PROBE, `
// string-width makes an Intl.Segmenter (some 20 ms) when asked for a width beyond printable ASCII, not when loaded
let segmenters = 0;
const Segmenter = Intl.Segmenter;
Intl.Segmenter = class extends Segmenter { constructor(...args) { super(...args); segmenters += 1; } };
process.on('exit', () => {
  const cli = Object.entries(require.cache).find(([file]) => file.endsWith('load-cli.js'))?.[1]?.exports ?? {};
  require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({
    files: Object.keys(require.cache).filter((file) => file !== __filename),
    builtins: process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice(13)),
    imported: cli.imported,
    codeCacheUsed: cli.codeCacheUsed,
    segmenters,
  }));
});
`);

interface Loaded { files: string[]; builtins: string[]; imported: string[]; codeCacheUsed: boolean; segmenters: number }

function loadedBy(args: readonly string[], root = ROOT): { loaded: Loaded; stdout: string } {
  const out = join(scratch, 'loaded.json');
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['-r', PROBE, join(root, 'bin', 'svc-stats.js'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'], LANG: 'C', PROBE_OUT: out },
  });
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  return { loaded: JSON.parse(readFileSync(out, 'utf8')) as Loaded, stdout: run.stdout };
}

describe('start-up', () => {
  it('coverage data/2005.csv runs the CLI script from its code cache and imports nothing', () => {
    const { loaded } = loadedBy(['coverage', 'data/2005.csv']);
    expect(loaded.codeCacheUsed).toBe(true);
    // no vendor-*.js (exceljs, csv-parse, cli-progress), no echarts, no built-in through import()
    expect(loaded.imported).toEqual([]);
    expect(loaded.files.map((file) => file.slice(ROOT.length + 1)).sort()).toEqual(['bin/load-cli.js', 'bin/svc-stats.js']);
    // no ES module loader at all, and none of the built-ins only other runs need
    // nor fs/promises (a regular file is read with synchronous calls) or tty (asked only of a character device),
    // nor net and the streams: stdout here is a pipe, written on its descriptor, and process.stdout never made
    for (const unwanted of ['internal/modules/esm/translators', 'worker_threads', 'child_process', 'fs/promises', 'tty', 'net', 'stream']) {
      expect(loaded.builtins).not.toContain(unwanted);
    }
    // the help text and the table import string-width: its segmenter and emoji pattern wait for a wide text
    expect(loaded.segmenters).toBe(0);
  });

  it("a table of wide labels makes string-width's segmenter then, and measures as string-width does", async () => {
    const file = join(scratch, 'wide.csv');
    writeFileSync(file, '地区,社区数（个）,城镇人口（万人）\n北京👍🏽,100,200\n天津,50,100\n');
    const { loaded, stdout } = loadedBy(['coverage', file, '-f', 'table', '-i', 'population_per_community']);
    expect(loaded.segmenters).toBeGreaterThan(0);
    const { default: stringWidth } = await import('string-width');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.some((line) => line.includes('北京👍🏽'))).toBe(true);
    // every line of the box as wide as the first: the bundled (lazy) string-width measured each cell as the package does
    expect(new Set(lines.filter((line) => /^[┌│├└]/.test(line)).map((line) => stringWidth(line))).size).toBe(1);
  });

  it('the bundled script is ASCII, so that it is decoded as latin1, and keeps its Chinese patterns as escapes', () => {
    const script = readFileSync(join(ROOT, 'dist', 'bin', 'cli-script.js'));
    expect(script.every((byte) => byte < 0x80)).toBe(true);
    // a regular expression of the sources, `…合计` with its Han characters, is there as \uXXXX escapes
    expect(script.toString('latin1')).toContain('\\u5408\\u8ba1');
  });

  it('a workbook output imports exceljs, and only then', () => {
    const { loaded } = loadedBy(['coverage', 'data/2005.csv', '-o', join(scratch, 'out.xlsx')]);
    expect(loaded.imported).toEqual(['./vendor-exceljs.js']);
  });

  it('never uses a cache made for other text, nor needs one', () => {
    const copy = join(scratch, 'copy');
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'bin'), join(copy, 'dist', 'bin'), { recursive: true });
    const help = loadedBy(['--help'], copy);
    expect(help.loaded.codeCacheUsed).toBe(true);
    // the same length, so V8 alone would take the cache and print the old text
    const script = join(copy, 'dist', 'bin', 'cli-script.js');
    const text = readFileSync(script, 'utf8');
    expect(text).toContain('Exact coverage and equity statistics');
    writeFileSync(script, text.replace('Exact coverage and equity statistics', 'EXACT coverage and equity statistics'));
    const edited = loadedBy(['--help'], copy);
    expect(edited.loaded.codeCacheUsed).toBe(false);
    expect(edited.stdout).toBe(help.stdout.replace('Exact coverage', 'EXACT coverage'));
    rmSync(join(copy, 'dist', 'bin', 'cli-script.cache'));
    const uncached = loadedBy(['--help'], copy);
    expect(uncached.loaded.codeCacheUsed).toBe(false);
    expect(uncached.stdout).toBe(edited.stdout);
  });

  it('without the text hash module uses no cache, and runs the same', () => {
    const copy = join(scratch, 'no-hash');
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'bin'), join(copy, 'dist', 'bin'), { recursive: true });
    const cached = loadedBy(['coverage', 'data/2005.csv'], copy);
    expect(cached.loaded.codeCacheUsed).toBe(true);
    rmSync(join(copy, 'dist', 'bin', 'text-hash.wasm'));
    const unhashed = loadedBy(['coverage', 'data/2005.csv'], copy);
    expect(unhashed.loaded.codeCacheUsed).toBe(false);
    expect(unhashed.stdout).toBe(cached.stdout);
    expect(unhashed.stdout).toContain('全国,2005,79947,562120000');
  });
});
