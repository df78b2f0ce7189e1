/**
 * The MeRAM macro model: area and energy per operation of the two black boxes of designs/meram (MERAM_MTJ: the
 * 1T-1MTJ cell with its amplitude DAC, pulse generator and drivers; MERAM_SA: the latch sense amplifier with its
 * reference cells and precharge). Device energies come from physics/energy.ts; periphery energies and every area
 * are derived here from the corner's library cells and the constants below, each with its derivation (docs/energy.md
 * repeats them). Numbers marked `est` are our estimates, not read from a PDK.
 *
 * @example
 * const mac = meramMacros({ lib, corner, grid: DEFAULT_GRID });
 * console.log(mac.mtj.areaUm2, mac.sa.areaUm2, mac.pulseOp({ amplitudeV: 1.2, widthS: 0.5e-9 }).totalJ);
 */
import { type DeviceParams, defaultDeviceParams, energyPerRead, energyPerWrite } from '../physics/index.ts';
import type { LibertyLibrary } from '../synth/liberty.ts';
import type { Corner } from '../constraints/corners.ts';

/** The pulse grid (designs/meram/calibration.ts `PulseGridSpec`). */
export interface MacroGrid {
  readonly ampBits: number;
  readonly vMinV: number;
  readonly vMaxV: number;
  readonly widthBits: number;
  readonly resolutionS: number;
}

/**
 * The constants of the macro model (all est unless said otherwise). Derivations in docs/energy.md.
 */
export const MACRO_CONSTANTS = {
  /** 1T-1MTJ cell (µm²): 3.3 V access NMOS W 0.22 / L 0.28 µm, two contacted poly pitches x one active + isolation pitch ≈ 1.0 x 1.0 µm (31 F²). */
  cellAreaUm2: 1.0,
  /** Word-line (access gate) capacitance per cell (F): gate 0.22 x 0.28 µm at ~5 fF/µm² plus 2 fF of wire. */
  wordLineF: 2.3e-15,
  /** Word-line swing (V): the 3.3 V access device's gate is driven to 3.3 V to pass pulses up to 1.6 V. */
  wordLineV: 3.3,
  /** Bit / pulse line per cell (F): access-device junction ~1 fF plus ~20 µm of metal to its driver or sense amplifier at 0.2 fF/µm. */
  lineF: 5e-15,
  /** DAC hold capacitor over the line capacitance: the pulse rail droops < 5 % when it charges the line. */
  holdOverLine: 20,
  /** MIM capacitance density (F/µm²), 2 fF/µm². */
  mimFPerUm2: 2e-15,
  /** Settling time constants the DAC's string is left on for. */
  settleTaus: 5,
  /** Resistor-string DAC: area per unit resistor (µm², high-resistance poly with spacing) and per switch-tree transistor (µm²). */
  dacUnitResistorUm2: 2,
  /** Area per transistor of full-custom periphery (µm²): GF180 dffq_1, 24 T in 63.66 µm² (read) gives 2.65. */
  umPerTransistor: 63.6608 / 24,
  /** Sense amplifier transistors: StrongARM latch 9 T, SR output latch 4 T, precharge 2 T. */
  saTransistors: 15,
  /** Extra input-pair area (µm²) for a 5 mV offset: Pelgrom A_VT ≈ 5 mV·µm needs W·L ≈ 1 µm² per device, two devices with diffusion. */
  saMatchingUm2: 6,
  /** Reference: one P and one AP cell in parallel give the mid-point (two 1T-1MTJ cells). */
  saReferenceCells: 2,
  /** Pulse driver and word-line driver transistors (a sized inverter each, 2 x 4 T with upsized devices). */
  driverTransistors: 8,
} as const;

/** One operation's energy (J), split into the device (MTJ) part and the periphery part. */
export interface OpEnergy {
  readonly deviceJ: number;
  readonly peripheryJ: number;
  readonly totalJ: number;
  readonly parts: Readonly<Record<string, number>>;
}

/** Area and breakdown of one macro (µm²). */
export interface MacroArea {
  readonly areaUm2: number;
  /** The MTJ device(s) alone: 1T-1MTJ cells. */
  readonly deviceAreaUm2: number;
  readonly parts: Readonly<Record<string, number>>;
}

/** The macro model at one corner. */
export interface MeramMacros {
  readonly corner: string;
  readonly supplyV: number;
  readonly mtj: MacroArea;
  readonly sa: MacroArea;
  /** A VCMA pulse of the given setting (including DAC settling to its code and the pulse generator firing). */
  pulseOp(p: { amplitudeV: number; widthS: number }): OpEnergy;
  /** The reset-write (largest amplitude, 1 ns). */
  resetOp(): OpEnergy;
  /** One read: divider through the cell and the reference, bit-line precharge, latch. */
  readOp(): OpEnergy;
}

const mk = (device: Record<string, number>, periphery: Record<string, number>): OpEnergy => {
  const deviceJ = Object.values(device).reduce((a, b) => a + b, 0);
  const peripheryJ = Object.values(periphery).reduce((a, b) => a + b, 0);
  return { deviceJ, peripheryJ, totalJ: deviceJ + peripheryJ, parts: { ...device, ...periphery } };
};

