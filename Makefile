# Shortcuts for developers; dev.py is the source of truth and needs nothing but Python 3.11.
.PHONY: start test test-fast setup lint format lock messages

start:
	python3 dev.py start

test:
	python3 dev.py test

test-fast:
	python3 dev.py test -m "not browser and not slow" -q

setup:
	python3 dev.py setup

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy klachtwijzer

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

messages:
	.venv/bin/klachtwijzer check_catalogues

lock:
	python3 dev.py lock
