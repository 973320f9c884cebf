# diplograph: `make run` builds seeds/ into exports/; `make test` runs every test.
# Both set up .venv first when it is missing or pyproject.toml/constraints.txt changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint browser clean eval train bench

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/diplograph build seeds --out exports
	@echo "diplograph is $(BIN)/diplograph; to call it by name, as the README does: . $(BIN)/activate"

# Headless Chromium for the browser tests, from Debian's packages.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q

# Fit the claim-confidence model on train, calibrate on dev (graph/data/confidence/).
train: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[train]'
	$(BIN)/python eval/train_confidence.py

# Build the seeds, real-dev and every split of the real-text corpus; print and save the scores.
eval: $(STAMP)
	$(BIN)/python eval/evaluate.py

# Every headline speed figure in one table (benchmarks/results/bench.json); QUICK=1 smoke-tests.
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(if $(QUICK),--quick)

lint: $(STAMP)
	$(BIN)/ruff check graph tests benchmarks eval
	$(BIN)/mypy graph

clean:
	rm -rf $(VENV) build *.egg-info
