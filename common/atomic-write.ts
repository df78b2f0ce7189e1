/** Atomic file output: a file is either absent, the old version, or the complete new version; never half-written. */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename, creating folders as needed.
 *
 * @example
 * writeFileAtomic('build/top.v', verilogText);
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
