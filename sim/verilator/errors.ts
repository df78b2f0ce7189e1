/** Typed errors of the Verilator backends. Tool failures keep the tool's own message and the locations it names. */
import { MeramError, ToolError } from '../../common/errors.ts';
import { hdlLocsFor, verilogLocsIn, type VerilogLoc } from './source-comment.ts';

/** The `verilator` executable was not found (or not runnable). */
export class VerilatorNotFoundError extends ToolError {
  readonly binary: string;
  constructor(binary: string, detail = '') {
    super('verilator', `'${binary}' not found${detail ? ` (${detail})` : ''}. Install it with: apt-get install -y verilator`);
    this.binary = binary;
  }
}

/** No C++ compiler (clang++ or g++) or `make` for native Verilator builds. */
export class NativeCompilerNotFoundError extends ToolError {
  constructor(what: string) {
    super('c++', `${what} not found. Install it with: apt-get install -y g++ make (or clang), or use the WebAssembly backend`);
  }
}

/**
 * Verilator or a C++ compiler failed. `output` is the tool's message; `verilogLocs` are the `file.v:line` places it
 * names and `locs` (from {@link MeramError}) the HDL source lines found through the emitter's `// file.ts:line` comments.
 */
export class ToolFailedError extends ToolError {
  readonly output: string;
  readonly verilogLocs: readonly VerilogLoc[];
  constructor(tool: string, output: string, files: Readonly<Record<string, string>> = {}) {
    const verilogLocs = verilogLocsIn(output);
    super(tool, `failed:\n${trimOutput(output)}`, hdlLocsFor(verilogLocs, files));
    this.output = output;
    this.verilogLocs = verilogLocs;
  }
}

/** Verilator rejected the design (syntax, elaboration or lint errors). */
export class VerilatorFailedError extends ToolFailedError {
  constructor(output: string, files: Readonly<Record<string, string>>) {
    super('verilator', output, files);
  }
}

/** Compiling or linking the Verilated C++ failed (clang++ for WebAssembly, or the native make/compiler run). */
export class CompileFailedError extends ToolFailedError {}

/** The port list given does not match the ports Verilator found in the top module. */
export class PortSpecError extends MeramError {}

/** A value does not fit the port, a port name is unknown, or a port is used the wrong way. */
export class PortUsageError extends MeramError {}

/** The running model failed: the native process died, the WebAssembly code trapped, or the model was disposed. */
export class SimulationError extends MeramError {}

function trimOutput(output: string): string {
  const lines = output.trim().split('\n');
  return lines.length > 40 ? [...lines.slice(0, 40), `... (${lines.length - 40} more lines)`].join('\n') : lines.join('\n');
}
