"""The whole report from the hand-made warehouse (conftest.py) to PDF text, per language.

pypdf reads the PDF's text. The expected strings are written out by hand from the
fixture's values; NB is the no-break space and MINUS the Finnish minus sign (U+2212).
A KPI tile reads: label, value, arrow and change against the previous period, change against a
year ago, target and status, n and margin of error.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from cx_pipeline.report import ReportResult, build_report
from cx_pipeline.report import render as render_module
from cx_pipeline.warehouse_readers import DuckDBFileReader
from tests.report.conftest import report_settings

NB, MINUS, DASH = "\u00a0", "\u2212", "\u2013"
GENERATED_AT = datetime(2026, 11, 4, 4, 5, tzinfo=UTC)  # 06:05 in Helsinki

EXPECTED = {
    "fi": [
        "Asiakaskokemusraportti",
        "TESTI OY",
        "lokakuu 2026",
        "Laadittu 4.11.2026 klo 6.05 (UTC+2)",
        "Aineisto 1.11.2025\u201331.10.2026",
        "Nettosuositteluindeksi (NPS)",
        f"Nettosuositteluindeksi (NPS) 32,5 ▲ +4,5 vs ed. kk {DASH} vs vuosi sitten"
        " Tavoite 30 ✓ saavutettu · n 412 ±4,1",
        "3 kielteistä vastausta odottaa",
        "Asiakaspalvelu",
        "Palautteeseen reagointi",
        "Ennustaminen",
        "Näin luvut lasketaan",
        "k2bbbbbb Support CSAT 1/5 2",
        "Yhteydenotot syyn ja asiakaspolun vaiheen mukaan",
        "tilauksen sijainti",
        f"82,4{NB}% ▼ {MINUS}2,6{NB}%-yks. vs ed. kk {DASH} vs vuosi sitten Tavoite 80{NB}%"
        f" ✓ saavutettu · n 230 ±4,9{NB}%-yks.",
        f"252{NB}min ▼ {MINUS}18{NB}min vs ed. kk {DASH} vs vuosi sitten Tavoite 240{NB}min"
        " ✗ ei saavutettu · n 540",
        # A small sample: the value, flagged, without a target status.
        f"71,3{NB}% pieni otos ▼ {MINUS}2,7{NB}%-yks. vs ed. kk {DASH} vs vuosi sitten"
        f" Tavoite 75{NB}% · n 12",
        "pieni otos",
        f"71,3{NB}%",
        "alustava",
        f"1{NB}234{NB}567{NB}€",
        f"Nettomyynti 1{NB}234{NB}567{NB}€ ▲ +134{NB}567{NB}€ vs ed. kk",
        "Parannus: Nettomyynti 1\u00a0100\u00a0000\u00a0€ → 1\u00a0234\u00a0567\u00a0€",
        "Nettosuositteluindeksi (NPS): 12 kuukauden kehitys",
        "Menetelmä",
        "Tietojen tuoreus CRM: tiedot 1.11.2026 asti, ladattu 3.11.2026",
        "Verkkokauppa: tiedot 30.10.2026 asti, ladattu 1.11.2026 vanhentunut",
        f"CRM 2 1{NB}245 1{NB}200 45 1.11.2026 3.11.2026",
        "Kaikista järjestelmistä on tietoja 3.11.2026 asti",
        "Järjestelmän Verkkokauppa viimeisin lataus on yli kaksi päivää vanha",
    ],
    "en": [
        "Customer experience report",
        f"Data covered 1 November 2025 {DASH} 31 October 2026",
        "October 2026",
        "Generated 4 November 2026, 06:05 (UTC+2)",
        "Net Promoter Score (NPS)",
        f"Net Promoter Score (NPS) 32.5 ▲ +4.5 vs prev. month {DASH} vs a year ago"
        " Target 30 ✓ met · n 412 ±4.1",
        "3 negative answers are still waiting",
        "Customer service",
        "Closed loop",
        "Prediction",
        "How each figure is computed",
        "k2bbbbbb Support CSAT 1/5 2",
        "Contacts by reason and journey stage",
        "where-is-my-order questions",
        f"82.4% ▼ -2.6{NB}pp vs prev. month {DASH} vs a year ago Target 80% ✓ met"
        f" · n 230 ±4.9{NB}pp",
        f"252{NB}min ▼ -18{NB}min vs prev. month {DASH} vs a year ago Target 240{NB}min"
        " ✗ missed · n 540",
        f"71.3% small sample ▼ -2.7{NB}pp vs prev. month {DASH} vs a year ago Target 75% · n 12",
        "small sample",
        "71.3%",
        "preliminary",
        "€1,234,567",
        "Net revenue €1,234,567 ▲ +€134,567 vs prev. month",
        "Net Promoter Score (NPS): 12-month trend",
        "Method",
        "CRM: records up to 1 November 2026, loaded 3 November 2026",
        "Web shop: records up to 30 October 2026, loaded 1 November 2026 stale",
        "Web shop 1 5,002 5,000 2 30 October 2026 1 November 2026",
        "Small sample this period: Customer effort score (CES).",
    ],
}
# Values that exist in the warehouse but must not be in the report: another segment
# (99.9), the week and day grains (11.1, 77.7), the month in progress (-100), a month older than the
# trend (September 2025: its tick would read "syys 2025").
NEVER = {
    "fi": ["99,9", "11,1", "77,7", f"{MINUS}100", "syys 2025"],
    "en": ["99.9", "11.1", "77.7", "-100", "Sep 2025"],
}


def _text(path: Path) -> str:
    """The PDF's text with line breaks and runs of spaces as one space (where pypdf
    breaks a line is layout); no-break spaces are kept, they are part of the format."""
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[ \n]+", " ", text)


@pytest.fixture(scope="module")
def reports(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ReportResult]:
    settings = report_settings(tmp_path_factory.mktemp("reports"), language="fi")
    return {
        language: build_report(
            DuckDBFileReader(warehouse), settings, language=language, generated_at=GENERATED_AT
        )
        for language in ("fi", "en")
    }


@pytest.mark.parametrize("language", ["fi", "en"])
def test_pdf_says_what_the_warehouse_says(reports: dict[str, ReportResult], language: str) -> None:
    text = _text(reports[language].path)
    missing = [expected for expected in EXPECTED[language] if expected not in text]
    assert not missing, f"not in the {language} PDF: {missing}\n---\n{text}"
    pages = len(PdfReader(reports[language].path).pages)
    footer = f"Sivu {pages} / {pages}" if language == "fi" else f"Page {pages} of {pages}"
    assert footer in text  # the running footer counts pages
    leaked = [value for value in NEVER[language] if value in text]
    assert not leaked, f"data that must not reach the report: {leaked}"


def test_result_and_file_names(reports: dict[str, ReportResult]) -> None:
    fi, en = reports["fi"], reports["en"]
    assert fi.path.name == "cx_report_2026-10.pdf"  # the configured language
    assert en.path.name == "cx_report_2026-10_en.pdf"
    assert (fi.period, fi.language, en.language) == ("2026-10", "fi", "en")
    assert fi.page_count == len(PdfReader(fi.path).pages) >= 2  # a cover, then the KPIs
    assert fi.headline == {
        "nps": 32.5,
        "support_csat": 82.4,
        "first_response_time": 252.0,
        "customer_effort_score": 71.3,
        "first_contact_resolution_rate": 64.0,
        "revenue": 1234567.0,
    }


def test_same_data_and_time_give_the_same_pdf(
    warehouse: Path, tmp_path: Path, reports: dict[str, ReportResult]
) -> None:
    again = build_report(
        DuckDBFileReader(warehouse),
        report_settings(tmp_path),
        language="fi",
        generated_at=GENERATED_AT,
    )
    assert again.path.read_bytes() == reports["fi"].path.read_bytes()


def test_the_pdf_is_tagged_for_accessibility(reports: dict[str, ReportResult]) -> None:
    for language, result in reports.items():
        root = PdfReader(result.path).trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/Lang"] == language


def test_logo_and_target_overrides_reach_the_pdf(warehouse: Path, tmp_path: Path) -> None:
    import matplotlib.image

    logo = tmp_path / "logo.png"
    matplotlib.image.imsave(logo, [[0.0, 1.0], [1.0, 0.0]], cmap="gray")
    settings = report_settings(tmp_path, logo=str(logo), targets={"nps": 40, "support_csat": None})
    result = build_report(
        DuckDBFileReader(warehouse), settings, language="en", generated_at=GENERATED_AT
    )
    text = _text(result.path)
    # NPS 32.5 now misses its target of 40, and the finding says so; CSAT has no target.
    assert "Target 40 ✗ missed · n 412" in text
    assert "Net Promoter Score (NPS) missed its target: 32.5 against 40." in text
    assert f"82.4% ▼ -2.6{NB}pp vs prev. month {DASH} vs a year ago No target" in text
    assert len(PdfReader(result.path).pages[0].images) == 1  # the logo, on the cover


def test_explicit_period(warehouse: Path, tmp_path: Path) -> None:
    result = build_report(
        DuckDBFileReader(warehouse),
        report_settings(tmp_path, period="2026-09"),
        generated_at=GENERATED_AT,
    )
    assert result.path.name == "cx_report_2026-09.pdf"
    assert result.headline["nps"] == 28.0
    assert "syyskuu 2026" in _text(result.path)


def test_emails_only_with_the_personal_data_setting(
    warehouse: Path, tmp_path: Path, reports: dict[str, ReportResult]
) -> None:
    default = _text(reports["en"].path)
    assert "@" not in default and "pseudonymous reference only" in default
    settings = report_settings(tmp_path, include_personal_data=True)
    personal = _text(
        build_report(DuckDBFileReader(warehouse), settings, generated_at=GENERATED_AT).path
    )
    # The two overdue answers, newest first: Support CSAT (50 h), then NPS (80 h).
    assert "ben.buyer@example.com Support CSAT 1/5 2" in personal
    assert "anna.asiakas@example.com NPS 3/10 3" in personal
    assert "sähköpostiosoitteella" in personal


def test_weekly_report(warehouse: Path, tmp_path: Path) -> None:
    # The fixture's data reach Tuesday 3 November 2026, so the latest complete ISO week is
    # 2026-W44 (Monday 26 October - Sunday 1 November), whose NPS row holds 11.1.
    settings = report_settings(tmp_path, period_grain="week")
    result = build_report(
        DuckDBFileReader(warehouse), settings, language="en", generated_at=GENERATED_AT
    )
    assert (result.period, result.path.name) == ("2026-W44", "cx_report_2026-W44_en.pdf")
    assert result.headline["nps"] == 11.1
    text = _text(result.path)
    for expected in ("week 44, 2026", "Net Promoter Score (NPS): 12-week trend", "vs prev. week"):
        assert expected in text
    assert f"26 October 2026 {DASH} 1 November 2026" in text  # the data covered
    # An explicit week brings its own grain, whatever the configured grain.
    explicit = build_report(
        DuckDBFileReader(warehouse),
        report_settings(tmp_path),
        period="2026-W44",
        generated_at=GENERATED_AT,
    )
    assert explicit.headline["nps"] == 11.1 and explicit.period == "2026-W44"


def test_failed_render_keeps_the_last_good_pdf(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = report_settings(tmp_path)
    good = build_report(DuckDBFileReader(warehouse), settings, generated_at=GENERATED_AT)
    before = good.path.read_bytes()

    def broken(html: str) -> None:
        raise render_module.ReportRenderError("render failed")

    monkeypatch.setattr(render_module, "render_pdf", broken)
    with pytest.raises(render_module.ReportRenderError):
        build_report(DuckDBFileReader(warehouse), settings, generated_at=GENERATED_AT)
    assert good.path.read_bytes() == before
    assert sorted(p.name for p in good.path.parent.iterdir()) == ["cx_report_2026-10.pdf"]
