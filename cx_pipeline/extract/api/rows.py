"""What every API backend shares: the time window a run asks for, and API records turned
into an Arrow table of the contract schema (the same one the export files give)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow as pa

from cx_pipeline.extract.api.http import ApiError
from cx_pipeline.extract.arrow_types import ARROW_TYPES, arrow_schema
from cx_pipeline.source_tables import STR_LIST, SourceTable


@dataclass(frozen=True)
class Window:
    """Records changed in [start, end), UTC. No start: all history (the first partition)."""

    start: datetime | None
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return (self.start is None or moment >= self.start) and moment < self.end


def window_of(days: list[date], timezone: str, *, start_date: date) -> Window:
    """The UTC instants a run's partition days cover on the reporting calendar."""
    zone = ZoneInfo(timezone)

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)

    start = None if days[0] == start_date else midnight(days[0])
    return Window(start=start, end=midnight(days[-1] + timedelta(days=1)))


def parse_instant(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_contract_table(records: Iterable[Mapping[str, Any]], table: SourceTable) -> pa.Table:
    """Records of contract column names to the contract's Arrow schema. APIs send numbers
    as strings (HubSpot properties, Shopify prices), so scalars go through text and are
    cast by Arrow; a value that does not cast names the table and column."""
    rows = list(records)
    columns = {}
    for name, kind in table.columns.items():
        values = [row.get(name) for row in rows]
        if kind == STR_LIST:
            columns[name] = pa.array(values, ARROW_TYPES[kind])
            continue
        # An empty string is no value, as an empty field is in the export files.
        text = pa.array([None if v in (None, "") else _text(v) for v in values], pa.string())
        try:
            columns[name] = text.cast(ARROW_TYPES[kind])
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise ApiError(f"{table.key}: column '{name}': {exc}") from exc
    return pa.table(columns, schema=arrow_schema(table))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
