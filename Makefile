# Two commands do all set-up on a fresh machine:
#   make report   install, run the pipeline on the embedded demo data, write the PDF
#   make test     install with test tools, run the test suite
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
# Runs started from here and `dagster dev` share one local Dagster instance.
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: report test test-spark benchmark dev docs lint format system-deps clean

report: $(VENV)/.installed
	$(VENV)/bin/cx-pipeline run

test: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest
	$(VENV)/bin/pytest -m benchmark
	$(MAKE) test-spark

# The pipeline on Apache Spark gives DuckDB's numbers and PDF (tests/spark_equality.py). Spark
# runs on Java 17 (Spark 3.5 supports 8, 11 and 17, not newer ones): SPARK_JAVA_HOME, Debian's by default.
SPARK_JAVA_HOME ?= /usr/lib/jvm/java-17-openjdk-amd64
test-spark: $(VENV)/.installed-spark
	JAVA_HOME=$(SPARK_JAVA_HOME) $(PY) -m tests.spark_equality

$(VENV)/.installed-spark: $(VENV)/.installed-dev
	@[ -x $(SPARK_JAVA_HOME)/bin/java ] || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends \
	    openjdk-17-jre-headless; }
	$(PY) -m pip install -q -e ".[dev,spark]"
	touch $@

# How the cost grows with the data (README "Scale"): ~100k, ~1M and ~10M orders, about
# 35 minutes and 30 GB of disk. Another set: make benchmark SCALES="0.2 3.3"
SCALES ?= 3.3 33 330
BENCH_WORK ?= /tmp/cx-scale
benchmark: $(VENV)/.installed-dev
	$(PY) benchmarks/scale.py --scales $(SCALES) --work $(BENCH_WORK)

dev: $(VENV)/.installed
	$(VENV)/bin/dagster dev

# dbt docs of the warehouse the last run built, served on http://localhost:8080.
docs: $(VENV)/.installed
	$(VENV)/bin/cx-pipeline docs --serve

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check cx_pipeline tests

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format cx_pipeline tests
	$(VENV)/bin/ruff check --fix .

# WeasyPrint needs Pango from the system, and HarfBuzz's subsetter: without it WeasyPrint
# subsets fonts with fontTools, whose output can differ between two renders of the same
# report in one process. Installed with apt-get when missing.
system-deps:
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(0 if u.find_library('pangoft2-1.0') and u.find_library('harfbuzz-subset') else 1)" \
	|| { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	     $$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends \
	       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; }

$(VENV)/.installed: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	$(VENV)/bin/cx-pipeline prepare
	@mkdir -p $(DAGSTER_HOME)
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

clean:
	rm -rf $(VENV) data reports .dagster_home dbt_project/target dbt_project/logs
