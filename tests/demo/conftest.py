"""The demo company generated once per session, and its files read back with pandas."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

import pandas as pd
import pytest

from cx_pipeline.demo import MANIFEST, generate
from cx_pipeline.source_tables import TABLES_BY_KEY, TS

SCALE = 1.0
SEED = 42
LOCAL_TZ = "Europe/Helsinki"


class Demo:
    """Lazy pandas views of one generated export folder (raw rows, dirt included)."""

    def __init__(self, root: Path, rows: dict[str, int]) -> None:
        self.root = root
        self.rows = rows
        self._cache: dict[str, pd.DataFrame] = {}

    @cached_property
    def manifest(self) -> dict:
        return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))

    def path(self, key: str) -> Path:
        table = TABLES_BY_KEY[key]
        return self.root / table.system / table.file_name

    def raw(self, key: str) -> pd.DataFrame:
        """Every row as written (duplicates and older copies included), timestamps parsed."""
        if key not in self._cache:
            table = TABLES_BY_KEY[key]
            if table.file_format == "csv":
                df = pd.read_csv(self.path(key), keep_default_na=False, na_values=[""])
            else:
                df = pd.read_json(self.path(key), lines=True, dtype=False)
            for name, kind in table.columns.items():
                if kind == TS:
                    df[name] = pd.to_datetime(df[name], utc=True)
            self._cache[key] = df
        return self._cache[key]

    def latest(self, key: str) -> pd.DataFrame:
        """One row per primary key: the copy with the newest updated_at (what a pipeline keeps)."""
        table = TABLES_BY_KEY[key]
        df = self.raw(key)
        return df.sort_values(table.updated_at, kind="stable").drop_duplicates(
            table.primary_key, keep="last"
        )


def local_month(ts: pd.Series) -> pd.Series:
    return ts.dt.tz_convert(LOCAL_TZ).dt.strftime("%Y-%m")


def norm_email(s: pd.Series) -> pd.Series:
    return s.str.strip().str.lower()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    root = tmp_path_factory.mktemp("demo") / "exports"
    rows = generate(root, scale=SCALE, seed=SEED)
    return Demo(root, rows)
