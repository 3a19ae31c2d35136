# The site and its checks. `make html` builds the site, `make test` runs the tests;
# both create .venv from pyproject.toml when it is missing or older than pyproject.toml.

PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SPHINXOPTS  ?= -W --keep-going
# Pages are read and written on every core (the course's extensions are parallel-safe, and the
# output is the same as with -j 1); SPHINXJOBS=1 builds in one process.
SPHINXJOBS  ?= auto
BUILDDIR    := _build
CHROMIUM    ?= /usr/bin/chromium

.PHONY: html pdf pdf-packages test serve outline check linkcheck links-offline links-github linkcheck-github clean bench lesson chromium help lint

help:
	@echo "make html       build the site into $(BUILDDIR)/html (zero warnings)"
	@echo "make test       run the whole test suite"
	@echo "make pdf        the whole course as one PDF: $(BUILDDIR)/aiinfra.pdf (xelatex)"
	@echo "make pdf-packages  install the Debian packages make pdf needs (as root), or name them"
	@echo "make serve      live preview at http://127.0.0.1:8000 with reload"
	@echo "make outline    regenerate outline tables and toctrees from module.yml"
	@echo "make check      every offline check a pull request must pass"
	@echo "make linkcheck  check all links, external ones too (network)"
	@echo "make lesson     scaffold a lesson: make lesson MODULE=04Train/01ParallelBegin STEM=08Example TITLE=示例"
	@echo "make bench      build-speed and link-check benchmarks"
	@echo "make clean      remove the build output"
	@echo "make lint       ruff (lint, import order, format check) and mypy"
	@echo "make links-offline     internal links only (no network)"
	@echo "make links-github      internal links as GitHub Actions annotations (pull requests)"
	@echo "make linkcheck-github  all links as GitHub Actions annotations (scheduled)"
	@echo "make chromium   install Debian's chromium for the browser tests (as root)"
	@echo "make help       this list"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

html: $(STAMP)
	$(PY) -m tools outline
	$(PY) -m sphinx -b html . $(BUILDDIR)/html -j $(SPHINXJOBS) $(SPHINXOPTS)

# The PDF: Sphinx's LaTeX builder, then xelatex through latexmk. TeX Live with ctex, the Noto CJK
# fonts and rsvg-convert (SVG figures) come from Debian; poppler-utils reads the PDF in the tests.
PDF_PACKAGES := texlive-xetex texlive-lang-chinese texlive-fonts-recommended latexmk fonts-noto-cjk librsvg2-bin poppler-utils

pdf: $(STAMP) pdf-packages
	$(PY) -m tools outline
	$(PY) -m sphinx -b latex . $(BUILDDIR)/latex $(SPHINXOPTS)
	cd $(BUILDDIR)/latex && make all-pdf LATEXMKOPTS="-silent -halt-on-error" LATEXOPTS="-interaction=nonstopmode"
	@if grep "Missing character" $(BUILDDIR)/latex/aiinfra.log >&2; then \
		echo "warning: the PDF's fonts lack the characters above (see xeCJKDeclareCharClass in conf.py)" >&2; fi
	cp $(BUILDDIR)/latex/aiinfra.pdf $(BUILDDIR)/aiinfra.pdf

# Installs what the PDF needs when we are allowed to, otherwise names it (exit 2).
pdf-packages:
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=$$(for p in $(PDF_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "make pdf needs Debian packages: sudo apt-get install -y --no-install-recommends" $$missing >&2; exit 2; fi

# Browser tests drive Debian's chromium; install it when we are allowed to.
chromium:
	@test -x $(CHROMIUM) || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "browser tests need $(CHROMIUM): sudo apt-get install -y chromium" >&2; fi; }

test: $(STAMP) chromium
	-@$(MAKE) --no-print-directory pdf-packages
	$(PY) -m pytest

serve: $(STAMP)
	$(PY) -m sphinx_autobuild . $(BUILDDIR)/html --host 127.0.0.1 --port 8000 \
		--ignore '$(VENV)/*' --ignore '.cache/*' --ignore 'tests/*' --ignore 'benchmarks/*' \
		--pre-build '$(PY) -m tools outline'

outline: $(STAMP)
	$(PY) -m tools outline

check: $(STAMP)
	$(PY) -m tools check

linkcheck: $(STAMP)
	$(PY) -m tools links

links-offline: $(STAMP)
	$(PY) -m tools links --offline

# The same checks, printed as GitHub Actions annotations (used by .github/workflows).
links-github: $(STAMP)
	$(PY) -m tools links --offline --format github

linkcheck-github: $(STAMP)
	$(PY) -m tools links --format github

lesson: $(STAMP)
	$(PY) -m tools new-lesson "$(MODULE)" "$(STEM)" --title "$(TITLE)" $(if $(SECTION),--section "$(SECTION)")

bench: $(STAMP)
	$(PY) benchmarks/bench_build.py
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/bench_links.py

# The same commands pre-commit and CI run, all three even when one fails, so one run lists
# every problem; `ruff format` (without --check) and `ruff check --fix` repair most of them.
lint: $(STAMP)
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status

clean:
	rm -rf $(BUILDDIR)
