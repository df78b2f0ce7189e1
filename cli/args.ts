/**
 * The one argument parser of `meram-hdl` (node:util parseArgs): every verb declares its options and help text here,
 * and gets `--help` and `--debug` for free. Malformed command lines become {@link UsageError} (exit code 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.ts';

/** Options of a verb, in node:util parseArgs form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed options: strings, booleans, or arrays of them for `multiple` options. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a verb receives. */
export interface VerbArgs {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** One verb of the command line (one file each under cli/). */
export interface Verb {
  readonly name: string;
  /** One line for the verb list of `meram-hdl --help`. */
  readonly summary: string;
  /** The full `--help` text (usage line, options, an example). */
  readonly help: string;
  readonly options: OptionSpec;
  /** Number of positional arguments accepted: [min, max]. */
  readonly positionals: readonly [number, number];
  /** Runs the verb; resolves to its exit code (0 when omitted). */
  run(args: VerbArgs): Promise<number | void>;
}

/** Options every verb accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
};

/**
 * Parses `argv` against a verb's options; unknown options and wrong arity are usage errors.
 *
 * @example
 * const { values } = parseVerbArgs(verb, ['--param', 'width=8', 'design.ts']);
 */
export function parseVerbArgs(verb: Pick<Verb, 'name' | 'options' | 'positionals'>, argv: readonly string[]): VerbArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, ...verb.options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(verb.name, (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (!values.help) {
    const [min, max] = verb.positionals;
    if (positionals.length < min) throw new UsageError(verb.name, `missing argument (expected ${min === max ? min : `${min} to ${max}`}, got ${positionals.length})`);
    if (positionals.length > max) throw new UsageError(verb.name, `unexpected argument '${positionals[max]}'`);
  }
  return { values: values as OptionValues, positionals };
}

/** A string option's value (or `fallback`). */
export function str(args: VerbArgs, name: string, fallback: string): string;
export function str(args: VerbArgs, name: string): string | undefined;
export function str(args: VerbArgs, name: string, fallback?: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : fallback;
}

/** All values of a `multiple` string option. */
export function list(args: VerbArgs, name: string): string[] {
  const v = args.values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** A boolean flag. */
export function flag(args: VerbArgs, name: string): boolean {
  return args.values[name] === true;
}

/** An integer option of at least `min`. */
export function int(verb: string, args: VerbArgs, name: string, fallback: number, min = Number.MIN_SAFE_INTEGER): number {
  const raw = str(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^-?\d+(e\d+)?$/i.test(raw) || !Number.isSafeInteger(n) || n < min) throw new UsageError(verb, `--${name} must be an integer${min > Number.MIN_SAFE_INTEGER ? ` >= ${min}` : ''}, got '${raw}'`);
  return n;
}

/** A positive real option. */
export function positive(verb: string, args: VerbArgs, name: string, fallback: number): number {
  const raw = str(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(verb, `--${name} must be a positive number, got '${raw}'`);
  return n;
}

/** One of a fixed set of words. */
export function choice<T extends string>(verb: string, args: VerbArgs, name: string, choices: readonly T[], fallback: T): T {
  const raw = str(args, name, fallback);
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(verb, `--${name} must be one of ${choices.join(', ')}, got '${raw}'`);
  return raw as T;
}

/** Generator parameters from `--param key=value` (numbers, true/false, else strings). */
export function params(verb: string, args: VerbArgs): Record<string, number | boolean | string> {
  const out: Record<string, number | boolean | string> = {};
  for (const kv of list(args, 'param')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(kv);
    if (!m) throw new UsageError(verb, `--param expects key=value, got '${kv}'`);
    const v = m[2]!;
    out[m[1]!] = v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

/** The `--top`/`--param` options shared by every verb that loads a user's design. */
export const DESIGN_OPTIONS: OptionSpec = {
  top: { type: 'string' },
  param: { type: 'string', multiple: true, short: 'p' },
};

/** Help lines of {@link DESIGN_OPTIONS}. */
export const DESIGN_HELP = `  --top NAME         the export to use (default: the default export, else the only Module or generator)
  -p, --param K=V    a generator parameter (repeatable); numbers and true/false are converted`;
