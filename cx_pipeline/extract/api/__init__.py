"""The "api" backends: HubSpot, Zendesk and Shopify over their REST APIs, giving the same
contract tables as the export files. Tables a system's API does not serve (survey
definitions, campaigns and marketing events, effort surveys, self-service sessions) keep
coming from their export files under this backend."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from cx_pipeline.config import ApiSettings
from cx_pipeline.extract.api import hubspot, shopify, zendesk
from cx_pipeline.extract.api.http import ApiAuthError, ApiClient, ApiError, HttpSettings
from cx_pipeline.extract.api.rows import to_contract_table, window_of
from cx_pipeline.partitions import local_days
from cx_pipeline.source_tables import SourceTable

__all__ = ["ApiAuthError", "ApiError", "ApiRead", "read_api", "serves"]

API_TABLES = {"crm": hubspot.TABLES, "helpdesk": zendesk.TABLES, "shop": shopify.TABLES}
VENDORS = {"crm": "HubSpot", "helpdesk": "Zendesk", "shop": "Shopify"}
# The environment variable holding each system's token.
TOKEN_VARS = {
    "crm": "CX_HUBSPOT_TOKEN",
    "helpdesk": "CX_ZENDESK_API_TOKEN",
    "shop": "CX_SHOPIFY_ACCESS_TOKEN",
}


@dataclass(frozen=True)
class ApiRead:
    table: pa.Table
    days: pa.ChunkedArray | None  # the day of each row when it is not its own timestamp's


def serves(table: SourceTable) -> bool:
    return table.name in API_TABLES[table.system]


def read_api(
    api: ApiSettings,
    tokens: Mapping[str, str | None],
    table: SourceTable,
    days: list[date],
    *,
    timezone: str,
    start_date: date,
) -> ApiRead:
    """The records of `table` changed on the partition `days` (all history for the first
    partition), fetched from the system's API. `tokens` maps system to its token."""
    window = window_of(days, timezone, start_date=start_date)
    client = _client(api, tokens, table.system)
    order_days = None
    if table.system == "crm":
        rows = hubspot.fetch(client, table, window, api.page_size)
    elif table.system == "helpdesk":
        fields = {
            "contact_reason": api.zendesk_contact_reason_field,
            "order_id": api.zendesk_order_id_field,
        }
        rows = zendesk.fetch(client, table, window, api.page_size, fields)
    else:
        rows, order_days = shopify.fetch(
            client, table, window, api.page_size, api.shopify_api_version
        )
    data = to_contract_table(rows, table)
    if order_days is None:
        return ApiRead(data, None)
    instants = pa.array(order_days, pa.string()).cast(pa.timestamp("us", tz="UTC"))
    return ApiRead(data, local_days(pa.chunked_array([instants]), timezone))


def _client(api: ApiSettings, tokens: Mapping[str, str | None], system: str) -> ApiClient:
    vendor, variable = VENDORS[system], TOKEN_VARS[system]
    token = tokens.get(system)
    if not token:
        raise ApiAuthError(f"{system} ({vendor}): no API token; set {variable}")
    if system == "crm":
        base_url, headers = api.hubspot_url, hubspot.client_headers(token)
    elif system == "helpdesk":
        base_url, headers = api.zendesk_url, zendesk.client_headers(api.zendesk_email, token)
    else:
        base_url, headers = api.shopify_url, shopify.client_headers(token)
    http = HttpSettings(
        timeout_seconds=api.timeout_seconds,
        max_retries=api.max_retries,
        backoff_seconds=api.backoff_seconds,
    )
    hint = f"check {variable} (expired or revoked?)"
    return ApiClient(f"{system} ({vendor})", base_url, headers, http, hint)
