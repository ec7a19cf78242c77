/**
 * A reader of Stata .dta format 118 written from the format's description (Stata's `help dta`), independent of
 * src/render/dta.ts: it walks the tags in order, checks each against the map, and decodes every variable type
 * the format has for numbers and strings. Missing numbers come back as null.
 */
export interface DtaVariable {
  readonly name: string;
  readonly type: 'byte' | 'int' | 'long' | 'float' | 'double' | 'strL' | `str${number}`;
  readonly format: string;
  readonly label: string;
}

export interface DtaFile {
  readonly release: number;
  readonly label: string;
  readonly variables: readonly DtaVariable[];
  readonly rows: readonly (readonly (number | string | null)[])[];
}

export function readDta(bytes: Uint8Array): DtaFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  const expect = (tag: string): void => {
    const seen = new TextDecoder('latin1').decode(bytes.subarray(at, at + tag.length));
    if (seen !== tag) throw new Error(`expected ${tag} at byte ${at}, found ${JSON.stringify(seen)}`);
    at += tag.length;
  };
  const u8 = (): number => view.getUint8((at += 1) - 1);
  const u16 = (): number => view.getUint16((at += 2) - 2, true);
  const u32 = (): number => view.getUint32((at += 4) - 4, true);
  const u64 = (): bigint => view.getBigUint64((at += 8) - 8, true);
  const fixed = (size: number): string => {
    const field = bytes.subarray(at, at + size);
    at += size;
    const end = field.indexOf(0);
    return text.decode(end === -1 ? field : field.subarray(0, end));
  };

  const offsets: number[] = [];
  const section = (tag: string): void => {
    offsets.push(at);
    expect(tag);
  };
  section('<stata_dta>');
  expect('<header><release>');
  const release = Number(new TextDecoder().decode(bytes.subarray(at, at + 3)));
  at += 3;
  if (release !== 118) throw new Error(`release ${release}, not 118`);
  expect('</release><byteorder>LSF</byteorder><K>');
  const k = u16();
  expect('</K><N>');
  const n = Number(u64());
  expect('</N><label>');
  const labelLength = u16();
  const label = text.decode(bytes.subarray(at, at + labelLength));
  at += labelLength;
  expect('</label><timestamp>');
  const stampLength = u8();
  if (stampLength !== 0 && stampLength !== 17) throw new Error(`timestamp of ${stampLength} bytes`);
  at += stampLength;
  expect('</timestamp></header>');

  section('<map>');
  const map: number[] = [];
  for (let index = 0; index < 14; index += 1) map.push(Number(u64()));
  expect('</map>');

  section('<variable_types>');
  const types: number[] = [];
  for (let index = 0; index < k; index += 1) types.push(u16());
  expect('</variable_types>');
  section('<varnames>');
  const names: string[] = [];
  for (let index = 0; index < k; index += 1) names.push(fixed(129));
  expect('</varnames>');
  section('<sortlist>');
  at += 2 * (k + 1);
  expect('</sortlist>');
  section('<formats>');
  const formats: string[] = [];
  for (let index = 0; index < k; index += 1) formats.push(fixed(57));
  expect('</formats>');
  section('<value_label_names>');
  at += 129 * k;
  expect('</value_label_names>');
  section('<variable_labels>');
  const labels: string[] = [];
  for (let index = 0; index < k; index += 1) labels.push(fixed(321));
  expect('</variable_labels>');
  section('<characteristics>');
  while (new TextDecoder('latin1').decode(bytes.subarray(at, at + 4)) === '<ch>') {
    at += 4;
    at += u32();
    expect('</ch>');
  }
  expect('</characteristics>');

  section('<data>');
  const strlKeys: (bigint | null)[][] = [];
  const rows: (number | string | null)[][] = [];
  for (let observation = 0; observation < n; observation += 1) {
    const row: (number | string | null)[] = [];
    const keys: (bigint | null)[] = [];
    for (const type of types) {
      keys.push(null);
      if (type >= 1 && type <= 2045) {
        row.push(fixed(type));
      } else if (type === 32768) {
        keys[keys.length - 1] = u64();
        row.push('');
      } else if (type === 65526) {
        const high = view.getUint32(at + 4, true);
        const value = view.getFloat64(at, true);
        at += 8;
        row.push(high >= 0x7fe00000 && high < 0x80000000 ? null : value);
      } else if (type === 65527) {
        const raw = view.getUint32(at, true);
        const value = view.getFloat32(at, true);
        at += 4;
        row.push(raw >= 0x7f000000 && raw < 0x80000000 ? null : value);
      } else if (type === 65528) {
        const value = view.getInt32((at += 4) - 4, true);
        row.push(value > 2147483620 ? null : value);
      } else if (type === 65529) {
        const value = view.getInt16((at += 2) - 2, true);
        row.push(value > 32740 ? null : value);
      } else if (type === 65530) {
        const value = view.getInt8((at += 1) - 1);
        row.push(value > 100 ? null : value);
      } else {
        throw new Error(`unknown variable type ${type}`);
      }
    }
    rows.push(row);
    strlKeys.push(keys);
  }
  expect('</data>');

  section('<strls>');
  const strls = new Map<bigint, string>();
  while (new TextDecoder('latin1').decode(bytes.subarray(at, at + 3)) === 'GSO') {
    at += 3;
    const v = BigInt(u32());
    const o = u64();
    const kind = u8();
    const length = u32();
    const content = bytes.subarray(at, at + length);
    at += length;
    if (kind !== 130) throw new Error(`GSO of type ${kind}`);
    if (content[content.length - 1] !== 0) throw new Error('a GSO text without its NUL');
    strls.set(v | (o << 16n), text.decode(content.subarray(0, -1)));
  }
  expect('</strls>');
  section('<value_labels>');
  expect('</value_labels>');
  section('</stata_dta>');
  offsets.push(at);
  if (at !== bytes.length) throw new Error(`${bytes.length - at} bytes after </stata_dta>`);
  if (JSON.stringify(offsets) !== JSON.stringify(map)) throw new Error(`map ${map.join(',')} but sections at ${offsets.join(',')}`);

  rows.forEach((row, observation) => strlKeys[observation]!.forEach((key, index) => {
    if (key === null || key === 0n) return;
    const value = strls.get(key);
    if (value === undefined) throw new Error(`strL (${key}) with no GSO`);
    row[index] = value;
  }));

  const typeName = (type: number): DtaVariable['type'] => {
    if (type <= 2045) return `str${type}`;
    return ({ 32768: 'strL', 65526: 'double', 65527: 'float', 65528: 'long', 65529: 'int', 65530: 'byte' } as const)[type as 32768]!;
  };
  const variables = names.map((name, index) => ({ name, type: typeName(types[index]!), format: formats[index]!, label: labels[index]! }));
  return { release, label, variables, rows };
}

/** A Stata display format %w.df applied to a number: the text Stata shows (trimmed). */
export function shown(value: number, format: string): string {
  const match = /^%(\d+)\.(\d+)f$/.exec(format);
  if (match === null) throw new Error(`not a %w.df format: ${format}`);
  return value.toFixed(Number(match[2]));
}
