/**
 * The comparison of build/energy/energy.json: the rows, the best CMOS baseline per corner, each MeRAM figure's ratio
 * to it, and the verdict on the seed paper's two claims, as JSON (stable keys, documented in docs/energy.md) and as
 * the Markdown tables of docs/energy.md.
 *
 * @example
 * const c = comparison(rows); console.log(markdownTables(c));
 */
import type { Figures, MeasuredRow } from './measure.ts';

/** Inclusion keys, in the order they are shown. */
export const INCLUSIONS = ['devices', 'devicesPeriphery', 'wholeBlock'] as const;
export type Inclusion = (typeof INCLUSIONS)[number];
const INCLUSION_TEXT: Record<Inclusion, string> = {
  devices: 'devices only (MTJs)', devicesPeriphery: 'devices + periphery (sense amps, DACs, pulse generators, drivers)', wholeBlock: 'whole block (+ control logic)',
};

/** A MeRAM figure against the CMOS baselines of its corner. */
export interface ClaimCheck {
  readonly generator: string;
  readonly corner: string;
  readonly clockGating: boolean;
  readonly inclusion: Inclusion;
  /** Best CMOS energy·area per bit / this one (the paper claims ~1000). */
  readonly energyAreaRatio: number;
  /** 1 - energy per bit / best conventional CMOS PRNG's energy per bit (the paper claims ~0.8). */
  readonly energySaving: number;
}

/** The whole comparison (the content of build/energy/energy.json). */
export interface EnergyComparison {
  readonly schema: 'meram-hdl/energy@1';
  readonly generatedBy: string;
  readonly rows: readonly MeasuredRow[];
  /** Per corner: the best CMOS baseline by energy·area per bit and the best conventional PRNG by energy per bit. */
  readonly baselines: readonly { readonly corner: string; readonly bestCmos: string; readonly bestCmosClockGating: boolean; readonly bestCmosEnergyAreaPerBitPjMm2: number; readonly bestPrng: string; readonly bestPrngClockGating: boolean; readonly bestPrngEnergyPerBitPj: number }[];
  readonly checks: readonly ClaimCheck[];
  readonly verdict: {
    readonly energyAreaClaim: { readonly claimed: 1000; readonly reproducedUnder: readonly string[]; readonly bestRatio: number; readonly bestUnder: string };
    readonly energyClaim: { readonly claimed: 0.8; readonly reproducedUnder: readonly string[]; readonly bestSaving: number; readonly bestUnder: string };
  };
}

const label = (c: { generator: string; corner: string; clockGating: boolean; inclusion: Inclusion }): string =>
  `${c.generator} @ ${c.corner}${c.clockGating ? ' (clock-gated)' : ''}, ${INCLUSION_TEXT[c.inclusion]}`;

/** Builds the comparison from measured rows. */
export function comparison(rows: readonly MeasuredRow[]): EnergyComparison {
  const corners = [...new Set(rows.map((r) => r.corner))];
  const baselines = corners.map((corner) => {
    const cmos = rows.filter((r) => r.corner === corner && r.family === 'cmos');
    const best = [...cmos].sort((a, b) => a.inclusions.wholeBlock.energyAreaPerBitPjMm2 - b.inclusions.wholeBlock.energyAreaPerBitPjMm2)[0]!;
    const prng = [...cmos.filter((r) => r.prng)].sort((a, b) => a.inclusions.wholeBlock.energyPerBitPj - b.inclusions.wholeBlock.energyPerBitPj)[0] ?? best;
    return {
      corner, bestCmos: best.generator, bestCmosClockGating: best.clockGating, bestCmosEnergyAreaPerBitPjMm2: best.inclusions.wholeBlock.energyAreaPerBitPjMm2,
      bestPrng: prng.generator, bestPrngClockGating: prng.clockGating, bestPrngEnergyPerBitPj: prng.inclusions.wholeBlock.energyPerBitPj,
    };
  });
  const checks: ClaimCheck[] = [];
  for (const r of rows.filter((x) => x.family === 'meram')) {
    const b = baselines.find((x) => x.corner === r.corner)!;
    for (const inclusion of INCLUSIONS) {
      const f: Figures | null = r.inclusions[inclusion];
      if (!f) continue;
      checks.push({
        generator: r.generator, corner: r.corner, clockGating: r.clockGating, inclusion,
        energyAreaRatio: Number((b.bestCmosEnergyAreaPerBitPjMm2 / f.energyAreaPerBitPjMm2).toPrecision(4)),
        energySaving: Number((1 - f.energyPerBitPj / b.bestPrngEnergyPerBitPj).toPrecision(4)),
      });
    }
  }
  const bestRatio = [...checks].sort((a, b) => b.energyAreaRatio - a.energyAreaRatio)[0];
  const bestSaving = [...checks].sort((a, b) => b.energySaving - a.energySaving)[0];
  return {
    schema: 'meram-hdl/energy@1', generatedBy: 'make energy (energy/cli.ts)', rows, baselines, checks,
    verdict: {
      energyAreaClaim: { claimed: 1000, reproducedUnder: checks.filter((c) => c.energyAreaRatio >= 1000).map(label), bestRatio: bestRatio?.energyAreaRatio ?? 0, bestUnder: bestRatio ? label(bestRatio) : '' },
      energyClaim: { claimed: 0.8, reproducedUnder: checks.filter((c) => c.energySaving >= 0.8).map(label), bestSaving: bestSaving?.energySaving ?? 0, bestUnder: bestSaving ? label(bestSaving) : '' },
    },
  };
}

