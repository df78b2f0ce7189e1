/**
 * Every verb of `meram-hdl`, in the order `--help` lists them. Wiring a new verb (e.g. `noise` once its
 * library lands) is one import here and its file.
 */
import type { Verb } from './args.ts';
import { verilogVerb } from './verilog.ts';
import { lintVerb } from './lint.ts';
import { simVerb } from './sim.ts';
import { synthVerb } from './synth.ts';
import { physicsVerb } from './physics.ts';
import { noiseVerb } from './noise.ts';
import { proveVerb } from './prove.ts';
import { flowVerb } from './flow.ts';
import { reportVerb } from './report.ts';

/** The verbs. */
export const VERBS: readonly Verb[] = [verilogVerb, lintVerb, simVerb, synthVerb, physicsVerb, noiseVerb, proveVerb, flowVerb, reportVerb];
