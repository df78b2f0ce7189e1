/**
 * The numbers behind `constraints/meram180.lib`, one record per cell, read from the GF180MCU 7-track 5 V library
 * (gf180mcu_fd_sc_mcu7t5v0, drive 1, corner tt_025C_5v00; see ../shared/reference/cells-180nm.md, Tables 1 and 2).
 * Everything here is a number read from that library unless the field's comment says "est".
 *
 * Why this corner: it is the only corner whose every figure (area, pin capacitance, delay at two points, internal
 * energy, leakage, DFF constraints) was read; GF180MCU's 5 V thick-oxide devices are the process's native logic and
 * the MeRAM pulse drivers need the headroom. At 3.3 V the same cells are ~1.5x slower and use ~2.3x less energy.
 *
 * @example
 * import { CELLS, CORNER } from './cells.ts';
 * console.log(CORNER.name, CELLS.map((c) => c.name).join(' '));
 */

/** The operating corner of the library. */
export const CORNER = {
  name: 'tt_025C_5v00',
  process: 'typical',
  voltage: 5.0,
  temperatureC: 25,
  /** The two table points every delay was read at: [input slew ns, load pF]. "A" is light, "B" moderate. */
  pointA: { slewNs: 0.02, loadPf: 0.001 },
  pointBSlewNs: 0.1439,
} as const;

/** A delay arc read at points A and B (rise/fall ns), B at `loadB` fF. */
export interface ArcData {
  readonly from: readonly string[];
  readonly sense: 'positive_unate' | 'negative_unate' | 'non_unate';
  readonly riseA: number; readonly fallA: number;
  readonly riseB: number; readonly fallB: number;
  readonly loadBfF: number;
}

/** Sequential parts of a flip-flop. */
export interface FlopData {
  readonly clock: string;
  readonly data: string;
  /** Active-low asynchronous clear pin, if any. */
  readonly clearN?: string;
  /** Setup/hold of D, rising/falling D, at A and B (ns). */
  readonly setupA: readonly [number, number]; readonly setupB: readonly [number, number];
  readonly holdA: readonly [number, number]; readonly holdB: readonly [number, number];
  /** Recovery/removal of the clear pin at A (ns). */
  readonly recovery?: number; readonly removal?: number;
  /** Clear-to-Q fall delay at A and B (ns). */
  readonly clearFallA?: number; readonly clearFallB?: number;
  /** Internal energy of the CLK pin per rising/falling clock edge with D stable (pJ). */
  readonly clockEnergy: readonly [number, number];
}

/** One cell of the library. */
export interface CellData {
  readonly name: string;
  /** The GF180MCU cell the numbers come from. */
  readonly source: string;
  readonly areaUm2: number;
  /** Input pins and their capacitance (fF). */
  readonly inputs: Readonly<Record<string, number>>;
  readonly output: string;
  /** Boolean function of the output over the inputs (Liberty syntax); a flop's output is its state `IQ`. */
  readonly fn: string;
  readonly arcs: readonly ArcData[];
  /** Output internal energy per rising/falling output transition, excluding the load's C·V² (pJ). */
  readonly energy: readonly [number, number];
  readonly leakageNw: number;
  readonly flop?: FlopData;
}

const arc = (from: string[], sense: ArcData['sense'], a: [number, number], b: [number, number], loadBfF: number): ArcData =>
  ({ from, sense, riseA: a[0], fallA: a[1], riseB: b[0], fallB: b[1], loadBfF });

