"""The journey behaviour the metrics must see, computed independently from the files."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from tests.demo.conftest import LOCAL_TZ, local_month, norm_email

DAY = pd.Timedelta(days=1)


@cache
def _first_orders(demo) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Valid orders keyed by normalised e-mail, and each buyer's first one."""
    orders = demo.latest("shop/orders")
    valid = orders[~orders.test & orders.cancelled_at.isna() & orders.email.notna()].copy()
    valid["key"] = norm_email(valid.email)
    first = valid.sort_values("created_at").groupby("key").head(1).set_index("key")
    return valid, first


@cache
def _touches(demo) -> pd.DataFrame:
    contacts = demo.latest("crm/contacts")
    key = pd.Series(norm_email(contacts.email).values, index=contacts.hs_object_id)
    raw = demo.raw("crm/events")
    events = raw[raw.eventType != "e_feedback_survey_sent"].copy()
    events["key"] = events.objectId.map(key)
    return events


def _changes(demo) -> tuple[pd.Timestamp, pd.Timestamp]:
    m = demo.manifest
    return pd.Timestamp(m["delivery_partner_change"]), pd.Timestamp(m["chatbot_upgrade"])


def test_first_touch_mostly_web_but_first_orders_mostly_offline(demo) -> None:
    _, first = _first_orders(demo)
    events = _touches(demo)
    first_touch = (
        events.sort_values("occurredAt").groupby("key").head(1).set_index("key").hs_channel
    )
    web_share = (first_touch.reindex(first.index) == "web").mean()
    assert 0.7 <= web_share <= 0.9
    online = (first.source_name == "web").mean()
    assert 0.15 <= online <= 0.35
    assert (first.source_name == "pos").mean() > 0.5
    assert first.loc[first.source_name == "pos", "location_id"].notna().all()


def test_channels_before_first_order(demo) -> None:
    _, first = _first_orders(demo)
    events = _touches(demo).merge(first[["created_at"]], left_on="key", right_index=True)
    window = events[
        (events.occurredAt <= events.created_at)
        & (events.occurredAt > events.created_at - 90 * DAY)
    ]
    distinct = window.groupby("key").hs_channel.nunique().reindex(first.index, fill_value=0)
    assert 2.0 <= distinct.mean() <= 3.2
    assert distinct.between(2, 3).mean() > 0.7


def test_analytics_source_follows_first_touch(demo) -> None:
    contacts = demo.latest("crm/contacts").set_index("hs_object_id")
    raw = demo.raw("crm/events")
    events = (
        raw[raw.eventType != "e_feedback_survey_sent"]
        .sort_values("occurredAt")
        .groupby("objectId")
        .head(1)
        .set_index("objectId")
    )
    src = contacts.hs_analytics_source.reindex(events.index)
    offline = events.hs_channel.isin(["store", "phone", "event"])
    assert (src[offline].dropna() == "OFFLINE").all()
    assert (src[events.hs_channel == "email"].dropna() == "EMAIL_MARKETING").all()
    web = src[events.hs_channel == "web"].dropna()
    assert set(web) <= {"ORGANIC_SEARCH", "PAID_SEARCH", "DIRECT_TRAFFIC", "REFERRALS"}
    # Leads exist before their first touch.
    assert (contacts.createdate.reindex(events.index) <= events.occurredAt).all()


def test_leads_and_lifecycle(demo) -> None:
    contacts = demo.latest("crm/contacts")
    _, first = _first_orders(demo)
    key = norm_email(contacts.email)
    buyers = key.isin(first.index)
    orders = demo.latest("shop/orders")
    ordered = key.isin(set(norm_email(orders[~orders.test].email.dropna())))  # cancelled ones too
    assert (contacts.lifecyclestage[buyers] == "customer").all()
    assert (contacts.lifecyclestage[~ordered] != "customer").all()
    assert set(contacts.lifecyclestage) == {
        "customer",
        "lead",
        "subscriber",
        "marketingqualifiedlead",
    }
    assert 0.25 <= (~buyers).mean() <= 0.45, "CRM-only leads ~40 % on top of customers"
    first_at = first.created_at.reindex(key).to_numpy()
    within = (first_at - contacts.createdate.to_numpy()) <= 90 * DAY
    rate = np.nanmean(np.where(pd.isna(first_at), False, within))
    assert 0.3 <= rate <= 0.9


