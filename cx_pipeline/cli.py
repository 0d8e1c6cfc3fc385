"""The `cx-pipeline` command: demo data, a full run to the PDF, and a report re-render."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from cx_pipeline.config import LANGUAGES, load_settings


def _demo_data(args: argparse.Namespace) -> int:
    from cx_pipeline.demo import generate

    counts = generate(
        Path(args.out),
        scale=args.scale,
        seed=args.seed,
        end_date=date.fromisoformat(args.end_date),
        months=args.months,
    )
    for key, rows in sorted(counts.items()):
        print(f"{key:32} {rows:>12,}")
    print(f"wrote {sum(counts.values()):,} rows into {args.out}")
    return 0


def _run(args: argparse.Namespace) -> int:
    """Materialise every asset in this process for a range of days: export files ->
    landing zone -> dbt -> PDF. Without --from/--to: the days not loaded yet, and yesterday."""
    import warnings

    import dagster as dg

    # The partitioned assets use beta parameters (backfill policy) on purpose; one
    # warning per asset at import would drown the run's own output.
    warnings.filterwarnings("ignore", category=dg.BetaWarning)

    from cx_pipeline.definitions import resources
    from cx_pipeline.defs.resources import CxSettings
    from cx_pipeline.runs import default_range, run_days

    settings = load_settings(args.config)
    cx = CxSettings(
        config_file=str(settings.config_file) if settings.config_file else None,
        report_language=args.lang,
    )
    first, last = default_range(settings)
    first = date.fromisoformat(args.first) if args.first else first
    last = date.fromisoformat(args.last) if args.last else last
    print(f"days: {first} .. {last}")
    # With DAGSTER_HOME set, the run is recorded where `dagster dev` shows it.
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    # Step and check events stay in the run history (`dagster dev`); the terminal gets
    # warnings and errors only, and dbt's own progress lines.
    result = run_days(
        settings,
        first,
        last,
        resources=resources(cx),
        instance=instance,
        log_level="WARNING",
    )
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        print(f"run failed in step(s): {', '.join(failed)}", file=sys.stderr)
        return 1
    report = result.asset_materializations_for_node("cx_report_pdf")[-1]
    print(f"report: {report.metadata['path'].value}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from cx_pipeline.report import build_report
    from cx_pipeline.warehouse_readers import warehouse_reader

    settings = load_settings(args.config)
    result = build_report(
        warehouse_reader(settings), settings, language=args.lang, period=args.period
    )
    print(f"report: {result.path}")
    return 0


def _prepare(args: argparse.Namespace) -> int:
    from cx_pipeline.defs.dbt.project import cx_dbt_project

    print(f"dbt manifest: {cx_dbt_project().manifest_path}")
    return 0


def _catalog_docs(args: argparse.Namespace) -> int:
    from cx_pipeline.catalog_docs import write_catalog_doc

    print(f"wrote {write_catalog_doc()}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    """dbt docs of the configured warehouse: generate, then optionally serve them locally."""
    import subprocess

    from cx_pipeline.defs.dbt.arguments import dbt_docs_args
    from cx_pipeline.defs.dbt.project import DBT_PROJECT_DIR, cx_dbt_project
    from cx_pipeline.warehouse import dbt_environment, warehouse_location

    settings = load_settings(args.config)
    live = warehouse_location(settings)
    if not live.exists():
        print(f"no warehouse at {live}: run `cx-pipeline run` first", file=sys.stderr)
        return 1
    cx_dbt_project()  # puts dbt on PATH and keeps the manifest current
    env = {**os.environ, **dbt_environment(settings)}
    subprocess.run(["dbt", *dbt_docs_args(settings)], cwd=DBT_PROJECT_DIR, env=env, check=True)
    target = DBT_PROJECT_DIR / os.environ.get("DBT_TARGET_PATH", "target")
    print(f"dbt docs: {target / 'index.html'}")
    if args.serve:
        serve = ["dbt", "docs", "serve", "--port", str(args.port), "--no-browser"]
        subprocess.run(serve, cwd=DBT_PROJECT_DIR, env=env, check=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cx-pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo-data", help="generate the demo company's export files")
    demo.add_argument("--scale", type=float, default=1.0, help="1 = about 5k customers")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--out", required=True, help="folder to write <system>/<table> files into")
    demo.add_argument("--end-date", default="2026-10-31", help="last day of data (YYYY-MM-DD)")
    demo.add_argument("--months", type=int, default=18)
    demo.set_defaults(func=_demo_data)

    config_help = "settings file (default: $CX_PIPELINE_CONFIG, else the project's own)"
    run = commands.add_parser(
        "run",
        help="load a range of days, build the warehouse and write the PDF (also a backfill)",
    )
    run.add_argument("--config", help=config_help)
    run.add_argument("--lang", choices=LANGUAGES, help="report language (default: from config)")
    run.add_argument(
        "--from",
        dest="first",
        metavar="YYYY-MM-DD",
        help="first day to load (default: the first day not loaded yet)",
    )
    run.add_argument(
        "--to", dest="last", metavar="YYYY-MM-DD", help="last day to load (default: yesterday)"
    )
    run.set_defaults(func=_run)

    report = commands.add_parser("report", help="re-render the PDF from the live warehouse")
    report.add_argument("--config", help=config_help)
    report.add_argument("--lang", choices=LANGUAGES)
    report.add_argument("--period", help="YYYY-MM or YYYY-Www (default: from config)")
    report.set_defaults(func=_report)

    prepare = commands.add_parser("prepare", help="prepare the dbt manifest Dagster loads")
    prepare.set_defaults(func=_prepare)

    docs = commands.add_parser("docs", help="generate (and serve) the dbt docs of the warehouse")
    docs.add_argument("--config", help=config_help)
    docs.add_argument("--serve", action="store_true", help="serve them on localhost")
    docs.add_argument("--port", type=int, default=8080)
    docs.set_defaults(func=_docs)

    catalog_docs = commands.add_parser(
        "catalog-docs", help="regenerate the metric catalog's dbt docs page from its seed"
    )
    catalog_docs.set_defaults(func=_catalog_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
