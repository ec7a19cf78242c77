import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY_KIND_MESSAGES, sniffBinaryKind } from '../../src/io/xlsx.js';
import { ROOT } from '../helpers.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const CSV = '地区,社区数（个）,城镇人口（万人）\r\n全国,79947,56212\r\n';

describe('sniffBinaryKind', () => {
  it('a zip holding xl/workbook.xml is xlsx: a LibreOffice workbook, and a hand-made zip head', () => {
    const workbook = new Uint8Array(readFileSync(join(ROOT, 'fixtures', 'xlsx', 'yearbook-2008.xlsx')));
    expect(sniffBinaryKind(workbook.subarray(0, 64 * 1024))).toBe('xlsx');
    // a local file header (PK\3\4, 26 bytes of fields) followed by the part name
    const head = new Uint8Array([...bytes(0x50, 0x4b, 0x03, 0x04), ...new Uint8Array(26), ...ascii('xl/workbook.xml')]);
    expect(sniffBinaryKind(head)).toBe('xlsx');
  });

  it('an .ods is an .ods; a zip that is no workbook (a .docx) is a zip, refused with what it is', () => {
    const ods = new Uint8Array([...bytes(0x50, 0x4b, 0x03, 0x04), ...new Uint8Array(26), ...ascii('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]);
    expect(sniffBinaryKind(ods)).toBe('ods');
    const docx = new Uint8Array([...bytes(0x50, 0x4b, 0x03, 0x04), ...new Uint8Array(26), ...ascii('word/document.xml')]);
    expect(sniffBinaryKind(docx)).toBe('zip');
    expect(BINARY_KIND_MESSAGES.zip.message).toBe('a zip archive that is not an .xlsx or .ods workbook, not a table file');
  });

  it('the OLE2 magic D0 CF 11 E0 A1 B1 1A E1 is an .xls (Excel 97), read as a workbook', () => {
    expect(sniffBinaryKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0))).toBe('xls');
  });

  it('UTF-16 without a BOM, either byte order; not with a BOM (the decoder reads those)', () => {
    expect(sniffBinaryKind(new Uint8Array(Buffer.from(CSV, 'utf16le')))).toBe('utf16-no-bom');
    const bigEndian = Buffer.from(CSV, 'utf16le').swap16();
    expect(sniffBinaryKind(new Uint8Array(bigEndian))).toBe('utf16-no-bom');
    expect(sniffBinaryKind(new Uint8Array(Buffer.from(`\ufeff${CSV}`, 'utf16le')))).toBeUndefined();
  });

  it('a stray NUL in 8-bit text is not UTF-16 (the reader calls it binary data)', () => {
    expect(sniffBinaryKind(ascii('unit,communities\nA,1\u0000\n'))).toBeUndefined();
  });

  it('an HTML page saved as .csv or .xls', () => {
    expect(sniffBinaryKind(ascii('<!DOCTYPE html>\n<html><body><table>'))).toBe('html');
    expect(sniffBinaryKind(ascii('\r\n  <html xmlns:x="urn:schemas-microsoft-com:office:excel">'))).toBe('html');
    expect(sniffBinaryKind(new Uint8Array(Buffer.from('\ufeff<table border=1><tr><td>地区</td></tr>', 'utf8')))).toBe('html');
    expect(BINARY_KIND_MESSAGES.html.message).toMatch(/^an HTML page saved as \.csv/);
  });

  it('a PDF', () => {
    expect(sniffBinaryKind(ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'))).toBe('pdf');
  });

  it('CSV text is none of these: UTF-8, UTF-8 with a BOM, GB18030, a CSV that mentions <html> in a cell', () => {
    expect(sniffBinaryKind(new Uint8Array(Buffer.from(CSV, 'utf8')))).toBeUndefined();
    expect(sniffBinaryKind(new Uint8Array(Buffer.from(`\ufeff${CSV}`, 'utf8')))).toBeUndefined();
    // 地区,社区数 in GB18030
    expect(sniffBinaryKind(bytes(0xb5, 0xd8, 0xc7, 0xf8, 0x2c, 0xc9, 0xe7, 0xc7, 0xf8, 0xca, 0xfd, 0x0a))).toBeUndefined();
    expect(sniffBinaryKind(ascii('label,note\nx,<html>\n'))).toBeUndefined();
    expect(sniffBinaryKind(new Uint8Array(0))).toBeUndefined();
  });

  it('every kind has a message and a hint', () => {
    for (const kind of ['zip', 'utf16-no-bom', 'html', 'pdf'] as const) {
      expect(BINARY_KIND_MESSAGES[kind].message.length).toBeGreaterThan(0);
      expect(BINARY_KIND_MESSAGES[kind].hint.length).toBeGreaterThan(0);
    }
  });
});
