/**
 * Checks a design's properties cycle by cycle on any simulator: after the cycle's inputs settle and before the rising
 * edge (the same sampling point as the prover's time steps), every assertion and assumption must read 1 and every
 * cover that reads 1 counts a hit. A failure stops the run with an {@link AssertionFailedError} (mode `stop`) or is
 * counted (mode `count`).
 */
import type { Design } from '../hdl/ir/elaborate.ts';
import type { FlatDesign, IrProperty } from '../hdl/ir/netlist.ts';
import { AssertionFailedError, type PropertyFailure } from './errors.ts';

/** What a monitor reads: a flat signal's value by hierarchical path. */
export type ReadSignal = (path: string) => bigint;

/** Options of a {@link PropertyMonitor}. */
export interface MonitorOptions {
  /** `stop` (default): the first failure throws; `count`: failures are recorded and the run goes on. */
  readonly mode?: 'stop' | 'count';
  /** Failures kept in count mode (default 100; all are counted). */
  readonly keep?: number;
}

/** What a checked run found. */
export interface PropertyReport {
  readonly cycles: number;
  /** Failures by property path (count mode; in stop mode at most one). */
  readonly failureCounts: ReadonlyMap<string, number>;
  readonly failures: readonly PropertyFailure[];
  /** Cover hits by property path (every cover listed, 0 when never hit), and the first cycle of each hit. */
  readonly coverHits: ReadonlyMap<string, number>;
  readonly firstHit: ReadonlyMap<string, number>;
}

/**
 * Samples the properties of a flat design.
 *
 * @example
 * const b = new BuiltinBackend(design);
 * const mon = new PropertyMonitor(design, (p) => b.get(p));
 * for (let c = 0; c < 100; c++) { b.eval(); mon.sample(c); b.step('clk'); }
 * mon.report().coverHits;
 */
export class PropertyMonitor {
  private readonly props: readonly IrProperty[];
  private readonly failureCounts = new Map<string, number>();
  private readonly failures: PropertyFailure[] = [];
  private readonly coverHits = new Map<string, number>();
  private readonly firstHit = new Map<string, number>();
  private cycles = 0;
  private readonly flat: FlatDesign;

  constructor(design: Design | FlatDesign, private readonly read: ReadSignal, private readonly opts: MonitorOptions = {}) {
    this.flat = 'flat' in design ? design.flat : design;
    this.props = this.flat.properties;
    for (const p of this.props) if (p.kind === 'cover') this.coverHits.set(p.path, 0);
  }

  /** The properties, with their check signals' paths. */
  get properties(): readonly IrProperty[] {
    return this.props;
  }

  /** Checks every property in `cycle` (call after the inputs settled, before the clock edge). */
  sample(cycle: number): void {
    this.cycles = Math.max(this.cycles, cycle + 1);
    for (const p of this.props) {
      const v = this.read(this.flat.signals[p.check]!.path);
      if (p.kind === 'cover') {
        if (v === 1n) {
          this.coverHits.set(p.path, this.coverHits.get(p.path)! + 1);
          if (!this.firstHit.has(p.path)) this.firstHit.set(p.path, cycle);
        }
        continue;
      }
      if (v === 1n) continue;
      const values: Record<string, bigint> = {};
      for (const r of p.reads) { const path = this.flat.signals[r]!.path; values[path] = this.read(path); }
      const f: PropertyFailure = { kind: p.kind, path: p.path, message: p.message, cycle, values, loc: p.site.loc };
      this.failureCounts.set(p.path, (this.failureCounts.get(p.path) ?? 0) + 1);
      if (this.failures.length < (this.opts.keep ?? 100)) this.failures.push(f);
      if ((this.opts.mode ?? 'stop') === 'stop') throw new AssertionFailedError(f);
    }
  }

  report(): PropertyReport {
    return { cycles: this.cycles, failureCounts: new Map(this.failureCounts), failures: [...this.failures], coverHits: new Map(this.coverHits), firstHit: new Map(this.firstHit) };
  }
}
