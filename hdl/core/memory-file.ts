/**
 * Memory contents from a `$readmemh`-style text file: hexadecimal words separated by white space, `//` and `/* *\/`
 * comments, `_` inside a word, and `@addr` (hexadecimal) to move to an address. Words not listed are 0. The words
 * become the memory's `init`, which the Verilog printer writes out in an `initial` block (the emitted Verilog does
 * not depend on the file).
 */
import fs from 'node:fs';
import { HdlError } from './errors.ts';
import type { SourceLoc } from './source-loc.ts';
import type { Shape } from './shape.ts';

/** A memory file is missing, unreadable or malformed; names the file, the line in it and the user's line. */
export class MemoryFileError extends HdlError {}

/**
 * Reads `file` for a memory of `depth` words of `shape` (a word is its bit pattern; signed shapes read it as two's
 * complement). Throws {@link MemoryFileError} naming the file line and `loc`.
 * @example const words = readMemoryFile('tables/sine.hex', 256, { width: 16, signed: false });
 */
export function readMemoryFile(file: string, depth: number, shape: Shape, loc?: SourceLoc): bigint[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new MemoryFileError(`memory file '${file}' cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [loc]);
  }
  const words: bigint[] = new Array<bigint>(depth).fill(0n);
  let at = 0;
  // Comments become blanks of the same length, so line numbers stay right.
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
  clean.split('\n').forEach((line, k) => {
    const where = `memory file '${file}' line ${k + 1}`;
    for (const tok of line.split(/\s+/).filter(Boolean)) {
      if (tok.startsWith('@')) {
        if (!/^@[0-9a-fA-F_]+$/.test(tok)) throw new MemoryFileError(`${where}: '${tok}' is not an address (@ and hexadecimal digits)`, [loc]);
        at = parseInt(tok.slice(1).replace(/_/g, ''), 16);
        continue;
      }
      if (!/^[0-9a-fA-F][0-9a-fA-F_]*$/.test(tok)) throw new MemoryFileError(`${where}: '${tok}' is not a hexadecimal word`, [loc]);
      if (at >= depth) throw new MemoryFileError(`${where}: word ${at} is past the depth ${depth}`, [loc]);
      const v = BigInt(`0x${tok.replace(/_/g, '')}`);
      if (v >> BigInt(shape.width)) throw new MemoryFileError(`${where}: '${tok}' does not fit ${shape.width} bits`, [loc]);
      words[at++] = shape.signed ? BigInt.asIntN(shape.width, v) : v;
    }
  });
  return words;
}
