/**
 * Registers the commands and maps errors to exit codes. The only place that prints an error or sets the exit
 * code: 0 success, 1 a check failed, 2 bad input or usage, 130 interrupted, 70 an internal error (a bug).
 */
import { Command, CommanderError } from 'commander';
import { indicatorsCommand, measuresCommand } from './commands/catalogue.js';
import { compareCommand } from './commands/compare.js';
import { coverageCommand } from './commands/coverage.js';
import { describeCommand } from './commands/describe.js';
import { equityCommand } from './commands/equity.js';
import { verifyCommand } from './commands/verify.js';
import { EXIT, SvcError } from './errors.js';

export { removeTemporaryFiles } from './io/writer.js';

const COMMANDS: readonly (() => Command)[] = [
  coverageCommand, compareCommand, describeCommand, equityCommand, verifyCommand, indicatorsCommand, measuresCommand,
];

const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('svc-stats')
    .description('Exact coverage and equity statistics for China civil-affairs yearbook extracts (中国民政统计年鉴)')
    .version(VERSION)
    .showSuggestionAfterError(true);
  for (const make of COMMANDS) program.addCommand(make());
  for (const command of [program, ...program.commands]) {
    command.exitOverride();
    command.configureOutput({
      outputError: (text, write) => write(`svc-stats: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });
  }
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so that pending output is flushed first. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof SvcError) {
    process.stderr.write(`svc-stats: ${error.describe()}\n`);
    return EXIT.badInput;
  }
  if (error instanceof CommanderError) {
    // commander has printed its message already (through outputError above)
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`svc-stats: internal error: ${message} (please report it)\n`);
  return 70;
}