def test_campaign_spend_gives_cac(demo) -> None:
    campaigns = demo.raw("crm/campaigns")
    assert 15 <= len(campaigns) <= 25
    assert (campaigns.hs_spend_items_sum_amount > 0).all()
    assert set(campaigns.channel) >= {"ads", "email", "social", "event"}
    _, first = _first_orders(demo)
    cac = campaigns.hs_spend_items_sum_amount.sum() / len(first)
    assert 10 < cac < 150


def test_seasonality_growth_and_b2b(demo) -> None:
    valid, _ = _first_orders(demo)
    local = valid.created_at.dt.tz_convert(LOCAL_TZ)
    per_day = valid.groupby(local.dt.strftime("%Y-%m")).size() / local.groupby(
        local.dt.strftime("%Y-%m")
    ).apply(lambda s: s.dt.days_in_month.iloc[0])
    peak = per_day[[m for m in per_day.index if m.endswith(("-11", "-12"))]].mean()
    summer = per_day[[m for m in per_day.index if m.endswith(("-06", "-07", "-08"))]].mean()
    assert peak > 1.3 * summer
    first_year = per_day.iloc[1:7].mean()
    last = per_day.iloc[-6:].mean()
    assert last > first_year, "the company grows"
    b2b = valid.tags.fillna("").str.contains("B2B")
    assert valid[b2b].subtotal_price.mean() > 1.5 * valid[~b2b].subtotal_price.mean()
    draft = valid.source_name == "shopify_draft_order"
    assert draft[b2b].mean() > 2 * draft[~b2b].mean()
    orders = demo.latest("shop/orders")
    assert orders.cancelled_at.notna().any() and orders.cancel_reason.notna().any()
    assert 0 < orders.test.sum() < 0.01 * len(orders)


def test_store_and_office_hours(demo) -> None:
    orders = demo.latest("shop/orders")
    pos = orders[orders.source_name == "pos"].created_at.dt.tz_convert(LOCAL_TZ).dt.hour
    assert pos.between(10, 19).mean() > 0.99
    draft = orders[orders.source_name == "shopify_draft_order"].created_at.dt.tz_convert(LOCAL_TZ)
    assert (draft.dt.day_of_week < 5).mean() > 0.99
    tickets = demo.latest("helpdesk/tickets")
    local = tickets.created_at.dt.tz_convert(LOCAL_TZ)
    office = (local.dt.day_of_week < 5) & local.dt.hour.between(8, 15)
    assert office.mean() > 0.6, "support is busiest on weekdays 8-16"


def test_repeat_purchases(demo) -> None:
    valid, first = _first_orders(demo)
    second = valid.sort_values("created_at").groupby("key").nth(1).set_index("key").created_at
    repeat = (second.reindex(first.index) - first.created_at) <= 90 * DAY
    assert 0.15 <= repeat.mean() <= 0.6


def test_refunds(demo) -> None:
    orders = demo.latest("shop/orders").set_index("id")
    refunds = demo.raw("shop/refunds")
    real = orders[~orders.test & orders.cancelled_at.isna()]
    assert 0.05 <= refunds.order_id.nunique() / len(real) <= 0.09
    order_month = local_month(orders.created_at.loc[refunds.order_id]).to_numpy()
    later = local_month(refunds.created_at).to_numpy() != order_month
    assert later.sum() > 0.1 * len(refunds)
    status = orders.financial_status.loc[refunds.order_id]
    assert set(status) <= {"refunded", "partially_refunded"}


@cache
def _nps(demo) -> pd.DataFrame:
    subs = demo.latest("crm/feedback_submissions")
    nps = subs[subs.hs_survey_id == 1].copy()
    contacts = demo.latest("crm/contacts").set_index("hs_object_id")
    nps["key"] = norm_email(contacts.email.reindex(nps.hs_contact_id)).to_numpy()
    return nps


