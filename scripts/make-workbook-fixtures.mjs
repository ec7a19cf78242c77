// Makes the workbook fixtures of fixtures/xlsx/ that the LibreOffice script does not: hidden and continued
// sheets, one sheet a year, .xls (BIFF8) and .ods copies, a formula without a saved result, and encrypted
// workbooks. Written with SheetJS (@e965/xlsx), not with exceljs, which reads the .xlsx files under test; the
// .xls and .ods files are read back by SheetJS, so their tests compare them with the .xlsx read by exceljs.
// Run: node scripts/make-workbook-fixtures.mjs (the tests read the committed files).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'xlsx');
const write = (name, bytes) => writeFileSync(join(OUT, name), bytes);

const TITLE = '表4-2 各地区城市社区服务情况（2008年）';
const HEADER = ['地区', '社区数（个）', '居委会成员数（人）', '社区服务中心（个）', '城镇人口（万人）'];
// the synthetic figures of fixtures/extracts/sheet-2008.csv, split over a sheet and its 续表
const FIRST = [['全国', 23600, 131100, 1560, 17255], ['北京市', 2600, 15600, 120, 1439], ['上海市', 3700, 22000, 200, 1542], ['广东省', 5200, 30000, 600, 5242]];
const CONTINUED = [['河南省', 3300, 17000, 150, 3397], ['四川省', 4100, 20500, 180, 3044], ['辽宁省', 4700, 26000, 310, 2591]];
// a hidden sheet an editor left before the table: other figures, never to be read by default
const OLD = [['旧稿，勿用'], HEADER, ['北京市', 1, 1, 1, 1], ['上海市', 2, 2, 2, 2]];

function book(sheets) {
  const workbook = XLSX.utils.book_new();
  for (const { name, rows, hidden } of sheets) {
    const sheet = XLSX.utils.aoa_to_sheet(rows);
    XLSX.utils.book_append_sheet(workbook, sheet, name);
    if (hidden) {
      workbook.Workbook ??= { Sheets: [] };
      workbook.Workbook.Sheets ??= [];
    }
  }
  workbook.Workbook = { Sheets: sheets.map(({ name, hidden }) => ({ name, Hidden: hidden ? 1 : 0 })) };
  return workbook;
}

// a yearbook table over two sheets, after a hidden first sheet
const continued = book([
  { name: '旧稿', rows: OLD, hidden: true },
  { name: '表4-2', rows: [[TITLE], ['单位：个、人、万人'], HEADER, ...FIRST] },
  { name: '表4-2续', rows: [['表4-2 续表'], HEADER, ...CONTINUED, ['注：本表为合成数据，全国为六省之和。']] },
]);
for (const bookType of ['xlsx', 'xls']) {
  write(`hidden-continued.${bookType}`, XLSX.write(continued, { type: 'buffer', bookType: bookType === 'xls' ? 'biff8' : bookType }));
}
// SheetJS writes no hidden state to an .ods: the hidden table gets a table style with table:display="false",
// as LibreOffice writes it (ODF 1.2, 16.4.1)
const ods = XLSX.CFB.read(XLSX.write(continued, { type: 'buffer', bookType: 'ods' }), { type: 'buffer' });
const content = ods.FileIndex.find((entry) => entry.name === 'content.xml');
content.content = Buffer.from(Buffer.from(content.content).toString('utf8')
  .replace('</office:automatic-styles>', '<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>')
  .replace('<table:table table:name="旧稿" table:style-name="ta1">', '<table:table table:name="旧稿" table:style-name="taHidden">'));
write('hidden-continued.ods', XLSX.CFB.write(ods, { type: 'buffer', fileType: 'zip' }));

// one sheet a year, no year column: the sheets' names give the years
const HEADER_BY_YEAR = ['地区', '社区数（个）', '城镇人口（万人）'];
const byYear = book([
  { name: '2008', rows: [HEADER_BY_YEAR, ['北京', 2600, 1439], ['上海', 3700, 1542]] },
  { name: '2009', rows: [HEADER_BY_YEAR, ['北京', 2650, 1460], ['上海', 3750, 1560]] },
]);
write('sheet-a-year.xlsx', XLSX.write(byYear, { type: 'buffer', bookType: 'xlsx' }));

// a later sheet with another header: not one table
const mismatch = book([
  { name: 'A', rows: [HEADER_BY_YEAR, ['北京', 2600, 1439]] },
  { name: 'B', rows: [['地区', '街道数（个）'], ['北京', 300]] },
]);
write('sheets-mismatch.xlsx', XLSX.write(mismatch, { type: 'buffer', bookType: 'xlsx' }));

// a formula whose result the file does not keep (as a program that writes formulas without computing them does)
const formulaSheet = XLSX.utils.aoa_to_sheet([['地区', '社区数（个）', '社区服务中心（个）'], ['北京', 2600, 120], ['上海', 3700, 200]]);
formulaSheet.C3 = { t: 'n', f: 'C2+80' };
const formulaBook = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(formulaBook, formulaSheet, '表');
const zip = XLSX.CFB.read(XLSX.write(formulaBook, { type: 'buffer', bookType: 'xlsx' }), { type: 'buffer' });
const part = zip.FileIndex.find((entry) => entry.name === 'sheet1.xml');
// SheetJS marks a formula without a value as an error cell: a plain formula cell without <v> is what others write
part.content = Buffer.from(Buffer.from(part.content).toString('utf8').replace('<c r="C3" t="e"><f>', '<c r="C3"><f>'));
write('formula-no-value.xlsx', XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }));

// encrypted: an Office 2007+ workbook with a password is an OLE compound file with EncryptionInfo and
// EncryptedPackage (MS-OFFCRYPTO 2.3.4); the contents here are placeholders, which is all a reader sees before
// asking for the password
const ole = XLSX.CFB.utils.cfb_new();
XLSX.CFB.utils.cfb_add(ole, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
XLSX.CFB.utils.cfb_add(ole, '/EncryptedPackage', Buffer.alloc(4096, 0x5a));
write('encrypted.xlsx', XLSX.CFB.write(ole, { type: 'buffer', fileType: 'cfb' }));

// an encrypted .xls: BIFF8 with a FILEPASS record (type 0x002F, RC4: wEncryptionType 1) right after the globals' BOF
const xls = XLSX.CFB.read(XLSX.write(byYear, { type: 'buffer', bookType: 'biff8' }), { type: 'buffer' });
const stream = xls.FileIndex.find((entry) => entry.name === 'Workbook');
const biff = Buffer.from(stream.content);
const bofLength = 4 + biff.readUInt16LE(2);
const filepass = Buffer.alloc(4 + 54);
filepass.writeUInt16LE(0x002f, 0);
filepass.writeUInt16LE(54, 2);
filepass.writeUInt16LE(1, 4);
stream.content = Buffer.concat([biff.subarray(0, bofLength), filepass, biff.subarray(bofLength)]);
write('encrypted.xls', XLSX.CFB.write(xls, { type: 'buffer', fileType: 'cfb' }));
