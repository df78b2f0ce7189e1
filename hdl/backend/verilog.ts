/**
 * The Verilog-2005 emitter: a thin printer of the checked netlist. One module per HDL module, the user's names,
 * a `// file.ts:line` comment above each statement, `always @(posedge ...)` blocks for registers.
 * Output is deterministic: the same design gives byte-identical text.
 *
 * Two sets: `synthesis` (control logic for tape-out; black boxes stay instances of external macros, simulation
 * models are left out, registers have no `initial` values) and `simulation` (black boxes replaced by their models,
 * registers start at their reset values as in the built-in simulator).
 */
import path from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { HdlError } from '../core/errors.ts';
import { firstSite, forEachRuleValue, type Rule } from '../core/lower.ts';
import type { Instance, Memory } from '../core/module.ts';
import type { Design, NetlistModule } from '../core/netlist.ts';
import { bitsFor } from '../core/shape.ts';
import { formatLoc, type CallSite } from '../core/source-loc.ts';
import type { Operator, Signal, Value } from '../core/value.ts';
import { ExprPrinter, declRange, literal } from './verilog-expr.ts';

/** Options of {@link emitVerilog}. */
export interface EmitOptions {
  /** Which set to emit (default `synthesis`). */
  set?: 'synthesis' | 'simulation';
  /** Give registers `initial` values equal to their reset values (default: true for `simulation`). */
  initialValues?: boolean;
}

/** Emitted Verilog: one file per module, plus an interface stub per external black box (synthesis set). */
export interface VerilogOutput {
  readonly top: string;
  /** File name -> text, in dependency order (children first). */
  readonly files: ReadonlyMap<string, string>;
  /** All files concatenated, for tools that take one input. */
  readonly combined: string;
}

/**
 * Emits a design as Verilog.
 * @example
 * const out = emitVerilog(elaborate(top));
 * console.log(out.files.get(`${out.top}.v`));
 */
export function emitVerilog(design: Design, opts: EmitOptions = {}): VerilogOutput {
  const set = opts.set ?? 'synthesis';
  const initial = opts.initialValues ?? set === 'simulation';
  const files = new Map<string, string>();
  const stubs = new Map<string, Instance>();
  for (const nm of design.modules) {
    if (set === 'synthesis' && nm.simulationOnly) continue;
    files.set(`${nm.name}.v`, emitModule(design, nm, set, initial, stubs));
  }
  // One stub file per external macro (named after it, as tools expect), ahead of the modules that use it.
  const ordered = new Map<string, string>();
  for (const [name, inst] of [...stubs].sort(([a], [b]) => a.localeCompare(b))) {
    if (files.has(`${name}.v`)) throw new HdlError(`black box '${name}' has the same name as a module of the design`, [inst.site.loc]);
    ordered.set(`${name}.v`, emitStub(inst));
  }
  for (const [k, v] of files) ordered.set(k, v);
  return { top: design.top.name, files: ordered, combined: [...ordered.values()].join('\n') };
}

/** Emits and writes every file into `dir` atomically; returns the written paths. */
export function writeVerilog(design: Design, dir: string, opts: EmitOptions = {}): string[] {
  const out = emitVerilog(design, opts);
  return [...out.files].map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileAtomic(file, text);
    return file;
  });
}

function where(site: CallSite | undefined): string | null {
  const loc = site?.loc;
  return loc ? `// ${formatLoc(loc).replace(/:\d+$/, '')}` : null;
}

