# Recast — every workflow starts here. `make demo` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
RUN_DIR ?= .run
PARTITIONS ?= 3
BROKER_STORAGE ?= memory
SCALE_TRANSCRIBER ?= 1
PYTEST_ARGS ?=

.PHONY: setup demo up down test test-unit lint typecheck check format bench asyncapi clean

setup: $(INSTALLED)

# torch is installed first, on its own: asked for by another package it would arrive as a multi-GB CUDA build.
# openai-whisper goes in with --no-deps because its triton requirement is ~1 GB that a CPU never uses;
# the packages it really needs come with the project's `openai-whisper` extra.
$(INSTALLED): pyproject.toml Makefile scripts/install-system-packages.sh
	./scripts/install-system-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check --no-deps openai-whisper==20250625
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,openai-whisper]'
	touch $@

demo: setup
	$(PY) -m infra.local.demo --run-dir $(RUN_DIR) --partitions $(PARTITIONS)

up: setup
	$(PY) -m infra.local.stack up --run-dir $(RUN_DIR) --partitions $(PARTITIONS) \
		--broker-storage $(BROKER_STORAGE) --scale transcriber=$(SCALE_TRANSCRIBER)

down:
	@if [ -x $(PY) ]; then $(PY) -m infra.local.stack down --run-dir $(RUN_DIR); fi

test: setup
	$(PY) -m pytest tests $(PYTEST_ARGS)

test-unit: setup
	$(PY) -m pytest tests/unit $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

typecheck: setup
	$(PY) -m mypy shared services infra cli tests

check: lint typecheck test

clean: down
	rm -rf $(VENV) $(RUN_DIR) .mypy_cache .ruff_cache .pytest_cache .models
