# The project's front door. Every target installs what it needs and does nothing when nothing
# changed. The README's two commands: `make demo` and `make test`.

SHELL := /bin/bash
TOOLS := $(CURDIR)/.tools
BIN := $(CURDIR)/node_modules/.bin
export PATH := $(TOOLS)/bin:$(BIN):$(PATH)

WASM_TARGET := wasm32-unknown-unknown
# The package's two modules, each built with its features in a target directory of its own (so
# that each stays built): the core, and the one of `clerk-instance-edge/settings`.
NPM_TARGET := $(or $(CARGO_TARGET_DIR),target)/npm
WASM := $(NPM_TARGET)/core/$(WASM_TARGET)/release/clerk_instance_edge.wasm
WASM_SETTINGS := $(NPM_TARGET)/settings/$(WASM_TARGET)/release/clerk_instance_edge.wasm
# wasm-bindgen-cli must match the wasm-bindgen of Cargo.lock exactly.
BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
BINDGEN := $(TOOLS)/bindgen-$(BINDGEN_VERSION)
WASM_OPT_FEATURES := --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-reference-types --enable-multivalue
# How wasm-opt optimises the package's modules (`make size` uses the same, keeping names). A
# function with one caller stays a function of its own: V8 compiles each wasm function on its
# first call, so a rarely taken path (an error's message) is no longer compiled with the function
# that would contain it. Measured on the core module: 28.9 -> 28.4 KB gzip, and the first
# exchanges of a new isolate 2.8 -> 2.3 ms (bench/startup-child.mjs, `make bench`).
# `--low-memory-unused` lets wasm-opt fold constant offsets into loads and stores: the module's
# stack is its first megabyte and grows down from the top, so the lowest 1024 bytes are reached
# only after a stack overflow. It and the second -Oz (which finds more after the first): core
# module 22,060 -> 21,935 B gzip, settings module 27,472 -> 27,275 (2026-12-04, gzip -9).
WASM_OPT := -Oz $(WASM_OPT_FEATURES) --one-caller-inline-max-function-size=0 --low-memory-unused -Oz
SOURCES := $(shell find src -type f) Cargo.toml Cargo.lock
PKG := pkg/.built
# What `npm publish` would upload, for installing from a checkout: `npm install <this file>`.
VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' Cargo.toml | head -n 1)
TARBALL := dist/clerk-instance-edge-$(VERSION).tgz

# wrangler 4 refuses Node older than 22.12, so it runs on a Node 22 from npm, in .tools/; the rest
# runs on the machine's Node (20.19 or later: Vite 8 and require(esm) need it). The example's
# package.json pins wrangler.
NODE22_VERSION := 22.23.5
NODE22_PACKAGE := node-linux-$(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)
NODE22 := $(TOOLS)/node-$(NODE22_VERSION)/node_modules/$(NODE22_PACKAGE)/bin/node
WRANGLER_VERSION := $(shell sed -n 's/^ *"wrangler": "\([^"]*\)".*/\1/p' worker-example/package.json)
WRANGLER := $(TOOLS)/wrangler-$(WRANGLER_VERSION)/node_modules/wrangler/bin/wrangler.js
# What the Node tests, the wrangler harness (scripts/wrangler.mjs) and the demo are told.
HARNESS := CLERK_TARBALL=$(CURDIR)/$(TARBALL) WRANGLER_NODE=$(NODE22) WRANGLER_JS=$(WRANGLER) NODE22=$(NODE22)
# The browser tests drive Debian's Chromium through playwright-core (which has no browser of its
# own here: a browser download is not possible); apt-get installs it when it is missing.
CHROMIUM ?= /usr/bin/chromium

