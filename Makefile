# Parley: `make run` opens the window on the seed case, `make test` runs every
# check. Both install what is missing first on Debian/Ubuntu (see .ci/deps.sh);
# set SKIP_DEPS=1 to skip that step where you installed things yourself.

GO      ?= go
BIN     ?= ./parley
DATA    ?=
RUNARGS := $(if $(DATA),--data $(DATA),)

.PHONY: run test deps test-deps figures-deps build check unit smoke bench fuzz crash figures screenshots package fmt clean

run: deps build
	$(BIN) $(RUNARGS)

test: test-deps check unit build smoke

deps:
	@[ -n "$(SKIP_DEPS)" ] || .ci/deps.sh build

test-deps:
	@[ -n "$(SKIP_DEPS)" ] || .ci/deps.sh test

# The real binary, with Fyne's OpenGL driver (cgo). no_emoji leaves out
# Fyne's colour emoji font: Parley shows none, and loading it for every text
# style costs several megabytes of memory.
TAGS ?= no_emoji
build:
	$(GO) build -tags $(TAGS) -o $(BIN) .

check:
	@echo "== gofmt"; out=$$(gofmt -l .); \
		if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	@echo "== go vet"; $(GO) vet ./... && $(GO) vet -tags ci ./... && $(GO) vet -tags smoke .
	@echo "== staticcheck"; $(GO) tool staticcheck ./... && $(GO) tool staticcheck -tags ci ./...

# Headless: Fyne's test driver, no GL, with the race detector.
unit:
	@echo "== go test"; $(GO) test -race -tags ci ./...

# The built binary on a fresh data folder (see .ci/smoke.sh).
smoke:
	@echo "== smoke"; .ci/smoke.sh $(BIN)

bench:
	$(GO) test -tags ci -run '^$$' -bench . -benchmem ./...

# The README's figures, measured side by side (see .ci/figures.sh).
figures: figures-deps build
	BIN=$(BIN) .ci/figures.sh

figures-deps:
	@[ -n "$(SKIP_DEPS)" ] || .ci/deps.sh figures

# The README's screenshots, light and dark, into docs/img (see .ci/screenshots.sh).
screenshots: test-deps build
	.ci/screenshots.sh $(BIN)

# CYCLES (default 200) rounds of writing, SIGKILL, reopening and checking;
# then ROUNDS (default 50) kill points in each write that spans several
# transactions, the full-disk runs and the hostile files (faults_test.go).
ROUNDS ?= 50
crash: build
	.ci/crash.sh $(BIN)
	PARLEY_BIN=$(realpath $(BIN)) PARLEY_FAULT_ROUNDS=$(ROUNDS) $(GO) test -count=1 -tags smoke -timeout 120m -v \
		-run 'Killed|FullDisk|Hostile' .

# Packages in dist/: the Linux archive (binary, .desktop file, icon) made
# by the fyne tool, and a Windows .exe cross-compiled with mingw-w64. The
# fyne tool is pinned here and installed into dist/tools, outside go.mod.
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
package:
	@[ -n "$(SKIP_DEPS)" ] || .ci/deps.sh package
	mkdir -p dist
	cp RELEASE-NOTES.md dist/
	GOBIN=$(CURDIR)/dist/tools $(GO) install $(FYNE_TOOL)
	# The fyne tool rewrites FyneApp.toml (it counts builds): keep ours.
	cp FyneApp.toml dist/FyneApp.toml.keep
	dist/tools/fyne package -os linux -tags $(TAGS) -release && mv Parley.tar.xz dist/ && \
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
		dist/tools/fyne package -os windows -tags $(TAGS) -release && mv Parley.exe dist/; \
	status=$$?; cp dist/FyneApp.toml.keep FyneApp.toml; exit $$status
	@ls -l dist/Parley.tar.xz dist/Parley.exe
	.ci/package-check.sh dist/Parley.tar.xz

# Every fuzz target for FUZZTIME each (default 10m).
fuzz:
	.ci/fuzz.sh

fmt:
	gofmt -w .

clean:
	rm -f $(BIN)
