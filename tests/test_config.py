from pathlib import Path

import pytest

from cx_pipeline.config import DEFAULT_CONFIG_FILE, ConfigError, load_settings, parse_settings


def test_the_shipped_config_file_loads_with_documented_defaults() -> None:
    settings = load_settings(DEFAULT_CONFIG_FILE)
    assert settings.timezone == "Europe/Helsinki"
    assert settings.report.language == "fi"
    assert settings.report.period == "auto"
    assert settings.paths.warehouse == DEFAULT_CONFIG_FILE.parent / "data/warehouse/cx.duckdb"
    assert settings.backends == {"crm": "files", "helpdesk": "files", "shop": "files"}
    assert settings.warehouse.engine == "duckdb"
    assert settings.warehouse.spark_warehouse == DEFAULT_CONFIG_FILE.parent / "data/warehouse/spark"
    assert settings.warehouse.spark_schema == "cx"


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    settings = parse_settings({"paths": {"exports": "in", "reports": "/abs/out"}}, tmp_path)
    assert settings.paths.exports == tmp_path / "in"
    assert settings.paths.reports == Path("/abs/out")
    assert settings.paths.landing == tmp_path / "data/raw"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"colour": "red"}, "unknown top-level setting(s): colour"),
        ({"report": {"langauge": "fi"}}, "unknown setting(s) in 'report': langauge"),
        ({"report": {"language": "sv"}}, "report.language must be one of"),
        ({"report": {"period": "2026-13"}}, "report.period: .* 'auto', YYYY-MM or YYYY-Www"),
        ({"report": {"period_grain": "day"}}, "report.period_grain must be one of"),
        (
            {"report": {"period": "2026-W43"}},
            "report.period 2026-W43 is a week, but report.period_grain is 'month'",
        ),
        ({"timezone": "Europe/Helsingfors"}, "not an IANA time zone"),
        ({"report": {"targets": {"npss": 40}}}, "report.targets: unknown metric 'npss' .*nps"),
        ({"report": {"targets": {"nps": "forty"}}}, "report.targets.nps must be a number or null"),
        ({"report": {"targets": {"nps": True}}}, "report.targets.nps must be a number"),
        ({"report": {"logo": "logo.gif"}}, "report.logo: .*logo.gif is not a PNG, JPEG or SVG"),
        ({"report": {"logo": "missing.svg"}}, "report.logo: file not found: .*missing.svg"),
        ({"partitions": {"start_date": "31.10.2026"}}, "partitions.start_date must be YYYY-MM-DD"),
        ({"schedule": {"cron": "nightly"}}, "schedule.cron must be a five-field cron"),
        ({"schedule": {"timezone": "Helsinki"}}, "schedule.timezone: 'Helsinki' is not an IANA"),
        ({"backends": {"crm": "ftp"}}, "backends.crm: unknown backend 'ftp'"),
        ({"backends": {"shop": "api"}}, "backends.shop is 'api', so api.shopify_url must be"),
        (
            {"backends": {"helpdesk": "api"}, "api": {"zendesk_url": "https://x.zendesk.com"}},
            "backends.helpdesk is 'api': set api.zendesk_email",
        ),
        ({"api": {"page_size": 250}}, r"api.page_size must be 1..100, got 250"),
        ({"api": {"token": "secret"}}, "unknown setting(s) in 'api': token"),
        ({"demo": {"scale": 0}}, "demo.scale must be positive"),
        ({"report": {"brand_colour": "red;}"}}, "report.brand_colour must be #rrggbb"),
        ({"warehouse": {"engine": "trino"}}, "warehouse.engine must be one of .*'trino'"),
        ({"warehouse": "spark"}, "warehouse must be a mapping"),
        ({"warehouse": {"spark_dir": "x"}}, "unknown setting(s) in 'warehouse': spark_dir"),
        (
            {"warehouse": {"spark_schema": "cx; drop"}},
            "warehouse.spark_schema must be a lowercase identifier",
        ),
    ],
)
def test_bad_settings_name_the_setting(raw: dict, message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_settings(raw, tmp_path)


def test_environment_variable_selects_the_file(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "other.yaml"
    config.write_text("report:\n  language: en\n", encoding="utf-8")
    monkeypatch.setenv("CX_PIPELINE_CONFIG", str(config))
    assert load_settings().report.language == "en"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "nope.yaml")


def test_logo_and_target_overrides(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    settings = parse_settings(
        {"report": {"logo": "brand/logo.svg", "targets": {"nps": 40, "support_csat": None}}},
        tmp_path,
    )
    assert settings.report.logo == tmp_path / "brand" / "logo.svg"
    assert settings.report.targets == {"nps": 40.0, "support_csat": None}


def test_the_spark_engine_and_its_folder(tmp_path: Path) -> None:
    settings = parse_settings(
        {"warehouse": {"engine": "spark", "spark_warehouse": "lake", "spark_schema": "cx_test"}},
        tmp_path,
    )
    assert settings.warehouse.engine == "spark"
    assert settings.warehouse.spark_warehouse == tmp_path / "lake"
    assert settings.warehouse.spark_schema == "cx_test"
