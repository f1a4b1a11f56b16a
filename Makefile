# Two commands matter (see README): `make demo` and `make test`. Both install what they need.
NPM_STAMP := node_modules/.package-lock.json
EXAMPLE ?= examples/requests/example.yaml

.PHONY: install build demo test lint bench clean

# npm writes node_modules/.package-lock.json on install: reinstall when the lock file is newer.
$(NPM_STAMP): package-lock.json package.json sdk/package.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

install: $(NPM_STAMP)

build: install
	npx tsc -b sdk tests bench

demo: build
	node sdk/bin/vpce-plan.js plan --file $(EXAMPLE)
	node sdk/bin/vpce-plan.js preview --file $(EXAMPLE)

lint: install
	npx eslint .
	npx prettier --check .

test: build lint
	npx mocha

bench: build
	node bench/dist/run.js

clean:
	rm -rf sdk/dist tests/dist bench/dist sdk/*.tsbuildinfo tests/*.tsbuildinfo bench/*.tsbuildinfo
