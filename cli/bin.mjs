#!/usr/bin/env node
// The `meram-hdl` command: registers tsx (a runtime dependency) and runs the TypeScript entry cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
// Exit explicitly: warm tool workers (Yosys, Verilator) must not keep a finished command alive.
process.exit(await runCli(process.argv.slice(2)));
