# meram-hdl: two commands do everything on a fresh machine.
#   make demo   the main job (built-in simulator)
#   make test   type check and the whole test suite
.PHONY: all demo test typecheck deps tools bench maps energy diffusion clean

all: test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: node_modules/.installed

tools:
	bash scripts/ensure-tools.sh

typecheck: deps
	npx tsc --noEmit -p tsconfig.json

test: deps tools typecheck
	mkdir -p build
	npx vitest run --reporter=default --reporter=json --outputFile.json=build/vitest.json
	node scripts/test-summary.mjs build/vitest.json

demo: deps tools
	npx meram-hdl flow

bench: deps tools
	npx tsx bench/run-all.ts

# Switching-probability maps of the default device (Monte Carlo, about 2 minutes), drawn into build/physics/.
maps: deps
	npx meram-hdl physics maps

# Energy per bit and per sample, area and energy-per-bit-per-area of the MeRAM generators against CMOS baselines at
# three library corners, with and without clock gating (about 20 minutes): build/energy/energy.json, docs/energy.md.
energy: deps
	npx tsx energy/cli.ts

# The diffusion experiment (docs/diffusion.md): DDPMs with MeRAM hardware noise vs software noise, into build/diffusion/.
diffusion: deps
	nice -n 10 /usr/bin/python3 experiments/diffusion/run.py --scale full --out build/diffusion

clean:
	rm -rf build .cache

# TRNG (issue 13): fault-injection study (200 seeds) into build/faults/faults.md, and on the HDL of the word and the
# tree into build/faults/generator-faults.md; dieharder (Debian package) on 2e8 output bits of the sum-of-bits
# generator, and on its raw looped reads for contrast; the check battery's measured power (about 12 minutes) into
# build/power/power.md.
.PHONY: faults dieharder power
faults: deps
	nice -n 10 npx tsx testbenches/fault-study.ts --seeds 200
	nice -n 10 npx tsx testbenches/generator-faults.ts
power: deps
	nice -n 10 npx tsx testbenches/power-study.ts --reps 200
dieharder: deps
	nice -n 10 npx tsx testbenches/dieharder.ts --bits 200000000
	nice -n 10 npx tsx testbenches/dieharder.ts --bits 200000000 --raw
# Paper's open questions into build/studies/: array variation (8x8 and 16x16, and over 16 seeds each), temperature
# 273-358 K (switching maps per temperature, about 4 minutes on 2 cores) and wear drift over 10^4-10^10 pulses, each
# a table and SVG plots. Every study also runs as shards anywhere (docs/meram.md "Studies"): STUDY, SHARDS below.
.PHONY: studies temperature wear variation
studies: variation temperature wear
variation: deps
	nice -n 10 npx tsx testbenches/variation-study.ts --rows 8 --cols 8
	nice -n 10 npx tsx testbenches/variation-study.ts --rows 16 --cols 16
	nice -n 10 npx tsx experiments/studies/cli.ts run variation --workers 2
temperature: deps
	nice -n 10 npx tsx experiments/studies/cli.ts run temperature --workers 2
wear: deps
	nice -n 10 npx tsx experiments/studies/cli.ts run wear --workers 2