function emitModule(design: Design, nm: NetlistModule, set: 'synthesis' | 'simulation', initial: boolean, stubs: Map<string, Instance>): string {
  const m = nm.module;
  const N = (x: Signal | Memory | Instance): string => nm.names.get(x)!;
  const roots: Value[] = [];
  for (const d of nm.drivers) forEachRuleValue(d.rule, (v) => roots.push(v));
  for (const inst of nm.instances) roots.push(...inst.inputs.values());
  for (const mem of nm.memories) {
    for (const p of mem.readPorts) roots.push(p.addr);
    for (const p of mem.writePorts) roots.push(p.addr, p.data, p.en);
  }
  const ex = new ExprPrinter(nm, roots);
  const body: string[] = [];
  const regs = new Set<Signal>();
  const domainOf = new Map([...m.domains.values()].map((d) => [d.name, d]));

  // Combinational drivers.
  for (const d of nm.drivers.filter((x) => x.domain === null)) {
    const loc = where(firstSite(d.rule));
    if (loc) body.push(`  ${loc}`);
    if (d.rule.kind === 'assign') {
      body.push(`  assign ${N(d.target)} = ${ex.text(d.rule.value)};`);
    } else {
      regs.add(d.target);
      body.push('  always @(*) begin');
      body.push(`    ${N(d.target)} = ${literal(d.target.reset, d.target.shape)};`);
      body.push(...ruleLines(d.rule, N(d.target), '=', ex, '    '));
      body.push('  end');
    }
  }
  // Registers, one block per register.
  for (const d of nm.drivers.filter((x) => x.domain !== null)) {
    regs.add(d.target);
    const dom = domainOf.get(d.domain!)!;
    const loc = where(firstSite(d.rule));
    if (loc) body.push(`  ${loc}`);
    const rst = dom.rst && !d.target.resetLess ? N(dom.rst) : null;
    const sens = rst && dom.resetKind === 'async' ? `posedge ${N(dom.clk)} or posedge ${rst}` : `posedge ${N(dom.clk)}`;
    body.push(`  always @(${sens}) begin`);
    const lines = ruleLines(d.rule, N(d.target), '<=', ex, rst ? '      ' : '    ');
    if (rst) {
      body.push(`    if (${rst}) begin`, `      ${N(d.target)} <= ${literal(d.target.reset, d.target.shape)};`);
      body.push(lines.length ? '    end else begin' : '    end');
      if (lines.length) body.push(...lines, '    end');
    } else body.push(...lines);
    body.push('  end');
  }
  // Memories.
  for (const mem of nm.memories) {
    const mn = N(mem);
    const aw = bitsFor(mem.depth);
    const index = (addr: Value): { idx: string; guard: string | null } => {
      const full = 2 ** aw === mem.depth && addr.width <= aw;
      const idx = addr.width === aw ? ex.text(addr) : addr.width < aw ? ex.ext(addr, { width: aw, signed: false }) : `${ex.atom(addr)}[${aw - 1}:0]`;
      return { idx, guard: full ? null : `${ex.ext(addr, { width: Math.max(addr.width, bitsFor(mem.depth + 1)), signed: false })} < ${literal(BigInt(mem.depth), { width: Math.max(addr.width, bitsFor(mem.depth + 1)), signed: false })}` };
    };
    const loc = where(mem.site);
    if (loc) body.push(`  ${loc}`);
    if (mem.init.length) {
      body.push('  initial begin');
      mem.init.forEach((v, i) => body.push(`    ${mn}[${i}] = ${literal(v, mem.shape)};`));
      body.push('  end');
    }
    for (const p of mem.readPorts) {
      const { idx, guard } = index(p.addr);
      const read = guard ? `${guard} ? ${mn}[${idx}] : ${literal(0n, mem.shape)}` : `${mn}[${idx}]`;
      if (p.domain === null) body.push(`  assign ${N(p.data)} = ${read};`);
      else {
        regs.add(p.data);
        body.push(`  always @(posedge ${N(domainOf.get(p.domain)!.clk)}) begin`, `    ${N(p.data)} <= ${read};`, '  end');
      }
    }
    for (const p of mem.writePorts) {
      const { idx, guard } = index(p.addr);
      const en = guard ? `${ex.text(p.en)} && (${guard})` : ex.text(p.en);
      body.push(`  always @(posedge ${N(domainOf.get(p.domain)!.clk)}) begin`, `    if (${en}) ${mn}[${idx}] <= ${ex.text(p.data)};`, '  end');
    }
  }
  // Instances.
  for (const inst of nm.instances) {
    const loc = where(inst.site);
    if (loc) body.push(`  ${loc}`);
    const conns: string[] = [];
    let moduleName: string;
    let params = '';
    if (inst.external && (set === 'synthesis' || !inst.module)) {
      moduleName = inst.external.moduleName;
      const ps = Object.entries(inst.external.params);
      if (ps.length) params = ` #(${ps.map(([k, v]) => `.${k}(${typeof v === 'string' ? JSON.stringify(v) : String(v)})`).join(', ')})`;
      for (const [pin, dom] of inst.clockPins) conns.push(`.${pin}(${N(m.domains.get(dom)!.clk)})`);
      for (const [pin, dom] of inst.resetPins) conns.push(`.${pin}(${N(m.domains.get(dom)!.rst!)})`);
      if (!stubs.has(moduleName)) stubs.set(moduleName, inst);
    } else {
      const child = design.moduleOf(inst.module!);
      moduleName = child.name;
      for (const d of inst.module!.domains.values()) {
        const parentDomainName = inst.external ? inst.clockPins.get(d.clk.name)! : inst.domains.get(d.name)!;
        const pd = m.domains.get(parentDomainName)!;
        conns.push(`.${child.names.get(d.clk)}(${N(pd.clk)})`);
        if (d.rst) conns.push(`.${child.names.get(d.rst)}(${N(pd.rst!)})`);
      }
    }
    const pinName = (p: string): string => (inst.module && !(inst.external && set === 'synthesis') ? design.moduleOf(inst.module).names.get(inst.module.ports.find((x) => x.signal.name === p)!.signal)! : p);
    for (const [pin, v] of inst.inputs) conns.push(`.${pinName(pin)}(${ex.text(v)})`);
    for (const [pin, s] of inst.outputs) conns.push(`.${pinName(pin)}(${N(s)})`);
    body.push(`  ${moduleName}${params} ${N(inst)} (`, conns.map((c) => `    ${c}`).join(',\n'), '  );');
  }

  // Declarations.
  const portSet = new Set(m.ports.map((p) => p.signal));
  const portLines = m.ports.map((p) => `  ${p.direction} ${p.direction === 'output' && regs.has(p.signal) ? 'reg' : 'wire'} ${declRange(p.signal.shape)}${N(p.signal)}`);
  const decls: string[] = [];
  const { used, partial } = readSets(nm);
  for (const s of m.signals) {
    if (portSet.has(s)) continue;
    decls.push(`  ${regs.has(s) ? 'reg' : 'wire'} ${declRange(s.shape)}${N(s)};`);
  }
  for (const mem of nm.memories) decls.push(`  reg ${declRange(mem.shape)}${N(mem)} [0:${mem.depth - 1}];`);
  const inits: string[] = [];
  if (initial) {
    for (const s of m.signals) if (regs.has(s) && nm.drivers.some((d) => d.target === s && d.domain !== null)) inits.push(`    ${N(s)} = ${literal(s.reset, s.shape)};`);
    for (const mem of nm.memories) for (const p of mem.readPorts) if (p.domain !== null) inits.push(`    ${N(p.data)} = ${literal(0n, p.data.shape)};`);
  }
  const isOutput = (s: Signal): boolean => portSet.has(s) && m.ports.find((p) => p.signal === s)!.direction === 'output';
  const unread = m.signals.filter((s) => !used.has(s) && !partial.has(s) && !isOutput(s));
  const partly = m.signals.filter((s) => partial.has(s) && !isOutput(s));
  const unused = [...unread, ...partly];
  const header = [
    `// Generated by meram-hdl from module '${m.name}'${m.site.loc ? ` (${formatLoc(m.site.loc).replace(/:\d+$/, '')})` : ''}. Do not edit.`,
    ...(m.params ? [`// Parameters: ${Object.entries(m.params).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`] : []),
    ...(unread.length ? [`// Not read (kept for the interface): ${unread.map(N).join(', ')}`] : []),
    ...(partly.length ? [`// Partly read (the other bits are unused on purpose): ${partly.map(N).join(', ')}`] : []),
    '`default_nettype none',
    '',
  ];
  const lintOff = unused.length ? ['  /* verilator lint_off UNUSEDSIGNAL */'] : [];
  const lintOn = unused.length ? ['  /* verilator lint_on UNUSEDSIGNAL */'] : [];
  return [
    ...header,
    `module ${nm.name} (`,
    ...(lintOff.length ? [lintOff[0]!] : []),
    portLines.join(',\n'),
    ...(lintOn.length ? [lintOn[0]!] : []),
    ');',
    ...lintOff,
    ...decls,
    ...lintOn,
    // Temporaries hold whole results of which often only some bits are used (truncation): by design.
    ...(ex.tempDecls.length ? ['  /* verilator lint_off UNUSEDSIGNAL */', ...ex.tempDecls, '  /* verilator lint_on UNUSEDSIGNAL */'] : []),
    ...(inits.length ? ['  initial begin', ...inits, '  end'] : []),
    ...body,
    'endmodule',
    '',
    '`default_nettype wire',
    '',
  ].join('\n');
}

