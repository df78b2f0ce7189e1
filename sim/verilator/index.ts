/**
 * Verilator backends of meram-hdl: native (`verilator --build`, driven over pipes) and WebAssembly (Verilator's C++
 * compiled by @yowasp/clang, loaded through a small WASI shim), both behind {@link CycleModel}.
 *
 * @example
 * import { buildWasm, buildNative, nativeCompilerAvailable } from './sim/verilator/index.ts';
 * const model = await (nativeCompilerAvailable() ? buildNative(design) : buildWasm(design));
 * const traces = model.runBatch({ clock: 'clk', cycles: 1000, record: ['q'] });
 * model.dispose();
 */
export type { BatchInput, BatchOptions, BuildInfo, CycleModel, PortSpec, VerilatorDesign } from './types.ts';
export { PortTable, PortTrace, wordsFor } from './ports.ts';
export { buildNative, NativeModel, type BuildOptions, type NativeBuildOptions } from './native.ts';
export { buildWasm, WasmModel, type WasmBuildOptions } from './wasm.ts';
export { DEFAULT_WASM_FLAGS, prefetchClang } from './wasm-compile.ts';
export { WasiExit, WasiShim, type WasiShimOptions } from './wasi-shim.ts';
export { BuildCache, contentKey, resolveCacheDir } from './cache.ts';
export { nativeCompiler, nativeCompilerAvailable, verilatorAvailable, verilatorInfo, type VerilatorInfo } from './tools.ts';
export { findSourceComment, hdlLocsFor, verilogLocsIn, type VerilogLoc } from './source-comment.ts';
export {
  CompileFailedError, NativeCompilerNotFoundError, PortSpecError, PortUsageError, SimulationError, ToolFailedError,
  VerilatorFailedError, VerilatorNotFoundError,
} from './errors.ts';
