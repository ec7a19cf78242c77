/**
 * Shell completion written from commander's tree: the bash script is sourced in a real bash and its function
 * called as bash's completion would call it (COMP_WORDS, COMP_CWORD); the zsh script is checked by zsh -n when
 * zsh is installed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../helpers.js';

const folder = scratchDir();
const script = join(folder, 'svc-stats.bash');
writeFileSync(script, runCli(['completion', 'bash']).stdout);
writeFileSync(join(folder, 'data-2005.csv'), 'x');
writeFileSync(join(folder, 'data-2009.csv'), 'x');

/** What bash would offer after typing `words` (the last one is the word being completed). */
function complete(...words: string[]): string[] {
  const quoted = words.map((word) => `'${word}'`).join(' ');
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c',
    `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _svc_stats; printf '%s\\n' "\${COMPREPLY[@]}"`],
  { cwd: folder, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter((line) => line !== '').sort();
}

describe('svc-stats completion bash', () => {
  it('completes the commands', () => {
    expect(complete('svc-stats', '')).toEqual(expect.arrayContaining(['coverage', 'compare', 'describe', 'equity', 'verify', 'completion']));
    expect(complete('svc-stats', 'co')).toEqual(['compare', 'completion', 'convergence', 'coverage']);
  });

  it("completes a command's options, and the choices of --format, --encoding and --rounding", () => {
    expect(complete('svc-stats', 'coverage', '--to')).toEqual(['--totals']);
    expect(complete('svc-stats', 'coverage', 'data-2005.csv', '--she')).toEqual(['--sheet', '--sheets']);
    expect(complete('svc-stats', 'coverage', '-f', '')).toEqual(['csv', 'dta', 'json', 'md', 'ndjson', 'parquet', 'table', 'tsv', 'xlsx']);
    expect(complete('svc-stats', 'describe', '--format', 'x')).toEqual(['xlsx']);
    expect(complete('svc-stats', 'coverage', '-e', 'g')).toEqual(['gb18030', 'gb2312', 'gbk']);
    expect(complete('svc-stats', 'verify', '--rounding', 'half')).toEqual(['half-even', 'half-up']);
    expect(complete('svc-stats', 'completion', '')).toEqual(['bash', 'zsh']);
  });

  it('completes file names for inputs and for -o, nothing for a free value', () => {
    expect(complete('svc-stats', 'coverage', 'data')).toEqual(['data-2005.csv', 'data-2009.csv']);
    expect(complete('svc-stats', 'coverage', 'data-2005.csv', '-o', 'data-2')).toEqual(['data-2005.csv', 'data-2009.csv']);
    expect(complete('svc-stats', 'coverage', '--decimals', '')).toEqual([]);
  });

  it('registers itself for svc-stats', () => {
    const run = spawnSync('bash', ['--norc', '-c', `source '${script}'; complete -p svc-stats`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('complete -o filenames -F _svc_stats svc-stats');
  });
});

describe('svc-stats completion zsh', () => {
  const text = runCli(['completion', 'zsh']).stdout;

  it('is a #compdef script with every command and its options described', () => {
    expect(text.startsWith('#compdef svc-stats\n')).toBe(true);
    expect(text).toContain("'coverage:coverage indicators for each row or group");
    expect(text).toContain("'(-f --format)--format=[");
    expect(text).toContain(':format:(table csv tsv json ndjson md xlsx dta parquet)');
    expect(text).toContain("'*:files:_files'");
  });

  it('parses in zsh (when zsh is installed)', () => {
    const run = spawnSync('zsh', ['-n'], { input: text, encoding: 'utf8' });
    if (run.error !== undefined) return; // no zsh on this machine
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

it('svc-stats --help shows examples', () => {
  const help = runCli(['--help']).stdout;
  expect(help).toContain('Examples:\n  $ svc-stats coverage data/2005.csv');
  expect(help).toContain('svc-stats completion bash');
  // fits 80 columns
  expect(Math.max(...help.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
});
