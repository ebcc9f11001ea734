# fieldapp — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/demo-140824.sqlite
DEB_PKGS := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 \
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
  libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 fonts-wqy-microhei \
  poppler-utils poppler-data zbar-tools gdal-bin \
  postgresql postgresql-postgis

.PHONY: run test deps venv bench soak lint clean demo translations package screenshots

run: venv translations
	@test -f $(DEMO_DB) || { mkdir -p $(dir $(DEMO_DB)) && $(BIN)/fieldapp demo $(DEMO_DB); }
	$(BIN)/fieldapp $(DEMO_DB)

test: venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not soak"

soak: venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m soak

# BENCH_2X=1: every workload again at twice the county's size, and the growth (issue 20).
BENCH_2X ?= 1
bench: venv
	BENCH_2X=$(BENCH_2X) $(BIN)/python -m bench

demo: venv
	mkdir -p demo && $(BIN)/fieldapp demo $(DEMO_DB)

# Qt translations: resources/i18n/zh_CN/*.tsv -> fieldapp_zh_CN.ts -> fieldapp_zh_CN.qm
translations: venv
	$(BIN)/python tools/i18n.py build >/dev/null

# One-folder build in dist/fieldapp (PyInstaller), then the headless smoke check of the built app.
package: venv translations
	$(BIN)/pyinstaller packaging/fieldapp.spec --noconfirm --distpath dist --workpath build/pyinstaller
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/smoke.py dist/fieldapp

# Screenshots for the user guide and README (docs/img), taken under Xvfb on a demo county.
screenshots: venv translations
	$(BIN)/python tools/screenshots.py

lint: venv
	$(BIN)/ruff check fieldapp tests bench tools
	$(BIN)/lint-imports

# Debian libraries for Qt (offscreen and X11), the CJK font and the PDF/QR/GIS checking tools.
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

venv: deps $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info