/** Lines for a decision tree assigning `target` with `op` (`=` or `<=`). */
function ruleLines(rule: Rule, target: string, op: string, ex: ExprPrinter, ind: string): string[] {
  switch (rule.kind) {
    case 'hold': return [];
    case 'assign': return [`${ind}${target} ${op} ${ex.text(rule.value)};`];
    case 'if': {
      const out = [`${ind}if (${ex.text(rule.cond)}) begin`, ...ruleLines(rule.then, target, op, ex, ind + '  ')];
      let els: Rule = rule.else;
      while (els.kind === 'if') {
        out.push(`${ind}end else if (${ex.text(els.cond)}) begin`, ...ruleLines(els.then, target, op, ex, ind + '  '));
        els = els.else;
      }
      const tail = ruleLines(els, target, op, ex, ind + '  ');
      if (tail.length) out.push(`${ind}end else begin`, ...tail);
      out.push(`${ind}end`);
      return out;
    }
    case 'switch': {
      const subj = rule.subject;
      const out = [`${ind}case (${ex.atom(subj)})`];
      for (const c of rule.cases) {
        const body = ruleLines(c.body, target, op, ex, ind + '    ');
        out.push(`${ind}  ${c.values.map((v) => literal(v, subj.shape)).join(', ')}: begin`, ...body, `${ind}  end`);
      }
      out.push(`${ind}  default: begin`, ...ruleLines(rule.default, target, op, ex, ind + '    '), `${ind}  end`, `${ind}endcase`);
      return out;
    }
  }
}

