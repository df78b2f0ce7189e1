/**
 * The synthesis flow: an elaborated design (or hand-written Verilog) through Yosys (WebAssembly, kept warm) onto the
 * meram180 Liberty library, with a typed report of cells, area, flip-flops, black-box macros, leakage, an energy
 * per clock cycle estimate and ABC's critical path against the clock.
 *
 * Flow: read_liberty -lib; read_verilog (all files); hierarchy -check -top; proc; no latches (typed error naming
 * each latch signal); check -assert; synth -top; dfflibmap -liberty; opt_merge; abc -liberty -D <period ps> (default ABC script
 * plus `stime -p`); hilomap (TIEH/TIEL); opt_clean; stat -json -liberty; write_verilog.
 *
 * @example
 * import { elaborate } from '../hdl/index.ts';
 * import { blinky } from '../hdl/examples/index.ts';
 * const report = await synthesize(elaborate(blinky()), { write: true });
 * console.log(report.flipFlops, report.areaUm2, report.timing?.slackNs);
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { ToolError } from '../common/errors.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import { MERAM180_LIB } from '../constraints/liberty-writer.ts';
import { type ClockConstraints, MERAM_CLOCK } from '../constraints/timing.ts';
import { type LibertyLibrary, parseLiberty } from './liberty.ts';
import { formatReport } from './report-text.ts';
import { YosysScriptError, runYosysScript } from './yosys.ts';

/** Synthesis failed in Yosys; `yosysMessage` is Yosys's own error line(s). */
export class SynthesisError extends ToolError {
  readonly yosysMessage: string;
  constructor(message: string, yosysMessage: string) {
    super('yosys', `${message}\n${yosysMessage}`);
    this.yosysMessage = yosysMessage;
  }
}

/** `proc` inferred latches: `signals` names each one (`module.signal`), `where` the Verilog process (file:line). */
export class LatchError extends SynthesisError {
  readonly signals: readonly string[];
  readonly where: readonly string[];
  constructor(signals: readonly string[], where: readonly string[], yosysMessage: string) {
    super(`latch inferred for ${signals.map((s, i) => `'${s}'${where[i] ? ` (${where[i]})` : ''}`).join(', ')}: every path of a combinational process must assign it`, yosysMessage);
    this.signals = signals;
    this.where = where;
  }
}

/** Options of {@link synthesize}. */
export interface SynthesisOptions {
  /** Liberty file (default `constraints/meram180.lib`). */
  liberty?: string;
  /** Clock period and I/O delays (default {@link MERAM_CLOCK}). */
  clock?: ClockConstraints;
  /** Toggle probability per node per cycle for the energy estimate (default 0.1). */
  activity?: number;
  /** Wire capacitance added per driven input pin (fF; default 1, an estimate for short 180 nm local wires). */
  wireCapPerPinFf?: number;
  /** Flatten the hierarchy first (exact cross-module timing; the per-module breakdown then has one entry). */
  flatten?: boolean;
  /** Write report.json, report.txt and netlist.v: `true` for `build/synth/<top>`, or a folder. */
  write?: boolean | string;
  /**
   * Clock gating: Yosys `clockgate -liberty` replaces each group of at least `minFlops` (default 4) enabled flops
   * sharing an enable by one integrated clock-gating cell of the library and enable-less flops. Needs a library with
   * a `clock_gating_integrated_cell` (the corner libraries of constraints/corners.ts have CLKGATE).
   */
  clockGating?: boolean | { readonly minFlops: number };
  /**
   * Also write a netlist for static timing (`staNetlist`): unused wires purged, wire-to-wire assignments replaced by
   * the library's BUF (OpenSTA's Verilog reader takes no concatenations in `assign`), macro parameters dropped.
   */
  staNetlist?: boolean;
  /**
   * Fanout buffering: after mapping, ABC's `buffer -N <n>` inserts library buffers so that no net drives more than n
   * pins (drive-1 cells with hundreds of loads are otherwise timed far beyond their tables). Off by default.
   */
  maxFanout?: number;
  /** Area of black-box macros by type (µm²), a side table: their total goes into `macroAreaUm2`. */
  macroAreas?: Readonly<Record<string, number>>;
}

/** Cells and area of one module (its own cells; submodule instances listed by module name). */
export interface ModuleSynthesis {
  readonly name: string;
  /** Cell type to count, including instances of submodules and black-box macros. */
  readonly cells: Readonly<Record<string, number>>;
  readonly areaUm2: number;
  readonly flipFlops: number;
  /** ABC's longest combinational path in this module (ns), with its end points; null without logic. */
  readonly combinationalNs: number | null;
  readonly startPoint: string | null;
  readonly endPoint: string | null;
}

