/**
 * Registers the commands and maps errors to exit codes. The only place that prints an error or sets the exit
 * code: 0 success, 1 a check failed, 2 bad input or usage, 130 interrupted, 70 an internal error (a bug).
 */
import { Command, CommanderError } from 'commander';
import { addExamples, addNoteOptions, checkOptionCombinations, currentHelpWidth, note, setNoteMode, settleOutput } from './commands/common.js';
import { displayWidth } from './render/width.js';
import { EXIT, SvcError, messageLine } from './errors.js';
import { onNotice } from './io/notices.js';
import { checkStandardInputOnce } from './io/sources/source.js';
import { OutputClosed, checkOutputTarget, isClaimedOutputError, systemReason } from './io/output.js';

export { removeTemporaryFiles } from './io/output.js';

/** The commands by name, in the order help lists them; a command's module is loaded when the program needs it. */
const COMMANDS: Readonly<Record<string, () => Promise<() => Command>>> = {
  coverage: async () => (await import('./commands/coverage.js')).coverageCommand,
  compare: async () => (await import('./commands/compare.js')).compareCommand,
  describe: async () => (await import('./commands/describe.js')).describeCommand,
  equity: async () => (await import('./commands/equity.js')).equityCommand,
  convergence: async () => (await import('./commands/convergence.js')).convergenceCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  inspect: async () => (await import('./commands/inspect.js')).inspectCommand,
  indicators: async () => (await import('./commands/catalogue.js')).indicatorsCommand,
  measures: async () => (await import('./commands/catalogue.js')).measuresCommand,
  chart: async () => (await import('./commands/chart.js')).chartCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  completion: async () => (await import('./commands/completion.js')).completionCommand,
  sql: async () => (await import('./commands/sql.js')).sqlCommand,
};

const EXAMPLES = `
Examples:
  $ svc-stats coverage data/2005.csv                 # Tables 1 and 2, 2005
  $ svc-stats coverage fixtures/xlsx/yearbook-2008.xlsx -o coverage.xlsx  # a workbook in and out
  $ svc-stats compare data/provinces-2005-divisions.csv \\
      data/provinces-2009-divisions.csv -i subdistricts --by region
  $ svc-stats equity data/provinces-2009-divisions.csv -i subdistricts \\
      --by region
  $ svc-stats verify data/2005.csv \\
      --expected fixtures/verify/report-2005-tables.csv
  $ svc-stats indicators                    # what can be computed, from what
  $ source <(svc-stats completion bash)     # TAB completion (or zsh)

Input: CSV (UTF-8 or GB18030; comma, or ; tab | when the first line has no
comma) or .xlsx (its first sheet, or --sheet NAME). Output: a table on a
terminal, CSV in a pipe; -o FILE takes the format of its extension (.csv .tsv
.json .ndjson .md .xlsx .dta .parquet; any other is refused), -o - is standard
output. 'svc-stats COMMAND --help' lists a command's options.`;

/** package.json's version, put in by the bundler (scripts/build.mjs); `dev` when the sources run unbundled. */
declare const SVC_STATS_VERSION: string | undefined;
const VERSION = typeof SVC_STATS_VERSION === 'string' ? SVC_STATS_VERSION : 'dev';

