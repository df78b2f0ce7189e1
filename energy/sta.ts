/**
 * Static timing with OpenSTA (`sta`, Debian package `opensta`) on a mapped netlist: the corner's Liberty file, a
 * Liberty stub of the MeRAM macros (macro-liberty.ts) when the design has them, the SDC written from the clock
 * constraints (constraints/sdc.ts); the worst setup path is parsed from `report_checks`.
 *
 * @example
 * const t = runOpenSta({ netlist: report.staNetlist!, top: report.top, liberty: [lib], clock: MERAM_CLOCK, dir: 'build/energy/sta/top' });
 * console.log(t.slackNs, t.startPoint, t.endPoint);
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { sdcText } from '../constraints/sdc.ts';
import type { ClockConstraints } from '../constraints/timing.ts';
import { EnergyToolError } from './errors.ts';

/** The worst setup path found by OpenSTA. */
export interface StaResult {
  readonly tool: 'opensta';
  readonly periodNs: number;
  readonly startPoint: string;
  readonly endPoint: string;
  readonly arrivalNs: number;
  readonly requiredNs: number;
  readonly slackNs: number;
  readonly met: boolean;
}

/** Whether OpenSTA is installed. */
export function haveOpenSta(): boolean {
  try { execFileSync('sta', ['-version'], { stdio: 'pipe' }); return true; } catch { return false; }
}

/**
 * Runs OpenSTA; throws {@link EnergyToolError} with its output when it fails or reports no path.
 * @example runOpenSta({ netlist, top: 'cmos_icdf8', liberty: ['constraints/meram180_tt_5v00.lib'], clock: MERAM_CLOCK, dir: '/tmp/sta' })
 */
export function runOpenSta(o: { netlist: string; top: string; liberty: readonly string[]; clock: ClockConstraints; dir: string }): StaResult {
  const dir = path.resolve(o.dir);
  writeFileAtomic(path.join(dir, 'netlist.v'), o.netlist);
  writeFileAtomic(path.join(dir, 'constraints.sdc'), sdcText(o.clock));
  const tcl = [
    ...o.liberty.map((l) => `read_liberty ${path.resolve(l)}`),
    'read_verilog netlist.v',
    `link_design ${o.top}`,
    'read_sdc constraints.sdc',
    'report_checks -path_delay max -digits 4',
    'exit',
  ].join('\n');
  writeFileAtomic(path.join(dir, 'run.tcl'), `${tcl}\n`);
  let out: string;
  try {
    out = execFileSync('sta', ['-no_init', '-no_splash', '-exit', 'run.tcl'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; code?: string };
    if (x.code === 'ENOENT') throw new EnergyToolError('sta', 'not installed (apt-get install opensta)');
    throw new EnergyToolError('sta', `${x.stdout ?? ''}${x.stderr ?? ''}`);
  }
  writeFileAtomic(path.join(dir, 'report.txt'), out);
  if (/^Error:/m.test(out)) throw new EnergyToolError('sta', out.split('\n').filter((l) => l.startsWith('Error')).join('\n'));
  const num = (re: RegExp): number => { const m = re.exec(out); if (!m) throw new EnergyToolError('sta', `no ${re} in the report:\n${out.slice(0, 2000)}`); return Number(m[1]); };
  const slackNs = num(/^\s*(-?[\d.]+)\s+slack \((?:MET|VIOLATED)\)/m);
  return {
    tool: 'opensta', periodNs: o.clock.periodNs,
    startPoint: /Startpoint: (\S+)/.exec(out)?.[1] ?? '', endPoint: /Endpoint: (\S+)/.exec(out)?.[1] ?? '',
    arrivalNs: num(/^\s*(-?[\d.]+)\s+data arrival time/m), requiredNs: num(/^\s*(-?[\d.]+)\s+data required time/m),
    slackNs, met: slackNs >= 0,
  };
}
