"""Time a demo-company generation: wall time, peak memory and rows per table.

    python benchmarks/generate_demo.py --scale 33 --out /tmp/cx-demo

Scale 1 is ~30k orders; ~33 gives ~1M and ~330 ~10M (see ``cx_pipeline.demo``).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from cx_pipeline.demo import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--end-date", type=date.fromisoformat, default=date(2026, 10, 31))
    parser.add_argument("--months", type=int, default=18)
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: a temp dir)"
    )
    args = parser.parse_args(argv)

    out = args.out or Path(tempfile.mkdtemp(prefix="cx-demo-"))
    start = time.perf_counter()
    rows = generate(
        out, scale=args.scale, seed=args.seed, end_date=args.end_date, months=args.months
    )
    wall = time.perf_counter() - start
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mib = peak / 1024 / (1024 if sys.platform == "darwin" else 1)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())

    width = max(len(k) for k in rows)
    for key, count in sorted(rows.items()):
        print(f"{key:<{width}}  {count:>12,}")
    print(f"{'total rows':<{width}}  {sum(rows.values()):>12,}")
    print(
        f"scale {args.scale:g}: wall {wall:.1f} s, peak RSS {peak_mib:,.0f} MiB, "
        f"{size / 1e6:,.0f} MB written to {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
