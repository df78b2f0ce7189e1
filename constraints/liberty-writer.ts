/**
 * Prints the Liberty library `meram180` from the cell records of `cells.ts`. The printed file is committed as
 * `constraints/meram180.lib`; a test checks it is up to date. Regenerate with `npx tsx constraints/liberty-writer.ts`.
 *
 * Table model (the reference gives each arc at two points only, A = 0.02 ns / 1 fF and B = 0.1439 ns / ~8 fF):
 * delay = d_A + R·(C − 1 fF), with the drive resistance R fitted through A and B and the input slew's share folded
 * into R (so the tables do not vary along the slew axis, and R is slightly pessimistic at high load). Output transitions
 * were not read: they are estimated as 0.05 ns + 2·R·(C − 1 fF).
 *
 * @example
 * import { libertyText } from './liberty-writer.ts';
 * console.log(libertyText().split('\n').length);
 */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { type ArcData, CELLS, CORNER, type CellData, type FlopData } from './cells.ts';
import { CORNERS, type Corner, cornerCells } from './corners.ts';

/** Load axis of every delay table (pF). */
const LOADS = [0.001, 0.01] as const;
const SLEWS = [CORNER.pointA.slewNs, CORNER.pointBSlewNs] as const;
/** Estimated output transition at the light point (ns); not read from the reference. */
const TRANSITION_A_EST = 0.05;
/** Output max_capacitance (pF): the read tables reach 0.11-0.24 pF; we allow the smaller. */
const MAX_CAP = 0.1;

const num = (x: number): string => {
  const s = x.toFixed(5).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
};
const pf = (fF: number): string => num(fF / 1000);

/** A 2x2 table constant along the slew axis and linear in load through (1 fF, a) and (loadB, b). */
function loadTable(kind: string, a: number, b: number, loadBfF: number, transition: boolean): string {
  const r = (b - a) / ((loadBfF - 1) / 1000); // ns per pF
  const at = (c: number): number => (transition ? TRANSITION_A_EST + 2 * r * (c - LOADS[0]) : a + r * (c - LOADS[0]));
  const row = `"${LOADS.map((c) => num(at(c))).join(', ')}"`;
  return `${kind} (delay_2x2) { values (${row}, ${row}) ; }`;
}

function constraintTable(kind: string, a: number, b: number): string {
  return `${kind} (constraint_2x2) { values ("${num(a)}, ${num(a)}", "${num(b)}, ${num(b)}") ; }`;
}

const scalar = (kind: string, v: number): string => `${kind} (scalar) { values ("${num(v)}") ; }`;

function arcTimings(a: ArcData, flop: boolean): string[] {
  return a.from.map((pin) => [
    'timing () {',
    `  related_pin : "${pin}" ;`,
    flop ? '  timing_type : rising_edge ;' : `  timing_sense : ${a.sense} ;`,
    `  ${loadTable('cell_rise', a.riseA, a.riseB, a.loadBfF, false)}`,
    `  ${loadTable('rise_transition', a.riseA, a.riseB, a.loadBfF, true)}`,
    `  ${loadTable('cell_fall', a.fallA, a.fallB, a.loadBfF, false)}`,
    `  ${loadTable('fall_transition', a.fallA, a.fallB, a.loadBfF, true)}`,
    '}',
  ].join('\n'));
}

