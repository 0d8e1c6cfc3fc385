"""Unit tests of the calendar, the time formatting and the JSON encoding."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import numpy as np
import pyarrow as pa

from cx_pipeline.demo.timeline import (
    HOUR,
    add_business_seconds,
    build_timeline,
    easter,
    finnish_holidays,
    next_business_open,
)
from cx_pipeline.demo.writer import format_dates, format_timestamps, jsonl_lines
from cx_pipeline.source_tables import BOOL, INT, STR, STR_LIST, TS, SourceTable


def _utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


def test_holidays() -> None:
    assert easter(2026) == date(2026, 4, 5)
    assert easter(2025) == date(2025, 4, 20)
    h = finnish_holidays(2026)
    assert h[date(2026, 6, 19)] == "juhannusaatto"
    assert date(2026, 12, 6) in h and date(2026, 4, 3) in h  # independence day, Good Friday


def test_timeline_window_and_dst() -> None:
    tl = build_timeline(date(2026, 10, 31), 18)
    assert tl.start == date(2025, 5, 1) and tl.n_days == 549 and tl.n_months == 18
    assert tl.start_ts == _utc(2025, 4, 30, 21)  # local midnight in summer time (UTC+3)
    assert tl.export_ts == _utc(2026, 10, 31, 21, 59, 59)  # winter time again (UTC+2)
    jan = (date(2026, 1, 15) - tl.start).days
    assert tl.day_start[jan] == _utc(2026, 1, 14, 22)
    assert tl.black_friday[(date(2025, 11, 28) - tl.start).days]
    assert tl.month_start_ts(17) == _utc(2026, 9, 30, 21)


def test_business_hours() -> None:
    tl = build_timeline(date(2026, 10, 31), 18)
    friday_15 = _utc(2026, 3, 6, 13)  # 15:00 local (UTC+2)
    out = add_business_seconds(tl, np.array([friday_15]), np.array([2 * HOUR]))
    assert out[0] == _utc(2026, 3, 9, 7)  # Monday 09:00 local
    saturday = _utc(2026, 3, 7, 10)
    assert next_business_open(tl, np.array([saturday]))[0] == _utc(2026, 3, 9, 6)
    # Good Friday and Easter Monday are closed: Thursday 15:30 + 1 h -> Tuesday 08:30.
    thursday = _utc(2026, 4, 2, 12, 30)
    out = add_business_seconds(tl, np.array([thursday]), np.array([HOUR]))
    assert out[0] == _utc(2026, 4, 7, 5, 30)


def test_timestamp_and_date_text() -> None:
    values = pa.array([0, 1_767_323_045, None], pa.int64())
    assert format_timestamps(values).to_pylist() == [
        "1970-01-01T00:00:00Z",
        "2026-01-02T03:04:05Z",
        None,
    ]
    assert format_timestamps(values, quote=True).to_pylist()[1] == '"2026-01-02T03:04:05Z"'
    assert format_dates(pa.array([20_454, None], pa.int32())).to_pylist() == ["2026-01-01", None]


def test_jsonl_encoding() -> None:
    contract = SourceTable(
        "x", "t", "jsonl", "id", "ts",
        {"id": INT, "text": STR, "ok": BOOL, "ts": TS, "tags": STR_LIST},
        "test",
    )  # fmt: skip
    table = pa.table(
        {
            "id": pa.array([1, None], pa.int64()),
            "text": pa.array(['Sanoi "hei" \\ äö', None]),
            "ok": pa.array([True, None]),
            "ts": pa.array([1_767_323_045, None], pa.int64()),
            "tags": pa.array([["a", 'b"c'], None], pa.list_(pa.string())),
        }
    )
    lines = "".join(jsonl_lines(table, contract).to_pylist()).splitlines()
    assert json.loads(lines[0]) == {
        "id": 1,
        "text": 'Sanoi "hei" \\ äö',
        "ok": True,
        "ts": "2026-01-02T03:04:05Z",
        "tags": ["a", 'b"c'],
    }
    assert json.loads(lines[1]) == {"id": None, "text": None, "ok": None, "ts": None, "tags": None}
