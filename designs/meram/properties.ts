/**
 * Formal properties of the MeRAM control logic, proven with `prove` (formal/): proof harnesses around the pulse
 * controller (built with `formal: true`, so its own state invariants are asserted too) and the valid/ready output
 * stage. Inputs are free: the prover tries every `start`, `ready` and reset sequence.
 *
 * Controller properties (harness `pulse_controller_proof`):
 * - `no_pulse_during_read`: no gate or reset-write pulse while the readout precharges, senses or strobes;
 * - `codes_stable`: the per-pulse code index (which selects the amplitude and width codes) changes only as a pulse
 *   starts or the read starts: it holds from the DAC settle through the pulse and its settle time;
 * - `op_bound` / `done_on_time`: every bit operation is busy for at most, and signals `done` in exactly, its
 *   cycle count (`operationCycles`);
 * - the controller's FSM never holds an unused encoding, and its phase timers stay within their phases.
 *
 * @example
 * const r = await prove(elaborate(PulseControllerProof({ ...constrainedPhases(), resetWrite: true, pulses: 2 })), { depth: 30 });
 * r.asserts.status; // 'proven'
 */
import { defineTypedGenerator, instantiate } from '../../hdl/core/interface.ts';
import { defineModule } from '../../hdl/core/module.ts';
import type { Value } from '../../hdl/core/value.ts';
import { initialCycle, past, rose, stable } from '../../hdl/core/property.ts';
import { type PhaseCycles, PulseController, type PulseControllerParams } from './controller.ts';
import { outputStage } from './handshake.ts';

/** Parameters of a controller proof. `broken` instantiates {@link BrokenPulseController} instead. */
export type ControllerProofParams = PhaseCycles & { resetWrite: boolean; pulses: number; broken?: boolean };

/** Cycles from `start` to `done` (inclusive) of one operation of the pulse controller. */
export function operationCycles(p: PhaseCycles & { resetWrite: boolean; pulses: number }): number {
  return p.dacSettle + (p.resetWrite ? p.resetPulse : 0) + p.pulses * (1 + p.postPulseSettle) + p.precharge + p.senseEnable + 1;
}

/**
 * A deliberately broken controller for the failing-proof demo: the gate-pulse output is wired to the controller's
 * pulse enable OR its strobe (a wiring slip), so a gate pulse fires during the sense-amplifier decision.
 */
export const BrokenPulseController = defineTypedGenerator('pulse_controller_broken', (p: PulseControllerParams) => PulseController({ ...p, formal: true }).interfaces, (m, io, p) => {
  const ctl = instantiate(m, 'u_ctl', PulseController({ ...p, formal: true }), { op: { start: io.op.start } });
  for (const k of ['busy', 'pulse_index', 'done'] as const) m.comb(io.op[k], ctl.op[k]);
  for (const k of ['reset_en', 'precharge', 'sense_en', 'strobe'] as const) m.comb(io.cells[k], ctl.cells[k]);
  m.comb(io.cells.pulse_en, ctl.cells.pulse_en.or(ctl.cells.strobe));
}, { prefixes: { op: '', cells: '' } });

/** The proof harness of the pulse controller: the controller with free inputs and the properties above. */
export const PulseControllerProof = defineModule('pulse_controller_proof', (m, p: ControllerProofParams) => {
  const { broken, ...cp } = p;
  const start = m.input('start', 1);
  const dut = instantiate(m, 'u_dut', broken ? BrokenPulseController(cp) : PulseController({ ...cp, formal: true }), { op: { start } });
  const pins: Readonly<Record<string, Value>> = { ...dut.op, ...dut.cells };
  const o = (n: string): Value => pins[n]!;
  const reading = o('precharge').or(o('sense_en')).or(o('strobe'));
  m.assert(o('pulse_en').or(o('reset_en')).and(reading).not(), 'no write pulse while a read is in progress', { name: 'no_pulse_during_read' });
  m.assert(initialCycle(m).or(stable(m, o('pulse_index'))).or(rose(m, o('pulse_en'))).or(rose(m, o('precharge'))),
    'the code index holds from the DAC settle to the end of the pulse', { name: 'codes_stable' });
  const total = operationCycles(cp);
  const cycles = m.signal('op_cycles', 8);
  m.If(o('busy').and(cycles.lt(255)), () => m.sync(cycles, cycles.add(1).trunc(8))).Elif(o('busy').not(), () => m.sync(cycles, 0));
  m.assert(o('busy').not().or(cycles.lt(total)), `an operation is busy for at most ${total} cycles`, { name: 'op_bound' });
  m.assert(o('done').not().or(cycles.eq(total - 1)), `done in the operation's last cycle (${total})`, { name: 'done_on_time' });
  m.assert(o('done').not().or(o('busy')), 'done only while busy', { name: 'done_while_busy' });
  m.cover(o('done'), 'an operation completes', { name: 'op_done' });
});

/** The proof harness of the valid/ready output stage: a sample register filled from a free input when free. */
export const OutputStageProof = defineModule('output_stage_proof', (m, p: { width: number }) => {
  const ready = m.input('ready', 1);
  const produce = m.input('produce', 1);
  const sampleIn = m.input('sample_in', p.width);
  const sample = m.output('sample', p.width);
  const { valid, free, load } = outputStage(m, ready);
  m.If(free.and(produce), () => { load(); m.sync(sample, sampleIn); });
  const waiting = past(m, valid.and(ready.not()));
  m.assert(initialCycle(m).or(waiting.not()).or(valid.and(stable(m, sample))), 'valid and its data hold while valid && !ready', { name: 'hold_while_stalled' });
  m.cover(valid.and(ready.not()).and(past(m, valid.and(ready.not()))), 'a stall of two cycles', { name: 'stall' });
});
