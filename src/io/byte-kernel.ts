/**
 * The reader's byte loops in WebAssembly (wasm/byte-kernel.ts): the dropping of simple quotes (csv/records.ts
 * withoutSimpleQuotes), the check of GB18030 and the lines of a GB18030 input that may be UTF-8, alone or in one
 * pass (sources/encoding.ts). Each gives what its JavaScript counterpart gives, byte for byte (a property compares
 * them, test/byte-kernel.property.test.ts); one instance a thread, made on first use. SVC_STATS_WASM=0 keeps
 * to the JavaScript.
 */
import { BYTE_KERNEL_WASM } from './byte-kernel-wasm.js';

interface ByteExports {
  readonly memory: WebAssembly.Memory;
  reserve(length: number): void;
  inputAt(): number;
  outputAt(): number;
  dropSimpleQuotes(length: number, delimiter: number): number;
  isGb18030(length: number): number;
  utf8LineCandidates(length: number): number;
  gb18030Lines(length: number): number;
}

let instance: ByteExports | undefined;

/** The kernel, or undefined under SVC_STATS_WASM=0. */
function kernel(): ByteExports | undefined {
  if (process.env['SVC_STATS_WASM'] === '0') return undefined;
  if (instance === undefined) {
    instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(BYTE_KERNEL_WASM, 'base64')), {}).exports as ByteExports;
  }
  return instance;
}

/** The bytes put in the kernel's memory (room made for them and as much written). */
function put(k: ByteExports, bytes: Uint8Array): void {
  k.reserve(bytes.length);
  new Uint8Array(k.memory.buffer, k.inputAt(), bytes.length).set(bytes);
}

/** withoutSimpleQuotes's loop: the bytes without simple quotes, undefined when not so simple; null without the kernel. */
export function dropSimpleQuotesWasm(bytes: Uint8Array, delimiter: number): Uint8Array | undefined | null {
  const k = kernel();
  if (k === undefined) return null;
  put(k, bytes);
  const written = k.dropSimpleQuotes(bytes.length, delimiter);
  return written === -1 ? undefined : new Uint8Array(k.memory.buffer, k.outputAt(), written).slice();
}

/** isGb18030, or undefined without the kernel. */
export function isGb18030Wasm(bytes: Uint8Array): boolean | undefined {
  const k = kernel();
  if (k === undefined) return undefined;
  put(k, bytes);
  return k.isGb18030(bytes.length) !== 0;
}

export interface LineCandidate {
  readonly start: number;
  readonly end: number;
  /** its index among the lines of the bytes */
  readonly line: number;
}

/**
 * The lines of LF-ended bytes whose first byte beyond ASCII starts a UTF-8 character: their start, end and index
 * among the lines; undefined without the kernel or when they are too many to list (then every line is looked at).
 */
export function utf8LineCandidatesWasm(bytes: Uint8Array): LineCandidate[] | undefined {
  const k = kernel();
  if (k === undefined) return undefined;
  put(k, bytes);
  return candidates(k, k.utf8LineCandidates(bytes.length));
}

/**
 * isGb18030 and utf8LineCandidatesWasm in one pass, for LF-ended bytes: false when the bytes are not GB18030 (then
 * no line is listed), else the candidate lines; undefined without the kernel or when they are too many.
 */
export function gb18030LinesWasm(bytes: Uint8Array): LineCandidate[] | false | undefined {
  const k = kernel();
  if (k === undefined) return undefined;
  put(k, bytes);
  const count = k.gb18030Lines(bytes.length);
  return count === -2 ? false : candidates(k, count);
}

function candidates(k: ByteExports, count: number): LineCandidate[] | undefined {
  if (count < 0) return undefined;
  const words = new Int32Array(k.memory.buffer, k.outputAt(), count * 3);
  return Array.from({ length: count }, (_, at) => ({ start: words[at * 3]!, end: words[at * 3 + 1]!, line: words[at * 3 + 2]! }));
}
