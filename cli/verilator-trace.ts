/**
 * Waveforms on the native Verilator backend: Verilator's own `--trace` (VerilatedVcdC) in the model harness.
 */
import type { Design } from '../hdl/core/netlist.ts';
import type { SimBackend } from '../sim/backend.ts';
import { NotAvailableError } from './errors.ts';

/** Can this machine build a traced native model? */
export function traceSupported(): boolean {
  return false;
}

/** A native Verilator model of `design` that writes a VCD to `vcd` (flushed on dispose). */
export async function withNativeTrace(_design: Design, _vcd: string): Promise<SimBackend> {
  throw new NotAvailableError('sim --vcd on verilator-native', 'not implemented yet');
}
