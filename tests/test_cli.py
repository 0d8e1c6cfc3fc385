import json
from pathlib import Path

import pytest

from cx_pipeline.cli import build_parser, main
from cx_pipeline.source_tables import TABLES


def test_demo_data_writes_every_export_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "exports"
    assert main(["demo-data", "--scale", "0.05", "--seed", "3", "--out", str(out)]) == 0
    for table in TABLES:
        assert (out / table.system / table.file_name).exists(), table.key
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 3
    assert "shop/orders" in capsys.readouterr().out


def test_unknown_report_language_is_refused() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "--lang", "sv"])
