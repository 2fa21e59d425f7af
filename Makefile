# Leviers — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_WORKERS ?= auto
# Optional folder of official files to import too (grille de densité, PVD, France Services).
DONNEES ?=
# TELECHARGER=1: fetch those files from their publishers' addresses instead (needs Internet).
TELECHARGER ?=
STAMP := $(VENV)/.installed

.PHONY: run test lint format clean lock audit

$(STAMP): pyproject.toml requirements/openfisca.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps -r requirements/openfisca.txt
	touch $(STAMP)

## Installe, migre, charge les données fournies et sert sur http://127.0.0.1:$(PORT)
run: $(STAMP)
	$(BIN)/leviers migrate --no-input
	$(BIN)/leviers bootstrap $(if $(DONNEES),--donnees $(DONNEES)) $(if $(TELECHARGER),--telecharger)
	$(BIN)/leviers runserver 127.0.0.1:$(PORT)

## Lance la suite de tests (SQLite par défaut, PostgreSQL si DATABASE_URL est défini),
## répartie sur TEST_WORKERS processus (un par cœur ; un fichier de tests reste sur un processus).
## Le bytecode est gardé (__pycache__, ignoré par git) même si PYTHONDONTWRITEBYTECODE est posé :
## sans lui, chaque processus recompile les modules de tests réécrits par pytest (décision 42).
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/leviers makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 var

## Régénère requirements/production.txt : versions figées pour le déploiement, résolues dans un
## environnement vierge (demande l'accès à PyPI). `make run` n'en a pas besoin.
lock:
	rm -rf $(VENV)/lock
	$(PYTHON) -m venv $(VENV)/lock
	$(VENV)/lock/bin/pip install --quiet --upgrade pip
	$(VENV)/lock/bin/pip install --quiet '.[redis]'
	$(VENV)/lock/bin/pip install --quiet --no-deps -r requirements/openfisca.txt
	mkdir -p requirements
	{ echo "# Versions figées pour le déploiement (docs/deploiement.md). Produit par make lock :"; \
	  echo "# ne pas modifier à la main."; \
	  $(VENV)/lock/bin/pip freeze --exclude leviers --exclude OpenFisca-France; } > requirements/production.txt
	{ echo "# OpenFisca-France, figé par make lock, à installer avec pip install --no-deps"; \
	  echo "# (requirements/openfisca.txt dit pourquoi). Ne pas modifier à la main."; \
	  $(VENV)/lock/bin/pip freeze | grep -i '^openfisca-france=='; } > requirements/production-nodeps.txt
	rm -rf $(VENV)/lock

## Cherche les vulnérabilités connues des versions figées (pip-audit ; demande l'accès réseau)
audit:
	test -x $(VENV)/audit/bin/pip-audit || { $(PYTHON) -m venv $(VENV)/audit && \
	  $(VENV)/audit/bin/pip install --quiet pip-audit; }
	$(VENV)/audit/bin/pip-audit --strict --no-deps --requirement requirements/production.txt \
	  --requirement requirements/production-nodeps.txt
