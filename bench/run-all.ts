/** Runs every benchmark in turn (`make bench`). Each prints its own table with ratios against a named peer. */
import { spawnSync } from 'node:child_process';

const benches = ['hdl-build.ts', 'sim.ts', 'verilator.ts', 'meram.ts', 'noise.ts', 'stats.ts', 'physics.ts'];
let failed = 0;
for (const b of benches) {
  console.log(`\n===== bench/${b}`);
  const r = spawnSync('npx', ['tsx', `bench/${b}`], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.log(`bench/${b} exited with ${r.status}`); }
}
process.exitCode = failed ? 1 : 0;
