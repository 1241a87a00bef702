# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench bench-dashboard dictionaries clean chromium vendor-assets
CHROMIUM ?= /usr/bin/chromium

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire code src/eventwire/examples/rferl_nato_iraq_2008.txt --date 2008-04-17

# In parallel when pytest-xdist is installed (it is pinned in requirements.lock); loadgroup keeps the
# browser tests (one store, one server, one Chromium) on one worker.
test: $(STAMP) chromium
	$(BIN)/python -m pytest -q $$($(BIN)/python -c "import xdist" 2>/dev/null && echo "-n auto --dist loadgroup")

# The browser tests (tests/browser) drive Debian's Chromium through Playwright. Installed here with
# apt-get when it is missing and we are root (as in CI); otherwise this says how, and the browser
# tests skip with that reason (in CI, with CI set, they fail instead).
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing Debian's chromium for the browser tests (apt-get)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } \
	    || echo "make: apt-get could not install chromium; the browser tests will say why"; \
	else \
	  echo "make: $(CHROMIUM) is missing, so the browser tests will be skipped; install it with: sudo apt-get install -y chromium"; \
	fi

# ruff (rules in pyproject.toml) over the whole tree; mypy --strict on the application layer and the records.
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_coding.py

# First render of the dashboard in headless Chromium (docs/RESULTS.md).
bench-dashboard: $(STAMP) chromium
	$(BIN)/python bench/bench_dashboard.py

# Re-vendor the dashboard's front-end assets from npm (a developer's step; the files are committed).
vendor-assets:
	scripts/vendor-assets.sh

# Re-create the shipped dictionary data from ../shared (only needed after a dictionary update).
dictionaries: $(STAMP)
	$(BIN)/python -m eventwire.dictionaries.compile ../shared/dictionaries/phoenix src/eventwire/dictionaries/data/phoenix.json.gz

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
