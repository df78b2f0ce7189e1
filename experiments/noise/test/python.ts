/** Test helper: Debian's /usr/bin/python3 with numpy (and torch for the model tests), or a clear failure (no skip). */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** Throws a message naming the missing Debian packages when `modules` cannot be imported by /usr/bin/python3. */
export function requirePython(modules: readonly string[]): void {
  const r = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${PYTHON} cannot import ${modules.join(', ')}: install python3-torch python3-numpy python3-scipy python3-sklearn (scripts/ensure-tools.sh)\n${r.stderr ?? r.error?.message ?? ''}`);
  }
}

/** Runs a Python snippet and returns its stdout (throws with stderr on failure). */
export function python(code: string, args: readonly string[] = []): string {
  const r = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
