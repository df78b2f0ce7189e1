/**
 * Operating corners of the meram180 library: GF180MCU 7-track TT 25 °C at 5.0 V (the library's own numbers), 3.3 V and
 * 1.8 V. The lower corners are the 5 V records of `cells.ts` scaled by per-cell factors read from GF180MCU's
 * `tt_025C_3v30` / `tt_025C_1v80` files (../shared/reference/cells-180nm.md, Table 3). Where a cell was not read, the
 * factor of the most similar read cell is used and the entry says `est`.
 *
 * @example
 * import { CORNERS, cornerCells } from './corners.ts';
 * const c18 = CORNERS.find((c) => c.name === 'tt_025C_1v80')!;
 * console.log(cornerCells(c18).find((c) => c.name === 'INV')!.arcs[0]!.riseA); // 0.182 ns (read)
 */
import { CELLS, type CellData, type FlopData } from './cells.ts';

/** Delay scale factors (rise, fall) of one cell at a corner, against 5 V. */
export interface DelayFactor { readonly rise: number; readonly fall: number; readonly from: string }

/** One operating corner. */
export interface Corner {
  readonly name: string;
  readonly voltage: number;
  readonly temperatureC: number;
  /** Library file name for this corner (in `constraints/`). */
  readonly file: string;
  /** Internal energy factor against 5 V (read on inv_1: 0.0412 / 0.0946 and 0.0120 / 0.0946). */
  readonly energyFactor: number;
  /** Leakage factor against 5 V. */
  readonly leakageFactor: number;
  readonly leakageFrom: string;
  /** Input capacitance factor against 5 V (inv_1 4.62 / 4.74 fF at 3.3 V; est at 1.8 V). */
  readonly capFactor: number;
  /** Setup (and hold, recovery, removal) factor: dffq_1 setup D rise / fall. */
  readonly setupFactor: readonly [number, number];
  /** Per-cell delay factors by meram180 cell name. */
  readonly delay: Readonly<Record<string, DelayFactor>>;
}

const r = (a: number, b: number): number => Number((a / b).toFixed(4));
/** Reads at 5 V @A (rise, fall) of the cells Table 3 gives at the lower corners. */
const AT5 = { inv: [0.0499, 0.0377], nand2: [0.0798, 0.0692], or2: [0.187, 0.339], xor2: [0.302, 0.403], aoi21: [0.180, 0.115], mux2: [0.388, 0.411], dffq: [0.676, 0.600], dffrnq: [0.817, 0.636] } as const;
type Read = keyof typeof AT5;

function factors(reads: Record<Read, readonly [number, number]>): Record<string, DelayFactor> {
  const f = (k: Read, est = false): DelayFactor => ({ rise: r(reads[k][0], AT5[k][0]), fall: r(reads[k][1], AT5[k][1]), from: `${k}_1${est ? ' (est: similar cell)' : ''}` });
  return {
    INV: f('inv'), BUF: f('inv', true), NAND2: f('nand2'), NOR2: f('nand2', true), AND2: f('or2', true), OR2: f('or2'),
    XOR2: f('xor2'), XNOR2: f('xor2', true), AOI21: f('aoi21'), OAI21: f('aoi21', true), MUX2: f('mux2'),
    DFF: f('dffq'), DFFRN: f('dffrnq'), CLKGATE: f('or2', true), TIEH: f('inv', true), TIEL: f('inv', true),
  };
}

const ONE: DelayFactor = { rise: 1, fall: 1, from: 'read (5 V is the base corner)' };

/** The three GF180MCU TT corners, highest voltage first. */
export const CORNERS: readonly Corner[] = [
  {
    name: 'tt_025C_5v00', voltage: 5.0, temperatureC: 25, file: 'meram180_tt_5v00.lib', energyFactor: 1, leakageFactor: 1,
    leakageFrom: 'read', capFactor: 1, setupFactor: [1, 1], delay: Object.fromEntries([...CELLS.map((c) => c.name), 'CLKGATE'].map((n) => [n, ONE])),
  },
  {
    name: 'tt_025C_3v30', voltage: 3.3, temperatureC: 25, file: 'meram180_tt_3v30.lib', energyFactor: r(0.0412, 0.0946),
    // read: inv 0.0333/0.0765, nand2 0.0491/0.115, dffq 0.226/0.469, dffrnq 0.306/0.616; mean of the four
    leakageFactor: 0.4603, leakageFrom: 'read (mean of inv, nand2, dffq, dffrnq ratios)', capFactor: r(4.62, 4.74),
    setupFactor: [r(0.372, 0.218), r(0.389, 0.229)],
    delay: factors({ inv: [0.0732, 0.0479], nand2: [0.117, 0.093], or2: [0.245, 0.517], xor2: [0.436, 0.611], aoi21: [0.275, 0.141], mux2: [0.547, 0.607], dffq: [0.977, 0.858], dffrnq: [1.173, 0.917] }),
  },
  {
    name: 'tt_025C_1v80', voltage: 1.8, temperatureC: 25, file: 'meram180_tt_1v80.lib', energyFactor: r(0.0120, 0.0946),
    // not read at 1.8 V: subthreshold leakage falls with V_DS through DIBL; we take the 5 -> 3.3 V trend once more (est)
    leakageFactor: 0.2119, leakageFrom: 'est (5 -> 3.3 V ratio applied twice)', capFactor: 0.95,
    setupFactor: [r(1.093, 0.218), r(1.225, 0.229)],
    delay: factors({ inv: [0.182, 0.086], nand2: [0.286, 0.187], or2: [0.507, 1.429], xor2: [1.040, 1.625], aoi21: [0.722, 0.228], mux2: [1.291, 1.611], dffq: [2.502, 2.078], dffrnq: [2.985, 2.239] }),
  },
];

