"""The raw schema contract: every source table, its export file and its columns.

The demo generator writes exactly these columns, the extract assets read and type them,
and the dbt sources describe them. Field names follow the systems' public APIs
(HubSpot CRM v3, Zendesk Support, Shopify Admin REST), flattened where the API nests.
All timestamps are UTC instants written as ISO-8601 with a trailing ``Z``.
Row rules bound the values the warehouse models rely on; the extract step sets a row that
breaks one aside (the quarantine) instead of loading it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column types understood by the extract step (mapped to Arrow types there).
INT = "int64"
FLOAT = "float64"
STR = "string"
BOOL = "bool"
TS = "timestamp"
DATE = "date"
STR_LIST = "list<string>"


@dataclass(frozen=True)
class RowRule:
    """A bound on one column of a row: a number within [minimum, maximum] (either may be
    open) or a value out of `allowed`. With `when` = (column, value) it applies only to rows
    holding that value. A null passes: the key and the timestamp are checked on their own."""

    column: str
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple[str, ...] | None = None
    when: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if (self.allowed is None) == (self.minimum is None and self.maximum is None):
            raise ValueError(f"rule on {self.column}: give a range or allowed values")


@dataclass(frozen=True)
class SourceTable:
    system: str
    name: str
    file_format: str  # "csv" or "jsonl"
    primary_key: str
    updated_at: str  # the column that tells which copy of a record is the latest
    columns: dict[str, str]
    description: str
    rules: tuple[RowRule, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.{self.file_format}"

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Columns a row cannot do without: the key, and the timestamp that places the row
        in a day and picks the latest copy (when the table has one)."""
        if self.columns[self.updated_at] == TS and self.updated_at != self.primary_key:
            return (self.primary_key, self.updated_at)
        return (self.primary_key,)

    @property
    def key(self) -> str:
        return f"{self.system}/{self.name}"


SYSTEMS: dict[str, str] = {
    "crm": "CRM (HubSpot-like): contacts, companies, deals, marketing, surveys, tasks",
    "helpdesk": "Helpdesk (Zendesk-like): tickets, events, ratings, self-service",
    "shop": "E-commerce (Shopify-like): customers, orders, line items, refunds",
}

