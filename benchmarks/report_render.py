"""Time the report render from a built warehouse: seconds and PDF size per language.

    python benchmarks/report_render.py --config cx_pipeline.yaml --runs 5

The warehouse named in the config must be built (`make report`). Each language renders
`--runs` times into a temporary folder; the first run is reported apart (it loads fonts,
matplotlib and WeasyPrint), the others as median and max. The issue's targets are printed
beside the figures: under 5 s and under 2 MB.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from cx_pipeline.config import LANGUAGES, load_settings
from cx_pipeline.report import build_report
from cx_pipeline.warehouse_readers import warehouse_reader

TARGET_SECONDS = 5.0
TARGET_BYTES = 2 * 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=None, help="cx_pipeline.yaml (default: the usual)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--period", default=None, help="auto, YYYY-MM or YYYY-Www")
    args = parser.parse_args(argv)

    settings = load_settings(args.config)
    generated_at = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)  # fixed: identical PDFs
    with tempfile.TemporaryDirectory(prefix="cx-report-bench-") as folder:
        settings = replace(settings, paths=replace(settings.paths, reports=Path(folder)))
        for language in LANGUAGES:
            seconds = []
            for _ in range(args.runs):
                start = time.perf_counter()
                result = build_report(
                    warehouse_reader(settings),
                    settings,
                    language=language,
                    period=args.period,
                    generated_at=generated_at,
                )
                seconds.append(time.perf_counter() - start)
            size = result.path.stat().st_size
            warm = seconds[1:] or seconds
            print(
                f"{language} {result.period}: {result.page_count} pages, {size / 1024:,.0f} KB "
                f"({'under' if size < TARGET_BYTES else 'OVER'} 2 MB); first run "
                f"{seconds[0]:.2f} s, then median {statistics.median(warm):.2f} s, "
                f"max {max(warm):.2f} s "
                f"({'under' if max(seconds) < TARGET_SECONDS else 'OVER'} {TARGET_SECONDS:g} s)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
