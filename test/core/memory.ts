/** In-memory inputs for core tests: records as a RecordSource, without files or parsing. */
import { BUILTIN_CATALOGUE } from '../../src/catalogue/catalogue.js';
import type { RecordSource } from '../../src/io/records.js';
import type { Table } from '../../src/table/rows.js';
import { readTable } from '../../src/table/rows.js';

/** Rows of cells, the first the header, as records on lines 1, 2, …; `batch` records per batch. */
export function recordsOf(file: string, rows: readonly (readonly string[])[], batch = 2): RecordSource {
  const records = rows.map((cells, index) => ({ cells: [...cells], line: index + 1 }));
  return {
    file,
    async *[Symbol.asyncIterator]() {
      for (let start = 0; start < records.length; start += batch) yield records.slice(start, start + batch);
    },
  };
}

export function csvRows(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.split(','));
}

export async function tableOf(file: string, text: string): Promise<Table> {
  return readTable(recordsOf(file, csvRows(text)), { measures: BUILTIN_CATALOGUE.measures });
}

/** Four provinces and the nation, with the 2005 national counts for 全国 (domain.md) and invented parts. */
export const PROVINCES = `地区,社区数,城镇人口（万人）,社区服务中心数
全国,79947,56212,8479
北京,2000,1000,300
河北,3000,2000,200
山西,1500,900,100
四川,2500,1500,50`;
