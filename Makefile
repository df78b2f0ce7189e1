# meram-hdl: two commands do everything on a fresh machine.
#   make demo   the main job (built-in simulator)
#   make test   type check and the whole test suite
.PHONY: all demo test typecheck deps tools bench maps clean diffusion

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
	npx tsx scripts/demo.ts

bench: deps tools
	npx tsx bench/run-all.ts

# Switching-probability maps of the default device (Monte Carlo, about 2 minutes), drawn into build/physics/.
maps: deps
	npx tsx physics/cli.ts maps

# The diffusion experiment (docs/diffusion.md): DDPMs with MeRAM hardware noise vs software noise, into build/diffusion/.
diffusion: deps
	nice -n 10 /usr/bin/python3 experiments/diffusion/run.py --scale full --out build/diffusion

clean:
	rm -rf build .cache
