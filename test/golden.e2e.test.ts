/**
 * Golden outputs: every README example and fixture command, in every format, byte for byte (stdout, stderr and
 * exit code). Recorded with scripts/record-goldens.mjs; a deliberate change of output is re-recorded and shows
 * in the diff of test/golden/out/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module shared with the recording script
import { goldenCases, goldenText, runGolden } from './golden/cases.mjs';

interface GoldenCase { name: string; line: string; args: string[]; file: string }

describe('golden outputs', () => {
  for (const golden of goldenCases() as GoldenCase[]) {
    it(`${golden.name}: ${golden.line}`, () => {
      expect(goldenText(runGolden(golden.args))).toBe(readFileSync(golden.file, 'utf8'));
    });
  }
});

describe('machine formats do not depend on the language', () => {
  const machine = (goldenCases() as GoldenCase[]).filter((golden) => /-f (csv|tsv|json|ndjson)\b/.test(golden.line));
  for (const golden of machine) {
    it(`${golden.name} under LANG=zh_CN.UTF-8 and with --lang zh (the golden itself is LANG=C, English): ${golden.line}`, () => {
      const expected = readFileSync(golden.file, 'utf8').split('--- stdout\n')[1];
      expect(runGolden(golden.args, 'zh_CN.UTF-8').stdout).toBe(expected);
      expect(runGolden([...golden.args, '--lang', 'zh']).stdout).toBe(expected);
    });
  }
});
