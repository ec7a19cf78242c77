/**
 * Whether standard input, output or error is a terminal, asked without making process.stdout or process.stderr:
 * making one for a pipe loads net and the streams (~2 ms of a start), and tty loads them too, so only a
 * character device is asked.
 */
import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';

/** tty.isatty, loaded when asked. */
export const isatty = (fd: number): boolean => (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);

export function isTerminal(fd: 0 | 1 | 2): boolean {
  let characterDevice: boolean;
  try {
    characterDevice = fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
  return characterDevice && isatty(fd);
}
