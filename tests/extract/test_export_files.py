import json
from pathlib import Path

import pyarrow as pa
import pytest

from cx_pipeline.extract.export_files import ExportFileError, read_export
from cx_pipeline.source_tables import TABLES_BY_KEY

ORDERS = TABLES_BY_KEY["shop/orders"]
RATINGS = TABLES_BY_KEY["helpdesk/satisfaction_ratings"]


def _orders_csv(root: Path, rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> Path:
    header = [*ORDERS.columns, *extra]
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(row.get(c, "") for c in header))
    path = root / "shop" / "orders.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _good_order(order_id: str = "1") -> dict[str, str]:
    return {
        "id": order_id,
        "name": "#1",
        "email": "a@example.fi",
        "created_at": "2026-10-01T10:00:00Z",
        "subtotal_price": "10.50",
        "test": "false",
    }


def test_reads_csv_into_contract_types(tmp_path: Path) -> None:
    _orders_csv(tmp_path, [_good_order()])
    table = read_export(tmp_path, ORDERS).table
    assert table.schema.field("id").type == pa.int64()
    assert table.schema.field("created_at").type == pa.timestamp("us", tz="UTC")
    assert table.column("subtotal_price").to_pylist() == [10.5]
    assert table.column("customer_id").to_pylist() == [None]


def test_a_bad_value_names_file_line_and_column(tmp_path: Path) -> None:
    path = _orders_csv(
        tmp_path, [_good_order("1"), {**_good_order("2"), "created_at": "yesterday"}]
    )
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, ORDERS)
    assert str(error.value) == (
        f"{path}: line 3: column 'created_at': cannot read 'yesterday' as timestamp"
    )


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "shop" / "orders.csv"
    path.parent.mkdir(parents=True)
    columns = [c for c in ORDERS.columns if c != "email"]
    path.write_text(",".join(columns) + "\n", encoding="utf-8")
    with pytest.raises(ExportFileError, match=r"orders.csv: line 1: missing column\(s\) email"):
        read_export(tmp_path, ORDERS)


def test_an_unknown_column_is_tolerated_and_reported(tmp_path: Path) -> None:
    _orders_csv(tmp_path, [{**_good_order(), "note_attributes": "x"}], extra=("note_attributes",))
    result = read_export(tmp_path, ORDERS)
    assert result.unknown_columns == ("note_attributes",)
    assert result.table.column_names == list(ORDERS.columns)


def test_a_missing_file_names_the_table(tmp_path: Path) -> None:
    with pytest.raises(ExportFileError, match="shop/orders: export file not found"):
        read_export(tmp_path, ORDERS)


def _ratings_jsonl(root: Path, records: list[dict], *, complete: bool = True) -> Path:
    # Exports write every field; `complete` fills the ones a test leaves out with null.
    if complete:
        records = [{**dict.fromkeys(RATINGS.columns), **r} for r in records]
    path = root / "helpdesk" / "satisfaction_ratings.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_wrong_type_names_line_and_column(tmp_path: Path) -> None:
    path = _ratings_jsonl(
        tmp_path,
        [
            {"id": 1, "ticket_id": 5, "rating": 4, "created_at": "2026-10-01T10:00:00Z"},
            {"id": 2, "ticket_id": 6, "rating": "great", "created_at": "2026-10-01T10:00:00Z"},
        ],
    )
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, RATINGS)
    assert str(error.value) == f"{path}: line 2: column 'rating': cannot read 'great' as int64"


def test_jsonl_broken_line_is_named(tmp_path: Path) -> None:
    path = _ratings_jsonl(tmp_path, [{"id": 1}])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": 2, "ticket_id": \n')
    with pytest.raises(
        ExportFileError, match=r"satisfaction_ratings.jsonl: line 2: not valid JSON"
    ):
        read_export(tmp_path, RATINGS)


def test_empty_jsonl_is_an_empty_table(tmp_path: Path) -> None:
    _ratings_jsonl(tmp_path, [])
    table = read_export(tmp_path, RATINGS).table
    assert table.num_rows == 0
    assert table.column_names == list(RATINGS.columns)


def test_jsonl_missing_column_is_named(tmp_path: Path) -> None:
    record = {c: None for c in RATINGS.columns if c != "created_at"}
    path = _ratings_jsonl(tmp_path, [{**record, "id": 1}], complete=False)
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, RATINGS)
    assert str(error.value) == f"{path}: line 1: missing column(s) created_at"
