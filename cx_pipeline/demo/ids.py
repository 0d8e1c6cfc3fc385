"""First id of every table: distinct ranges so a join on the wrong key finds nothing.

Ids run on across chunks: a chunk starts where the previous one ended (see ``IdCursor``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ID_BASE: dict[str, int] = {
    "crm/contacts": 1_001,
    "crm/companies": 9_000_000_001,
    "crm/owners": 40_000_001,
    "crm/deals": 20_000_000_001,
    "crm/campaigns": 700_001,
    "crm/events": 1_000_000_000_001,
    "crm/meetings": 30_000_000_001,
    "crm/feedback_surveys": 1,
    "crm/feedback_submissions": 50_000_000_001,
    "crm/tasks": 60_000_000_001,
    "helpdesk/users": 370_000_000_001,
    "helpdesk/groups": 360_000_001,
    "helpdesk/tickets": 1_001,
    "helpdesk/ticket_events": 80_000_000_001,
    "helpdesk/satisfaction_ratings": 390_000_000_001,
    "helpdesk/ces_responses": 1,
    "helpdesk/self_service_sessions": 1,
    "shop/customers": 6_000_000_001,
    "shop/orders": 5_000_000_001,
    "shop/order_line_items": 13_000_000_001,
    "shop/refunds": 900_000_001,
}

PRODUCT_ID_BASE = 8_000_000_001
VARIANT_ID_BASE = 44_000_000_001
ORDER_NUMBER_BASE = 1001  # Shopify's "#1001" is the first order name


@dataclass
class IdCursor:
    """Next free id per table; chunks take consecutive blocks."""

    next_id: dict[str, int] = field(default_factory=lambda: dict(ID_BASE))

    def take(self, key: str, n: int) -> int:
        first = self.next_id[key]
        self.next_id[key] = first + n
        return first
