/**
 * meram-hdl's embedded hardware description language: the public API.
 * @example
 * import { Module, elaborate, emitVerilog } from './hdl/index.ts';
 * const m = new Module('blink');
 * const led = m.output('led', 1);
 * m.sync(led, led.not());
 * console.log(emitVerilog(elaborate(m)).combined);
 */
export * from './core/shape.ts';
export * from './core/value.ts';
export * from './core/module.ts';
export * from './core/evaluate.ts';
export * from './core/errors.ts';
export { elaborate, type Design, type NetlistModule, type ElaborateOptions } from './core/netlist.ts';
export { flatten, type FlatDesign, type FlatDomain, type FlatMemory, type Driver } from './core/flatten.ts';
export type { Rule } from './core/lower.ts';
export { type SourceLoc, formatLoc } from './core/source-loc.ts';
export { writeFileAtomic } from '../common/atomic-write.ts';
export { isVerilogKeyword, type Rename } from './core/names.ts';
export { emitVerilog, writeVerilog, type EmitOptions, type VerilogOutput } from './backend/verilog.ts';
