/**
 * The synthesis report as a text table (what `meram-hdl synth` prints and `report.txt` holds).
 * @example console.log(formatReport(await synthesize(elaborate(top))));
 */
import type { SynthesisReport } from './synthesize.ts';

const fix = (x: number, d: number): string => x.toFixed(d);

/** Formats a report: cells by type with area, totals, macros, per-module breakdown, leakage, energy and timing. */
export function formatReport(r: SynthesisReport): string {
  const lines: string[] = [];
  lines.push(`Synthesis of '${r.top}' on ${r.library} (${r.voltage} V), Yosys ${r.yosysVersion}, clock ${r.clock.periodNs} ns`);
  lines.push('');
  lines.push(`  ${'cell'.padEnd(14)} ${'count'.padStart(7)} ${'area um^2'.padStart(10)} ${'%'.padStart(5)}`);
  for (const [t, n] of Object.entries(r.cells)) {
    const a = r.cellAreaUm2[t] ?? 0;
    lines.push(`  ${t.padEnd(14)} ${String(n).padStart(7)} ${fix(a, 1).padStart(10)} ${fix((100 * a) / (r.areaUm2 || 1), 1).padStart(5)}`);
  }
  lines.push(`  ${'total'.padEnd(14)} ${String(r.cellCount).padStart(7)} ${fix(r.areaUm2, 1).padStart(10)}   ${r.flipFlops} flip-flops, ${r.latches} latches`);
  const macros = Object.entries(r.macros);
  lines.push(`  black-box macros kept: ${macros.length ? macros.map(([t, n]) => `${t} x${n}`).join(', ') : 'none'} (area not included)`);
  lines.push('');
  lines.push(`  ${'module'.padEnd(28)} ${'cells'.padStart(6)} ${'area um^2'.padStart(10)} ${'flops'.padStart(6)} ${'logic ns'.padStart(9)}`);
  for (const m of r.modules) {
    const n = Object.values(m.cells).reduce((s, x) => s + x, 0);
    lines.push(`  ${m.name.padEnd(28)} ${String(n).padStart(6)} ${fix(m.areaUm2, 1).padStart(10)} ${String(m.flipFlops).padStart(6)} ${(m.combinationalNs === null ? '-' : fix(m.combinationalNs, 3)).padStart(9)}`);
  }
  lines.push('');
  const e = r.energy;
  lines.push(`  leakage ${fix(r.leakageNw, 2)} nW`);
  lines.push(`  energy/cycle at activity ${e.activity}: ${fix(e.totalPj, 2)} pJ (internal ${fix(e.internalPj, 2)}, clock ${fix(e.clockPj, 2)}, net switching ${fix(e.switchingPj, 2)}) = ${fix(e.powerUw, 1)} uW at ${r.clock.periodNs} ns`);
  const t = r.timing;
  if (t) {
    const end = t.endPoint.startsWith('$') ? 'a register input' : `${t.endPoint} (${t.endKind})`;
    lines.push(`  critical path (${t.module}: ${t.startPoint} (${t.startKind}) -> ${end}): launch ${fix(t.launchNs, 3)} + logic ${fix(t.combinationalNs, 3)} + capture ${fix(t.captureNs, 3)} = ${fix(t.pathNs, 3)} ns; slack ${fix(t.slackNs, 3)} ns ${t.met ? '(met)' : '(VIOLATED)'}`);
  } else {
    lines.push('  critical path: no combinational logic');
  }
  return lines.join('\n');
}
