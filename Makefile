# Lotse: `make run` starts the program, `make test` runs every test headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint setup system-runtime system-test bench bench-quick soak clean

run: setup system-runtime
	$(PY) main.py

test: lint system-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Lint, format check and types (ruff and mypy, settings in pyproject.toml); `make test` runs it first.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

system-runtime:
	@bash .ci/system-packages.sh runtime

system-test:
	@bash .ci/system-packages.sh test

bench: setup system-test
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks --size full

bench-quick: setup system-test
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks --size quick

soak: setup system-test
	QT_QPA_PLATFORM=offscreen LOTSE_SOAK=1 $(PY) -m pytest -q tests/reliability

clean:
	rm -rf $(VENV) build *.egg-info
