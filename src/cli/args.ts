// The one argument parser of the CLI. Each command declares its options; anything else that
// looks like an option is refused by name (it used to be read as a file name), so a typo never
// silently changes what a command does.
import { callError } from './errors';

/**
 * flag: present or not (`--json`). string: one value, the last one given wins (`--format x`).
 * number: a whole number within [min, max]. repeatable: every value, in order (`--glossary`).
 */
export type OptionKind = 'flag' | 'string' | 'number' | 'repeatable';

export interface OptionSpec {
  readonly name: `--${string}`;
  readonly kind: OptionKind;
  /** Placeholder of the value in the usage text: FILE, N, DIR … */
  readonly value?: string;
  readonly help: string;
  readonly min?: number;
  readonly max?: number;
}

/** What was given, looked up by the declared names (an undeclared name is a bug: it throws). */
export class ParsedArgs {
  constructor(
    private readonly specs: readonly OptionSpec[],
    private readonly values: ReadonlyMap<string, readonly string[]>,
    /** Arguments that are not options, in order; `-` (stdin) is one. */
    readonly operands: readonly string[],
    /** `--help` or `-h` was given: the command prints its usage and does nothing else. */
    readonly help: boolean,
  ) {}

  flag(name: string): boolean {
    this.spec(name, 'flag');
    return this.values.has(name);
  }

  string(name: string): string | undefined {
    this.spec(name, 'string');
    return this.values.get(name)?.at(-1);
  }

  number(name: string): number | undefined {
    this.spec(name, 'number');
    const v = this.values.get(name)?.at(-1);
    return v === undefined ? undefined : Number(v);
  }

  list(name: string): string[] {
    this.spec(name, 'repeatable');
    return [...(this.values.get(name) ?? [])];
  }

  private spec(name: string, kind: OptionKind): void {
    if (!this.specs.some((s) => s.name === name && s.kind === kind)) throw new Error(`option ${name} (${kind}) is not declared`);
  }
}

const isHelp = (a: string) => a === '--help' || a === '-h';

/**
 * Parses `argv` (the arguments after the command name) against `options`: `--opt value` and
 * `--opt=value`; `--` ends the options (every later argument is an operand, even `--x`); `-`
 * alone is an operand. `--help`/`-h` before `--` wins over any other mistake, so a user who
 * asks for help gets it. Errors are usage errors naming the option.
 */
export function parseArgs(argv: readonly string[], options: readonly OptionSpec[]): ParsedArgs {
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).some(isHelp)) return new ParsedArgs(options, new Map(), [], true);
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    const spec = options.find((o) => o.name === name);
    if (!spec) throw callError(`unknown option ${name}`);
    let value: string;
    if (spec.kind === 'flag') {
      if (eq >= 0 && name !== a) throw callError(`${name} takes no value`);
      value = '';
    } else if (name !== a) {
      value = a.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw callError(`${name} needs a value`);
      value = argv[++i];
    }
    if (spec.kind === 'number') checkNumber(spec, value);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return new ParsedArgs(options, values, operands, false);
}

function checkNumber(spec: OptionSpec, value: string): void {
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    const range = spec.max === undefined ? `${min} or more` : `from ${min} to ${max}`;
    throw callError(`${spec.name} needs a whole number ${range}, not ${JSON.stringify(value)}`);
  }
}
