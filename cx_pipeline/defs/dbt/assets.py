"""dbt models as Dagster assets; dbt tests run as asset checks in the same `dbt build`."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from cx_pipeline.defs.dbt.arguments import dbt_build_args, window_environment
from cx_pipeline.defs.dbt.project import cx_dbt_project
from cx_pipeline.defs.dbt.table_metadata import with_table_metadata
from cx_pipeline.defs.dbt.translator import CxDbtTranslator
from cx_pipeline.defs.resources import CxSettings
from cx_pipeline.warehouse import dbt_target_path, warehouse_build, warehouse_location

# Every warehouse writer runs in this pool; warehouse_build also holds a file lock, so two
# builds of one warehouse never overlap whatever the pool's limit (DuckDB allows one
# writer per file, and a local Spark session one per embedded Derby catalog).
WAREHOUSE_POOL = "duckdb_warehouse"


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set variables for a dbt subprocess started inside the block (it copies os.environ)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


translator = CxDbtTranslator(
    settings=DagsterDbtTranslatorSettings(
        enable_asset_checks=True, enable_source_tests_as_checks=True
    )
)


def build_dbt_assets(partitions_def: dg.DailyPartitionsDefinition) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=cx_dbt_project().manifest_path,
        project=cx_dbt_project(),
        dagster_dbt_translator=translator,
        pool=WAREHOUSE_POOL,
        partitions_def=partitions_def,
        # One dbt build for a backfilled range: incremental models read its days at once.
        backfill_policy=dg.BackfillPolicy.single_run(),
    )
    def cx_dbt_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, cx: CxSettings
    ) -> Iterator[Any]:
        settings = cx.load()
        window = context.partition_time_window
        window_env = window_environment((window.start.date(), window.end.date()))
        target = dbt_target_path(warehouse_location(settings))
        with warehouse_build(settings) as build:
            # Results of the previous build must never pass for this one's.
            (target / "run_results.json").unlink(missing_ok=True)
            with _environment(**build.dbt_environment, **window_env):
                invocation = dbt.cli(dbt_build_args(settings), context=context, target_path=target)
            # The build's tables are locked while dbt writes them: collect the events, then
            # read each model's row count, schema and preview once dbt has finished.
            events = []
            try:
                events.extend(invocation.stream())
            except Exception:
                yield from events
                raise
            yield from with_table_metadata(events, invocation.manifest, build.reader)

    return cx_dbt_models
