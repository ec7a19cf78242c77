/**
 * Shell completion scripts for bash and zsh, written from a plain description of the command tree (which
 * src/commands/completion.ts takes from commander). Static: a TAB costs no start of Node. What completes:
 * command names, each command's options, the choices of an option or argument (--format, --encoding, …),
 * file names for options whose value is a file and for input arguments.
 */

export interface CompletionOption {
  /** `-f`, `--format` */
  readonly flags: readonly string[];
  readonly description: string;
  readonly takesValue: boolean;
  readonly choices?: readonly string[] | undefined;
  /** the value is a file name */
  readonly file?: boolean | undefined;
}

export interface CompletionArgument {
  readonly name: string;
  readonly variadic: boolean;
  readonly choices?: readonly string[] | undefined;
}

export interface CompletionCommand {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CompletionOption[];
  readonly arguments: readonly CompletionArgument[];
}

export interface CompletionTree {
  /** the program's name, as typed: `svc-stats` */
  readonly program: string;
  readonly options: readonly CompletionOption[];
  readonly commands: readonly CompletionCommand[];
}

/** A shell function name from the program name: `_svc_stats`. */
function functionName(program: string): string {
  return `_${program.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Words for bash's `compgen -W`, single-quoted for the script (option names and choices have no quote). */
function words(list: readonly string[]): string {
  return `'${list.join(' ').replace(/'/g, `'\\''`)}'`;
}

/**
 * A bash script defining `_svc_stats` and registering it with `complete`. COMP_WORDS and COMP_CWORD are
 * read as bash sets them; no bash-completion package is needed.
 */
export function bashCompletion(tree: CompletionTree): string {
  const name = functionName(tree.program);
  const lines: string[] = [
    `# bash completion for ${tree.program}: source it, or save it as`,
    `# ~/.local/share/bash-completion/completions/${tree.program} (written by '${tree.program} completion bash')`,
    `${name}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" command="" i',
    '  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  for (( i = 1; i < COMP_CWORD; i++ )); do',
    '    case "${COMP_WORDS[i]}" in',
    '      -*) ;;',
    '      *) command="${COMP_WORDS[i]}"; break ;;',
    '    esac',
    '  done',
    '  COMPREPLY=()',
    '  case "$command" in',
    `    "") COMPREPLY=( $(compgen -W ${words([...tree.commands.map((command) => command.name), ...tree.options.flatMap((option) => option.flags)])} -- "$cur") ) ;;`,
  ];
  for (const command of tree.commands) {
    lines.push(`    ${command.name})`);
    lines.push('      case "$prev" in');
    for (const option of command.options.filter((option) => option.takesValue)) {
      const action = option.choices !== undefined ? `COMPREPLY=( $(compgen -W ${words(option.choices)} -- "$cur") )`
        : option.file === true ? 'COMPREPLY=( $(compgen -f -- "$cur") )'
          : ':';
      lines.push(`        ${option.flags.join('|')}) ${action}; return 0 ;;`);
    }
    lines.push('      esac');
    const choices = command.arguments.find((argument) => argument.choices !== undefined)?.choices;
    const positional = choices !== undefined ? `COMPREPLY=( $(compgen -W ${words(choices)} -- "$cur") )`
      : command.arguments.length > 0 ? 'COMPREPLY=( $(compgen -f -- "$cur") )' : ':';
    lines.push('      if [[ "$cur" == -* ]]; then');
    lines.push(`        COMPREPLY=( $(compgen -W ${words(command.options.flatMap((option) => option.flags))} -- "$cur") )`);
    lines.push('      else');
    lines.push(`        ${positional}`);
    lines.push('      fi ;;');
  }
  lines.push('  esac', '  return 0', '}', `complete -o filenames -F ${name} ${tree.program}`, '');
  return lines.join('\n');
}

/** Text inside a single-quoted zsh word, and inside `[...]` or before a `:` of an _arguments spec. */
function zshQuoted(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, `'\\''`).replace(/([[\]:])/g, '\\$1');
}

function zshAction(option: CompletionOption, valueName: string): string {
  if (option.choices !== undefined) return `:${valueName}:(${option.choices.map(zshQuoted).join(' ')})`;
  if (option.file === true) return `:${valueName}:_files`;
  return `:${valueName}: `;
}

/**
 * A zsh script for `#compdef svc-stats`: save it as `_svc-stats` in a folder of $fpath, or `source` it after
 * compinit. Each command's options with their descriptions through `_arguments`.
 */
export function zshCompletion(tree: CompletionTree): string {
  const name = functionName(tree.program);
  const lines: string[] = [
    `#compdef ${tree.program}`,
    `# zsh completion for ${tree.program}: save it as _${tree.program} in a folder of $fpath, or source it after compinit`,
    `# (written by '${tree.program} completion zsh')`,
    `${name}() {`,
    '  local -a commands',
    '  commands=(',
    ...tree.commands.map((command) => `    '${zshQuoted(command.name)}:${zshQuoted(command.description)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    `    _describe -t commands '${tree.program} command' commands`,
    '    return',
    '  fi',
    '  local command="${words[2]}"',
    '  shift words',
    '  (( CURRENT-- ))',
    '  case "$command" in',
  ];
  for (const command of tree.commands) {
    const specs: string[] = [];
    for (const option of command.options) {
      const exclusive = option.flags.length > 1 ? `(${option.flags.join(' ')})` : '';
      for (const flag of option.flags) {
        const valueName = /^--/.test(flag) ? flag.slice(2) : 'value';
        const suffix = option.takesValue ? (flag.startsWith('--') ? '=' : '+') : '';
        const action = option.takesValue ? zshAction(option, valueName) : '';
        specs.push(`'${exclusive}${flag}${suffix}[${zshQuoted(option.description)}]${action}'`);
      }
    }
    for (const argument of command.arguments) {
      const action = argument.choices !== undefined ? `(${argument.choices.join(' ')})` : '_files';
      specs.push(`'${argument.variadic ? '*' : ''}:${zshQuoted(argument.name)}:${action}'`);
    }
    lines.push(`    ${command.name})`);
    lines.push(`      _arguments -s \\`);
    lines.push(...specs.map((spec) => `        ${spec} \\`));
    lines.push('        && return 0 ;;');
  }
  lines.push(
    '  esac',
    '  return 1',
    '}',
    // autoloaded from $fpath: complete now; sourced: register the function
    'if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then',
    `  ${name} "$@"`,
    'else',
    `  compdef ${name} ${tree.program}`,
    'fi',
    '',
  );
  return lines.join('\n');
}
