/**
 * Parameters of generated modules (`defineModule`): scalars, and arrays and records of them (FIR coefficients, a
 * table of widths). Two parameter sets that are equal by value build one module; the name shows scalars as they are
 * (`counter_width8`) and composite values by a short hash of their canonical text (`fir_coeffs1967bc98`).
 */
import { HdlError } from './errors.ts';
import { CallSite } from './source-loc.ts';

/** A parameter value: a scalar, or an array or a record of parameter values. */
export type ParamValue = string | number | boolean | bigint | undefined | readonly ParamValue[] | { readonly [key: string]: ParamValue };

/**
 * The canonical text of a parameter value: equal values give equal texts (record keys sorted, `undefined` fields
 * dropped), different values different texts (strings quoted, bigints marked).
 * @example canonicalParam({ b: [1, 2], a: 3n }) // '{a:3n,b:[1,2]}'
 */
export function canonicalParam(v: ParamValue, where = 'parameter'): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${(v as readonly ParamValue[]).map((x, i) => canonicalParam(x, `${where}[${i}]`)).join(',')}]`;
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    const rec = v as { readonly [key: string]: ParamValue };
    return `{${Object.keys(rec).filter((k) => rec[k] !== undefined).sort().map((k) => `${k}:${canonicalParam(rec[k], `${where}.${k}`)}`).join(',')}}`;
  }
  throw new HdlError(`${where} must be a string, number, boolean, bigint, or an array or plain record of those`, [new CallSite().loc]);
}

/** 32-bit FNV-1a of a text, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The module-name part of one parameter: `_width8`, or `_coeffs<hash>` for arrays and records. */
export function paramSuffix(key: string, v: ParamValue): string {
  if (typeof v === 'object' && v !== null) return `_${key}${fnv1a(canonicalParam(v))}`;
  return `_${key}${String(v).replace(/[^A-Za-z0-9]/g, (c) => (c === '-' ? 'm' : c === '.' ? 'p' : '_'))}`;
}

/** A parameter as the Verilog header comment shows it. */
export function formatParam(v: unknown): string {
  return typeof v === 'object' && v !== null ? canonicalParam(v as ParamValue) : String(v);
}
