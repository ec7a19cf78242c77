/** The last step of every command: the report rendered in its format, written through the one output module. */
import { SvcError } from '../errors.js';
import { noticesGiven } from '../io/notices.js';
import { openOutput } from '../io/output.js';
import { isFileTarget } from '../io/target.js';
import type { RenderOptions } from '../render/format.js';
import { render, renderWorkbook, resolveFormat, useColor } from '../render/format.js';
import type { ReportTable } from '../render/model.js';
import type { RunFacts } from './workbook-meta.js';
import { workbookMeta } from './workbook-meta.js';

export type { RunFacts } from './workbook-meta.js';

export { checkOutputTarget } from '../io/output.js';

/** As RenderOptions, but `bom` may be left to the target: undefined puts a BOM into a file, none on a stream. */
export type OutputOptions = Omit<RenderOptions, 'bom'> & { readonly bom: boolean | undefined };

export async function writeOutput(table: ReportTable, options: OutputOptions, facts: RunFacts = { inputs: [] }): Promise<void> {
  const format = resolveFormat(options);
  let content: string | Uint8Array;
  if (format === 'xlsx') {
    if (options.output === undefined && process.stdout.isTTY) {
      throw new SvcError('USAGE', 'an .xlsx workbook is not written to a terminal', {},
        'give -o FILE.xlsx, or redirect standard output to a file');
    }
    content = await renderWorkbook(table, options, workbookMeta(table, { ...facts, notes: [...noticesGiven(), ...facts.notes ?? []] }, options.lang));
  } else {
    // csv and tsv for spreadsheets: a BOM into a file (Excel and LibreOffice then read UTF-8), none on a stream
    const bom = options.bom ?? (options.output !== undefined && isFileTarget(options.output));
    content = await render(table, format, { ...options, bom }, useColor(options));
  }
  await writeDocument(content, options.output);
}

/** A finished document (an SVG, a PNG, an HTML page) written as it is through the one output module. */
export async function writeDocument(content: string | Uint8Array, output: string | undefined): Promise<void> {
  const sink = await openOutput(output);
  try {
    await sink.write(content);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
