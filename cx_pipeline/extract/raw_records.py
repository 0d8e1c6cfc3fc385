"""An export file's records as written: the line each starts on and its text.

Read only when some row is set aside (the quarantine keeps its line and text) or when the
typed reader fails and the failing line must be found. A record that cannot be split into
the header's fields, or a JSONL line that is not a JSON object, makes the file unreadable.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ExportFileError(ValueError):
    """An export file cannot be read; the message names file, line and column."""


@dataclass(frozen=True)
class RawRecord:
    line: int  # file line the record starts on (a CSV header is line 1)
    text: str  # as written, without the line break


def csv_records(path: Path, width: int) -> Iterator[RawRecord]:
    """The data records after the header, in the order the typed reader returns its rows
    (it skips empty lines, so this does too)."""
    with path.open(newline="", encoding="utf-8") as handle:
        consumed: list[str] = []

        def lines() -> Iterator[str]:
            for line in handle:
                consumed.append(line)
                yield line

        reader = csv.reader(lines())
        for fields in reader:
            text = "".join(consumed).rstrip("\r\n")
            start = reader.line_num - len(consumed) + 1
            consumed.clear()
            if start == 1 or not fields:
                continue
            if len(fields) != width:
                raise ExportFileError(
                    f"{path}: line {start}: expected {width} fields, found {len(fields)}"
                )
            yield RawRecord(start, text)


def jsonl_records(path: Path) -> Iterator[RawRecord]:
    """The non-blank lines, in the order the typed reader returns its rows."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield RawRecord(number, line.rstrip("\r\n"))


def json_object(path: Path, record: RawRecord) -> dict[str, Any]:
    try:
        value = json.loads(record.text)
    except json.JSONDecodeError as exc:
        raise ExportFileError(f"{path}: line {record.line}: not valid JSON: {exc.msg}") from exc
    if not isinstance(value, dict):
        raise ExportFileError(
            f"{path}: line {record.line}: not a JSON object but {type(value).__name__}"
        )
    return value
