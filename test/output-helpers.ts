// Device nodes for tests that write onto devices with -o. As root, a regression that replaced the node (a
// temporary file renamed over it) would destroy the real /dev/null: it did, once, while these tests were
// checked against the old writer. So as root the tests use private nodes of the same devices in a scratch
// folder; elsewhere the real ones, which a regression cannot replace without root.
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './helpers.js';

const DEVICES = { null: [1, 3], full: [1, 7] } as const;

/** A path to the null or full device that a faulty writer may destroy without harm. */
export function deviceNode(name: keyof typeof DEVICES): string {
  if (process.getuid?.() !== 0) return `/dev/${name}`;
  const [major, minor] = DEVICES[name];
  const path = join(scratchDir(), name);
  try {
    execFileSync('mknod', ['-m', '666', path, 'c', String(major), String(minor)], { stdio: 'pipe' });
    return path;
  } catch {
    throw new Error(`running as root but mknod ${path} failed: not writing onto the real /dev/${name}`);
  }
}

/** As root, a private link to /proc/self/fd/1, for the same reason; else /dev/stdout. */
export function stdoutLink(): string {
  if (process.getuid?.() !== 0) return '/dev/stdout';
  const path = join(scratchDir(), 'stdout');
  symlinkSync('/proc/self/fd/1', path);
  return path;
}
