/**
 * The README's console examples print what the README shows, run as written in an 80-column terminal
 * (scripts/readme-examples.mjs; `--write` refreshes them), and every table line of them fits 80 columns.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module shared with the script
import { readmeExamples, runExample } from '../scripts/readme-examples.mjs';
import { displayWidth } from '../src/render/width.js';

interface Example { command: string; shown: string }

describe('README examples', () => {
  for (const example of readmeExamples() as Example[]) {
    it(example.command.split('\n')[0]!, () => {
      const real = runExample(example.command) as string;
      expect(real).toBe(example.shown);
      for (const line of real.split('\n')) if (/^[│┌├└]/.test(line)) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    });
  }
});
