import type { RecordOptions } from '../io/records.js';
import type { TableOptions } from '../table/rows.js';

/** How an input is read: its records (encoding, delimiter, byte range) and its table (measures, --rows-are, --by). */
export interface ReadOptions extends RecordOptions, TableOptions {}
