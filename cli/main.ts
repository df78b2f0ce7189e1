/**
 * `meram-hdl`: the command line of meram-hdl. One verb per file in this folder; this file only dispatches, prints
 * errors as one line (the stack only with `--debug`) and sets the exit code (see {@link EXIT}).
 *
 * @example
 * // npx meram-hdl verilog my-design.ts --param width=8
 * process.exitCode = await runCli(['verilog', 'my-design.ts', '--param', 'width=8']);
 */
import { parseVerbArgs, type Verb } from './args.ts';
import { EXIT, UsageError, exitCodeOf, oneLine } from './errors.ts';
import { VERBS } from './verbs.ts';

const TOP_HELP = `meram-hdl: hardware description, simulation, synthesis and tape-out hand-off for MeRAM designs

usage: meram-hdl <verb> [options] [arguments]     meram-hdl <verb> --help for each verb

verbs:
${VERBS.map((v) => `  ${v.name.padEnd(9)} ${v.summary}`).join('\n')}

exit codes: 0 ok, 1 a check or verification failed, 2 usage error, 3 design or tool error, 4 internal error
options of every verb: --help, --debug (print stack traces)`;

/**
 * Runs one command line; resolves to the exit code. Errors are printed to stderr as one line.
 *
 * @example
 * const code = await runCli(['lint', 'counter.ts']);
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(TOP_HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const verb: Verb | undefined = VERBS.find((v) => v.name === name);
  try {
    if (!verb) throw new UsageError('', `unknown verb '${name}' (verbs: ${VERBS.map((v) => v.name).join(', ')})`);
    const args = parseVerbArgs(verb, rest);
    if (args.values.help) {
      console.log(verb.help);
      return EXIT.ok;
    }
    return (await verb.run(args)) ?? EXIT.ok;
  } catch (e) {
    console.error(oneLine(e));
    if (debug && e instanceof Error) console.error(e.stack ?? '');
    return exitCodeOf(e);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await runCli(process.argv.slice(2)));
