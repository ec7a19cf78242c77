/**
 * Bytes → text, with Node's own WHATWG decoders in fatal mode: bytes invalid in the encoding are an error
 * naming the line and byte offset, never U+FFFD. GB18030 comes from Node's ICU, no extra package.
 *
 * Auto-detection: a BOM decides; otherwise the first block of the input (up to 1 MiB, the whole file for any
 * yearbook table) is UTF-8 if it is valid UTF-8, else GB18030.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { SvcError } from '../../errors.js';
import { gb18030LinesWasm, isGb18030Wasm, utf8LineCandidatesWasm } from '../byte-kernel.js';

export type Encoding = 'utf8' | 'gb18030' | 'utf16le';
export type EncodingChoice = Encoding | 'auto';
export const ENCODING_CHOICES: readonly EncodingChoice[] = ['auto', 'utf8', 'gb18030', 'utf16le'];

const WHATWG_NAME: Record<Encoding, string> = { utf8: 'utf-8', gb18030: 'gb18030', utf16le: 'utf-16le' };

export interface Detected {
  readonly encoding: Encoding;
  /** bytes of BOM to skip */
  readonly bomLength: number;
}

export function detectEncoding(head: Uint8Array, choice: EncodingChoice): Detected {
  const utf8Bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const utf16leBom = head[0] === 0xff && head[1] === 0xfe;
  const utf16beBom = head[0] === 0xfe && head[1] === 0xff;
  if (choice !== 'auto') {
    const bomLength = (choice === 'utf8' && utf8Bom) ? 3 : (choice === 'utf16le' && utf16leBom) ? 2 : 0;
    return { encoding: choice, bomLength };
  }
  if (utf8Bom) return { encoding: 'utf8', bomLength: 3 };
  if (utf16leBom) return { encoding: 'utf16le', bomLength: 2 };
  if (utf16beBom) {
    throw new SvcError('ENCODING', 'UTF-16 big-endian input is not supported', { line: 1 },
      'save the file as UTF-8 or UTF-16LE');
  }
  const invalidAt = firstInvalidUtf8(head);
  if (invalidAt === -1) return { encoding: 'utf8', bomLength: 0 };
  // GB18030 text is rarely valid UTF-8 for a whole line of Chinese; if complete lines before the first invalid
  // byte are UTF-8 with Chinese in them, the file mixes encodings and no single decoding is right
  const lineEnd = head.lastIndexOf(0x0a, invalidAt);
  if (lineEnd > 0) {
    const prefix = new TextDecoder('utf-8').decode(head.subarray(0, lineEnd));
    if ((prefix.match(/[^\x00-\x7f]/g)?.length ?? 0) >= 2) {
      const line = countLineFeeds(prefix) + 2;
      throw new SvcError('ENCODING',
        `mixed encodings: the lines before line ${line} are UTF-8, but byte offset ${invalidAt} (0x${head[invalidAt]!.toString(16)}) is not`,
        { line }, 'convert the whole file to one encoding');
    }
  }
  return { encoding: 'gb18030', bomLength: 0 };
}

function utf8Fails(bytes: Uint8Array, length: number): boolean {
  try {
    // stream: a multi-byte character cut at the end is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return false;
  } catch {
    return true;
  }
}

/** Offset of the first byte that makes the input invalid UTF-8, or -1 (bisection over prefixes). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  if (!utf8Fails(bytes, bytes.length)) return -1;
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (utf8Fails(bytes, middle)) high = middle;
    else low = middle;
  }
  return high - 1;
}

/**
 * The longest line (or quoted field) read: beyond it the input is refused as soon as that much has been read,
 * instead of being held whole. No yearbook line comes near it.
 */
export const LINE_LIMIT = 64 << 20;

export interface PieceDecoderOptions {
  /**
   * The encoding was detected on the first block (`--encoding auto`): a GB18030 input is checked line by line
   * for UTF-8 lines after that block, which GB18030 would decode without error into mojibake.
   */
  readonly autoDetected?: boolean | undefined;
  /** for tests; LINE_LIMIT otherwise */
  readonly lineLimit?: number | undefined;
  /**
   * A byte range read after the header (a worker's part of a file): stream offsets from `from` on are file
   * offsets less `by`, and messages give file offsets.
   */
  readonly rangeShift?: { readonly from: number; readonly by: number } | undefined;
}

