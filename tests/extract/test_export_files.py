import json
from pathlib import Path

import pyarrow as pa
import pytest

from cx_pipeline.extract.export_files import ExportFileError, read_export
from cx_pipeline.extract.quarantine import QUARANTINE_SCHEMA
from cx_pipeline.source_tables import TABLES_BY_KEY

ORDERS = TABLES_BY_KEY["shop/orders"]
OWNERS = TABLES_BY_KEY["crm/owners"]
GROUPS = TABLES_BY_KEY["helpdesk/groups"]
RATINGS = TABLES_BY_KEY["helpdesk/satisfaction_ratings"]

OWNERS_HEADER = "id,email,firstName,lastName,team_name,createdAt,updatedAt"
T = "2026-10-01T10:00:00Z"


def _write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _orders_csv(root: Path, rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> Path:
    header = [*ORDERS.columns, *extra]
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(row.get(c, "") for c in header))
    return _write(root, "shop/orders.csv", "\n".join(lines) + "\n")


def _good_order(order_id: str = "1") -> dict[str, str]:
    return {
        "id": order_id,
        "name": "#1",
        "email": "a@example.fi",
        "created_at": T,
        "updated_at": T,
        "subtotal_price": "10.50",
        "test": "false",
    }


def test_reads_csv_into_contract_types(tmp_path: Path) -> None:
    _orders_csv(tmp_path, [_good_order()])
    result = read_export(tmp_path, ORDERS)
    table = result.table
    assert table.schema.field("id").type == pa.int64()
    assert table.schema.field("created_at").type == pa.timestamp("us", tz="UTC")
    assert table.column("subtotal_price").to_pylist() == [10.5]
    assert table.column("customer_id").to_pylist() == [None]
    assert result.quarantine.schema == QUARANTINE_SCHEMA
    assert result.quarantine.num_rows == 0


def test_a_csv_value_that_cannot_be_read_is_quarantined_and_the_rest_loads(
    tmp_path: Path,
) -> None:
    bad_line = f"2,b@example.fi,Eero,Koski,sales,yesterday,{T}"
    path = _write(
        tmp_path,
        "crm/owners.csv",
        f"{OWNERS_HEADER}\n1,a@example.fi,Aino,Virta,sales,{T},{T}\n{bad_line}\n"
        f"3,c@example.fi,Ilona,Salo,service,{T},{T}\n",
    )
    result = read_export(tmp_path, OWNERS)
    assert result.table.column("id").to_pylist() == [1, 3]
    assert result.table.schema.field("createdAt").type == pa.timestamp("us", tz="UTC")
    assert result.quarantine.to_pylist() == [
        {
            "system": "crm",
            "table_name": "owners",
            "source": str(path),
            "line": 3,
            "column_name": "createdAt",
            "reason": "line 3: column 'createdAt': cannot read 'yesterday' as timestamp",
            "record": bad_line,
        }
    ]


def test_a_jsonl_value_that_cannot_be_read_is_quarantined_and_the_rest_loads(
    tmp_path: Path,
) -> None:
    bad_line = f'{{"id": "two", "name": "Myymala", "created_at": "{T}", "updated_at": "{T}"}}'
    path = _write(
        tmp_path,
        "helpdesk/groups.jsonl",
        f'{{"id": 1, "name": "Verkko", "created_at": "{T}", "updated_at": "{T}"}}\n'
        f"{bad_line}\n"
        f'{{"id": 3, "name": "B2B", "created_at": "{T}", "updated_at": "{T}"}}\n',
    )
    result = read_export(tmp_path, GROUPS)
    assert result.table.column("name").to_pylist() == ["Verkko", "B2B"]
    assert result.quarantine.to_pylist() == [
        {
            "system": "helpdesk",
            "table_name": "groups",
            "source": str(path),
            "line": 2,
            "column_name": "id",
            "reason": "line 2: column 'id': cannot read 'two' as int64",
            "record": bad_line,
        }
    ]


def test_each_unreadable_row_is_named_by_its_file_line(tmp_path: Path) -> None:
    # A blank line is skipped but counted; the second bad row fails in another column.
    _write(
        tmp_path,
        "crm/owners.csv",
        f"{OWNERS_HEADER}\n1,a@example.fi,Aino,Virta,sales,{T},{T}\n\n"
        f"x2,b@example.fi,Eero,Koski,sales,{T},{T}\n"
        f"3,c@example.fi,Ilona,Salo,service,{T},{T}\n"
        f"4,d@example.fi,Olli,Mets,service,{T},3.10.2026\n",
    )
    result = read_export(tmp_path, OWNERS)
    assert result.table.column("id").to_pylist() == [1, 3]
    assert result.quarantine.column("reason").to_pylist() == [
        "line 4: column 'id': cannot read 'x2' as int64",
        "line 6: column 'updatedAt': cannot read '3.10.2026' as timestamp",
    ]


