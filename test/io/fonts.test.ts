import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCjkFont, systemFontDirectories } from '../../src/io/fonts.js';
import { scratchDir } from '../helpers.js';

describe('findCjkFont', () => {
  it('finds a CJK font file in a nested directory (fonts-noto-cjk lays them out so), and nothing among Latin fonts', () => {
    const root = scratchDir();
    mkdirSync(join(root, 'truetype', 'dejavu'), { recursive: true });
    writeFileSync(join(root, 'truetype', 'dejavu', 'DejaVuSans.ttf'), '');
    writeFileSync(join(root, 'LiberationSans-Regular.ttf'), '');
    expect(findCjkFont([root])).toBeUndefined();
    mkdirSync(join(root, 'opentype', 'noto'), { recursive: true });
    writeFileSync(join(root, 'opentype', 'noto', 'NotoSansCJK-Regular.ttc'), '');
    expect(findCjkFont([join(root, 'missing'), root])).toBe(join(root, 'opentype', 'noto', 'NotoSansCJK-Regular.ttc'));
  });

  it('knows the other common families by their files, and not a CJK name that is no font', () => {
    for (const name of ['wqy-microhei.ttc', 'DroidSansFallbackFull.ttf', 'msyh.ttc', 'SourceHanSansSC-Regular.otf', 'PingFang.ttc']) {
      const root = scratchDir();
      writeFileSync(join(root, name), '');
      expect(findCjkFont([root]), name).toBe(join(root, name));
    }
    const root = scratchDir();
    writeFileSync(join(root, 'NotoSansCJK-readme.txt'), '');
    expect(findCjkFont([root])).toBeUndefined();
  });

  it('searches where resvg loads system fonts from', () => {
    expect(systemFontDirectories('linux', '/home/u')).toEqual(['/usr/share/fonts', '/usr/local/share/fonts', '/home/u/.fonts', '/home/u/.local/share/fonts']);
    expect(systemFontDirectories('darwin', '/Users/u')).toContain('/Library/Fonts');
  });
});
