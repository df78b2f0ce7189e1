/**
 * Reads the VCD counterexamples Yosys's `sat -dump_vcd` writes: one timestamp per time step (the first is `#0`, the last closes the dump), values in binary. The
 * result is one map of values by signal name (leading `\` removed) per step, each step holding every value as of it.
 */
import { FormalToolOutputError } from './errors.ts';

/** Values of every dumped signal in each time step (step 0 = the first cycle). X and Z bits read as 0. */
export interface VcdSteps {
  readonly names: readonly string[];
  readonly steps: readonly ReadonlyMap<string, bigint>[];
}

/**
 * Parses a VCD text.
 * @example const { steps } = parseVcd(text); steps[3]!.get('start'); // 1n
 */
export function parseVcd(text: string): VcdSteps {
  const byId = new Map<string, string[]>();
  const names: string[] = [];
  const steps: Map<string, bigint>[] = [];
  let cur = new Map<string, bigint>();
  let started = false;
  let changed = false;
  const set = (id: string, v: bigint): void => { changed = true; for (const n of byId.get(id) ?? []) cur.set(n, v); };
  const bits = (s: string): bigint => BigInt(`0b${s.replace(/[xzXZ]/g, '0') || '0'}`);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('$var')) {
      const f = line.split(/\s+/);
      const id = f[3]!;
      const name = f[4]!.replace(/^\\/, '');
      let l = byId.get(id);
      if (!l) byId.set(id, (l = []));
      l.push(name);
      names.push(name);
    } else if (line.startsWith('#')) {
      if (started && changed) { steps.push(cur); cur = new Map(cur); }
      started = true;
      changed = false;
    } else if (line.startsWith('$')) {
      continue;
    } else if (line[0] === 'b' || line[0] === 'B') {
      const [v, id] = line.slice(1).split(/\s+/);
      set(id!, bits(v!));
    } else if (/^[01xzXZ]/.test(line)) {
      set(line.slice(1), bits(line[0]!));
    }
  }
  if (started && changed) steps.push(cur); // the closing timestamp carries no values
  if (!names.length) throw new FormalToolOutputError('the counterexample VCD declares no signals');
  return { names, steps };
}
