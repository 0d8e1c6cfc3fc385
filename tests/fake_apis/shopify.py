"""Shopify Admin REST: customers and orders filtered by updated_at_min/max (inclusive),
limit up to 250, pages linked by the Link header's page_info (which then stands alone),
line items and refunds inside their orders, prices as strings, products by ids."""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cx_pipeline.extract.api.rows import parse_instant
from tests.fake_apis.common import FakeApi, json_response

TOKEN = "shpat_test_token"
VERSION = "2024-10"
UNAUTHORIZED = json_response(
    {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"},
    status=401,
)
MONEY = ("total_line_items_price", "total_discounts", "subtotal_price", "total_tax", "total_price")


def _money(value: float | None) -> str | None:
    return None if value is None else f"{value:.2f}"


class FakeShopify(FakeApi):
    def __init__(self, server: HTTPServer, rows: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__(server, UNAUTHORIZED)
        self.customers = [self._customer(r) for r in rows.get("customers", [])]
        items, refunds = defaultdict(list), defaultdict(list)
        for item in rows.get("order_line_items", []):
            items[item["order_id"]].append(item)
        for refund in rows.get("refunds", []):
            refunds[refund["order_id"]].append(refund)
        self.products = {
            i["product_id"]: i["product_type"] for i in rows.get("order_line_items", [])
        }
        self.orders = [
            self._order(o, items[o["id"]], refunds[o["id"]]) for o in rows.get("orders", [])
        ]
        prefix = f"/admin/api/{VERSION}"
        self.route("GET", f"{prefix}/customers.json", self._paged("customers"))
        self.route("GET", f"{prefix}/orders.json", self._paged("orders"))
        self.route("GET", f"{prefix}/products.json", self._products)

    def authorized(self, request: Request) -> bool:
        return request.headers.get("X-Shopify-Access-Token") == TOKEN

    @staticmethod
    def _customer(row: dict[str, Any]) -> dict[str, Any]:
        customer = {
            k: v
            for k, v in row.items()
            if k not in ("default_address_city", "company", "accepts_marketing")
        }
        consent = None
        if row["accepts_marketing"] is not None:
            state = "subscribed" if row["accepts_marketing"] else "not_subscribed"
            consent = {"state": state, "opt_in_level": "single_opt_in", "consent_updated_at": None}
        return {
            **customer,
            "default_address": {
                "city": row["default_address_city"],
                "company": row["company"],
                "default": True,
            },
            "email_marketing_consent": consent,
        }

    @staticmethod
    def _order(row: dict[str, Any], items: list[dict], refunds: list[dict]) -> dict[str, Any]:
        order = {k: v for k, v in row.items() if k not in ("customer_id", "total_shipping_price")}
        return {
            **order,
            **{k: _money(row[k]) for k in MONEY},
            "customer": None if row["customer_id"] is None else {"id": row["customer_id"]},
            "total_shipping_price_set": {
                "shop_money": {
                    "amount": _money(row["total_shipping_price"]),
                    "currency_code": row["currency"],
                }
            },
            "line_items": [
                {
                    **{k: v for k, v in i.items() if k not in ("order_id", "product_type")},
                    "price": _money(i["price"]),
                    "total_discount": _money(i["total_discount"]),
                }
                for i in items
            ],
            "refunds": [
                {
                    **{k: v for k, v in r.items() if k != "amount"},
                    "transactions": []
                    if r["amount"] is None
                    else [
                        {
                            "id": r["id"] * 10,
                            "kind": "refund",
                            "status": "success",
                            "amount": _money(r["amount"]),
                        }
                    ],
                }
                for r in refunds
            ],
        }

    def _paged(self, resource: str):
        def handler(request: Request) -> Response:
            if "page_info" in request.args:
                if set(request.args) - {"page_info", "limit"}:
                    return json_response({"errors": {"page_info": ["Invalid value."]}}, status=400)
                query = json.loads(base64.urlsafe_b64decode(request.args["page_info"]))
            else:
                query = {**request.args.to_dict(), "offset": 0}
            records = sorted(getattr(self, resource), key=lambda r: r["id"])
            if "updated_at_min" in query:
                low = parse_instant(query["updated_at_min"])
                records = [r for r in records if parse_instant(r["updated_at"]) >= low]
            if "updated_at_max" in query:
                high = parse_instant(query["updated_at_max"])
                records = [r for r in records if parse_instant(r["updated_at"]) <= high]
            limit = min(int(query.get("limit", 50)), 250)
            offset = int(query["offset"])
            headers = {}
            if offset + limit < len(records):
                info = base64.urlsafe_b64encode(
                    json.dumps({**query, "offset": offset + limit}).encode()
                ).decode()
                headers["Link"] = f'<{request.base_url}?limit={limit}&page_info={info}>; rel="next"'
            return json_response({resource: records[offset : offset + limit]}, headers=headers)

        return handler

    def _products(self, request: Request) -> Response:
        ids = [int(i) for i in request.args["ids"].split(",")]
        return json_response(
            {
                "products": [
                    {"id": i, "product_type": self.products[i] or ""}
                    for i in ids
                    if i in self.products
                ]
            }
        )