/** Output internal energy (pJ, mean of rise and fall) and input capacitance (pF) of a library cell. */
function cellNumbers(lib: LibertyLibrary, name: string): { toggleJ: number; inCapF: number; areaUm2: number } {
  const c = lib.cells.get(name);
  if (!c) throw new RangeError(`library ${lib.name} has no cell ${name}`);
  const pins = [...c.pins.values()];
  const out = pins.find((p) => p.direction === 'output')!;
  const ins = pins.filter((p) => p.direction === 'input');
  return { toggleJ: ((out.riseEnergyPj + out.fallEnergyPj) / 2) * 1e-12, inCapF: (ins.reduce((s, p) => s + p.capacitancePf, 0) / ins.length) * 1e-12, areaUm2: c.areaUm2 };
}

/**
 * Builds the macro model of `corner` from its library `lib` (the periphery's logic runs on the corner supply).
 * @example meramMacros({ lib, corner, grid: DEFAULT_GRID }).readOp().totalJ
 */
export function meramMacros(o: { lib: LibertyLibrary; corner: Corner; grid: MacroGrid; device?: DeviceParams }): MeramMacros {
  const K = MACRO_CONSTANTS;
  const p = o.device ?? defaultDeviceParams;
  const vdd = o.corner.voltage;
  const inv = cellNumbers(o.lib, 'INV');
  const mux = cellNumbers(o.lib, 'MUX2');
  const and = cellNumbers(o.lib, 'AND2');
  const wire = 1e-15;
  // Pulse generator: a tapped delay line of 2^W stages (two inverters each, one resolution step) and a 2^W:1 mux
  // tree picking the tap; the pulse is the AND of the edge and its delayed copy. Both edges of the pulse travel the
  // line up to the chosen tap (width / resolution stages), then the mux tree's W levels and the AND.
  const stages = 2 ** o.grid.widthBits;
  const invToggle = inv.toggleJ + 0.5 * (inv.inCapF + wire) * vdd ** 2;
  const muxToggle = mux.toggleJ + 0.5 * (mux.inCapF + wire) * vdd ** 2;
  const pulseGenJ = (widthS: number): number => 2 * (Math.min(stages, Math.ceil(widthS / o.grid.resolutionS - 1e-9)) * 2 * invToggle + o.grid.widthBits * muxToggle + and.toggleJ);
  const pulseGenArea = stages * 2 * inv.areaUm2 + (stages - 1) * mux.areaUm2 + and.areaUm2;
  // Amplitude DAC: 2^A unit resistors and a binary switch tree (2 transmission gates per node), charging a hold
  // capacitor that feeds the pulse driver's rail. On for settleTaus time constants of the string's worst output
  // resistance (R/4) into C_hold: E = V² / R · 5 (R/4) C_hold = 1.25 C_hold V², independent of R.
  const levels = 2 ** o.grid.ampBits;
  const cHold = K.holdOverLine * K.lineF; // the MTJ's 0.45 fF is inside the line estimate
  const dacSettleJ = (K.settleTaus / 4) * cHold * vdd ** 2;
  const dacArea = levels * K.dacUnitResistorUm2 + 2 * 2 * (levels - 1) * K.umPerTransistor + cHold / K.mimFPerUm2;
  const driverArea = K.driverTransistors * K.umPerTransistor;
  const wordLineJ = K.wordLineF * K.wordLineV ** 2;
  const line = (vp: number): number => K.lineF * vp * vdd; // charge C V_p drawn from the supply through the rail
  const pulse = (amplitudeV: number, widthS: number): OpEnergy => {
    const w = energyPerWrite(p, amplitudeV, widthS);
    return mk({ mtjCapacitiveJ: w.capacitiveJ, mtjResistiveJ: w.resistiveJ },
      { dacJ: dacSettleJ, pulseGeneratorJ: pulseGenJ(widthS), lineJ: line(amplitudeV), wordLineJ });
  };
  const saTransArea = K.saTransistors * K.umPerTransistor + K.saMatchingUm2;
  return {
    corner: o.corner.name,
    supplyV: vdd,
    mtj: {
      areaUm2: K.cellAreaUm2 + dacArea + pulseGenArea + driverArea,
      deviceAreaUm2: K.cellAreaUm2,
      parts: { cell: K.cellAreaUm2, dac: dacArea, pulseGenerator: pulseGenArea, drivers: driverArea },
    },
    sa: {
      areaUm2: saTransArea + K.saReferenceCells * K.cellAreaUm2,
      deviceAreaUm2: K.saReferenceCells * K.cellAreaUm2,
      parts: { latch: saTransArea, referenceCells: K.saReferenceCells * K.cellAreaUm2 },
    },
    pulseOp: ({ amplitudeV, widthS }) => pulse(amplitudeV, widthS),
    resetOp: () => pulse(o.grid.vMaxV, 1e-9),
    readOp: () => {
      const r = energyPerRead(p, { supplyV: vdd });
      // The reference (two cells in parallel) draws about the cell's divider current again.
      return mk({ mtjDividerJ: r.dividerJ, mtjCapacitiveJ: r.capacitiveJ, referenceDividerJ: r.dividerJ },
        { senseLatchJ: r.senseAmpJ, prechargeJ: K.lineF * 0.2 * vdd, wordLineJ });
    },
  };
}
