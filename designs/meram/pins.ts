/**
 * The analog macros of a MeRAM array and their pins. In silicon they are full-custom blocks; the HDL sees them as
 * black boxes (synthesis set) and, for simulation, as behavioural models (simulation set).
 *
 * MERAM_MTJ (one 1T-1MTJ cell with its column driver and programmable pulse generator)
 *   clk          controller clock (the pulse generator is triggered on the rising edge)
 *   rst          resets the macro's own logic
 *   pulse_en     1 for one cycle: fire one VCMA gate pulse of amplitude amp_code and width width_code
 *   reset_en     1 for one cycle: deterministic reset-write of the free layer to P
 *   amp_code     DAC code of the pulse amplitude (AMP_BITS)
 *   width_code   pulse-width code of the pulse generator (WIDTH_BITS); width = (code + 1) x resolution
 *   bl           bit line to the sense amplifier (analog; 1 bit here: 0 = P, low resistance; 1 = AP, high resistance)
 * MERAM_SA (latch sense amplifier with a reference)
 *   clk, rst, bl (from the cell), precharge, sense_en, strobe (latch the decision), q (the sensed bit)
 */
import { defineInterface, out } from '../../hdl/core/interface.ts';

export const MTJ_MACRO = 'MERAM_MTJ';
export const SA_MACRO = 'MERAM_SA';

/** Widths of the pulse-setting codes. */
export interface PulseCodeWidths {
  readonly ampBits: number;
  readonly widthBits: number;
}

/** Threshold width of the switching decisions: decisions compare the top 31 bits of a 32-bit random word. */
export const THRESHOLD_BITS = 31;

/** The sense-amplifier strobes of a read (MERAM_SA pins), as the readout sequencer drives them. */
export const readStrobes = { precharge: out(1), sense_en: out(1), strobe: out(1) } as const;

/**
 * The control pins of a bit-cell array (cell-array.ts) as the pulse controller drives them: the MTJ write pulses and
 * the sense-amplifier strobes. Port names are the bare pin names.
 */
export const CellControlBus = defineInterface('meram_cell_control', { reset_en: out(1), pulse_en: out(1), ...readStrobes });

/** The fields of {@link CellControlBus}. */
export type CellControlPin = keyof typeof CellControlBus.spec;
