import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, everyCommand } from '../../src/cli.js';
import { displayWidth } from '../../src/render/width.js';
import { helpWidth, wrapHelpText } from '../../src/render/help.js';
import { ROOT, runCli } from '../helpers.js';

/** The words to type for a command's help: [] for the program, ['compare'], ['completion', 'bash'] … */
function pathOf(command: Command): string[] {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names;
}

const commands = everyCommand(await buildProgram()).map(pathOf);

function widest(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

describe('help within the terminal', () => {
  it('iterates the program itself (a command registered later is covered without a change here)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(11);
    expect(commands).toContainEqual(['compare']);
  });

  it.each(commands.map((path) => [path.join(' ') || '(program)', path] as const))('%s --help fits 80 columns, and COLUMNS=72', (_name, path) => {
    const run80 = runCli([...path, '--help']);
    expect(run80.status).toBe(0);
    expect(run80.stdout).toContain('Usage: svc-stats');
    expect(widest(run80.stdout)).toBeLessThanOrEqual(80);
    const run72 = runCli([...path, '--help'], { env: { COLUMNS: '72' } });
    expect(widest(run72.stdout)).toBeLessThanOrEqual(72);
    // every input an example names is a bundled file (outputs after -o or > aside)
    for (const example of examplesOf(run80.stdout)) {
      for (const file of inputFiles(example)) expect(existsSync(join(ROOT, file)), `${file} in: ${example}`).toBe(true);
    }
  });
});

/** The example commands of a help text, each joined from its continuation lines. */
function examplesOf(help: string): string[] {
  const examples: string[] = [];
  let current: string | undefined;
  for (const line of help.split('\n')) {
    if (current !== undefined) {
      current += ` ${line.trim()}`;
    } else if (/^\s*\$ /.test(line)) {
      current = line.trim();
    }
    if (current !== undefined && !current.endsWith('\\')) {
      examples.push(current);
      current = undefined;
    } else if (current !== undefined) {
      current = current.slice(0, -1).trimEnd();
    }
  }
  return examples;
}

function inputFiles(example: string): string[] {
  const words = example.replace(/\s#.*$/, '').split(/\s+/);
  return words.filter((word, index) => /\.(csv|tsv|xlsx|json)$/.test(word) && !['-o', '--output', '>'].includes(words[index - 1] ?? ''));
}

describe('helpWidth', () => {
  it('takes COLUMNS over the terminal, caps at 80, never below 40', () => {
    expect(helpWidth({ COLUMNS: '72' }, 120)).toBe(72);
    expect(helpWidth({}, 120)).toBe(80);
    expect(helpWidth({}, 60)).toBe(60);
    expect(helpWidth({}, undefined)).toBe(80);
    expect(helpWidth({ COLUMNS: '20' }, undefined)).toBe(40);
    expect(helpWidth({ COLUMNS: 'wide' }, 70)).toBe(70);
  });
});

describe('wrapHelpText', () => {
  it('wraps an example with \\ continuations, keeping an option with its value, and a comment on the line above', () => {
    const text = '  $ svc-stats chart data/provinces-2005-divisions.csv data/provinces-2009-divisions.csv --indicator subdistricts -o change.png  (two editions)';
    const lines = wrapHelpText(text, 60).split('\n');
    expect(lines[0]).toBe('  # two editions');
    expect(lines.slice(1, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    expect(lines.some((line) => /-o change\.png$/.test(line))).toBe(true);
    expect(lines.some((line) => /--indicator subdistricts/.test(line))).toBe(true);
    expect(widest(lines.join('\n'))).toBeLessThanOrEqual(60);
  });

  it('re-flows prose by display width: a CJK character takes two columns', () => {
    const text = `${'广东省 '.repeat(30)}end`;
    const lines = wrapHelpText(text, 40).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(lines.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });
});
