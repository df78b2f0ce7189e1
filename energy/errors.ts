/** Errors of the energy flow. */
import { MeramError, ToolError } from '../common/errors.ts';

/** A gate-level netlist or VCD file could not be read; the message names the construct. */
export class NetlistParseError extends MeramError {}

/** An external tool of the energy flow (iverilog, vvp, sta) failed; the message carries its output. */
export class EnergyToolError extends ToolError {}
