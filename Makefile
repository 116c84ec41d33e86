# Two commands for a new user: `make serve` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test validate build clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Preview the newest version on http://127.0.0.1:8000 (reloads when data/ changes).
serve: $(STAMP)
	$(BIN)/kulturskole serve $(if $(VERSION),--version $(VERSION))

## The browser tests drive Debian's chromium (Playwright cannot download its own browser here).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
	else echo "Chromium mangler. Installer den med: apt-get install -y chromium" >&2; exit 1; fi

## Run the whole test suite.
test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Check the data of every version.
validate: $(STAMP)
	$(BIN)/kulturskole validate

## Build one version strictly into site/.
build: $(STAMP)
	$(BIN)/kulturskole build $(if $(VERSION),--version $(VERSION))

clean:
	rm -rf $(VENV) site .pytest_cache
