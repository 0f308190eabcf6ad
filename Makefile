# Two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
CATALOGUES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)

.PHONY: run lan test test-fast setup deps deps-dev translations check clean

run: setup
	@echo "Paspor Pintar: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Room mode: serve the laptop's hotspot with a production server; print the join address + QR.
lan: setup
	$(FLASK) lan-info --port $(PORT)
	PUBLIC_URL="$${PUBLIC_URL:-$$($(FLASK) lan-info --port $(PORT) --base-only)}" \
	  $(BIN)/gunicorn --config gunicorn.conf.py --bind 0.0.0.0:$(PORT) "app:create_app()"

# The tests run in one process per core (pytest-xdist, at most 4), each test module in one
# process (its module fixtures are made once); `PARALLEL=0` runs them in this one process.
PARALLEL ?= auto
XDIST = $(if $(filter 0,$(PARALLEL)),,-n $(PARALLEL) --maxprocesses 4 --dist loadscope)

test: deps-dev translations
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# The inner loop: everything but the browser tests.
test-fast: deps-dev translations
	$(BIN)/python -m pytest --ignore=tests/e2e $(XDIST) $(PYTEST_ARGS)

setup: deps translations instance/config.py
	$(FLASK) setup

deps: $(VENV)/.installed
deps-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

translations: $(CATALOGUES:.po=.mo)

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@ -l $(word 3,$(subst /, ,$<)) -D messages

# A random secret key, made once per machine and never committed.
instance/config.py:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print('SECRET_KEY = ' + repr(secrets.token_hex(32)))" > $@

check: deps
	$(FLASK) content check

clean:
	rm -rf $(VENV) app/translations/*/LC_MESSAGES/*.mo
