# Two entry points for a fresh machine (Python >= 3.11):
#   make demo   set up .venv, build the knowledge base from the bundled samples, serve it
#   make test   set up .venv with the test tools, lint with ruff and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-test browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

# The tests run Ray (tests/test_ray.py) too: the ray extra with the test tools.
setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'

# The browser test drives Debian's Chromium (and needs a Japanese font for readable screenshots);
# install them when we may (root, apt), else the browser test is skipped.
browser:
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi ipa; } || { [ "$$(id -u)" = 0 ] \
	  && command -v apt-get >/dev/null 2>&1 && (apt-get update -qq && apt-get install -y -qq chromium fonts-ipafont-gothic >/dev/null) \
	  || echo "chromium not installed: browser tests will be skipped"; }

demo: setup
	$(BIN)/newskb demo

test: setup-test browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest
