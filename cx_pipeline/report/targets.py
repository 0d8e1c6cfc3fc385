"""The report's targets: the catalog's, with report.targets overrides applied (pure)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def apply_target_overrides(
    catalog: pd.DataFrame, overrides: Mapping[str, float | None]
) -> pd.DataFrame:
    """A copy of `catalog` whose target is replaced for each overridden metric (None: no
    target). Names are checked against the catalog when the settings are read."""
    result = catalog.copy()
    for name, target in overrides.items():
        result.loc[result["metric_name"] == name, "target"] = (
            float("nan") if target is None else target
        )
    return result
