"""Generation driver: global tables first, then customer chunks appended to every file."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from cx_pipeline.source_tables import TABLES

from . import dirt
from .chunk import Context, build_tables, draw_story
from .followup import followup_rates
from .ids import IdCursor
from .org import build_org
from .people import PERSONS_PER_SCALE
from .timeline import build_timeline
from .writer import ExportFile, write_json_atomic

CHUNK_PERSONS = 40_000
MANIFEST = "_manifest.json"
GENERATOR_VERSION = 1


def chunk_sizes(scale: float) -> list[int]:
    total = max(50, round(PERSONS_PER_SCALE * scale))
    n_chunks = math.ceil(total / CHUNK_PERSONS)
    base, extra = divmod(total, n_chunks)
    return [base + (1 if k < extra else 0) for k in range(n_chunks)]


def generate(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 42,
    end_date: date = date(2026, 10, 31),
    months: int = 18,
) -> dict[str, int]:
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    if months < 6:
        raise ValueError(f"months must be at least 6, got {months}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tl = build_timeline(end_date, months)
    sizes = chunk_sizes(scale)
    seeds = np.random.SeedSequence(seed).spawn(len(sizes) + 1)
    cursor = IdCursor()
    org_rng = np.random.default_rng(seeds[0])
    org, global_tables = build_org(org_rng, tl, scale, cursor)
    ctx = Context(
        tl=tl,
        org=org,
        change_ts=tl.month_start_ts(tl.n_months - 4),
        upgrade_ts=tl.month_start_ts(tl.n_months - 3),
        followup_rates=followup_rates(org_rng, tl.n_months),
    )

    files = {t.key: ExportFile(out_dir, t) for t in TABLES}
    counts: dict[str, dict[str, int]] = {}

    def write_all(tables: dict[str, Any]) -> None:
        for key, table in tables.items():
            files[key].write(table)

    # One writer thread: chunk k is formatted and written while chunk k+1 is drawn (Arrow
    # releases the GIL). At most one chunk waits, so memory stays at about two chunks.
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            pending = pool.submit(write_all, global_tables)
            p0 = 0
            for k, n in enumerate(sizes):
                rng = np.random.default_rng(seeds[k + 1])
                story = draw_story(rng, ctx, n, p0, first_chunk=k == 0)
                tables, found = build_tables(rng, ctx, story, cursor, first_chunk=k == 0)
                del story
                dirt.merge(counts, found)
                p0 += n
                pending.result()
                pending = pool.submit(write_all, tables)
                del tables
            pending.result()
            for f in files.values():
                f.commit()
        except BaseException:
            for f in files.values():
                f.abort()
            raise

    rows = {key: f.rows for key, f in files.items()}
    manifest: dict[str, Any] = {
        "generator": "cx_pipeline.demo",
        "generator_version": GENERATOR_VERSION,
        "scale": scale,
        "seed": seed,
        "start_date": tl.start.isoformat(),
        "end_date": tl.end.isoformat(),
        "months": months,
        "timezone": "Europe/Helsinki",
        "export_timestamp": _iso(tl.export_ts),
        "delivery_partner_change": _iso(ctx.change_ts),
        "chatbot_upgrade": _iso(ctx.upgrade_ts),
        "chunks": len(sizes),
        "rows": rows,
        "dirt": counts,
    }
    write_json_atomic(out_dir / MANIFEST, manifest)
    return rows


def _iso(ts: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = ["MANIFEST", "generate"]
