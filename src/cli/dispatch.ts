// From argv to a command: the global forms (help, --help, -h, --version, -V), then the command
// named first, with its own declared options. Errors become exit codes here, in one place.
import { parseArgs } from './args';
import { UsageError } from './errors';
import { COMMANDS, findCommand } from './commands';
import { commandUsage, type Command } from './commands/command';
import { VERSION } from './version';

/** The overview printed by `policy-annotator --help`. */
export function globalUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `usage: policy-annotator COMMAND [options] [arguments]

commands:
${list}

  policy-annotator help COMMAND     a command's usage and options (or: COMMAND --help)
  policy-annotator --version, -V    the version
  policy-annotator --help, -h       this overview

Exit codes: 0 success, 1 nothing exported or imported (every file skipped), 2 a usage or input
error (nothing written), 130 cancelled (Ctrl-C). Offsets are Unicode code points.
`;
}

/** Runs the CLI on `argv` (without node and the script) and returns its exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  let command: Command | undefined;
  try {
    if (name === undefined) return usageError('a COMMAND is needed');
    if (name === '--help' || name === '-h') return print(globalUsage());
    if (name === '--version' || name === '-V') return print(`${VERSION}\n`);
    if (name === 'help') {
      if (rest.length === 0) return print(globalUsage());
      const topic = findCommand(rest[0]);
      return topic && rest.length === 1 ? print(commandUsage(topic)) : usageError(topic ? 'help takes one COMMAND' : `unknown command ${rest[0]}`);
    }
    command = findCommand(name);
    if (!command) return usageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command ${name}`);
    const args = parseArgs(rest, command.options);
    if (args.help) return print(commandUsage(command));
    return await command.run(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (command && e.showUsage) process.stderr.write(`policy-annotator ${command.name}: ${e.message}\n${commandUsage(command)}`);
    else process.stderr.write(`policy-annotator: ${e.message}\n`);
    return 2;
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

/** A call that names no (known) command: the overview on stderr, exit code 2. */
function usageError(message: string): number {
  process.stderr.write(`policy-annotator: ${message}\n${globalUsage()}`);
  return 2;
}
