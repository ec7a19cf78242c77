/**
 * `svc-stats completion bash|zsh`: a completion script written from commander's own command tree, so that it
 * always lists the commands, options and choices of this build.
 */
import { Argument, Command } from 'commander';
import { addExamples } from './common.js';
import { openOutput } from '../io/output.js';
import type { CompletionOption, CompletionTree } from '../render/completion.js';
import { bashCompletion, zshCompletion } from '../render/completion.js';

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

const EXAMPLES = `
Examples:
  $ source <(svc-stats completion bash)             # this shell; add the line to ~/.bashrc to keep it
  $ svc-stats completion bash > ~/.local/share/bash-completion/completions/svc-stats
  $ svc-stats completion zsh > "\${fpath[1]}/_svc-stats"   # then start a new zsh (compinit)`;

/** Value names that are files: -o <file>, --indicators-file <file>, --expected <figures>. */
const FILE_VALUE = /<(?:file|files|figures)>/;

function optionsOf(command: Command): CompletionOption[] {
  const options: CompletionOption[] = command.options.filter((option) => !option.hidden).map((option) => ({
    flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices,
    file: FILE_VALUE.test(option.flags),
  }));
  return [...options, { flags: ['-h', '--help'], description: 'display help for command', takesValue: false }];
}

/** The tree below `program`, as the completion scripts need it. */
export function completionTree(program: Command): CompletionTree {
  return {
    program: program.name(),
    options: [{ flags: ['-V', '--version'], description: 'output the version number', takesValue: false },
      { flags: ['-h', '--help'], description: 'display help', takesValue: false }],
    commands: program.commands.map((command) => ({
      name: command.name(),
      description: command.description(),
      options: optionsOf(command),
      arguments: command.registeredArguments.map((argument) => ({
        name: argument.name(), variadic: argument.variadic, choices: argument.argChoices,
      })),
    })),
  };
}

export function completionCommand(): Command {
  const command = new Command('completion')
    .description('print a shell completion script for bash or zsh (commands, options and their choices)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(SHELLS));
  addExamples(command, EXAMPLES);
  command.action(async (shell: Shell, _options: unknown, self: Command) => {
    const tree = completionTree(self.parent ?? self);
    const sink = await openOutput(undefined);
    await sink.write(shell === 'bash' ? bashCompletion(tree) : zshCompletion(tree));
    await sink.close();
  });
  return command;
}
