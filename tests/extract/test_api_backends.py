"""The API backends against real local HTTP servers speaking HubSpot's, Zendesk's and
Shopify's shapes. Expected rows are written out by hand from the records served."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cx_pipeline.config import ApiSettings
from cx_pipeline.extract.api import ApiAuthError, ApiError, read_api
from cx_pipeline.source_tables import TABLES_BY_KEY
from tests.fake_apis import hubspot, shopify, zendesk
from tests.fake_apis.common import json_response
from tests.fake_apis.settings import fake_api_settings

TZ = "Europe/Helsinki"
START = date(2026, 10, 1)  # the first partition: it fetches all history
ALL = [START, date(2026, 10, 31)]  # every record below changes in October
TOKENS = {"crm": hubspot.TOKEN, "helpdesk": zendesk.TOKEN, "shop": shopify.TOKEN}


def _settings(server: HTTPServer, **changes: Any) -> ApiSettings:
    url = server.url_for("").rstrip("/")
    settings = fake_api_settings(url, page_size=2, timeout_seconds=5, max_retries=3)
    return ApiSettings(**{**settings, **changes})


def _read(api: ApiSettings, key: str, days: list[date], tokens: dict = TOKENS):
    return read_api(api, tokens, TABLES_BY_KEY[key], days, timezone=TZ, start_date=START)


def _contact(i: int, modified: str) -> dict[str, Any]:
    return {
        "hs_object_id": i,
        "email": f"c{i}@example.fi",
        "firstname": f"C{i}",
        "lastname": "Test",
        "phone": None,
        "city": "Oulu",
        "lifecyclestage": "customer",
        "hs_analytics_source": "DIRECT_TRAFFIC",
        "associatedcompanyid": None,
        "createdate": "2026-09-01T08:00:00.000Z",
        "lastmodifieddate": modified,
    }


def _ticket(i: int, updated: str, reason: str | None = "delivery") -> dict[str, Any]:
    return {
        "id": i,
        "created_at": "2026-10-01T08:00:00.000Z",
        "updated_at": updated,
        "via_channel": "email",
        "status": "open",
        "type": "question",
        "priority": "normal",
        "subject": f"Ticket {i}",
        "requester_id": 500 + i,
        "submitter_id": 500 + i,
        "assignee_id": None,
        "group_id": 7,
        "organization_id": None,
        "tags": ["delivery", "vip"],
        "custom_contact_reason": reason,
        "custom_order_id": 9000 + i,
    }


# ------------------------------------------------------------------------------ HubSpot


def test_hubspot_contacts_come_over_several_pages_as_contract_rows(httpserver: HTTPServer):
    contacts = [_contact(i, f"2026-10-0{i}T12:00:00.000Z") for i in range(1, 6)]
    hubspot.FakeHubSpot(httpserver, {"contacts": contacts})

    read = _read(_settings(httpserver), "crm/contacts", [START, date(2026, 10, 31)])

    assert read.table.column("hs_object_id").to_pylist() == [1, 2, 3, 4, 5]
    assert read.table.column("email").to_pylist()[0] == "c1@example.fi"
    assert str(read.table.column("lastmodifieddate")[4].as_py()) == "2026-10-05 12:00:00+00:00"
    # 5 contacts at 2 a page: three search calls.
    searches = [r for r, _ in httpserver.log if r.path.endswith("/search")]
    assert [r.get_json()["after"] for r in searches] == ["0", "2", "4"]


def test_hubspot_deals_take_their_company_and_contact_from_associations(
    httpserver: HTTPServer,
):
    deal = {
        "hs_object_id": 71,
        "dealname": "Fleet renewal",
        "amount": 12500.0,
        "dealstage": "closedwon",
        "pipeline": "default",
        "createdate": "2026-10-02T08:00:00.000Z",
        "closedate": "2026-10-09T08:00:00.000Z",
        "hubspot_owner_id": 33,
        "associated_company_id": 801,
        "associated_contact_id": 4,
        "hs_lastmodifieddate": "2026-10-09T08:00:00.000Z",
    }
    hubspot.FakeHubSpot(httpserver, {"deals": [deal]})

    (row,) = _read(_settings(httpserver), "crm/deals", ALL).table.to_pylist()

    assert (row["associated_company_id"], row["associated_contact_id"]) == (801, 4)
    assert (row["amount"], row["hubspot_owner_id"], row["dealstage"]) == (12500.0, 33, "closedwon")


def test_hubspot_search_past_its_result_cap_restarts_from_the_last_time(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
):
    # 7 contacts, the 4th and 5th modified in the same second; HubSpot's cap of 10,000
    # results per query is lowered to 4 on both sides of the wire.
    times = ["01", "02", "03", "04", "04", "05", "06"]
    contacts = [_contact(i, f"2026-10-{t}T12:00:00.000Z") for i, t in enumerate(times, start=1)]
    fake = hubspot.FakeHubSpot(httpserver, {"contacts": contacts})
    fake.search_cap = 4
    monkeypatch.setattr("cx_pipeline.extract.api.hubspot.SEARCH_LIMIT", 4)

    read = _read(_settings(httpserver), "crm/contacts", ALL)

    assert sorted(read.table.column("hs_object_id").to_pylist()) == [1, 2, 3, 4, 5, 6, 7]
    lower_bounds = [
        [f["value"] for f in r.get_json()["filterGroups"][0]["filters"] if f["operator"] == "GTE"]
        for r, _ in httpserver.log
        if r.path.endswith("/search")
    ]
    # the first query has no lower bound; the restart begins at contact 4's second.
    assert lower_bounds[0] == []
    assert lower_bounds[-1] == ["1791115200000"]  # 2026-10-04T12:00:00Z in ms


def test_hubspot_rate_limit_waits_for_retry_after_then_succeeds(httpserver: HTTPServer):
    fake = hubspot.FakeHubSpot(httpserver, {"contacts": [_contact(1, "2026-10-02T12:00:00Z")]})
    fake.fail_once(
        "/crm/v3/objects",
        json_response(
            {
                "status": "error",
                "message": "You have reached your secondly limit.",
                "errorType": "RATE_LIMIT",
                "policyName": "SECONDLY",
            },
            status=429,
            headers={"Retry-After": "1"},
        ),
    )
    began = time.monotonic()

    read = _read(_settings(httpserver), "crm/contacts", ALL)

    assert read.table.column("hs_object_id").to_pylist() == [1]
    assert time.monotonic() - began >= 1.0  # it waited as told, not at once
    assert [s for _, s in ((r, resp.status_code) for r, resp in httpserver.log)] == [429, 200]


def test_hubspot_expired_token_is_a_clear_error_naming_the_system(httpserver: HTTPServer):
    hubspot.FakeHubSpot(httpserver, {"contacts": [_contact(1, "2026-10-02T12:00:00Z")]})

    with pytest.raises(ApiAuthError) as error:
        _read(_settings(httpserver), "crm/contacts", ALL, tokens={**TOKENS, "crm": "old"})

    message = str(error.value)
    assert message.startswith("crm (HubSpot): POST /crm/v3/objects/contacts/search:")
    assert "HTTP 401" in message and "CX_HUBSPOT_TOKEN" in message
    assert "old" not in message.split("HTTP 401")[0]  # the token is never echoed


def test_a_missing_token_names_its_environment_variable(httpserver: HTTPServer):
    with pytest.raises(ApiAuthError, match=r"shop \(Shopify\): no API token; set CX_SHOPIFY"):
        _read(_settings(httpserver), "shop/orders", ALL, tokens={})


# ------------------------------------------------------------------------------ Zendesk


def test_zendesk_tickets_flatten_via_and_custom_fields(httpserver: HTTPServer):
    zendesk.FakeZendesk(httpserver, {"tickets": [_ticket(1, "2026-10-03T09:00:00.000Z")]})

    (row,) = _read(_settings(httpserver), "helpdesk/tickets", ALL).table.to_pylist()

    assert row["via_channel"] == "email"
    assert row["custom_contact_reason"] == "delivery"
    assert row["custom_order_id"] == 9001
    assert row["tags"] == ["delivery", "vip"]


def test_zendesk_server_error_is_retried_then_succeeds(httpserver: HTTPServer):
    fake = zendesk.FakeZendesk(httpserver, {"tickets": [_ticket(1, "2026-10-03T09:00:00Z")]})
    fake.fail_once("/api/v2/incremental", json_response({"error": "InternalError"}, status=500))

    read = _read(_settings(httpserver), "helpdesk/tickets", ALL)

    assert read.table.column("id").to_pylist() == [1]
    assert [resp.status_code for _, resp in httpserver.log] == [500, 200]


def test_zendesk_persistent_outage_gives_up_with_the_system_named(httpserver: HTTPServer):
    fake = zendesk.FakeZendesk(httpserver, {"tickets": []})
    for _ in range(5):
        fake.fail_once("/api/v2/incremental", json_response({"error": "Unavailable"}, status=503))

    with pytest.raises(ApiError) as error:
        _read(_settings(httpserver, max_retries=2), "helpdesk/tickets", ALL)

    assert str(error.value).startswith(
        "helpdesk (Zendesk): GET /api/v2/incremental/tickets/cursor.json:"
    )
    assert len(httpserver.log) == 3  # the first try and two retries


def test_zendesk_second_incremental_run_fetches_only_newer_records(httpserver: HTTPServer):
    fake = zendesk.FakeZendesk(
        httpserver,
        {"tickets": [_ticket(1, "2026-10-30T09:00:00Z"), _ticket(2, "2026-11-01T07:00:00Z")]},
    )
    api = _settings(httpserver)
    first = _read(api, "helpdesk/tickets", [date(2026, 11, 1)])
    # a ticket changes on 2 November (10:00 Helsinki)
    fake.add_ticket(_ticket(3, "2026-11-02T08:00:00Z"))
    second = _read(api, "helpdesk/tickets", [date(2026, 11, 2)])

    assert first.table.column("id").to_pylist() == [2]
    assert second.table.column("id").to_pylist() == [3]
    starts = [r.args["start_time"] for r, _ in httpserver.log if "start_time" in r.args]
    # midnight in Helsinki (UTC+2) on 1 and on 2 November, as Unix times
    assert starts == ["1793484000", "1793570400"]


def test_zendesk_ticket_events_are_child_events_without_page_boundary_repeats(
    httpserver: HTTPServer,
):
    def event(i: int, second: str, kind: str, field: str | None, value: str | None):
        return {
            "id": i,
            "ticket_id": 1,
            "created_at": f"2026-10-03T09:00:{second}.000Z",
            "author_id": 900,
            "via": "web",
            "event_type": kind,
            "public": True if kind == "Comment" else None,
            "field_name": field,
            "previous_value": None,
            "value": value,
        }

    events = [
        event(11, "00", "Create", "status", "new"),
        event(12, "00", "Comment", None, None),
        event(13, "05", "Change", "status", "open"),
        event(14, "09", "Change", "time_spent_last_update_sec", "437"),
    ]
    fake = zendesk.FakeZendesk(httpserver, {"ticket_events": events})
    fake.events_per_page = 2  # three audits: pages end at 09:00:05 and start there again

    rows = _read(_settings(httpserver), "helpdesk/ticket_events", ALL).table.to_pylist()

    assert [(r["id"], r["event_type"], r["value"]) for r in rows] == [
        (11, "Create", "new"),
        (12, "Comment", None),
        (13, "Change", "open"),
        (14, "Change", "437"),
    ]
    assert rows[1]["public"] is True and rows[0]["author_id"] == 900


# ------------------------------------------------------------------------------ Shopify


def _order(i: int, updated: str) -> dict[str, Any]:
    return {
        "id": i,
        "name": f"#{1000 + i}",
        "email": f"o{i}@example.fi",
        "customer_id": 40 + i,
        "created_at": "2026-10-01T10:00:00.000Z",
        "processed_at": "2026-10-01T10:00:00.000Z",
        "updated_at": updated,
        "cancelled_at": None,
        "cancel_reason": None,
        "financial_status": "paid",
        "fulfillment_status": "fulfilled",
        "source_name": "web",
        "currency": "EUR",
        "total_line_items_price": 30.0,
        "total_discounts": 0.0,
        "subtotal_price": 30.0,
        "total_tax": 5.81,
        "total_shipping_price": 4.9,
        "total_price": 34.9,
        "test": False,
        "location_id": None,
        "tags": "",
    }


def _line(i: int, order_id: int, product_id: int, product_type: str) -> dict[str, Any]:
    return {
        "id": i,
        "order_id": order_id,
        "product_id": product_id,
        "variant_id": product_id * 10,
        "sku": f"SKU-{product_id}",
        "title": "Thing",
        "product_type": product_type,
        "vendor": "Acme",
        "quantity": 1,
        "price": 15.0,
        "total_discount": 0.0,
    }


def test_shopify_orders_page_by_link_header_with_line_items_and_refunds(httpserver: HTTPServer):
    orders = [_order(i, f"2026-10-0{i}T10:00:00.000Z") for i in (1, 2, 3)]
    lines = [_line(11, 1, 5, "shoes"), _line(12, 1, 6, "socks"), _line(31, 3, 5, "shoes")]
    refund = {
        "id": 77,
        "order_id": 3,
        "created_at": "2026-10-03T09:00:00.000Z",
        "processed_at": "2026-10-03T09:00:00.000Z",
        "note": "damaged",
        "restock": False,
        "amount": 15.0,
    }
    shopify.FakeShopify(
        httpserver, {"orders": orders, "order_line_items": lines, "refunds": [refund]}
    )
    api = _settings(httpserver)

    order_rows = _read(api, "shop/orders", ALL).table.to_pylist()
    line_read = _read(api, "shop/order_line_items", ALL)
    refund_read = _read(api, "shop/refunds", ALL)

    assert [o["id"] for o in order_rows] == [1, 2, 3]
    assert (order_rows[0]["customer_id"], order_rows[0]["total_shipping_price"]) == (41, 4.9)
    assert order_rows[0]["total_price"] == 34.9
    lines_out = line_read.table.to_pylist()
    assert [(r["id"], r["order_id"], r["product_type"]) for r in lines_out] == [
        (11, 1, "shoes"),
        (12, 1, "socks"),
        (31, 3, "shoes"),
    ]
    # line items take their order's day (Helsinki calendar)
    assert [str(d) for d in line_read.days.to_pylist()] == [
        "2026-10-01",
        "2026-10-01",
        "2026-10-03",
    ]
    assert refund_read.table.to_pylist()[0]["amount"] == 15.0
    # the second page came from the Link header alone (page_info and limit)
    pages = [r for r, _ in httpserver.log if r.path.endswith("/orders.json")]
    assert "page_info" in pages[1].args and "updated_at_max" not in pages[1].args


def test_shopify_customers_flatten_address_and_marketing_consent(httpserver: HTTPServer):
    customer = {
        "id": 41,
        "email": "c41@example.fi",
        "first_name": "Aino",
        "last_name": "Test",
        "phone": None,
        "default_address_city": "Tampere",
        "tags": "b2b",
        "company": "Acme Oy",
        "accepts_marketing": True,
        "state": "enabled",
        "created_at": "2026-09-01T10:00:00.000Z",
        "updated_at": "2026-10-02T10:00:00.000Z",
    }
    shopify.FakeShopify(httpserver, {"customers": [customer]})

    (row,) = _read(_settings(httpserver), "shop/customers", ALL).table.to_pylist()

    assert (row["default_address_city"], row["company"], row["accepts_marketing"]) == (
        "Tampere",
        "Acme Oy",
        True,
    )


def test_a_slow_server_times_out_with_the_system_named(httpserver: HTTPServer):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return json_response({"customers": []})

    httpserver.expect_request("/admin/api/2024-10/customers.json").respond_with_handler(slow)

    with pytest.raises(ApiError, match=r"shop \(Shopify\): GET .*customers.json: no answer"):
        _read(_settings(httpserver, timeout_seconds=0.3, max_retries=0), "shop/customers", ALL)
