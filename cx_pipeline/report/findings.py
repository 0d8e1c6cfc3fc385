"""The executive summary's findings: a few plain-language sentences picked from the data.

Pure: headline KPI rows (as the context builds them), the period's top demand and the open
negative feedback in; sentences out, worded by the language's `findings` templates. The
rule, in order, at most MAX_FINDINGS sentences:

1. negative feedback still waiting for a follow-up past its 48 h (the seeds: act at once);
2. missed targets, the largest shortfall relative to the target first (at most two);
3. where demand piles up: the contact reason and journey stage with most contacts;
4. reliable month-over-month moves, the largest relative change first (at most two, as room
   allows): significant ones where the metric has a margin of error, any reliable change
   otherwise; a metric already named for its target is not named again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cx_pipeline.report.formatting import format_count

MAX_FINDINGS = 5
MAX_TARGET_FINDINGS = 2
MAX_MOVE_FINDINGS = 2


@dataclass(frozen=True)
class Demand:
    """The period's largest contact-reason x journey-stage cell."""

    stage: str
    reason: str
    contacts: int
    share_text: str  # already formatted, e.g. "40 %"


@dataclass(frozen=True)
class OpenFeedback:
    """Negative answers without a follow-up at the data horizon."""

    open_count: int
    overdue_count: int  # of them, waiting longer than 48 h


def _relative(gap: float, base: float | None) -> float:
    return abs(gap) / abs(base) if base else abs(gap)


def missed_targets(kpis: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Reliable KPIs that missed their target, the largest relative shortfall first."""
    missed = [k for k in kpis if k.get("target_status") == "missed"]
    return sorted(
        missed,
        key=lambda k: (-_relative(k["value"] - k["target"], k["target"]), k["metric_name"]),
    )


def notable_moves(kpis: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Assessed changes (good or bad; small samples and immature values are not assessed)
    that are significant, or carry no margin to judge by; the largest relative change first."""
    moves = [
        k
        for k in kpis
        if k.get("change_assessment") in ("good", "bad") and k.get("is_significant") is not False
    ]
    return sorted(
        moves,
        key=lambda k: (-_relative(k["change"], k.get("previous_value")), k["metric_name"]),
    )


def build_findings(
    kpis: Sequence[Mapping[str, Any]],
    *,
    demand: Demand | None,
    open_feedback: OpenFeedback | None,
    labels: Mapping[str, Any],
    language: str,
) -> list[str]:
    """Up to MAX_FINDINGS sentences; `labels` is the language's i18n mapping, counts are
    written the language's way (151 673 / 151,673)."""
    texts = labels["findings"]
    findings: list[str] = []
    if open_feedback is not None and open_feedback.overdue_count > 0:
        findings.append(
            texts["open_feedback"].format(
                open=format_count(open_feedback.open_count, language),
                overdue=format_count(open_feedback.overdue_count, language),
            )
        )
    named: set[str] = set()
    for kpi in missed_targets(kpis)[:MAX_TARGET_FINDINGS]:
        named.add(kpi["metric_name"])
        findings.append(
            texts["missed_target"].format(
                metric=kpi["label"], value=kpi["value_text"], target=kpi["target_text"]
            )
        )
    if demand is not None and demand.contacts > 0:
        findings.append(
            texts["demand"].format(
                reason=labels["contact_reasons"].get(demand.reason, demand.reason),
                stage=labels["journey_stages"].get(demand.stage, demand.stage),
                share=demand.share_text,
                contacts=format_count(demand.contacts, language),
            )
        )
    moves = [k for k in notable_moves(kpis) if k["metric_name"] not in named]
    for kpi in moves[:MAX_MOVE_FINDINGS]:
        template = texts["improved" if kpi["change_assessment"] == "good" else "worsened"]
        findings.append(
            template.format(
                metric=kpi["label"],
                value=kpi["value_text"],
                previous=kpi["previous_text"],
                change=kpi["change_text"],
            )
        )
    if not findings:
        findings.append(texts["none"])
    return findings[:MAX_FINDINGS]
