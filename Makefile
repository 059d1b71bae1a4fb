# Two commands for a fresh machine with only Python 3.11+:  make run  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
OUT    := outputs

LEGACY := .venv-legacy
LEGACY_STAMP := $(LEGACY)/.installed

.PHONY: run test test-fast test-legacy lint format bench fuzz install lab clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[notebooks,test]'
	touch $(STAMP)

install: $(STAMP)

$(LEGACY_STAMP): pyproject.toml
	test -x $(LEGACY)/bin/python || $(PYTHON) -m venv $(LEGACY)
	$(LEGACY)/bin/python -m pip install --quiet --upgrade pip
	$(LEGACY)/bin/python -m pip install --quiet -e '.[test]' 'matplotlib<3.11'
	touch $(LEGACY_STAMP)

## run: execute every notebook headless on the bundled data; write outputs/ and figures/
## (a FRAMING_CONFIG of your own is ignored here: make run is the bundled demonstration)
run: export FRAMING_CONFIG :=
run: $(STAMP)
	mkdir -p $(OUT)/notebooks
	$(BIN)/framing count data/articles --out $(OUT)/seed --tokens
	for nb in $(NOTEBOOKS); do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
	    --ExecutePreprocessor.timeout=600 --output-dir $(OUT)/notebooks "$$nb" || exit 1; \
	done
	@echo "Executed notebooks are in $(OUT)/notebooks, tables in $(OUT)/seed, figures in figures/."

## lab: JupyterLab at the project root (figures/, outputs/ and data/ visible) with the project's kernel.
## nbstripout is installed as a git filter first, so outputs saved in JupyterLab never reach git.
## --keep-id: without it the filter renumbers every cell id ("cell-00" → "0"), a diff in every notebook;
## `nbstripout --install` takes no such option, so the filter's command is set after it.
lab: $(STAMP)
	-$(BIN)/nbstripout --install && git config filter.nbstripout.clean '"$(abspath $(BIN))/python" -m nbstripout --keep-id'
	$(BIN)/jupyter lab --ServerApp.root_dir=.

## test: the whole suite, notebooks included
test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --doctest-modules src/analysis tests \
	  --nbmake --nbmake-kernel=python3 --nbmake-timeout=600 notebooks

## test-fast: the inner loop (under ~20 s): no notebooks, figures, clusters or browser
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --doctest-modules src/analysis tests -m "not slow and not notebook and not browser"

## lint: ruff (lint and format check) and mypy over the whole tree; CI runs it
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

## format: apply ruff's fixes and formatting
format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks scripts
	$(BIN)/ruff format src tests benchmarks scripts

## test-legacy: the label and figure tests again with matplotlib < 3.11 (the reshaping path)
test-legacy: $(LEGACY_STAMP)
	$(LEGACY)/bin/python -m pytest -q -p no:cacheprovider tests/test_labels.py tests/test_figures.py

## fuzz: random bytes, CSV/JSONL structures and lexicon rows through framing count (hypothesis):
## exit status 0 or 2, never a traceback, valid offsets, inputs unchanged. FUZZ_EXAMPLES=60 per property
## (about 15 s); not part of make test. Raise it for a longer search: make fuzz FUZZ_EXAMPLES=2000
FUZZ_EXAMPLES ?= 60
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz_input.py

## bench: throughput on 20,000 real articles against scikit-learn's CountVectorizer (counting, then tagging),
## and peak memory (net of the fixed overhead) for them and for one 200 MB article (about 15 minutes)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_count.py
	$(BIN)/python benchmarks/bench_tagger.py --articles 20000

clean:
	rm -rf $(VENV) $(LEGACY) $(OUT) figures build .pytest_cache
