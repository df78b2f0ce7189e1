/**
 * Source locations of the user's code, taken from the call stack when an HDL node is created.
 * Frames inside meram-hdl's own language and backend folders are skipped, so the location is the user's call site.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { formatLoc, type SourceLoc } from '../../common/source-loc.ts';

export { formatLoc, type SourceLoc };

const here = path.dirname(fileURLToPath(import.meta.url));
/** Folders whose frames are ours, not the user's. */
const internalDirs = [here, path.resolve(here, '../ir'), path.resolve(here, '../backend'), path.resolve(here, '../../sim')];
const extraInternal: string[] = [];

/**
 * Marks a folder as library code: frames from it are skipped when locating the user's call site.
 * Libraries built on the HDL (e.g. a standard-library generator) may register themselves so that errors point at
 * the line that called the library. Keep this for code whose callers are the right place to report.
 */
export function registerInternalDir(dir: string): void {
  extraInternal.push(path.resolve(dir));
}

const frameRe = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

function isInternal(file: string): boolean {
  if (file.startsWith('node:') || file.includes('/node_modules/')) return true;
  if (file.endsWith('.test.ts')) return false; // a test is a user of the library, wherever it lives
  return internalDirs.some((d) => file.startsWith(d + path.sep)) || extraInternal.some((d) => file.startsWith(d + path.sep));
}

/**
 * Where an HDL node was created. Capturing a V8 stack is cheap; formatting it is not, so the location is parsed only
 * when somebody asks for it (an error message, an emitted comment).
 */
export class CallSite {
  private readonly holder: { stack?: string } = {};
  private resolved: SourceLoc | undefined | null = null;
  constructor() {
    const saved = Error.stackTraceLimit;
    Error.stackTraceLimit = 16;
    Error.captureStackTrace(this.holder, CallSite);
    Error.stackTraceLimit = saved;
  }
  /** The user's source location, or undefined when the call came from library code only. */
  get loc(): SourceLoc | undefined {
    if (this.resolved === null) this.resolved = firstUserFrame(this.holder.stack ?? '');
    return this.resolved;
  }
}

/** Returns the first stack frame outside meram-hdl's language code, or undefined when none is found. */
export function callerLoc(): SourceLoc | undefined {
  return new CallSite().loc;
}

function firstUserFrame(stack: string): SourceLoc | undefined {
  for (const raw of stack.split('\n').slice(1)) {
    const m = frameRe.exec(raw.trim());
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (isInternal(file)) continue;
    const rel = path.relative(process.cwd(), file);
    return { file: rel.startsWith('..') ? file : rel, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

