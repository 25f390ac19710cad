# careport's everyday commands. `make demo` writes the sample reports to out/;
# `make test` runs every test (the command CI runs).
GO      ?= go
BIN     := bin/careport
PKGS    := ./...
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build test demo bench lint clean fuzz sample-png

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

# sample-png remakes the README's picture: the first printed page of the
# demo's revenue workbook (LibreOffice prints it to PDF in the pack test).
sample-png:
	rm -rf out/pack && mkdir -p out/pack
	CAREPORT_PDF_KEEP=$(CURDIR)/out/pack $(GO) test -count=1 -run '^TestRevenuePackPDF$$' ./cmd/careport
	pdftoppm -r 80 -f 1 -l 1 -png -singlefile out/pack/revenue-2026-10.pdf samples/revenue-2026-10-front

# bench runs the benchmarks the issues ask for, once each (they are long:
# 1M-row workbooks, a 2,000-client fan-out with 50 ms latency).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -benchmem -timeout 60m ./fetch/... ./render/... ./reports/... ./cmd/...

# fuzz runs each fuzzer for FUZZTIME (seed corpora live in fetch/testdata/fuzz).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeEnvelope$$' -fuzztime $(FUZZTIME) ./fetch/
	$(GO) test -run '^$$' -fuzz '^FuzzRecordDecoders$$' -fuzztime $(FUZZTIME) ./fetch/
	$(GO) test -run '^$$' -fuzz '^FuzzParseDataFetchCSV$$' -fuzztime $(FUZZTIME) ./fetch/
	$(GO) test -run '^$$' -fuzz '^FuzzParseActivityStatsCSV$$' -fuzztime $(FUZZTIME) ./fetch/

# lint fails when go.mod/go.sum are not tidy (go mod tidy -diff prints what
# tidy would change), when vet complains, or when a file needs gofmt.
lint:
	@$(GO) mod tidy -diff || { echo "go.mod is not tidy: run go mod tidy"; exit 1; }
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin out
