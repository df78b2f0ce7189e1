/** A position in a user's source file, and its one printed form. */

/** A position in a user's source file. `file` is relative to the working directory where possible. */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * `file.ts:12:5`
 *
 * @example
 * formatLoc({ file: 'top.ts', line: 12, column: 5 }); // 'top.ts:12:5'
 */
export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}
