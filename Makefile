# Leviers — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_WORKERS ?= auto
# Optional folder of official files to import too (grille de densité, PVD, France Services).
DONNEES ?=
STAMP := $(VENV)/.installed

.PHONY: run test lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Installe, migre, charge les données fournies et sert sur http://127.0.0.1:$(PORT)
run: $(STAMP)
	$(BIN)/leviers migrate --no-input
	$(BIN)/leviers bootstrap $(if $(DONNEES),--donnees $(DONNEES))
	$(BIN)/leviers runserver 127.0.0.1:$(PORT)

## Lance la suite de tests (SQLite par défaut, PostgreSQL si DATABASE_URL est défini),
## répartie sur TEST_WORKERS processus (un par cœur ; un fichier de tests reste sur un processus)
test: $(STAMP)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/leviers makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 var
