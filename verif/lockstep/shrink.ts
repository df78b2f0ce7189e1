/**
 * Minimises a failing random design (delta debugging on the `DesignSpec` data): drops operators, registers, outputs,
 * inputs, the memory and the combinational If, and narrows shapes, while the design still fails. Deterministic, and
 * usable with an expensive (async) check such as a Verilator build per candidate.
 */
import type { Shape } from '../../hdl/core/shape.ts';
import type { DesignSpec } from './random-design.ts';

/** Smaller variants of a spec, most aggressive first. */
function* candidates(s: DesignSpec): Generator<DesignSpec> {
  const without = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, j) => j !== i);
  if (s.mem) yield { ...s, mem: null };
  if (s.combIf) yield { ...s, combIf: null };
  for (let i = s.nodes.length - 1; i >= 0; i--) yield { ...s, nodes: without(s.nodes, i) };
  for (let i = 0; i < s.outputs.length && s.outputs.length > 1; i++) yield { ...s, outputs: without(s.outputs, i) };
  for (let i = 0; i < s.regs.length && s.regs.length > 1; i++) yield { ...s, regs: without(s.regs, i) };
  for (let i = 0; i < s.inputs.length && s.inputs.length > 1; i++) yield { ...s, inputs: without(s.inputs, i) };
  const narrow = (sh: Shape): Shape | null => (sh.width > 1 ? { width: Math.max(1, sh.width >> 1), signed: sh.signed } : null);
  for (let i = 0; i < s.inputs.length; i++) {
    const n = narrow(s.inputs[i]!);
    if (n) yield { ...s, inputs: s.inputs.map((x, j) => (j === i ? n : x)) };
  }
  for (let i = 0; i < s.regs.length; i++) {
    const r = s.regs[i]!;
    if (r.rule !== 'assign') yield { ...s, regs: s.regs.map((x, j) => (j === i ? { ...r, rule: 'assign' as const } : x)) };
    const n = narrow(r.shape);
    if (n) yield { ...s, regs: s.regs.map((x, j) => (j === i ? { ...r, shape: n } : x)) };
  }
  for (let i = 0; i < s.nodes.length; i++) if (s.nodes[i]!.k !== 0) yield { ...s, nodes: s.nodes.map((x, j) => (j === i ? { ...x, k: 0 } : x)) };
}

/**
 * The smallest variant of `spec` (by greedy steps) for which `fails` still returns true.
 * @example const minimal = await minimizeSpec(spec, async (s) => (await check(s)).mismatches.length > 0);
 */
export async function minimizeSpec(spec: DesignSpec, fails: (s: DesignSpec) => boolean | Promise<boolean>, maxChecks = 500): Promise<DesignSpec> {
  let cur = spec;
  let checks = 0;
  for (let progress = true; progress && checks < maxChecks;) {
    progress = false;
    for (const c of candidates(cur)) {
      if (++checks > maxChecks) break;
      let failed: boolean;
      try {
        failed = await fails(c);
      } catch {
        failed = false; // a candidate that cannot even be built is not a smaller failure
      }
      if (failed) { cur = c; progress = true; break; }
    }
  }
  return cur;
}
