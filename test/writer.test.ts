import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultLang } from '../src/commands/common.js';
import { resolveFormat, useColor } from '../src/render/format.js';
import { ROOT } from './helpers.js';

const base = { format: undefined, output: undefined, bom: false, color: true, raw: false };

describe('output choices', () => {
  it('colour only on a terminal, never with NO_COLOR, --no-color or --output', () => {
    expect(useColor(base, {}, true)).toBe(true);
    expect(useColor(base, {}, false)).toBe(false);
    expect(useColor(base, { NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor(base, { NO_COLOR: '' }, true)).toBe(true); // the NO_COLOR convention: set and not empty
    expect(useColor({ ...base, color: false }, {}, true)).toBe(false);
    expect(useColor({ ...base, output: 'x.txt' }, {}, true)).toBe(false);
  });

  it('format: explicit, else the extension of --output, else table on a terminal and csv in a pipe', () => {
    expect(resolveFormat({ ...base, format: 'md' }, true)).toBe('md');
    expect(resolveFormat({ ...base, output: 'a.JSON' }, true)).toBe('json');
    expect(resolveFormat({ ...base, output: 'a.jsonl' }, true)).toBe('ndjson');
    expect(resolveFormat({ ...base, output: 'a-file-with-no-extension' }, true)).toBe('csv');
    expect(() => resolveFormat({ ...base, output: 'a.xyz' }, true)).toThrow('.xyz is not a format svc-stats writes');
    expect(resolveFormat(base, true)).toBe('table');
    expect(resolveFormat(base, false)).toBe('csv');
  });

  it('language from LC_ALL, LC_MESSAGES or LANG', () => {
    expect(defaultLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(defaultLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(defaultLang({ LC_MESSAGES: 'zh_TW' })).toBe('zh');
    expect(defaultLang({})).toBe('en');
  });
});

describe('on a real terminal (a pseudo-terminal from util-linux script)', () => {
  const onTerminal = (command: string): string =>
    execFileSync('script', ['-qc', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'], LANG: 'C', TERM: 'xterm' } });

  it('prints a table with colour by default, and none with NO_COLOR', () => {
    const coloured = onTerminal(`${process.execPath} bin/svc-stats.js coverage data/2005.csv -i population_per_community`);
    expect(coloured).toContain('\u001b[1munit\u001b[22m');
    expect(coloured).toContain('7031');
    const plain = onTerminal(`NO_COLOR=1 ${process.execPath} bin/svc-stats.js coverage data/2005.csv -i population_per_community`);
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('│ unit');
  });
});
