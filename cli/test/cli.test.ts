/**
 * The `meram-hdl` command end to end, through the installed shim (cli/bin.mjs), on a small user design written to a
 * temporary folder: emit, lint, simulate with VCD + FST, synthesize with the hand-off read back by Verilator, Icarus,
 * OpenSTA and a YAML parser, the flow and its HTML report checked in headless Chromium; usage and design errors.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { haveCommand } from '../../sim/tools/run-tool.ts';
import { runCli } from '../main.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'cli', 'bin.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-cli-'));

function cli(args: string[], cwd = tmp): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The same command line in this process (fast: no tsx start-up), with what it printed. */
async function inProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  const cwd = process.cwd();
  try {
    process.chdir(tmp);
    return { code: await runCli(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.chdir(cwd);
    log.mockRestore();
    error.mockRestore();
  }
}

const DESIGN = `import { Module } from '${root}/hdl/index.ts';

/** An up-counter that starts when 'en' is first seen. */
export default function counter(p: { width?: number }): Module {
  const width = p.width ?? 8;
  const m = new Module('counter');
  const en = m.input('en', 1);
  const count = m.output('count', width);
  const fsm = m.fsm('ctl', ['IDLE', 'RUN']);
  fsm.state('IDLE', () => m.If(en, () => fsm.next('RUN')));
  fsm.state('RUN', () => m.sync(count, count.add(1).trunc(width)));
  return m;
}
`;
const TB = `import type { ProcessContext } from '${root}/sim/index.ts';
export { default as design } from './counter.ts';
export async function testbench(ctx: ProcessContext): Promise<void> {
  ctx.set('en', 1);
  await ctx.until(() => ctx.get('count') === 5n);
  if (ctx.stateName('ctl_state') !== 'RUN') throw new Error('the FSM should be running');
}
`;
const FAILING_TB = TB.replace("=== 5n);", "=== 5n);\n  if (ctx.get('count') !== 6n) throw new Error('count is not 6');");
const BAD = `import { Module } from '${root}/hdl/index.ts';
const m = new Module('bad');
const q = m.output('q', 4);
m.sync(q, q.add(1));
export default m;
`;

beforeAll(() => {
  fs.writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  fs.writeFileSync(path.join(tmp, 'counter.ts'), DESIGN);
  fs.writeFileSync(path.join(tmp, 'counter.tb.ts'), TB);
  fs.writeFileSync(path.join(tmp, 'failing.tb.ts'), FAILING_TB);
  fs.writeFileSync(path.join(tmp, 'bad.ts'), BAD);
});

/** (time, value) of each change of the first VCD variable called `name`. */
function changes(vcd: string, name: string): [number, bigint][] {
  const id = new RegExp(`\\$var \\w+ +\\d+ (\\S+) ${name}\\b`).exec(vcd)![1]!;
  const out: [number, bigint][] = [];
  let t = 0;
  let last: bigint | undefined;
  for (const line of vcd.slice(vcd.indexOf('$enddefinitions')).split('\n')) {
    if (line.startsWith('#')) t = Number(line.slice(1));
    const m = /^b([01]+) (\S+)$/.exec(line.trim()) ?? /^([01])(\S+)$/.exec(line.trim());
    if (m && m[2] === id) {
      const v = BigInt(`0b${m[1]}`);
      if (v !== last) out.push([t, v]);
      last = v;
    }
  }
  return out;
}

const oneLine = (s: string): void => {
  expect(s.trim().split('\n')).toHaveLength(1);
  expect(s).not.toMatch(/^\s+at /m);
};

describe('usage and design errors', () => {
  it('gives exit code 2 and one line for usage errors', async () => {
    const real = cli(['verilog', 'counter.ts', '--nope']);
    expect(real.code).toBe(2);
    oneLine(real.err);
    for (const args of [['bogus'], ['verilog'], ['sim', 'counter.tb.ts', '--backend', 'spice'], ['verilog', 'missing.ts'], ['flow', '--samples', '10'], ['synth', 'counter.ts', '--period', '-1']]) {
      const r = await inProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      oneLine(r.err);
      expect(r.err).toMatch(/^error: .*\(see: meram-hdl .*--help\)$/);
    }
  });

  it('names the user file and line of a design error, without a stack (exit 3)', async () => {
    const r = cli(['verilog', 'bad.ts']);
    expect(r.code).toBe(3);
    oneLine(r.err);
    expect(r.err).toMatch(/bad\.ts:4:\d+/);
    expect(cli(['verilog', 'bad.ts', '--debug']).err).toMatch(/^\s+at /m);
    fs.writeFileSync(path.join(tmp, 'syntax.ts'), "export const x = (1 2);\n");
    fs.writeFileSync(path.join(tmp, 'throws.ts'), "export default function f(): never {\n  throw new TypeError('no such width');\n}\n");
    for (const [file, where] of [['syntax.ts', /cannot compile syntax\.ts: .*\(at syntax\.ts:1:\d+\)$/], ['throws.ts', /TypeError: no such width \(at throws\.ts:2:\d+\)$/]] as const) {
      const r = await inProcess(['verilog', file]);
      expect(r.code, file).toBe(3);
      oneLine(r.err);
      expect(r.err).toMatch(where);
    }
  });

  it('writes a noise bank with its side file; a missing option is a usage error', async () => {
    const missing = await inProcess(['noise', '--samples', '100', '--out', 'n.npy']);
    expect(missing.code).toBe(2);
    oneLine(missing.err);
    const r = await inProcess(['noise', '--arch', 'software', '--samples', '20000', '--seed', '3', '--out', 'n.npy', '--quiet']);
    expect(r.code, r.err).toBe(0);
    const npy = fs.readFileSync(path.join(tmp, 'n.npy'));
    expect(npy.subarray(1, 6).toString('latin1')).toBe('NUMPY');
    const side = JSON.parse(fs.readFileSync(path.join(tmp, 'n.json'), 'utf8')) as { samples: number; verdict: { passed: boolean } };
    expect(side.samples).toBe(20000);
    expect(side.verdict.passed).toBe(true);
  });

  it('prove: a broken controller fails with its counterexample replayed (exit 1); the good one is proven (exit 0)', async () => {
    const file = path.join(root, 'designs/meram/properties.ts');
    const p = ['--top', 'PulseControllerProof', ...['dacSettle=2', 'resetPulse=1', 'postPulseSettle=1', 'precharge=1', 'senseEnable=1', 'resetWrite=true', 'pulses=2'].flatMap((x) => ['--param', x])];
    const bad = await inProcess(['prove', file, ...p, '--param', 'broken=true', '--no-covers']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/assertions: FAILED: 'no_pulse_during_read' .* in cycle 9/);
    expect(bad.out).toMatch(/replayed: assert 'no_pulse_during_read' .* failed in cycle 9/);
    const good = await inProcess(['prove', file, ...p, '--depth', '30']);
    expect(good.code, good.err).toBe(0);
    expect(good.out).toMatch(/assertions: proven \(k-induction at length \d+\)/);
    expect(good.out).toMatch(/cover op_done: reached in cycle 10/);
  }, 120_000);

  it('prints help for every verb', async () => {
    const top = await inProcess(['--help']);
    expect(top.code).toBe(0);
    for (const v of ['verilog', 'lint', 'sim', 'synth', 'physics', 'noise', 'prove', 'flow', 'report']) {
      expect(top.out).toContain(`  ${v} `);
      const r = await inProcess([v, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^usage: meram-hdl ${v}`));
    }
  });
});

describe('verbs on a user design', () => {
  it('emits Verilog with a generator parameter', () => {
    const r = cli(['verilog', 'counter.ts', '--param', 'width=5', '--out', 'v']);
    expect(r.code, r.err).toBe(0);
    expect(fs.readFileSync(path.join(tmp, 'v', 'counter.v'), 'utf8')).toContain('output reg [4:0] count');
  });

  it('lints clean with Verilator, Icarus and Yosys', () => {
    const r = cli(['lint', 'counter.ts']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/verilator\s+clean/);
    expect(r.out).toMatch(/iverilog\s+clean/);
    expect(r.out).toMatch(/yosys\s+clean/);
  });

  it('simulates with a VCD, an FST and GTKWave state names', () => {
    const r = cli(['sim', 'counter.tb.ts', '--vcd', 'w/counter.vcd', '--fst']);
    expect(r.code, r.err).toBe(0);
    const vcd = fs.readFileSync(path.join(tmp, 'w', 'counter.vcd'), 'utf8');
    expect(vcd).toMatch(/\$var reg 1 \S+ ctl_state \$end/);
    expect(fs.statSync(path.join(tmp, 'w', 'counter.fst')).size).toBeGreaterThan(100);
    expect(fs.readFileSync(path.join(tmp, 'w', 'counter.ctl_state.filter'), 'utf8')).toMatch(/^0 IDLE\n1 RUN$/m);
    expect(fs.readFileSync(path.join(tmp, 'w', 'counter.gtkw'), 'utf8')).toContain('counter.ctl_state');
  });

  it('writes the same waveform from Verilator native (--trace) as from the built-in simulator', () => {
    if (!haveCommand('verilator')) return;
    fs.writeFileSync(path.join(tmp, 'ports.tb.ts'), TB.replace(/\n  if \(ctx\.stateName[^\n]*/, ''));
    const b = cli(['sim', 'ports.tb.ts', '--vcd', 'wb/c.vcd']);
    const n = cli(['sim', 'ports.tb.ts', '--backend', 'verilator-native', '--vcd', 'wn/c.vcd', '--fst']);
    expect(b.code, b.err).toBe(0);
    expect(n.code, n.err).toBe(0);
    const builtin = changes(fs.readFileSync(path.join(tmp, 'wb', 'c.vcd'), 'utf8'), 'count');
    const native = changes(fs.readFileSync(path.join(tmp, 'wn', 'c.vcd'), 'utf8'), 'count');
    expect(builtin.length).toBeGreaterThan(4);
    expect(native).toEqual(builtin);
    expect(fs.existsSync(path.join(tmp, 'wn', 'c.fst'))).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'wn', 'c.gtkw'), 'utf8')).toContain('TOP.counter.ctl_state');
  });

  it('turns a failing testbench into exit code 1 naming the testbench line', () => {
    const r = cli(['sim', 'failing.tb.ts']);
    expect(r.code).toBe(1);
    oneLine(r.err);
    expect(r.err).toMatch(/count is not 6.*failing\.tb\.ts:6:\d+/);
  });

  it('synthesizes and writes a hand-off that Verilator, Icarus, OpenSTA and YAML read back', () => {
    const r = cli(['synth', 'counter.ts', '--handoff', 'h']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/flip-flops/);
    const h = path.join(tmp, 'h');
    for (const f of ['counter.f', 'counter.sdc', 'counter.core', 'README.md', 'rtl/counter.v', 'netlist/counter.v', 'netlist/counter.json', 'lib/meram180.lib', 'sta.tcl']) {
      expect(fs.existsSync(path.join(h, f)), f).toBe(true);
      if (f !== 'README.md') expect(fs.readFileSync(path.join(h, 'README.md'), 'utf8')).toContain(f);
    }
    const v = spawnSync('verilator', ['--lint-only', '-Wall', '-f', 'counter.f', '--top-module', 'counter'], { cwd: h, encoding: 'utf8' });
    expect(v.status, v.stderr).toBe(0);
    const i = spawnSync('iverilog', ['-g2005', '-Wall', '-c', 'counter.f', '-s', 'counter', '-o', path.join(tmp, 'c.vvp')], { cwd: h, encoding: 'utf8' });
    expect(i.status, i.stderr).toBe(0);
    const core = parse(fs.readFileSync(path.join(h, 'counter.core'), 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(core)[0]).toBe('CAPI=2');
    expect(core.name).toMatch(/^meram-hdl:generated:counter:/);
    expect(core.filesets!.rtl!.files).toEqual(['rtl/counter.v']);
    expect(Object.keys(core.targets!)).toEqual(expect.arrayContaining(['default', 'lint', 'sim', 'synth']));
    expect(JSON.parse(fs.readFileSync(path.join(h, 'netlist/counter.json'), 'utf8')).modules.counter).toBeDefined();
    if (!haveCommand('sta')) return;
    const sta = spawnSync('sta', ['-no_init', '-exit', 'sta.tcl'], { cwd: h, encoding: 'utf8', timeout: 60_000 });
    const log = sta.stdout + sta.stderr;
    expect(log).not.toMatch(/Error/i);
    expect(log).toContain('clock clk (rise edge)');
    expect(log).toMatch(/Endpoint:/);
  });
});

describe('flow and report', () => {
  it('runs the flow with a hand-off and renders a report that Chromium shows without errors', async () => {
    const out = path.join(tmp, 'flow');
    const r = cli(['flow', '--samples', '2000', '--out', out], root);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('== Summary');
    const flow = JSON.parse(fs.readFileSync(path.join(out, 'flow.json'), 'utf8'));
    expect(flow.samples).toBe(2000);
    const top = flow.design as string;
    const lint = spawnSync('verilator', ['--lint-only', '-Wall', '-f', `${top}.f`, '--top-module', top], { cwd: out, encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    if (haveCommand('sta')) {
      const sta = spawnSync('sta', ['-no_init', '-exit', 'sta.tcl'], { cwd: out, encoding: 'utf8', timeout: 60_000 });
      expect(sta.stdout + sta.stderr).not.toMatch(/Error/i);
      expect(sta.stdout).toMatch(/Startpoint:[\s\S]*clocked by clk/);
    }
    fs.writeFileSync(path.join(tmp, 'energy.json'), JSON.stringify({ note: 'test', rows: [{ arch: 'tree', fJ: 497.4 }, { arch: 'clt', fJ: 1200 }] }));
    const rep = cli(['report', path.join(out, 'flow.json'), '--energy', path.join(tmp, 'energy.json'), '--diffusion', path.join(tmp, 'none.json')], root);
    expect(rep.code, rep.err).toBe(0);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org|vega\.github)/);
    if (!fs.existsSync('/usr/bin/chromium')) return;
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (q) => { if (!q.url().startsWith('file:')) errors.push(`network request ${q.url()}`); });
      await page.goto(`file://${path.join(out, 'report.html')}`);
      const sections = await page.$$eval('section[data-section]', (s) => s.map((x) => x.id));
      expect(sections).toEqual(['run', 'device', 'calibration', 'distribution', 'tests', 'synthesis', 'energy']);
      const plots = await page.$$eval('figure.plot', (fs) => fs.map((f) => {
        const svg = f.querySelector('svg');
        const b = svg?.getBoundingClientRect();
        return { name: f.getAttribute('data-plot'), w: b?.width ?? 0, h: b?.height ?? 0, marks: svg?.querySelectorAll('path, rect, line').length ?? 0 };
      }));
      expect(plots.map((p) => p.name)).toEqual(['psw-P', 'psw-AP', 'histogram', 'qq', 'pvalues']);
      for (const p of plots) {
        expect(p.w, p.name).toBeGreaterThan(200);
        expect(p.h, p.name).toBeGreaterThan(100);
        expect(p.marks, p.name).toBeGreaterThan(10);
      }
      expect(await page.locator('#energy td', { hasText: '497.4' }).count()).toBe(1);
      fs.mkdirSync(path.join(root, 'build'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'build', 'cli-report.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
