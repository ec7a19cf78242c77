/** The last step of every command: the report rendered in its format, written through the one output module. */
import { SvcError } from '../errors.js';
import { notice, noticesGiven } from '../io/notices.js';
import { openOutput } from '../io/output.js';
import { isTerminal } from '../io/terminal.js';
import { isFileTarget, isStreamTarget } from '../io/target.js';
import type { RenderOptions } from '../render/format.js';
import { render, renderBinary, resolveFormat, useColor } from '../render/format.js';
import type { BinaryFormat, Format, OutputCell, ReportColumn, ReportTable, RowStream } from '../render/model.js';
import { isBinaryFormat } from '../render/model.js';
import type { RowText } from '../render/rows.js';
import { isMachineFormat, machineRowText } from '../render/rows.js';
import type { Sink } from '../io/output.js';
import type { RunFacts } from './workbook-meta.js';
import { XLSX_CELL_LIMIT, cutCellsNote } from '../render/xlsx.js';
import type { OutputOptions } from './common.js';
import { note } from './common.js';
export type { OutputOptions };
import { workbookMeta } from './workbook-meta.js';

export type { RunFacts } from './workbook-meta.js';

export { checkOutputTarget } from '../io/output.js';


const BINARY_NAMES: Readonly<Record<BinaryFormat, string>> = {
  xlsx: 'an .xlsx workbook', dta: 'a Stata .dta file', parquet: 'a Parquet file',
};

/** The format of a run: an -o onto a device, FIFO or socket is written as a stream, its name no format's. */
function formatOf(options: OutputOptions): Format {
  return resolveFormat(options, isTerminal(1), isStreamTarget(options.output));
}

export { isStreamTarget };

export async function writeOutput(table: ReportTable, options: OutputOptions, facts: RunFacts = { inputs: [] }): Promise<void> {
  const format = formatOf(options);
  let content: string | Uint8Array;
  if (isBinaryFormat(format)) {
    if (options.output === undefined && isTerminal(1)) {
      throw new SvcError('USAGE', `${BINARY_NAMES[format]} is not written to a terminal`, {},
        `give -o FILE.${format}, or redirect standard output to a file`);
    }
    content = await renderBinary(table, format, options, workbookMeta(table, { ...facts, notes: [...noticesGiven(), ...facts.notes ?? []] }, options.lang));
    if (format === 'xlsx') {
      // the notes sheet says it too (render/xlsx.ts)
      const cut = table.rows.reduce((count, row) => count + row.filter((cell) => typeof cell === 'string' && cell.length > XLSX_CELL_LIMIT).length, 0);
      if (cut > 0) notice(cutCellsNote(cut));
    }
  } else {
    content = await render(table, format, { ...options, bom: bomOf(options) }, useColor(options, process.env, isTerminal(1)));
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

/** csv and tsv for spreadsheets: a BOM into a file (Excel and LibreOffice then read UTF-8), none on a stream. */
function bomOf(options: OutputOptions): boolean {
  return options.bom ?? (options.output !== undefined && isFileTarget(options.output));
}

/**
 * The most rows a streamed report holds for a human format (table, md, xlsx), which lays out every row at once;
 * above it the run is refused (-f csv or ndjson stream any number).
 */
export const HELD_ROWS_LIMIT = 100_000;
/**
 * Machine formats hold their first this many bytes before writing any: an input that fails early leaves its
 * output untouched, and the notes of a small one come first on a terminal, as before.
 */
const HELD_BYTES = 1 << 20;
/** Rows are turned into bytes this many at a time (some 64 KiB of csv, what the output gathers for a write). */
const PIECE_ROWS = 1500;

/** Where a streamed report's rows go: a RowStream, then closed (once the notes are printed) or aborted. */
export interface RowOutput extends RowStream {
  /** the rest written and the output closed: an -o file appears only now, whole */
  close(facts: RunFacts): Promise<void>;
  /** after a failure: an -o file's temporary removed, nothing half-written left */
  abort(): Promise<void>;
}

/**
 * Machine formats are written as rows come (after the first HELD_TEXT); human formats hold the rows, at most
 * HELD_ROWS_LIMIT, and are rendered whole by writeOutput on close.
 */
export function openRowOutput(options: OutputOptions): RowOutput {
  const format = formatOf(options);
  if (!isMachineFormat(format)) {
    let columns: readonly ReportColumn[] = [];
    const held: (readonly OutputCell[])[] = [];
    return {
      begin: (given) => void (columns = given),
      add(row) {
        if (held.length === HELD_ROWS_LIMIT) {
          throw new SvcError('TOO_MANY_ROWS', `more than ${HELD_ROWS_LIMIT.toLocaleString('en')} rows: the ${format} format lays out every row at once, and holds at most that many`, {},
            'use -f csv or -f ndjson, which write rows as they come');
        }
        held.push([...row]);
      },
      flush: async () => undefined,
      close: (facts) => writeOutput({ columns, rows: held }, options, facts),
      abort: async () => undefined,
    };
  }
  let text: RowText | undefined;
  let sink: Sink | undefined;
  let rowsInPiece = 0;
  let pieces: Uint8Array[] = [];
  let heldBytes = 0;
  const cut = (): void => {
    const bytes = text!.take();
    pieces.push(bytes);
    heldBytes += bytes.length;
    rowsInPiece = 0;
  };
  const send = async (): Promise<void> => {
    sink ??= await openOutput(options.output);
    const ready = pieces;
    pieces = [];
    for (const bytes of ready) await sink.write(bytes);
  };
  return {
    begin: (given) => void (text = machineRowText(format, given, { bom: bomOf(options), raw: options.raw })),
    add(row) {
      text!.row(row);
      rowsInPiece += 1;
      if (rowsInPiece === PIECE_ROWS) cut();
    },
    async flush() {
      if (sink !== undefined || heldBytes >= HELD_BYTES) await send();
    },
    async close() {
      text!.end();
      cut();
      await send();
      try {
        await sink!.close();
      } catch (error) {
        await sink!.abort();
        throw error;
      }
    },
    abort: async () => sink?.abort(),
  };
}
