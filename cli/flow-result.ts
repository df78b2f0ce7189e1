/** The results a `meram-hdl flow` run saves (flow.json) and `meram-hdl report` reads. */

/** Format tag of flow.json. */
export const FLOW_FORMAT = 'meram-hdl/flow-result/1';

/** A row of a table: column to value. */
export type Row = Readonly<Record<string, string | number | boolean | null>>;

/** One synthesis corner's summary. */
export interface CornerSummary {
  readonly library: string;
  readonly voltage: number;
  readonly periodNs: number;
  readonly cells: Readonly<Record<string, number>>;
  readonly cellCount: number;
  readonly areaUm2: number;
  readonly flipFlops: number;
  readonly macros: Readonly<Record<string, number>>;
  readonly leakageNw: number;
  readonly energyPjPerCycle: number;
  readonly powerUw: number;
  readonly timing: { readonly pathNs: number; readonly slackNs: number; readonly met: boolean; readonly startPoint: string; readonly endPoint: string } | null;
}

/** Everything a flow run measured. */
export interface FlowResult {
  readonly format: typeof FLOW_FORMAT;
  readonly arch: string;
  readonly design: string;
  readonly seed: number;
  readonly samples: number;
  readonly backend: string;
  readonly device: { readonly description: string; readonly params: Readonly<Record<string, unknown>> };
  /** Switching probability of the nominal behavioural device over the pulse grid, both directions. */
  readonly pswMap: readonly { readonly from: 'P' | 'AP'; readonly amplitudeV: number; readonly widthNs: number; readonly p: number }[];
  /** The calibrated pulse settings. */
  readonly calibration: readonly Row[];
  /** Sample counts per output code, and the predicted pmf on its lattice (real value = origin + step * code). */
  readonly histogram: {
    readonly counts: readonly (readonly [number, number])[];
    readonly predicted: { readonly origin: number; readonly step: number; readonly offset: number; readonly probs: readonly number[] };
  };
  readonly tests: { readonly alphaPerCheck: number; readonly passed: boolean; readonly checks: readonly { readonly name: string; readonly pValue: number; readonly passed: boolean }[] };
  readonly toNormal: { readonly tv: number; readonly kl: number; readonly maxCdfGap: number; readonly maxAbsZ: number };
  readonly toTarget: { readonly tv: number; readonly kl: number; readonly maxCdfGap: number };
  readonly synthesis: readonly CornerSummary[];
  readonly summary: Readonly<Record<string, number>>;
  readonly files: Readonly<Record<string, string>>;
}
