"""Settings from one YAML file (``cx_pipeline.yaml``), with documented defaults.

Relative paths resolve against the folder that holds the file. ``CX_PIPELINE_CONFIG``
points at another file. Secrets never live here: they come from environment variables.
"""

from __future__ import annotations

import csv
import difflib
import os
import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from cx_pipeline.periods import GRAINS, parse_period

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_FILE = PROJECT_ROOT / "cx_pipeline.yaml"
CONFIG_ENV_VAR = "CX_PIPELINE_CONFIG"

LANGUAGES = ("fi", "en")
BACKENDS = ("files", "api")
ENGINES = ("duckdb", "spark")
API_MAX_PAGE_SIZE = 100  # Zendesk's cursor pages stop at 100; HubSpot and Shopify allow more


class ConfigError(ValueError):
    """A setting is missing, unknown or out of range; the message names it."""


@dataclass(frozen=True)
class Paths:
    exports: Path  # the export-file backend reads here; the demo generator writes here
    landing: Path  # raw landing zone: Parquet per system/table/load date
    warehouse: Path  # the live DuckDB file the report reads (warehouse.engine duckdb)
    reports: Path  # finished PDFs
    state: Path  # what has been e-mailed already (so nothing is sent twice)


@dataclass(frozen=True)
class WarehouseSettings:
    # Which engine dbt builds the warehouse with (its dbt target): duckdb, the embedded
    # default, or spark (the optional [spark] extra; README "Running on Spark").
    engine: str = "duckdb"
    # Spark only: the Spark warehouse folder (tables as Parquet folders and the session's
    # Derby catalog) and the schema the models are built in.
    spark_warehouse: Path = Path("data/warehouse/spark")
    spark_schema: str = "cx"


@dataclass(frozen=True)
class DemoSettings:
    scale: float = 1.0
    seed: int = 42
    end_date: date = date(2026, 10, 31)
    months: int = 18
    generate_if_missing: bool = True


@dataclass(frozen=True)
class ReportSettings:
    language: str = "fi"
    # month or week (ISO week): the period "auto" reports and the trend's step.
    period_grain: str = "month"
    # "auto" = the latest complete month or week in the data, or "YYYY-MM" / "YYYY-Www".
    period: str = "auto"
    company_name: str = "Demo Oy"
    brand_colour: str = "#1f4e79"
    # Customer names and e-mails stay out of the PDF unless this is set.
    include_personal_data: bool = False
    # A PNG, JPEG or SVG shown on the cover (under 1 MB); None: no logo.
    logo: Path | None = None
    # Targets that replace the metric catalog's: metric name -> number, or None to drop
    # a target. Keys must be catalog metrics.
    targets: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class SmtpSettings:
    # Empty host: e-mail is off. The password comes only from $CX_SMTP_PASSWORD.
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none (none only to localhost)
    sender: str = "cx-pipeline@localhost"
    username: str | None = None


@dataclass(frozen=True)
class AlertSettings:
    # Who hears of new negative feedback: by customer segment (B2B, B2C) or survey name,
    # else "default". Empty: no feedback alerts.
    negative_feedback_owners: dict[str, str] = field(default_factory=dict)
    # Who hears of a failed run.
    run_failure_to: list[str] = field(default_factory=list)
    # The finished PDF goes to these addresses, once per report period and language.
    report_to: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PartitionSettings:
    # The first daily partition. It also carries every record changed before it, so the
    # first run loads the whole history and later partitions add one day each.
    start_date: date = date(2026, 10, 31)


@dataclass(frozen=True)
class ApiSettings:
    """Where the "api" backends connect. Tokens come from the environment only:
    CX_HUBSPOT_TOKEN, CX_ZENDESK_API_TOKEN, CX_SHOPIFY_ACCESS_TOKEN."""

    hubspot_url: str = "https://api.hubapi.com"
    zendesk_url: str = ""  # https://<subdomain>.zendesk.com
    zendesk_email: str = ""  # the agent the API token belongs to
    # Ticket custom-field ids holding the contact reason and the order number.
    zendesk_contact_reason_field: int | None = None
    zendesk_order_id_field: int | None = None
    shopify_url: str = ""  # https://<shop>.myshopify.com
    shopify_api_version: str = "2024-10"
    page_size: int = 100
    timeout_seconds: float = 30.0
    max_retries: int = 5
    backoff_seconds: float = 1.0


@dataclass(frozen=True)
class ScheduleSettings:
    # When the nightly run starts (cron, on `timezone`'s clock); it loads yesterday's
    # partition, rebuilds the warehouse and renders the current period's report.
    cron: str = "0 2 * * *"
    timezone: str = "Europe/Helsinki"
    # By when (cron, same clock) yesterday's partition must have landed; later, the
    # freshness checks of the extract assets fail.
    data_due: str = "0 6 * * *"


