# Assistant achats durables — every command a developer or a CI needs.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/assistant.tar.gz
RASA_PORT ?= 5005
ACTION_PORT ?= 5055
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# This machine's pip configuration lists local package folders that may not exist; the index is enough.
export PIP_EXTRA_INDEX_URL :=
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook

# The knowledge base too: the NLU retrieval indexes its passages (its fingerprint follows them).
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/*/*.yml) $(wildcard knowledge/*.yml)
# Debian packages: running the assistant needs only curl (scripts/serve's health checks); the tests
# need more (browser, databases, proxy), which fragments in mk/ add to TEST_SYSTEM_PACKAGES.
SYSTEM_PACKAGES := curl
TEST_SYSTEM_PACKAGES :=
# Test targets run by `make test` after the core ones; fragments in mk/ add theirs.
TEST_TARGETS :=

-include mk/*.mk

.PHONY: install install-dev install-system run serve shell train test lint check-knowledge validate test-unit test-conversations \
	test-nlu clean

# What running the assistant needs (make run, serve, shell, train).
install: install-system $(VENV)/.installed node_modules/.installed

# What the tests and the tools need on top (make test and the quality targets).
install-dev: install $(VENV)/.installed-dev
	@scripts/install-system $(TEST_SYSTEM_PACKAGES)

install-system:
	@scripts/install-system $(SYSTEM_PACKAGES)

$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || $$(scripts/find-python310) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip check
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip check
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

train: $(MODEL)

$(MODEL): $(TRAINING_INPUTS) | install
	$(BIN)/rasa train --fixed-model-name assistant --out models --quiet

run: install $(MODEL)
	OPEN_BROWSER=1 scripts/serve http

shell: install $(MODEL)
	scripts/serve shell

serve: install $(MODEL)
	scripts/serve http

check-knowledge: install
	$(BIN)/python scripts/check_knowledge.py

lint: install-dev
	$(BIN)/ruff check textnorm.py topic_names.py buyer_lexicon.py places privacy actions channels clients nlu_components rasa_patches observability reporting scripts tests deploy
	$(BIN)/ruff format --check textnorm.py topic_names.py buyer_lexicon.py places privacy actions channels clients nlu_components rasa_patches \
		observability reporting scripts tests deploy

validate: install
	$(BIN)/rasa data validate --fail-on-warnings --quiet

# --durations: the slowest tests in every run's log, to see where the suite's time goes.
test-unit: install-dev
	$(BIN)/python -m pytest -q --durations=25 tests

# Pure tests only (no server, no browser, no trained model): tests/ without tests/system/, under a minute.
.PHONY: test-fast
test-fast: install
	$(BIN)/python -m pytest -q tests --ignore=tests/system

test-conversations: $(MODEL)
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --out reports/core \
		--fail-on-prediction-errors

test-nlu: $(MODEL)
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu/test_nlu.yml --out reports/nlu
	$(BIN)/python scripts/nlu_gate.py reports/nlu

test: lint check-knowledge validate $(MODEL) test-unit test-conversations test-nlu $(TEST_TARGETS)

clean:
	rm -rf models reports results .pytest_cache