def test_nps_predicts_repurchase(demo) -> None:
    nps = _nps(demo)
    assert set(nps.hs_sentiment) == {"Promoter", "Passive", "Detractor"}
    assert ((nps.hs_response_value >= 9) == (nps.hs_sentiment == "Promoter")).all()
    valid, _ = _first_orders(demo)
    joined = nps[["hs_object_id", "key", "hs_submission_timestamp", "hs_response_value"]].merge(
        valid[["key", "created_at"]], on="key", how="left"
    )
    joined["again"] = (joined.created_at > joined.hs_submission_timestamp) & (
        joined.created_at <= joined.hs_submission_timestamp + 180 * DAY
    )
    per_answer = joined.groupby("hs_object_id").agg(
        again=("again", "any"), score=("hs_response_value", "first")
    )
    horizon = pd.Timestamp(demo.manifest["export_timestamp"]) - 180 * DAY
    mature = nps.set_index("hs_object_id").hs_submission_timestamp <= horizon
    per_answer = per_answer[mature.reindex(per_answer.index)]
    promoters = per_answer[per_answer.score >= 9].again.mean()
    detractors = per_answer[per_answer.score <= 6].again.mean()
    assert detractors + 0.1 < promoters


def test_nps_level_cadence_and_trend(demo) -> None:
    nps = _nps(demo)
    v = nps.hs_response_value
    score = 100 * ((v >= 9).mean() - (v <= 6).mean())
    assert 15 <= score <= 45
    gaps = (
        nps.sort_values("hs_submission_timestamp")
        .groupby("hs_contact_id")
        .hs_submission_timestamp.diff()
        .dropna()
    )
    assert (gaps >= 80 * DAY).all(), "nobody is asked more than about once a quarter"
    month = local_month(nps.hs_submission_timestamp)
    per_month = nps.groupby(month).hs_response_value.agg(
        lambda s: 100 * ((s >= 9).mean() - (s <= 6).mean())
    )
    assert (nps.groupby(month).size() >= 100).sum() >= 15
    change, _ = _changes(demo)
    after = local_month(pd.Series([change])).iloc[0]
    assert (
        per_month[per_month.index >= after].mean()
        < per_month[per_month.index < after].iloc[1:].mean()
    )


def test_monthly_survey_samples(demo) -> None:
    ratings = demo.latest("helpdesk/satisfaction_ratings")
    answered = ratings[ratings.rating.notna()]
    assert (answered.groupby(local_month(answered.updated_at)).size() >= 40).sum() >= 14
    ces = demo.latest("helpdesk/ces_responses")
    ces = ces[ces.score.notna()]
    assert (ces.groupby(local_month(ces.updated_at)).size() >= 40).sum() >= 11
    subs = demo.latest("crm/feedback_submissions")
    for survey, minimum in ((2, 30), (3, 30)):
        s = subs[subs.hs_survey_id == survey]
        assert (s.groupby(local_month(s.hs_submission_timestamp)).size() >= minimum).sum() >= 15, (
            survey
        )


def test_purchase_csat_linked_to_orders(demo) -> None:
    subs = demo.latest("crm/feedback_submissions")
    purchase = subs[subs.hs_survey_id == 3]
    assert (purchase.associated_object_type == "ORDER").all()
    orders = demo.latest("shop/orders").set_index("id")
    assert (
        purchase.hs_submission_timestamp.to_numpy()
        > orders.created_at.loc[purchase.associated_object_id].to_numpy()
    ).all()
    perception = subs[subs.hs_survey_id == 2]
    contacts = demo.latest("crm/contacts").set_index("hs_object_id")
    early = (
        perception.hs_submission_timestamp.to_numpy()
        - contacts.createdate.loc[perception.hs_contact_id].to_numpy()
    )
    assert (early <= 31 * DAY).all(), "perception is asked early in the relationship"
    commented = subs.hs_content.notna().mean()
    assert 0.15 < commented < 0.5


