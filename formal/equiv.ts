/**
 * Equivalence of the synthesized gate netlist with the emitted RTL: the check to run before handing a netlist on.
 * Gold is the synthesis-set Verilog, gate is the netlist of `synthesize` read with the library's cell functions
 * (`read_liberty` without `-lib`: each cell a module of its Liberty `function` / `ff` group, flattened in). Child
 * instances and black-box macros are cut out the same way on both sides (`expose -evert`: their pins become ports, so
 * what the logic drives into a child is compared and what a child returns is a shared free input), then Yosys proves
 * the two equivalent: `equiv_make gold gate; equiv_simple -seq N; equiv_induct -seq N; equiv_status` (registers
 * matched by name, the rest proven by induction over the matched signals).
 */
import fs from 'node:fs';
import { MERAM180_LIB } from '../constraints/liberty-writer.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import { synthesize, type SynthesisOptions } from '../synth/synthesize.ts';
import { YosysScriptError, runYosysScript } from '../synth/yosys.ts';
import type { NetlistModule } from '../hdl/ir/netlist.ts';

/** The verdict on one module. */
export interface ModuleEquivalence {
  readonly module: string;
  readonly equivalent: boolean;
  /** `$equiv` cells (one per matched signal bit) and those left unproven, by signal name. */
  readonly cells: number;
  readonly unproven: readonly string[];
  /**
   * How: `induction` (every matched signal proven by equiv_simple / equiv_induct), or `bounded` when induction left
   * signals unproven (FSMs that synthesis re-encoded have no matching register) and a miter of gold and gate was then
   * proven equal in every output for `bmcCycles` cycles after a reset from any state (SAT, `sat -verify -prove
   * trigger 0`); `failed` when neither holds.
   */
  readonly method: 'induction' | 'bounded' | 'failed';
  readonly bmcCycles: number;
}

/** Result of {@link checkEquivalence}. */
export interface EquivalenceResult {
  readonly equivalent: boolean;
  readonly modules: readonly ModuleEquivalence[];
  /** The gate netlist that was compared. */
  readonly netlist: string;
  readonly log: string;
}

/** Options of {@link checkEquivalence}. */
export interface EquivalenceOptions {
  /** Liberty file with the cells' functions (default constraints/meram180.lib). */
  readonly liberty?: string;
  /** Compare this netlist instead of synthesizing one (e.g. a netlist handed back, or a broken one in a test). */
  readonly netlist?: string;
  /** Sequence length of equiv_simple / equiv_induct (default 2). */
  readonly seq?: number;
  /** Cycles of the bounded miter check (the reset cycle included), for modules induction does not prove (default 8). */
  readonly bmcCycles?: number;
  readonly synthesis?: SynthesisOptions;
}

/**
 * Synthesizes the design (unless a netlist is given) and proves the netlist equivalent to its RTL, module by module:
 * each module with its child instances cut out on both sides (`expose -evert`: a child's pins become ports), so every
 * module's own logic is compared once, whatever the size of the hierarchy.
 * @example
 * const r = await checkEquivalence(elaborate(top));
 * if (!r.equivalent) console.log(r.modules.filter((m) => !m.equivalent));
 */
export async function checkEquivalence(design: Design, opts: EquivalenceOptions = {}): Promise<EquivalenceResult> {
  const rtl = emitVerilog(design, { set: 'synthesis' });
  const netlist = opts.netlist ?? (await synthesize(design, opts.synthesis ?? {})).netlist;
  const lib = fs.readFileSync(opts.liberty ?? MERAM180_LIB, 'utf8');
  const stubs = [...rtl.files.keys()].filter((f) => rtl.files.get(f)!.includes('(* blackbox *)'));
  const tree: Record<string, string> = { 'cells.lib': lib, 'gate.v': netlist };
  for (const [f, t] of rtl.files) tree[f] = t;
  const seq = opts.seq ?? 2;
  const goldReads = [...rtl.files.keys()].map((f) => `read_verilog ${f}`).join('; ');
  const gateReads = ['read_liberty -ignore_miss_func cells.lib', ...stubs.map((f) => `read_verilog ${f}`), 'read_verilog gate.v'].join('; ');
  const modules = design.modules.filter((nm) => !nm.simulationOnly);
  const bmc = opts.bmcCycles ?? 8;
  const prepare = (nm: NetlistModule): string => {
    const children = [...new Set(nm.instances.map((i) => (i.source.external ? i.source.external.moduleName : design.moduleOf(i.source.module!).name)))];
    const cut = children.length ? `expose -evert ${children.map((c) => `t:${c}`).join(' ')}; ` : '';
    const side = (name: string, reads: string, flatten: boolean): string =>
      `design -reset; ${reads}; hierarchy -top ${nm.name}; proc; memory; ${cut}${flatten ? 'flatten; ' : ''}opt_clean; rename ${nm.name} ${name}; design -stash ${name}`;
    return [side('gold', goldReads, false), side('gate', gateReads, true), 'design -reset; design -copy-from gold -as gold gold; design -copy-from gate -as gate gate'].join('; ');
  };
  const induction = modules.map((nm) => `${prepare(nm)}; equiv_make gold gate equiv; hierarchy -top equiv; async2sync; equiv_simple -seq ${seq}; equiv_induct -seq ${seq}; log @@module ${nm.name}; equiv_status`);
  const run = await runYosysScript(induction.join('; '), tree);
  const logs = [run.log];
  const parts = sections(run.log);
  const results: ModuleEquivalence[] = [];
  for (const [k, nm] of modules.entries()) {
    const text = parts[k] ?? '';
    const cells = Number(/Found (\d+) \$equiv cells/.exec(text)?.[1] ?? -1);
    const unproven = [...new Set([...text.matchAll(/Unproven \$equiv \S+: (\S+)/g)].map((m) => m[1]!.replace(/^\\/, '').replace(/_gold$/, '')))];
    if (cells >= 0 && unproven.length === 0 && /Equivalence successfully proven!/.test(text)) {
      results.push({ module: nm.name, equivalent: true, cells, unproven, method: 'induction', bmcCycles: 0 });
      continue;
    }
    // A reset in cycle 1 from any state (registers start at zero on both sides; re-encoded FSMs then agree).
    const sd = nm.module.domains.get('sync');
    const rst = sd?.rst ? nm.names.get(sd.rst) : undefined;
    const miter = `${prepare(nm)}; async2sync; miter -equiv -flatten -make_outputs -ignore_gold_x gold gate miter; hierarchy -top miter; log @@module ${nm.name}; ` +
      `sat -verify -prove trigger 0 -seq ${bmc} -set-init-zero ${rst ? `-set-at 1 in_${rst} ${sd!.resetActive === 'low' ? 0 : 1} -prove-skip 1 ` : ''}-show-inputs`;
    let ok = false;
    try {
      const m = await runYosysScript(miter, tree);
      logs.push(m.log);
      ok = /SAT proof finished - no model found: SUCCESS!/.test(m.log);
    } catch (e) {
      if (!(e instanceof YosysScriptError)) throw e;
      logs.push(e.log); // -verify: a model (a difference) is an error exit
    }
    results.push({ module: nm.name, equivalent: ok, cells, unproven, method: ok ? 'bounded' : 'failed', bmcCycles: bmc });
  }
  return { equivalent: results.every((r) => r.equivalent), modules: results, netlist, log: logs.join('\n') };
}

/** The log after each `log @@module` marker (the script's echo has the marker mid-line, so only line starts count). */
function sections(log: string): string[] {
  return log.split(/^@@module /m).slice(1);
}
