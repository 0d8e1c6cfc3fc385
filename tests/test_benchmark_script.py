"""benchmarks/scale.py runs end to end at a tiny scale and prints what it promises.

Two real pipeline runs (history, then one night) take a few minutes, so the test is marked
`benchmark` and runs as its own step of `make test`, outside the default suite."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cx_pipeline.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "benchmarks" / "scale.py"
SCALE = "0.1"


@pytest.mark.benchmark
def test_the_scale_benchmark_runs_at_its_smallest_scale(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--scales", SCALE, "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout

    orders = int(re.search(r"== scale 0\.1: ([\d,]+) orders ==", out).group(1).replace(",", ""))
    assert orders > 0
    shown = dict(re.findall(r"^  (\w+/\w+) +([\d,]+)$", out, flags=re.MULTILINE))
    assert shown["shop/orders"] == f"{orders:,}"
    assert len(shown) == 21  # every raw table of the landing zone

    full = out[out.index("full run (history):") : out.index("ten slowest dbt models:")]
    for stage in ("extract", "dbt build", "report", "total"):
        wall, peak = re.search(rf"^  {stage} +([\d.]+) s +peak +([\d,]+) MiB", full, re.M).groups()
        assert float(wall) > 0 and int(peak.replace(",", "")) > 0, stage
    assert re.search(r"^    dbt itself [\d.]+ s \(models [\d.]+, tests [\d.]+", full, re.M)
    slowest = out[out.index("ten slowest dbt models:") : out.index("nightly run")]
    assert len(re.findall(r"^  \w+ +[\d.]+ s$", slowest, flags=re.MULTILINE)) == 10
    assert re.search(r"nightly run \(one new day\): [\d.]+ s, peak [\d,]+ MiB", out)
    # The script stops with an error when the hand-written query and the warehouse differ.
    assert "same figures:" in out
    assert re.search(r"^  nps +-?[\d.]+$", out, flags=re.MULTILINE)
    summary = out[out.index("summary (seconds, MiB):") :]
    assert re.search(rf"^ +{SCALE} +{orders:,} ", summary, flags=re.MULTILINE)
