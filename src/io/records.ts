/**
 * The one way in: a source (path or `-`) → its records. Every input kind yields the same RecordSource, so
 * header planning and the engine never know where records come from.
 */
import type { CsvOptions, RecordSource } from './csv/records.js';
import { csvRecords } from './csv/records.js';

export type { InputRecord, RecordSource } from './csv/records.js';

export type RecordOptions = CsvOptions;

export function openRecords(source: string, options: RecordOptions): RecordSource {
  return csvRecords(source, options);
}