/** The corner of a name, or the typed list of names in the error. */
export function cornerByName(name: string): Corner {
  const c = CORNERS.find((x) => x.name === name || x.name.endsWith(name) || `${x.voltage}` === name || `${x.voltage}V` === name);
  if (!c) throw new RangeError(`unknown corner '${name}' (choose ${CORNERS.map((x) => x.name).join(', ')})`);
  return c;
}

/**
 * The integrated clock-gating cell (latch-based, positive edge: GCLK = CLK & latched E, E latched while CLK is low).
 * GF180MCU's icgtp_1 was not read: every number here is est, from read cells: area = 0.6 x dffq_1 (one latch of
 * the flop's two, with its clock inverters) + and2_1; CLK energy = half of dffq_1's CLK energy (one latch) plus the
 * AND2 input; output energy and delay = and2_1; E setup = dffq_1's D setup.
 */
export const CLOCK_GATE: CellData = {
  name: 'CLKGATE', source: 'est: 0.6 x dffq_1 + and2_1 (icgtp_1 not read)', areaUm2: 0.6 * 63.6608 + 17.5616,
  inputs: { CLK: 3.25, E: 2.39 }, output: 'GCLK', fn: 'CLK&IQ',
  arcs: [{ from: ['CLK'], sense: 'positive_unate', riseA: 0.235, fallA: 0.203, riseB: 0.321, fallB: 0.301, loadBfF: 8.4 }],
  energy: [0.118, 0.200], leakageNw: 0.469 * 0.6 + 0.144,
  flop: { clock: 'CLK', data: 'E', setupA: [0.218, 0.229], setupB: [0.213, 0.229], holdA: [0.040, 0.086], holdB: [0.047, 0.083], clockEnergy: [0.107, 0.143] },
};

function scaleFlop(f: FlopData, c: Corner, d: DelayFactor): FlopData {
  const s = c.setupFactor;
  const pair = (x: readonly [number, number]): [number, number] => [x[0] * s[0], x[1] * s[1]];
  return {
    ...f, setupA: pair(f.setupA), setupB: pair(f.setupB), holdA: pair(f.holdA), holdB: pair(f.holdB),
    ...(f.recovery !== undefined ? { recovery: f.recovery * s[0] } : {}), ...(f.removal !== undefined ? { removal: f.removal * s[0] } : {}),
    ...(f.clearFallA !== undefined ? { clearFallA: f.clearFallA * d.fall } : {}), ...(f.clearFallB !== undefined ? { clearFallB: f.clearFallB * d.fall } : {}),
    clockEnergy: [f.clockEnergy[0] * c.energyFactor, f.clockEnergy[1] * c.energyFactor],
  };
}

/** One cell's record at a corner. */
export function scaleCell(cell: CellData, c: Corner): CellData {
  const d = c.delay[cell.name] ?? ONE;
  return {
    ...cell,
    inputs: Object.fromEntries(Object.entries(cell.inputs).map(([p, v]) => [p, v * c.capFactor])),
    arcs: cell.arcs.map((a) => ({ ...a, riseA: a.riseA * d.rise, fallA: a.fallA * d.fall, riseB: a.riseB * d.rise, fallB: a.fallB * d.fall })),
    energy: [cell.energy[0] * c.energyFactor, cell.energy[1] * c.energyFactor],
    leakageNw: cell.leakageNw * c.leakageFactor,
    ...(cell.flop ? { flop: scaleFlop(cell.flop, c, d) } : {}),
  };
}

/** Every cell of the corner's library: the meram180 cells and the clock-gating cell. */
export function cornerCells(c: Corner): CellData[] {
  return [...CELLS, CLOCK_GATE].map((x) => scaleCell(x, c));
}
