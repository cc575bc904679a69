# Two commands do all the set-up on a fresh machine (Python 3.11+ is all they need):
#   make run    the bot; with no BOT_TOKEN, against the local stand-in Bot API
#   make test   the whole test suite (TEST_DATABASE_URL=postgresql+asyncpg://... for PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test test-dates lint flows migrate clean sandbox-reset demo screenshots install-prod check-deploy lock backup

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(PY) -m bot

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite with the clock moved (tests/conftest.py reads HAMYAR_TEST_NOW), on SQLite.
TEST_DATES ?= 2027-04-10T09:00:00+03:30 2030-01-01T09:00:00+03:30
test-dates: $(VENV)/.installed
	set -e; for d in $(TEST_DATES); do \
	  echo "== tests with the clock at $$d"; \
	  HAMYAR_TEST_NOW=$$d TEST_DATABASE_URL= $(PY) -m pytest -x -q -p no:cacheprovider $(PYTEST_ARGS); \
	done

# ruff, the layer contracts (import-linter) and the type check, as CI runs them.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

# Redraw docs/flows/*.mmd from the conversations' transition tables.
flows: $(VENV)/.installed
	$(PY) -m bot.flows

migrate: $(VENV)/.installed
	$(PY) -m bot migrate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The sandbox's chats and the bot's database belong together: reset both.
sandbox-reset:
	rm -rf sandbox-state data/hamyar.db data/hamyar.db-wal data/hamyar.db-shm

# A living catalogue for a workshop: sellers, listings in the channel, orders (idempotent).
demo: $(VENV)/.installed
	$(PY) -m sandbox.demo

screenshots: $(VENV)/.installed
	HAMYAR_UPDATE_SCREENSHOTS=1 $(PY) -m pytest -q tests/test_webchat_flows.py

# -- running it on a server (README, «Running it on a server») -------------------------------
PROD_VENV ?= /opt/hamyar/venv

# The production install: exactly the versions in requirements.lock (hash-checked).
install-prod:
	sh deploy/install.sh $(PROD_VENV)

# That install into a throw-away venv, plus the checks of the unit, Dockerfile and compose file.
check-deploy: $(VENV)/.installed
	HAMYAR_INSTALL_TEST=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_ops_install.py

# Re-pin requirements.lock after changing the dependencies in pyproject.toml.
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-trusted-host \
		--no-emit-find-links --strip-extras --output-file requirements.lock pyproject.toml

backup: $(VENV)/.installed
	$(PY) -m bot backup
