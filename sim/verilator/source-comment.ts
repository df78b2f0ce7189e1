/**
 * Maps a line of emitted Verilog back to the HDL source line: the emitter writes `// file.ts:line` comments above
 * statements, and a Verilator message names a Verilog `file.v:line`.
 */
import type { SourceLoc } from '../../hdl/core/source-loc.ts';

/** A position in a Verilog file, as a tool reported it. */
export interface VerilogLoc {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

const commentRe = /\/\/\s*([^\s:]+\.[cm]?ts):(\d+)(?::(\d+))?/;

/**
 * Finds the nearest `// <file>.ts:<line>[:<col>]` comment on or above `line` (1-based) of `verilog`.
 *
 * @example
 * findSourceComment('// counter.ts:12\nassign y = a + b;\n', 2); // { file: 'counter.ts', line: 12, column: 1 }
 */
export function findSourceComment(verilog: string, line: number): SourceLoc | undefined {
  const lines = verilog.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = commentRe.exec(lines[i]!);
    if (m) return { file: m[1]!, line: Number(m[2]), column: m[3] ? Number(m[3]) : 1 };
  }
  return undefined;
}

const toolLocRe = /([\w./-]+\.s?v):(\d+)(?::(\d+))?/g;

/**
 * Lists the distinct `file.v:line[:col]` locations a tool's output names, in order of appearance.
 *
 * @example
 * verilogLocsIn('%Error: top.v:7:3: syntax error'); // [{ file: 'top.v', line: 7, column: 3 }]
 */
export function verilogLocsIn(output: string): VerilogLoc[] {
  const seen = new Set<string>();
  const locs: VerilogLoc[] = [];
  for (const m of output.matchAll(toolLocRe)) {
    const key = `${m[1]}:${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    locs.push(m[3] ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : { file: m[1]!, line: Number(m[2]) });
  }
  return locs;
}

/**
 * Maps tool locations to HDL source locations through the `// file.ts:line` comments of the named Verilog files.
 * `files` maps Verilog file names to their text; locations in unknown files or without a comment are skipped.
 *
 * @example
 * hdlLocsFor([{ file: 'top.v', line: 2 }], { 'top.v': '// a.ts:3\nwire x;\n' }); // [{ file: 'a.ts', line: 3, column: 1 }]
 */
export function hdlLocsFor(locs: readonly VerilogLoc[], files: Readonly<Record<string, string>>): SourceLoc[] {
  const out: SourceLoc[] = [];
  for (const loc of locs) {
    const text = files[loc.file] ?? files[loc.file.split('/').pop()!];
    const src = text === undefined ? undefined : findSourceComment(text, loc.line);
    if (src && !out.some((o) => o.file === src.file && o.line === src.line)) out.push(src);
  }
  return out;
}
