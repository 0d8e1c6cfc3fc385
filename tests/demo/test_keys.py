"""Primary keys are unique except for the dirt the manifest declares, and that dirt is real."""

from __future__ import annotations

import pandas as pd
import pytest

from cx_pipeline.source_tables import TABLES


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.key)
def test_primary_keys_unique_apart_from_declared_dirt(demo, table) -> None:
    df = demo.raw(table.key)
    dirt = demo.manifest["dirt"]
    hashable = df.map(lambda v: tuple(v) if isinstance(v, list) else v)
    exact = int(hashable.duplicated().sum())
    distinct = hashable.drop_duplicates()
    older = int(distinct[table.primary_key].duplicated().sum())
    assert exact == dirt.get("exact_duplicates", {}).get(table.key, 0)
    assert older == dirt.get("older_copies", {}).get(table.key, 0)
    assert df[table.primary_key].notna().all()


@pytest.mark.parametrize("key", ["shop/orders", "helpdesk/tickets", "crm/contacts"])
def test_older_copies_are_older(demo, key) -> None:
    table = next(t for t in TABLES if t.key == key)
    df = demo.raw(key).map(lambda v: tuple(v) if isinstance(v, list) else v).drop_duplicates()
    copies = df[df[table.primary_key].duplicated(keep=False)]
    assert len(copies) >= 2
    for _, group in copies.groupby(table.primary_key):
        stamps = group[table.updated_at].sort_values()
        assert stamps.is_unique, "the copies differ in updated_at"
    if key == "helpdesk/tickets":
        states = copies.sort_values("updated_at").groupby("id").status.agg(list)
        assert all(s[0] == "open" and s[-1] in ("solved", "closed") for s in states)
    if key == "shop/orders":
        states = copies.sort_values("updated_at").groupby("id").financial_status.agg(list)
        assert all(s[0] == "paid" and s[-1] in ("refunded", "partially_refunded") for s in states)


def test_exact_duplicates_present_in_four_tables(demo) -> None:
    dup = demo.manifest["dirt"]["exact_duplicates"]
    for key in ("shop/orders", "helpdesk/tickets", "crm/feedback_submissions", "crm/contacts"):
        rows = demo.rows[key]
        assert 0 < dup[key] <= 0.01 * rows, key


def test_declared_nulls(demo) -> None:
    dirt = demo.manifest["dirt"]
    orders = demo.raw("shop/orders")
    tickets = demo.raw("helpdesk/tickets")
    contacts = demo.raw("crm/contacts")
    customers = demo.raw("shop/customers")
    # Counts are of generated rows (before duplicates): the raw files hold at least as many.
    assert orders.email.isna().sum() >= dirt["null_email"]["shop/orders"] > 0
    assert tickets.via_channel.isna().sum() >= dirt["null_via_channel"]["helpdesk/tickets"] > 0
    assert (
        tickets.custom_contact_reason.isna().sum()
        >= dirt["null_contact_reason"]["helpdesk/tickets"]
        > 0
    )
    assert (
        contacts.hs_analytics_source.isna().sum()
        >= dirt["null_analytics_source"]["crm/contacts"]
        > 0
    )
    assert customers.phone.isna().sum() == dirt["null_phone"]["shop/customers"] > 0
    # Guest checkouts: no customer account but an e-mail.
    guests = orders[orders.customer_id.isna() & orders.email.notna() & ~orders.test]
    assert len(guests.drop_duplicates("id")) == dirt["guest_orders"]["shop/orders"] > 0


def test_late_records(demo) -> None:
    last_day = pd.Timestamp(demo.manifest["end_date"], tz="Europe/Helsinki")
    month_start = last_day.replace(day=1)
    orders = demo.latest("shop/orders")
    late = orders[
        (orders.created_at.dt.tz_convert("Europe/Helsinki") < month_start)
        & (orders.updated_at.dt.tz_convert("Europe/Helsinki").dt.normalize() == last_day)
        & orders.cancelled_at.isna()
        & (orders.financial_status == "paid")
    ]
    assert len(late) >= demo.manifest["dirt"]["late_records"]["shop/orders"] == 1
    ratings = demo.latest("helpdesk/satisfaction_ratings")
    late = ratings[
        (ratings.created_at.dt.tz_convert("Europe/Helsinki") < month_start)
        & (ratings.updated_at.dt.tz_convert("Europe/Helsinki").dt.normalize() == last_day)
        & ratings.rating.notna()
    ]
    assert len(late) >= 1


def test_one_ticket_event_out_of_order(demo) -> None:
    ev = demo.raw("helpdesk/ticket_events")
    same = ev.ticket_id.eq(ev.ticket_id.shift())
    backwards = same & (ev.created_at < ev.created_at.shift())
    assert (
        backwards.sum()
        == demo.manifest["dirt"]["out_of_order_events"]["helpdesk/ticket_events"]
        == 1
    )
    assert ev.id.is_unique