def test_contacts_per_100_orders_and_reasons(demo) -> None:
    tickets = demo.latest("helpdesk/tickets")
    orders = demo.latest("shop/orders")
    real = orders[~orders.test & orders.cancelled_at.isna()]
    rate = 100 * len(tickets) / len(real)
    assert 6 <= rate <= 16
    change, _ = _changes(demo)
    month = local_month(tickets.created_at)
    omonth = local_month(real.created_at)
    cut = local_month(pd.Series([change])).iloc[0]
    per100 = 100 * tickets.groupby(month).size() / real.groupby(omonth).size()
    assert per100[per100.index >= cut].mean() > 1.2 * per100[per100.index < cut].mean()
    wismo = tickets[tickets.custom_contact_reason == "where_is_my_order"]
    assert wismo.custom_order_id.notna().all()
    lag = (
        wismo.created_at.to_numpy()
        - orders.set_index("id").created_at.loc[wismo.custom_order_id].to_numpy()
    )
    assert ((lag >= 1 * DAY) & (lag <= 13 * DAY)).mean() > 0.95
    assert set(tickets.via_channel.dropna()) == {"web", "email", "chat", "voice"}
    assert all(
        r in t
        for r, t in zip(
            tickets.custom_contact_reason.dropna(),
            tickets.tags[tickets.custom_contact_reason.notna()],
            strict=True,
        )
    )


def test_pre_purchase_contacts_come_before_first_order(demo) -> None:
    tickets = demo.latest("helpdesk/tickets")
    users = demo.raw("helpdesk/users").set_index("id")
    _, first = _first_orders(demo)
    pre = tickets[
        tickets.custom_contact_reason.isin(["product_question", "stock_availability", "pricing"])
    ]
    key = norm_email(users.email.loc[pre.requester_id]).to_numpy()
    first_at = first.created_at.reindex(key).to_numpy()
    before_first = (pre.created_at.to_numpy() < first_at) | pd.isna(first_at)
    assert before_first.mean() > 0.3, "pre-purchase questions from leads and before first orders"


@cache
def _ticket_facts(demo) -> pd.DataFrame:
    tickets = demo.latest("helpdesk/tickets").set_index("id")
    events = demo.raw("helpdesk/ticket_events")
    users = demo.raw("helpdesk/users")
    agents = set(users[users.role.isin(["agent"])].id)
    public = events.public.fillna(False).astype(bool)
    human = events[(events.event_type == "Comment") & public & (events.via != "rule")]
    replies = human[human.author_id.isin(agents)]
    facts = pd.DataFrame(index=tickets.index)
    facts["created"] = tickets.created_at
    facts["channel"] = tickets.via_channel
    facts["status"] = tickets.status
    facts["outbound"] = tickets.submitter_id.isin(agents)
    facts["first_reply"] = replies.groupby("ticket_id").created_at.min()
    facts["frt_h"] = (facts.first_reply - facts.created).dt.total_seconds() / 3600
    status = events[events.field_name == "status"]
    facts["reopened"] = (
        status[(status.previous_value == "solved") & (status.value == "open")]
        .groupby("ticket_id")
        .size()
    )
    facts["reopened"] = facts.reopened.fillna(0) > 0
    spent = events[events.field_name == "time_spent_last_update_sec"]
    facts["handling_min"] = spent.value.astype(float).groupby(spent.ticket_id).sum() / 60
    return facts


def test_ticket_lifecycle_shares(demo) -> None:
    f = _ticket_facts(demo)
    live = f[f.status != "deleted"]
    assert 0.02 <= live.outbound.mean() <= 0.05
    assert 0.03 <= live.reopened.mean() <= 0.09
    unanswered = live.first_reply.isna() & ~live.outbound
    assert 0.01 <= unanswered.mean() <= 0.05
    assert live.status.isin(["new", "open"])[unanswered].all()
    assert (f.status == "deleted").sum() > 0
    assert set(f.status) >= {"new", "open", "solved", "closed", "deleted"}
    handling = live.handling_min.dropna()
    assert 3 <= handling.median() <= 25


def test_automatic_acknowledgement_is_not_a_reply(demo) -> None:
    events = demo.raw("helpdesk/ticket_events")
    acks = events[events.via == "rule"]
    users = demo.raw("helpdesk/users").set_index("id")
    assert (users.role.loc[acks.author_id] != "agent").all()
    f = _ticket_facts(demo)
    first_ack = acks[acks.event_type == "Comment"].groupby("ticket_id").created_at.min()
    both = f.join(first_ack.rename("ack"), how="inner").dropna(subset=["first_reply"])
    assert (both.ack < both.first_reply).mean() > 0.95, "the acknowledgement comes first"