/** Register-to-register (or I/O) path estimate against the clock. */
export interface TimingEstimate {
  readonly periodNs: number;
  /** The module of the worst path. */
  readonly module: string;
  /** Wire names from ABC (an end point inside the logic is a Yosys-generated name of a flop's D net). */
  readonly startPoint: string;
  readonly endPoint: string;
  readonly startKind: 'input' | 'register';
  readonly endKind: 'output' | 'register';
  /** Launch: the clock-to-Q of the slowest library flop, or the input delay when the path starts at an input port. */
  readonly launchNs: number;
  /** ABC's combinational delay (`stime`). */
  readonly combinationalNs: number;
  /** Capture: the setup of the slowest library flop, or the output delay when the path ends at an output port. */
  readonly captureNs: number;
  readonly pathNs: number;
  readonly slackNs: number;
  readonly met: boolean;
}

/** Energy per clock cycle (pJ) by the model of docs/synthesis.md. */
export interface EnergyEstimate {
  readonly activity: number;
  readonly voltage: number;
  readonly wireCapPerPinFf: number;
  /** Cells' internal energy for toggling outputs: activity x mean(rise, fall) per cell. */
  readonly internalPj: number;
  /** Clock: every flop's clock-pin internal energy (one rise, one fall) plus its pin and wire C·V². */
  readonly clockPj: number;
  /** Data nets: activity x 1/2 C V² over every data input pin (plus wire). */
  readonly switchingPj: number;
  readonly totalPj: number;
  /** totalPj at the clock period (µW). */
  readonly powerUw: number;
}

/** The synthesis report. */
export interface SynthesisReport {
  readonly top: string;
  readonly library: string;
  readonly voltage: number;
  readonly yosysVersion: string;
  readonly clock: ClockConstraints;
  /** Library cell type to count over the whole hierarchy (instances of a module counted once per instance). */
  readonly cells: Readonly<Record<string, number>>;
  /** Library cell type to its total area (µm²). */
  readonly cellAreaUm2: Readonly<Record<string, number>>;
  readonly cellCount: number;
  /** Area of the library cells (µm²), macros excluded. */
  readonly areaUm2: number;
  readonly flipFlops: number;
  /** Latches after `proc` (always 0: a latch is an error). */
  readonly latches: 0;
  /** Black-box macros kept as instances: type to count (area not in `areaUm2`). */
  readonly macros: Readonly<Record<string, number>>;
  /** Area of the macros from the `macroAreas` side table (µm²; 0 without it; a macro missing from the table is an error). */
  readonly macroAreaUm2: number;
  /** Whether clock gating was applied. */
  readonly clockGating: boolean;
  readonly modules: readonly ModuleSynthesis[];
  /** Sum of the cells' leakage (nW). */
  readonly leakageNw: number;
  readonly energy: EnergyEstimate;
  /** Null when the design has no combinational logic for ABC. */
  readonly timing: TimingEstimate | null;
  /** Gate-level Verilog netlist. */
  readonly netlist: string;
  /** The netlist for static timing (with `staNetlist`), else null. */
  readonly staNetlist: string | null;
  /** Files written (when asked). */
  readonly written: readonly string[];
}

const libCache = new Map<string, { text: string; lib: LibertyLibrary }>();
function loadLibrary(file: string): { text: string; lib: LibertyLibrary } {
  let hit = libCache.get(file);
  if (!hit) {
    const text = fs.readFileSync(file, 'utf8');
    hit = { text, lib: parseLiberty(text) };
    libCache.set(file, hit);
  }
  return hit;
}

/**
 * Synthesizes an elaborated design: emits its synthesis-set Verilog and runs {@link synthesizeVerilog}.
 * @example const r = await synthesize(elaborate(top)); console.log(r.cells);
 */
export async function synthesize(design: Design, opts: SynthesisOptions = {}): Promise<SynthesisReport> {
  const out = emitVerilog(design, { set: 'synthesis' });
  return synthesizeVerilog(new Map(out.files), out.top, opts);
}

/**
 * Synthesizes Verilog files (name to text) with top module `top`.
 * @example await synthesizeVerilog(new Map([['t.v', text]]), 't');
 */
