"""Dagster resources: the settings file, read at run time (never at import)."""

import dagster as dg

from cx_pipeline.config import Settings, load_settings


class CxSettings(dg.ConfigurableResource):
    """Where cx-pipeline's settings come from: a YAML file (default: $CX_PIPELINE_CONFIG,
    else cx_pipeline.yaml in the project folder)."""

    config_file: str | None = None
    # Renders the report in this language (fi or en) instead of the file's report.language;
    # the configured language keeps the plain file name, the other gets a suffix.
    report_language: str | None = None

    def load(self) -> Settings:
        return load_settings(self.config_file)