/**
 * Decodes a byte stream piece by piece. Each piece ends just after a line end (LF, CRLF, or a CR whose next
 * byte is known not to be LF). Neither byte is ever part of a multi-byte character in UTF-8 or GB18030 (nor,
 * at an even offset, in UTF-16LE), so each piece decodes on its own and an error can be placed exactly.
 * Bytes after the last line end wait as a list of blocks, joined once when their line ends: a long line costs
 * linear time, and a line longer than LINE_LIMIT is an error when that much has arrived.
 */
export class PieceDecoder {
  readonly encoding: Encoding;
  private readonly file: string;
  private readonly checkMixed: boolean;
  private readonly lineLimit: number;
  private readonly rangeShift: { readonly from: number; readonly by: number } | undefined;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  /**
   * Set by the reader between pushes: a rewrite of each piece's bytes before decoding (the CSV reader drops
   * the quotes of simply quoted text), or undefined to keep it. Must keep every line end and never join or
   * split a character: errors are still placed in the bytes as given.
   */
  transform: ((piece: Uint8Array) => Uint8Array | undefined) | undefined;
  /** whether `transform` rewrote the piece of the text last returned */
  transformed = false;
  /**
   * Set by the reader between pushes: return the next pieces as byte strings (one character per byte, Latin-1),
   * checked as text of the encoding but not decoded — for a reader that decodes only the cells it needs (see
   * `decodeBytes`). Only for encodings whose line ends, quotes and ASCII delimiters are never part of a character.
   */
  bytes = false;
  /** whether the text last returned is a byte string */
  returnedBytes = false;
  /** bytes of input consumed before `pending`, BOM included */
  private offset: number;
  /** line ends before `pending` */
  private lines = 0;
  /** The line feeds in the text the last push or end returned (its caller need not count them again). */
  lastLineFeeds = 0;

  constructor(detected: Detected, file: string, options: PieceDecoderOptions = {}) {
    this.encoding = detected.encoding;
    this.offset = detected.bomLength;
    this.file = file;
    this.checkMixed = options.autoDetected === true && detected.encoding === 'gb18030';
    this.lineLimit = options.lineLimit ?? LINE_LIMIT;
    this.rangeShift = options.rangeShift;
  }

  /** The offset in the file of a byte at `streamOffset` of what this decoder was given. */
  private fileOffset(streamOffset: number): number {
    const shift = this.rangeShift;
    return shift !== undefined && streamOffset >= shift.from ? streamOffset + shift.by : streamOffset;
  }

  /** Text of all complete lines received so far, line ends as LF. */
  push(chunk: Uint8Array): string {
    this.lastLineFeeds = 0;
    if (chunk.length === 0) return '';
    this.refuseBinary(chunk);
    const cut = this.lastLineEnd(chunk);
    if (cut === 0) {
      // a copy: the caller may reuse its block
      this.pending.push(new Uint8Array(chunk));
      this.pendingLength += chunk.length;
      if (this.pendingLength > this.lineLimit) throw this.tooLong();
      return '';
    }
    if (this.pendingLength + cut > this.lineLimit && this.longestLine(chunk, cut) > this.lineLimit) throw this.tooLong();
    const piece = this.pendingLength === 0 ? chunk.subarray(0, cut) : this.joinPending(chunk.subarray(0, cut));
    this.pending = cut < chunk.length ? [new Uint8Array(chunk.subarray(cut))] : [];
    this.pendingLength = chunk.length - cut;
    return this.decodePiece(piece);
  }

  /** Text of whatever remains at the end of input. */
  end(): string {
    this.lastLineFeeds = 0;
    if (this.pendingLength === 0) return '';
    const rest = this.joinPending(new Uint8Array(0));
    this.pending = [];
    this.pendingLength = 0;
    return this.decodePiece(rest);
  }

  private joinPending(tail: Uint8Array): Uint8Array {
    const joined = new Uint8Array(this.pendingLength + tail.length);
    let at = 0;
    for (const part of this.pending) {
      joined.set(part, at);
      at += part.length;
    }
    joined.set(tail, at);
    return joined;
  }

