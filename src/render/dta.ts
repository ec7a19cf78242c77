/**
 * Stata datasets out: a .dta file of format 118 (Stata 14 and later; read by Stata, R's haven, pandas,
 * ReadStat), written from its documented layout (Stata's `help dta`), since no maintained npm package writes
 * one. Little-endian (LSF), UTF-8 strings, no value labels, no characteristics, an empty timestamp (the same
 * table gives the same bytes).
 *
 * Variables: names made legal and unique (see `variableNames`), their labels the column labels in the run's
 * language. A number column whose every cell is a decimal text of at most 15 significant digits is numeric: a
 * `long` when every cell is a whole number in Stata's long range, else a `double` (the nearest double, which
 * its display format shows as the same text), with the display format `%w.df` of its decimals (5.67 → %9.2f;
 * a column of mixed decimals, as verify's, `%w.0g`).
 * Whole numbers up to 2^53 are exact in a double whatever their digits (9007199254740992 is a double).
 * Any other number column (more digits than a double keeps) is a string, so that no figure is changed.
 * Missing values are Stata's `.`; missing text an empty string.
 */
import { SvcError } from '../errors.js';
import type { OutputCell, OutputTable } from './model.js';

/** A table with each column's label in the run's language, for the variable labels. */
export interface LabelledTable extends OutputTable {
  readonly labels: readonly string[];
  /** the dataset's label (at most 80 characters are kept) */
  readonly datasetLabel?: string;
}

const RELEASE = '118';
/** Stata/MP's most variables (format 118 counts them in 2 bytes, Stata itself stops here). */
const MAX_VARIABLES = 32767;
/** Type codes of format 117/118: str1–str2045 are their width. */
const STR_MAX = 2045;
const TYPE_STRL = 32768;
const TYPE_DOUBLE = 65526;
const TYPE_LONG = 65528;
/** Stata's long: its largest values are missing codes. */
const LONG_MIN = -2147483647n;
const LONG_MAX = 2147483620n;
const LONG_MISSING = 0x7fffffe5;
/** `.`, the system missing value of a double: 0x7FE0000000000000. */
const DOUBLE_MISSING_HIGH = 0x7fe00000;
const NAME_BYTES = 129;
const FORMAT_BYTES = 57;
const LABEL_BYTES = 321;
const LABEL_CHARACTERS = 80;
const NAME_CHARACTERS = 32;
/** A double holds 15 significant decimal digits: the nearest double of such a text prints back as the text. */
const MAX_SIGNIFICANT_DIGITS = 15;
const DECIMAL_TEXT = /^-?(\d+)(?:\.(\d+))?$/;
/** 2^53: every whole number up to it is a double exactly. */
const MAX_EXACT_WHOLE = 2n ** 53n;
/** Names Stata keeps for itself (`help reswords`). */
const RESERVED = new Set(['_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_N',
  '_pi', '_pred', '_rc', '_skip', 'strL', 'using', 'with']);

type Variable =
  | { readonly kind: 'long'; readonly decimals: 0; readonly width: number }
  | { readonly kind: 'double'; readonly decimals: number; readonly width: number; readonly mixed: boolean }
  | { readonly kind: 'str'; readonly bytes: number; readonly width: number }
  | { readonly kind: 'strL'; readonly width: number };

const UTF8 = new TextEncoder();

