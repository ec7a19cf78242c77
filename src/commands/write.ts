/** The last step of every command: the report rendered in its format, written through the one output module. */
import { openOutput } from '../io/output.js';
import type { RenderOptions } from '../render/format.js';
import { render, resolveFormat, useColor } from '../render/format.js';
import type { ReportTable } from '../render/model.js';

export { checkOutputTarget } from '../io/output.js';

export type OutputOptions = RenderOptions;

export async function writeOutput(table: ReportTable, options: OutputOptions): Promise<void> {
  const format = resolveFormat(options);
  const text = await render(table, format, options, useColor(options));
  const sink = await openOutput(options.output);
  try {
    await sink.write(text);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
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
