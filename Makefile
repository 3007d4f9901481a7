# Two commands do all set-up on a fresh Debian machine (as root): `make demo` and `make test`.
# Everything the project needs is installed here; nothing is downloaded at run time.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Tesseract with its Vietnamese data (OCR), Chromium (explorer tests), a font with Vietnamese
# glyphs (rendered test scans), and Python's venv module.
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie chromium fonts-dejavu-core fonts-liberation2 python3 python3-venv python3-pip

.PHONY: all install system-deps demo test bench clean

all: test

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "run as root (or install:$$missing)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: system-deps $(VENV)/.installed

demo: install
	$(BIN)/chithi demo -o out/demo

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: install
	$(BIN)/chithi bench corpora/dev

clean:
	rm -rf out .pytest_cache build *.egg-info