/** The .dta file's bytes. */
export function renderDta(table: LabelledTable): Uint8Array {
  if (table.columns.length > MAX_VARIABLES) {
    throw new SvcError('USAGE', `a Stata dataset holds at most ${MAX_VARIABLES.toLocaleString('en')} variables; this table has ${table.columns.length.toLocaleString('en')} columns`, {},
      'write -f csv or -f parquet');
  }
  const names = variableNames(table.columns.map((column) => column.id));
  const variables = table.columns.map((column, index) => variableOf(column.kind, table.rows.map((row) => row[index] ?? null)));
  const out = new Bytes();
  const map: number[] = [];
  const mark = (): void => void map.push(out.length);

  mark();
  out.text(`<stata_dta><header><release>${RELEASE}</release><byteorder>LSF</byteorder><K>`);
  out.u16(table.columns.length);
  out.text('</K><N>');
  out.u64(BigInt(table.rows.length));
  out.text('</N><label>');
  const datasetLabel = UTF8.encode(cutCharacters(table.datasetLabel ?? '', LABEL_CHARACTERS));
  out.u16(datasetLabel.length);
  out.bytes(datasetLabel);
  out.text('</label><timestamp>');
  out.u8(0);
  out.text('</timestamp></header>');

  mark();
  const mapAt = out.length + '<map>'.length;
  out.text('<map>');
  for (let index = 0; index < 14; index += 1) out.u64(0n);
  out.text('</map>');

  mark();
  out.text('<variable_types>');
  for (const variable of variables) out.u16(typeCode(variable));
  out.text('</variable_types>');

  mark();
  out.text('<varnames>');
  for (const name of names) out.fixed(name, NAME_BYTES);
  out.text('</varnames>');

  mark();
  out.text('<sortlist>');
  for (let index = 0; index <= variables.length; index += 1) out.u16(0);
  out.text('</sortlist>');

  mark();
  out.text('<formats>');
  for (const variable of variables) out.fixed(displayFormat(variable), FORMAT_BYTES);
  out.text('</formats>');

  mark();
  out.text('<value_label_names>');
  for (let index = 0; index < variables.length; index += 1) out.fixed('', NAME_BYTES);
  out.text('</value_label_names>');

  mark();
  out.text('<variable_labels>');
  table.labels.forEach((label, index) => out.fixed(cutCharacters(label || table.columns[index]!.id, LABEL_CHARACTERS), LABEL_BYTES));
  out.text('</variable_labels>');

  mark();
  out.text('<characteristics></characteristics>');

  mark();
  out.text('<data>');
  const strls: { variable: number; observation: number; bytes: Uint8Array }[] = [];
  table.rows.forEach((row, observation) => {
    variables.forEach((variable, index) => {
      const cell = row[index] ?? null;
      switch (variable.kind) {
        case 'long':
          out.i32(cell === null ? LONG_MISSING : Number(cell));
          break;
        case 'double':
          if (cell === null) {
            out.u32(0);
            out.u32(DOUBLE_MISSING_HIGH);
          } else {
            out.f64(Number(cell));
          }
          break;
        case 'str':
          out.fixed(cell ?? '', variable.bytes);
          break;
        case 'strL':
          if (cell === null || cell === '') {
            out.u64(0n);
          } else {
            // (v, o) in 8 bytes: v in the low 2, o in the high 6 (format 118)
            out.u64(BigInt(index + 1) | (BigInt(observation + 1) << 16n));
            strls.push({ variable: index + 1, observation: observation + 1, bytes: UTF8.encode(cell) });
          }
          break;
      }
    });
  });
  out.text('</data>');

  mark();
  out.text('<strls>');
  for (const strl of strls) {
    out.text('GSO');
    out.u32(strl.variable);
    out.u64(BigInt(strl.observation));
    out.u8(130); // text, stored with its terminating NUL
    out.u32(strl.bytes.length + 1);
    out.bytes(strl.bytes);
    out.u8(0);
  }
  out.text('</strls>');

  mark();
  out.text('<value_labels></value_labels>');
  mark();
  out.text('</stata_dta>');
  mark();

  const bytes = out.finish();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  map.forEach((offset, index) => view.setBigUint64(mapAt + index * 8, BigInt(offset), true));
  return bytes;
}

/**
 * Stata names from column ids: letters (Unicode letters too, as Stata 14 allows), digits and `_`, every other
 * character `_`; not starting with a digit; at most 32 characters; not a reserved word; unique (`_2`, `_3` …).
 */
export function variableNames(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id, index) => {
    let name = [...id].map((character) => (/^[A-Za-z0-9_]$|^\p{L}$/u.test(character) ? character : '_')).join('');
    if (name === '' || /^_*$/.test(name)) name = `v${index + 1}`;
    if (/^[0-9]/.test(name)) name = `_${name}`;
    name = cutCharacters(name, NAME_CHARACTERS, '');
    if (RESERVED.has(name) || /^str\d+$/.test(name)) name = cutCharacters(`${name}_`, NAME_CHARACTERS, '');
    const base = name;
    for (let suffix = 2; taken.has(name); suffix += 1) {
      name = `${cutCharacters(base, NAME_CHARACTERS - `_${suffix}`.length, '')}_${suffix}`;
    }
    taken.add(name);
    return name;
  });
}

