# The project's front door. Every target installs what it needs and does nothing when nothing
# changed. The README's two commands: `make demo` and `make test`.

SHELL := /bin/bash
TOOLS := $(CURDIR)/.tools
BIN := $(CURDIR)/node_modules/.bin
export PATH := $(TOOLS)/bin:$(BIN):$(PATH)

WASM_TARGET := wasm32-unknown-unknown
WASM := target/$(WASM_TARGET)/release/clerk_instance_edge.wasm
# wasm-bindgen-cli must match the wasm-bindgen of Cargo.lock exactly.
BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
BINDGEN := $(TOOLS)/bindgen-$(BINDGEN_VERSION)
WASM_OPT_FEATURES := --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-reference-types --enable-multivalue
SOURCES := $(shell find src -type f) Cargo.toml Cargo.lock
PKG := pkg/.built

.PHONY: tools test test-native test-wasm test-standin test-node test-deno test-workerd test-fuzz conformance \
	pkg size demo bench fuzz clean

## Tools: the wasm target, wasm-bindgen-cli (into .tools/), the npm packages (into node_modules/).
tools: $(TOOLS)/.rust-target $(BINDGEN) node_modules/.installed

$(TOOLS)/.rust-target:
	rustup target add $(WASM_TARGET)
	mkdir -p $(TOOLS) && touch $@

$(BINDGEN):
	cargo install wasm-bindgen-cli --version =$(BINDGEN_VERSION) --root $(TOOLS)
	touch $@

# The runtime tests import the package by name, as a user would: node_modules/clerk-instance-edge
# links to pkg/ (made again after every npm install, which would prune it).
node_modules/.installed: package.json package-lock.json
	npm install --no-audit --no-fund
	ln -sfn ../pkg node_modules/clerk-instance-edge
	touch $@

## The npm package in pkg/: the release wasm with the `npm` feature (no wasm-bindgen: see
## ARCHITECTURE.md), wasm-opt -Oz, pkg-template/, and what tools/generate writes from the tables.
pkg: $(PKG)

$(PKG): $(SOURCES) $(shell find tools/generate -type f) $(wildcard pkg-template/*) scripts/assemble-pkg.mjs README.md | tools
	cargo build --release --target $(WASM_TARGET) --no-default-features --features npm
	rm -rf pkg
	mkdir -p pkg
	wasm-opt -Oz $(WASM_OPT_FEATURES) --strip-debug --strip-producers $(WASM) -o pkg/clerk_instance_edge_bg.wasm
	node scripts/assemble-pkg.mjs
	touch $@

## Bytes a Worker loads: the optimised wasm, the glue and the host snippet, raw and gzipped.
size: $(PKG)
	@node scripts/size.mjs

## Every test: native (with a short fuzz pass), wasm under Node, the stand-in, the package in Node,
## Deno and workerd (smoke, faults, load, the secret key, the worker example), and a short JS fuzz.
test: test-native test-wasm test-standin test-node test-deno test-workerd test-fuzz

test-native:
	cargo test --workspace

test-wasm: tools
	node tests/with-standin.mjs -- env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test --target $(WASM_TARGET) --test wasm

test-standin: tools
	node --test tests/standin/

test-node: $(PKG)
	node tests/with-standin.mjs -- node --test tests/node/

# Loopback network, the STANDIN_URL variable and the wasm file: nothing else.
test-deno: $(PKG)
	node tests/with-standin.mjs -- deno test --no-lock --allow-net=127.0.0.1 --allow-env=STANDIN_URL \
		--allow-read=pkg/clerk_instance_edge_bg.wasm tests/deno/

test-workerd: $(PKG)
	node tests/with-standin.mjs -- node tests/workerd/run.mjs

# A fixed seed, so that CI is reproducible; `make fuzz` explores with random ones.
test-fuzz: $(PKG)
	node tests/fuzz/run.mjs --seed 1 --cases 1000

## The long fuzz runs: the native decoder, readers and retry loop, then the JS package.
fuzz: $(PKG)
	FUZZ_CASES=$${FUZZ_CASES:-50000} cargo test --release --test fuzz -- --nocapture
	node tests/fuzz/run.mjs --cases $${JS_FUZZ_CASES:-200000}

## The worker example in workerd, changing settings through the package: against the stand-in,
## or the real API when CLERK_SECRET_KEY is set (and CLERK_API_URL is not).
demo: $(PKG)
	node scripts/demo.mjs

## This package against @clerk/backend and a hand-written fetch: bytes, cold start, per call,
## body building. Writes BENCHMARKS.md.
bench: $(PKG)
	node bench/run.mjs

## The declarations against the spec in ../shared/reference/.
conformance:
	cargo test --test conformance

clean:
	rm -rf pkg target/$(WASM_TARGET)
