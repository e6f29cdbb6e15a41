// What a command of the CLI is: its name, the usage it prints, the options it accepts and what it
// does. Each command lives in its own file in this folder; dispatch.ts only picks one.
import type { OptionSpec, ParsedArgs } from '../args';

export interface Command {
  readonly name: string;
  /** One line for `policy-annotator --help`. */
  readonly summary: string;
  /** The synopsis lines after `policy-annotator NAME` (continuation lines indented by the caller). */
  readonly synopsis: readonly string[];
  /** Paragraphs printed after the synopsis: what the operands are, what comes out. */
  readonly details?: string;
  readonly options: readonly OptionSpec[];
  /** Returns the exit code; throws UsageError for a user's mistake (exit 2). */
  run(args: ParsedArgs): number | Promise<number>;
}

/** `--help` is accepted by every command; listed so the usage shows it. */
const HELP_LINE = { flags: '-h, --help', help: 'print this usage and exit' };

/** The usage text of one command: synopsis, details, then every declared option. */
export function commandUsage(c: Command): string {
  const head = `usage: policy-annotator ${c.name} `;
  const synopsis = c.synopsis.map((line, i) => (i === 0 ? head : ' '.repeat(head.length)) + line).join('\n');
  const rows = [...c.options.map((o) => ({ flags: o.value ? `${o.name} ${o.value}` : o.name, help: o.help })), HELP_LINE];
  const width = Math.max(...rows.map((r) => r.flags.length));
  const options = rows.map((r) => `  ${r.flags.padEnd(width)}  ${r.help}`).join('\n');
  return `${synopsis}\n${c.details ? `\n${c.details.replace(/\n+$/, '')}\n` : ''}\noptions:\n${options}\n`;
}
