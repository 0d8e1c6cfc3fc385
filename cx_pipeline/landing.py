"""The raw landing zone: one Parquet file per system/table/load date, replaced atomically.

Layout: ``<root>/<system>/<table>/load_date=YYYY-MM-DD/data.parquet``. A write goes to a
temporary file beside its final place and is renamed over it, so a re-run of the same load
date replaces rather than duplicates, and a crash never leaves half a file under the real
name. Readers glob ``*.parquet``; temporary files end in ``.tmp-<id>`` and are never read.

Rows an extract sets aside (extract.quarantine) go beside the tables, in the same layout
under ``<root>/_quarantine/``: one file per system/table and the run's last load date.
"""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DATA_FILE = "data.parquet"
QUARANTINE_DIR = "_quarantine"


def partition_dir(root: Path, system: str, table: str, load_date: date) -> Path:
    return root / system / table / f"load_date={load_date.isoformat()}"


def write_partition(root: Path, system: str, table: str, load_date: date, data: pa.Table) -> Path:
    return write_partition_file(partition_dir(root, system, table, load_date) / DATA_FILE, data)


def write_partition_file(target: Path, data: pa.Table) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{DATA_FILE}.tmp-{uuid.uuid4().hex}")
    try:
        pq.write_table(data, tmp, compression="zstd")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


class DayFiles:
    """A run's Parquet files, one per day of its window, written batch by batch: memory
    holds a batch, not the table. Each day goes to a temporary file beside its place; a
    completed load renames them into place, so a re-run replaces and a failure leaves the
    previous files. A day without rows still gets its (empty) file."""

    def __init__(
        self, root: Path, system: str, table: str, days: list[date], schema: pa.Schema
    ) -> None:
        self._targets = {day: partition_dir(root, system, table, day) / DATA_FILE for day in days}
        self._schema = schema
        self._writers: dict[date, tuple[Path, pq.ParquetWriter]] = {}
        self.rows = dict.fromkeys(days, 0)

    def write(self, day: date, rows: pa.Table) -> None:
        if not rows.num_rows:
            return
        if day not in self._writers:
            target = self._targets[day]
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{DATA_FILE}.tmp-{uuid.uuid4().hex}")
            self._writers[day] = (tmp, pq.ParquetWriter(tmp, self._schema, compression="zstd"))
        self._writers[day][1].write_table(rows.cast(self._schema))
        self.rows[day] += rows.num_rows

    def discard(self) -> None:
        """Forget what was written (the files stay as they were)."""
        for tmp, writer in self._writers.values():
            writer.close()
            tmp.unlink(missing_ok=True)
        self._writers.clear()
        self.rows = dict.fromkeys(self.rows, 0)

    def commit(self) -> None:
        try:
            for day, target in self._targets.items():
                if day in self._writers:
                    tmp, writer = self._writers.pop(day)
                    writer.close()
                    with tmp.open("rb") as handle:
                        os.fsync(handle.fileno())
                    os.replace(tmp, target)
                else:
                    write_partition_file(target, self._schema.empty_table())
        finally:
            self.discard()


def write_quarantine(root: Path, system: str, table: str, load_date: date, data: pa.Table) -> Path:
    return write_partition(root / QUARANTINE_DIR, system, table, load_date, data)


def sweep_temporary_files(root: Path) -> list[Path]:
    """Remove temporary files a crashed run left behind; returns what was removed."""
    pattern = f"*/*/load_date=*/{DATA_FILE}.tmp-*"
    candidates = [*root.glob(pattern), *(root / QUARANTINE_DIR).glob(pattern)]
    removed = [p for p in candidates if p.is_file()]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def table_glob(root: Path, system: str, table: str) -> str:
    return str(root / system / table / "load_date=*" / "*.parquet")
