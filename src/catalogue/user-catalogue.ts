/**
 * A user's --indicators-file: JSON adding or overriding measures and indicators, validated field by field.
 * Every problem is an SvcError 'CATALOGUE' naming the file and the JSON path (`indicators[1].numerator`).
 *
 * {
 *   "measures":   [{ "id", "label": {"zh","en"}, "names": [...], "unit": {"zh","en"}, "kind": "count"|"amount" }],
 *   "indicators": [{ "id", "label": {"zh","en"}, "numerator", "denominator", "multiplier"?, "unit": {"zh","en"},
 *                    "decimals", "note"? }]
 * }
 */
import { SvcError } from '../errors.js';
import type { IndicatorDefinition } from './indicators.js';
import type { Catalogue } from './catalogue.js';
import { BUILTIN_CATALOGUE } from './catalogue.js';
import { normaliseName } from './names.js';

const ID = /^[a-z][a-z0-9_]*$/;

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, message: string, hint?: string): never {
    throw new SvcError('CATALOGUE', `${path}: ${message}`, { file: this.file }, hint);
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Record<string, unknown>;
  }

  string(record: Record<string, unknown>, key: string, path: string, optional = false): string {
    const value = record[key];
    if (value === undefined && optional) return '';
    if (value === undefined) this.fail(`${path}.${key}`, 'is missing');
    if (typeof value !== 'string' || value.trim() === '') this.fail(`${path}.${key}`, 'expected a non-empty string');
    return value;
  }

  id(record: Record<string, unknown>, path: string): string {
    const id = this.string(record, 'id', path);
    if (!ID.test(id)) this.fail(`${path}.id`, `'${id}' is not an id: use lower-case letters, digits and _`);
    return id;
  }

  pair(record: Record<string, unknown>, key: string, path: string): { zh: string; en: string } {
    const value = record[key];
    if (value === undefined) this.fail(`${path}.${key}`, 'is missing', 'give {"zh": "...", "en": "..."}');
    const pair = this.object(value, `${path}.${key}`);
    return { zh: this.string(pair, 'zh', `${path}.${key}`), en: this.string(pair, 'en', `${path}.${key}`) };
  }

  list(record: Record<string, unknown>, key: string, path: string): unknown[] {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(`${path}${key}`, 'expected an array');
    return value;
  }
}

/** "10^4", "10^-4", 10000 or 0.0001 → the power of ten; anything else is refused. */
function parseMultiplier(value: unknown): number | undefined {
  if (value === undefined) return 0;
  if (typeof value === 'string') {
    const match = /^\s*10\s*\^\s*(-?\d{1,2})\s*$/.exec(value);
    return match === null ? undefined : Number(match[1]);
  }
  if (typeof value === 'number' && value > 0) {
    const power = Math.round(Math.log10(value));
    return Math.abs(value / 10 ** power - 1) < 1e-12 ? power : undefined;
  }
  return undefined;
}

export function parseUserCatalogue(text: string, file: string, base: Catalogue = BUILTIN_CATALOGUE): Catalogue {
  const check: Checker = new Checker(file); // typed, so that check.fail() narrows as `never`
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position === null ? undefined : text.slice(0, Number(position[1])).split('\n').length;
    throw new SvcError('CATALOGUE', `not valid JSON: ${message}`, { file, line });
  }
  const root = check.object(json, '$');
  for (const key of Object.keys(root)) {
    if (key !== 'measures' && key !== 'indicators') check.fail(`$.${key}`, 'unknown key', 'expected "measures" and "indicators"');
  }

  const measures = new Map(base.measures.map((measure) => [measure.id, measure]));
  const declared = new Set<string>();
  check.list(root, 'measures', '$.').forEach((item, index) => {
    const path = `measures[${index}]`;
    const record = check.object(item, path);
    const id = check.id(record, path);
    if (declared.has(id)) check.fail(`${path}.id`, `duplicate measure id '${id}'`);
    declared.add(id);
    const names = check.list(record, 'names', `${path}.`).map((name, nameIndex) => {
      if (typeof name !== 'string' || name.trim() === '') check.fail(`${path}.names[${nameIndex}]`, 'expected a non-empty string');
      return name as string;
    });
    const kind = record['kind'] ?? 'count';
    if (kind !== 'count' && kind !== 'amount') check.fail(`${path}.kind`, 'expected "count" or "amount"');
    measures.set(id, { id, label: check.pair(record, 'label', path), names, unit: check.pair(record, 'unit', path), kind: kind as 'count' | 'amount' });
  });
  // a header must name one measure only
  const owners = new Map<string, string>();
  for (const measure of measures.values()) {
    for (const name of [measure.id, ...measure.names]) {
      const key = normaliseName(name);
      const owner = owners.get(key);
      if (owner !== undefined && owner !== measure.id) {
        check.fail('measures', `the name '${name}' is given to both ${owner} and ${measure.id}`);
      }
      owners.set(key, measure.id);
    }
  }

  const indicators = new Map(base.indicators.map((indicator) => [indicator.id, indicator]));
  const seen = new Set<string>();
  check.list(root, 'indicators', '$.').forEach((item, index) => {
    const path = `indicators[${index}]`;
    const record = check.object(item, path);
    const id = check.id(record, path);
    if (seen.has(id)) check.fail(`${path}.id`, `duplicate indicator id '${id}'`);
    seen.add(id);
    const [numerator, denominator] = (['numerator', 'denominator'] as const).map((key) => {
      const measure = check.string(record, key, path);
      if (!measures.has(measure)) {
        check.fail(`${path}.${key}`, `unknown measure '${measure}'`, 'declare it under "measures" or see svc-stats measures');
      }
      return measure;
    }) as [string, string];
    const power10 = parseMultiplier(record['multiplier']);
    if (power10 === undefined) check.fail(`${path}.multiplier`, 'expected a power of ten such as 10000 or "10^-4"');
    const decimals = record['decimals'];
    if (decimals === undefined) check.fail(`${path}.decimals`, 'is missing');
    if (!Number.isInteger(decimals) || (decimals as number) < 0 || (decimals as number) > 20) {
      check.fail(`${path}.decimals`, 'expected a whole number from 0 to 20');
    }
    const definition: IndicatorDefinition = {
      id,
      label: check.pair(record, 'label', path),
      numerator,
      denominator,
      power10,
      unit: check.pair(record, 'unit', path),
      decimals: decimals as number,
      note: check.string(record, 'note', path, true) || `defined in ${file}`,
    };
    indicators.set(id, definition);
  });

  return { measures: [...measures.values()], indicators: [...indicators.values()] };
}