/** Every cell of meram180 (drive strength 1). Delays are the worst over input pins (conservative). */
export const CELLS: readonly CellData[] = [
  { name: 'INV', source: 'inv_1', areaUm2: 8.7808, inputs: { I: 4.74 }, output: 'ZN', fn: '!I',
    arcs: [arc(['I'], 'negative_unate', [0.0499, 0.0377], [0.152, 0.105], 8.1)], energy: [0.0946, -0.002], leakageNw: 0.0765 },
  { name: 'BUF', source: 'buf_1', areaUm2: 13.1712, inputs: { I: 2.87 }, output: 'Z', fn: 'I',
    arcs: [arc(['I'], 'positive_unate', [0.158, 0.185], [0.253, 0.282], 8.4)], energy: [0.106, 0.178], leakageNw: 0.104 },
  { name: 'NAND2', source: 'nand2_1', areaUm2: 10.976, inputs: { A1: 4.80, A2: 4.53 }, output: 'ZN', fn: '!(A1&A2)',
    arcs: [arc(['A1', 'A2'], 'negative_unate', [0.0798, 0.0692], [0.180, 0.138], 7.6)], energy: [0.127, 0.002], leakageNw: 0.115 },
  { name: 'NOR2', source: 'nor2_1', areaUm2: 13.1712, inputs: { A1: 4.48, A2: 4.24 }, output: 'ZN', fn: '!(A1|A2)',
    arcs: [arc(['A1', 'A2'], 'negative_unate', [0.116, 0.073], [0.200, 0.131], 4.9)], energy: [0.118, 0.013], leakageNw: 0.112 },
  { name: 'AND2', source: 'and2_1', areaUm2: 17.5616, inputs: { A1: 2.80, A2: 2.79 }, output: 'Z', fn: 'A1&A2',
    arcs: [arc(['A1', 'A2'], 'positive_unate', [0.235, 0.203], [0.321, 0.301], 8.4)], energy: [0.118, 0.200], leakageNw: 0.144 },
  { name: 'OR2', source: 'or2_1', areaUm2: 17.5616, inputs: { A1: 2.93, A2: 2.78 }, output: 'Z', fn: 'A1|A2',
    arcs: [arc(['A1', 'A2'], 'positive_unate', [0.187, 0.339], [0.281, 0.435], 8.4)], energy: [0.117, 0.239], leakageNw: 0.138 },
  { name: 'XOR2', source: 'xor2_1', areaUm2: 26.3424, inputs: { A1: 7.50, A2: 7.45 }, output: 'Z', fn: 'A1^A2',
    arcs: [arc(['A1', 'A2'], 'non_unate', [0.302, 0.403], [0.387, 0.454], 4.8)], energy: [0.173, 0.147], leakageNw: 0.210 },
  { name: 'XNOR2', source: 'xnor2_1', areaUm2: 28.5376, inputs: { A1: 7.08, A2: 7.45 }, output: 'ZN', fn: '!(A1^A2)',
    arcs: [arc(['A1', 'A2'], 'non_unate', [0.323, 0.288], [0.367, 0.354], 4.4)], energy: [0.198, 0.125], leakageNw: 0.213 },
  { name: 'AOI21', source: 'aoi21_1', areaUm2: 17.5616, inputs: { A1: 4.87, A2: 4.77, B: 4.01 }, output: 'ZN', fn: '!((A1&A2)|B)',
    arcs: [arc(['A1', 'A2', 'B'], 'negative_unate', [0.180, 0.115], [0.267, 0.176], 4.8)], energy: [0.164, 0.031], leakageNw: 0.158 },
  { name: 'OAI21', source: 'oai21_1', areaUm2: 17.5616, inputs: { A1: 4.97, A2: 4.82, B: 4.78 }, output: 'ZN', fn: '!((A1|A2)&B)',
    arcs: [arc(['A1', 'A2', 'B'], 'negative_unate', [0.136, 0.118], [0.219, 0.169], 4.8)], energy: [0.197, 0.018], leakageNw: 0.160 },
  // MUX2: the B point was read for the worst arc (S); the I arcs get the same load slope (est).
  { name: 'MUX2', source: 'mux2_1', areaUm2: 28.5376, inputs: { I0: 3.18, I1: 2.94, S: 6.28 }, output: 'Z', fn: '(I0&!S)|(I1&S)',
    arcs: [
      arc(['S'], 'non_unate', [0.388, 0.411], [0.502, 0.515], 8.4),
      arc(['I0', 'I1'], 'positive_unate', [0.283, 0.357], [0.283 + 0.114, 0.357 + 0.104], 8.4),
    ], energy: [0.166, 0.285], leakageNw: 0.200 },
  { name: 'DFF', source: 'dffq_1', areaUm2: 63.6608, inputs: { D: 2.39, CLK: 3.25 }, output: 'Q', fn: 'IQ',
    arcs: [arc(['CLK'], 'non_unate', [0.676, 0.600], [0.774, 0.686], 8.4)], energy: [0.283, 0.274], leakageNw: 0.469,
    flop: { clock: 'CLK', data: 'D', setupA: [0.218, 0.229], setupB: [0.213, 0.229], holdA: [0.040, 0.086], holdB: [0.047, 0.083],
      clockEnergy: [0.214, 0.286] } },
  { name: 'DFFRN', source: 'dffrnq_1', areaUm2: 74.6368, inputs: { D: 3.01, RN: 7.25, CLK: 3.41 }, output: 'Q', fn: 'IQ',
    arcs: [arc(['CLK'], 'non_unate', [0.817, 0.636], [0.924, 0.722], 8.4)], energy: [0.433, 0.341], leakageNw: 0.616,
    flop: { clock: 'CLK', data: 'D', clearN: 'RN', setupA: [0.298, 0.126], setupB: [0.296, 0.140], holdA: [-0.086, 0.137], holdB: [-0.093, 0.135],
      recovery: -0.200, removal: 0.315, clearFallA: 0.177, clearFallB: 0.272, clockEnergy: [0.241, 0.288] } },
  { name: 'TIEH', source: 'tieh', areaUm2: 8.7808, inputs: {}, output: 'Z', fn: '1', arcs: [], energy: [0, 0], leakageNw: 0.0500 },
  { name: 'TIEL', source: 'tiel', areaUm2: 8.7808, inputs: {}, output: 'ZN', fn: '0', arcs: [], energy: [0, 0], leakageNw: 0.0499 },
];
