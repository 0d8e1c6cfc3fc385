"""HubSpot CRM v3 (private-app token): objects through the search endpoint, filtered on
their last-modified property, associations through the v4 batch endpoint, owners listed.

Search pages by `after` and stops at 10,000 results per query; a longer window restarts
from the last modified time it reached (sorted ascending), dropping the repeats.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from cx_pipeline.extract.api.http import ApiClient, ApiError
from cx_pipeline.extract.api.rows import Window, parse_instant
from cx_pipeline.source_tables import SourceTable

# Contract table -> HubSpot object type read through the search API.
OBJECT_TYPES = {
    "contacts": "contacts",
    "companies": "companies",
    "deals": "deals",
    "meetings": "meetings",
    "tasks": "tasks",
    "feedback_submissions": "feedback_submissions",
}
TABLES = (*OBJECT_TYPES, "owners")
# Contract columns filled from associations (v4), not properties: column -> object type.
ASSOCIATION_COLUMNS = {
    "associated_company_id": "companies",
    "associated_contact_id": "contacts",
    "associated_feedback_submission_id": "feedback_submissions",
}
# Feedback submissions name the object they were answered about as properties.
PROPERTY_ASSOCIATIONS = {"feedback_submissions"}
SEARCH_LIMIT = 10_000


def client_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def fetch(client: ApiClient, table: SourceTable, window: Window, page_size: int) -> list[dict]:
    if table.name == "owners":
        return [
            owner_row(o)
            for o in _owners(client, page_size)
            if window.contains(parse_instant(o["updatedAt"]))
        ]
    object_type = OBJECT_TYPES[table.name]
    associations = _association_columns(table)
    properties = [c for c in table.columns if c != "hs_object_id" and c not in associations]
    rows = []
    for batch in _search(client, object_type, table.updated_at, properties, window, page_size):
        linked = {
            column: _associations(client, object_type, to_type, [o["id"] for o in batch])
            for column, to_type in associations.items()
        }
        for obj in batch:
            row = object_row(obj, properties)
            for column, ids in linked.items():
                row[column] = ids.get(str(obj["id"]))
            rows.append(row)
    return rows


def object_row(obj: dict[str, Any], properties: list[str]) -> dict[str, Any]:
    values = obj.get("properties") or {}
    return {"hs_object_id": obj["id"], **{p: values.get(p) for p in properties}}


def owner_row(owner: dict[str, Any]) -> dict[str, Any]:
    teams = owner.get("teams") or []
    primary = next((t for t in teams if t.get("primary")), teams[0] if teams else None)
    return {
        "id": owner["id"],
        "email": owner.get("email"),
        "firstName": owner.get("firstName"),
        "lastName": owner.get("lastName"),
        "team_name": primary["name"] if primary else None,
        "createdAt": owner.get("createdAt"),
        "updatedAt": owner.get("updatedAt"),
    }


def _association_columns(table: SourceTable) -> dict[str, str]:
    if table.name in PROPERTY_ASSOCIATIONS:
        return {}
    return {c: t for c, t in ASSOCIATION_COLUMNS.items() if c in table.columns}


def _epoch_ms(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000))


def _search(
    client: ApiClient,
    object_type: str,
    modified: str,
    properties: list[str],
    window: Window,
    page_size: int,
) -> Iterator[list[dict]]:
    """Pages of objects modified in the window, oldest first."""
    lower = window.start
    seen: set[str] = set()
    while True:
        filters = [{"propertyName": modified, "operator": "LT", "value": _epoch_ms(window.end)}]
        if lower is not None:
            filters.append({"propertyName": modified, "operator": "GTE", "value": _epoch_ms(lower)})
        after = 0
        last_modified = None
        while True:
            body = {
                "filterGroups": [{"filters": filters}],
                "sorts": [{"propertyName": modified, "direction": "ASCENDING"}],
                "properties": [*properties, modified],
                "limit": page_size,
                "after": str(after),
            }
            page = client.post(f"/crm/v3/objects/{object_type}/search", body).body
            results = [o for o in page.get("results", []) if str(o["id"]) not in seen]
            seen.update(str(o["id"]) for o in results)
            if results:
                yield results
                last_modified = results[-1]["properties"].get(modified) or last_modified
            next_after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if next_after is None:
                return
            after = int(next_after)
            if after >= SEARCH_LIMIT:
                break
        if last_modified is None:
            return
        # The search cap: start a new query at the last modified time reached.
        restart = parse_instant(last_modified)
        if restart == lower:
            raise ApiError(
                f"{client.system}: over {SEARCH_LIMIT:,} {object_type} modified at "
                f"{last_modified}; the search API cannot page past them"
            )
        lower = restart


def _associations(
    client: ApiClient, from_type: str, to_type: str, ids: list[str]
) -> dict[str, int]:
    """The first associated object of each id (the contract holds one per row)."""
    page = client.post(
        f"/crm/v4/associations/{from_type}/{to_type}/batch/read",
        {"inputs": [{"id": str(i)} for i in ids]},
    ).body
    linked = {}
    for result in page.get("results", []):
        targets = sorted(int(t["toObjectId"]) for t in result.get("to", []))
        if targets:
            linked[str(result["from"]["id"])] = targets[0]
    return linked


def _owners(client: ApiClient, page_size: int) -> Iterator[dict]:
    params: dict[str, Any] = {"limit": page_size, "archived": "false"}
    while True:
        page = client.get("/crm/v3/owners", params).body
        yield from page.get("results", [])
        next_after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if next_after is None:
            return
        params = {**params, "after": next_after}
