"""Charts as SVG strings for inlining into the report's HTML (vector, no files).

matplotlib's SVG backend is used through a bare `Figure` (no pyplot, no global backend or
state), inside an `rc_context` so settings never leak into other code. Output is
deterministic: a fixed `svg.hashsalt` for element ids and no date in the metadata. Text
stays text (`svg.fonttype: none`) in DejaVu Sans, which the report's CSS loads from
report_templates/fonts, so the PDF uses one font and chart labels stay searchable.

Palette (Okabe-Ito based): a dark blue line, its light tint as the margin-of-error band
and a dashed vermillion target. Line, band and target differ in lightness and in dash
pattern, so they stay apart in greyscale and for colour-blind readers.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from cx_pipeline.report import formatting as fmt

LINE = "#0b4f8a"  # dark blue: near-black in greyscale
BAND = "#9ecae9"  # the same hue, light: pale grey in greyscale
TARGET = "#d55e00"  # Okabe-Ito vermillion, dashed
GRID = "#d9d9d9"
TEXT = "#333333"

_RC = {
    "svg.hashsalt": "cx-report",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": "#8c8c8c",
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "text.color": TEXT,
}


# The range a metric of each unit can take: the margin-of-error band and the axis stop
# there (a small-sample NPS of 90 ± 40 does not reach 130).
_BOUNDS = {"points": (-100.0, 100.0), "percent": (0.0, 100.0)}


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _axis_text(value: float, unit: str, language: str) -> str:
    """Tick labels: whole numbers, locale digits, the unit only where it is a symbol."""
    if unit == "percent":
        return fmt.format_percent(value, language, 0)
    if unit == "eur":
        return fmt.format_eur(value, language, 0)
    return fmt.format_number(value, language, 0)


def _plain_axes(ax: Any, *, grid_axis: str) -> None:
    """Light grid lines behind the data, no top or right frame, no tick marks."""
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(length=0, pad=4)


def _svg(fig: Figure) -> str:
    """The figure as an `<svg>` element without XML prolog; no date, so runs match."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def trend_chart_svg(
    trend: Mapping[str, Any],
    labels: Mapping[str, str],
    language: str,
    *,
    width_in: float = 6.7,
    height_in: float = 2.4,
    legend: bool = True,
) -> str:
    """A trend line (12 months or weeks) with its 95 % margin-of-error band and target.

    `trend` is one item of the context's "trends" (metric label, unit, target and 12
    points); `labels` the i18n "trend" section (legend texts). Small-sample months are
    drawn as hollow markers. Returns an `<svg>` element without XML prolog.
    """
    points = trend["points"]
    # Tick labels thin out on a narrow chart: every other period, and always the last.
    tick_step = 1 if width_in >= 5 else 2
    unit = trend["unit"]
    x = list(range(len(points)))
    values = [_nan(p["value"]) for p in points]
    margins = [_nan(p["margin_of_error"]) for p in points]
    low_bound, high_bound = _BOUNDS.get(unit, (-math.inf, math.inf))
    lower = [max(v - m, low_bound) for v, m in zip(values, margins, strict=True)]
    upper = [min(v + m, high_bound) for v, m in zip(values, margins, strict=True)]

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width_in, height_in))
        # Margins in inches, so tick labels fit on a small chart too; the legend needs room
        # below the month labels.
        left, right = 0.48 / width_in, 0.3 / width_in
        above, below = 0.12 / height_in, (0.48 if legend else 0.3) / height_in
        ax = fig.add_axes((left, below, 1 - left - right, 1 - below - above))
        if any(not math.isnan(v) for v in lower):
            ax.fill_between(
                x, lower, upper, color=BAND, alpha=0.6, linewidth=0, label=labels["margin_band"]
            )
        ax.plot(x, values, color=LINE, linewidth=1.8, zorder=3)
        solid = [
            v if not p["is_low_sample"] else math.nan for v, p in zip(values, points, strict=True)
        ]
        hollow = [
            v if p["is_low_sample"] else math.nan for v, p in zip(values, points, strict=True)
        ]
        ax.plot(x, solid, "o", color=LINE, markersize=4, zorder=4, label=labels["value"])
        if any(not math.isnan(v) for v in hollow):
            ax.plot(
                x,
                hollow,
                "o",
                markerfacecolor="white",
                markeredgecolor=LINE,
                markersize=4,
                zorder=4,
                label=labels["low_sample"],
            )
        if trend["target"] is not None:
            ax.axhline(
                trend["target"],
                color=TARGET,
                linewidth=1.2,
                linestyle=(0, (5, 3)),
                zorder=2,
                label=f"{labels['target']} {_axis_text(trend['target'], unit, language)}",
            )

        last = next((i for i in reversed(x) if not math.isnan(values[i])), None)
        if last is not None:
            ax.annotate(
                fmt.format_metric(values[last], unit, language),
                (last, values[last]),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                fontweight="bold",
                color=LINE,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
            )

        ticks = [i for i in x if (len(x) - 1 - i) % tick_step == 0]
        ax.set_xticks(ticks)
        ax.set_xticklabels(
            [
                points[i]["abbr"]
                if points[i]["year"] is None
                else f"{points[i]['abbr']}\n{points[i]['year']}"
                for i in ticks
            ]
        )
        ax.set_xlim(-0.5, len(points) - 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _axis_text(v, unit, language)))
        ax.margins(y=0.15)
        # Room for markers at a bound, but no tick past it (no "120" on an NPS axis).
        bottom, top = ax.get_ylim()
        pad = 0.06 * (top - bottom)
        ax.set_ylim(max(bottom, low_bound - pad), min(top, high_bound + pad))
        bottom, top = ax.get_ylim()
        ax.set_yticks(
            [t for t in ax.get_yticks() if bottom <= t <= top and low_bound <= t <= high_bound]
        )
        _plain_axes(ax, grid_axis="y")
        if legend:
            ax.legend(
                loc="upper center",
                bbox_to_anchor=(0.5, -0.16),
                ncols=4,
                frameon=False,
                fontsize=7.5,
                handlelength=2.2,
            )

        return _svg(fig)


