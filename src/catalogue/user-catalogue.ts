/**
 * A user's --indicators-file: JSON adding or overriding measures and indicators, validated strictly. Every
 * problem — invalid JSON, a duplicate key, an unknown key at any depth, a wrong type, an unknown measure, a bad
 * formula — is an SvcError 'CATALOGUE' naming the file and the JSON path (`indicators[1].formula`).
 *
 * {
 *   "measures":   [{ "id", "label": {"zh","en"}, "names": [...], "unit": {"zh","en"}, "kind": "count"|"amount" }],
 *   "indicators": [{ "id", "label": {"zh","en"}, "formula", "unit": {"zh","en"}, "decimals", "note"? }]
 * }
 *
 * The first form of indicators, `"numerator", "denominator", "multiplier"`, is still read: it is the formula
 * `numerator / denominator * 10^k`, so files written for svc-stats 0.1 keep working.
 */
// the ESM build: the package's main (UMD) requires its parts at run time, which a bundle cannot
// the parser alone: main.js also loads the formatter, whose tables of indents cost ~0.8 ms of every start
import { visit } from 'jsonc-parser/lib/esm/impl/parser.js';
import { SvcError } from '../errors.js';
import type { Catalogue } from './catalogue.js';
import { BUILTIN_CATALOGUE } from './catalogue.js';
import { FormulaError, legacyFormula, parseFormula } from './formula.js';
import type { IndicatorDefinition } from './indicators.js';
import type { MeasureDefinition } from './measures.js';
import { normaliseName } from './names.js';

const ID = /^[a-z][a-z0-9_]*$/;

/**
 * Column ids of the reports' own columns: a measure or indicator of that id would give a csv two headers, a
 * JSON object two keys of one name. A test keeps this list in step with render/labels.ts.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  'file', 'unit', 'year', 'group', 'region', 'units', 'indicator', 'measure', 'n', 'missing', 'mean', 'sd', 'cv', 'min',
  'p25', 'median', 'p75', 'max', 'min_unit', 'max_unit', 'gini', 'theil_t', 'theil_l', 'max_min_ratio', 'theil_t_between',
  'theil_t_within', 'theil_l_between', 'theil_l_within', 'between_share_t', 'between_share_l', 'note', 'expected',
  'recomputed', 'exact', 'status', 'matches_under', 'difference', 'source', 'total_label', 'total', 'sum_of_parts',
  'parts', 'parts_missing', 'id', 'label', 'formula', 'decimals', 'names', 'kind', 'label_zh', 'label_en', 'unit_zh',
  'unit_en', 'catalogue_note', 'base_unit',
  // equity's further indices, Dagum's decomposition, bootstrap bounds, convergence, compare --long, verify
  'ge_m1', 'ge_2', 'atkinson_0_5', 'atkinson_1', 'atkinson_2', 'ge_m1_between', 'ge_m1_within', 'ge_2_between',
  'ge_2_within', 'gini_within', 'gini_net_between', 'gini_transvariation', 'gini_within_share',
  'gini_net_between_share', 'gini_transvariation_share', 'part', 'value', 'share_of_gini', 'relative_affluence',
  'population_share', 'value_share', 'lower', 'upper', 'sd_log', 'model', 'from_year', 'to_year', 'beta', 'se', 't',
  'r_squared', 'speed', 'half_life', 'rank', 'unit_of_measure',
]);
/** compare's per-edition columns (value_2005, change_2009, …) and --rank's (rank_ID) */
const RESERVED_PREFIXES = ['value_', 'change_', 'pct_change_', 'cagr_', 'rank_'];

