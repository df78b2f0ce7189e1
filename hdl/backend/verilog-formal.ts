/**
 * The `ifdef FORMAL` block of an emitted module: one SystemVerilog immediate assertion (`assert` / `assume` /
 * `cover`) per property, on its check signal. Outside `FORMAL` the module stays Verilog-2005 (the synthesis and lint
 * sets never see it); `read_verilog -formal` (Yosys) and `verilator --assert -DFORMAL` read it.
 *
 * The check signal already holds the property's meaning (its If conditions, its domain's reset), so the statement is
 * combinational (`always @(*)`): checked at every settled cycle, i.e. before each rising edge of its domain.
 */
import { formatLoc } from '../core/source-loc.ts';
import type { NetlistModule } from '../ir/netlist.ts';

/** The lines of the formal block of `nm` (none when it has no properties); `name` gives a signal's Verilog name. */
export function formalBlock(nm: NetlistModule, name: (signal: number) => string): string[] {
  if (nm.properties.length === 0) return [];
  const out = ['`ifdef FORMAL'];
  for (const p of nm.properties) {
    const loc = p.site.loc ? formatLoc(p.site.loc) : 'unknown';
    out.push(`  // ${p.kind} ${p.path} (${loc})${p.domain ? `, domain ${p.domain}` : ''}${p.message ? `: ${p.message.replace(/\s+/g, ' ')}` : ''}`);
    out.push(`  always @(*) ${p.kind} (${name(p.check)});`);
  }
  out.push('`endif');
  return out;
}