def test_first_response_times(demo) -> None:
    f = _ticket_facts(demo)
    inbound = f[~f.outbound & f.first_reply.notna()]
    med = inbound.groupby("channel").frt_h.median()
    assert med["chat"] < 0.25 and med["voice"] < 0.1
    assert med["email"] > 1 and med["web"] > 1
    local = inbound.created.dt.tz_convert(LOCAL_TZ)
    office = (local.dt.day_of_week < 4) & local.dt.hour.between(8, 12)
    written = inbound.channel.isin(["email", "web"])
    assert inbound[written & ~office].frt_h.median() > inbound[written & office].frt_h.median()
    change, _ = _changes(demo)
    before = inbound[written & (inbound.created < change)].frt_h
    after = inbound[written & (inbound.created >= change)].frt_h
    assert after.quantile(0.75) > 1.15 * before.quantile(0.75)


def test_support_ratings(demo) -> None:
    ratings = demo.latest("helpdesk/satisfaction_ratings")
    f = _ticket_facts(demo)
    solved = f[f.status.isin(["solved", "closed"]) & ~f.outbound]
    assert set(ratings.ticket_id) <= set(solved.index)
    assert len(ratings) > 0.9 * len(solved), "offered on solved tickets"
    answered = ratings.rating.notna()
    assert 0.25 <= answered.mean() <= 0.4
    assert (ratings.score[~answered] == "offered").all()
    assert ((ratings.rating[answered] >= 4) == (ratings.score[answered] == "good")).all()
    delay = ratings.updated_at - ratings.created_at
    assert (delay[answered] <= 7 * DAY).mean() > 0.9
    assert (delay[answered] > 7 * DAY).sum() > 0
    rated = ratings[answered].join(f, on="ticket_id")
    good = rated.rating >= 4
    assert good[rated.frt_h > 24].mean() < good[rated.frt_h < 4].mean()
    assert good[rated.reopened].mean() < good[~rated.reopened].mean()
    change, _ = _changes(demo)
    assert good[rated.updated_at >= change].mean() < good[rated.updated_at < change].mean()
    ces = demo.latest("helpdesk/ces_responses")
    assert len(ces) > 0.9 * len(solved), "offered with every rating"
    ces_answered = ces.score.notna()
    assert set(ces.score[ces_answered]) == {1, 2, 3, 4, 5}
    assert 0.15 <= ces_answered.sum() / len(solved) <= 0.3
    assert (ces.updated_at[~ces_answered] == ces.created_at[~ces_answered]).all()
    assert (ces.updated_at[ces_answered] > ces.created_at[ces_answered]).all()


def test_survey_sends(demo) -> None:
    events = demo.raw("crm/events")
    sends = events[events.eventType == "e_feedback_survey_sent"]
    assert set(sends.hs_survey_id) == {1, 3}, "NPS and post-purchase surveys are e-mailed"
    assert (sends.hs_channel == "email").all() and sends.hs_campaign_id.isna().all()
    assert events.hs_survey_id[events.eventType != "e_feedback_survey_sent"].isna().all()
    answers = demo.latest("crm/feedback_submissions")
    for survey, low, high in ((1, 0.15, 0.4), (3, 0.2, 0.45)):
        rate = (answers.hs_survey_id == survey).sum() / (sends.hs_survey_id == survey).sum()
        assert low <= rate <= high, survey


def test_self_service(demo) -> None:
    sessions = demo.latest("helpdesk/self_service_sessions")
    assert 0.2 <= sessions.user_id.isna().mean() <= 0.4
    help_center = sessions[sessions.channel == "help_center"]
    assert set(help_center.outcome) == {"helpful", "not_helpful", "no_vote"}
    assert help_center.article_id.notna().all()
    bot = sessions[sessions.channel == "chatbot"]
    assert set(bot.outcome) == {"resolved", "handover", "abandoned", "small_talk"}
    tickets = demo.latest("helpdesk/tickets")
    follow = help_center.dropna(subset=["user_id"]).merge(
        tickets[["requester_id", "created_at"]], left_on="user_id", right_on="requester_id"
    )
    follow = follow[
        (follow.created_at >= follow.ended_at) & (follow.created_at <= follow.ended_at + DAY)
    ]
    failed = help_center.id.isin(follow.id)
    assert 0.1 < failed[help_center.user_id.notna()].mean() < 0.6
    _, upgrade = _changes(demo)
    counted = bot[bot.outcome != "small_talk"]
    contained = counted.outcome != "handover"
    before = contained[
        (counted.started_at < upgrade) & (counted.started_at >= upgrade - 180 * DAY)
    ].mean()
    after = contained[counted.started_at >= upgrade].mean()
    assert after > before + 0.05, "the bot upgrade improves containment"