@dataclass(frozen=True)
class Settings:
    paths: Paths
    timezone: str = "Europe/Helsinki"
    warehouse: WarehouseSettings = field(default_factory=WarehouseSettings)
    demo: DemoSettings = field(default_factory=DemoSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    partitions: PartitionSettings = field(default_factory=PartitionSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    backends: dict[str, str] = field(
        default_factory=lambda: {"crm": "files", "helpdesk": "files", "shop": "files"}
    )
    api: ApiSettings = field(default_factory=ApiSettings)
    config_file: Path | None = None

    def with_report(self, **changes: Any) -> Settings:
        return replace(self, report=replace(self.report, **changes))


def _section(cls: type, raw: dict[str, Any] | None, name: str) -> Any:
    raw = dict(raw or {})
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in '{name}': {', '.join(unknown)}")
    return cls(**raw)


def _resolve(base: Path, value: str | Path) -> Path:
    path = Path(os.path.expandvars(str(value))).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


SMTP_SECURITY = ("starttls", "ssl", "none")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".svg")
LOGO_MAX_BYTES = 1024 * 1024
METRIC_CATALOG_SEED = PROJECT_ROOT / "dbt_project" / "seeds" / "metric_catalog.csv"


def _logo(base: Path, value: Any) -> Path | None:
    if value in (None, ""):
        return None
    path = _resolve(base, str(value))
    if path.suffix.lower() not in LOGO_TYPES:
        raise ConfigError(f"report.logo: {path} is not a PNG, JPEG or SVG file")
    if not path.is_file():
        raise ConfigError(f"report.logo: file not found: {path}")
    if path.stat().st_size > LOGO_MAX_BYTES:
        raise ConfigError(f"report.logo: {path} is larger than 1 MB")
    return path


def catalog_metric_names() -> set[str]:
    """The metrics of the catalog seed (the warehouse's metric_catalog is built from it)."""
    with METRIC_CATALOG_SEED.open(encoding="utf-8", newline="") as handle:
        return {row["metric_name"] for row in csv.DictReader(handle)}


def _targets(raw: Any) -> dict[str, float | None]:
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError("report.targets must map metric names to numbers")
    known = catalog_metric_names()
    targets: dict[str, float | None] = {}
    for name, value in raw.items():
        if name not in known:
            close = difflib.get_close_matches(str(name), sorted(known), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ConfigError(f"report.targets: unknown metric '{name}'{hint}")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ConfigError(f"report.targets.{name} must be a number or null, got {value!r}")
        targets[name] = None if value is None else float(value)
    return targets


API_URL_SETTINGS = {"crm": "hubspot_url", "helpdesk": "zendesk_url", "shop": "shopify_url"}


def _api(api: ApiSettings, backends: dict[str, str]) -> ApiSettings:
    for system, name in API_URL_SETTINGS.items():
        url = str(getattr(api, name))
        if backends[system] == "api" and not re.match(r"https?://[^/]+", url):
            raise ConfigError(f"backends.{system} is 'api', so api.{name} must be an http(s) URL")
    if backends["helpdesk"] == "api" and "@" not in api.zendesk_email:
        raise ConfigError("backends.helpdesk is 'api': set api.zendesk_email (the token's agent)")
    if not 1 <= int(api.page_size) <= API_MAX_PAGE_SIZE:
        raise ConfigError(f"api.page_size must be 1..{API_MAX_PAGE_SIZE}, got {api.page_size}")
    if api.timeout_seconds <= 0 or api.max_retries < 0 or api.backoff_seconds < 0:
        raise ConfigError("api: timeout_seconds must be positive, retries and backoff >= 0")
    return api


def _warehouse(base: Path, raw: Any) -> WarehouseSettings:
    if raw is not None and not isinstance(raw, dict):
        raise ConfigError("warehouse must be a mapping (engine, spark_warehouse, spark_schema)")
    warehouse = _section(WarehouseSettings, raw, "warehouse")
    if warehouse.engine not in ENGINES:
        raise ConfigError(f"warehouse.engine must be one of {ENGINES}, got '{warehouse.engine}'")
    # The schema names a folder (<schema>.db) and goes into SQL: a plain identifier only.
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", str(warehouse.spark_schema)):
        raise ConfigError(
            "warehouse.spark_schema must be a lowercase identifier (a-z, 0-9, _), "
            f"got '{warehouse.spark_schema}'"
        )
    return replace(warehouse, spark_warehouse=_resolve(base, warehouse.spark_warehouse))


def parse_settings(
    raw: dict[str, Any], base_dir: Path, config_file: Path | None = None
) -> Settings:
    """Validate a parsed YAML mapping into Settings (pure; paths resolve against base_dir)."""
    allowed = {
        "paths",
        "timezone",
        "warehouse",
        "demo",
        "report",
        "backends",
        "api",
        "partitions",
        "schedule",
        "smtp",
        "alerts",
    }
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ConfigError(f"unknown top-level setting(s): {', '.join(unknown)}")

    raw_paths = {
        "exports": "data/exports",
        "landing": "data/raw",
        "warehouse": "data/warehouse/cx.duckdb",
        "reports": "reports",
        "state": "data/state",
        **(raw.get("paths") or {}),
    }
    unknown = sorted(set(raw_paths) - {f.name for f in fields(Paths)})
    if unknown:
        raise ConfigError(f"unknown setting(s) in 'paths': {', '.join(unknown)}")
    paths = Paths(**{k: _resolve(base_dir, v) for k, v in raw_paths.items()})

    timezone = str(raw.get("timezone", "Europe/Helsinki"))
    try:
        ZoneInfo(timezone)
    except Exception as exc:
        raise ConfigError(f"timezone: '{timezone}' is not an IANA time zone") from exc

    warehouse = _warehouse(base_dir, raw.get("warehouse"))

    demo = _section(DemoSettings, raw.get("demo"), "demo")
    if isinstance(demo.end_date, str):
        demo = replace(demo, end_date=date.fromisoformat(demo.end_date))
    if demo.scale <= 0:
        raise ConfigError(f"demo.scale must be positive, got {demo.scale}")

    report = _section(ReportSettings, raw.get("report"), "report")
    report = replace(
        report,
        logo=_logo(base_dir, report.logo),
        targets=_targets(report.targets),
    )
    if report.language not in LANGUAGES:
        raise ConfigError(f"report.language must be one of {LANGUAGES}, got '{report.language}'")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(report.brand_colour)):
        raise ConfigError(f"report.brand_colour must be #rrggbb, got '{report.brand_colour}'")
    if report.period_grain not in GRAINS:
        raise ConfigError(
            f"report.period_grain must be one of {GRAINS}, got '{report.period_grain}'"
        )
    if report.period != "auto":
        try:
            explicit = parse_period(str(report.period))
        except ValueError as exc:
            raise ConfigError(f"report.period: {exc}") from exc
        if explicit.grain != report.period_grain:
            raise ConfigError(
                f"report.period {report.period} is a {explicit.grain}, but "
                f"report.period_grain is '{report.period_grain}'"
            )

    backends = {"crm": "files", "helpdesk": "files", "shop": "files", **(raw.get("backends") or {})}
    for system, backend in backends.items():
        if system not in ("crm", "helpdesk", "shop"):
            raise ConfigError(f"backends: unknown system '{system}'")
        if backend not in BACKENDS:
            raise ConfigError(f"backends.{system}: unknown backend '{backend}' (known: {BACKENDS})")
    api = _api(_section(ApiSettings, raw.get("api"), "api"), backends)

    partitions = _section(PartitionSettings, raw.get("partitions"), "partitions")
    if isinstance(partitions.start_date, str):
        try:
            partitions = replace(partitions, start_date=date.fromisoformat(partitions.start_date))
        except ValueError as exc:
            raise ConfigError(
                f"partitions.start_date must be YYYY-MM-DD, got '{partitions.start_date}'"
            ) from exc
    schedule = _section(ScheduleSettings, raw.get("schedule"), "schedule")
    for name in ("cron", "data_due"):
        value = str(getattr(schedule, name))
        if len(value.split()) != 5:
            raise ConfigError(
                f"schedule.{name} must be a five-field cron expression, got '{value}'"
            )
    try:
        ZoneInfo(schedule.timezone)
    except Exception as exc:
        raise ConfigError(
            f"schedule.timezone: '{schedule.timezone}' is not an IANA time zone"
        ) from exc

    smtp = _section(SmtpSettings, raw.get("smtp"), "smtp")
    if smtp.security not in SMTP_SECURITY:
        raise ConfigError(f"smtp.security must be one of {SMTP_SECURITY}, got '{smtp.security}'")
    if smtp.username and smtp.security == "none" and smtp.host not in LOCAL_HOSTS:
        raise ConfigError(
            "smtp.username with smtp.security 'none' would send the password unencrypted: "
            "use starttls or ssl"
        )
    alerts = _section(AlertSettings, raw.get("alerts"), "alerts")
    for name in ("run_failure_to", "report_to"):
        if not isinstance(getattr(alerts, name), list):
            raise ConfigError(f"alerts.{name} must be a list of e-mail addresses")
    addresses = [
        *alerts.negative_feedback_owners.values(),
        *alerts.run_failure_to,
        *alerts.report_to,
    ]
    for address in addresses:
        if "@" not in str(address):
            raise ConfigError(f"alerts: '{address}' is not an e-mail address")

    return Settings(
        paths=paths,
        timezone=timezone,
        warehouse=warehouse,
        demo=demo,
        report=report,
        partitions=partitions,
        schedule=schedule,
        smtp=smtp,
        alerts=alerts,
        backends=backends,
        api=api,
        config_file=config_file,
    )


def load_settings(path: Path | str | None = None) -> Settings:
    """Read the configuration file: the argument, else $CX_PIPELINE_CONFIG, else the default."""
    chosen = Path(path or os.environ.get(CONFIG_ENV_VAR) or DEFAULT_CONFIG_FILE).resolve()
    if not chosen.exists():
        raise ConfigError(f"configuration file not found: {chosen}")
    try:
        raw = yaml.safe_load(chosen.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{chosen}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{chosen}: expected a mapping at the top level")
    return parse_settings(raw, chosen.parent, chosen)
