"""Same arguments give byte-identical files; another seed gives other data; size scales."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cx_pipeline.demo import MANIFEST, generate
from cx_pipeline.demo import generator as demo_generator


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", scale=0.15, seed=7)
    b = generate(tmp_path / "b", scale=0.15, seed=7)
    c = generate(tmp_path / "c", scale=0.15, seed=8)
    assert a == b
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    da, dc = _digests(tmp_path / "a"), _digests(tmp_path / "c")
    assert da.keys() == dc.keys()
    differing = [k for k in da if da[k] != dc[k]]
    assert "shop/orders.csv" in differing and "helpdesk/tickets.jsonl" in differing
    manifest = json.loads((tmp_path / "c" / MANIFEST).read_text())
    assert manifest["seed"] == 8 and manifest["rows"] == c


def test_regeneration_overwrites_in_place(tmp_path: Path) -> None:
    first = generate(tmp_path, scale=0.1, seed=1)
    before = _digests(tmp_path)
    second = generate(tmp_path, scale=0.1, seed=1)
    assert first == second and _digests(tmp_path) == before


def test_size_scales_linearly(demo, tmp_path: Path) -> None:
    small = generate(tmp_path, scale=0.25, seed=42)
    for key in ("shop/orders", "shop/customers", "crm/contacts", "helpdesk/tickets"):
        ratio = small[key] / demo.rows[key]
        assert 0.2 < ratio < 0.3, key
    assert small["crm/owners"] > demo.rows["crm/owners"] / 3, "staff grows more slowly"


def test_scale_one_size(demo) -> None:
    rows = demo.rows
    assert 25_000 <= rows["shop/orders"] <= 35_000
    assert 4_500 <= rows["shop/customers"] <= 5_500
    assert 1.3 <= rows["crm/contacts"] / rows["shop/customers"] <= 1.7


def test_chunks_give_unique_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several small chunks: ids stay unique and references hold across chunk borders."""
    monkeypatch.setattr(demo_generator, "CHUNK_PERSONS", 400)
    generate(tmp_path, scale=0.2, seed=3)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert manifest["chunks"] >= 3
    import pandas as pd

    orders = pd.read_csv(tmp_path / "shop/orders.csv").drop_duplicates()
    assert orders.drop_duplicates("id").id.is_unique
    assert orders.name.nunique() == orders.id.nunique()
    lines = pd.read_csv(tmp_path / "shop/order_line_items.csv")
    assert lines.id.is_unique and set(lines.order_id) <= set(orders.id)
    tickets = pd.read_json(tmp_path / "helpdesk/tickets.jsonl", lines=True)
    events = pd.read_json(tmp_path / "helpdesk/ticket_events.jsonl", lines=True)
    users = pd.read_json(tmp_path / "helpdesk/users.jsonl", lines=True)
    assert events.id.is_unique and users.id.is_unique
    assert set(events.ticket_id) == set(tickets.id)
    assert set(tickets.requester_id) <= set(users.id)
    contacts = pd.read_csv(tmp_path / "crm/contacts.csv")
    assert contacts.email.str.strip().str.lower().nunique() == contacts.hs_object_id.nunique()


def test_crash_leaves_no_partial_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo_generator, "build_tables", boom)
    with pytest.raises(RuntimeError):
        generate(tmp_path, scale=0.1)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate(tmp_path, scale=0)
    with pytest.raises(ValueError):
        generate(tmp_path, months=2)
