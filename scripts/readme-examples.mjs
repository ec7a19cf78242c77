// The README's console examples, run as written in an 80-column terminal (a pseudo-terminal through script(1),
// NO_COLOR, LANG=C.UTF-8, `svc-stats` on the PATH): what they print replaces what the README shows.
//   node scripts/readme-examples.mjs --write   rewrite README.md with the real output
//   node scripts/readme-examples.mjs --check   exit 1 naming every example whose output differs (test/readme.e2e.test.ts)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const README = join(ROOT, 'README.md');

/** Console blocks: each `$ command` (with `\` continuation lines) and the output lines after it. */
export function readmeExamples(text = readFileSync(README, 'utf8')) {
  const lines = text.split('\n');
  const examples = [];
  let inConsole = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (line.startsWith('```')) {
      inConsole = !inConsole && line.trim() === '```console';
      continue;
    }
    if (!inConsole || !line.startsWith('$ ')) continue;
    const commandLines = [line];
    while (commandLines[commandLines.length - 1].endsWith('\\')) commandLines.push(lines[index + commandLines.length]);
    const outputStart = index + commandLines.length;
    let outputEnd = outputStart;
    while (!lines[outputEnd].startsWith('$ ') && !lines[outputEnd].startsWith('```')) outputEnd += 1;
    // a blank line closing the output is the block's spacing, not output
    let shownEnd = outputEnd;
    if (shownEnd > outputStart && lines[shownEnd - 1] === '' && lines[outputEnd].startsWith('$ ')) shownEnd -= 1;
    examples.push({
      command: commandLines.map((part) => part.replace(/^\$ /, '')).join('\n'),
      outputStart, outputEnd: shownEnd, shown: lines.slice(outputStart, shownEnd).join('\n'),
    });
    index = outputEnd - 1;
  }
  return examples;
}

let bin;
/** What the command prints in an 80-column terminal, stdout and stderr as a person sees them. */
export function runExample(command) {
  if (bin === undefined) {
    bin = mkdtempSync(join(tmpdir(), 'svc-stats-readme-'));
    symlinkSync(join(ROOT, 'bin', 'svc-stats.js'), join(bin, 'svc-stats'));
  }
  let output;
  try {
    output = execFileSync('script', ['-qec', `stty cols 80 rows 200; ${command}`, '/dev/null'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20,
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, NO_COLOR: '1', LANG: 'C.UTF-8', TERM: 'dumb' },
    });
  } catch (error) {
    output = error.stdout; // an example may show a failing command (its exit status is part of the example)
  }
  return output.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  const text = readFileSync(README, 'utf8');
  const examples = readmeExamples(text);
  const lines = text.split('\n');
  const differing = [];
  for (const example of [...examples].reverse()) {
    const real = runExample(example.command);
    if (real === example.shown) continue;
    differing.push(example.command.split('\n')[0]);
    lines.splice(example.outputStart, example.outputEnd - example.outputStart, ...(real === '' ? [] : real.split('\n')));
  }
  if (mode === '--write') {
    writeFileSync(README, lines.join('\n'));
    console.log(`${examples.length} examples, ${differing.length} rewritten`);
  } else {
    for (const command of differing.reverse()) console.log(`differs: ${command}`);
    console.log(`${examples.length} examples, ${differing.length} differ`);
    process.exitCode = differing.length === 0 ? 0 : 1;
  }
}
