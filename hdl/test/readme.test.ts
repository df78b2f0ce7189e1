/** Executable docs: the README's example runs as printed and prints the Verilog the README shows. */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

it('the README example prints the Verilog shown in the README', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const code = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('emitVerilog'))!;
  const shown = /```verilog\n([\s\S]*?)```/.exec(readme)![1]!;
  const file = path.join(root, 'build', 'readme-example.ts');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code.replace("'./hdl/index.ts'", "'../hdl/index.ts'"));
  const printed = execFileSync(path.join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, encoding: 'utf8' });
  // Every line the README shows appears in the output, in order (the README abridges the header comment).
  let at = 0;
  for (const line of shown.split('\n').filter((l) => l.trim() && !l.includes('// example.ts'))) {
    const i = printed.indexOf(line, at);
    expect(i, `README line not printed: ${line}`).toBeGreaterThanOrEqual(0);
    at = i + line.length;
  }
  expect(printed).toMatch(/\/\/ build\/readme-example\.ts:6/);
});

it('the README testbench runs and writes its waveform', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const tb = blocks.find((b) => b.includes('new Simulator'))!;
  const file = path.join(root, 'build', 'readme-testbench.ts');
  const vcd = path.join(root, 'build', 'counter.vcd');
  fs.rmSync(vcd, { force: true });
  fs.writeFileSync(file, tb.replaceAll("'./", "'../"));
  execFileSync(path.join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, encoding: 'utf8' });
  const text = fs.readFileSync(vcd, 'utf8');
  expect(text).toContain('$timescale');
  expect(text).toMatch(/\$var reg 8 \S+ count/);
});
