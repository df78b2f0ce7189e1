/**
 * Loads a user's design file: a `.ts` (or `.js`) module that exports a `Module` or a generator function returning
 * one. TypeScript files are run through tsx, which the `meram-hdl` shim registers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MeramError } from '../common/errors.ts';
import { Module } from '../hdl/core/module.ts';
import { elaborate, type Design } from '../hdl/ir/elaborate.ts';
import { DesignFileError, UsageError } from './errors.ts';

/** The exports of a user's file. */
export type FileExports = Readonly<Record<string, unknown>>;

/**
 * Imports a user's file. An error thrown while it runs names the file and line (a meram-hdl error keeps its own
 * message and locations).
 *
 * @example
 * const mod = await importUserFile('verb', 'my-design.ts');
 */
export async function importUserFile(verb: string, file: string): Promise<FileExports> {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UsageError(verb, `no such file '${file}'`);
  try {
    return (await import(pathToFileURL(abs).href)) as FileExports;
  } catch (e) {
    throw asUserError(e, abs);
  }
}

/** Converts an error thrown by the user's own code into a one-line {@link DesignFileError} naming their line. */
export function asUserError(e: unknown, abs: string): unknown {
  if (e instanceof MeramError) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  if (/require\(\) ES Module|Cannot use import statement outside a module/.test(err.message)) {
    return new DesignFileError(`${path.relative(process.cwd(), abs) || abs} was loaded as CommonJS: put it in a folder whose package.json has "type": "module" (as the meram-hdl checkout does), or name it .mts`);
  }
  // esbuild (through tsx) reports a file it cannot compile as 'Transform failed ...' with `file:line:col: ERROR: msg`.
  const compile = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m.exec(err.message);
  if (compile) {
    return new DesignFileError(`cannot compile ${path.relative(process.cwd(), compile[1]!) || compile[1]}: ${compile[4]}`, [{ file: path.relative(process.cwd(), compile[1]!), line: Number(compile[2]), column: Number(compile[3]) + 1 }]);
  }
  const loc = userFrame(err.stack ?? '', abs);
  return new DesignFileError(`${path.relative(process.cwd(), abs) || abs}: ${err.name}: ${err.message.split('\n')[0]}`, loc ? [loc] : []);
}

function userFrame(stack: string, abs: string): { file: string; line: number; column: number } | undefined {
  const href = pathToFileURL(abs).href;
  for (const raw of stack.split('\n')) {
    const m = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/.exec(raw.trim());
    if (m && (m[1] === abs || m[1] === href)) return { file: path.relative(process.cwd(), abs), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/**
 * Picks the design export: `top` by name, else `default`, else the only export that is a Module or a function.
 *
 * @example
 * const m = await designFromExports('verilog', mod, 'file.ts', { top: 'counter', params: { width: 8 } });
 */
export async function designFromExports(verb: string, mod: FileExports, file: string, opts: { top?: string | undefined; params?: Record<string, unknown> } = {}): Promise<Module> {
  let name = opts.top;
  if (name === undefined) {
    if ('default' in mod && mod.default !== undefined) name = 'default';
    else {
      const candidates = Object.entries(mod).filter(([, v]) => v instanceof Module || typeof v === 'function').map(([k]) => k);
      if (candidates.length !== 1) {
        throw new DesignFileError(candidates.length === 0
          ? `${file} exports no Module or generator function (export one, e.g. 'export default new Module(...)')`
          : `${file} exports several designs (${candidates.join(', ')}): choose one with --top`);
      }
      name = candidates[0]!;
    }
  }
  if (!(name in mod)) throw new UsageError(verb, `${file} has no export '${name}' (exports: ${Object.keys(mod).join(', ') || 'none'})`);
  const value = mod[name];
  let built: unknown = value;
  if (typeof value === 'function' && !(value instanceof Module)) {
    try {
      built = await (value as (p: Record<string, unknown>) => unknown)(opts.params ?? {});
    } catch (e) {
      throw asUserError(e, path.resolve(file));
    }
  } else if (opts.params && Object.keys(opts.params).length) {
    throw new UsageError(verb, `--param given, but export '${name}' of ${file} is a Module, not a generator function`);
  }
  if (!(built instanceof Module)) throw new DesignFileError(`export '${name}' of ${file} ${typeof value === 'function' ? 'returned' : 'is'} ${describe(built)}, not a Module`);
  return built;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof v}`;
}

/**
 * Loads and elaborates the design of a user's file in one step.
 *
 * @example
 * const { design } = await loadDesign('verilog', 'counter.ts', { params: { width: 8 } });
 */
export async function loadDesign(verb: string, file: string, opts: { top?: string | undefined; params?: Record<string, unknown> } = {}): Promise<{ module: Module; design: Design }> {
  const mod = await importUserFile(verb, file);
  const module = await designFromExports(verb, mod, file, opts);
  return { module, design: elaborate(module) };
}
