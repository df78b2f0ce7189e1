/**
 * Waveform companions: FST beside a VCD (`vcd2fst` from GTKWave), and GTKWave translate-filter files that show FSM
 * state names, with a save file (`.gtkw`) that applies them. The state names come from the decoders the HDL attaches to
 * FSM state signals (`Fsm.stateSignal.decoder`, the same ones `ctx.stateName` uses).
 */
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import { runTool } from '../sim/tools/run-tool.ts';

/** One FSM state signal of the flattened design and its state names by value. */
export interface StateNames {
  /** Hierarchical path (`u_ctl.seq_state`; top-level signals by their own name). */
  readonly path: string;
  readonly width: number;
  readonly names: ReadonlyMap<bigint, string>;
}

/**
 * Every signal with a value decoder (FSM state registers) and the names of its values.
 *
 * @example
 * for (const s of stateNames(design)) console.log(s.path, [...s.names.values()]);
 */
export function stateNames(design: Design): StateNames[] {
  const out: StateNames[] = [];
  for (const { signal: s } of design.flat.signals) {
    if (!s.decoder || s.width > 12) continue;
    const names = new Map<bigint, string>();
    for (let v = 0n; v < 1n << BigInt(s.width); v++) {
      const n = s.decoder(v);
      if (n !== undefined) names.set(v, n);
    }
    if (names.size) out.push({ path: design.flat.paths.get(s)!, width: s.width, names });
  }
  return out;
}

/** GTKWave's default display of a vector: hex, zero-padded to the width's nibbles. */
const hex = (v: bigint, width: number): string => v.toString(16).padStart(Math.ceil(width / 4), '0');

/**
 * Writes one translate-filter file per FSM beside `vcd` (`<vcd base>.<path>.filter`) and a save file `<vcd base>.gtkw`
 * that opens the waveform with the FSM signals shown by state name. Returns the files written.
 *
 * @param scope the VCD scope of the top module (`counter` for the built-in simulator, `TOP.counter` for Verilator).
 */
export function writeStateFilters(vcd: string, design: Design, scope: string): string[] {
  const base = vcd.replace(/\.vcd$/, '');
  const written: string[] = [];
  const gtkw = [`[dumpfile] "${path.basename(vcd)}"`, `[savefile] "${path.basename(base)}.gtkw"`];
  stateNames(design).forEach((s, i) => {
    const file = `${base}.${s.path.replace(/[^A-Za-z0-9_.]/g, '_')}.filter`;
    const lines = [`# GTKWave translate filter: state names of ${s.path} (hex values, GTKWave's default display)`];
    for (const [v, n] of s.names) lines.push(`${hex(v, s.width)} ${n}`);
    writeFileAtomic(file, `${lines.join('\n')}\n`);
    written.push(file);
    gtkw.push('@2028', `^${i + 1} ${path.basename(file)}`, `${scope}.${s.path}${s.width > 1 ? `[${s.width - 1}:0]` : ''}`);
  });
  if (!written.length) return [];
  writeFileAtomic(`${base}.gtkw`, `${gtkw.join('\n')}\n`);
  return [...written, `${base}.gtkw`];
}

/**
 * Converts a VCD to FST with GTKWave's `vcd2fst`; returns the FST path.
 *
 * @example
 * vcdToFst('build/wave.vcd'); // 'build/wave.fst'
 */
export function vcdToFst(vcd: string, fst = vcd.replace(/\.vcd$/, '') + '.fst'): string {
  runTool('vcd2fst', [path.resolve(vcd), path.resolve(fst)]);
  return fst;
}
