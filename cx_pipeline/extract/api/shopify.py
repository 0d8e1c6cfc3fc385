"""Shopify Admin REST (access token): customers and orders by updated_at, paged by the
Link header's page_info. Line items and refunds come inside their orders, so they land on
their order's day; line items get their product type from the products endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from requests.utils import parse_header_links

from cx_pipeline.extract.api.http import ApiClient
from cx_pipeline.extract.api.rows import Window, iso_z
from cx_pipeline.source_tables import SourceTable

TABLES = ("customers", "orders", "order_line_items", "refunds")
# Rows that arrive inside an order: they take the order's day.
NESTED_IN_ORDERS = ("order_line_items", "refunds")
PRODUCT_IDS_PER_CALL = 250


def client_headers(access_token: str) -> dict[str, str]:
    return {"X-Shopify-Access-Token": access_token}


def fetch(
    client: ApiClient, table: SourceTable, window: Window, page_size: int, api_version: str
) -> tuple[list[dict], list[str] | None]:
    """The rows, and for rows nested in orders the updated_at of each row's order."""
    prefix = f"/admin/api/{api_version}"
    params: dict[str, Any] = {"limit": page_size, "updated_at_max": iso_z(window.end)}
    if window.start is not None:
        params["updated_at_min"] = iso_z(window.start)
    if table.name == "customers":
        return [customer_row(c) for c in _pages(client, f"{prefix}/customers.json", params)], None
    orders = list(_pages(client, f"{prefix}/orders.json", {**params, "status": "any"}))
    if table.name == "orders":
        return [order_row(o) for o in orders], None
    if table.name == "refunds":
        nested = [(refund_row(r), o["updated_at"]) for o in orders for r in o.get("refunds", [])]
    else:
        product_types = _product_types(client, prefix, orders)
        nested = [
            (line_item_row(item, o["id"], product_types), o["updated_at"])
            for o in orders
            for item in o.get("line_items", [])
        ]
    return [row for row, _ in nested], [day for _, day in nested]


def customer_row(customer: dict[str, Any]) -> dict[str, Any]:
    address = customer.get("default_address") or {}
    consent = customer.get("email_marketing_consent") or {}
    return {
        **customer,
        "default_address_city": address.get("city"),
        "company": address.get("company"),
        "accepts_marketing": consent.get("state") == "subscribed" if consent else None,
    }


def order_row(order: dict[str, Any]) -> dict[str, Any]:
    shipping = ((order.get("total_shipping_price_set") or {}).get("shop_money") or {}).get("amount")
    return {
        **order,
        "customer_id": (order.get("customer") or {}).get("id"),
        "total_shipping_price": shipping,
    }


def line_item_row(
    item: dict[str, Any], order_id: int, product_types: dict[int, str | None]
) -> dict[str, Any]:
    return {**item, "order_id": order_id, "product_type": product_types.get(item["product_id"])}


def refund_row(refund: dict[str, Any]) -> dict[str, Any]:
    refunded = [
        float(t["amount"])
        for t in refund.get("transactions") or []
        if t.get("kind") == "refund" and t.get("status", "success") == "success"
    ]
    return {**refund, "amount": round(sum(refunded), 2) if refunded else None}


def _product_types(
    client: ApiClient, prefix: str, orders: list[dict[str, Any]]
) -> dict[int, str | None]:
    ids = sorted({i["product_id"] for o in orders for i in o.get("line_items", [])} - {None})
    types: dict[int, str | None] = {}
    for start in range(0, len(ids), PRODUCT_IDS_PER_CALL):
        chunk = ids[start : start + PRODUCT_IDS_PER_CALL]
        params = {"ids": ",".join(map(str, chunk)), "fields": "id,product_type"}
        params["limit"] = PRODUCT_IDS_PER_CALL
        for product in _pages(client, f"{prefix}/products.json", params):
            types[product["id"]] = product.get("product_type") or None
    return types


def _pages(client: ApiClient, path: str, params: dict[str, Any]) -> Iterator[dict]:
    """Follow rel="next" links; the next URL carries page_info and the limit only."""
    resource = path.rsplit("/", 1)[-1].removesuffix(".json")
    page = client.get(path, params)
    while True:
        yield from page.body.get(resource, [])
        links = parse_header_links(page.headers.get("Link", ""))
        following = next((link["url"] for link in links if link.get("rel") == "next"), None)
        if following is None:
            return
        page = client.get(following)
