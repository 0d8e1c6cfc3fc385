"""Checks on the rows of a typed export table (vectorised): the required columns and the
contract's row rules."""

from __future__ import annotations

import functools

import pyarrow as pa
import pyarrow.compute as pc

from cx_pipeline.extract.quarantine import Problem
from cx_pipeline.source_tables import RowRule, SourceTable


def row_problems(data: pa.Table, table: SourceTable) -> dict[int, Problem]:
    """The first problem of each row that has one, by row position: a missing key or
    timestamp, then the rules in the order the contract lists them."""
    problems: dict[int, Problem] = {}
    for column in table.required_columns:
        what = "missing key" if column == table.primary_key else "missing timestamp"
        for i in _positions(pc.is_null(data[column])):
            problems.setdefault(i, Problem(column, what))
    for rule in table.rules:
        values = data[rule.column]
        for i in _positions(_broken(data, rule)):
            problems.setdefault(i, Problem(rule.column, describe(rule, values[i].as_py())))
    return problems


def _broken(data: pa.Table, rule: RowRule) -> pa.ChunkedArray:
    values = data[rule.column]
    tests = []
    if rule.minimum is not None:
        tests.append(pc.less(values, rule.minimum))
    if rule.maximum is not None:
        tests.append(pc.greater(values, rule.maximum))
    if rule.allowed is not None:
        tests.append(pc.invert(pc.is_in(values, value_set=pa.array(rule.allowed))))
    broken = pc.and_(pc.is_valid(values), functools.reduce(pc.or_, tests))
    if rule.when is not None:
        column, value = rule.when
        broken = pc.and_(broken, pc.equal(data[column], value))
    return broken


def _positions(mask: pa.ChunkedArray) -> list[int]:
    return pc.indices_nonzero(pc.fill_null(mask, False)).to_pylist()


def describe(rule: RowRule, value: object) -> str:
    if rule.allowed is not None:
        text = f"{value!r} not one of {', '.join(rule.allowed)}"
    elif rule.minimum is not None and rule.maximum is not None:
        text = f"{value} outside {rule.minimum}..{rule.maximum}"
    elif rule.minimum is not None:
        text = f"{value} below the minimum {rule.minimum}"
    else:
        text = f"{value} above the maximum {rule.maximum}"
    if rule.when is not None:
        text += f" ({rule.when[0]} = {rule.when[1]})"
    return text
