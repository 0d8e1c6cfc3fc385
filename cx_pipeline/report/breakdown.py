"""Segment breakdown tables: one line per segment value, one column per metric (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cx_pipeline.report import formatting as fmt


def cell(row: Mapping[str, Any] | None, unit: str, language: str) -> dict[str, Any]:
    """A formatted value, flagged unreliable (small sample or still-open window) so the
    template greys it; a missing row shows the missing-value dash."""
    if row is None or row.get("value") is None:
        return {"text": fmt.MISSING, "unreliable": False}
    return {
        "text": fmt.format_metric(float(row["value"]), unit, language),
        "unreliable": bool(row.get("is_low_sample")) or row.get("is_mature") is False,
    }


def breakdown_rows(
    segment_type: str,
    rows: Sequence[Mapping[str, Any]],
    units: Mapping[str, str],
    language: str,
    *,
    volume_metric: str,
) -> list[dict[str, Any]]:
    """The lines of one segment type's table. `units` maps each column's metric to its unit,
    in column order; lines are ordered by `volume_metric`, largest first (ties by name)."""
    by_value: dict[str, dict[str, Mapping[str, Any]]] = {}
    for row in rows:
        if row["segment_type"] == segment_type and row["metric_name"] in units:
            by_value.setdefault(str(row["segment_value"]), {})[row["metric_name"]] = row
    volume = {
        value: float((metrics.get(volume_metric) or {}).get("value") or 0)
        for value, metrics in by_value.items()
    }
    return [
        {
            "segment": value,
            "cells": [
                cell(by_value[value].get(metric), unit, language) for metric, unit in units.items()
            ],
        }
        for value in sorted(by_value, key=lambda v: (-volume[v], v))
    ]
