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

# test runs vet and gofmt, then every test under the race detector: the
# client fans out and the sandbox serves concurrently, so races are bugs we
# want CI to catch (the whole suite takes well under a minute).
test: lint
	$(GO) test -race -count=1 -timeout 20m $(PKGS)

demo: build
	./$(BIN) demo --out out

# bench runs the benchmarks the issues ask for, once each (they are long:
# 1M-row workbooks, a 2,000-client fan-out with 50 ms latency).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -benchmem -timeout 60m ./fetch/... ./render/... ./reports/...

# fuzz runs each fuzzer for FUZZTIME (seed corpora live in fetch/testdata/fuzz).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeEnvelope$$' -fuzztime $(FUZZTIME) ./fetch/
	$(GO) test -run '^$$' -fuzz '^FuzzRecordDecoders$$' -fuzztime $(FUZZTIME) ./fetch/
	$(GO) test -run '^$$' -fuzz '^FuzzParseDataFetchCSV$$' -fuzztime $(FUZZTIME) ./fetch/
	$(GO) test -run '^$$' -fuzz '^FuzzParseActivityStatsCSV$$' -fuzztime $(FUZZTIME) ./fetch/

lint:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin out