  /** The length of the line that ends in the first `cut` bytes of `chunk` and began in `pending`, or of the longest. */
  private longestLine(chunk: Uint8Array, cut: number): number {
    const firstEnd = Math.min(indexOfLineEnd(chunk, 0), cut);
    let longest = this.pendingLength + firstEnd;
    for (let start = firstEnd + 1; start < cut;) {
      const end = Math.min(indexOfLineEnd(chunk, start), cut);
      longest = Math.max(longest, end - start);
      start = end + 1;
    }
    return longest;
  }

  private tooLong(): SvcError {
    return new SvcError('CSV_SYNTAX', `a line longer than ${this.lineLimit >> 20} MiB (the limit for one line or field)`,
      { file: this.file, line: this.lines + 1 }, 'is this a CSV file? a line of a table is rarely longer than a few KiB');
  }

  /** A NUL byte never occurs in CSV text outside UTF-16: checked on whole blocks, before any line is parsed. */
  private refuseBinary(chunk: Uint8Array): void {
    if (this.encoding === 'utf16le') return;
    const nul = chunk.indexOf(0);
    if (nul === -1) return;
    const before = this.joinPending(chunk.subarray(0, nul));
    const line = this.lines + countLineEnds(before) + 1;
    throw new SvcError('ENCODING', `binary data: a NUL byte at byte offset ${this.fileOffset(this.offset + this.pendingLength + nul)}`, { file: this.file, line },
      'this is not a CSV text file');
  }

  /** Just after the last line end of `chunk` whose end is certain (a final CR may be the start of CRLF), or 0. */
  private lastLineEnd(chunk: Uint8Array): number {
    if (this.encoding !== 'utf16le') {
      const lineFeed = chunk.lastIndexOf(0x0a);
      const carriageReturn = chunk.length >= 2 ? chunk.lastIndexOf(0x0d, chunk.length - 2) : -1;
      return Math.max(lineFeed, carriageReturn) + 1;
    }
    // UTF-16LE: a line end is the code unit 0x000A, or 0x000D with a known next unit, at an even stream offset
    const base = this.offset + this.pendingLength;
    for (let index = chunk.length - 2; index >= 0; index -= 1) {
      if ((base + index) % 2 !== 0 || chunk[index + 1] !== 0x00) continue;
      if (chunk[index] === 0x0a) return index + 2;
      if (chunk[index] === 0x0d && index + 4 <= chunk.length) return index + 2;
    }
    return 0;
  }

