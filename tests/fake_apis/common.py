"""What the fake APIs share: auth, injected faults, contract rows to JSON values."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cx_pipeline.extract.export_files import read_export
from cx_pipeline.source_tables import tables_of

Handler = Callable[[Request], Response]


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body), status=status, headers=headers, content_type="application/json"
    )


def api_time(value: datetime | None) -> str | None:
    """An instant the way these APIs write it: ISO-8601, UTC, trailing Z."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return api_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def contract_rows(exports: Path, system: str) -> dict[str, list[dict[str, Any]]]:
    """A system's export files as contract rows (what the fake API serves)."""
    return {
        t.name: [
            {k: jsonable(v) for k, v in r.items()}
            for r in read_export(exports, t).table.to_pylist()
        ]
        for t in tables_of(system)
        if (exports / t.system / t.file_name).exists()
    }


class FakeApi:
    """Routes on one HTTPServer, each checking the token, then serving an injected fault
    if one is queued for that path, then the handler."""

    def __init__(self, server: HTTPServer, unauthorized: Response) -> None:
        self.server = server
        self.unauthorized = unauthorized
        self.faults: list[tuple[str, Response]] = []

    def authorized(self, request: Request) -> bool:
        raise NotImplementedError

    def fail_once(self, path_prefix: str, response: Response) -> None:
        self.faults.append((path_prefix, response))

    def route(self, method: str, path: str, handler: Handler) -> None:
        def guarded(request: Request) -> Response:
            if not self.authorized(request):
                return self.unauthorized
            for i, (prefix, response) in enumerate(self.faults):
                if request.path.startswith(prefix):
                    del self.faults[i]
                    return response
            return handler(request)

        self.server.expect_request(re.compile(f"^{path}$"), method=method).respond_with_handler(
            guarded
        )
