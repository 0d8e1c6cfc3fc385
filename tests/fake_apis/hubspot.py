"""HubSpot CRM v3: objects search (filterGroups, sorts, after; 10,000-result cap),
v4 association batch reads, owners list. Property values are strings, as HubSpot sends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cx_pipeline.extract.api.hubspot import ASSOCIATION_COLUMNS, OBJECT_TYPES
from cx_pipeline.source_tables import TABLES_BY_KEY
from tests.fake_apis.common import FakeApi, json_response

TOKEN = "pat-eu1-test-token"
UNAUTHORIZED = json_response(
    {
        "status": "error",
        "message": "Authentication credentials not found. This API supports OAuth 2.0 "
        "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        "correlationId": "5e9c0f2a-0000-4000-8000-000000000000",
        "category": "INVALID_AUTHENTICATION",
    },
    status=401,
)


def _property(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _ms(value: str) -> int:
    return int(
        datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).timestamp() * 1000
    )


class FakeHubSpot(FakeApi):
    def __init__(self, server: HTTPServer, rows: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__(server, UNAUTHORIZED)
        self.search_cap = 10_000
        self.objects: dict[str, list[dict[str, Any]]] = {}
        self.links: dict[tuple[str, str], dict[str, list[int]]] = {}
        self.owners = [self._owner(r) for r in rows.get("owners", [])]
        for table, object_type in OBJECT_TYPES.items():
            self.load(table, object_type, rows.get(table, []))
        self.route("POST", r"/crm/v3/objects/(\w+)/search", self._search)
        self.route("POST", r"/crm/v4/associations/(\w+)/(\w+)/batch/read", self._associations)
        self.route("GET", r"/crm/v3/owners", self._owners)

    def authorized(self, request: Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {TOKEN}"

    def load(self, table: str, object_type: str, rows: list[dict[str, Any]]) -> None:
        contract = TABLES_BY_KEY[f"crm/{table}"]
        associated = {} if table == "feedback_submissions" else ASSOCIATION_COLUMNS
        objects = self.objects.setdefault(object_type, [])
        for row in rows:
            object_id = str(row["hs_object_id"])
            properties = {c: _property(row[c]) for c in contract.columns if c not in associated}
            objects.append(
                {
                    "id": object_id,
                    "properties": properties,
                    "createdAt": row.get("createdate") or row[contract.updated_at],
                    "updatedAt": row[contract.updated_at],
                    "archived": False,
                }
            )
            for column, to_type in associated.items():
                if row.get(column) is not None:
                    self.links.setdefault((object_type, to_type), {}).setdefault(
                        object_id, []
                    ).append(int(row[column]))

    @staticmethod
    def _owner(row: dict[str, Any]) -> dict[str, Any]:
        teams = [{"id": "1", "name": row["team_name"], "primary": True}] if row["team_name"] else []
        return {
            "id": str(row["id"]),
            "email": row["email"],
            "type": "PERSON",
            "firstName": row["firstName"],
            "lastName": row["lastName"],
            "userId": row["id"] + 1000,
            "createdAt": row["createdAt"],
            "updatedAt": row["updatedAt"],
            "archived": False,
            "teams": teams,
        }

    def _search(self, request: Request) -> Response:
        object_type = request.path.split("/")[4]
        body = request.get_json()
        after = int(body.get("after") or 0)
        if after >= self.search_cap:
            return json_response(
                {
                    "status": "error",
                    "message": f"There was a problem with the request: after={after} "
                    f"exceeds the {self.search_cap} result limit",
                    "category": "VALIDATION_ERROR",
                },
                status=400,
            )
        limit = min(int(body.get("limit", 10)), 200)
        found = self.objects.get(object_type, [])
        for group in body.get("filterGroups", []):
            for f in group["filters"]:
                bound, name = int(f["value"]), f["propertyName"]
                compare = {"GTE": int.__ge__, "LT": int.__lt__, "GT": int.__gt__}[f["operator"]]
                found = [
                    o
                    for o in found
                    if o["properties"].get(name) and compare(_ms(o["properties"][name]), bound)
                ]
        for sort in body.get("sorts", []):
            found = sorted(
                found, key=lambda o, s=sort["propertyName"]: (_ms(o["properties"][s]), int(o["id"]))
            )
        wanted = set(body.get("properties", []))
        page = [
            {**o, "properties": {k: v for k, v in o["properties"].items() if k in wanted}}
            for o in found[after : after + limit]
        ]
        result: dict[str, Any] = {"total": len(found), "results": page}
        if after + limit < len(found):
            result["paging"] = {"next": {"after": str(after + limit), "link": "?after="}}
        return json_response(result)

    def _associations(self, request: Request) -> Response:
        _, _, _, _, from_type, to_type, _, _ = request.path.split("/")
        linked = self.links.get((from_type, to_type), {})
        results = [
            {
                "from": {"id": item["id"]},
                "to": [
                    {
                        "toObjectId": target,
                        "associationTypes": [
                            {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": None}
                        ],
                    }
                    for target in linked[item["id"]]
                ],
            }
            for item in request.get_json()["inputs"]
            if item["id"] in linked
        ]
        return json_response(
            {"status": "COMPLETE", "results": results, "startedAt": "", "completedAt": ""}
        )

    def _owners(self, request: Request) -> Response:
        after = int(request.args.get("after", 0))
        limit = int(request.args.get("limit", 100))
        result: dict[str, Any] = {"results": self.owners[after : after + limit]}
        if after + limit < len(self.owners):
            result["paging"] = {"next": {"after": str(after + limit)}}
        return json_response(result)