const g = (x: number, d = 3): string => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-2 ? x.toExponential(d - 1) : x.toPrecision(d));

/** The Markdown tables, one per corner, and the verdict lines. */
export function markdownTables(c: EnergyComparison): string {
  const out: string[] = [];
  for (const b of c.baselines) {
    const rows = c.rows.filter((r) => r.corner === b.corner);
    out.push(`### ${b.corner} (${rows[0]!.voltage} V)`, '',
      `Best CMOS baseline by energy·area per bit: **${b.bestCmos}${b.bestCmosClockGating ? ' (clock-gated)' : ''}** (${g(b.bestCmosEnergyAreaPerBitPjMm2)} pJ·mm²/bit); best conventional PRNG by energy per bit: **${b.bestPrng}${b.bestPrngClockGating ? ' (clock-gated)' : ''}** (${g(b.bestPrngEnergyPerBitPj)} pJ/bit).`, '',
      '| generator | gating | clock MHz (OpenSTA slack ns; ABC path ns) | Msample/s | Mbit/s | inclusion | pJ/sample | pJ/bit | area µm² | pJ·mm²/bit | ratio to best CMOS | TV to N(0,1) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      for (const inc of INCLUSIONS) {
        const f = r.inclusions[inc];
        if (!f) continue;
        const ratio = b.bestCmosEnergyAreaPerBitPjMm2 / f.energyAreaPerBitPjMm2;
        const sta = r.timing.opensta ? g(r.timing.opensta.slackNs) : 'n/a';
        out.push(`| ${r.generator} | ${r.clockGating ? 'on' : 'off'} | ${g(r.clockMHz)} (${sta}; ${r.timing.abc ? g(r.timing.abc.pathNs) : 'n/a'}) | ${g(r.samplesPerSecond / 1e6)} | ${g(r.bitsPerSecond / 1e6)} | ${inc} | ${g(f.energyPerSamplePj)} | ${g(f.energyPerBitPj)} | ${g(f.areaUm2)} | ${g(f.energyAreaPerBitPjMm2)} | ${g(ratio)} | ${r.distanceToNormal ? g(r.distanceToNormal.tv) : '–'} |`);
      }
    }
    out.push('');
  }
  const v = c.verdict;
  out.push('### Verdict (computed)', '',
    `- **~10³ better energy-per-bit-per-area** (best CMOS E·A per bit / MeRAM E·A per bit ≥ 1000): ${v.energyAreaClaim.reproducedUnder.length ? `reproduced under ${v.energyAreaClaim.reproducedUnder.length} inclusion(s), e.g. ${v.energyAreaClaim.reproducedUnder.slice(0, 3).join('; ')}` : 'not reproduced under any inclusion'}. Best ratio ${g(v.energyAreaClaim.bestRatio)} (${v.energyAreaClaim.bestUnder}).`,
    `- **~80 % less energy per bit than a conventional CMOS PRNG**: ${v.energyClaim.reproducedUnder.length ? `reproduced under ${v.energyClaim.reproducedUnder.length} inclusion(s), e.g. ${v.energyClaim.reproducedUnder.slice(0, 3).join('; ')}` : 'not reproduced under any inclusion'}. Best saving ${(v.energyClaim.bestSaving * 100).toFixed(1)} % (${v.energyClaim.bestUnder}).`,
    '');
  const byInc = (inc: Inclusion): ClaimCheck[] => c.checks.filter((x) => x.inclusion === inc);
  for (const inc of INCLUSIONS) {
    const xs = byInc(inc);
    if (!xs.length) continue;
    const ratios = xs.map((x) => x.energyAreaRatio);
    const savings = xs.map((x) => x.energySaving);
    out.push(`- ${INCLUSION_TEXT[inc]}: E·A ratio ${g(Math.min(...ratios))} … ${g(Math.max(...ratios))}; energy saving vs PRNG ${(Math.min(...savings) * 100).toFixed(0)} % … ${(Math.max(...savings) * 100).toFixed(0)} %.`);
  }
  out.push('', ...levers(c), '');
  return out.join('\n');
}

