#!/usr/bin/env node
// The `meram-hdl` command: registers tsx (a runtime dependency) and runs the TypeScript entry cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
const { exitCodeOf, oneLine } = await import('./errors.ts');
// An error escaping a verb's own handling (a worker thread, a stray promise) is still one line, not a stack.
const fatal = (e) => {
  console.error(oneLine(e));
  if (process.argv.includes('--debug') && e instanceof Error) console.error(e.stack);
  process.exit(exitCodeOf(e));
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
// Exit explicitly: warm tool workers (Yosys, Verilator) must not keep a finished command alive.
process.exit(await runCli(process.argv.slice(2)));