/** How a column is stored: numeric when every cell is a figure a double keeps, else text. */
function variableOf(kind: 'text' | 'number', cells: readonly OutputCell[]): Variable {
  if (kind === 'number') {
    let decimals = 0;
    let fewest = Infinity;
    let whole = true;
    let numeric = true;
    let width = 1;
    for (const cell of cells) {
      if (cell === null) continue;
      const match = DECIMAL_TEXT.exec(cell);
      const significant = match === null ? '' : `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '');
      // a whole number up to 2^53 is exact in a double, whatever its digits; a fraction needs at most 15
      const exactWhole = match !== null && match[2] === undefined && BigInt(match[1]!) <= MAX_EXACT_WHOLE;
      if (match === null || (significant.length > MAX_SIGNIFICANT_DIGITS && !exactWhole)) {
        numeric = false;
        break;
      }
      decimals = Math.max(decimals, match[2]?.length ?? 0);
      fewest = Math.min(fewest, match[2]?.length ?? 0);
      width = Math.max(width, cell.length);
      if (match[2] !== undefined || BigInt(cell) < LONG_MIN || BigInt(cell) > LONG_MAX) whole = false;
    }
    if (numeric) {
      const shown = Math.max(9, width + 1);
      if (whole && decimals === 0) return { kind: 'long', decimals: 0, width: shown };
      return { kind: 'double', decimals, width: shown, mixed: fewest < decimals };
    }
  }
  let bytes = 1;
  let characters = 1;
  for (const cell of cells) {
    if (cell === null) continue;
    bytes = Math.max(bytes, UTF8.encode(cell).length);
    characters = Math.max(characters, [...cell].length);
  }
  if (bytes > STR_MAX) return { kind: 'strL', width: 9 };
  return { kind: 'str', bytes, width: Math.min(characters, STR_MAX) };
}

function typeCode(variable: Variable): number {
  switch (variable.kind) {
    case 'long': return TYPE_LONG;
    case 'double': return TYPE_DOUBLE;
    case 'str': return variable.bytes;
    case 'strL': return TYPE_STRL;
  }
}

/**
 * %9.2f for figures of 2 decimals, %12.0f for whole numbers; a column whose figures have different decimals
 * (verify's 79947 beside 5.67) %12.0g, which shows each as it needs; text left-aligned, %-20s.
 */
function displayFormat(variable: Variable): string {
  switch (variable.kind) {
    case 'long': return `%${variable.width}.0f`;
    case 'double': return variable.mixed ? `%${variable.width}.0g` : `%${variable.width}.${variable.decimals}f`;
    case 'str': return `%-${variable.width}s`;
    case 'strL': return '%-9s';
  }
}

/** At most `limit` characters (code points), with `…` in place of the last when cut. */
function cutCharacters(text: string, limit: number, mark = '…'): string {
  const characters = [...text];
  return characters.length <= limit ? text : `${characters.slice(0, limit - mark.length).join('')}${mark}`;
}

/** A growing little-endian byte buffer. */
class Bytes {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private room(size: number): void {
    if (this.length + size <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + size) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  text(ascii: string): void {
    this.bytes(UTF8.encode(ascii));
  }

  /** UTF-8 text in a field of `size` bytes, NUL-padded; cut at a character boundary to leave room for a NUL when the field is a name or label. */
  fixed(text: string, size: number): void {
    let encoded = UTF8.encode(text);
    if (encoded.length > size) {
      let end = size;
      while (end > 0 && (encoded[end]! & 0xc0) === 0x80) end -= 1;
      encoded = encoded.subarray(0, end);
    }
    this.room(size);
    this.buffer.fill(0, this.length, this.length + size);
    this.buffer.set(encoded, this.length);
    this.length += size;
  }

  u8(value: number): void {
    this.room(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
  }

  u16(value: number): void {
    this.room(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  u32(value: number): void {
    this.room(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  i32(value: number): void {
    this.room(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  u64(value: bigint): void {
    this.room(8);
    this.view.setBigUint64(this.length, value, true);
    this.length += 8;
  }

  f64(value: number): void {
    this.room(8);
    this.view.setFloat64(this.length, Object.is(value, -0) ? 0 : value, true);
    this.length += 8;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
