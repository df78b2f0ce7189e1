/**
 * Synthesis of meram-hdl designs with Yosys (WebAssembly) onto the meram180 library: the public API.
 * @example
 * import { synthesize, formatReport } from './synth/index.ts';
 * console.log(formatReport(await synthesize(elaborate(top))));
 */
export {
  LatchError, SynthesisError, synthesize, synthesizeVerilog,
  type EnergyEstimate, type ModuleSynthesis, type SynthesisOptions, type SynthesisReport, type TimingEstimate,
} from './synthesize.ts';
export { formatReport } from './report-text.ts';
export { LibertyParseError, parseLiberty, parseLibertyGroups, type LibertyCell, type LibertyGroup, type LibertyLibrary, type LibertyPin, type LibertyTiming } from './liberty.ts';
export { YosysScriptError, runYosysScript, yosysCheck, type YosysRun } from './yosys.ts';