TABLES: tuple[SourceTable, ...] = (
    # ---------------------------------------------------------------- CRM (CSV)
    SourceTable(
        "crm",
        "contacts",
        "csv",
        "hs_object_id",
        "lastmodifieddate",
        {
            "hs_object_id": INT,
            "email": STR,
            "firstname": STR,
            "lastname": STR,
            "phone": STR,
            "city": STR,
            "lifecyclestage": STR,
            "hs_analytics_source": STR,
            "associatedcompanyid": INT,
            "createdate": TS,
            "lastmodifieddate": TS,
        },
        "One row per CRM contact (lead or customer).",
    ),
    SourceTable(
        "crm",
        "companies",
        "csv",
        "hs_object_id",
        "hs_lastmodifieddate",
        {
            "hs_object_id": INT,
            "name": STR,
            "domain": STR,
            "industry": STR,
            "city": STR,
            "numberofemployees": INT,
            "hubspot_owner_id": INT,
            "createdate": TS,
            "hs_lastmodifieddate": TS,
        },
        "One row per B2B customer company.",
    ),
    SourceTable(
        "crm",
        "owners",
        "csv",
        "id",
        "updatedAt",
        {
            "id": INT,
            "email": STR,
            "firstName": STR,
            "lastName": STR,
            "team_name": STR,
            "createdAt": TS,
            "updatedAt": TS,
        },
        "One row per CRM owner (salesperson or customer-service agent).",
    ),
    SourceTable(
        "crm",
        "deals",
        "csv",
        "hs_object_id",
        "hs_lastmodifieddate",
        {
            "hs_object_id": INT,
            "dealname": STR,
            "amount": FLOAT,
            "dealstage": STR,
            "pipeline": STR,
            "createdate": TS,
            "closedate": TS,
            "hubspot_owner_id": INT,
            "associated_company_id": INT,
            "associated_contact_id": INT,
            "hs_lastmodifieddate": TS,
        },
        "One row per B2B deal.",
        rules=(RowRule("amount", minimum=0),),
    ),
    SourceTable(
        "crm",
        "campaigns",
        "csv",
        "id",
        "updatedAt",
        {
            "id": INT,
            "hs_name": STR,
            "hs_campaign_status": STR,
            "hs_start_date": DATE,
            "hs_end_date": DATE,
            "channel": STR,
            "hs_spend_items_sum_amount": FLOAT,
            "hs_budget_items_sum_amount": FLOAT,
            "hs_currency_code": STR,
            "updatedAt": TS,
        },
        "One row per marketing campaign, with its total spend.",
    ),
    SourceTable(
        "crm",
        "events",
        "csv",
        "id",
        "occurredAt",
        {
            "id": INT,
            "objectType": STR,
            "objectId": INT,
            "eventType": STR,
            "occurredAt": TS,
            "hs_channel": STR,
            "hs_campaign_id": INT,
            "hs_survey_id": INT,
        },
        "One row per marketing touch of a contact (page visit, e-mail click, ad click, "
        "store visit, call, chat, event) or survey sent to it (eventType "
        "e_feedback_survey_sent with hs_survey_id).",
    ),
    SourceTable(
        "crm",
        "meetings",
        "csv",
        "hs_object_id",
        "hs_lastmodifieddate",
        {
            "hs_object_id": INT,
            "hs_meeting_title": STR,
            "hs_meeting_start_time": TS,
            "hs_meeting_end_time": TS,
            "hs_meeting_outcome": STR,
            "hubspot_owner_id": INT,
            "associated_contact_id": INT,
            "associated_company_id": INT,
            "hs_lastmodifieddate": TS,
        },
        "One row per B2B sales meeting.",
    ),
    SourceTable(
        "crm",
        "feedback_surveys",
        "csv",
        "hs_object_id",
        "hs_lastmodifieddate",
        {
            "hs_object_id": INT,
            "hs_survey_name": STR,
            "hs_survey_type": STR,
            "hs_scale_min": INT,
            "hs_scale_max": INT,
            "cx_survey_level": STR,
            "cx_journey_stage": STR,
            "hs_lastmodifieddate": TS,
        },
        "One row per survey: its type, answer scale and level.",
        rules=(
            RowRule("cx_survey_level", allowed=("relationship", "journey", "touchpoint")),
            RowRule("cx_journey_stage", allowed=("perception", "purchase", "usage", "prediction")),
        ),
    ),
    SourceTable(
        "crm",
        "feedback_submissions",
        "csv",
        "hs_object_id",
        "hs_lastmodifieddate",
        {
            "hs_object_id": INT,
            "hs_survey_id": INT,
            "hs_survey_name": STR,
            "hs_survey_type": STR,
            "hs_survey_channel": STR,
            "hs_response_value": INT,
            "hs_sentiment": STR,
            "hs_content": STR,
            "hs_submission_timestamp": TS,
            "hs_contact_id": INT,
            "associated_object_type": STR,
            "associated_object_id": INT,
            "hs_lastmodifieddate": TS,
        },
        "One row per survey answer (relationship NPS, perception, post-purchase CSAT, "
        "sales-meeting pulse).",
        rules=(
            RowRule("hs_survey_type", allowed=("NPS", "CSAT", "CES", "CUSTOM")),
            RowRule("hs_response_value", 0, 10, when=("hs_survey_type", "NPS")),
            RowRule("hs_response_value", 1, 5, when=("hs_survey_type", "CSAT")),
            # CES is asked on 1-5 or 1-7 (the models read its scale from the survey).
            RowRule("hs_response_value", 1, 7, when=("hs_survey_type", "CES")),
            # Custom surveys (perception, meeting pulse) set their own scale within 0-10.
            RowRule("hs_response_value", 0, 10),
        ),
    ),
    SourceTable(
        "crm",
        "tasks",
        "csv",
        "hs_object_id",
        "hs_lastmodifieddate",
        {
            "hs_object_id": INT,
            "hs_task_subject": STR,
            "hs_task_type": STR,
            "hs_task_status": STR,
            "hs_task_priority": STR,
            "hs_createdate": TS,
            "hs_timestamp": TS,
            "hs_task_completion_date": TS,
            "hubspot_owner_id": INT,
            "associated_contact_id": INT,
            "associated_feedback_submission_id": INT,
            "hs_lastmodifieddate": TS,
        },
        "One row per CRM task, e.g. a follow-up call on negative feedback.",
    ),
    # ----------------------------------------------------------- helpdesk (JSONL)
    SourceTable(
        "helpdesk",
        "users",
        "jsonl",
        "id",
        "updated_at",
        {
            "id": INT,
            "name": STR,
            "email": STR,
            "role": STR,
            "organization_id": INT,
            "created_at": TS,
            "updated_at": TS,
        },
        "One row per helpdesk user: end-users (customers) and agents.",
        rules=(RowRule("role", allowed=("end-user", "agent", "admin")),),
    ),
    SourceTable(
        "helpdesk",
        "groups",
        "jsonl",
        "id",
        "updated_at",
        {"id": INT, "name": STR, "created_at": TS, "updated_at": TS},
        "One row per agent group (team).",
    ),
    SourceTable(
        "helpdesk",
        "tickets",
        "jsonl",
        "id",
        "updated_at",
        {
            "id": INT,
            "created_at": TS,
            "updated_at": TS,
            "via_channel": STR,
            "status": STR,
            "type": STR,
            "priority": STR,
            "subject": STR,
            "requester_id": INT,
            "submitter_id": INT,
            "assignee_id": INT,
            "group_id": INT,
            "organization_id": INT,
            "tags": STR_LIST,
            "custom_contact_reason": STR,
            "custom_order_id": INT,
        },
        "One row per support ticket (its current state).",
        rules=(
            RowRule(
                "status",
                allowed=("new", "open", "pending", "hold", "solved", "closed", "deleted"),
            ),
        ),
    ),
    SourceTable(
        "helpdesk",
        "ticket_events",
        "jsonl",
        "id",
        "created_at",
        {
            "id": INT,
            "ticket_id": INT,
            "created_at": TS,
            "author_id": INT,
            "via": STR,
            "event_type": STR,
            "public": BOOL,
            "field_name": STR,
            "previous_value": STR,
            "value": STR,
        },
        "One row per ticket audit event: creation, comment (public reply), field change "
        "(status, assignee, time tracking).",
    ),
    SourceTable(
        "helpdesk",
        "satisfaction_ratings",
        "jsonl",
        "id",
        "updated_at",
        {
            "id": INT,
            "ticket_id": INT,
            "requester_id": INT,
            "assignee_id": INT,
            "group_id": INT,
            "score": STR,
            "rating": INT,
            "comment": STR,
            "reason": STR,
            "created_at": TS,
            "updated_at": TS,
        },
        "One row per CSAT survey offered on a solved ticket (rating 1-5 once answered).",
        rules=(
            RowRule("score", allowed=("offered", "good", "bad")),
            RowRule("rating", 1, 5),
        ),
    ),
    SourceTable(
        "helpdesk",
        "ces_responses",
        "jsonl",
        "id",
        "updated_at",
        {
            "id": INT,
            "ticket_id": INT,
            "requester_id": INT,
            "score": INT,
            "comment": STR,
            "created_at": TS,
            "updated_at": TS,
        },
        "One row per customer-effort survey offered on a solved ticket (score 1-5, "
        "5 = very easy, once answered; null while only offered).",
        rules=(RowRule("score", 1, 5),),
    ),
    SourceTable(
        "helpdesk",
        "self_service_sessions",
        "jsonl",
        "id",
        "updated_at",
        {
            "id": INT,
            "user_id": INT,
            "channel": STR,
            "started_at": TS,
            "ended_at": TS,
            "article_id": INT,
            "search_query": STR,
            "outcome": STR,
            "handover_ticket_id": INT,
            "updated_at": TS,
        },
        "One row per help-centre or chatbot session.",
        rules=(RowRule("channel", allowed=("help_center", "chatbot")),),
    ),
    # ------------------------------------------------------------------ shop (CSV)
    SourceTable(
        "shop",
        "customers",
        "csv",
        "id",
        "updated_at",
        {
            "id": INT,
            "email": STR,
            "first_name": STR,
            "last_name": STR,
            "phone": STR,
            "default_address_city": STR,
            "tags": STR,
            "company": STR,
            "accepts_marketing": BOOL,
            "state": STR,
            "created_at": TS,
            "updated_at": TS,
        },
        "One row per shop customer account.",
    ),
    SourceTable(
        "shop",
        "orders",
        "csv",
        "id",
        "updated_at",
        {
            "id": INT,
            "name": STR,
            "email": STR,
            "customer_id": INT,
            "created_at": TS,
            "processed_at": TS,
            "updated_at": TS,
            "cancelled_at": TS,
            "cancel_reason": STR,
            "financial_status": STR,
            "fulfillment_status": STR,
            "source_name": STR,
            "currency": STR,
            "total_line_items_price": FLOAT,
            "total_discounts": FLOAT,
            "subtotal_price": FLOAT,
            "total_tax": FLOAT,
            "total_shipping_price": FLOAT,
            "total_price": FLOAT,
            "test": BOOL,
            "location_id": INT,
            "tags": STR,
        },
        "One row per order (web, store point-of-sale or phone/draft order).",
        rules=(RowRule("total_price", minimum=0),),
    ),
    SourceTable(
        "shop",
        "order_line_items",
        "csv",
        "id",
        "id",
        {
            "id": INT,
            "order_id": INT,
            "product_id": INT,
            "variant_id": INT,
            "sku": STR,
            "title": STR,
            "product_type": STR,
            "vendor": STR,
            "quantity": INT,
            "price": FLOAT,
            "total_discount": FLOAT,
        },
        "One row per order line.",
        rules=(RowRule("quantity", minimum=1), RowRule("price", minimum=0)),
    ),
    SourceTable(
        "shop",
        "refunds",
        "csv",
        "id",
        "processed_at",
        {
            "id": INT,
            "order_id": INT,
            "created_at": TS,
            "processed_at": TS,
            "note": STR,
            "restock": BOOL,
            "amount": FLOAT,
        },
        "One row per refund (a return with restock, a damage refund or a goodwill credit).",
        rules=(RowRule("amount", minimum=0),),
    ),
)

TABLES_BY_KEY: dict[str, SourceTable] = {t.key: t for t in TABLES}


def tables_of(system: str) -> list[SourceTable]:
    return [t for t in TABLES if t.system == system]