export async function synthesizeVerilog(files: ReadonlyMap<string, string>, top: string, opts: SynthesisOptions = {}): Promise<SynthesisReport> {
  const libFile = opts.liberty ?? MERAM180_LIB;
  const { text: libText, lib } = loadLibrary(libFile);
  const clock = opts.clock ?? MERAM_CLOCK;
  const periodPs = Math.round(clock.periodNs * 1000);
  const L = 'cells.lib';
  const tree: Record<string, string> = { [L]: libText, 'abc.script': abcScript(periodPs, opts.maxFanout) };
  for (const [name, text] of files) tree[name] = text;
  const ties = tieCells(lib);
  const script = [
    `read_liberty -lib ${L}`,
    ...[...files.keys()].map((f) => `read_verilog ${f}`),
    `hierarchy -check -top ${top}`,
    'proc',
    'select -assert-none t:$dlatch t:$adlatch t:$dlatchsr',
    'check -assert',
    `synth -top ${top}${opts.flatten ? ' -flatten' : ''}`,
    ...(opts.flatten ? ['delete t:$scopeinfo'] : []), // flattening leaves scope markers that are not cells
    ...(opts.clockGating ? [`clockgate -liberty ${L} -min_net_size ${typeof opts.clockGating === 'object' ? opts.clockGating.minFlops : 4}`] : []),
    `dfflibmap -liberty ${L}`,
    'opt_merge', // dfflibmap inverts an active-high reset once per flop: share one inverter
    `abc -liberty ${L} -D ${periodPs} -script abc.script`,
    ...(ties ? [`hilomap -singleton -hicell ${ties.hi} -locell ${ties.lo}`] : []),
    'opt_clean',
    `tee -q -o stat.json stat -json -liberty ${L}`,
    'tee -q -o inputs.txt select -list i:*',
    'tee -q -o outputs.txt select -list o:*',
    'write_verilog -noattr netlist.v',
    ...(opts.staNetlist ? ['opt_clean -purge', 'insbuf -buf BUF I Z', 'write_verilog -noattr -noexpr sta.v'] : []),
  ].join('; ');
  let run;
  try {
    run = await runYosysScript(script, tree);
  } catch (e) {
    if (e instanceof YosysScriptError) throw classify(e.log);
    throw e;
  }
  const text = (f: string): string => {
    const v = run.files[f];
    return typeof v === 'string' ? v : new TextDecoder().decode(v);
  };
  const built = buildReport(top, lib, clock, run.log, text('stat.json'), text('inputs.txt'), text('outputs.txt'), text('netlist.v'), opts);
  // OpenSTA reads no parameter overrides on instances: the macros' are dropped.
  const report = { ...built, staNetlist: opts.staNetlist ? text('sta.v').replace(/(\n\s*\S+)\s+#\([^;]*?\)\s*(\S+\s*\()/g, '$1 $2') : null };
  if (!opts.write) return report;
  const dir = typeof opts.write === 'string' ? opts.write : path.join('build', 'synth', top);
  const written = [path.join(dir, 'report.json'), path.join(dir, 'report.txt'), path.join(dir, 'netlist.v')];
  const { netlist, staNetlist: _s, written: _w, ...json } = report;
  writeFileAtomic(written[0]!, `${JSON.stringify(json, null, 2)}\n`);
  writeFileAtomic(written[1]!, `${formatReport(report)}\n`);
  writeFileAtomic(written[2]!, netlist);
  return { ...report, written };
}

/** Yosys's default `abc -liberty -D` script, plus a timing report of the mapped logic. */
function abcScript(periodPs: number, maxFanout?: number): string {
  return [
    'strash', '&get -n', '&fraig -x', '&put', 'scorr', 'dc2', 'dretime', `retime -o -D ${periodPs}`, 'strash',
    '&get -n', '&dch -f', `&nf -D ${periodPs}`, '&put', ...(maxFanout ? [`buffer -N ${maxFanout}`] : []), 'topo', 'stime -p',
  ].join('\n') + '\n';
}

/** The library's constant cells (function "1" / "0"), as `CELL PIN` for hilomap. */
function tieCells(lib: LibertyLibrary): { hi: string; lo: string } | null {
  let hi: string | undefined;
  let lo: string | undefined;
  for (const c of lib.cells.values()) {
    for (const p of c.pins.values()) {
      if (p.direction !== 'output' || c.pins.size !== 1) continue;
      if (p.fn === '1') hi ??= `${c.name} ${p.name}`;
      if (p.fn === '0') lo ??= `${c.name} ${p.name}`;
    }
  }
  return hi && lo ? { hi, lo } : null;
}

/** Turns a failed run's log into the typed error of its cause. */
function classify(log: string): SynthesisError {
  const error = log.split('\n').filter((l) => l.startsWith('ERROR:')).join('\n') || 'yosys failed without an ERROR line';
  const latches = [...log.matchAll(/^\s*Latch inferred for signal `\\?([^']+)' from process `\\?([^']+)'/gm)];
  if (latches.length && /selection is not empty|Assertion failed/.test(error)) {
    const signals = latches.map((m) => m[1]!.replace(/\.\\/g, '.'));
    const where = latches.map((m) => /\$proc\$(.+):(\d+)\$\d+$/.exec(m[2]!)?.slice(1, 3).join(':') ?? '');
    return new LatchError(signals, where, error);
  }
  const warnings = log.split('\n').filter((l) => l.startsWith('Warning:')).slice(0, 20);
  const what = /check pass/i.test(error) || /Found and reported \d+ problems/.test(log) ? 'check -assert found problems' : 'synthesis failed';
  return new SynthesisError(what, [...warnings, error].join('\n'));
}

interface StatModule { num_cells_by_type?: Record<string, number>; area?: number }
interface StatJson { modules: Record<string, StatModule>; design?: StatModule }

const unescape = (n: string): string => n.replace(/^\\/, '');
const round = (x: number, d = 4): number => Number(x.toFixed(d));

function buildReport(top: string, lib: LibertyLibrary, clock: ClockConstraints, log: string, statText: string,
  inputsText: string, outputsText: string, netlist: string, opts: SynthesisOptions): SynthesisReport {
  const stat = JSON.parse(statText) as StatJson;
  const moduleNames = new Set(Object.keys(stat.modules).map(unescape));
  const isFlop = (t: string): boolean => lib.cells.get(t)?.sequential === true;
  const flopsOf = (cells: Record<string, number>): number => Object.entries(cells).reduce((s, [t, n]) => s + (isFlop(t) ? n : 0), 0);
  const totals = stat.design?.num_cells_by_type ?? Object.values(stat.modules)[0]?.num_cells_by_type ?? {};
  const cells: Record<string, number> = {};
  const macros: Record<string, number> = {};
  for (const [t, n] of Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))) {
    if (lib.cells.has(t)) cells[t] = n;
    else if (!moduleNames.has(t)) macros[t] = n;
  }
  const areaUm2 = Object.entries(cells).reduce((s, [t, n]) => s + n * lib.cells.get(t)!.areaUm2, 0);
  const paths = abcPaths(log);
  const modules: ModuleSynthesis[] = Object.entries(stat.modules).map(([raw, m]) => {
    const name = unescape(raw);
    const own = m.num_cells_by_type ?? {};
    const p = paths.get(name);
    return {
      name, cells: own, areaUm2: round(m.area ?? 0), flipFlops: flopsOf(own),
      combinationalNs: p ? round(p.ns) : null, startPoint: p?.start ?? null, endPoint: p?.end ?? null,
    };
  });
  const leakageNw = Object.entries(cells).reduce((s, [t, n]) => s + n * lib.cells.get(t)!.leakageNw, 0);
  let macroAreaUm2 = 0;
  if (opts.macroAreas) {
    for (const [t, n] of Object.entries(macros)) {
      const a = opts.macroAreas[t];
      if (a === undefined) throw new SynthesisError(`macro '${t}' has no entry in the macroAreas side table`, '');
      macroAreaUm2 += n * a;
    }
  }
  const ports = { inputs: portSet(inputsText), outputs: portSet(outputsText) };
  return {
    top,
    library: lib.name,
    voltage: lib.nomVoltage,
    yosysVersion: /Yosys (\d+\.\d+\S*)/.exec(log)?.[1] ?? 'unknown',
    clock,
    cells,
    cellAreaUm2: Object.fromEntries(Object.entries(cells).map(([t, n]) => [t, round(n * lib.cells.get(t)!.areaUm2)])),
    cellCount: Object.values(cells).reduce((s, n) => s + n, 0),
    areaUm2: round(areaUm2),
    flipFlops: flopsOf(cells),
    latches: 0,
    macros,
    macroAreaUm2: round(macroAreaUm2),
    clockGating: Boolean(opts.clockGating),
    modules,
    leakageNw: round(leakageNw),
    energy: energyEstimate(lib, cells, clock, opts),
    timing: timingEstimate(lib, clock, modules, ports),
    netlist,
    staNetlist: null,
    written: [],
  };
}

/** `select -list` output ("module/wire" per line) as a set of "module/wire". */
function portSet(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split('/').map(unescape).join('/')));
}

