/**
 * The Verilog-2005 emitter: a thin printer of the module netlists. One module per HDL module, the user's names,
 * a `// file.ts:line` comment above each statement, one `always @(posedge ...)` process per clock domain (and kind of
 * reset) holding the user's own statements, and lint waivers on exactly the names that need them.
 * Output is deterministic: the same design gives byte-identical text.
 *
 * Two sets: `synthesis` (control logic for tape-out; black boxes stay instances of external macros, simulation
 * models are left out, registers have no `initial` values) and `simulation` (black boxes replaced by their models,
 * registers start at their reset values as in the built-in simulator). In both, every memory word has a defined
 * power-on value (its `init`, else 0) and a signal nothing drives gets its reset value as a constant driver, so the
 * Verilog means what the built-in simulator computes, in 4-state simulators too.
 */
import path from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { HdlError } from '../core/errors.ts';
import type { Instance, Memory } from '../core/module.ts';
import { bitsFor } from '../core/shape.ts';
import { formatLoc, type CallSite } from '../core/source-loc.ts';
import type { Signal } from '../core/value.ts';
import type { Design } from '../ir/elaborate.ts';
import { type IrRule, type IrStmt, type IrWritePort, type Net, type NetlistModule, firstRuleSite, forEachRuleNet } from '../ir/netlist.ts';
import { groupProcesses, type Process } from '../ir/passes/processes.ts';
import { ExprPrinter, declRange, literal } from './verilog-expr.ts';
import { formatParam } from '../core/params.ts';
import { formalBlock } from './verilog-formal.ts';
import { describeLayout } from '../core/layout.ts';

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

/** Every net a module's printed text reads (each place it is printed counts once): the expression printer's roots. */
function moduleRoots(nm: NetlistModule, processes: readonly Process[]): Net[] {
  const roots: Net[] = [];
  for (const d of nm.drivers) if (d.domain === null) forEachRuleNet(d.rule, (n) => roots.push(n));
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'assign') roots.push(s.value);
      else if (s.kind === 'if') { for (const b of s.branches) { roots.push(b.cond); visit(b.body); } if (s.else) visit(s.else); }
      else { roots.push(s.subject); for (const c of s.cases) visit(c.body); if (s.default) visit(s.default); }
    }
  };
  for (const p of processes) visit(p.body);
  for (const inst of nm.instances) roots.push(...inst.inputs.values());
  for (const mem of nm.memories) {
    for (const p of mem.readPorts) { roots.push(p.addr); if (p.en !== null) roots.push(p.en); }
    for (const p of mem.writePorts) roots.push(p.addr, p.data, p.en);
  }
  return roots;
}

