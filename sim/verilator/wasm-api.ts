/**
 * Types of the few WebAssembly JS API members the backend uses. The project's TypeScript libraries (ES2022 + Node
 * types, no DOM) do not declare the `WebAssembly` global, so it is typed here and read from `globalThis`.
 */

/** A WebAssembly linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** A compiled module (opaque). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

/** An import or export descriptor. */
export interface WasmDescriptor {
  readonly module?: string;
  readonly name: string;
  readonly kind: string;
}

/** Import object: module name -> name -> value. */
export type WasmImports = Record<string, Record<string, unknown>>;

/** An instantiated module. */
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: WasmImports): Promise<WasmInstance>;
  Module: { imports(module: WasmModule): WasmDescriptor[]; exports(module: WasmModule): WasmDescriptor[] };
  RuntimeError: new (message?: string) => Error;
}

/** The global `WebAssembly` object (Node.js and browsers). */
export const wasmApi: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
