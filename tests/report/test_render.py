"""The renderer reads nothing outside report_templates/, and customer text stays data."""

import base64
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from cx_pipeline.periods import Period
from cx_pipeline.report.charts import report_charts
from cx_pipeline.report.context import build_context
from cx_pipeline.report.render import (
    TEMPLATES_DIR,
    RefusedURLError,
    ReportRenderError,
    TemplatesOnlyFetcher,
    load_labels,
    render_html,
    render_pdf,
)


@pytest.fixture
def fetcher() -> TemplatesOnlyFetcher:
    return TemplatesOnlyFetcher(TEMPLATES_DIR)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/fonts.css",
        "ftp://example.com/x.ttf",
        "file://fileserver/share/logo.png",  # urllib would turn this into FTP
    ],
)
def test_network_urls_are_refused(fetcher: TemplatesOnlyFetcher, url: str) -> None:
    with pytest.raises(RefusedURLError, match=re.escape(url)):
        fetcher.fetch(url)


def test_file_outside_templates_is_refused(fetcher: TemplatesOnlyFetcher, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not print", encoding="utf-8")
    with pytest.raises(RefusedURLError, match=re.escape(secret.as_uri())):
        fetcher.fetch(secret.as_uri())


def test_climbing_out_of_templates_is_refused(fetcher: TemplatesOnlyFetcher) -> None:
    url = f"{TEMPLATES_DIR.as_uri()}/fonts/../../pyproject.toml"
    with pytest.raises(RefusedURLError, match=r"pyproject\.toml"):
        fetcher.fetch(url)


def test_symlink_out_of_templates_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(RefusedURLError, match=r"link\.txt"):
        TemplatesOnlyFetcher(root).fetch((root / "link.txt").as_uri())


def test_files_under_templates_are_served(fetcher: TemplatesOnlyFetcher) -> None:
    css = TEMPLATES_DIR / "report.css"
    response = fetcher.fetch(css.as_uri())
    assert response.content_type == "text/css"  # WeasyPrint ignores a stylesheet without it
    assert response.read() == css.read_bytes()


def test_data_urls_are_served(fetcher: TemplatesOnlyFetcher) -> None:
    payload = base64.b64encode(b"hello").decode()
    response = fetcher.fetch(f"data:text/plain;base64,{payload}")
    assert response.read() == b"hello"


def test_render_stops_on_a_refused_url() -> None:
    html = '<html><body><img src="http://127.0.0.1:9/tracker.png"><p>x</p></body></html>'
    with pytest.raises(ReportRenderError, match=r"http://127\.0\.0\.1:9/tracker\.png"):
        render_pdf(html)


def test_render_stops_on_a_stylesheet_outside_templates(tmp_path: Path) -> None:
    outside = tmp_path / "evil.css"
    outside.write_text("body { color: red }", encoding="utf-8")
    html = f'<html><head><link rel="stylesheet" href="{outside.as_uri()}"></head></html>'
    with pytest.raises(ReportRenderError, match=r"evil\.css"):
        render_pdf(html)


def _context(company_name: str, label: str) -> dict[str, Any]:
    catalog = [
        {
            "metric_name": "nps",
            "label_en": label,
            "label_fi": label,
            "unit": "points",
            "direction": "higher_is_better",
            "target": None,
            "min_sample": 30,
            "headline_order": 1,
        }
    ]
    metrics = [{"metric_name": "nps", "period_start": date(2026, 10, 1), "value": 1.0}]
    return build_context(
        catalog,
        metrics,
        period=Period("month", date(2026, 10, 1)),
        language="en",
        labels=load_labels("en"),
        company_name=company_name,
        brand_colour="#1f4e79",
        generated_at=datetime(2026, 11, 4, tzinfo=UTC),
        timezone="Europe/Helsinki",
    )


def test_text_from_data_is_escaped_and_never_run_as_a_template() -> None:
    context = _context("<script>alert(1)</script> & Co", "{{ 7 * 7 }} NPS")
    html = render_html(context, {**report_charts(context), "trend_nps": "<svg></svg>"})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "{{ 7 * 7 }} NPS" in html and "49 NPS" not in html
    # The chart goes in as a data: URL (base64 of "<svg></svg>", worked out by hand).
    assert 'src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="' in html


def test_every_language_has_the_same_labels() -> None:
    def keys(node: Any, prefix: str = "") -> set[str]:
        if isinstance(node, dict):
            return {k for key, value in node.items() for k in keys(value, f"{prefix}{key}.")}
        if isinstance(node, list):
            return {f"{prefix}[{len(node)}]"}
        return {prefix}

    assert keys(load_labels("fi")) == keys(load_labels("en"))
