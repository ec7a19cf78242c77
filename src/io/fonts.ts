/**
 * Whether a CJK font is installed where resvg (fontdb) looks for system fonts, so that `chart -o fig.png` can warn
 * before drawing Chinese text as empty boxes. resvg gives no list of the fonts it loaded: the font directories are
 * searched by file name for the CJK families of Linux, macOS and Windows (Debian/Ubuntu: fonts-noto-cjk).
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** File names of CJK fonts: Noto/Source Han, WenQuanYi, Droid fallback, AR PL, and the systems' own (SimHei, YaHei, PingFang …). */
const CJK_FONT_FILE = /(cjk|source ?han|hansans|hanserif|wqy|wenquanyi|droidsansfallback|notosans(sc|tc|hk|jp|kr)|uming|ukai|simhei|simsun|msyh|yahei|pingfang|hiragino|stheiti|songti|heiti|kaiti|fangsong|ipag|ipam|takao|nanum|unifont)/i;
const FONT_FILE = /\.(ttf|ttc|otf|otc)$/i;

/** os.homedir(), node:os loaded when asked: the CLI script holds this module, and a start need not load it. */
const homeDirectory = (): string => (createRequire(import.meta.url)('node:os') as typeof import('node:os')).homedir();

/** Where fontdb loads system fonts from on this platform. */
export function systemFontDirectories(platform: NodeJS.Platform = process.platform, home = homeDirectory()): string[] {
  if (platform === 'win32') return [join(process.env['WINDIR'] ?? 'C:\\Windows', 'Fonts'), join(process.env['LOCALAPPDATA'] ?? home, 'Microsoft', 'Windows', 'Fonts')];
  if (platform === 'darwin') return ['/Library/Fonts', '/System/Library/Fonts', '/System/Library/Fonts/Supplemental', join(home, 'Library', 'Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(home, '.local', 'share', 'fonts')];
}

/** The first CJK font file under `directories` (searched to a depth of 6), or undefined. A directory that cannot be read is skipped. */
export function findCjkFont(directories: readonly string[]): string | undefined {
  const search = (directory: string, depth: number): string | undefined => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      if (entry.isFile() || entry.isSymbolicLink()) {
        if (FONT_FILE.test(entry.name) && CJK_FONT_FILE.test(entry.name)) return join(directory, entry.name);
      }
    }
    if (depth === 0) return undefined;
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const found = search(join(directory, entry.name), depth - 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const directory of directories) {
    const found = search(directory, 6);
    if (found !== undefined) return found;
  }
  return undefined;
}