function emitModule(design: Design, nm: NetlistModule, set: 'synthesis' | 'simulation', initial: boolean, stubs: Map<string, Instance>): string {
  const m = nm.module;
  const N = (x: Signal | Memory | Instance): string => nm.names.get(x)!;
  const S = (i: number): string => N(nm.signals[i]!.signal);
  const processes = groupProcesses(nm);
  const ex = new ExprPrinter(nm, moduleRoots(nm, processes));
  const body: string[] = [];
  const regs = new Set<number>();
  const push = (site: CallSite | undefined, ...lines: string[]): void => {
    const loc = where(site);
    if (loc) body.push(`  ${loc}`);
    body.push(...lines);
  };

  // Combinational drivers: continuous assignments, or a process when the value is chosen by conditions.
  for (const d of nm.drivers) {
    if (d.domain !== null) continue;
    if (d.rule.kind === 'assign') {
      push(d.rule.site, `  assign ${S(d.target)} = ${ex.enums.assigned(d.target, d.rule.value, (n) => ex.text(n))};`);
    } else {
      regs.add(d.target);
      push(firstRuleSite(d.rule), '  always @(*) begin', `    ${S(d.target)} = ${ex.enums.reset(d.target, literal)};`, ...ruleLines(d.rule, d.target, S(d.target), ex, '    '), '  end');
    }
  }
  // Signals nothing drives read as their reset value (the simulators' meaning), never as Z.
  for (const i of nm.undriven) {
    const s = nm.signals[i]!.signal;
    push(s.site, `  assign ${S(i)} = ${literal(s.reset, s.shape)}; // never driven: its reset value`);
  }

  // Registers: one process per domain and kind of reset, with the user's statements.
  for (const p of processes) {
    for (const t of p.targets) regs.add(t);
    const dom = m.domains.get(p.domain)!;
    const clk = N(dom.clk);
    ex.markRead(clk);
    const rst = p.resets && dom.rst ? N(dom.rst) : null;
    if (rst) ex.markRead(rst);
    const low = dom.resetActive === 'low';
    const sens = rst && dom.resetKind === 'async' ? `posedge ${clk} or ${low ? 'negedge' : 'posedge'} ${rst}` : `posedge ${clk}`;
    // A clock enable wraps the statements; an inserted synchronous reset follows them (the later assignment wins).
    const ce = dom.enable ? N(dom.enable) : null;
    const srst = dom.syncReset ? N(dom.syncReset) : null;
    const inner = rst ? '      ' : '    ';
    const resetTo = (targets: readonly number[], ind: string): string[] => targets.map((t) => `${ind}${S(t)} <= ${ex.enums.reset(t, literal)};`);
    const lines = ce ? [`${inner}if (${ce}) begin`, ...stmtLines(p.body, nm, ex, `${inner}  `), `${inner}end`] : stmtLines(p.body, nm, ex, inner);
    const resettable = p.targets.filter((t) => !nm.signals[t]!.signal.resetLess);
    if (srst && resettable.length) lines.push(`${inner}if (${srst}) begin`, ...resetTo(resettable, `${inner}  `), `${inner}end`);
    if (ce) ex.markRead(ce);
    if (srst) ex.markRead(srst);
    body.push(`  always @(${sens}) begin`);
    if (rst) {
      body.push(`    if (${low ? '!' : ''}${rst}) begin`, ...resetTo(p.targets, '      '));
      body.push(lines.length ? '    end else begin' : '    end');
      if (lines.length) body.push(...lines, '    end');
    } else body.push(...lines);
    body.push('  end');
  }

  // Memories: explicit power-on contents, then the ports.
  const memInits: string[] = [];
  const memDecls: string[] = [];
  for (const mem of nm.memories) {
    const mn = N(mem.source);
    const aw = bitsFor(mem.depth);
    const index = (addr: Net): { idx: string; guard: string | null } => {
      const w = ex.shape(addr).width;
      const full = 2 ** aw === mem.depth && w <= aw;
      // An operator as an index goes through a wire: Icarus sizes an index expression wider than its operands.
      const idx = w === aw ? (nm.cells[addr]!.kind === 'op' ? ex.atom(addr) : ex.text(addr)) : w < aw ? ex.ext(addr, { width: aw, signed: false }) : ex.select(addr, aw - 1, 0);
      const gw = Math.max(w, bitsFor(mem.depth + 1));
      return { idx, guard: full ? null : `${ex.ext(addr, { width: gw, signed: false })} < ${literal(BigInt(mem.depth), { width: gw, signed: false })}` };
    };
    memDecls.push(`  reg ${declRange(mem.shape)}${mn} [0:${mem.depth - 1}];`);
    const loc = where(mem.site);
    if (loc) memInits.push(`  ${loc}`);
    memInits.push(...memoryInit(nm, mem.source, mn, memDecls));
    // A lane of a value: bits hi..lo (a constant's lane is a literal).
    const lane = (n: Net, hi: number, lo: number): string => {
      const c = nm.cells[n]!;
      if (c.kind === 'const') return literal(BigInt.asUintN(hi - lo + 1, BigInt.asUintN(mem.shape.width, c.value) >> BigInt(lo)), { width: hi - lo + 1, signed: false });
      return mem.shape.width === 1 ? ex.text(n) : ex.select(n, hi, lo);
    };
    const par = (t: string): string => (/^[\w$.[\]:']+$/.test(t) ? t : `(${t})`);
    const writeEn = (p: IrWritePort, i: number | null): string => {
      const { guard } = index(p.addr);
      const c = nm.cells[p.en]!;
      const e = i === null || ex.shape(p.en).width === 1 ? ex.text(p.en) : c.kind === 'const' ? `1'b${(c.value >> BigInt(i)) & 1n}` : ex.select(p.en, i, i);
      return guard ? `${e} && (${guard})` : e;
    };
    /** One statement per lane of a write port (one for the whole word): `if (<lane enable>) <target lane> <= <data lane>;` */
    const laneWrites = (p: IrWritePort, target: (hi: number, lo: number) => string, extra = ''): string[] => {
      const g = p.granularity;
      if (g === mem.shape.width) return [`if (${writeEn(p, null)}${extra}) ${target(g - 1, 0)} <= ${ex.text(p.data)};`];
      return Array.from({ length: mem.shape.width / g }, (_, i) => `if (${writeEn(p, i)}${extra}) ${target((i + 1) * g - 1, i * g)} <= ${lane(p.data, (i + 1) * g - 1, i * g)};`);
    };
    const sub = (base: string, hi: number, lo: number): string => (hi === mem.shape.width - 1 && lo === 0 ? base : hi === lo ? `${base}[${lo}]` : `${base}[${hi}:${lo}]`);
    for (const p of mem.readPorts) {
      const { idx, guard } = index(p.addr);
      const read = guard ? `${guard} ? ${mn}[${idx}] : ${literal(0n, mem.shape)}` : `${mn}[${idx}]`;
      if (p.domain === null) push(p.site, `  assign ${S(p.data)} = ${read};`);
      else {
        regs.add(p.data);
        const clk = N(m.domains.get(p.domain)!.clk);
        ex.markRead(clk);
        const same = mem.writePorts.filter((w) => w.domain === p.domain);
        const conds: string[] = [];
        if (p.en !== null) conds.push(par(ex.text(p.en)));
        if (p.transparency === 'no-change' && same.length) conds.push(`!(${same.map((w) => (w.granularity === mem.shape.width ? par(ex.text(w.en)) : `|${par(ex.text(w.en))}`)).join(' || ')})`);
        // Write-first: the bypass of each same-domain write port, lane by lane, after the read (the later wins).
        const bypass = p.transparency !== 'write-first' ? [] : same.flatMap((w) => laneWrites(w, (hi, lo) => sub(S(p.data), hi, lo), ` && ${par(ex.text(w.addr))} == ${par(ex.text(p.addr))}`));
        const lines = [`${S(p.data)} <= ${read};`, ...bypass];
        const body = conds.length ? [`    if (${conds.join(' && ')}) begin`, ...lines.map((l) => `      ${l}`), '    end'] : lines.map((l) => `    ${l}`);
        push(p.site, `  always @(posedge ${clk}) begin`, ...body, '  end');
      }
    }
    // Write ports of one domain share a process, in port order: the later port wins a same-address write (two
    // processes would race on the nonblocking updates).
    const byDomain = new Map<string, IrWritePort[]>();
    for (const p of mem.writePorts) { let l = byDomain.get(p.domain); if (!l) byDomain.set(p.domain, (l = [])); l.push(p); }
    for (const [domain, ports] of byDomain) {
      const clk = N(m.domains.get(domain)!.clk);
      ex.markRead(clk);
      const lines = ports.flatMap((p) => laneWrites(p, (hi, lo) => sub(`${mn}[${index(p.addr).idx}]`, hi, lo)).map((l) => `    ${l}`));
      push(ports[0]!.site, `  always @(posedge ${clk}) begin`, ...lines, '  end');
    }
  }

  // Instances.
  for (const irInst of nm.instances) {
    const inst = irInst.source;
    const conns: string[] = [];
    let moduleName: string;
    let params = '';
    const pin = (parentName: string): string => { ex.markRead(parentName); return parentName; };
    if (inst.external && (set === 'synthesis' || !inst.module)) {
      moduleName = inst.external.moduleName;
      const ps = Object.entries(inst.external.params);
      if (ps.length) params = ` #(${ps.map(([k, v]) => `.${k}(${typeof v === 'string' ? JSON.stringify(v) : String(v)})`).join(', ')})`;
      for (const [p, dom] of inst.clockPins) conns.push(`.${p}(${pin(N(m.domains.get(dom)!.clk))})`);
      for (const [p, dom] of inst.resetPins) conns.push(`.${p}(${pin(N(m.domains.get(dom)!.rst!))})`);
      if (!stubs.has(moduleName)) stubs.set(moduleName, inst);
    } else {
      const child = design.moduleOf(inst.module!);
      moduleName = child.name;
      for (const d of inst.module!.domains.values()) {
        const parentDomainName = inst.external ? inst.clockPins.get(d.clk.name)! : inst.domains.get(d.name)!;
        const pd = m.domains.get(parentDomainName)!;
        conns.push(`.${child.names.get(d.clk)}(${pin(N(pd.clk))})`);
        if (d.rst) conns.push(`.${child.names.get(d.rst)}(${pin(N(pd.rst!))})`);
      }
    }
    const pinName = (p: string): string => (inst.module && !(inst.external && set === 'synthesis') ? design.moduleOf(inst.module).names.get(inst.module.ports.find((x) => x.signal.name === p)!.signal)! : p);
    for (const [p, n] of irInst.inputs) conns.push(`.${pinName(p)}(${ex.text(n)})`);
    for (const [p, s] of irInst.outputs) conns.push(`.${pinName(p)}(${S(s)})`);
    push(inst.site, `  ${moduleName}${params} ${N(inst)} (`, conns.map((c) => `    ${c}`).join(',\n'), '  );');
  }

  // Declarations, with a lint waiver on exactly the names not read in full (kept for an interface, or sliced).
  const portSet = new Set(m.ports.map((p) => p.signal));
  const outputs = new Set(m.ports.filter((p) => p.direction === 'output').map((p) => p.signal));
  const unread: string[] = [];
  const partly: string[] = [];
  const waived = (name: string, width: number, isOutput: boolean): boolean => {
    if (isOutput || ex.fullyRead(name, width)) return false;
    (ex.anyRead(name) ? partly : unread).push(name);
    return true;
  };
  const wrap = (line: string, waive: boolean): string[] => (waive ? ['  /* verilator lint_off UNUSEDSIGNAL */', line, '  /* verilator lint_on UNUSEDSIGNAL */'] : [line]);
  const portLines: string[] = [];
  m.ports.forEach((p, k) => {
    const i = nm.indexOf.get(p.signal)!;
    const line = `  ${p.direction} ${p.direction === 'output' && regs.has(i) ? 'reg' : 'wire'} ${declRange(p.signal.shape)}${N(p.signal)}${k < m.ports.length - 1 ? ',' : ''}${layoutNote(p.signal)}`;
    portLines.push(...wrap(line, waived(N(p.signal), p.signal.width, p.direction === 'output')));
  });
  const decls: string[] = [];
  nm.signals.forEach((irs, i) => {
    if (portSet.has(irs.signal)) return;
    const line = `  ${regs.has(i) ? 'reg' : 'wire'} ${declRange(irs.signal.shape)}${S(i)};${layoutNote(irs.signal)}`;
    decls.push(...wrap(line, waived(S(i), irs.signal.width, outputs.has(irs.signal))));
  });
  decls.push(...memDecls);
  // Temporaries hold whole results of which often only some bits are used (truncation): waived where that is so.
  const temps = ex.tempDecls.flatMap((t) => wrap(`  ${t.text}`, !ex.fullyRead(t.name, t.shape.width)));
  const inits: string[] = [];
  if (initial) {
    for (const d of nm.drivers) if (d.domain !== null) inits.push(`    ${S(d.target)} = ${ex.enums.reset(d.target, literal)};`);
    for (const mem of nm.memories) for (const p of mem.readPorts) if (p.domain !== null) inits.push(`    ${S(p.data)} = ${literal(0n, nm.signals[p.data]!.signal.shape)};`);
  }
  const header = [
    `// Generated by meram-hdl from module '${m.name}'${m.site.loc ? ` (${formatLoc(m.site.loc).replace(/:\d+$/, '')})` : ''}. Do not edit.`,
    ...(m.params ? [`// Parameters: ${Object.entries(m.params).map(([k, v]) => `${k}=${formatParam(v)}`).join(', ')}`] : []),
    ...(unread.length ? [`// Not read (kept for the interface): ${unread.join(', ')}`] : []),
    ...(partly.length ? [`// Partly read (the other bits are unused on purpose): ${partly.join(', ')}`] : []),
    '`default_nettype none',
    '',
  ];
  return [
    ...header,
    `module ${nm.name} (`,
    ...portLines,
    ');',
    ...ex.enums.decls(literal),
    ...decls,
    ...temps,
    ...(inits.length ? ['  initial begin', ...inits, '  end'] : []),
    ...memInits,
    ...body,
    ...formalBlock(nm, S),
    'endmodule',
    '',
    '`default_nettype wire',
    '',
  ].join('\n');
}

/** Power-on contents of a memory: every word when `init` gives them all, else a loop to 0 and the non-zero words. */
function memoryInit(nm: NetlistModule, mem: Memory, mn: string, decls: string[]): string[] {
  const lines = ['  initial begin'];
  const word = (i: number): bigint => mem.init[i] ?? 0n;
  if (mem.init.length === mem.depth) {
    for (let i = 0; i < mem.depth; i++) lines.push(`    ${mn}[${i}] = ${literal(word(i), mem.shape)};`);
  } else {
    const iv = nm.allocator.claim(`${mn}_i`);
    decls.push(`  integer ${iv};`);
    lines.push(`    for (${iv} = 0; ${iv} < ${mem.depth}; ${iv} = ${iv} + 1) ${mn}[${iv}] = ${literal(0n, mem.shape)};`);
    mem.init.forEach((v, i) => { if (v !== 0n) lines.push(`    ${mn}[${i}] = ${literal(v, mem.shape)};`); });
  }
  lines.push('  end');
  return lines;
}

/** Lines for a decision tree assigning `target` with `=` (combinational processes). */
function ruleLines(rule: IrRule, index: number, target: string, ex: ExprPrinter, ind: string): string[] {
  switch (rule.kind) {
    case 'hold': return [];
    case 'assign': return [`${ind}${target} = ${ex.enums.assigned(index, rule.value, (n) => ex.text(n))};`];
    case 'if': {
      const long = rule.branches.length > MAX_ELSE_IF;
      const body = (r: IrRule): string[] => ruleLines(r, index, target, ex, ind + (long ? '    ' : '  '));
      return chainLines(rule.branches.map((b) => ({ cond: b.cond, lines: body(b.body) })), body(rule.else), ex, ind);
    }
    case 'switch': {
      const out = [`${ind}case (${ex.atom(rule.subject)})`];
      const shape = ex.shape(rule.subject);
      for (const c of rule.cases) out.push(`${ind}  ${c.values.map((v) => ex.enums.forNet(rule.subject, v, shape) ?? literal(v, shape)).join(', ')}: begin`, ...ruleLines(c.body, index, target, ex, ind + '    '), `${ind}  end`);
      out.push(`${ind}  default: begin`, ...ruleLines(rule.default, index, target, ex, ind + '    '), `${ind}  end`, `${ind}endcase`);
      return out;
    }
  }
}

/** Longest if / else-if chain printed as such; longer ones become a priority `case (1'b1)` (Verilog parsers nest
 * else-if chains, and Verilator's runs out of parser stack near 10^4 branches). */
const MAX_ELSE_IF = 64;

/**
 * An if-chain: `if / else if / else` when short, else a flat priority case (`case (1'b1) cond: ... endcase`, first
 * true condition wins). The caller indents the body lines for the form that `branches.length` selects.
 */
function chainLines(branches: readonly { cond: Net; lines: string[] }[], els: string[], ex: ExprPrinter, ind: string): string[] {
  const out: string[] = [];
  if (branches.length <= MAX_ELSE_IF) {
    branches.forEach((b, k) => out.push(`${ind}${k === 0 ? '' : 'end else '}if (${ex.text(b.cond)}) begin`, ...b.lines));
    if (els.length) out.push(`${ind}end else begin`, ...els);
    out.push(`${ind}end`);
    return out;
  }
  out.push(`${ind}case (1'b1)`);
  for (const b of branches) out.push(`${ind}  ${ex.text(b.cond)}: begin`, ...b.lines, `${ind}  end`);
  out.push(`${ind}  default: begin`, ...els, `${ind}  end`, `${ind}endcase`);
  return out;
}

/** Lines of register statements (`<=`), with the user's line above each top-level statement. */
function stmtLines(stmts: readonly IrStmt[], nm: NetlistModule, ex: ExprPrinter, ind: string, top = true): string[] {
  const out: string[] = [];
  const S = (i: number): string => nm.names.get(nm.signals[i]!.signal)!;
  for (const s of stmts) {
    const loc = top ? where(s.site) : null;
    if (loc) out.push(`${ind}${loc}`);
    if (s.kind === 'assign') { out.push(`${ind}${S(s.target)}${partSelect(s, nm)} <= ${s.part ? ex.text(s.value) : ex.enums.assigned(s.target, s.value, (n) => ex.text(n))};`); continue; }
    if (s.kind === 'if') {
      const long = s.branches.length > MAX_ELSE_IF;
      const body = (b: readonly IrStmt[]): string[] => stmtLines(b, nm, ex, ind + (long ? '    ' : '  '), false);
      out.push(...chainLines(s.branches.map((b) => ({ cond: b.cond, lines: body(b.body) })), s.else ? body(s.else) : [], ex, ind));
      continue;
    }
    const shape = ex.shape(s.subject);
    out.push(`${ind}case (${ex.atom(s.subject)})`);
    for (const c of s.cases) out.push(`${ind}  ${c.values.map((v) => ex.enums.forNet(s.subject, v, shape) ?? literal(v, shape)).join(', ')}: begin`, ...stmtLines(c.body, nm, ex, ind + '    ', false), `${ind}  end`);
    out.push(`${ind}  default: begin`, ...(s.default ? stmtLines(s.default, nm, ex, ind + '    ', false) : []), `${ind}  end`, `${ind}endcase`);
  }
  return out;
}

/** ` // struct entry: valid [0], count [8:1]` after the declaration of a signal whose shape is a layout. */
function layoutNote(s: Signal): string {
  const d = describeLayout(s.shape);
  return d ? ` // ${d}` : '';
}

/** `[hi:lo]` (or `[i]`) of a partial assignment, nothing when it writes the whole signal. */
function partSelect(s: Extract<IrStmt, { kind: 'assign' }>, nm: NetlistModule): string {
  if (!s.part || s.part.width === nm.signals[s.target]!.signal.width) return '';
  const { lo, width } = s.part;
  return width === 1 ? `[${lo}]` : `[${lo + width - 1}:${lo}]`;
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
