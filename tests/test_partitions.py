"""Which day a record belongs to, and which days a run loads (hand-made inputs)."""

from datetime import date, datetime

import pyarrow as pa
import pytest

from cx_pipeline.partitions import catch_up_range, days_between, local_days, split_by_day

OCT_30, OCT_31, NOV_1 = date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1)


def test_days_follow_the_reporting_clock_across_the_dst_change() -> None:
    stamps = pa.array(
        [
            datetime(2026, 10, 24, 20, 59),  # 23:59 summer time (UTC+3): 24 October
            datetime(2026, 10, 24, 21, 0),  # 00:00 on 25 October
            datetime(2026, 10, 25, 22, 0),  # 00:00 winter time (UTC+2): 26 October
            None,
        ],
        pa.timestamp("us"),
    )
    days = local_days(stamps, "Europe/Helsinki").to_pylist()
    assert days == [date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26), None]


def test_the_first_partition_carries_the_history_and_rows_without_a_day() -> None:
    table = pa.table({"id": [1, 2, 3, 4, 5]})
    days = pa.array([date(2026, 9, 1), OCT_31, None, NOV_1, date(2026, 11, 2)], pa.date32())
    parts = split_by_day(table, days, [OCT_31, NOV_1], start_date=OCT_31)
    assert {day: part["id"].to_pylist() for day, part in parts.items()} == {
        OCT_31: [1, 2, 3],
        NOV_1: [4],  # 2 November is after the window: a later run loads it
    }


def test_a_later_window_takes_only_its_own_days() -> None:
    table = pa.table({"id": [1, 2, 3]})
    days = pa.array([date(2026, 9, 1), None, NOV_1], pa.date32())
    parts = split_by_day(table, days, [NOV_1], start_date=OCT_31)
    assert parts[NOV_1]["id"].to_pylist() == [3]
    # A day without changes still gets its (empty) table: reloading it clears old rows.
    empty = split_by_day(table, days, [date(2026, 11, 5)], start_date=OCT_31)
    assert empty[date(2026, 11, 5)].num_rows == 0


def test_catch_up_starts_after_the_day_every_table_has() -> None:
    landed = {"shop/orders": {OCT_30, OCT_31}, "crm/contacts": {OCT_30}}
    # crm/contacts misses 31 October: start there, end yesterday (3 November).
    assert catch_up_range(landed, start_date=OCT_30, yesterday=date(2026, 11, 3)) == (
        OCT_31,
        date(2026, 11, 3),
    )
    # Up to date: yesterday is loaded again.
    full = {"shop/orders": {NOV_1}, "crm/contacts": {NOV_1}}
    assert catch_up_range(full, start_date=OCT_30, yesterday=NOV_1) == (NOV_1, NOV_1)
    # A table never loaded, or nothing loaded: from the start date.
    assert (
        catch_up_range({"a": {NOV_1}, "b": set()}, start_date=OCT_30, yesterday=NOV_1)[0] == OCT_30
    )


def test_a_range_must_not_end_before_it_starts() -> None:
    assert days_between(OCT_30, NOV_1) == [OCT_30, OCT_31, NOV_1]
    with pytest.raises(ValueError, match="ends"):
        days_between(NOV_1, OCT_30)