  private decodePiece(piece: Uint8Array): string {
    let text: string;
    // whether the piece is GB18030, when the check of mixed encodings found out in the same pass
    const gb18030 = this.checkMixed ? this.refuseUtf8Lines(piece) : undefined;
    const rewritten = this.transform === undefined || this.encoding === 'utf16le' ? undefined : this.transform(piece);
    this.transformed = rewritten !== undefined;
    this.returnedBytes = this.bytes && this.encoding !== 'utf16le';
    const bytes = rewritten ?? piece;
    if (this.returnedBytes && this.encoding !== 'utf16le') {
      // checked without decoding (natively for UTF-8); the cells are decoded by whoever needs them
      const known = bytes === piece ? gb18030 : undefined;
      if (!(this.encoding === 'utf8' ? isUtf8(bytes) : known ?? isGb18030Wasm(bytes) ?? isGb18030(bytes))) throw this.locateError(piece);
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    } else {
      try {
        text = new TextDecoder(WHATWG_NAME[this.encoding], { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw this.locateError(piece);
      }
      if (this.returnedBytes) text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    }
    this.offset += piece.length;
    // one line end for the parser and the line count: CRLF and CR (old Mac files) become LF
    const normal = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    this.lastLineFeeds = countLineFeeds(normal);
    this.lines += this.lastLineFeeds;
    return normal;
  }

  /**
   * In an input detected as GB18030, a line that is valid UTF-8 with non-ASCII text in it is a UTF-8 line: GB18030
   * would decode it without error into mojibake (广东 as 骞夸笢). Lines of GB18030 Chinese are almost never valid
   * UTF-8, and isUtf8 stops at their first Chinese byte, so the check costs little. Whether the piece is GB18030,
   * when the same pass found out (in WebAssembly), else undefined.
   */
  private refuseUtf8Lines(piece: Uint8Array): boolean | undefined {
    if (isAscii(piece)) return undefined;
    // one pass, no allocation per line: a line is looked at closely only if its first non-ASCII bytes form a
    // UTF-8 character (GB18030 Chinese almost never does: 广 is B9 E3, and B9 cannot start a UTF-8 character)
    let lineNumber = this.lines + 1;
    const refuse = (start: number, end: number): void => {
      const line = piece.subarray(start, end);
      if (isUtf8(line) && nonAsciiCharacters(line) >= 2) {
        throw new SvcError('ENCODING',
          `mixed encodings: the line is UTF-8, but the input began as GB18030 (byte offset ${this.fileOffset(this.offset + start)})`,
          { file: this.file, line: lineNumber }, 'convert the whole file to one encoding');
      }
    };
    // Buffer's indexOf is native (memchr); a plain Uint8Array's is a loop of the engine, 6× slower
    const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    const crLess = buffer.indexOf(0x0d) === -1;
    // the lines to look at closely, found in WebAssembly (io/byte-kernel.ts) as the loop below finds them, with the
    // check of GB18030 in the same pass (its answer kept for decodePiece, for these bytes if not rewritten)
    const checked = crLess ? gb18030LinesWasm(piece) : undefined;
    const candidates = checked === undefined || checked === false ? (crLess ? utf8LineCandidatesWasm(piece) : undefined) : checked;
    if (candidates !== undefined) {
      const first = lineNumber;
      for (const { start, end, line } of candidates) {
        lineNumber = first + line;
        refuse(start, end);
      }
      return checked === undefined ? undefined : checked !== false;
    }
    if (crLess) {
      // LF line ends only (the common case): lines found natively, each scanned up to its first non-ASCII byte
      for (let start = 0; start < piece.length; lineNumber += 1) {
        const lineFeed = buffer.indexOf(0x0a, start);
        const end = lineFeed === -1 ? piece.length : lineFeed;
        let index = start;
        while (index < end && piece[index]! < 0x80) index += 1;
        if (index < end && startsUtf8Character(piece, index)) refuse(start, end);
        start = end + 1;
      }
      return undefined;
    }
    let lineStart = 0;
    let candidate = false;
    let seenHigh = false;
    const length = piece.length;
    for (let index = 0; index <= length; index += 1) {
      const byte = index < length ? piece[index]! : 0x0a;
      if (byte === 0x0a || byte === 0x0d) {
        if (candidate) refuse(lineStart, index);
        if (byte === 0x0d && piece[index + 1] === 0x0a) index += 1; // CRLF is one line end
        lineNumber += 1;
        lineStart = index + 1;
        candidate = false;
        seenHigh = false;
      } else if (byte >= 0x80 && !seenHigh) {
        seenHigh = true;
        candidate = startsUtf8Character(piece, index);
      }
    }
    return undefined;
  }

  /** Text of a byte string this decoder returned (the cells of a line, or a whole line), decoded. */
  decodeBytes(bytes: string): string {
    if (isAsciiString(bytes)) return bytes;
    const buffer = Buffer.from(bytes, 'latin1');
    return this.encoding === 'utf8' ? buffer.toString('utf8') : new TextDecoder(WHATWG_NAME[this.encoding], { ignoreBOM: true }).decode(buffer);
  }

  /** The first byte at which decoding fails: the shortest failing prefix, found by bisection. */
  private locateError(piece: Uint8Array): SvcError {
    const name = WHATWG_NAME[this.encoding];
    const fails = (length: number, final: boolean): boolean => {
      try {
        new TextDecoder(name, { fatal: true, ignoreBOM: true }).decode(piece.subarray(0, length), { stream: !final });
        return false;
      } catch {
        return true;
      }
    };
    let low = 0;
    let high = piece.length;
    if (fails(piece.length, false)) {
      while (high - low > 1) {
        const middle = (low + high) >>> 1;
        if (fails(middle, false)) high = middle;
        else low = middle;
      }
    }
    // high is the length of the shortest failing prefix (the whole piece when it fails only at its end)
    const byteInPiece = Math.max(0, high - 1);
    const prefix = new TextDecoder(name, { ignoreBOM: true }).decode(piece.subarray(0, byteInPiece));
    const line = this.lines + countLineFeeds(prefix) + 1;
    const offset = this.fileOffset(this.offset + byteInPiece);
    const byte = piece[byteInPiece];
    const shown = byte === undefined ? 'end of input' : `0x${byte.toString(16).padStart(2, '0')}`;
    const hint = this.encoding === 'utf8'
      ? 'if the file is GBK/GB18030, pass --encoding gb18030'
      : this.encoding === 'gb18030' ? 'the file is neither valid UTF-8 nor GB18030' : undefined;
    return new SvcError('ENCODING',
      `invalid ${DISPLAY_NAME[this.encoding]} at byte offset ${offset} (${shown})`, { file: this.file, line }, hint);
  }
}

export const DISPLAY_NAME: Record<Encoding, string> = { utf8: 'UTF-8', gb18030: 'GB18030', utf16le: 'UTF-16LE' };

function countLineFeeds(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

/** Line ends in bytes of UTF-8 or GB18030 text: LF, CR and CRLF each count once. */
export function countLineEnds(bytes: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    if (byte === 0x0a) count += 1;
    else if (byte === 0x0d && bytes[index + 1] !== 0x0a) count += 1;
  }
  return count;
}

/** The index of the next LF or CR from `start`, or the length. */
function indexOfLineEnd(bytes: Uint8Array, start: number): number {
  const lineFeed = bytes.indexOf(0x0a, start);
  const end = lineFeed === -1 ? bytes.length : lineFeed;
  const carriageReturn = bytes.subarray(start, end).indexOf(0x0d);
  return carriageReturn === -1 ? end : start + carriageReturn;
}

/** Whether the bytes at `at` are a whole UTF-8 character of two to four bytes. */
function startsUtf8Character(bytes: Uint8Array, at: number): boolean {
  const lead = bytes[at]!;
  const size = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (size === 0 || at + size > bytes.length) return false;
  for (let index = at + 1; index < at + size; index += 1) {
    const byte = bytes[index]!;
    if (byte < 0x80 || byte > 0xbf) return false;
  }
  return true;
}

/** Characters of valid UTF-8 bytes that are not ASCII: their lead bytes. */
function nonAsciiCharacters(bytes: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index]! >= 0xc0) count += 1;
  return count;
}

