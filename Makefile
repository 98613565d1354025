# Samverkan. The two commands you need:
#   make run    install into .venv, migrate SQLite, load demo data, serve http://127.0.0.1:8000
#   make test   install what the tests need (incl. Chromium when root), run every test
#   make serve  run as production does: gunicorn (DEBUG off), the worker and the scheduler
# The logic lives in scripts/; these targets only call it.

.DEFAULT_GOAL := help
.PHONY: help setup run serve test lint worker ci

ARGS ?=

help:
	@echo "make run     install, migrate, load demo data and serve http://127.0.0.1:8000"
	@echo "make serve   run as production does: gunicorn, worker, scheduler (settings: README, Drift)"
	@echo "make test    install what the tests need and run every test (ARGS=... goes to pytest)"
	@echo "make setup   install Python and front-end packages, compile translations"
	@echo "make lint    ruff check, ruff format --check, mypy"
	@echo "make worker  run the background task worker in the foreground"
	@echo "make ci      the whole CI run (.ci/run): setup, lint, tests on SQLite and PostgreSQL"

setup:
	@scripts/setup.sh

run:
	@scripts/run.sh

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh $(ARGS)

lint:
	@scripts/lint.sh

worker:
	@scripts/worker.sh

ci:
	@.ci/run
