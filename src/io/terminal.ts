/**
 * Whether standard input, output or error is a terminal, asked without making process.stdout or process.stderr:
 * making one for a pipe loads net and the streams (~2 ms of a start), and tty loads them too, so only a
 * character device is asked, and not /dev/null (`> /dev/null`), known by its device number.
 */
import type { Stats } from 'node:fs';
import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Whether `fd`, whose fstat is `node`, is a terminal: tty.isatty, loaded when asked. */
export function isTerminalDevice(fd: number, node: Stats): boolean {
  if (!node.isCharacterDevice()) return false;
  try {
    if (node.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // no /dev/null (Windows): tty says
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

export function isTerminal(fd: 0 | 1 | 2): boolean {
  let node: Stats;
  try {
    node = fstatSync(fd);
  } catch {
    return false; // closed
  }
  return isTerminalDevice(fd, node);
}
