"""Export files read block by block give what the whole-file read gives: the same rows,
the same quarantine, the same errors; and the landing files are written day by day."""

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cx_pipeline import landing
from cx_pipeline.extract import export_files
from cx_pipeline.extract.export_files import ExportFileError, export_batches, read_export
from cx_pipeline.extract.sources import Restart, SourceChunk, read_export_chunks
from cx_pipeline.source_tables import TABLES_BY_KEY, SourceTable
from tests.extract.test_quarantine import RULE_CASES, _row
from tests.fixtures.export_rows import write_export

ORDERS = TABLES_BY_KEY["shop/orders"]
LINES = TABLES_BY_KEY["shop/order_line_items"]
ROWS = 200


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 1 KiB, so a file of a few dozen rows is read in several."""
    monkeypatch.setattr(export_files, "BLOCK_BYTES", 1 << 10)


def _streamed(root: Path, table: SourceTable) -> tuple[list[pa.Table], pa.Table]:
    batches = export_batches(root, table)
    blocks = list(batches)
    return blocks, batches.quarantine


@pytest.mark.parametrize(("key", "values", "when", "reason"), RULE_CASES)
def test_blocks_give_the_rows_and_the_quarantine_of_the_whole_file(
    tmp_path: Path, key: str, values: dict, when: object, reason: str
) -> None:
    table = TABLES_BY_KEY[key]
    rows = [_row(table, n) for n in range(1, ROWS + 1)]
    rows[149] = _row(table, 150, **values)  # a broken row deep in a later block
    write_export(tmp_path, table, rows)

    blocks, quarantine = _streamed(tmp_path, table)
    whole = read_export(tmp_path, table)

    assert len(blocks) > 1
    assert pa.concat_tables(blocks).to_pylist() == whole.table.to_pylist()
    assert len(whole.table) == ROWS - 1
    line = 151 if table.file_format == "csv" else 150  # a CSV file starts with its header
    assert quarantine.to_pylist() == whole.quarantine.to_pylist()
    assert quarantine.select(["line", "reason"]).to_pylist() == [
        {"line": line, "reason": f"line {line}: {reason}"}
    ]


def test_an_unreadable_value_reads_the_file_again_whole(tmp_path: Path) -> None:
    rows = [_row(ORDERS, n) for n in range(1, ROWS + 1)]
    rows[150] = _row(ORDERS, 151, created_at="eilen")
    write_export(tmp_path, ORDERS, rows)

    read = read_export_chunks(tmp_path, ORDERS, "Europe/Helsinki")
    chunks = list(read.chunks)

    restart = [i for i, c in enumerate(chunks) if isinstance(c, Restart)]
    assert len(restart) == 1
    after = chunks[restart[0] + 1 :]
    assert len(after) == 1 and isinstance(after[0], SourceChunk)
    assert after[0].rows["id"].to_pylist() == [n for n in range(1, ROWS + 1) if n != 151]
    assert read.quarantine["reason"].to_pylist() == [
        "line 152: column 'created_at': cannot read 'eilen' as timestamp"
    ]


def test_a_line_that_does_not_split_in_a_later_block_names_its_line(tmp_path: Path) -> None:
    write_export(tmp_path, ORDERS, [_row(ORDERS, n) for n in range(1, ROWS + 1)])
    path = tmp_path / "shop" / "orders.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[149] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    read = read_export_chunks(tmp_path, ORDERS, "Europe/Helsinki")
    with pytest.raises(ExportFileError, match=r"orders\.csv: line 150: expected \d+ fields"):
        list(read.chunks)


def test_order_lines_take_their_orders_day_block_by_block(tmp_path: Path) -> None:
    # Order 1 changed late on 1 Oct UTC, which is 2 Oct in Helsinki; order 2 on 5 Oct.
    orders = [
        _row(ORDERS, 1, updated_at="2026-10-01T22:30:00Z"),
        _row(ORDERS, 2, updated_at="2026-10-05T08:00:00Z"),
    ]
    write_export(tmp_path, ORDERS, orders)
    lines = [
        {"id": str(n), "order_id": str(1 if n % 2 else 2), "quantity": "1"}
        for n in range(1, ROWS + 1)
    ] + [{"id": str(ROWS + 1), "order_id": "99", "quantity": "1"}]  # an unknown order
    write_export(tmp_path, LINES, lines)

    read = read_export_chunks(tmp_path, LINES, "Europe/Helsinki")
    chunks = [c for c in read.chunks if isinstance(c, SourceChunk)]
    assert len(chunks) > 1
    days = {
        line_id: day
        for chunk in chunks
        for line_id, day in zip(chunk.rows["id"].to_pylist(), chunk.days.to_pylist(), strict=True)
    }
    assert days[1] == date(2026, 10, 2) and days[3] == date(2026, 10, 2)
    assert days[2] == date(2026, 10, 5)
    assert days[ROWS + 1] is None


def test_day_files_are_written_in_batches_and_replace_the_old_files_on_commit(
    tmp_path: Path,
) -> None:
    schema = pa.schema([("id", pa.int64())])
    oct1, oct2, oct3 = date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)
    landing.write_partition(tmp_path, "shop", "orders", oct1, pa.table({"id": [9, 9, 9]}))

    files = landing.DayFiles(tmp_path, "shop", "orders", [oct1, oct2, oct3], schema)
    files.write(oct1, pa.table({"id": [1, 2]}))
    files.write(oct2, pa.table({"id": [3]}))
    files.write(oct1, pa.table({"id": [4]}))
    assert files.rows == {oct1: 3, oct2: 1, oct3: 0}
    files.commit()

    def landed(day: date) -> list[int]:
        folder = landing.partition_dir(tmp_path, "shop", "orders", day)
        assert [p.name for p in folder.iterdir()] == [landing.DATA_FILE]  # no temporary files
        return pq.read_table(folder / landing.DATA_FILE)["id"].to_pylist()

    assert landed(oct1) == [1, 2, 4]
    assert landed(oct2) == [3]
    assert landed(oct3) == []


def test_discarded_day_files_leave_the_old_files(tmp_path: Path) -> None:
    schema = pa.schema([("id", pa.int64())])
    day = date(2026, 10, 1)
    landing.write_partition(tmp_path, "shop", "orders", day, pa.table({"id": [9]}))
    files = landing.DayFiles(tmp_path, "shop", "orders", [day], schema)
    files.write(day, pa.table({"id": [1, 2]}))
    files.discard()
    folder = landing.partition_dir(tmp_path, "shop", "orders", day)
    assert [p.name for p in folder.iterdir()] == [landing.DATA_FILE]
    assert pq.read_table(folder / landing.DATA_FILE)["id"].to_pylist() == [9]
