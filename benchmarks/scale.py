"""How the pipeline's cost grows with the data: the real pipeline, run as a user runs it.

    python benchmarks/scale.py                     # ~100k, ~1M and ~10M orders
    python benchmarks/scale.py --scales 3.3 33     # a subset
    python benchmarks/scale.py --scales 0.2 --work /tmp/cx-scale   # a quick smoke run

Per scale: generate the demo company (timed apart, not part of the pipeline), then
`cx-pipeline run` for the day before the data's last day (its partition carries the
whole history: extract -> dbt build with tests -> report), then the nightly run of the
last day on top of it. Prints rows per raw table; wall time and peak memory (the
whole process tree, sampled) per stage and in total; the ten slowest dbt models from
dbt's run results; the nightly run's time; and the floor: five headline figures of the
last complete month by one hand-written DuckDB query over the landing zone (floor.py),
its time beside the pipeline's, stopping if its figures differ from the warehouse's.
Stage times come from the run's step events in its Dagster instance.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb
import psutil
import yaml
from floor import compare, floor_figures, pipeline_figures

from cx_pipeline.demo import generate
from cx_pipeline.source_tables import TABLES

END_DATE = date(2026, 10, 31)
# The month the floor comparison checks: the last complete month of the data.
FLOOR_MONTH = END_DATE.replace(day=1)
CLI = Path(sys.executable).with_name("cx-pipeline")
REPORT_STEPS = {"cx_report_pdf", "negative_feedback_alerts", "cx_report_email"}
DBT_STEP = "cx_dbt_models"
SAMPLE_SECONDS = 0.2


@dataclass
class TreeMemory:
    """Samples the resident memory of a process and all its children, summed."""

    pid: int
    samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        root = psutil.Process(self.pid)
        while not self._stop.is_set():
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            self.samples.append((time.time(), total))
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self, start: float = 0.0, end: float = float("inf")) -> int:
        return max((rss for t, rss in self.samples if start <= t <= end), default=0)


@dataclass(frozen=True)
class Timed:
    wall: float
    peak: int
    stages: dict[str, tuple[float, int]]


def _mib(value: int) -> str:
    return f"{value / 2**20:,.0f} MiB"


def write_config(root: Path, start: date) -> Path:
    config = {
        "paths": {
            "exports": "exports",
            "landing": "raw",
            "warehouse": "warehouse/cx.duckdb",
            "reports": "reports",
            "state": "state",
        },
        "demo": {"generate_if_missing": False},
        "partitions": {"start_date": start.isoformat()},
    }
    path = root / "cx_pipeline.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def step_windows(dagster_home: Path) -> dict[str, tuple[float, float]]:
    """The latest run's steps: name -> (start, end) as epoch seconds."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(dagster_home)
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs(limit=1)
        return {
            s.step_key: (s.start_time, s.end_time)
            for s in instance.get_run_step_stats(run.run_id)
            if s.start_time and s.end_time
        }


def run_pipeline(config: Path, dagster_home: Path, day: date, log: Path) -> Timed:
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    command = [str(CLI), "run", "--config", str(config), "--from", str(day), "--to", str(day)]
    started = time.time()
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        memory = TreeMemory(process.pid)
        code = process.wait()
        memory.stop()
    wall = time.time() - started
    if code != 0:
        raise SystemExit(f"cx-pipeline run for {day} failed; see {log}")
    windows = step_windows(dagster_home)
    groups = {
        "extract": [w for k, w in windows.items() if k != DBT_STEP and k not in REPORT_STEPS],
        "dbt build": [w for k, w in windows.items() if k == DBT_STEP],
        "report": [w for k, w in windows.items() if k in REPORT_STEPS],
    }
    stages = {}
    for name, spans in groups.items():
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            stages[name] = (end - start, memory.peak(start, end))
    return Timed(wall, memory.peak(), stages)


def raw_rows(landing: Path) -> dict[str, int]:
    counts = {}
    with duckdb.connect() as con:
        for table in TABLES:
            files = sorted((landing / table.system / table.name).glob("load_date=*/*.parquet"))
            if not files:
                counts[table.key] = 0
                continue
            paths = [str(p) for p in files]
            counts[table.key] = con.execute(
                "select count(*) from read_parquet(?)", [paths]
            ).fetchone()[0]
    return counts


def _run_results(warehouse: Path) -> dict:
    return json.loads(
        (warehouse.with_name(f"{warehouse.name}.dbt") / "run_results.json").read_text()
    )


def slowest_models(warehouse: Path, top: int = 10) -> list[tuple[str, float]]:
    models = [
        (r["unique_id"].split(".")[-1], r["execution_time"])
        for r in _run_results(warehouse)["results"]
        if r["unique_id"].startswith("model.")
    ]
    return sorted(models, key=lambda m: -m[1])[:top]


def dbt_split(warehouse: Path) -> dict[str, float]:
    """dbt's own time in the last build (its run results): in total, and summed per kind
    of node. The rest of the Dagster step is outside dbt."""
    results = _run_results(warehouse)
    split = {"dbt itself": results["elapsed_time"]}
    for kind in ("model", "test", "seed"):
        split[f"{kind}s"] = sum(
            r["execution_time"] for r in results["results"] if r["unique_id"].startswith(kind)
        )
    return split


