/** Formal verification: property checks on every simulator, proofs with Yosys, counterexample replay, equivalence. */
export { AssertionFailedError, FormalToolOutputError, FormalUsageError, describeFailure, type PropertyFailure } from './errors.ts';
export { PropertyMonitor, type MonitorOptions, type PropertyReport, type ReadSignal } from './monitor.ts';
export { simulateWithProperties, type CheckedRunOptions, type Stimulus } from './check.ts';
export { probedDesign, verilogPath, type ProbedDesign } from './probe.ts';
export { prove, type AssertVerdict, type Counterexample, type CoverVerdict, type ProofResult, type ProveOptions, type Trace } from './prove.ts';
export { replayTrace } from './replay.ts';
export { parseVcd, type VcdSteps } from './vcd-read.ts';
export { checkEquivalence, type EquivalenceOptions, type EquivalenceResult, type ModuleEquivalence } from './equiv.ts';