const KEYS = {
  root: ['measures', 'indicators'],
  measure: ['id', 'label', 'names', 'unit', 'kind'],
  indicator: ['id', 'label', 'formula', 'numerator', 'denominator', 'multiplier', 'unit', 'decimals', 'note'],
  pair: ['zh', 'en'],
} as const;

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, message: string, hint?: string): never {
    throw new SvcError('CATALOGUE', `${path}: ${message}`, { file: this.file }, hint);
  }

  /** An object with only the keys allowed: a misspelt key (`multipler`) must not be silently ignored. */
  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'unknown key', `expected ${allowed.join(', ')}`);
    }
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
    if (RESERVED_IDS.has(id) || RESERVED_PREFIXES.some((prefix) => id.startsWith(prefix))) {
      this.fail(`${path}.id`, `'${id}' is the name of an output column`, 'choose another id');
    }
    return id;
  }

  pair(record: Record<string, unknown>, key: string, path: string): { zh: string; en: string } {
    const value = record[key];
    if (value === undefined) this.fail(`${path}.${key}`, 'is missing', 'give {"zh": "...", "en": "..."}');
    const pair = this.object(value, `${path}.${key}`, KEYS.pair);
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

/** JSON.parse keeps the last of two equal keys; a catalogue must not silently lose a definition. */
function refuseDuplicateKeys(text: string, file: string): void {
  const objects: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void objects.push(new Set()),
    onObjectEnd: () => void objects.pop(),
    onObjectProperty: (property, offset, _length, _line, _column, pathSupplier) => {
      const keys = objects[objects.length - 1]!;
      if (keys.has(property)) {
        const path = pathSupplier().reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`), '$')
          .replace(/^\$\./, '');
        throw new SvcError('CATALOGUE', `${path === '$' ? '' : `${path}.`}${property}: duplicate key`, { file, line: text.slice(0, offset).split('\n').length },
          'each key once; a second one would silently replace the first');
      }
      keys.add(property);
    },
  });
}

/**
 * The largest catalogue file, and the deepest nesting of its arrays and objects (the catalogue's own shape is
 * 4 deep): checked on the text before it is parsed, so that no parser recurses out of its stack.
 */
export const MAX_CATALOGUE_CHARACTERS = 1 << 20;
export const MAX_CATALOGUE_DEPTH = 32;

/** Refuses a catalogue text beyond the limits, in one scan that skips strings. */
function checkCatalogueSize(text: string, file: string): void {
  if (text.length > MAX_CATALOGUE_CHARACTERS) {
    throw new SvcError('CATALOGUE', `a catalogue file holds at most ${MAX_CATALOGUE_CHARACTERS.toLocaleString('en')} characters, and this one ${text.length.toLocaleString('en')}`, { file });
  }
  let depth = 0;
  let line = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // a string: to its closing quote, over escapes
      for (index += 1; index < text.length && text.charCodeAt(index) !== 0x22; index += 1) {
        if (text.charCodeAt(index) === 0x5c) index += 1;
      }
    } else if (code === 0x0a) {
      line += 1;
    } else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > MAX_CATALOGUE_DEPTH) {
        throw new SvcError('CATALOGUE', `arrays and objects nest at most ${MAX_CATALOGUE_DEPTH} deep in a catalogue file`, { file, line });
      }
    } else if (code === 0x5d || code === 0x7d) {
      depth -= 1;
    }
  }
}

export function parseUserCatalogue(text: string, file: string, base: Catalogue = BUILTIN_CATALOGUE): Catalogue {
  const check: Checker = new Checker(file); // typed, so that check.fail() narrows as `never`
  checkCatalogueSize(text, file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position === null ? undefined : text.slice(0, Number(position[1])).split('\n').length;
    throw new SvcError('CATALOGUE', `not valid JSON: ${message}`, { file, line });
  }
  refuseDuplicateKeys(text, file);
  const root = check.object(json, '$', KEYS.root);

  const measures = new Map(base.measures.map((measure) => [measure.id, measure]));
  const declared = new Set<string>();
  check.list(root, 'measures', '$.').forEach((item, index) => {
    const path = `measures[${index}]`;
    const record = check.object(item, path, KEYS.measure);
    const id = check.id(record, path);
    if (declared.has(id)) check.fail(`${path}.id`, `duplicate measure id '${id}'`);
    declared.add(id);
    const names = check.list(record, 'names', `${path}.`).map((name, nameIndex) => {
      if (typeof name !== 'string' || name.trim() === '') check.fail(`${path}.names[${nameIndex}]`, 'expected a non-empty string');
      return name as string;
    });
    const kind = record['kind'] ?? 'count';
    if (kind !== 'count' && kind !== 'amount') check.fail(`${path}.kind`, 'expected "count" or "amount"');
    const measure: MeasureDefinition = {
      id, label: check.pair(record, 'label', path), names, unit: check.pair(record, 'unit', path), kind: kind as 'count' | 'amount',
    };
    measures.set(id, measure);
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
    const record = check.object(item, path, KEYS.indicator);
    const id = check.id(record, path);
    if (seen.has(id)) check.fail(`${path}.id`, `duplicate indicator id '${id}'`);
    seen.add(id);
    const formula = indicatorFormula(check, record, path, (measure) => measures.has(measure));
    const decimals = record['decimals'];
    if (decimals === undefined) check.fail(`${path}.decimals`, 'is missing');
    if (!Number.isInteger(decimals) || (decimals as number) < 0 || (decimals as number) > 20) {
      check.fail(`${path}.decimals`, 'expected a whole number from 0 to 20');
    }
    const definition: IndicatorDefinition = {
      id,
      label: check.pair(record, 'label', path),
      formula,
      unit: check.pair(record, 'unit', path),
      decimals: decimals as number,
      note: check.string(record, 'note', path, true) || `defined in ${file}`,
    };
    indicators.set(id, definition);
  });

  return { measures: [...measures.values()], indicators: [...indicators.values()] };
}

/** The formula of an indicator: `formula`, or the first form `numerator`/`denominator`/`multiplier`; checked here. */
function indicatorFormula(check: Checker, record: Record<string, unknown>, path: string, isMeasure: (id: string) => boolean): string {
  const legacy = ['numerator', 'denominator', 'multiplier'].filter((key) => record[key] !== undefined);
  let text: string;
  let where: string;
  if (record['formula'] !== undefined) {
    if (legacy.length > 0) {
      check.fail(`${path}.${legacy[0]}`, 'give either "formula" or "numerator"/"denominator", not both');
    }
    text = check.string(record, 'formula', path);
    where = `${path}.formula`;
  } else if (legacy.length > 0) {
    const [numerator, denominator] = (['numerator', 'denominator'] as const).map((key) => {
      const measure = check.string(record, key, path);
      if (!isMeasure(measure)) {
        check.fail(`${path}.${key}`, `unknown measure '${measure}'`, 'declare it under "measures" or see svc-stats measures');
      }
      return measure;
    }) as [string, string];
    const power10 = parseMultiplier(record['multiplier']);
    if (power10 === undefined) check.fail(`${path}.multiplier`, 'expected a power of ten such as 10000 or "10^-4"');
    return legacyFormula(numerator, denominator, power10);
  } else {
    check.fail(`${path}.formula`, 'is missing', 'e.g. "formula": "service_centers / urban_population * 10^4"');
  }
  try {
    parseFormula(text, isMeasure); // checked now, parsed again when first used
    return text;
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    const hint = error.code === 'unknown-measure' ? 'declare it under "measures" or see svc-stats measures' : undefined;
    check.fail(where, `${error.message} at character ${error.position + 1} of '${text}'`, hint);
  }
}
