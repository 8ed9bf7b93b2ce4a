# CSE Toolkit Search. `make demo` on a fresh machine sets everything up, ingests the
# sample toolkit and shows a search; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo ingest search serve test lint format sample packs audit eval bench docs mutate wheel-check clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run: make PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q pipeline  # byte-code now, even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

# Byte-code for every module, compiled again whenever one changes: where
# PYTHONDONTWRITEBYTECODE is set, Python never rewrites a stale .pyc, and every cse-search
# would compile each module changed since the set-up from source again (tens of ms a run).
BYTECODE := $(VENV)/.bytecode-stamp
$(BYTECODE): $(STAMP) $(shell find pipeline -name '*.py')
	$(BIN)/python -m compileall -q pipeline
	touch $(BYTECODE)

demo: ingest
	$(BIN)/cse-search pharmacies --limit 3

ingest: $(BYTECODE)
	$(BIN)/cse-toolkit ingest

# The search as a web page on http://127.0.0.1:8000/ (HOST=0.0.0.0 PORT=8080 to change).
HOST ?= 127.0.0.1
PORT ?= 8000
serve: ingest
	$(BIN)/cse-toolkit serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests tools
	$(BIN)/ruff format --check pipeline tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format pipeline tests tools
	$(BIN)/ruff check --fix pipeline tests tools

# Regenerate the sample toolkit (pdfs/ and config/toolkit.yaml) from tools/sample_text.py.
sample: $(STAMP)
	$(BIN)/python tools/make_sample_toolkit.py --out pdfs --config config/toolkit.yaml

# Every role's excerpt pack in packs/ (from the last ingest).
packs: ingest
	$(BIN)/cse-toolkit pack --all

# What changed in pdfs/ (and the config) since the last ingest. Changes are a finding, not a
# failure: `cse-toolkit audit` exits 1 for them (like diff), and make reports them and succeeds.
audit: $(STAMP)
	@$(BIN)/cse-toolkit audit; status=$$?; \
	if [ $$status -eq 1 ]; then echo "make audit: changes found since the last ingest (run make ingest to index them)"; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

# Search quality on the judged query set (tests/eval/queries.yaml).
eval: $(STAMP)
	$(BIN)/python tools/evaluate.py --compare

# Performance report: ingest and search timings against pdftotext and pdfgrep, with the
# targets and PASS/FAIL (tools/bench.py; latest figures in docs/performance.md); 10,000 pages of
# real PDFs by default (`make bench BENCH_ARGS="--scale 700,3000,10000"` for growth).
bench: $(BYTECODE)
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# Mutation testing (mutmut) of the modules that decide what a user sees, a group of modules
# at a time with the tests that cover them (tools/mutate.py --list); fails on a surviving
# mutant not explained in docs/mutation.md, where the latest score is. Slow: not in CI.
# GROUPS="numerals pages" runs some groups; JOBS=2 tests two mutants at once.
GROUPS ?=
JOBS ?= 1
mutate: $(STAMP)
	$(BIN)/python tools/mutate.py --jobs $(JOBS) $(GROUPS)

# The command reference in docs/commands.md, from each command's --help; and the README's
# pictures of the web page, taken from the running page (needs Chromium and Playwright).
docs: ingest
	$(BIN)/python tools/command_reference.py
	$(BIN)/python tools/screenshot.py

# Build the wheel, install it in a fresh venv outside the repository, and search with it.
wheel-check:
	.ci/check-wheel

clean:
	rm -rf index packs .pytest_cache .mypy_cache .ruff_cache
