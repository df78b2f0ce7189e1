/**
 * Whole-design rules on the flat netlist: combinational loops (errors) and clock-domain crossings (warnings).
 * Both walk the net graph iteratively, so designs of any depth are checked without growing the call stack.
 */
import { DesignRuleError } from '../core/errors.ts';
import { formatLoc, type SourceLoc } from '../core/source-loc.ts';
import { type FlatDesign, type Net, firstRuleSite, forEachRuleNet } from './netlist.ts';

/** The nets each combinationally driven signal's decision tree reads. */
function combRuleNets(flat: FlatDesign): Map<number, Net[]> {
  const bySignal = new Map<number, Net[]>();
  for (const d of flat.drivers) {
    if (d.domain !== null) continue;
    const ns: Net[] = [];
    forEachRuleNet(d.rule, (n) => ns.push(n));
    bySignal.set(d.target, ns);
  }
  return bySignal;
}

/** What each net depends on combinationally: an operator's operands, a comb signal's driver, a comb read's address. */
function combSuccessors(flat: FlatDesign): (n: Net) => readonly Net[] {
  const bySignal = combRuleNets(flat);
  for (const mem of flat.memories) for (const p of mem.readPorts) if (p.domain === null) bySignal.set(p.data, [p.addr]);
  const none: Net[] = [];
  return (n) => {
    const c = flat.cells[n]!;
    return c.kind === 'op' ? c.args : c.kind === 'signal' ? bySignal.get(c.signal) ?? none : none;
  };
}

/**
 * A combinational loop through drivers (and combinational memory reads); prints the path of signals with the lines
 * that drive them. One iterative DFS over the net graph: linear in its size.
 */
export function checkCombLoops(flat: FlatDesign, errors: DesignRuleError[]): void {
  const next = combSuccessors(flat);
  const site = new Map<number, SourceLoc | undefined>();
  for (const d of flat.drivers) if (d.domain === null) site.set(d.target, firstRuleSite(d.rule)?.loc ?? flat.signals[d.target]!.signal.loc);
  const color = new Uint8Array(flat.cells.length); // 1 = on the DFS stack, 2 = finished
  const found = new Set<string>();
  const pathOf = (i: number): string => flat.signals[i]!.path;
  for (const d of flat.drivers) {
    if (d.domain !== null) continue;
    const root = flat.signals[d.target]!.net;
    if (color[root]) continue;
    const stack: { n: Net; i: number; succ: readonly Net[] }[] = [{ n: root, i: 0, succ: next(root) }];
    color[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.succ.length) { color[top.n] = 2; stack.pop(); continue; }
      const n = top.succ[top.i++]!;
      if (color[n] === 0) { color[n] = 1; stack.push({ n, i: 0, succ: next(n) }); continue; }
      if (color[n] !== 1) continue;
      const from = stack.findIndex((f) => f.n === n);
      const cycle: number[] = [];
      for (const f of stack.slice(from)) { const c = flat.cells[f.n]!; if (c.kind === 'signal') cycle.push(c.signal); }
      const key = cycle.map(pathOf).sort().join(',');
      if (found.has(key) || cycle.length === 0) continue;
      found.add(key);
      const text = [...cycle, cycle[0]!].map(pathOf).join(' -> ');
      errors.push(new DesignRuleError('comb-loop',
        `combinational loop: ${text}\n${cycle.map((x) => `    ${pathOf(x)} driven at ${site.get(x) ? formatLoc(site.get(x)!) : '<unknown>'}`).join('\n')}`,
        cycle.map((x) => site.get(x))));
    }
  }
}

/**
 * Clock-domain crossings: a register, or a memory port, of one domain whose value depends (through any combinational
 * logic, comb memory reads included) on a register or memory of another domain, without a synchroniser stage
 * (signals marked `syncStage`). Source domains are computed once per net as bit masks: linear in the graph size.
 */
