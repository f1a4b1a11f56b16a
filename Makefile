# Two commands matter (see README): `make demo` and `make test`. Both install what they need.
NPM_STAMP := node_modules/.package-lock.json
EXAMPLE ?= examples/requests/example.yaml

# The suite also runs on these Node.js releases (the machine's own node runs it first). Their
# binaries come from the npm registry's node-<platform>-<arch> packages, the ones the `node` package
# would fetch in its preinstall script (which .npmrc's ignore-scripts skips), kept under node_modules/.cache
# (npm's own cache keeps the tarballs: after `npm ci` empties node_modules they come back offline).
NODE_VERSIONS ?= 22.23.5 24.22.3
NODE_PACKAGE := node-$(shell node -p "process.platform + '-' + process.arch")
NODE_CACHE := node_modules/.cache/node
NODES := $(foreach v,$(NODE_VERSIONS),$(NODE_CACHE)/$(v)/node)

.PHONY: install build schema demo test lint bench clean

# npm writes node_modules/.package-lock.json on install: reinstall when the lock file is newer.
$(NPM_STAMP): package-lock.json package.json $(wildcard sdk/package.json policy/package.json examples/*/package.json examples/*/*/package.json)
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

install: $(NPM_STAMP)

build: install
	npx tsc -b sdk tests bench

# sdk/schema/*.json (vpce-plan/schema/*) from the planner's Shapes; tests/plan/json-schema.test.ts
# fails when the committed files differ from what this writes.
schema: build
	node -e 'const fs = require("fs"); for (const [file, build] of Object.entries(require("./sdk/dist/plan/jsonSchema").SCHEMA_FILES)) fs.writeFileSync("sdk/schema/" + file, JSON.stringify(build()) + "\n")'
	npx prettier --write sdk/schema

demo: build
	node sdk/bin/vpce-plan.js plan --file $(EXAMPLE)
	node sdk/bin/vpce-plan.js preview --file $(EXAMPLE)

lint: install
	npx eslint .
	npx prettier --check .

$(NODE_CACHE)/%/node: | $(NPM_STAMP)
	npm install --prefix $(NODE_CACHE)/$* --no-save --no-package-lock --no-audit --no-fund $(NODE_PACKAGE)@$*
	ln -sf node_modules/$(NODE_PACKAGE)/bin/node $@

# Each Node.js runs the whole suite with its own `node` first on PATH, so the CLI processes that the
# tests start run on it too.
test: build lint $(NODES)
	@echo "== Node.js $$(node --version)" && npx mocha
	@for dir in $(dir $(NODES)); do \
	  echo "== Node.js $$($$dir/node --version)"; \
	  PATH="$(CURDIR)/$$dir:$$PATH" node node_modules/mocha/bin/mocha.js || exit 1; \
	done

bench: build
	node bench/dist/run.js

clean:
	rm -rf sdk/dist tests/dist bench/dist sdk/*.tsbuildinfo tests/*.tsbuildinfo bench/*.tsbuildinfo
