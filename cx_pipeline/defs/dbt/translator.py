"""How dbt models appear in Dagster: grouped by layer and journey stage, from the folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dagster_dbt import DagsterDbtTranslator

JOURNEY_STAGES = ("perception", "purchase", "usage", "prediction")


def group_for(fqn: list[str], resource_type: str) -> str:
    """Group from the dbt path: models/staging/* -> staging, models/marts/<stage>/ -> <stage>,
    models/marts/core/ -> core, models/marts/feedback/ (comment themes, quotes) -> feedback,
    the long metrics table -> metrics, seeds -> catalog."""
    if resource_type == "seed":
        return "catalog"
    folders = fqn[1:-1]  # drop the project name and the model name
    if not folders:
        return "metrics"
    layer = folders[0]
    if layer == "marts":
        if len(folders) == 1:
            return "metrics"
        return folders[1]
    return layer


class CxDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] not in ("model", "seed", "snapshot"):
            return super().get_group_name(dbt_resource_props)
        return group_for(list(dbt_resource_props["fqn"]), dbt_resource_props["resource_type"])

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> Sequence[str] | None:
        # Staging and intermediate models are plumbing; marts and metrics are what analysts
        # own and answer questions about.
        group = self.get_group_name(dbt_resource_props)
        if group in ("staging", "intermediate"):
            return ["team:data-engineering"]
        return ["team:cx-analytics"]

    def get_tags(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, str]:
        tags = dict(super().get_tags(dbt_resource_props))
        group = self.get_group_name(dbt_resource_props)
        if group in JOURNEY_STAGES:
            tags["journey_stage"] = group
        return tags
