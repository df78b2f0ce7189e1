/**
 * Physics benchmark: stochastic-Heun steps per second on one core (peer: the same loop with plain Euler, one field
 * evaluation per step), and the wall time of the standard 20 × 20 switching map with 1,000 trials per point.
 *
 *   npx tsx bench/physics.ts [--trials 1000] [--workers 2] [--directions P|both]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { MacrospinSolver, type SolverOptions } from '../physics/llg.ts';
import { defaultDeviceParams, deriveQuantities } from '../physics/parameters.ts';
import { Rng } from '../common/rng.ts';
import { computeMap, standardMapSpec } from '../physics/switching-map.ts';

function stepsPerSecond(opts: SolverOptions, steps = 20_000_000): number {
  const s = new MacrospinSolver(defaultDeviceParams, opts);
  const m = new Float64Array([0, 0, 1]);
  const r = Rng.stream(1);
  s.advance(m, deriveQuantities(defaultDeviceParams).criticalVoltageV, 2_000_000, r); // warm-up (JIT)
  const t0 = performance.now();
  s.advance(m, deriveQuantities(defaultDeviceParams).criticalVoltageV, steps, r);
  return steps / ((performance.now() - t0) / 1e3);
}

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '2' },
    directions: { type: 'string', default: 'P' },
  },
});
const fmt = (x: number): string => (x / 1e6).toFixed(2);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores, Node ${process.version}`);
const heun = stepsPerSecond({});
const euler = stepsPerSecond({ brokenEuler: true });
const cold = stepsPerSecond({ thermal: false });
console.log('\n| solver loop (1 core)                  | Msteps/s | ns/step |');
console.log('|---------------------------------------|---------:|--------:|');
for (const [name, v] of [['stochastic Heun, thermal field', heun], ['peer: Euler, thermal field', euler], ['Heun, T = 0 (no normals)', cold]] as const) {
  console.log(`| ${name.padEnd(37)} | ${fmt(v).padStart(8)} | ${(1e9 / v).toFixed(1).padStart(7)} |`);
}
console.log(`Heun / Euler cost per step: ${(euler / heun).toFixed(2)}x`);

const trials = Number(values.trials);
const workers = Number(values.workers);
const spec = standardMapSpec({ trials, directions: values.directions === 'both' ? ['P', 'AP'] : ['P'] });
const t0 = performance.now();
await computeMap(spec, { workers });
const wall = (performance.now() - t0) / 1e3;
const nTrials = spec.amplitudesV.length * spec.widthsS.length * spec.directions.length * trials;
console.log(`\n| standard map (20 x 20, ${spec.directions.join('+')}, ${trials} trials/point, ${workers} workers) | wall (s) | trials/s |`);
console.log('|---|---:|---:|');
console.log(`| amplitudes 0.5-1.9 V, widths 0.1-5 ns | ${wall.toFixed(1)} | ${(nTrials / wall).toFixed(0)} |`);
