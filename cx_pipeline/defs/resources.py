"""Dagster resources: the settings file, read at run time (never at import)."""

import dagster as dg

from cx_pipeline.config import Settings, load_settings


class CxSettings(dg.ConfigurableResource):
    """Where cx-pipeline's settings come from: a YAML file (default: $CX_PIPELINE_CONFIG,
    else cx_pipeline.yaml in the project folder)."""

    config_file: str | None = None
    # Overrides the file's report.language for this run (fi or en).
    report_language: str | None = None

    def load(self) -> Settings:
        settings = load_settings(self.config_file)
        if self.report_language:
            settings = settings.with_report(language=self.report_language)
        return settings