/**
 * The program with every command; or, when the arguments start with the name of one (`svc-stats coverage …`),
 * with that one alone, so that a run loads and builds one command instead of ten. That changes nothing:
 * commander hands everything after the name to that command, whose parsing, help and errors never look at the
 * others. Help, an unknown command and `completion` (which prints the whole tree) get them all.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('svc-stats')
    .description('Exact coverage and equity statistics for China civil-affairs yearbook extracts (中国民政统计年鉴)')
    .version(VERSION)
    .showSuggestionAfterError(true);
  addExamples(program, EXAMPLES);
  const first = argv[2];
  const names = first !== undefined && first !== 'completion' && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  const makers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const [index, make] of makers.entries()) {
    const command = make();
    if (command.name() !== names[index]) throw new Error(`cli.ts lists ${names[index]} for the command ${command.name()}`);
    // --quiet and --verbose on every command that reads or lists (the completion script prints no notes)
    if (command.name() !== 'completion') addNoteOptions(command).hook('preAction', (_, action) => setNoteMode(action.opts()));
    // -o is never a file the run reads (its operands, --indicators-file, --expected, standard input): refused
    // before anything is read, for every command at once
    command.hook('preAction', (_, action) => {
      const { output, indicatorsFile, expected } = action.opts<{ output?: string; indicatorsFile?: string; expected?: string }>();
      if (command.name() === 'completion') return;
      checkOptionCombinations(action);
      checkStandardInputOnce([...action.args, indicatorsFile, expected]);
      checkOutputTarget(output, [...action.args, indicatorsFile, expected]);
    });
    // then -o - (standard output) and the closed table of formats, before any work
    command.hook('preAction', (_, action) => settleOutput(action));
    program.addCommand(command);
  }
  const width = currentHelpWidth();
  for (const command of everyCommand(program)) {
    // help within 80 columns (or COLUMNS), wrapped by display width: CJK characters take 2
    command.configureHelp({ helpWidth: width, minWidthToWrap: 24, displayWidth });
    command.exitOverride();
    command.configureOutput({
      outputError: (text, write) => write(`svc-stats: ${messageLine(text.replace(/^error: /, '').trim())}\n`),
    });
  }
  return program;
}

/** The program and every command under it, at any depth. */
export function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** Runs the CLI; returns the exit code instead of exiting, so that pending output is flushed first. */
export async function main(argv: readonly string[]): Promise<number> {
  // notes of the reader (a sniffed delimiter) go where every note goes: one line on stderr
  const stopNotes = onNotice(note);
  try {
    await (await buildProgram(argv)).parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error);
  } finally {
    stopNotes();
  }
}

function report(error: unknown): number {
  // standard output closed by its reader (| head -1): quietly a success, as a shell pipeline expects
  if (error instanceof OutputClosed) return EXIT.ok;
  if (error instanceof SvcError) {
    printError(error.describe());
    return EXIT.badInput;
  }
  if (error instanceof CommanderError) {
    // commander has printed its message already (through outputError above)
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  // no JavaScript text reaches the user: a resource limit of the engine is bad input (exit 2) in our words,
  // anything else an internal error (exit 70) named by its kind; SVC_STATS_DEBUG=1 adds the original text
  const message = error instanceof Error ? error.message : String(error);
  const debug = process.env['SVC_STATS_DEBUG'] === '1' ? ` [${message}]` : '';
  const limit = RESOURCE_LIMITS.find(([pattern]) => pattern.test(message));
  if (limit !== undefined) {
    printError(messageLine(`${limit[1]}${debug}`));
    return limit[2];
  }
  printError(messageLine(`internal error${error instanceof Error && error.name !== 'Error' ? ` (${error.name})` : ''}, please report it with the command line${debug}`));
  return 70;
}

/** Engine limits, as one line of ours: what ran out, and what to do. */
const RESOURCE_LIMITS: readonly [RegExp, string, number][] = [
  [/Invalid string length|Invalid array length|Array buffer allocation failed|Cannot create a string longer/,
    'the result is too large to hold in memory in this format (use -f csv or -f ndjson, which write rows as they come)', EXIT.badInput],
  [/Maximum call stack size exceeded/, 'internal error: the input is nested more deeply than svc-stats handles, please report it with the command line', 70],
];

/** One line on stderr. A failing stderr (closed, full) cannot be reported anywhere: it is ignored. */
function printError(text: string): void {
  try {
    process.stderr.write(`svc-stats: ${text}\n`);
  } catch {
    // see handleStandardErrorFailure
  }
}

/**
 * process.stdout's 'error' handler (installed by bin/svc-stats.js). EPIPE or ECONNRESET, a reader that closed
 * early, is handled there (exit 0). A failure that an output sink reports itself is left to it; any other (the help
 * text into /dev/full) is one line on stderr and exit 2, never a stack trace.
 */
export function handleStandardOutputFailure(error: NodeJS.ErrnoException): void {
  if (isClaimedOutputError(error)) return;
  printError(`standard output: cannot be written: ${systemReason(error)}`);
  process.exitCode = Math.max(Number(process.exitCode ?? 0), EXIT.badInput);
}

/** process.stderr's 'error' handler: a closed or failing stderr never changes the exit code, nor crashes. */
export function handleStandardErrorFailure(): void {
  // nowhere left to say it
}