CLERK_OPENAPI_SPEC ?= ../shared/reference/clerk-bapi-2026-05-12-instance.yml
SPEC := $(abspath $(CLERK_OPENAPI_SPEC))
# Checked before anything runs, so that a missing spec is one line, not a test run's worth.
ifneq ($(filter conformance field-check,$(MAKECMDGOALS)),)
ifeq ($(wildcard $(SPEC)),)
$(error make conformance needs Clerk's OpenAPI spec at $(SPEC): put clerk-bapi-2026-05-12-instance.yml there, or set CLERK_OPENAPI_SPEC to its path)
endif
endif

.PHONY: tools test test-native test-crate test-wasm test-standin test-node test-deno test-workerd test-types test-wrangler test-fuzz \
	test-bundlers test-bun test-edge-runtime \
	conformance field-check pkg size demo bench fuzz clean test-rust-worker rust-worker rust-worker-bindgen-check size-rust-worker

## Tools: the wasm target, wasm-bindgen-cli (into .tools/), the npm packages (into node_modules/).
tools: $(TOOLS)/.rust-target $(BINDGEN) node_modules/.installed

$(TOOLS)/.rust-target:
	rustup target add $(WASM_TARGET)
	mkdir -p $(TOOLS) && touch $@

$(BINDGEN):
	cargo install wasm-bindgen-cli --version =$(BINDGEN_VERSION) --root $(TOOLS)
	touch $@

# `npm ci`: exactly the committed lock, which it never rewrites (and refuses if package.json and
# the lock disagree). node_modules/clerk-instance-edge links to pkg/ for the tests that exercise
# the built code rather than its packaging, by name (Deno, workerd, the fuzzer, the benchmarks);
# the Node and wrangler tests install the tarball instead.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	ln -sfn ../pkg node_modules/clerk-instance-edge
	touch $@

$(NODE22):
	npm install --prefix $(TOOLS)/node-$(NODE22_VERSION) --no-save --no-audit --no-fund --loglevel=error \
		$(NODE22_PACKAGE)@$(NODE22_VERSION)
	test -x $@

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
	test -x $@

$(WRANGLER): | $(NODE22)
	PATH=$(dir $(NODE22)):$$PATH npm install --prefix $(TOOLS)/wrangler-$(WRANGLER_VERSION) --no-save --no-audit \
		--no-fund --loglevel=error wrangler@$(WRANGLER_VERSION)
	test -f $@

## The npm package in pkg/: the release wasm with the `npm` feature (no wasm-bindgen: see
## ARCHITECTURE.md), wasm-opt -Oz, pkg-template/, and what tools/generate writes from the tables;
## and its tarball in dist/, as `npm pack` makes it.
pkg: $(PKG) $(TARBALL)

$(PKG): $(SOURCES) Makefile $(shell find tools/generate -type f) $(wildcard pkg-template/* pkg-template/settings/*) scripts/assemble-pkg.mjs README.md | tools
	cargo build --release --target $(WASM_TARGET) --no-default-features --features npm --target-dir $(NPM_TARGET)/core
	cargo build --release --target $(WASM_TARGET) --no-default-features --features npm-settings --target-dir $(NPM_TARGET)/settings
	rm -rf pkg
	mkdir -p pkg
	wasm-opt $(WASM_OPT) --strip-debug --strip-producers --strip-target-features $(WASM) -o pkg/clerk_instance_edge_bg.wasm
	wasm-opt $(WASM_OPT) --strip-debug --strip-producers --strip-target-features $(WASM_SETTINGS) -o pkg/clerk_instance_edge_settings_bg.wasm
	node scripts/assemble-pkg.mjs
	touch $@

$(TARBALL): $(PKG)
	rm -f dist/clerk-instance-edge-*.tgz
	mkdir -p dist
	cd pkg && npm pack --silent --pack-destination ../dist >/dev/null
	@echo "$(TARBALL): $$(stat -c %s $@) bytes; install it with npm install $(CURDIR)/$(TARBALL)"

## Bytes a Worker loads: the optimised wasm, the glue and the host snippet, raw and gzipped.
size: $(PKG)
	@CORE_WASM=$(WASM) WASM_OPT="$(WASM_OPT)" node scripts/size.mjs

## Every test: native (with a short fuzz pass), the crate as published, wasm under Node, the
## stand-in, the package in Node (20 and 22), Deno, workerd, Bun and Vercel's Edge Runtime (smoke;
## in Node and workerd also faults, load, the secret key, the worker example), bundled by esbuild,
## Vite, webpack and Rollup (run in Node and Chromium), the worker example under wrangler, a short
## JS fuzz, and the Rust Worker example in workerd. Nothing outside the repository: the spec checks
## are in `make conformance`.
test: test-native test-crate test-wasm test-standin test-node test-types test-deno test-workerd test-bun test-edge-runtime \
	test-bundlers test-wrangler test-fuzz test-rust-worker

test-native:
	cargo test --workspace

## The crate as crates.io users get it: docs without a broken link, a host `cargo check` with the
## features a Rust Worker uses, and `cargo publish --dry-run` (it packages, then builds the package).
test-crate:
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --features serde,worker
	cargo check --quiet --features serde,worker
	cargo publish --dry-run --allow-dirty --quiet

test-wasm: $(PKG)
	node tests/with-standin.mjs -- env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test --target $(WASM_TARGET) --test wasm

test-standin: $(PKG)
	node --test tests/standin/

# From the tarball, installed into a fresh folder (tests/node/run.mjs), on this Node and on Node 22.
test-node: $(TARBALL) $(NODE22)
	$(HARNESS) node tests/with-standin.mjs -- node tests/node/run.mjs

# The types as a TypeScript user meets them: a --strict program against the installed tarball,
# compiled by TypeScript 6 and 5, as Node and as a bundler resolve the package (tests/types/).
test-types: $(TARBALL)
	$(HARNESS) node tests/types/run.mjs

# Loopback network and the STANDIN_URL variable: nothing else (the module is embedded, no file is read).
test-deno: $(PKG)
	node tests/with-standin.mjs -- deno test --no-lock --allow-net=127.0.0.1 --allow-env=STANDIN_URL tests/deno/

test-workerd: $(PKG)
	node tests/with-standin.mjs -- node tests/workerd/run.mjs

# The smoke in Bun and in Vercel's Edge Runtime emulator (bundled as Vercel bundles an edge
# function), each from the tarball installed into a fresh folder.
test-bun: $(TARBALL)
	$(HARNESS) node tests/with-standin.mjs -- node tests/bun/run.mjs

test-edge-runtime: $(TARBALL)
	$(HARNESS) node tests/with-standin.mjs -- node tests/edge-runtime/run.mjs

# Each bundler bundles a program that imports the installed tarball; the bundles run in Node and
# in Chromium; bundlers that cannot carry the .wasm fail at build time (tests/bundlers/).
test-bundlers: $(TARBALL) $(CHROMIUM)
	$(HARNESS) CHROMIUM=$(CHROMIUM) node --test tests/bundlers/

# The worker example as a user runs it: the tarball installed into a fresh folder, then
# `wrangler deploy --dry-run` and `wrangler dev` against the stand-in, driven over HTTP.
test-wrangler: $(TARBALL) $(WRANGLER)
	$(HARNESS) node --test tests/wrangler/

# A fixed seed, so that CI is reproducible; `make fuzz` explores with random ones.
test-fuzz: $(PKG)
	node tests/fuzz/run.mjs --seed 1 --cases 1000

## The Rust Worker example (worker-example-rs/), built as workers-rs users build one: `worker-build
## --release`, installed from crates.io, pointed at this project's wasm-bindgen, esbuild and
## wasm-opt (it would otherwise download them from GitHub).
RUST_WORKER := worker-example-rs
lock_version = $(shell sed -n '/^name = "$(1)"$$/{n;s/^version = "\(.*\)"/\1/p;}' $(2))
# worker-build is installed at the `worker` version of the example's lock.
WORKER_VERSION := $(call lock_version,worker,$(RUST_WORKER)/Cargo.lock)
WORKER_BUILD := $(TOOLS)/worker-build-$(WORKER_VERSION)
WORKER_BUILD_ENV := WASM_BINDGEN_BIN=$(TOOLS)/bin/wasm-bindgen ESBUILD_BIN=$(BIN)/esbuild \
	WASM_OPT_BIN=$(CURDIR)/node_modules/binaryen/bin/wasm-opt
RUST_WORKER_BINDGEN := $(call lock_version,wasm-bindgen,$(RUST_WORKER)/Cargo.lock)
RUST_WORKER_BUILT := $(RUST_WORKER)/build/index_bg.wasm
RUST_WORKER_SOURCES := $(shell find $(RUST_WORKER)/src -type f) $(RUST_WORKER)/Cargo.toml $(RUST_WORKER)/Cargo.lock

$(WORKER_BUILD):
	cargo install worker-build --version =$(WORKER_VERSION) --root $(TOOLS)
	touch $@

# worker-build runs the wasm-bindgen CLI it is given on a module whose wasm-bindgen is the one in
# the example's lock: the two must be the same version.
rust-worker-bindgen-check:
	@test "$(RUST_WORKER_BINDGEN)" = "$(BINDGEN_VERSION)" || { echo "$(RUST_WORKER)/Cargo.lock has \
	wasm-bindgen $(RUST_WORKER_BINDGEN) but the CLI in .tools is $(BINDGEN_VERSION): run \
	'cargo update -p wasm-bindgen --precise $(BINDGEN_VERSION)' in $(RUST_WORKER)" >&2; exit 1; }

rust-worker: $(RUST_WORKER_BUILT)

$(RUST_WORKER_BUILT): $(RUST_WORKER_SOURCES) $(SOURCES) | tools $(WORKER_BUILD)
	@$(MAKE) --no-print-directory rust-worker-bindgen-check
	mkdir -p $(RUST_WORKER)/target
	set -o pipefail; cd $(RUST_WORKER) && $(WORKER_BUILD_ENV) worker-build --release 2>&1 | tee target/worker-build.log
	touch $@

test-rust-worker: $(RUST_WORKER_BUILT)
	node tests/with-standin.mjs -- node tests/rust-worker/run.mjs

# The size baselines: a hello-world Worker, and one that makes one call through the crate.
$(RUST_WORKER)/size/%/build/index_bg.wasm: $(RUST_WORKER)/size/%/src/lib.rs $(RUST_WORKER)/size/%/Cargo.toml \
		$(RUST_WORKER)/Cargo.lock $(SOURCES) | tools $(WORKER_BUILD)
	@$(MAKE) --no-print-directory rust-worker-bindgen-check
	mkdir -p $(RUST_WORKER)/target
	cd $(RUST_WORKER)/size/$* && $(WORKER_BUILD_ENV) worker-build --release > ../../target/worker-build-$*.log 2>&1
	touch $@

## Bytes the Rust Worker ships (wasm + JS, raw and gzip) against the baselines, what its JS exports,
## and the build's warnings.
size-rust-worker: $(RUST_WORKER_BUILT) $(RUST_WORKER)/size/bare/build/index_bg.wasm \
		$(RUST_WORKER)/size/one-call/build/index_bg.wasm
	@node scripts/rust-worker-size.mjs

## The long fuzz runs: the native decoder, readers and retry loop, then the JS package.
fuzz: $(PKG)
	FUZZ_CASES=$${FUZZ_CASES:-50000} cargo test --release --test fuzz -- --nocapture
	node tests/fuzz/run.mjs --cases $${JS_FUZZ_CASES:-200000}

## The worker example under `wrangler dev`, changing settings through the package: against the
## stand-in, or the real API when CLERK_SECRET_KEY is set (and CLERK_API_URL is not).
demo: $(TARBALL) $(WRANGLER)
	@$(HARNESS) node scripts/demo.mjs

## This package against @clerk/backend and a hand-written fetch: bytes, cold start, per call,
## body building. Writes BENCHMARKS.md.
bench: $(PKG) $(NODE22)
	NODE22=$(NODE22) node bench/run.mjs

## The crate's declarations and the stand-in against Clerk's OpenAPI spec (the instance subset),
## which is never copied into the repository: CLERK_OPENAPI_SPEC names the file.
conformance: $(PKG)
	CLERK_OPENAPI_SPEC=$(SPEC) cargo test --test conformance
	CLERK_OPENAPI_SPEC=$(SPEC) node --test tests/conformance/
	CLERK_OPENAPI_SPEC=$(SPEC) node scripts/field-check.mjs

## A new field is one line in its declaration (and one in its resource): checked on a scratch copy
## against a copy of the spec with the field added (scripts/field-check.mjs; part of conformance).
field-check: $(PKG)
	CLERK_OPENAPI_SPEC=$(SPEC) node scripts/field-check.mjs

clean:
	rm -rf pkg dist target/$(WASM_TARGET) $(RUST_WORKER)/build $(RUST_WORKER)/size/*/build