/** ABC's `stime -p` result per module: delay (ns) and the path's end points (wire names). */
function abcPaths(log: string): Map<string, { ns: number; start: string; end: string }> {
  const out = new Map<string, { ns: number; start: string; end: string }>();
  let module = '';
  let ns: number | null = null;
  for (const line of log.split('\n')) {
    const ext = /Extracting gate netlist of module `\\?([^']+)'/.exec(line);
    if (ext) { module = ext[1]!; ns = null; continue; }
    const d = /^ABC: WireLoad.*Delay =\s*([\d.]+) ps/.exec(line);
    if (d) { ns = Number(d[1]) / 1000; continue; }
    const sp = /^ABC: Start-point = \S+ \(\\?([^ )\[]+).*End-point = \S+ \(\\?([^ )\[]+)/.exec(line);
    if (sp && ns !== null && module) {
      const prev = out.get(module);
      if (!prev || ns > prev.ns) out.set(module, { ns, start: sp[1]!, end: sp[2]! });
    }
  }
  return out;
}

/** Worst value of the given tables over the library's flops' pins. */
function worstFlopTable(lib: LibertyLibrary, types: readonly string[], kinds: readonly string[]): number {
  let worst = 0;
  for (const c of lib.cells.values()) {
    if (!c.sequential) continue;
    for (const p of c.pins.values()) {
      for (const t of p.timings) {
        if (!types.includes(t.type)) continue;
        for (const k of kinds) for (const v of t.tables.get(k) ?? []) worst = Math.max(worst, v);
      }
    }
  }
  return worst;
}

function timingEstimate(lib: LibertyLibrary, clock: ClockConstraints, modules: readonly ModuleSynthesis[],
  ports: { inputs: Set<string>; outputs: Set<string> }): TimingEstimate | null {
  const clockToQ = worstFlopTable(lib, ['rising_edge', 'falling_edge'], ['cell_rise', 'cell_fall']);
  const setup = worstFlopTable(lib, ['setup_rising', 'setup_falling'], ['rise_constraint', 'fall_constraint']);
  let best: TimingEstimate | null = null;
  for (const m of modules) {
    if (m.combinationalNs === null || m.startPoint === null || m.endPoint === null) continue;
    const startKind = ports.inputs.has(`${m.name}/${m.startPoint}`) ? 'input' : 'register';
    const endKind = ports.outputs.has(`${m.name}/${m.endPoint}`) ? 'output' : 'register';
    const launchNs = startKind === 'input' ? clock.inputDelayNs : clockToQ;
    const captureNs = endKind === 'output' ? clock.outputDelayNs : setup;
    const pathNs = launchNs + m.combinationalNs + captureNs;
    if (best && pathNs <= best.pathNs) continue;
    const slackNs = clock.periodNs - pathNs;
    best = {
      periodNs: clock.periodNs, module: m.name, startPoint: m.startPoint, endPoint: m.endPoint, startKind, endKind,
      launchNs: round(launchNs), combinationalNs: m.combinationalNs, captureNs: round(captureNs),
      pathNs: round(pathNs), slackNs: round(slackNs), met: slackNs >= 0,
    };
  }
  return best;
}

function energyEstimate(lib: LibertyLibrary, cells: Record<string, number>, clock: ClockConstraints, opts: SynthesisOptions): EnergyEstimate {
  const activity = opts.activity ?? 0.1;
  const wirePf = (opts.wireCapPerPinFf ?? 1) / 1000;
  const v2 = lib.nomVoltage ** 2;
  let internal = 0;
  let clockPj = 0;
  let dataCapPf = 0;
  for (const [t, n] of Object.entries(cells)) {
    const c = lib.cells.get(t)!;
    const outs = [...c.pins.values()].filter((p) => p.direction === 'output');
    const toggle = outs.reduce((s, p) => s + (p.riseEnergyPj + p.fallEnergyPj) / 2, 0);
    internal += n * activity * toggle;
    for (const p of c.pins.values()) {
      if (p.direction !== 'input') continue;
      if (p.isClock) clockPj += n * (p.riseEnergyPj + p.fallEnergyPj + (p.capacitancePf + wirePf) * v2);
      else dataCapPf += n * (p.capacitancePf + wirePf);
    }
  }
  const switching = activity * 0.5 * dataCapPf * v2;
  const total = internal + clockPj + switching;
  return {
    activity, voltage: lib.nomVoltage, wireCapPerPinFf: wirePf * 1000,
    internalPj: round(internal), clockPj: round(clockPj), switchingPj: round(switching), totalPj: round(total),
    powerUw: round((total / clock.periodNs) * 1000, 3),
  };
}
