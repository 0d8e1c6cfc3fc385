"""The company itself: staff (salespeople, service agents), helpdesk groups, campaigns,
surveys and the product catalogue. Written once, before the customer chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pyarrow as pa

from . import pools
from .frames import const, make_table, pick
from .ids import PRODUCT_ID_BASE, VARIANT_ID_BASE, IdCursor
from .timeline import DAY, NA, Timeline

TOUCH_CHANNELS: tuple[str, ...] = (
    "web",
    "email",
    "social",
    "ads",
    "store",
    "phone",
    "chat",
    "event",
)
CH = {name: k for k, name in enumerate(TOUCH_CHANNELS)}

# Campaign channels: label, campaign length in months at scale 1, spend EUR/month at scale 1.
CAMPAIGN_CHANNELS: tuple[tuple[str, str, int, float], ...] = (
    ("ads", "Display- ja videomainonta", 3, 4_000.0),
    ("social", "Some-kampanja", 4, 2_500.0),
    ("web", "Hakusanamainonta", 6, 3_000.0),
    ("email", "Uutiskirjeet", 6, 600.0),
    ("event", "Messut ja tapahtumat", 5, 1_500.0),
)

SURVEYS: tuple[tuple[int, str, str, int, int, str, str], ...] = (
    (1, "Suositteluindeksi (NPS)", "NPS", 0, 10, "relationship", "prediction"),
    (2, "Mielikuvakysely", "CUSTOM", 1, 5, "journey", "perception"),
    (3, "Ostokokemus", "CSAT", 1, 5, "touchpoint", "purchase"),
    (4, "Myyntitapaamisen pulssi", "CUSTOM", 1, 5, "touchpoint", "purchase"),
)
SURVEY_NPS, SURVEY_PERCEPTION, SURVEY_PURCHASE, SURVEY_MEETING = 1, 2, 3, 4

GROUP_VERKKO, GROUP_MYYMALA, GROUP_B2B = 0, 1, 2
GROUP_SPEED = np.array([1.0, 1.25, 0.7])  # first-response multiplier per group


@dataclass(frozen=True)
class Org:
    sales_owner_ids: np.ndarray  # crm owner ids of salespeople
    sales_quality: np.ndarray  # meeting pulse effect per salesperson
    cs_owner_ids: np.ndarray  # crm owner ids of service agents (same people as agent users)
    agent_user_ids: np.ndarray  # helpdesk user ids of agents
    agent_group: np.ndarray  # group index per agent
    agent_speed: np.ndarray  # response-time multiplier per agent
    agent_quality: np.ndarray  # rating effect per agent
    automation_user_id: int  # author of triggers and automations (via "rule")
    group_ids: np.ndarray
    campaign_ids: np.ndarray
    campaign_lookup: np.ndarray  # [touch channel, day] -> campaign id or NA
    variants: dict[str, np.ndarray | pa.Array]  # product variants (line-item fields)
    variant_category: np.ndarray
    category_variants: list[np.ndarray]  # variant indices per category


def _staff(rng: np.random.Generator, n: int, taken: set[str]) -> list[tuple[str, str, str]]:
    people = []
    while len(people) < n:
        first = pools.FIRST_NAMES[rng.integers(len(pools.FIRST_NAMES))]
        last = pools.LAST_NAMES[rng.integers(len(pools.LAST_NAMES))]
        email = f"{pools.ascii_fold(first)}.{pools.ascii_fold(last)}@{pools.COMPANY_DOMAIN}"
        if email in taken:
            continue
        taken.add(email)
        people.append((first, last, email))
    return people


def build_org(
    rng: np.random.Generator, tl: Timeline, scale: float, cursor: IdCursor
) -> tuple[Org, dict[str, pa.Table]]:
    root = np.sqrt(max(scale, 0.05))
    n_sales = max(3, round(4 * root))
    per_group = [max(3, round(6 * root)), max(2, round(4 * root)), max(2, round(2 * root))]
    n_agents = sum(per_group)
    taken: set[str] = set()
    sales = _staff(rng, n_sales, taken)
    agents = _staff(rng, n_agents, taken)
    hired = tl.start_ts - 400 * DAY

    # CRM owners: salespeople (Myynti) then service agents (Asiakaspalvelu).
    staff = sales + agents
    owner_first = cursor.take("crm/owners", len(staff))
    owner_ids = np.arange(owner_first, owner_first + len(staff))
    created = hired + rng.integers(0, 300 * DAY, len(staff))
    owners = make_table(
        "crm/owners",
        len(staff),
        id=owner_ids,
        email=pa.array([s[2] for s in staff]),
        firstName=pa.array([s[0] for s in staff]),
        lastName=pa.array([s[1] for s in staff]),
        team_name=pick(["Myynti", "Asiakaspalvelu"], np.r_[np.zeros(n_sales), np.ones(n_agents)]),
        createdAt=created,
        updatedAt=created + rng.integers(0, 60 * DAY, len(staff)),
    )

    # Helpdesk: the automation user first, then one agent user per service agent.
    user_first = cursor.take("helpdesk/users", 1 + n_agents)
    agent_user_ids = np.arange(user_first + 1, user_first + 1 + n_agents)
    names = ["Automaatio (Demokauppa)"] + [f"{a[0]} {a[1]}" for a in agents]
    emails = [f"automaatio@{pools.COMPANY_DOMAIN}"] + [a[2] for a in agents]
    ucreated = np.r_[hired - 30 * DAY, created[n_sales:]]
    users = make_table(
        "helpdesk/users",
        1 + n_agents,
        id=np.arange(user_first, user_first + 1 + n_agents),
        name=pa.array(names),
        email=pa.array(emails),
        role=pick(["admin", "agent"], np.r_[0, np.ones(n_agents)]),
        organization_id=None,
        created_at=ucreated,
        updated_at=ucreated + 3600,
    )
    agent_group = np.repeat(np.arange(3), per_group)

    group_first = cursor.take("helpdesk/groups", len(pools.GROUPS))
    group_ids = np.arange(group_first, group_first + len(pools.GROUPS))
    groups = make_table(
        "helpdesk/groups",
        len(group_ids),
        id=group_ids,
        name=pa.array(list(pools.GROUPS)),
        created_at=np.full(len(group_ids), hired),
        updated_at=np.full(len(group_ids), hired + DAY),
    )

    campaigns, campaign_ids, lookup = _campaigns(rng, tl, scale, cursor)
    surveys = make_table(
        "crm/feedback_surveys",
        len(SURVEYS),
        hs_object_id=np.array([s[0] for s in SURVEYS]),
        hs_survey_name=pa.array([s[1] for s in SURVEYS]),
        hs_survey_type=pa.array([s[2] for s in SURVEYS]),
        hs_scale_min=np.array([s[3] for s in SURVEYS]),
        hs_scale_max=np.array([s[4] for s in SURVEYS]),
        cx_survey_level=pa.array([s[5] for s in SURVEYS]),
        cx_journey_stage=pa.array([s[6] for s in SURVEYS]),
        hs_lastmodifieddate=np.full(len(SURVEYS), tl.start_ts - 30 * DAY),
    )
    cursor.take("crm/feedback_surveys", len(SURVEYS))
    variants, vcat, per_cat = _catalogue(rng)

    org = Org(
        sales_owner_ids=owner_ids[:n_sales],
        sales_quality=rng.normal(0.0, 0.55, n_sales),
        cs_owner_ids=owner_ids[n_sales:],
        agent_user_ids=agent_user_ids,
        agent_group=agent_group,
        agent_speed=np.exp(rng.normal(0.0, 0.35, n_agents)),
        agent_quality=rng.normal(0.0, 0.35, n_agents),
        automation_user_id=int(user_first),
        group_ids=group_ids,
        campaign_ids=campaign_ids,
        campaign_lookup=lookup,
        variants=variants,
        variant_category=vcat,
        category_variants=per_cat,
    )
    tables = {
        "crm/owners": owners,
        "helpdesk/users": users,
        "helpdesk/groups": groups,
        "crm/campaigns": campaigns,
        "crm/feedback_surveys": surveys,
    }
    return org, tables


def _campaigns(
    rng: np.random.Generator, tl: Timeline, scale: float, cursor: IdCursor
) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    # More, shorter campaigns at larger scale (a bigger company runs more of them).
    shorten = 1.0 + 0.15 * np.log2(max(scale, 1.0))
    rows: list[tuple[int, str, int, int, float, float]] = []  # channel, name, d0, d1, spend, budget
    for channel, label, months, monthly in CAMPAIGN_CHANNELS:
        length = max(1, round(months / shorten))
        for m0 in range(0, tl.n_months, length):
            days = np.flatnonzero(
                (tl.month_idx[: tl.n_days] >= m0) & (tl.month_idx[: tl.n_days] < m0 + length)
            )
            d0, d1 = int(days[0]), int(days[-1])
            budget = monthly * scale * (d1 - d0 + 1) / 30.4 * rng.uniform(0.8, 1.2)
            spend = budget * rng.uniform(0.85, 1.02)
            start = tl.start + timedelta(days=d0)
            rows.append((CH[channel], f"{label} {start:%Y-%m}", d0, d1, spend, budget))
    n = len(rows)
    first = cursor.take("crm/campaigns", n)
    ids = np.arange(first, first + n)
    start_epoch_day = (tl.start - date(1970, 1, 1)).days
    d0 = np.array([r[2] for r in rows])
    d1 = np.array([r[3] for r in rows])
    last_day = tl.n_days - 1
    status = np.where(d1 < last_day, 0, 1)
    table = make_table(
        "crm/campaigns",
        n,
        id=ids,
        hs_name=pa.array([r[1] for r in rows]),
        hs_campaign_status=pick(["completed", "active"], status),
        hs_start_date=start_epoch_day + d0,
        hs_end_date=start_epoch_day + d1,
        channel=pick(TOUCH_CHANNELS, np.array([r[0] for r in rows])),
        hs_spend_items_sum_amount=np.round(np.array([r[4] for r in rows]) * 100).astype(np.int64),
        hs_budget_items_sum_amount=np.round(np.array([r[5] for r in rows]) * 100).astype(np.int64),
        hs_currency_code=const("EUR", n),
        updatedAt=np.minimum(tl.day_start[d1 + 1] + 6 * 3600, tl.export_ts),
    )
    lookup = np.full((len(TOUCH_CHANNELS), len(tl.day_start)), NA, dtype=np.int64)
    for k, r in enumerate(rows):
        lookup[r[0], r[2] : r[3] + 1] = ids[k]
    return table, ids, lookup


def _catalogue(
    rng: np.random.Generator,
) -> tuple[dict[str, np.ndarray | pa.Array], np.ndarray, list[np.ndarray]]:
    titles, types, vendors, prices, cats, skus, product_ids = [], [], [], [], [], [], []
    pid = PRODUCT_ID_BASE
    for c, (cat, low, high, nouns, vendor_pool) in enumerate(pools.CATEGORIES):
        combos = [(n, m) for n in nouns for m in pools.PRODUCT_MODELS]
        chosen = rng.choice(len(combos), size=48, replace=False)
        for k in chosen:
            noun, model = combos[k]
            base = low * (high / low) ** (rng.random() ** 1.8)  # most items cheap, a long tail
            n_var = int(rng.integers(1, 4))
            vendor = vendor_pool[rng.integers(len(vendor_pool))]
            for v in range(n_var):
                euros = np.floor(base * (1 + 0.08 * v)) + 0.9  # shelf prices end in ,90
                titles.append(f"{noun} {model}")
                types.append(cat)
                vendors.append(vendor)
                prices.append(round(euros * 100))
                cats.append(c)
                skus.append(f"{cat[:2].upper()}-{pid - PRODUCT_ID_BASE + 1:04d}-{v + 1}")
                product_ids.append(pid)
            pid += 1
    n = len(titles)
    vcat = np.array(cats)
    variants: dict[str, np.ndarray | pa.Array] = {
        "product_id": np.array(product_ids, dtype=np.int64),
        "variant_id": VARIANT_ID_BASE + np.arange(n, dtype=np.int64),
        "sku": pa.array(skus),
        "title": pa.array(titles),
        "product_type": pa.array(types),
        "vendor": pa.array(vendors),
        "price": np.array(prices, dtype=np.int64),
    }
    # Popularity order within a category (most popular first): cheaper items sell more.
    price = variants["price"]
    per_cat = []
    for c in range(len(pools.CATEGORIES)):
        members = np.flatnonzero(vcat == c)
        appeal = price[members] * np.exp(rng.normal(0, 0.8, len(members)))
        per_cat.append(members[np.argsort(appeal, kind="stable")])
    return variants, vcat, per_cat