/** Whether a string has only ASCII characters (a byte string of ASCII bytes reads the same decoded). */
function isAsciiString(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/**
 * Whether bytes are GB18030 text as the WHATWG decoder reads them with `fatal` (Node's TextDecoder, checked
 * against it for every two- and four-byte sequence): a byte below 0x81 is a character (0x80 is €); a lead byte
 * 0x81–0xFE takes a trail byte 0x40–0x7E or 0x80–0xFE, or 0x30–0x39 then 0x81–0xFE then 0x30–0x39 whose
 * pointer is within the index's ranges; anything else is an error.
 */
export function isGb18030(bytes: Uint8Array): boolean {
  const length = bytes.length;
  for (let index = 0; index < length;) {
    const lead = bytes[index]!;
    if (lead < 0x81) {
      index += 1;
      continue;
    }
    if (lead === 0xff || index + 1 >= length) return false;
    const second = bytes[index + 1]!;
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) {
      index += 2;
      continue;
    }
    if (second < 0x30 || second > 0x39 || index + 3 >= length) return false;
    const third = bytes[index + 2]!;
    const fourth = bytes[index + 3]!;
    if (third < 0x81 || third > 0xfe || fourth < 0x30 || fourth > 0x39) return false;
    const pointer = (lead - 0x81) * 12600 + (second - 0x30) * 1260 + (third - 0x81) * 10 + (fourth - 0x30);
    if ((pointer > 39419 && pointer < 189000) || pointer > 1237575) return false;
    index += 4;
  }
  return true;
}
