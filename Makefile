# careport's everyday commands. `make demo` writes the sample reports to out/;
# `make test` runs every test (the command CI runs).
GO      ?= go
BIN     := bin/careport
PKGS    := ./...
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all assets build test demo bench lint clean fuzz sample-png mailpit

all: lint test

# assets puts the minified build of ECharts, the chart library of the HTML
# reports, where the binary embeds it (render/html/assets, git-ignored), so
# that a page draws its charts offline. The version is the one go-echarts
# v2.7 draws with. npm fetches the package from the registry, whose
# integrity hash the tarball must match; the file must then match its
# pinned SHA-256. A file already in place is kept. Without it the build
# still works, and its pages load ECharts from the CDN.
ECHARTS_VERSION := 5.4.3
ECHARTS_SHA256  := 1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19
ECHARTS_JS      := render/html/assets/echarts.min.js

assets: $(ECHARTS_JS)

$(ECHARTS_JS):
	@command -v npm >/dev/null 2>&1 || { echo "make assets needs npm (Debian: apt-get install nodejs npm); go build ./cmd/careport builds without it, and its HTML pages then load ECharts from the CDN"; exit 1; }
	@set -eu; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	want=$$(npm view --silent echarts@$(ECHARTS_VERSION) dist.integrity); \
	tgz=$$(cd "$$tmp" && npm pack --silent echarts@$(ECHARTS_VERSION)); \
	got=$$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$$tmp/$$tgz"); \
	if [ "$$got" != "$$want" ]; then echo "echarts@$(ECHARTS_VERSION): tarball $$got, registry says $$want"; exit 1; fi; \
	tar -xzf "$$tmp/$$tgz" -C "$$tmp" package/dist/echarts.min.js; \
	sum=$$(sha256sum "$$tmp/package/dist/echarts.min.js" | cut -d' ' -f1); \
	if [ "$$sum" != "$(ECHARTS_SHA256)" ]; then echo "echarts.min.js: SHA-256 $$sum, want $(ECHARTS_SHA256)"; exit 1; fi; \
	cp "$$tmp/package/dist/echarts.min.js" "$@.tmp"; mv "$@.tmp" "$@"; \
	echo "assets: echarts@$(ECHARTS_VERSION) dist/echarts.min.js ($$(wc -c <"$@") bytes) in $(@D)"

# build inlines ECharts when npm is there; on a machine without npm it
# builds anyway (make demo must work with Go alone), and the binary then
# says once per run that its HTML pages load ECharts from the CDN. make
# test needs the inlined library (the browser test runs offline).
build:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory assets; \
	else echo "build: no npm here, so the HTML pages will load ECharts from the CDN (apt-get install nodejs npm, then make build, inlines it)"; fi
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/careport

# mailpit installs the SMTP server the mail tests send to (a real one, on
# 127.0.0.1); it is a Go program, so go install is all it takes. The tests
# look for it on PATH and in $(go env GOPATH)/bin.
MAILPIT_VERSION := v1.33.1
mailpit:
	@if command -v mailpit >/dev/null 2>&1 || [ -x "$$($(GO) env GOPATH)/bin/mailpit" ]; then :; \
	else echo "mailpit: go install github.com/axllent/mailpit@$(MAILPIT_VERSION)"; $(GO) install github.com/axllent/mailpit@$(MAILPIT_VERSION); fi

# test runs vet and gofmt, then every test under the race detector: the
# client fans out and the sandbox serves concurrently, so races are bugs we
# want CI to catch (the whole suite takes well under a minute).
test: assets mailpit lint
	$(GO) test -race -count=1 -timeout 20m $(PKGS)

# demo ends by running samples/jobs.yaml as careport run --dry-run would,
# leaving its mails as .eml files under out/.
demo: build
	./$(BIN) demo --out out --jobs samples/jobs.yaml

# sample-png remakes the README's picture: the first printed page of the
# demo's revenue workbook (LibreOffice prints it to PDF in the pack test).
sample-png:
	rm -rf out/pack && mkdir -p out/pack
	CAREPORT_PDF_KEEP=$(CURDIR)/out/pack $(GO) test -count=1 -run '^TestRevenuePackPDF$$' ./cmd/careport
	pdftoppm -r 80 -f 1 -l 1 -png -singlefile out/pack/revenue-2026-10.pdf samples/revenue-2026-10-front

# bench runs the benchmarks the issues ask for, once each (they are long:
# 1M-row workbooks, a 2,000-client fan-out with 50 ms latency).
bench: assets
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
