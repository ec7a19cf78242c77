/** What an --output names, for choices made before writing (a BOM goes into files, not into streams). */
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const MAX_SYMLINKS = 40;
/** /dev/stdout, /proc/self/fd/1: names of a stream, even when that stream is redirected into a file. */
const STREAM_NAME = /^\/(?:dev|proc)\//;

/**
 * True when `path` is, or will be, a regular file: a new name, a file, or a link to one. A device, FIFO or
 * socket, or a name that is (or links to) one under /dev or /proc, is a stream, written as a shell redirect
 * would: `-o /dev/stdout` is `> file` even when standard output is a file.
 */
export function isFileTarget(path: string): boolean {
  let current = resolve(path);
  try {
    for (let hops = 0; hops < MAX_SYMLINKS; hops += 1) {
      if (STREAM_NAME.test(current)) return false;
      if (!lstatSync(current).isSymbolicLink()) break;
      current = resolve(dirname(current), readlinkSync(current));
    }
    return statSync(current).isFile();
  } catch {
    return true; // a new file (a missing folder is refused before any work)
  }
}

/** True for `-o` a device, FIFO or socket (`-o rows.fifo`, `-o /dev/null`): its extension names no format. */
export function isStreamTarget(output: string | undefined): boolean {
  return output !== undefined && !isFileTarget(output);
}