def test_meetings_and_deals(demo) -> None:
    meetings = demo.latest("crm/meetings")
    owners = demo.raw("crm/owners").set_index("id")
    assert (owners.team_name.loc[meetings.hubspot_owner_id] == "Myynti").all()
    assert set(meetings.hs_meeting_outcome) >= {"COMPLETED", "NO_SHOW", "CANCELED", "RESCHEDULED"}
    subs = demo.latest("crm/feedback_submissions")
    pulse = subs[subs.hs_survey_id == 4].merge(
        meetings[["hs_object_id", "hubspot_owner_id", "hs_meeting_outcome"]],
        left_on="associated_object_id",
        right_on="hs_object_id",
    )
    assert (pulse.hs_meeting_outcome == "COMPLETED").all()
    completed = (meetings.hs_meeting_outcome == "COMPLETED").sum()
    assert 0.35 <= len(pulse) / completed <= 0.6
    by_owner = pulse.groupby("hubspot_owner_id").hs_response_value.mean()
    assert by_owner.max() - by_owner.min() >= 0.5, "salespeople differ"
    deals = demo.latest("crm/deals")
    assert {"closedwon", "closedlost"} <= set(deals.dealstage)
    assert (deals.amount > 0).all()


def test_negative_feedback_follow_up(demo) -> None:
    subs = demo.latest("crm/feedback_submissions")
    negative = subs[
        ((subs.hs_survey_id == 1) & (subs.hs_response_value <= 6))
        | ((subs.hs_survey_id == 3) & (subs.hs_response_value <= 2))
    ]
    tasks = demo.latest("crm/tasks")
    linked = tasks.dropna(subset=["associated_feedback_submission_id"])
    assert set(linked.hs_task_type) <= {"CALL", "EMAIL"}
    joined = negative.merge(
        linked, left_on="hs_object_id", right_on="associated_feedback_submission_id", how="left"
    )
    assert (
        joined.associated_contact_id.dropna()
        == joined.hs_contact_id[joined.associated_contact_id.notna()]
    ).all()
    any_task = joined.hs_createdate.notna().mean()
    assert 0.6 <= any_task <= 0.8
    fast = (joined.hs_createdate - joined.hs_submission_timestamp) <= 2 * DAY
    assert fast[joined.hs_createdate.notna()].mean() > 0.75
    horizon = pd.Timestamp(demo.manifest["export_timestamp"]) - 2 * DAY
    mature = joined[joined.hs_submission_timestamp <= horizon]
    monthly = fast[mature.index].groupby(local_month(mature.hs_submission_timestamp)).mean()
    assert monthly.max() - monthly.min() >= 0.1, "the follow-up rate drifts visibly"
    assert (tasks.hs_task_completion_date.notna() == (tasks.hs_task_status == "COMPLETED")).all()


@pytest.mark.parametrize("key", ["crm/feedback_submissions", "helpdesk/satisfaction_ratings"])
def test_comments_match_tone(demo, key) -> None:
    df = demo.latest(key)
    score = df.hs_response_value if key.startswith("crm") else df.rating
    text = df.hs_content if key.startswith("crm") else df.comment
    if key.startswith("crm"):
        keep = df.hs_survey_id.isin([2, 3])
        score, text = score[keep], text[keep]
    positive = {
        "Nopea toimitus, kiitos!",
        "Erittäin ystävällinen asiakaspalvelu.",
        "Great service and fast delivery.",
    }
    negative = {"Toimitus kesti aivan liian kauan.", "Asiakaspalveluun oli vaikea saada yhteyttä."}
    assert (score[text.isin(positive)] >= 4).all()
    assert (score[text.isin(negative)] <= 2).all()
