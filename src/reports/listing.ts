/**
 * The catalogue as tables, for `svc-stats indicators` and `svc-stats measures`. Labels and units are given in both
 * languages to machine formats (label_zh, label_en, …) and in the chosen one to a table.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { formulaText } from '../catalogue/catalogue.js';
import type { LabelId } from '../render/labels.js';
import { LABELS, labelled } from '../render/labels.js';
import type { Label, ReportCell, ReportColumn, ReportTable } from '../render/model.js';

/** A catalogue field in both languages: one column for a table, two (`ID_zh`, `ID_en`) for csv and json. */
function bilingualColumns(id: string, header: LabelId): ReportColumn[] {
  const label = LABELS[header];
  return [
    { id, label, kind: 'text', only: 'human' },
    { id: `${id}_zh`, label, kind: 'text', only: 'machine' },
    { id: `${id}_en`, label, kind: 'text', only: 'machine' },
  ];
}

function bilingualCells(pair: Label): ReportCell[] {
  return [pair, pair.zh, pair.en];
}

export function indicatorListing(catalogue: Catalogue): ReportTable {
  return {
    columns: [labelled('id'), ...bilingualColumns('label', 'label'), labelled('formula'), ...bilingualColumns('unit', 'base_unit'),
      labelled('decimals', 'number'), { ...labelled('catalogue_note'), id: 'note' }],
    rows: catalogue.indicators.map((indicator) => [
      indicator.id, ...bilingualCells(indicator.label), formulaText(indicator), ...bilingualCells(indicator.unit),
      String(indicator.decimals), indicator.note,
    ]),
  };
}

export function measureListing(catalogue: Catalogue): ReportTable {
  return {
    columns: [labelled('id'), ...bilingualColumns('label', 'label'), labelled('names'), ...bilingualColumns('unit', 'base_unit'),
      labelled('kind')],
    rows: catalogue.measures.map((measure) => [
      measure.id, ...bilingualCells(measure.label), { zh: measure.names.join('、'), en: measure.names.join(', ') },
      ...bilingualCells(measure.unit), measure.kind,
    ]),
  };
}
