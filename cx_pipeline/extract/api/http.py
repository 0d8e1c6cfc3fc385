"""One HTTP client for the source APIs: timeouts, retries with backoff, 429 Retry-After.

Retries come from urllib3's `Retry` (the library requests already uses) rather than a loop
of our own: it honours Retry-After on 429 and 503, backs off exponentially on 5xx and
gives up after a bounded number of tries. Errors name the system and the path, never the
credentials or the query string (which can hold cursors but not secrets, yet stays short).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

RETRY_STATUSES = (429, 500, 502, 503, 504)


class ApiError(RuntimeError):
    """A source API call failed; the message names the system and what to do."""


class ApiAuthError(ApiError):
    """The source refused the credentials (HTTP 401/403)."""


@dataclass(frozen=True)
class HttpSettings:
    timeout_seconds: float = 30.0
    max_retries: int = 5
    backoff_seconds: float = 1.0


@dataclass(frozen=True)
class Page:
    body: Any
    headers: Mapping[str, str]


class ApiClient:
    """GET and POST JSON against one system's base URL with its auth headers."""

    def __init__(
        self,
        system: str,
        base_url: str,
        headers: Mapping[str, str],
        http: HttpSettings,
        auth_hint: str,
    ) -> None:
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.auth_hint = auth_hint
        retry = Retry(
            total=http.max_retries,
            connect=http.max_retries,
            read=http.max_retries,
            status=http.max_retries,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "POST"}),  # every call here only reads
            backoff_factor=http.backoff_seconds,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self.session = requests.Session()
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self.session.headers.update({"Accept": "application/json", **headers})

    def url(self, path_or_url: str) -> str:
        if path_or_url.startswith(("http://", "https://")):
            return path_or_url
        return f"{self.base_url}{path_or_url}"

    def get(self, path_or_url: str, params: Mapping[str, Any] | None = None) -> Page:
        return self._call("GET", path_or_url, params=params)

    def post(self, path: str, body: Mapping[str, Any]) -> Page:
        return self._call("POST", path, json=body)

    def _call(self, method: str, path_or_url: str, **kwargs: Any) -> Page:
        url = self.url(path_or_url)
        where = f"{self.system}: {method} {urlsplit(url).path}"
        try:
            response = self.session.request(
                method, url, timeout=self.http.timeout_seconds, **kwargs
            )
        except requests.exceptions.RetryError as exc:
            raise ApiError(f"{where}: still failing after {self.http.max_retries} retries") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            if _timed_out(exc):
                raise ApiError(
                    f"{where}: no answer within {self.http.timeout_seconds:g} s "
                    f"({self.http.max_retries} retries)"
                ) from exc
            raise ApiError(f"{where}: cannot connect to {urlsplit(url).netloc}") from exc
        if response.status_code in (401, 403):
            raise ApiAuthError(
                f"{where}: the credentials were refused (HTTP {response.status_code}); "
                f"{self.auth_hint}"
            )
        if response.status_code in RETRY_STATUSES:
            raise ApiError(
                f"{where}: HTTP {response.status_code} after {self.http.max_retries} retries"
            )
        if response.status_code >= 400:
            raise ApiError(f"{where}: HTTP {response.status_code}: {response.text[:200]}")
        try:
            body = response.json()
        except ValueError as exc:
            raise ApiError(f"{where}: the answer is not JSON") from exc
        return Page(body=body, headers=response.headers)


def _timed_out(error: Exception) -> bool:
    # Once urllib3's retries are spent, a read timeout arrives as a ConnectionError whose
    # reason tells it apart from a refused connection.
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(error, requests.exceptions.Timeout) or isinstance(reason, ReadTimeoutError)