const pct = (x: number): string => `${(x * 100).toFixed(x < 0.01 ? 2 : 0)} %`;

/**
 * What would have to change, from the measured rows: per corner the best MeRAM whole block's energy split, the factor
 * its non-device energy (or area) would have to fall by for each claim, and the measured effect of the supply and of
 * clock gating.
 */
export function levers(c: EnergyComparison): string[] {
  const out = ['### What would have to change (computed from the rows above)', ''];
  for (const b of c.baselines) {
    const mer = c.rows.filter((r) => r.corner === b.corner && r.family === 'meram');
    if (!mer.length) continue;
    const best = [...mer].sort((x, y) => x.inclusions.wholeBlock.energyPerBitPj - y.inclusions.wholeBlock.energyPerBitPj)[0]!;
    const w = best.inclusions.wholeBlock;
    const dev = best.macroEnergyPerSamplePj!.devices;
    const per = best.macroEnergyPerSamplePj!.periphery;
    const logic = w.energyPerSamplePj - dev - per;
    const target80 = 0.2 * b.bestPrngEnergyPerBitPj * best.bitsPerSample; // pJ per sample allowed
    const targetEA = b.bestCmosEnergyAreaPerBitPjMm2 / 1000;
    const devArea = best.inclusions.devices!.areaUm2;
    out.push(`- **${b.corner}**, best MeRAM block ${best.generator}${best.clockGating ? ' (clock-gated)' : ''}: ${g(w.energyPerSamplePj)} pJ/sample = devices ${pct(dev / w.energyPerSamplePj)}, periphery ${pct(per / w.energyPerSamplePj)}, control logic ${pct(logic / w.energyPerSamplePj)}; area ${g(w.areaUm2)} µm², of which MTJ cells ${g(devArea)} µm².`);
    const nonDev = w.energyPerSamplePj - dev;
    out.push(target80 > dev
      ? `  - 80 % claim: the periphery + logic energy (${g(nonDev)} pJ/sample) would have to fall ${g(nonDev / (target80 - dev))}x (to ${g(target80 - dev)} pJ/sample) for the block to use 20 % of ${b.bestPrng}'s energy per bit.`
      : `  - 80 % claim: even the devices alone exceed 20 % of ${b.bestPrng}'s energy per bit.`);
    const eaNeededBlock = targetEA / (w.energyPerBitPj * 1e-6); // µm² allowed at this energy per bit
    out.push(`  - 10³ claim: at its measured energy per bit the block would have to fit in ${g(eaNeededBlock)} µm² (${g(w.areaUm2 / eaNeededBlock)}x smaller); at the devices' energy per bit (${g(best.inclusions.devices!.energyPerBitPj)} pJ) in ${g(targetEA / (best.inclusions.devices!.energyPerBitPj * 1e-6))} µm².`);
    const other = c.rows.find((r) => r.generator === best.generator && r.corner === b.corner && r.clockGating !== best.clockGating);
    if (other) out.push(`  - clock gating ${best.clockGating ? 'on vs off' : 'off vs on'}: ${g(w.energyPerSamplePj)} vs ${g(other.inclusions.wholeBlock.energyPerSamplePj)} pJ/sample (measured).`);
  }
  const at = (corner: string, id: string): MeasuredRow | undefined => c.rows.filter((r) => r.corner === corner && r.generator === id).sort((x, y) => x.inclusions.wholeBlock.energyPerSamplePj - y.inclusions.wholeBlock.energyPerSamplePj)[0];
  const hi = c.baselines[0]?.corner;
  const lo = c.baselines[c.baselines.length - 1]?.corner;
  if (hi && lo && hi !== lo) {
    for (const id of [...new Set(c.rows.map((r) => r.generator))]) {
      const a = at(hi, id);
      const z = at(lo, id);
      if (a && z) out.push(`- supply ${a.voltage} V → ${z.voltage} V, ${id}: ${g(a.inclusions.wholeBlock.energyPerSamplePj)} → ${g(z.inclusions.wholeBlock.energyPerSamplePj)} pJ/sample (${g(a.inclusions.wholeBlock.energyPerSamplePj / z.inclusions.wholeBlock.energyPerSamplePj)}x), clock ${g(a.clockMHz)} → ${g(z.clockMHz)} MHz.`);
    }
  }
  return out;
}
