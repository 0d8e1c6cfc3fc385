"""Zendesk Support: incremental cursor exports (tickets, users), the time-based ticket event
export (audits with child events; a page ends at a timestamp and the next starts there, so
events at that second come twice, as in Zendesk), cursor-paginated groups and ratings."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.fake_apis.common import FakeApi, json_response

EMAIL, TOKEN = "api@example.com", "zd-test-token"
CONTACT_REASON_FIELD, ORDER_ID_FIELD = 360000000101, 360000000102
UNAUTHORIZED = json_response({"error": "Couldn't authenticate you"}, status=401)


def _unix(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).timestamp())


def _cursor(start: int, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{start}:{offset}".encode()).decode()


def _decode(cursor: str) -> tuple[int, int]:
    start, offset = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
    return int(start), int(offset)


class FakeZendesk(FakeApi):
    def __init__(self, server: HTTPServer, rows: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__(server, UNAUTHORIZED)
        self.page_size_cap = 100
        self.events_per_page = 1000
        self.tickets = [self._ticket(r) for r in rows.get("tickets", [])]
        self.users = [dict(r) for r in rows.get("users", [])]
        self.groups = [dict(r) for r in rows.get("groups", [])]
        self.satisfaction_ratings = [dict(r) for r in rows.get("satisfaction_ratings", [])]
        self.audits = self._audits(rows.get("ticket_events", []))
        for resource in ("tickets", "users"):
            self.route("GET", f"/api/v2/incremental/{resource}/cursor.json", self._export(resource))
        self.route("GET", "/api/v2/incremental/ticket_events.json", self._ticket_events)
        self.route("GET", "/api/v2/groups.json", self._list("groups"))
        self.route("GET", "/api/v2/satisfaction_ratings.json", self._list("satisfaction_ratings"))

    def authorized(self, request: Request) -> bool:
        secret = base64.b64encode(f"{EMAIL}/token:{TOKEN}".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {secret}"

    def add_ticket(self, row: dict[str, Any]) -> None:
        self.tickets.append(self._ticket(row))

    @staticmethod
    def _ticket(row: dict[str, Any]) -> dict[str, Any]:
        ticket = {k: v for k, v in row.items() if not k.startswith(("via_", "custom_"))}
        return {
            **ticket,
            "url": f"https://example.zendesk.com/api/v2/tickets/{row['id']}.json",
            "via": {"channel": row["via_channel"], "source": {"from": {}, "to": {}, "rel": None}},
            "tags": row["tags"] or [],
            "custom_fields": [
                {"id": CONTACT_REASON_FIELD, "value": row["custom_contact_reason"]},
                {"id": ORDER_ID_FIELD, "value": row["custom_order_id"]},
            ],
        }

    @staticmethod
    def _audits(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Contract rows (one per child event) grouped back into audits."""

        def key(e: dict[str, Any]) -> tuple:
            return (e["created_at"], e["ticket_id"], e["author_id"])

        audits = []
        for (created, ticket_id, author), children in groupby(sorted(events, key=key), key=key):
            children = list(children)
            audits.append(
                {
                    "id": min(c["id"] for c in children) - 1,
                    "ticket_id": ticket_id,
                    "timestamp": _unix(created),
                    "created_at": created,
                    "updater_id": author,
                    "via": "Web form",
                    "event_type": "Audit",
                    "child_events": [
                        {
                            "id": c["id"],
                            "via": c["via"],
                            "via_reference_id": None,
                            "event_type": c["event_type"],
                            **({"public": c["public"]} if c["event_type"] == "Comment" else {}),
                            "field_name": c["field_name"],
                            "previous_value": c["previous_value"],
                            "value": c["value"],
                        }
                        for c in children
                    ],
                }
            )
        return sorted(audits, key=lambda a: (a["timestamp"], a["id"]))

    def _export(self, resource: str):
        def handler(request: Request) -> Response:
            size = min(int(request.args.get("per_page", 1000)), 1000)
            if "cursor" in request.args:
                start, offset = _decode(request.args["cursor"])
            else:
                start, offset = int(request.args["start_time"]), 0
            records = sorted(
                (r for r in getattr(self, resource) if _unix(r["updated_at"]) >= start),
                key=lambda r: (r["updated_at"], r["id"]),
            )
            page = records[offset : offset + size]
            end = offset + size >= len(records)
            after = _cursor(start, offset + size)
            return json_response(
                {
                    resource: page,
                    "after_url": f"{request.base_url}?cursor={after}",
                    "after_cursor": after,
                    "before_cursor": None,
                    "end_of_stream": end,
                }
            )

        return handler

    def _ticket_events(self, request: Request) -> Response:
        start = int(request.args["start_time"])
        after = [a for a in self.audits if a["timestamp"] >= start]
        page = after[: self.events_per_page]
        end = len(after) <= self.events_per_page
        end_time = page[-1]["timestamp"] if page else start
        return json_response(
            {
                "ticket_events": page,
                "next_page": f"{request.base_url}?start_time={end_time}",
                "count": len(page),
                "end_of_stream": end,
                "end_time": end_time,
            }
        )

    def _list(self, resource: str):
        def handler(request: Request) -> Response:
            records = sorted(getattr(self, resource), key=lambda r: r["id"])
            if "start_time" in request.args:
                start, end = int(request.args["start_time"]), int(request.args["end_time"])
                records = [r for r in records if start <= _unix(r["updated_at"]) <= end]
            size = min(int(request.args.get("page[size]", 100)), self.page_size_cap)
            offset = _decode(request.args["page[after]"])[1] if "page[after]" in request.args else 0
            page = records[offset : offset + size]
            more = offset + size < len(records)
            next_cursor = _cursor(0, offset + size)
            query = "&".join(f"{k}={v}" for k, v in request.args.items() if k != "page[after]")
            return json_response(
                {
                    resource: page,
                    "meta": {
                        "has_more": more,
                        "after_cursor": _cursor(0, offset + size) if more else None,
                    },
                    "links": {
                        "next": f"{request.base_url}?{query}&page[after]={next_cursor}"
                        if more
                        else None
                    },
                }
            )

        return handler
