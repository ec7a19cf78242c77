/**
 * Bytes → text, with Node's own WHATWG decoders in fatal mode: bytes invalid in the encoding are an error
 * naming the line and byte offset, never U+FFFD. GB18030 comes from Node's ICU, no extra package.
 *
 * Auto-detection: a BOM decides; otherwise the first block of the input (up to 1 MiB, the whole file for any
 * yearbook table) is UTF-8 if it is valid UTF-8, else GB18030.
 */
import { SvcError } from '../../errors.js';

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
 * Decodes a byte stream piece by piece. Each piece ends just after a line feed, which is never part of a
 * multi-byte character in UTF-8, GB18030 or (at an even offset) UTF-16LE, so each decodes on its own and an
 * error can be placed exactly.
 */
export class PieceDecoder {
  readonly encoding: Encoding;
  private readonly file: string;
  private pending: Uint8Array = new Uint8Array(0);
  /** bytes of input consumed before `pending`, BOM included */
  private offset: number;
  /** line feeds before `pending` */
  private lines = 0;

  constructor(detected: Detected, file: string) {
    this.encoding = detected.encoding;
    this.offset = detected.bomLength;
    this.file = file;
  }

  /** Text of all complete lines received so far. */
  push(chunk: Uint8Array): string {
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    this.refuseBinary(bytes);
    const cut = this.lastLineEnd(bytes);
    // pending bytes are copied (new Uint8Array, not Buffer#slice, which is a view): the caller may reuse its block
    if (cut === 0) {
      this.pending = bytes === chunk ? new Uint8Array(chunk) : bytes;
      return '';
    }
    this.pending = new Uint8Array(bytes.subarray(cut));
    return this.decodePiece(bytes.subarray(0, cut));
  }

  /** Text of whatever remains at the end of input. */
  end(): string {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest.length === 0 ? '' : this.decodePiece(rest);
  }

  /** A NUL byte never occurs in CSV text outside UTF-16: checked on whole blocks, before any line is parsed. */
  private refuseBinary(bytes: Uint8Array): void {
    if (this.encoding === 'utf16le') return;
    const nul = bytes.indexOf(0);
    if (nul === -1) return;
    const line = this.lines + countLineFeeds(new TextDecoder('latin1').decode(bytes.subarray(0, nul))) + 1;
    throw new SvcError('ENCODING', `binary data: a NUL byte at byte offset ${this.offset + nul}`, { file: this.file, line },
      'this is not a CSV text file');
  }

  private lastLineEnd(bytes: Uint8Array): number {
    const step = this.encoding === 'utf16le' ? 2 : 1;
    for (let index = bytes.lastIndexOf(0x0a); index >= 0; index = bytes.lastIndexOf(0x0a, index - 1)) {
      if (step === 1) return index + 1;
      if ((this.offset + index) % 2 === 0 && bytes[index + 1] === 0x00) return index + 2;
      if (index === 0) break;
    }
    return 0;
  }

  private decodePiece(piece: Uint8Array): string {
    let text: string;
    try {
      text = new TextDecoder(WHATWG_NAME[this.encoding], { fatal: true, ignoreBOM: true }).decode(piece);
    } catch {
      throw this.locateError(piece);
    }
    this.offset += piece.length;
    // one line end for the parser and the line count: CRLF and CR (old Mac files) become LF
    const normal = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    this.lines += countLineFeeds(normal);
    return normal;
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
    const offset = this.offset + byteInPiece;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
