/**
 * Designs using structs, Vecs and partial assignments, shared by the language tests (`hdl/test/data.test.ts`) and the
 * lockstep tests (`verif/lockstep/test/data.test.ts`), with a bigint model of each.
 */
import { defineEnum } from '../../core/enum.ts';
import { Module } from '../../core/module.ts';
import { signed } from '../../core/shape.ts';
import { defineStruct } from '../../core/struct.ts';
import { cat } from '../../core/value.ts';
import { Vec } from '../../core/vec.ts';
import { RegisterFifo } from '../../lib/register-fifo.ts';

export const Kind = defineEnum('kind', ['NOP', 'ADD', 'SET'] as const);
/** 12 bits: valid [0], kind [2:1], value [8:3] (signed), tag [11:9]. */
export const Entry = defineStruct('entry', { valid: 1, kind: Kind, value: signed(6), tag: 3 });
export const Regs = Vec(4, Entry);
/** Five elements, so a 3-bit index can point past the end. */
export const Odd = Vec(5, 4, { name: 'odd' });

/**
 * A register file of struct entries: dynamic-index writes of a whole entry and of one field, a constant-index field
 * update, dynamic reads of fields, a Vec of five read and written past its end, and combinational partial assignments.
 */
export function dataRegs(): Module {
  const m = new Module('data_regs');
  const we = m.input('we', 1);
  const waddr = m.input('waddr', 2);
  const wkind = m.input('wkind', Kind);
  const wvalue = m.input('wvalue', signed(6));
  const raddr = m.input('raddr', 2);
  const clr = m.input('clr', 1);
  const oi = m.input('oi', 3);
  const od = m.input('od', 4);
  const rvalue = m.output('rvalue', signed(6));
  const rkind = m.output('rkind', Kind);
  const flags = m.output('flags', 8, { reset: 0xa0 });
  const oq = m.output('oq', 4);
  const regs = Regs.signal(m, 'regs');
  const odd = Odd.signal(m, 'odd');

  m.If(we, () => m.sync(regs.at(waddr), Entry.pack({ valid: 1, kind: wkind, value: wvalue, tag: waddr })));
  m.If(clr, () => m.sync(regs.at(raddr).fields.valid, 0));
  m.sync(regs.at(0).fields.tag, regs.at(0).fields.tag.add(1).trunc(3));
  m.sync(odd.at(oi), od);

  const r = regs.at(raddr);
  m.comb(rvalue, r.fields.value);
  m.comb(rkind, r.fields.kind);
  m.comb(flags.bits(3, 0), cat(...regs.elements().map((e) => e.fields.valid).reverse()));
  m.If(clr, () => m.comb(flags.bit(7), 0));
  m.comb(oq, odd.at(oi));
  return m;
}

/** Inputs of {@link dataRegs} in one cycle. */
export interface DataRegsIn { we: bigint; waddr: bigint; wkind: bigint; wvalue: bigint; raddr: bigint; clr: bigint; oi: bigint; od: bigint }

/** A bigint model of {@link dataRegs}: `outputs` before the edge, `step` at it. */
export class DataRegsModel {
  regs = [0n, 0n, 0n, 0n].map(() => ({ valid: 0n, kind: 0n, value: 0n, tag: 0n }));
  odd = [0n, 0n, 0n, 0n, 0n];

  outputs(i: DataRegsIn): { rvalue: bigint; rkind: bigint; flags: bigint; oq: bigint } {
    const r = this.regs[Number(i.raddr)]!;
    const valid = this.regs.reduce((acc, e, k) => acc | (e.valid << BigInt(k)), 0n);
    const flags = (i.clr ? 0x20n : 0xa0n) | valid;
    return { rvalue: r.value, rkind: r.kind, flags, oq: i.oi < 5n ? this.odd[Number(i.oi)]! : 0n };
  }

  step(i: DataRegsIn): void {
    const next = this.regs.map((e) => ({ ...e }));
    if (i.we) next[Number(i.waddr)] = { valid: 1n, kind: i.wkind, value: i.wvalue, tag: i.waddr };
    if (i.clr) next[Number(i.raddr)]!.valid = 0n;
    next[0]!.tag = (this.regs[0]!.tag + 1n) & 7n; // reads the register before the edge
    this.regs = next;
    if (i.oi < 5n) this.odd[Number(i.oi)] = i.od;
  }
}

/** A FIFO of three struct entries: fields packed on the way in, read through a view on the way out. */
export function fifoTop(): Module {
  const m = new Module('fifo_top');
  const wen = m.input('wen', 1);
  const ren = m.input('ren', 1);
  const wvalue = m.input('wvalue', signed(6));
  const wtag = m.input('wtag', 3);
  const value = m.output('value', signed(6));
  const tag = m.output('tag', 3);
  const empty = m.output('empty', 1);
  const full = m.output('full', 1);
  const f = m.submodule('u_fifo', RegisterFifo({ width: Entry.width, depth: 3 }), { wen, ren, wdata: Entry.pack({ valid: 1, value: wvalue, tag: wtag }) });
  const head = Entry.view(f.q!);
  m.comb(value, head.fields.value);
  m.comb(tag, head.fields.tag);
  m.comb(empty, f.empty!);
  m.comb(full, f.full!);
  return m;
}
