# careport's everyday commands. `make demo` writes the sample reports to out/;
# `make test` runs every test (the command CI runs).
GO      ?= go
BIN     := bin/careport
PKGS    := ./...
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build test demo bench lint clean fuzz

all: lint test

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/careport

# test runs vet and gofmt, then every test with the race detector off (the
# 2-core CI machine runs the sandbox-backed suites faster without it; `make
# race` runs them with it).
test: lint
	$(GO) test -count=1 -timeout 20m $(PKGS)

race:
	$(GO) test -race -count=1 -timeout 30m $(PKGS)

demo: build
	./$(BIN) demo --out out

# bench runs the benchmarks the issues ask for, once each (they are long:
# 1M-row workbooks, a 2,000-client fan-out with 50 ms latency).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -benchmem -timeout 60m ./fetch/... ./render/... ./reports/...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecodeEnvelope -fuzztime 30s ./fetch/

lint:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin out