def bench_scale(scale: float, work: Path) -> dict[str, object]:
    root = work / f"scale-{scale:g}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    started = time.time()
    generate(root / "exports", scale=scale, seed=42, end_date=END_DATE, months=18)
    generation = time.time() - started

    history_day = END_DATE - timedelta(days=1)
    config = write_config(root, history_day)
    dagster_home = root / "dagster"
    dagster_home.mkdir()
    warehouse = root / "warehouse" / "cx.duckdb"
    full = run_pipeline(config, dagster_home, history_day, root / "full.log")
    slowest = slowest_models(warehouse)
    full_dbt = dbt_split(warehouse)
    nightly = run_pipeline(config, dagster_home, END_DATE, root / "nightly.log")
    nightly_dbt = dbt_split(warehouse)
    started = time.time()
    floor = floor_figures(root / "raw", FLOOR_MONTH)
    floor_wall = time.time() - started
    pipeline = pipeline_figures(root / "warehouse" / "cx.duckdb", FLOOR_MONTH)
    differences = compare(floor, pipeline)
    if differences:
        raise SystemExit(f"scale {scale:g}: the floor and the pipeline differ: {differences}")
    return {
        "scale": scale,
        "generation": generation,
        "rows": raw_rows(root / "raw"),
        "full": full,
        "slowest": slowest,
        "dbt": (full_dbt, nightly_dbt),
        "nightly": nightly,
        "floor": (floor, floor_wall),
    }


def print_overheads(run: Timed, dbt: dict[str, float]) -> None:
    """Where the time outside the data work goes: dbt's own run against its Dagster step,
    and the run's time outside every step."""
    step = run.stages.get("dbt build", (0.0, 0))[0]
    kinds = ", ".join(f"{k} {v:.1f}" for k, v in dbt.items() if k != "dbt itself")
    print(
        f"    dbt itself {dbt['dbt itself']:.1f} s ({kinds}); the other "
        f"{step - dbt['dbt itself']:.1f} s of the step: start-up and parse, the warehouse "
        "copy, Dagster's events and the tables' metadata"
    )
    outside = run.wall - sum(wall for wall, _ in run.stages.values())
    print(
        f"    outside the steps {outside:.1f} s: process start, loading the definitions, "
        "the run's planned events, between steps"
    )


def print_result(result: dict[str, object]) -> None:
    rows: dict[str, int] = result["rows"]  # type: ignore[assignment]
    full: Timed = result["full"]  # type: ignore[assignment]
    nightly: Timed = result["nightly"]  # type: ignore[assignment]
    print(f"\n== scale {result['scale']:g}: {rows.get('shop/orders', 0):,} orders ==")
    print(f"demo generation (not in the pipeline's time): {result['generation']:.1f} s")
    for key, count in rows.items():
        print(f"  {key:34} {count:>12,}")
    print(f"  {'raw rows in total':34} {sum(rows.values()):>12,}")
    print("full run (history):")
    for name, (wall, peak) in full.stages.items():
        print(f"  {name:12} {wall:8.1f} s   peak {_mib(peak)}")
    print(f"  {'total':12} {full.wall:8.1f} s   peak {_mib(full.peak)}  (process start included)")
    full_dbt, nightly_dbt = result["dbt"]  # type: ignore[misc]
    print_overheads(full, full_dbt)
    print("ten slowest dbt models:")
    for name, seconds in result["slowest"]:  # type: ignore[attr-defined]
        print(f"  {name:44} {seconds:7.2f} s")
    print(f"nightly run (one new day): {nightly.wall:.1f} s, peak {_mib(nightly.peak)}")
    for name, (wall, _) in nightly.stages.items():
        print(f"  {name:12} {wall:8.1f} s")
    print_overheads(nightly, nightly_dbt)
    figures, floor_wall = result["floor"]  # type: ignore[misc]
    print(
        f"floor: {FLOOR_MONTH:%Y-%m} by one DuckDB query over the landing zone in "
        f"{floor_wall:.1f} s (pipeline full run {full.wall:.1f} s), same figures:"
    )
    for name, value in figures.items():
        print(f"  {name:34} {value:>16,.4f}")


def print_summary(results: list[dict[str, object]]) -> None:
    """One line per scale, then each step's growth in wall time against the scale before."""
    print("\nsummary (seconds, MiB):")
    header = ("orders", "raw rows", "extract", "dbt build", "report", "full", "peak", "nightly")
    print(f"  {'scale':>6} " + " ".join(f"{h:>11}" for h in header))
    for result in results:
        rows: dict[str, int] = result["rows"]  # type: ignore[assignment]
        full: Timed = result["full"]  # type: ignore[assignment]
        nightly: Timed = result["nightly"]  # type: ignore[assignment]
        stages = [full.stages.get(name, (0.0, 0))[0] for name in ("extract", "dbt build", "report")]
        cells = [
            f"{rows.get('shop/orders', 0):,}",
            f"{sum(rows.values()):,}",
            *(f"{wall:.1f}" for wall in stages),
            f"{full.wall:.1f}",
            f"{full.peak / 2**20:,.0f}",
            f"{nightly.wall:.1f}",
        ]
        print(f"  {result['scale']:>6g} " + " ".join(f"{c:>11}" for c in cells))
    for before, after in itertools.pairwise(results):
        ratio = after["full"].wall / before["full"].wall  # type: ignore[attr-defined]
        orders = after["rows"]["shop/orders"] / max(before["rows"]["shop/orders"], 1)  # type: ignore[index]
        print(
            f"  scale {before['scale']:g} -> {after['scale']:g}: {orders:.1f}x the orders, "
            f"{ratio:.1f}x the full run's wall time"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[3.3, 33.0, 330.0])
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: temp)")
    args = parser.parse_args(argv)
    # Each scale's figures as soon as they exist, also into a file: a run takes an hour.
    sys.stdout.reconfigure(line_buffering=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="cx-scale-"))
    results = []
    for scale in args.scales:
        result = bench_scale(scale, work)
        print_result(result)
        results.append(result)
    print_summary(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
