# Everything a contributor needs. Only Python 3 and make are required: the
# first target that needs the project creates .venv and installs it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= demo-output
PYTEST_ARGS ?=

.PHONY: help venv demo test test-fast lab bench lint format notebooks docs i18n clean

help:
	@echo "make demo   run a whole workshop on the embedded sample (writes $(OUT)/)"
	@echo "make test   run the whole test suite (unit, notebook, LibreOffice and browser tests)"
	@echo "make lab    open JupyterLab on notebooks/"
	@echo "make bench  print the speed figures (ratios against baselines measured in the same run)"
	@echo "make lint   ruff format --check, ruff check, lint-imports"
	@echo "make notebooks  write notebooks/*.ipynb from their jupytext sources notebooks/*.py"
	@echo "make i18n   extract the texts, update the sv/en catalogues (.po), compile them (.mo)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/okr-workshop demo --out $(OUT)
	@echo "Open $(OUT)/report.html in a browser; the workbook is $(OUT)/okrs.xlsx."

# Two steps: everything but the serial tests on two workers, then the serial tests alone (they time
# pages against each other and must not share the cores with the other worker). Exit status 5 is
# "no tests collected" (PYTEST_ARGS chose none of them).
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not serial" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -p no:xdist -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow and not browser" $(PYTEST_ARGS)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff format --check okr_workshop tests benchmarks notebooks
	$(BIN)/ruff check okr_workshop tests benchmarks notebooks
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format okr_workshop tests benchmarks notebooks
	$(BIN)/ruff check --fix okr_workshop tests benchmarks notebooks

# The .py files (jupytext percent format) are the notebooks' source; the .ipynb twins are written
# from them without outputs (cell ids and tags kept), for users, `init` and the wheel.
notebooks: $(STAMP)
	$(BIN)/jupytext --update --to ipynb notebooks/*.py notebooks/training/*.py
	$(BIN)/jupyter nbconvert --log-level WARN --clear-output --inplace notebooks/*.ipynb notebooks/training/*.ipynb

docs: $(STAMP)
	$(BIN)/python -m tools.rules_docs

# The catalogue: extract the keys (from the code and the English catalogue), merge them into
# each language's .po (new keys arrive untranslated: tests/test_i18n.py fails until filled in),
# compile the .mo files that ship with the package.
POT := build/okr_workshop.pot
LOCALE := okr_workshop/i18n/locale
i18n: $(STAMP)
	$(BIN)/python -m tools.i18n_extract $(POT)
	$(BIN)/pybabel update -D okr_workshop -i $(POT) -d $(LOCALE) --no-fuzzy-matching --ignore-pot-creation-date --width 120
	$(BIN)/pybabel compile -D okr_workshop -d $(LOCALE) --statistics

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache test-output
