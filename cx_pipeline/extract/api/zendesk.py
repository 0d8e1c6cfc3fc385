"""Zendesk Support (API token, basic auth): the incremental export endpoints for tickets,
users and ticket events; cursor-paginated lists for groups and satisfaction ratings.

Incremental exports start at a Unix time and run to now; what changed after the window is
left to the partitions that own it.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

from cx_pipeline.extract.api.http import ApiClient, ApiError
from cx_pipeline.extract.api.rows import Window, parse_instant
from cx_pipeline.source_tables import SourceTable

TABLES = ("tickets", "users", "ticket_events", "groups", "satisfaction_ratings")
CURSOR_EXPORTS = {"tickets": "tickets", "users": "users"}


def client_headers(email: str, api_token: str) -> dict[str, str]:
    secret = base64.b64encode(f"{email}/token:{api_token}".encode()).decode()
    return {"Authorization": f"Basic {secret}"}


def fetch(
    client: ApiClient,
    table: SourceTable,
    window: Window,
    page_size: int,
    custom_fields: dict[str, int | None],
) -> list[dict]:
    start = 0 if window.start is None else int(window.start.timestamp())
    if table.name in CURSOR_EXPORTS:
        records = _cursor_export(client, CURSOR_EXPORTS[table.name], start, page_size)
        rows = (
            ticket_row(r, custom_fields) if table.name == "tickets" else _plain(r, table)
            for r in records
        )
    elif table.name == "ticket_events":
        rows = (row for e in _ticket_events(client, start) for row in ticket_event_rows(e))
    elif table.name == "groups":
        rows = (_plain(r, table) for r in _cursor_list(client, "groups", {}, page_size))
    else:
        params = {"start_time": start, "end_time": int(window.end.timestamp())}
        ratings = _cursor_list(client, "satisfaction_ratings", params, page_size)
        rows = (_plain(r, table) for r in ratings)
    changed = table.updated_at
    return [r for r in rows if window.contains(parse_instant(r[changed]))]


def ticket_row(ticket: dict[str, Any], custom_fields: dict[str, int | None]) -> dict[str, Any]:
    fields = {f["id"]: f.get("value") for f in ticket.get("custom_fields") or []}
    return {
        **{k: v for k, v in ticket.items() if not isinstance(v, dict | list) or k == "tags"},
        "via_channel": (ticket.get("via") or {}).get("channel"),
        "custom_contact_reason": fields.get(custom_fields.get("contact_reason")),
        "custom_order_id": fields.get(custom_fields.get("order_id")),
    }


def ticket_event_rows(event: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per child event of an audit, with the audit's ticket, time and author."""
    return [
        {
            "id": child["id"],
            "ticket_id": event["ticket_id"],
            "created_at": event["created_at"],
            "author_id": event.get("updater_id"),
            "via": child.get("via"),
            "event_type": child.get("event_type"),
            "public": child.get("public"),
            "field_name": child.get("field_name"),
            "previous_value": _text(child.get("previous_value")),
            "value": _text(child.get("value")),
        }
        for child in event.get("child_events") or []
    ]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _plain(record: dict[str, Any], table: SourceTable) -> dict[str, Any]:
    return {c: record.get(c) for c in table.columns}


def _cursor_export(client: ApiClient, resource: str, start: int, page_size: int) -> Iterator[dict]:
    params: dict[str, Any] = {"start_time": start, "per_page": page_size}
    while True:
        page = client.get(f"/api/v2/incremental/{resource}/cursor.json", params).body
        yield from page.get(resource, [])
        if page.get("end_of_stream", True) or not page.get("after_cursor"):
            return
        params = {"cursor": page["after_cursor"], "per_page": page_size}


def _ticket_events(client: ApiClient, start: int) -> Iterator[dict]:
    """The time-based export: follow next_page until the end of the stream. A page ends at
    a second and the next starts at it, so audits of that second come twice: skip them."""
    page = client.get("/api/v2/incremental/ticket_events.json", {"start_time": start}).body
    seen: set[int] = set()
    while True:
        fresh = [e for e in page.get("ticket_events", []) if e["id"] not in seen]
        seen.update(e["id"] for e in fresh)
        yield from fresh
        if page.get("end_of_stream", True) or not page.get("next_page"):
            return
        if not fresh:
            raise ApiError(
                f"{client.system}: more ticket events in one second than a page holds; "
                "the time-based export cannot page past them"
            )
        page = client.get(page["next_page"]).body


def _cursor_list(
    client: ApiClient, resource: str, params: dict[str, Any], page_size: int
) -> Iterator[dict]:
    page = client.get(f"/api/v2/{resource}.json", {**params, "page[size]": page_size}).body
    while True:
        yield from page.get(resource, [])
        meta, links = page.get("meta") or {}, page.get("links") or {}
        if not meta.get("has_more") or not links.get("next"):
            return
        page = client.get(links["next"]).body
