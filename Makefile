# Two commands for a new user: `make serve` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint bench validate build clean lighthouse check-links pdf-packages test-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Preview the newest version on http://127.0.0.1:8000 (reloads when data/ changes).
## `make serve PORT=8001` uses another port, `make serve VERSION=2021-2022` another version.
PORT ?= 8000
serve: $(STAMP) pdf-packages
	$(BIN)/kulturskole serve --port $(PORT) $(if $(VERSION),--version $(VERSION))

## The browser tests drive Debian's chromium (Playwright cannot download its own browser here).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
	else echo "Chromium mangler. Installer den med: apt-get install -y chromium" >&2; exit 1; fi

## The PDF downloads need Pango and fonts (WeasyPrint); the tests read the PDFs with poppler-utils.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES := $(PDF_PACKAGES) poppler-utils
# Install those of the Debian packages $(1) that are missing (as root, or with sudo).
define apt_missing
	@missing=""; if command -v dpkg-query >/dev/null; then for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; fi; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; \
	else echo "Systempakker mangler:$$missing. Installer dem med: apt-get install -y$$missing" >&2; exit 1; fi
endef

pdf-packages:
	$(call apt_missing,$(PDF_PACKAGES))

test-packages:
	$(call apt_missing,$(TEST_PACKAGES))

## Lint (ruff) and type check (mypy) the whole package; settings in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Run the whole test suite after the lint, in two processes (the browser audit beside the rest).
PYTEST_ARGS ?= -n 2 --dist loadfile
test: $(STAMP) $(CHROMIUM) test-packages lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Broken links and anchors in every version (`make check-links EXTERNAL=1` also asks other sites; uses the network).
check-links: $(STAMP)
	$(BIN)/kulturskole check-links $(if $(EXTERNAL),--external)

## Lighthouse scores (accessibility, best practices, SEO; performance for the record) for the start
## page, a theme pack and the question bank. Not part of `make test`. Lighthouse goes to .cache/ (ignored by git).
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-save --no-audit --no-fund --loglevel=error lighthouse@13.5.0

lighthouse: $(STAMP) $(CHROMIUM) $(LIGHTHOUSE)
	CHROME_PATH=$(CHROMIUM) $(BIN)/python tests/lighthouse.py $(LIGHTHOUSE)

## Build time, memory and page weight against stock Material (benchmarks/run.py). Writes
## benchmarks/results.json and benchmarks/build_time.png. `make bench SIZES=10,100 RUNS=1` is quicker.
SIZES ?= 10,100,1000
RUNS ?= 3
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) $(CHROMIUM) pdf-packages
	@if [ ! -x $(LIGHTHOUSE) ] && command -v npm >/dev/null; then $(MAKE) --no-print-directory $(LIGHTHOUSE); fi
	@# Bytecode for our own modules too (pip compiles the installed ones): with PYTHONDONTWRITEBYTECODE
	@# set, every build would otherwise compile them again.
	$(BIN)/python -m compileall -q kulturskole macros
	$(BIN)/python benchmarks/run.py --sizes $(SIZES) --runs $(RUNS) --lighthouse $(LIGHTHOUSE)

## Check the data of every version.
validate: $(STAMP)
	$(BIN)/kulturskole validate

## Build one version strictly into site/.
build: $(STAMP) pdf-packages
	$(BIN)/kulturskole build $(if $(VERSION),--version $(VERSION))

clean:
	rm -rf $(VENV) site .pytest_cache .cache/kulturskole