/** Signals the module never reads, and signals of which it reads only some bits (Verilator warns about both). */
function readSets(nm: NetlistModule): { used: Set<Signal>; partial: Set<Signal> } {
  const used = new Set<Signal>();
  const partial = new Set<Signal>();
  const seen = new Set<Value>();
  const visit = (v: Value): void => {
    if (seen.has(v)) return;
    seen.add(v);
    if (v.kind === 'signal') { used.add(v as Signal); return; }
    if (v.kind !== 'op') return;
    const o = v as Operator;
    const x = o.operands[0]!;
    if (o.op === 'slice' && x.kind === 'signal' && o.shape.width < x.width) { partial.add(x as Signal); return; }
    for (const y of o.operands) visit(y);
  };
  for (const d of nm.drivers) forEachRuleValue(d.rule, visit);
  for (const inst of nm.instances) for (const v of inst.inputs.values()) visit(v);
  for (const mem of nm.memories) {
    for (const p of mem.readPorts) visit(p.addr);
    for (const p of mem.writePorts) { visit(p.addr); visit(p.data); visit(p.en); }
  }
  for (const d of nm.module.domains.values()) {
    if (nm.drivers.some((x) => x.domain === d.name) || nm.memories.some((mm) => mm.readPorts.some((p) => p.domain === d.name) || mm.writePorts.length)
      || nm.instances.length) used.add(d.clk);
    if (d.rst && (nm.drivers.some((x) => x.domain === d.name && !x.target.resetLess) || nm.instances.some((i) => [...(i.module?.domains.values() ?? [])].some((cd) => cd.rst !== null) || i.resetPins.size > 0))) used.add(d.rst);
  }
  for (const s of used) partial.delete(s);
  return { used, partial };
}

function emitStub(inst: Instance): string {
  const name = inst.external!.moduleName;
  const params = Object.keys(inst.external!.params);
  const pins = [
    ...[...inst.clockPins.keys(), ...inst.resetPins.keys()].map((p) => `  input wire ${p}`),
    ...[...inst.inputs].map(([p, v]) => `  input wire ${declRange(v.shape)}${p}`),
    ...[...inst.outputs].map(([p, s]) => `  output wire ${declRange(s.shape)}${p}`),
  ];
  return [
    `// Black-box stub of the external macro '${name}' (interface only; the macro itself comes from the IP library).`,
    '/* verilator lint_off UNUSEDSIGNAL */',
    '/* verilator lint_off UNDRIVEN */',
    '/* verilator lint_off UNUSEDPARAM */',
    '(* blackbox *)',
    `module ${name}${params.length ? ` #(${params.map((p) => `parameter ${p} = 0`).join(', ')})` : ''} (`,
    pins.join(',\n'),
    ');',
    'endmodule',
    '/* verilator lint_on UNUSEDPARAM */',
    '/* verilator lint_on UNDRIVEN */',
    '/* verilator lint_on UNUSEDSIGNAL */',
    '',
  ].join('\n');
}
