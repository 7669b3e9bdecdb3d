# Parley: `make run` opens the window on the seed case, `make test` runs every
# check. Both install what is missing first on Debian/Ubuntu (see .ci/deps.sh);
# set SKIP_DEPS=1 to skip that step where you installed things yourself.

GO      ?= go
BIN     ?= ./parley
DATA    ?=
RUNARGS := $(if $(DATA),--data $(DATA),)

.PHONY: run test deps test-deps build check unit smoke bench fuzz crash figures package fmt clean

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
figures: test-deps build
	BIN=$(BIN) .ci/figures.sh

# Every fuzz target for FUZZTIME each (default 10m).
fuzz:
	.ci/fuzz.sh

fmt:
	gofmt -w .

clean:
	rm -f $(BIN)
