/**
 * --yearbook-units: measures printed in the unit their input header declared (`城镇人口（万人）` → 56212 万人, not
 * 562120000 persons), for a table to set beside the yearbook. Values are read into base units as always, and
 * only the printed text is moved back by the header's power of ten, exactly (a decimal shift of the exact text,
 * never a division of doubles). Indicators are never changed. The column says its unit: its id gets the unit
 * (`urban_population_万人`, so that no script reads 万人 under the id of persons) and its label names it
 * (`城镇人口（万人）`, `urban population (10,000 persons)`).
 */
import type { MeasureDefinition } from '../catalogue/measures.js';
import { UNIT_PREFIXES } from '../catalogue/measures.js';
import type { Note } from '../notes.js';
import type { Label, OutputCell, ReportColumn } from '../render/model.js';
import { withUnit } from '../render/labels.js';
import type { HeaderPlan } from '../table/header-plan.js';

export interface YearbookUnit {
  /** the header's power of ten: 万 → 4 */
  readonly power10: number;
  /** 万人, and `10,000 persons` */
  readonly unit: Label;
}

/** The English words of a unit prefix: 万 → `10,000`. */
const PREFIX_WORDS: Readonly<Record<number, string>> = { 2: '100', 3: '1,000', 4: '10,000', 6: '1 million', 7: '10 million', 8: '100 million' };

/**
 * The unit each measure's column declared, for the measures that are not in base units. A measure whose
 * inputs declare different units (万人 in one file, 人 in another) stays in its base unit, with a note.
 */
export function yearbookUnits(plans: readonly HeaderPlan[], measures: readonly MeasureDefinition[]): { units: Map<string, YearbookUnit>; notes: Note[] } {
  const units = new Map<string, YearbookUnit>();
  const notes: Note[] = [];
  for (const measure of measures) {
    const powers = new Set<number>();
    for (const plan of plans) {
      // a measure named by two columns is read from the last
      const column = [...plan.measureColumns].reverse().find((candidate) => candidate.measure.id === measure.id);
      if (column !== undefined) powers.add(column.power10);
    }
    if (powers.size > 1) {
      notes.push({ kind: '--yearbook-units: printed in base units, the inputs declaring different units', item: `${measure.id} (${[...powers].map((power) => unitOf(measure, power).zh).join(', ')})` });
      continue;
    }
    const [power10] = powers;
    if (power10 === undefined || power10 <= 0) continue;
    units.set(measure.id, { power10, unit: unitOf(measure, power10) });
  }
  return { units, notes };
}

/** 万人 for persons at 10^4: the prefix of the power and the measure's base unit. */
function unitOf(measure: MeasureDefinition, power10: number): Label {
  const prefix = UNIT_PREFIXES.find(([, power]) => power === power10)?.[0];
  if (power10 === 0 || prefix === undefined) return measure.unit;
  return { zh: `${prefix}${measure.unit.zh}`, en: `${PREFIX_WORDS[power10] ?? `10^${power10}`} ${measure.unit.en}` };
}

/** A measure's column: in its base unit, or in the unit its header declared. */
export function measureColumn(measure: MeasureDefinition, unit: YearbookUnit | undefined): ReportColumn {
  if (unit === undefined) return { id: measure.id, label: withUnit(measure.label, measure.unit), kind: 'number' };
  return { id: `${measure.id}_${unit.unit.zh}`, label: withUnit(measure.label, unit.unit), kind: 'number' };
}

/** A measure's exact decimal text in base units, in the declared unit: 562125000 at 10^4 is 56212.5. */
export function inYearbookUnit(text: OutputCell, unit: YearbookUnit | undefined): OutputCell {
  if (text === null || unit === undefined) return text;
  return shiftDecimal(text, unit.power10);
}

/** An exact decimal text divided by 10^power, as text: no rounding, trailing zeros of the fraction dropped. */
export function shiftDecimal(text: string, power: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new Error(`shiftDecimal: not a decimal text: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = `${whole!.padStart(power + 1, '0')}${fraction}`;
  const point = digits.length - fraction.length - power;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const decimals = digits.slice(point).replace(/0+$/, '');
  const shifted = decimals === '' ? integer : `${integer}.${decimals}`;
  return /^0(\.0*)?$/.test(shifted) ? shifted : `${sign}${shifted}`;
}
