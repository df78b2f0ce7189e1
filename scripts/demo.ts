/**
 * The main job, kept for old command lines: `npx tsx scripts/demo.ts [options]` is `meram-hdl flow [options]`
 * (cli/flow.ts; `make demo` calls `meram-hdl flow` directly).
 */
import { runCli } from '../cli/main.ts';

process.exit(await runCli(['flow', ...process.argv.slice(2)]));
