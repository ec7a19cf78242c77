/**
 * Issue 12: JSON and NDJSON from every command parse with JSON.parse, for any input the reader accepts — odd
 * years (05, 2005.0, blank), decimals in 万 columns, missing markers, labels of any printable text. Inputs the
 * reader refuses give exit 2 and one line. Runs the real binary: FUZZ_CLI_RUNS sets the number of inputs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers.js';

const RUNS = Number(process.env['FUZZ_CLI_RUNS'] ?? 12);

const label = fc.oneof(
  fc.constantFrom('北京', '广东省', '内蒙古自治区', '全国', '合计', '#其中', 'Total', 'a"b', '=1+1', '  空格  '),
  fc.string({ unit: fc.constantFrom('北', '京', 'x', '-', '.', '0', '1', ' ', '省', '\u3000'), minLength: 1, maxLength: 6 }),
);
const year = fc.constantFrom('2005', '05', '2009', '', '2005.0', '１９９９');
const count = fc.oneof(fc.constantFrom('', '…', '-', '—', '0', '1,234', '５６'), fc.nat(100000).map(String));
const tenThousands = fc.oneof(fc.constantFrom('', '…', '0.5', '1.25', '56212'), fc.nat(99999).map((n) => (n / 100).toFixed(2)));

const input = fc.tuple(fc.boolean(), fc.array(fc.tuple(label, year, count, tenThousands, count), { minLength: 1, maxLength: 8 }));

function csv([withYear, rows]: [boolean, [string, string, string, string, string][]]): string {
  const quote = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const header = ['地区', ...(withYear ? ['年份'] : []), '社区数', '城镇人口（万人）', '社区服务中心数'];
  return [header, ...rows.map(([unit, y, communities, population, centres]) =>
    [unit, ...(withYear ? [y] : []), communities, population, centres])].map((cells) => cells.map(quote).join(',')).join('\n') + '\n';
}

const COMMANDS: readonly (readonly string[])[] = [
  ['coverage'], ['coverage', '--totals'], ['coverage', '--by', '地区'], ['describe'],
  ['equity', '-i', 'population_per_community', '--weight', 'none'], ['verify', '--check-totals'],
];

describe('JSON output of every command is valid for any accepted input', () => {
  it.each(COMMANDS.map((command) => [command.join(' '), command] as const))('%s', (_name, command) => {
    const folder = scratchDir();
    fc.assert(
      fc.property(input, fc.constantFrom('json', 'ndjson'), (generated, format) => {
        const file = join(folder, 'input.csv');
        writeFileSync(file, csv(generated));
        const run = runCli([command[0]!, file, ...command.slice(1), '-f', format]);
        if (run.status === 2) {
          expect(run.stderr.split('\n')).toHaveLength(2);
          return;
        }
        expect([0, 1]).toContain(run.status);
        if (format === 'json') expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
        // one object a line in both formats: each parses, and repeats no key (JSON.parse would keep the last)
        const objects = run.stdout.split('\n').map((line) => line.trim().replace(/,$/, '')).filter((line) => line.startsWith('{'));
        for (const text of objects) {
          const object = JSON.parse(text) as Record<string, unknown>;
          const keys = [...text.matchAll(/"([a-z0-9_]+)":/g)].map((match) => match[1]);
          expect(Object.keys(object)).toHaveLength(keys.length);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