function constraintTimings(f: FlopData): string[] {
  const t = (type: string, a: readonly [number, number], b: readonly [number, number]): string => [
    'timing () {',
    `  related_pin : "${f.clock}" ;`,
    `  timing_type : ${type} ;`,
    `  ${constraintTable('rise_constraint', a[0], b[0])}`,
    `  ${constraintTable('fall_constraint', a[1], b[1])}`,
    '}',
  ].join('\n');
  return [t('setup_rising', f.setupA, f.setupB), t('hold_rising', f.holdA, f.holdB)];
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

function pinGroup(name: string, body: string[]): string {
  return `pin (${name}) {\n${indent(body.join('\n'), '  ')}\n}`;
}

function cellText(c: CellData, corner: string = CORNER.name): string {
  if (c.name === 'CLKGATE') return clockGateText(c, corner);
  const body: string[] = [`/* from GF180MCU ${c.source} (${corner}) */`, `area : ${num(c.areaUm2)} ;`, `cell_leakage_power : ${num(c.leakageNw)} ;`];
  const f = c.flop;
  if (f) body.push(`ff (IQ, IQN) { next_state : "${f.data}" ; clocked_on : "${f.clock}" ;${f.clearN ? ` clear : "!${f.clearN}" ;` : ''} }`);
  for (const [pin, capfF] of Object.entries(c.inputs)) {
    const lines = ['direction : input ;', `capacitance : ${pf(capfF)} ;`];
    if (f && pin === f.clock) {
      lines.push('clock : true ;', `internal_power () { ${scalar('rise_power', f.clockEnergy[0])} ${scalar('fall_power', f.clockEnergy[1])} }`);
    } else if (f && pin === f.data) {
      lines.push(...constraintTimings(f));
    } else if (f && pin === f.clearN) {
      const rc = (type: string, v: number): string =>
        `timing () { related_pin : "${f.clock}" ; timing_type : ${type} ; ${scalar('rise_constraint', v)} }`;
      lines.push(rc('recovery_rising', f.recovery ?? 0), rc('removal_rising', f.removal ?? 0));
    }
    body.push(pinGroup(pin, lines));
  }
  const out = ['direction : output ;', `function : "${c.fn}" ;`];
  if (c.arcs.length) out.push(`max_capacitance : ${num(MAX_CAP)} ;`);
  for (const a of c.arcs) out.push(...arcTimings(a, f !== undefined));
  if (f?.clearN && f.clearFallA !== undefined && f.clearFallB !== undefined) {
    out.push([
      'timing () {',
      `  related_pin : "${f.clearN}" ;`,
      '  timing_sense : positive_unate ;',
      '  timing_type : clear ;',
      `  ${loadTable('cell_fall', f.clearFallA, f.clearFallB, 8.4, false)}`,
      `  ${loadTable('fall_transition', f.clearFallA, f.clearFallB, 8.4, true)}`,
      '}',
    ].join('\n'));
  }
  const related = f ? [f.clock] : Object.keys(c.inputs);
  for (const pin of related) {
    out.push(`internal_power () { related_pin : "${pin}" ; ${scalar('rise_power', c.energy[0])} ${scalar('fall_power', c.energy[1])} }`);
  }
  body.push(pinGroup(c.output, out));
  return `cell (${c.name}) {\n${indent(body.join('\n'), '  ')}\n}`;
}

/** The integrated clock-gating cell: a latch on E (transparent while CLK is low) and an AND with CLK. */
function clockGateText(c: CellData, corner: string): string {
  const f = c.flop!;
  const [setupRise, setupFall] = f.setupA;
  const a = c.arcs[0]!;
  const body = [
    `/* ${c.source} (${corner}) */`, `area : ${num(c.areaUm2)} ;`, `cell_leakage_power : ${num(c.leakageNw)} ;`,
    'clock_gating_integrated_cell : "latch_posedge" ;',
    'statetable ("CLK E", "IQ") { table : "L L : - : L, L H : - : H, H - : - : N" ; }',
    pinGroup('CLK', ['direction : input ;', `capacitance : ${pf(c.inputs.CLK!)} ;`, 'clock : true ;', 'clock_gate_clock_pin : true ;',
      `internal_power () { ${scalar('rise_power', f.clockEnergy[0])} ${scalar('fall_power', f.clockEnergy[1])} }`]),
    pinGroup('E', ['direction : input ;', `capacitance : ${pf(c.inputs.E!)} ;`, 'clock_gate_enable_pin : true ;',
      `timing () { related_pin : "CLK" ; timing_type : setup_rising ; ${scalar('rise_constraint', setupRise)} ${scalar('fall_constraint', setupFall)} }`,
      `timing () { related_pin : "CLK" ; timing_type : hold_rising ; ${scalar('rise_constraint', f.holdA[0])} ${scalar('fall_constraint', f.holdA[1])} }`]),
    pinGroup('GCLK', ['direction : output ;', 'state_function : "CLK & IQ" ;', 'clock_gate_out_pin : true ;', `max_capacitance : ${num(MAX_CAP)} ;`,
      ...arcTimings({ ...a, sense: 'positive_unate' }, false),
      `internal_power () { related_pin : "CLK" ; ${scalar('rise_power', c.energy[0])} ${scalar('fall_power', c.energy[1])} }`]),
  ];
  return `cell (${c.name}) {\n${indent(body.join('\n'), '  ')}\n}`;
}

const HEADER = `/*
 * meram180: the 180 nm-style standard-cell library of meram-hdl (drive strength 1 only).
 * Generated by constraints/liberty-writer.ts from constraints/cells.ts. Do not edit: edit cells.ts and regenerate.
 *
 * Origin: our own file, written from numbers read out of the public GlobalFoundries GF180MCU 7-track 5 V library
 * (gf180mcu_fd_sc_mcu7t5v0, Apache-2.0, corner tt_025C_5v00: typical process, 5.0 V, 25 C); see
 * ../shared/reference/cells-180nm.md. Only numbers were taken; names, structure and table model are ours.
 *
 * Corner: TT, 5.0 V, 25 C. It is the corner at which every figure (areas, pin capacitances, delays at two table
 * points, internal energies, leakage, flip-flop setup/hold/recovery/removal) was read. GF180MCU's 5 V thick-oxide
 * devices (L 0.6/0.5 um) are slower and far less leaky than classic 1.8 V thin-oxide 180 nm (OSU018 is 3-7x faster).
 *
 * Values: areas um^2 (= LEF width x 3.92 um row); capacitance pF; delay ns; internal energy pJ per output (or clock)
 * transition, excluding the load's C*V^2; leakage nW. Delays are the worst over the input pins.
 * Table model: delay = d(1 fF) + R*(C - 1 fF), R fitted through the two read points (0.02 ns, 1 fF) and
 * (0.1439 ns, ~8 fF), constant along the slew axis. ESTIMATED, not read: output transitions (0.05 ns + 2*R*(C - 1 fF)),
 * max_capacitance 0.1 pF, the MUX2 data-pin load slope (taken from its select pin).
 *
 * Resets: DFFRN has an asynchronous active-low clear (RN). meram-hdl emits active-high resets; Yosys dfflibmap maps
 * them onto DFFRN with an INV on the reset net. Synchronous resets become logic in front of DFF.
 */`;

/**
 * The complete Liberty text of meram180: the committed 5 V library by default, or a corner's library (its scaled
 * cells plus the clock-gating cell, see `corners.ts`).
 */
export function libertyText(corner?: Corner): string {
  const cells = corner ? cornerCells(corner) : CELLS;
  const op = corner ?? { name: CORNER.name, voltage: CORNER.voltage, temperatureC: CORNER.temperatureC };
  const header = corner ? `${HEADER}\n/* CORNER ${corner.name}: cells scaled from the 5 V records by constraints/corners.ts (per-cell factors read from GF180MCU ${corner.name}; entries marked est were not read). */` : HEADER;
  const lib = [
    'delay_model : table_lookup ;',
    'technology (cmos) ;',
    'revision : 1.0 ;',
    'date : "generated" ;',
    'time_unit : "1ns" ;',
    'voltage_unit : "1V" ;',
    'current_unit : "1mA" ;',
    'pulling_resistance_unit : "1kohm" ;',
    'leakage_power_unit : "1nW" ;',
    'capacitive_load_unit (1, pf) ;',
    'nom_process : 1 ;',
    `nom_voltage : ${num(op.voltage)} ;`,
    `nom_temperature : ${num(op.temperatureC)} ;`,
    `operating_conditions (${op.name}) { process : 1 ; voltage : ${num(op.voltage)} ; temperature : ${num(op.temperatureC)} ; }`,
    `default_operating_conditions : ${op.name} ;`,
    'input_threshold_pct_rise : 50 ;', 'input_threshold_pct_fall : 50 ;',
    'output_threshold_pct_rise : 50 ;', 'output_threshold_pct_fall : 50 ;',
    'slew_lower_threshold_pct_rise : 30 ;', 'slew_upper_threshold_pct_rise : 70 ;',
    'slew_lower_threshold_pct_fall : 30 ;', 'slew_upper_threshold_pct_fall : 70 ;',
    'slew_derate_from_library : 0.5 ;',
    'default_cell_leakage_power : 0 ;',
    'default_fanout_load : 1 ;',
    'default_input_pin_cap : 0.004 ;',
    'default_output_pin_cap : 0 ;',
    'default_inout_pin_cap : 0.004 ;',
    'default_max_transition : 4 ;',
    `lu_table_template (delay_2x2) { variable_1 : input_net_transition ; variable_2 : total_output_net_capacitance ; index_1 ("${SLEWS.map(num).join(', ')}") ; index_2 ("${LOADS.map(num).join(', ')}") ; }`,
    `lu_table_template (constraint_2x2) { variable_1 : constrained_pin_transition ; variable_2 : related_pin_transition ; index_1 ("${SLEWS.map(num).join(', ')}") ; index_2 ("${SLEWS.map(num).join(', ')}") ; }`,
    ...cells.map((c) => cellText(c, op.name)),
  ];
  return `${header}\nlibrary (meram180) {\n${indent(lib.join('\n'), '  ')}\n}\n`;
}

/** Path of the committed Liberty file. */
export const MERAM180_LIB = fileURLToPath(new URL('./meram180.lib', import.meta.url));

/** Path of a corner's committed Liberty file. */
export function cornerLibraryPath(corner: Corner): string {
  return fileURLToPath(new URL(`./${corner.file}`, import.meta.url));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileAtomic(MERAM180_LIB, libertyText());
  console.log(`wrote ${MERAM180_LIB}`);
  for (const c of CORNERS) {
    writeFileAtomic(cornerLibraryPath(c), libertyText(c));
    console.log(`wrote ${cornerLibraryPath(c)}`);
  }
}
