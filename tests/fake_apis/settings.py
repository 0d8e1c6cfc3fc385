"""The `api` settings that point every system at the fake servers on one base URL."""

from __future__ import annotations

from typing import Any

from tests.fake_apis import shopify, zendesk


def fake_api_settings(url: str, **changes: Any) -> dict[str, Any]:
    return {
        "hubspot_url": url,
        "zendesk_url": url,
        "zendesk_email": zendesk.EMAIL,
        "zendesk_contact_reason_field": zendesk.CONTACT_REASON_FIELD,
        "zendesk_order_id_field": zendesk.ORDER_ID_FIELD,
        "shopify_url": url,
        "shopify_api_version": shopify.VERSION,
        "backoff_seconds": 0,
        **changes,
    }
