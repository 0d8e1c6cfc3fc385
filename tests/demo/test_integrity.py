"""Cross-file integrity: every reference points at an existing record, money adds up, and the
same person carries the same (normalised) e-mail in all three systems."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.demo.conftest import norm_email


def _ids(demo, key: str, column: str = "id") -> set:
    return set(demo.raw(key)[column].dropna().astype("int64"))


def _refs(df: pd.DataFrame, column: str) -> set:
    return set(df[column].dropna().astype("int64"))


def test_shop_references(demo) -> None:
    orders = _ids(demo, "shop/orders")
    assert _refs(demo.raw("shop/order_line_items"), "order_id") <= orders
    assert _refs(demo.raw("shop/refunds"), "order_id") <= orders
    assert _refs(demo.raw("shop/orders"), "customer_id") <= _ids(demo, "shop/customers")
    pos = demo.raw("shop/orders").query("source_name == 'pos'")
    assert pos.location_id.notna().all()
    assert set(pos.location_id.astype(int)) <= {71_001, 71_002, 71_003, 71_004, 71_005}


def test_order_money_adds_up(demo) -> None:
    orders = demo.latest("shop/orders").set_index("id")
    lines = demo.raw("shop/order_line_items")
    cents = lambda s: np.round(s * 100).astype("int64")  # noqa: E731
    gross = (cents(lines.price) * lines.quantity).groupby(lines.order_id).sum()
    disc = cents(lines.total_discount).groupby(lines.order_id).sum()
    o = orders.loc[gross.index]
    assert (cents(o.total_line_items_price) == gross).all()
    assert (cents(o.total_discounts) == disc).all()
    sub = cents(o.subtotal_price)
    assert (sub == gross - disc).all()
    assert (cents(o.total_tax) == np.floor(sub * 0.255 + 0.5).astype("int64")).all()
    assert (cents(o.total_price) == sub + cents(o.total_tax) + cents(o.total_shipping_price)).all()
    assert set(orders.index) == set(gross.index), "every order has lines"


def test_refund_amounts_within_subtotal(demo) -> None:
    refunds = demo.raw("shop/refunds").merge(
        demo.latest("shop/orders")[["id", "subtotal_price", "created_at"]],
        left_on="order_id",
        right_on="id",
        suffixes=("", "_order"),
    )
    assert (refunds.amount <= refunds.subtotal_price + 1e-9).all()
    assert (refunds.amount > 0).all()
    assert (refunds.created_at > refunds.created_at_order).all()
    assert (refunds.processed_at >= refunds.created_at).all()
    assert set(refunds.note) == {"return", "damaged", "goodwill"}
    assert (refunds.restock == (refunds.note == "return")).all()


def test_helpdesk_references(demo) -> None:
    users = _ids(demo, "helpdesk/users")
    tickets = demo.raw("helpdesk/tickets")
    ticket_ids = _ids(demo, "helpdesk/tickets")
    for column in ("requester_id", "submitter_id", "assignee_id"):
        assert _refs(tickets, column) <= users, column
    assert _refs(tickets, "group_id") <= _ids(demo, "helpdesk/groups")
    assert _refs(tickets, "custom_order_id") <= _ids(demo, "shop/orders")
    assert _refs(tickets, "organization_id") <= _ids(demo, "crm/companies", "hs_object_id")
    events = demo.raw("helpdesk/ticket_events")
    assert _refs(events, "ticket_id") == ticket_ids, "every ticket has events"
    assert _refs(events, "author_id") <= users
    for key in ("helpdesk/satisfaction_ratings", "helpdesk/ces_responses"):
        df = demo.raw(key)
        assert _refs(df, "ticket_id") <= ticket_ids
        assert _refs(df, "requester_id") <= users
    sessions = demo.raw("helpdesk/self_service_sessions")
    assert _refs(sessions, "user_id") <= users
    handover = sessions[sessions.handover_ticket_id.notna()]
    assert (handover.outcome == "handover").all() and len(handover) > 0
    chats = (
        demo.latest("helpdesk/tickets").set_index("id").loc[handover.handover_ticket_id.astype(int)]
    )
    assert (chats.via_channel.fillna("chat") == "chat").all()


def test_ticket_state_matches_its_events(demo) -> None:
    tickets = demo.latest("helpdesk/tickets").set_index("id")
    events = demo.raw("helpdesk/ticket_events").sort_values(["ticket_id", "created_at", "id"])
    last = events.groupby("ticket_id").created_at.max()
    assert (tickets.updated_at == last.reindex(tickets.index)).all()
    status = events[events.field_name == "status"].groupby("ticket_id").value.last()
    assert (tickets.status == status.reindex(tickets.index)).all()
    created = events[events.event_type == "Create"].groupby("ticket_id").created_at.min()
    assert (tickets.created_at == created.reindex(tickets.index)).all()


def test_crm_references(demo) -> None:
    contacts = _ids(demo, "crm/contacts", "hs_object_id")
    companies = _ids(demo, "crm/companies", "hs_object_id")
    owners = _ids(demo, "crm/owners")
    events = demo.raw("crm/events")
    assert _refs(events, "objectId") <= contacts
    assert _refs(events, "hs_campaign_id") <= _ids(demo, "crm/campaigns")
    assert _refs(demo.raw("crm/contacts"), "associatedcompanyid") <= companies
    assert _refs(demo.raw("crm/companies"), "hubspot_owner_id") <= owners
    for key in ("crm/deals", "crm/meetings"):
        df = demo.raw(key)
        assert _refs(df, "associated_company_id") <= companies
        assert _refs(df, "associated_contact_id") <= contacts
        assert _refs(df, "hubspot_owner_id") <= owners
    subs = demo.raw("crm/feedback_submissions")
    assert set(subs.hs_survey_id) == {1, 2, 3, 4}
    assert _refs(subs, "hs_contact_id") <= contacts
    targets = {
        "CONTACT": contacts,
        "ORDER": _ids(demo, "shop/orders"),
        "MEETING": _ids(demo, "crm/meetings", "hs_object_id"),
    }
    for kind, group in subs.groupby("associated_object_type"):
        assert _refs(group, "associated_object_id") <= targets[kind], kind
    tasks = demo.raw("crm/tasks")
    assert _refs(tasks, "associated_contact_id") <= contacts
    assert _refs(tasks, "hubspot_owner_id") <= owners
    assert _refs(tasks, "associated_feedback_submission_id") <= _ids(
        demo, "crm/feedback_submissions", "hs_object_id"
    )


def test_staff_in_both_systems(demo) -> None:
    owners = demo.raw("crm/owners")
    users = demo.raw("helpdesk/users")
    agents = set(users[users.role == "agent"].email)
    assert set(owners[owners.team_name == "Asiakaspalvelu"].email) == agents
    assert (owners.team_name == "Myynti").sum() >= 3
    assert set(demo.raw("helpdesk/groups").name) >= {"Verkkokauppa", "Myymälät", "B2B-tuki"}


def test_same_person_same_email_across_systems(demo) -> None:
    contacts = demo.latest("crm/contacts")
    customers = demo.raw("shop/customers")
    users = demo.raw("helpdesk/users")
    end_users = users[users.role == "end-user"]
    crm = set(norm_email(contacts.email))
    assert norm_email(contacts.email).is_unique, "one CRM contact per person"
    assert set(norm_email(customers.email)) <= crm
    assert set(norm_email(end_users.email)) <= crm
    assert set(norm_email(demo.raw("shop/orders").email.dropna())) - crm <= {
        "testi@demokauppa.example"
    }
    # Dirt: a few percent differ in case or whitespace in one system, never more.
    for df in (contacts, customers, end_users):
        differs = (df.email != norm_email(df.email)).mean()
        assert 0.0 < differs < 0.05
    assert not any("@" in str(c) for c in demo.raw("crm/feedback_submissions").hs_content.dropna())


def test_b2b_identity(demo) -> None:
    customers = demo.raw("shop/customers")
    b2b = customers[customers.tags.fillna("").str.contains("B2B")]
    assert 0.10 < len(b2b) / len(customers) < 0.20
    assert b2b.company.notna().all()
    contacts = demo.latest("crm/contacts")
    with_company = contacts[contacts.associatedcompanyid.notna()]
    # Company contacts who have not placed their first order yet have no shop account.
    assert set(norm_email(b2b.email)) <= set(norm_email(with_company.email))
    assert len(b2b) >= 0.8 * len(with_company)
    users = demo.raw("helpdesk/users")
    orgs = users[users.organization_id.notna()]
    assert set(norm_email(orgs.email)) <= set(norm_email(with_company.email))
