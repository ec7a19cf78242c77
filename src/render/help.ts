/**
 * Help text fitted to a terminal's width by display width (CJK = 2 columns, render/width.ts): the examples and
 * prose a command adds after its options. Commander wraps the options itself (cli.ts gives it the same width
 * and measure); this wraps the rest.
 */
import { displayWidth } from './width.js';

/** Help is never wider than this, whatever the terminal: lines of prose past 80 columns are hard to read. */
export const HELP_MAX_WIDTH = 80;

/**
 * The width help is written for: COLUMNS when set (also on a terminal: a user who sets it means it), else the
 * terminal's width, else 80; never more than 80 and never less than 40.
 */
export function helpWidth(env: NodeJS.ProcessEnv, terminalColumns: number | undefined): number {
  const fromEnv = Number(env['COLUMNS']);
  const width = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : terminalColumns !== undefined && terminalColumns > 0 ? terminalColumns : HELP_MAX_WIDTH;
  return Math.max(40, Math.min(HELP_MAX_WIDTH, width));
}

const COMMAND_LINE = /^(\s*)\$ /;

/**
 * Help text wrapped to `width` columns:
 * - an example (`  $ svc-stats …`, continued over lines ending in `\`) is one command, broken at blanks with
 *   ` \` and a deeper indent; a comment after it (`# …` or `(…)` after two blanks) goes on the line above it
 *   when the line would be too wide;
 * - prose (lines not indented) is re-flowed paragraph by paragraph (a blank line or an indented line ends one);
 * - any other indented line is wrapped at blanks under its own indent.
 */
export function wrapHelpText(text: string, width: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  const endParagraph = (): void => {
    if (paragraph.length > 0) out.push(...wrapWords(paragraph.join(' '), width, '', ''));
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    let line = lines[index]!;
    const command = COMMAND_LINE.exec(line);
    if (command !== null) {
      endParagraph();
      // join continuation lines
      while (/\\\s*$/.test(line) && index + 1 < lines.length) {
        index += 1;
        line = `${line.replace(/\s*\\\s*$/, '')} ${lines[index]!.trim()}`;
      }
      out.push(...wrapCommand(line, command[1]!, width));
    } else if (line.trim() === '') {
      endParagraph();
      out.push('');
    } else if (/^\S/.test(line) && !/:$/.test(line)) {
      paragraph.push(line.trim());
    } else {
      endParagraph();
      const indent = /^\s*/.exec(line)![0];
      out.push(...wrapWords(line.trim(), width, indent, `${indent}  `));
    }
  }
  endParagraph();
  return out.join('\n');
}

function wrapCommand(line: string, indent: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const comment = /^(.*?\S)\s{2,}(#.*|\(.*\))\s*$/.exec(line);
  const body = comment === null ? line.trim() : comment[1]!.trim();
  const out: string[] = [];
  if (comment !== null) {
    const words = comment[2]!.startsWith('#') ? comment[2]! : `# ${comment[2]!.slice(1, -1)}`;
    out.push(...wrapWords(words, width, indent, `${indent}# `));
  }
  // ' \' ends every line but the last: the command is still one to paste
  // an option stays on the line of its value (`-o fig.svg`, `--format json`)
  const words: string[] = [];
  for (const word of body.split(/\s+/)) {
    const last = words[words.length - 1];
    if (last !== undefined && /^-[-\w]*$/.test(last.split(' ').pop()!) && !last.includes(' ') && !word.startsWith('-') && word !== '|' && word !== '>') words[words.length - 1] = `${last} ${word}`;
    else words.push(word);
  }
  const lines = packWords(words, width - 2, indent, `${indent}    `);
  out.push(...lines.map((text, position) => (position < lines.length - 1 ? `${text} \\` : text)));
  return out;
}

/** Words packed into lines of at most `width` columns (a word wider than that stands alone on its line). */
export function wrapWords(text: string, width: number, firstIndent: string, indent: string): string[] {
  return packWords(text.split(/\s+/).filter((piece) => piece !== ''), width, firstIndent, indent);
}

function packWords(words: readonly string[], width: number, firstIndent: string, indent: string): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of words) {
    const joined = empty ? line + word : `${line} ${word}`;
    if (empty || displayWidth(joined) <= width) {
      line = joined;
      empty = false;
      continue;
    }
    lines.push(line);
    line = indent + word;
  }
  if (!empty) lines.push(line);
  return lines;
}
