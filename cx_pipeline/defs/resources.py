"""Dagster resources: the settings file, read at run time (never at import)."""

import os

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


class MailResource(dg.ConfigurableResource):
    """The SMTP password, from the environment variable CX_SMTP_PASSWORD only (through
    dg.EnvVar, so Dagster never shows it); the other SMTP settings are in the file."""

    smtp_password: str | None = None


def mail_resource() -> MailResource:
    if "CX_SMTP_PASSWORD" in os.environ:
        return MailResource(smtp_password=dg.EnvVar("CX_SMTP_PASSWORD"))
    return MailResource()


class ApiTokens(dg.ConfigurableResource):
    """The source APIs' tokens, from the environment only (through dg.EnvVar, so Dagster
    never shows them): CX_HUBSPOT_TOKEN, CX_ZENDESK_API_TOKEN, CX_SHOPIFY_ACCESS_TOKEN."""

    hubspot_token: str | None = None
    zendesk_api_token: str | None = None
    shopify_access_token: str | None = None

    def by_system(self) -> dict[str, str | None]:
        return {
            "crm": self.hubspot_token,
            "helpdesk": self.zendesk_api_token,
            "shop": self.shopify_access_token,
        }


API_TOKEN_VARS = {
    "hubspot_token": "CX_HUBSPOT_TOKEN",
    "zendesk_api_token": "CX_ZENDESK_API_TOKEN",
    "shopify_access_token": "CX_SHOPIFY_ACCESS_TOKEN",
}


def api_tokens_resource() -> ApiTokens:
    return ApiTokens(
        **{field: dg.EnvVar(var) for field, var in API_TOKEN_VARS.items() if var in os.environ}
    )