def test_a_quoted_empty_string_is_text_and_an_empty_cell_is_null(tmp_path: Path) -> None:
    # The slow path (taken for the bad third row) reads values exactly as the fast path.
    _write(
        tmp_path,
        "crm/owners.csv",
        f'{OWNERS_HEADER}\n1,"",,Virta,sales,{T},{T}\n2,a@example.fi,Aino,,,{T},{T}\n'
        f"3,b@example.fi,Eero,Koski,sales,never,{T}\n",
    )
    result = read_export(tmp_path, OWNERS)
    assert result.table.column("email").to_pylist() == ["", "a@example.fi"]
    assert result.table.column("firstName").to_pylist() == [None, "Aino"]
    assert result.quarantine.column("line").to_pylist() == [4]


def test_a_csv_line_with_a_missing_field_fails_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "crm/owners.csv",
        f"{OWNERS_HEADER}\n1,a@example.fi,Aino,Virta,sales,{T},{T}\n2,b@example.fi,Eero,{T},{T}\n",
    )
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, OWNERS)
    assert str(error.value) == f"{path}: line 3: expected 7 fields, found 5"


def test_an_empty_csv_fails_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "crm/owners.csv", "")
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, OWNERS)
    assert str(error.value) == f"{path}: line 1: empty file, no header line"


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "shop" / "orders.csv"
    path.parent.mkdir(parents=True)
    columns = [c for c in ORDERS.columns if c != "email"]
    path.write_text(",".join(columns) + "\n", encoding="utf-8")
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, ORDERS)
    assert str(error.value) == f"{path}: line 1: missing column(s) email"


def test_an_unknown_column_is_tolerated_and_reported(tmp_path: Path) -> None:
    _orders_csv(tmp_path, [{**_good_order(), "note_attributes": "x"}], extra=("note_attributes",))
    result = read_export(tmp_path, ORDERS)
    assert result.unknown_columns == ("note_attributes",)
    assert result.table.column_names == list(ORDERS.columns)
    assert result.table.num_rows == 1


def test_an_unknown_jsonl_field_is_tolerated_and_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "helpdesk/groups.jsonl",
        f'{{"id": 1, "name": "Verkko", "created_at": "{T}", "updated_at": "{T}", '
        '"is_public": true}\n',
    )
    result = read_export(tmp_path, GROUPS)
    assert result.unknown_columns == ("is_public",)
    assert result.table.column_names == ["id", "name", "created_at", "updated_at"]
    assert result.table.num_rows == 1


def test_a_missing_file_names_the_table(tmp_path: Path) -> None:
    with pytest.raises(ExportFileError, match="shop/orders: export file not found"):
        read_export(tmp_path, ORDERS)


def _ratings_jsonl(root: Path, records: list[dict], *, complete: bool = True) -> Path:
    # Exports write every field; `complete` fills the ones a test leaves out with null.
    if complete:
        records = [{**dict.fromkeys(RATINGS.columns), **r} for r in records]
    text = "".join(json.dumps(r) + "\n" for r in records)
    return _write(root, "helpdesk/satisfaction_ratings.jsonl", text)


def test_jsonl_broken_line_fails_the_file(tmp_path: Path) -> None:
    path = _ratings_jsonl(tmp_path, [{"id": 1, "updated_at": T}])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": 2, "ticket_id": \n')
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, RATINGS)
    assert str(error.value) == f"{path}: line 2: not valid JSON: Expecting value"


def test_a_jsonl_line_that_is_not_an_object_fails_the_file(tmp_path: Path) -> None:
    path = _ratings_jsonl(tmp_path, [{"id": 1, "updated_at": T}])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n[2, 6]\n")
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, RATINGS)
    assert str(error.value) == f"{path}: line 3: not a JSON object but list"


def test_empty_jsonl_is_an_empty_table(tmp_path: Path) -> None:
    _ratings_jsonl(tmp_path, [])
    result = read_export(tmp_path, RATINGS)
    assert result.table.num_rows == 0
    assert result.table.column_names == list(RATINGS.columns)
    assert result.quarantine.num_rows == 0


def test_jsonl_missing_column_is_named(tmp_path: Path) -> None:
    record = {c: None for c in RATINGS.columns if c != "created_at"}
    path = _ratings_jsonl(tmp_path, [{**record, "id": 1}], complete=False)
    with pytest.raises(ExportFileError) as error:
        read_export(tmp_path, RATINGS)
    assert str(error.value) == f"{path}: line 1: missing column(s) created_at"
