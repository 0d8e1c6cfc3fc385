"""Zendesk-style audit events of planned tickets, censored at the export moment.

Per ticket: ``Create`` (status new), the customer's description comment, an automatic
acknowledgement (``via = "rule"``, not a reply), assignment and ``new -> open``, the first
public agent reply, time tracking (``time_spent_last_update_sec``) after every agent reply,
pending/hold/open status changes around customer replies, solve, a possible reopen, and the
closing automation four days after the final solve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .frames import pick
from .helpdesk import EMAIL_T, WEB_T, Plan
from .org import Org
from .timeline import Timeline

TICKET_STATUSES: tuple[str, ...] = ("new", "open", "pending", "hold", "solved", "closed", "deleted")
NEW, OPEN, PENDING, HOLD, SOLVED, CLOSED, DELETED = range(7)
VIA: tuple[str, ...] = ("web", "email", "chat", "voice", "rule")
RULE = 4
AUDIT_EVENT_TYPES: tuple[str, ...] = ("Create", "Comment", "Change")
CREATE, COMMENT, CHANGE = range(3)
FIELDS: tuple[str, ...] = ("status", "assignee_id", "time_spent_last_update_sec")
F_STATUS, F_ASSIGNEE, F_TIME = range(3)
REQUESTER = -1  # author placeholder, resolved to the ticket's requester user id

# Value columns: kind 0 = null, 1 = status code, 2 = integer (as text).
V_NULL, V_STATUS, V_INT = 0, 1, 2


@dataclass(frozen=True)
class EventLog:
    ticket: np.ndarray  # plan index
    ts: np.ndarray
    author: np.ndarray  # user id, or REQUESTER
    via: np.ndarray
    etype: np.ndarray
    public: np.ndarray  # -1 null, 0/1
    field: np.ndarray  # -1 null
    prev_kind: np.ndarray
    prev: np.ndarray
    value_kind: np.ndarray
    value: np.ndarray
    status: np.ndarray  # per ticket: status at the export moment
    updated: np.ndarray  # per ticket: last event time


Col = np.ndarray | int


class _Blocks:
    def __init__(self) -> None:
        self.cols: dict[str, list[np.ndarray]] = {}
        self.seq = 0

    def add(
        self,
        idx: np.ndarray,
        ts: Col,
        author: Col,
        via: Col,
        etype: int,
        public: int = -1,
        field: int = -1,
        prev: tuple[int, Col] = (V_NULL, 0),
        value: tuple[int, Col] = (V_NULL, 0),
    ) -> None:
        """One event per ticket in ``idx``; scalars broadcast to all of them."""
        k = len(idx)
        self.seq += 1
        row = {
            "ticket": idx,
            "ts": ts,
            "author": author,
            "via": via,
            "etype": etype,
            "public": public,
            "field": field,
            "prev_kind": prev[0],
            "prev": prev[1],
            "value_kind": value[0],
            "value": value[1],
            "seq": self.seq,
        }
        for name, val in row.items():
            self.cols.setdefault(name, []).append(
                np.broadcast_to(np.asarray(val), (k,)).astype(np.int64)
            )

    def arrays(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate(v) for k, v in self.cols.items()}


def build_events(rng: np.random.Generator, tl: Timeline, org: Org, plan: Plan) -> EventLog:
    n = plan.n
    users = org.agent_user_ids
    a1 = users[plan.agent1]
    a2 = users[plan.agent2]
    ch = plan.channel
    auto = org.automation_user_id
    written = (ch == WEB_T) | (ch == EMAIL_T)
    normal = ~plan.outbound & ~plan.deleted & ~plan.unanswered
    worked = normal | plan.outbound
    b = _Blocks()

    def at(mask: np.ndarray, arr: np.ndarray) -> np.ndarray:
        return arr[mask]

    every = np.arange(n)
    creator = np.where(plan.outbound, a1, REQUESTER)
    b.add(every, plan.t0, creator, np.where(plan.outbound, WEB_T, ch), CREATE, -1, F_STATUS,
          value=(V_STATUS, NEW))  # fmt: skip
    b.add(every, plan.t0, creator, np.where(plan.outbound, WEB_T, ch), COMMENT, 1)
    m = np.flatnonzero(written & ~plan.outbound)
    b.add(m, plan.t0[m] + rng.integers(5, 90, len(m)), auto, RULE, COMMENT, 1)

    m = np.flatnonzero(plan.deleted)
    b.add(
        m,
        plan.t_delete[m],
        a1[m],
        WEB_T,
        CHANGE,
        -1,
        F_STATUS,
        (V_STATUS, NEW),
        (V_STATUS, DELETED),
    )

    # Assignment (half of the never-answered tickets were at least picked up).
    assigned = (normal | (plan.unanswered & (rng.random(n) < 0.5))) & ~plan.outbound
    m = np.flatnonzero(assigned)
    b.add(m, plan.t_assign[m], a1[m], WEB_T, CHANGE, -1, F_ASSIGNEE, value=(V_INT, a1[m]))
    b.add(
        m, plan.t_assign[m], a1[m], WEB_T, CHANGE, -1, F_STATUS, (V_STATUS, NEW), (V_STATUS, OPEN)
    )
    m = np.flatnonzero(plan.outbound)
    b.add(m, plan.t0[m] + 1, a1[m], WEB_T, CHANGE, -1, F_ASSIGNEE, value=(V_INT, a1[m]))
    b.add(
        m, plan.t0[m] + 2, a1[m], WEB_T, CHANGE, -1, F_STATUS, (V_STATUS, NEW), (V_STATUS, PENDING)
    )
    b.add(
        m,
        plan.t0[m] + 3,
        a1[m],
        WEB_T,
        CHANGE,
        -1,
        F_TIME,
        value=(V_INT, plan.w_r1[m].astype(np.int64)),
    )

    # First public agent reply.
    final_at_r1 = ~plan.hold & (plan.rounds == 0)
    m = np.flatnonzero(normal)
    b.add(m, plan.t_r1[m], a1[m], ch[m], COMMENT, 1)
    b.add(
        m,
        plan.t_r1[m] + 1,
        a1[m],
        WEB_T,
        CHANGE,
        -1,
        F_TIME,
        value=(V_INT, plan.w_r1[m].astype(np.int64)),
    )
    m = np.flatnonzero(normal & ~final_at_r1)
    after_r1 = np.where(plan.hold[m], HOLD, PENDING)
    b.add(
        m,
        plan.t_r1[m] + 2,
        a1[m],
        WEB_T,
        CHANGE,
        -1,
        F_STATUS,
        (V_STATUS, OPEN),
        (V_STATUS, after_r1),
    )

    # Reassignment just before the next agent action.
    next_agent = np.where(
        plan.hold, plan.t_hold_end, np.where(plan.rounds > 0, plan.t_a[:, 0], plan.t_ra)
    )
    m = np.flatnonzero(normal & plan.reassigned)
    b.add(
        m, next_agent[m] - 120, a1[m], WEB_T, CHANGE, -1, F_ASSIGNEE, (V_INT, a1[m]), (V_INT, a2[m])
    )

    # Carrier answered: back from hold with an update.
    m = np.flatnonzero(normal & plan.hold)
    t = plan.t_hold_end[m]
    b.add(m, t, a2[m], WEB_T, CHANGE, -1, F_STATUS, (V_STATUS, HOLD), (V_STATUS, OPEN))
    b.add(m, t + 1, a2[m], ch[m], COMMENT, 1)
    b.add(
        m, t + 2, a2[m], WEB_T, CHANGE, -1, F_TIME, value=(V_INT, plan.w_hold[m].astype(np.int64))
    )
    m = np.flatnonzero(normal & plan.hold & (plan.rounds > 0))
    b.add(
        m,
        plan.t_hold_end[m] + 3,
        a2[m],
        WEB_T,
        CHANGE,
        -1,
        F_STATUS,
        (V_STATUS, OPEN),
        (V_STATUS, PENDING),
    )

    for k in range(3):
        m = np.flatnonzero(worked & (plan.rounds > k))
        tc, ta = plan.t_c[m, k], plan.t_a[m, k]
        via = np.where(plan.outbound[m], EMAIL_T, ch[m])
        b.add(m, tc, REQUESTER, via, COMMENT, 1)
        b.add(
            m, tc + 1, REQUESTER, via, CHANGE, -1, F_STATUS, (V_STATUS, PENDING), (V_STATUS, OPEN)
        )
        b.add(m, ta, a2[m], via, COMMENT, 1)
        b.add(
            m,
            ta + 1,
            a2[m],
            WEB_T,
            CHANGE,
            -1,
            F_TIME,
            value=(V_INT, plan.w_a[m, k].astype(np.int64)),
        )
        m2 = np.flatnonzero(worked & (plan.rounds > k + 1))
        b.add(
            m2,
            plan.t_a[m2, k] + 2,
            a2[m2],
            WEB_T,
            CHANGE,
            -1,
            F_STATUS,
            (V_STATUS, OPEN),
            (V_STATUS, PENDING),
        )

    m = np.flatnonzero(worked)
    prev = np.where(plan.outbound[m] & (plan.rounds[m] == 0), PENDING, OPEN)
    b.add(
        m,
        plan.t_solve1[m],
        a2[m],
        WEB_T,
        CHANGE,
        -1,
        F_STATUS,
        (V_STATUS, prev),
        (V_STATUS, SOLVED),
    )

    m = np.flatnonzero(worked & plan.reopen)
    b.add(m, plan.t_ro[m], REQUESTER, ch[m], COMMENT, 1)
    b.add(
        m,
        plan.t_ro[m] + 1,
        REQUESTER,
        ch[m],
        CHANGE,
        -1,
        F_STATUS,
        (V_STATUS, SOLVED),
        (V_STATUS, OPEN),
    )
    b.add(m, plan.t_ra[m], a2[m], ch[m], COMMENT, 1)
    b.add(
        m,
        plan.t_ra[m] + 1,
        a2[m],
        WEB_T,
        CHANGE,
        -1,
        F_TIME,
        value=(V_INT, plan.w_ra[m].astype(np.int64)),
    )
    b.add(
        m, plan.t_solve[m], a2[m], WEB_T, CHANGE, -1, F_STATUS, (V_STATUS, OPEN), (V_STATUS, SOLVED)
    )

    m = np.flatnonzero(worked)
    b.add(
        m, plan.t_close[m], auto, RULE, CHANGE, -1, F_STATUS, (V_STATUS, SOLVED), (V_STATUS, CLOSED)
    )

    ev = b.arrays()
    keep = ev["ts"] <= tl.export_ts
    ev = {k: v[keep] for k, v in ev.items()}
    order = np.lexsort((ev["seq"], ev["ts"], ev["ticket"]))
    ev = {k: v[order] for k, v in ev.items()}

    tk = ev["ticket"]
    last = np.r_[tk[1:] != tk[:-1], True]
    updated = np.zeros(n, dtype=np.int64)
    updated[tk[last]] = ev["ts"][last]
    is_status = (ev["field"] == F_STATUS) & (ev["value_kind"] == V_STATUS)
    st_tk = tk[is_status]
    st_val = ev["value"][is_status]
    st_last = np.r_[st_tk[1:] != st_tk[:-1], True]
    status = np.full(n, NEW, dtype=np.int64)
    status[st_tk[st_last]] = st_val[st_last]
    return EventLog(
        ticket=tk,
        ts=ev["ts"],
        author=ev["author"],
        via=ev["via"],
        etype=ev["etype"],
        public=ev["public"],
        field=ev["field"],
        prev_kind=ev["prev_kind"],
        prev=ev["prev"],
        value_kind=ev["value_kind"],
        value=ev["value"],
        status=status,
        updated=updated,
    )


def value_strings(kind: np.ndarray, value: np.ndarray) -> pa.Array:
    status = pick(TICKET_STATUSES, np.where(kind == V_STATUS, value, -1))
    number = pa.array(value, mask=kind != V_INT).cast(pa.string())
    return pc.coalesce(status, number)


def is_solved(status: np.ndarray) -> np.ndarray:
    return (status == SOLVED) | (status == CLOSED)
