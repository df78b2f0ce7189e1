/** A top module around one instance: the child's data ports become the top's ports, of the same names and shapes. */
import { Module } from '../core/module.ts';
import type { Signal } from '../core/value.ts';

/**
 * Wraps `child` as the only instance (`u_<child name>`) of a new module `name`, with every data port of the child
 * as a port of the same name, shape and direction (clock domains connect by name, or as `domains` renames them).
 * Handy as a simulation or lockstep top.
 * @example const top = wrapInstance('fifo_top', AsyncFifo({ width: 8, log2Depth: 3 }));
 */
export function wrapInstance(name: string, child: Module, opts: { domains?: Record<string, string> } = {}): Module {
  const m = new Module(name);
  const inputs: Record<string, Signal> = {};
  const data = child.ports.filter((p) => !p.clockOf && !p.resetOf && !p.controlOf);
  for (const p of data) if (p.direction === 'input') inputs[p.signal.name] = m.input(p.signal.name, p.signal.shape);
  // The child's clock enables and synchronous resets become inputs of the same names.
  const enables: Record<string, Signal> = {};
  const resets: Record<string, Signal> = {};
  for (const p of child.ports) if (p.controlOf) (p.controlOf.kind === 'enable' ? enables : resets)[p.controlOf.domain] = m.input(p.signal.name, 1);
  const outs = m.submodule(`u_${child.name}`, child, inputs, { ...opts, enables, resets });
  for (const p of data) if (p.direction === 'output') m.comb(m.output(p.signal.name, p.signal.shape), outs[p.signal.name]!);
  return m;
}
