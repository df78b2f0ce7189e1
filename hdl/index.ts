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
export * from './core/enum.ts';
export * from './core/interface.ts';
export * from './core/params.ts';
export * from './core/value.ts';
export * from './core/module.ts';
export * from './core/evaluate.ts';
export * from './core/errors.ts';
export { MemoryFileError, readMemoryFile } from './core/memory-file.ts';
export { elaborate, type Design, type ElaborateOptions } from './ir/elaborate.ts';
export type { Cell, FlatDesign, FlatDomain, IrDriver, IrMemory, IrReadPort, IrRule, IrSignal, IrStmt, IrWritePort, Net, NetlistModule } from './ir/netlist.ts';
export { OPS, evalOp, type OpSpec } from './ir/ops.ts';
export { type SourceLoc, formatLoc } from './core/source-loc.ts';
export { writeFileAtomic } from '../common/atomic-write.ts';
export { isVerilogKeyword, type Rename } from './core/names.ts';
export { emitVerilog, writeVerilog, type EmitOptions, type VerilogOutput } from './backend/verilog.ts';
export { Layout, LayoutError, type FieldLayout, type ViewOf, type InitOf, type DecodedOf } from './core/layout.ts';
export * from './core/struct.ts';
export * from './core/vec.ts';
export { lvalueOf, type LValue } from './core/lvalue.ts';