export function checkDomainCrossings(flat: FlatDesign, warnings: DesignRuleError[]): void {
  const domainIndex = new Map(flat.domains.map((d, i) => [d.name, i]));
  const bit = (name: string): number => 1 << domainIndex.get(name)!;
  const own = new Map<number, number>(); // register signal -> its domain bit
  for (const d of flat.drivers) if (d.domain !== null) own.set(d.target, bit(d.domain));
  for (const mem of flat.memories) for (const p of mem.readPorts) if (p.domain !== null) own.set(p.data, bit(p.domain));
  const contentBits = flat.memories.map((mem) => mem.writePorts.reduce((m, p) => m | bit(p.domain), 0));
  const combRead = new Map<number, { addr: Net; mem: number }>();
  flat.memories.forEach((mem, k) => { for (const p of mem.readPorts) if (p.domain === null) combRead.set(p.data, { addr: p.addr, mem: k }); });
  const combRule = combRuleNets(flat);
  // The nets a net's mask is made of (registers and constants are leaves with their own mask).
  const parts = (n: Net): readonly Net[] => {
    const c = flat.cells[n]!;
    if (c.kind === 'op') return c.args;
    if (c.kind !== 'signal' || own.has(c.signal)) return [];
    const r = combRead.get(c.signal);
    return r ? [r.addr] : combRule.get(c.signal) ?? [];
  };
  const leafBits = (n: Net): number => {
    const c = flat.cells[n]!;
    if (c.kind !== 'signal') return 0;
    const o = own.get(c.signal);
    if (o !== undefined) return o;
    const r = combRead.get(c.signal);
    return r ? contentBits[r.mem]! : 0;
  };
  const mask = new Int32Array(flat.cells.length);
  const state = new Uint8Array(flat.cells.length); // 0 new, 1 open, 2 done
  const maskOf = (root: Net): number => {
    if (state[root] === 2) return mask[root]!;
    const stack: { n: Net; i: number; ps: readonly Net[] }[] = [{ n: root, i: 0, ps: parts(root) }];
    state[root] = 1;
    mask[root] = leafBits(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i < top.ps.length) {
        const n = top.ps[top.i++]!;
        if (state[n] === 0) { state[n] = 1; mask[n] = leafBits(n); stack.push({ n, i: 0, ps: parts(n) }); continue; }
        mask[top.n]! |= mask[n]!; // done, or open (a loop: none exist after the loop check)
      } else {
        state[top.n] = 2;
        stack.pop();
        if (stack.length) mask[stack[stack.length - 1]!.n]! |= mask[top.n]!;
      }
    }
    return mask[root]!;
  };
  /** The registers and memories of `foreign` domains that the nets read (named for the message). */
  const sourcesIn = (roots: readonly Net[], foreign: number): string[] => {
    const out = new Set<string>();
    const seen = new Uint8Array(flat.cells.length);
    const stack = [...roots];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen[n]) continue;
      seen[n] = 1;
      if (!(maskOf(n) & foreign)) continue;
      const c = flat.cells[n]!;
      if (c.kind === 'signal') {
        if ((own.get(c.signal) ?? 0) & foreign) { out.add(flat.signals[c.signal]!.path); continue; }
        const r = combRead.get(c.signal);
        if (r && contentBits[r.mem]! & foreign) out.add(`memory ${flat.memories[r.mem]!.path}`);
      }
      stack.push(...parts(n));
    }
    return [...out].sort();
  };
  const names = (m: number): string => flat.domains.filter((_, i) => m & (1 << i)).map((x) => x.name).join("', '");
  const report = (what: string, domain: string, roots: readonly Net[], loc: SourceLoc | undefined): void => {
    const foreign = roots.reduce((m, n) => m | maskOf(n), 0) & ~bit(domain);
    if (!foreign) return; // the common case: no crossing, no walk
    for (const src of sourcesIn(roots, foreign)) {
      warnings.push(new DesignRuleError('domain-crossing', `${what} of domain '${domain}' reads '${src}' from domain '${names(foreign)}' without a synchroniser`, [loc]));
    }
  };
  for (const d of flat.drivers) {
    const target = flat.signals[d.target]!.signal;
    if (d.domain === null || target.syncStage) continue;
    const roots: Net[] = [];
    forEachRuleNet(d.rule, (n) => roots.push(n));
    report(`register '${flat.signals[d.target]!.path}'`, d.domain, roots, target.loc);
  }
  flat.memories.forEach((mem) => {
    for (const p of mem.writePorts) report(`write port of memory '${mem.path}'`, p.domain, [p.addr, p.data, p.en], p.site.loc);
    for (const p of mem.readPorts) {
      if (p.domain === null || flat.signals[p.data]!.signal.syncStage) continue;
      report(`read port of memory '${mem.path}'`, p.domain, p.en === null ? [p.addr] : [p.addr, p.en], p.site.loc);
      const written = mem.writePorts.reduce((m, w) => m | bit(w.domain), 0) & ~bit(p.domain);
      if (written) warnings.push(new DesignRuleError('domain-crossing', `read port of memory '${mem.path}' of domain '${p.domain}' reads words written in domain '${names(written)}' without a synchroniser`, [p.site.loc]));
    }
  });
}
