# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench dictionaries clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire code src/eventwire/examples/rferl_nato_iraq_2008.txt --date 2008-04-17

# In parallel when pytest-xdist is installed (it is pinned in requirements.lock).
test: $(STAMP)
	$(BIN)/python -m pytest -q $$($(BIN)/python -c "import xdist" 2>/dev/null && echo "-n auto")

# ruff (rules in pyproject.toml) over the whole tree; mypy --strict on the application layer and the records.
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_coding.py

# Re-create the shipped dictionary data from ../shared (only needed after a dictionary update).
dictionaries: $(STAMP)
	$(BIN)/python -m eventwire.dictionaries.compile ../shared/dictionaries/phoenix src/eventwire/dictionaries/data/phoenix.json.gz

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