# Journey stages in the contact-reason chart: Okabe-Ito hues of different lightness, and a
# hatch on the two of similar lightness, so the stacks part in greyscale too.
STAGE_STYLE = {
    "perception": {"color": "#56b4e9", "hatch": ""},
    "purchase": {"color": "#e69f00", "hatch": "///"},
    "usage": {"color": "#0072b2", "hatch": ""},
    "unknown": {"color": "#bbbbbb", "hatch": "..."},
}


def contact_reasons_chart_svg(
    stacks: list[Mapping[str, Any]],
    reason_labels: Mapping[str, str],
    stage_labels: Mapping[str, str],
    language: str,
    *,
    width_in: float = 6.7,
) -> str:
    """Horizontal bars, one per contact reason (largest on top), stacked by journey stage.
    `stacks` is service_section.contact_reason_stacks()."""
    height_in = 0.95 + 0.22 * max(len(stacks), 1)  # 0.95 in for the axis and legend
    reasons = list(reversed(stacks))
    y = list(range(len(reasons)))
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width_in, height_in))
        ax = fig.add_axes((0.3, 0.75 / height_in, 0.66, 1 - 0.95 / height_in))
        left = [0.0] * len(reasons)
        for stage, style in STAGE_STYLE.items():
            widths = [r["by_stage"].get(stage, 0.0) for r in reasons]
            if not any(widths):
                continue
            ax.barh(
                y,
                widths,
                left=left,
                color=style["color"],
                hatch=style["hatch"],
                edgecolor="white",
                linewidth=0.6,
                height=0.7,
                label=stage_labels.get(stage, stage),
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for i, total in enumerate(left):
            ax.text(
                total, i, " " + fmt.format_number(total, language, 0), va="center", fontsize=7.5
            )
        ax.set_yticks(y)
        ax.set_yticklabels([reason_labels.get(r["reason"], r["reason"]) for r in reasons])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.format_number(v, language, 0)))
        ax.margins(x=0.08)
        _plain_axes(ax, grid_axis="x")
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.35, -0.45 / height_in * 2),
            ncols=4,
            frameon=False,
            fontsize=7.5,
        )
        return _svg(fig)


def sparkline_svg(
    values: list[float | None],
    *,
    low_sample: list[bool] | None = None,
    width_in: float = 1.9,
    height_in: float = 0.42,
) -> str:
    """A KPI tile's sparkline: the periods' values as a bare line, the last one marked.
    No axes or labels; the tile shows the figures. A small-sample period is a hollow dot."""
    x = list(range(len(values)))
    y = [_nan(v) for v in values]
    flags = low_sample or [False] * len(values)
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width_in, height_in))
        ax = fig.add_axes((0.03, 0.12, 0.94, 0.76))
        ax.plot(x, y, color=LINE, linewidth=1.2)
        hollow = [v if flag else math.nan for v, flag in zip(y, flags, strict=True)]
        if any(not math.isnan(v) for v in hollow):
            ax.plot(x, hollow, "o", markersize=2.5, markerfacecolor="white", color=LINE)
        last = next((i for i in reversed(x) if not math.isnan(y[i])), None)
        if last is not None:
            ax.plot([last], [y[last]], "o", markersize=3.2, color=LINE)
        ax.set_xlim(-0.5, len(values) - 0.5)
        ax.margins(y=0.2)
        ax.set_axis_off()
        fig.patch.set_visible(False)  # the tile's background shows through
        return _svg(fig)


def report_charts(context: Mapping[str, Any]) -> dict[str, str]:
    """Every chart of the report as SVG, by the name the templates use: a trend chart per
    trend (`trend_<metric>`), a sparkline per KPI tile (`spark_<metric>`) and the contact
    reasons (`contact_reasons`)."""
    labels, language = context["t"], context["language"]
    trend_labels = {**labels["trend"], "value": context["g"]["trend_value"]}
    charts = {}
    for trend in context["trends"]:
        charts[f"trend_{trend['metric_name']}"] = trend_chart_svg(trend, trend_labels, language)
    for stage in context["stages"]:
        for trend in stage["trends"]:  # two to a row
            charts[f"trend_{trend['metric_name']}"] = trend_chart_svg(
                trend, trend_labels, language, width_in=3.3, height_in=1.55, legend=False
            )
    for row in context["kpis"]:
        charts[f"spark_{row['metric_name']}"] = sparkline_svg(
            [p["value"] for p in row["sparkline"]],
            low_sample=[p["is_low_sample"] for p in row["sparkline"]],
        )
    if context["service"]["contact_reasons"]:
        charts["contact_reasons"] = contact_reasons_chart_svg(
            context["service"]["contact_reasons"],
            labels["contact_reasons"],
            labels["journey_stages"],
            language,
        )
    return charts
