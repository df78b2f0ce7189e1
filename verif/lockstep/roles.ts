/** The clock and reset inputs of a design's top, by port name, with each reset's active level. */
import type { Design } from '../../hdl/ir/elaborate.ts';

/** Clock ports and reset ports (port name -> the level that resets) of a design's top. */
export interface PortRoles {
  readonly clocks: ReadonlySet<string>;
  readonly resets: ReadonlyMap<string, 'high' | 'low'>;
}

/**
 * The roles of the top's domain ports, whatever the user named them.
 * @example const { clocks, resets } = portRoles(elaborate(top)); resets.get('rst_n'); // 'low'
 */
export function portRoles(design: Design): PortRoles {
  const name = (s: Parameters<typeof design.top.names.get>[0]): string => design.top.names.get(s)!;
  const clocks = new Set(design.flat.domains.map((d) => name(d.clk)));
  const resets = new Map(design.flat.domains.filter((d) => d.rst).map((d) => [name(d.rst!), d.resetActive] as const));
  return { clocks, resets };
}

/**
 * The clock a lockstep run steps when none is named: the `sync` domain's clock port (else the first domain's, else `clk`).
 * @example defaultClock(elaborate(top)); // 'clk', or the name the user gave the sync clock
 */
export function defaultClock(design: Design): string {
  const d = design.flat.domains.find((x) => x.name === 'sync') ?? design.flat.domains[0];
  return d ? design.top.names.get(d.clk)! : 'clk';
}
