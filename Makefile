# Two commands do all set-up on a fresh Debian machine (as root): `make demo` and `make test`.
# Everything the project needs is installed here; nothing is downloaded at run time.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# the packages `make install` compiles (setup.py, PACKAGES)
COMPILED := bodies read header tasks deadlines citations lang
# Tesseract with its Vietnamese data (OCR), Chromium (explorer tests), a font with Vietnamese
# glyphs (rendered test scans), Python's venv module, and a C compiler with the Python headers (the
# install compiles the per-document stages and the reader: README, "Compiled stages").
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie chromium fonts-dejavu-core fonts-liberation2 python3 python3-venv python3-pip \
  gcc libc6-dev python3-dev

# Quiet: apt and pip print nothing but errors (apt's log is shown when it fails; pip -qq leaves out the
# pages of index and resolver notes), and recipes are not echoed, so `make demo` ends with its summary.
PIP_QUIET := -qq

.PHONY: all install system-deps demo test bench golden clean

all: test

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "run as root (or install:$$missing)"; exit 1; fi; \
	  log=$$(mktemp); \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; } >$$log 2>&1 \
	    || { cat $$log; rm -f $$log; exit 1; }; rm -f $$log; \
	fi

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	@echo "installing chithi and its dependencies into $(VENV) (a few minutes the first time) ..."
	@$(BIN)/python -m pip install $(PIP_QUIET) --upgrade pip
	@$(BIN)/python -m pip install $(PIP_QUIET) -e '.[dev]'
	@touch $@ $(VENV)/.compiled
	@echo "installed: $(BIN)/chithi"

# After an edit of a compiled package's sources its compiled modules no longer match them (the package then
# imports the sources: README, "Compiled stages"); compile them again, the package alone.
$(VENV)/.compiled: $(wildcard $(addsuffix /*.py,$(addprefix pipeline/,$(COMPILED)))) setup.py | $(VENV)/.installed
	@echo "compiling the stages and the reader again (their sources changed) ..."
	@$(BIN)/python -m pip install $(PIP_QUIET) --no-deps -e .
	@# (asked from outside the checkout: its root would find a shared library that the install no longer maps)
	@cd / && "$(CURDIR)/$(BIN)/python" -c 'import importlib, sys; pure = [p for p in sys.argv[1:] if not importlib.import_module("pipeline." + p).compiled]; pure and print("warning: these packages run as pure Python, slower (mypyc or the C compiler failed; see python -m pip install -v --no-deps -e .):", *pure)' $(COMPILED)
	@touch $@

# The programs of the package's regular expressions, compiled once for this Python (pipeline/regexes.py; README:
# "Start-up"); again after an edit of the package or its tables (a pattern edited since only misses them).
REGEX_PROGRAMS := pipeline/regex_programs.bin
$(REGEX_PROGRAMS): $(shell find pipeline models -name '*.py' -o -name '*.toml' -o -name '*.tsv') $(VENV)/.compiled
	@$(BIN)/python -c 'from pipeline.regexes import build; build()' \
	  || echo "warning: the regular expressions' programs were not stored (the patterns compile at run time)"

install: system-deps $(VENV)/.installed $(VENV)/.compiled $(REGEX_PROGRAMS)

demo: install
	@$(BIN)/chithi demo -o out/demo

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: install
	$(BIN)/chithi bench corpora/dev

# Store the records of corpora/sample as the golden ones (tests/test_golden.py) after an intended change.
golden: install
	$(BIN)/python -m tests.golden --refresh

clean:
	rm -rf out .pytest_cache build *.egg-info .mypy_cache *.so pipeline/*/*.so pipeline/*/compiled.json \
	  $(REGEX_PROGRAMS)
