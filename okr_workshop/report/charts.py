"""Charts for the report: matplotlib figures rendered headless to SVG text.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot, no global
backend), so they render the same in a kernel, a CLI process or CI. Text is
written as SVG ``<text>`` (escaped by matplotlib), in the workshop language.
Every figure is built and saved inside ``rc_context(_RC)``, whose
``text.parse_math: False`` makes titles, labels, legends and tick labels plain
text: dollar signs stay as typed and never reach the mathtext parser.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from ..i18n.catalog import LANGS, N_, gettext
from ..i18n.formatting import format_number
from ..scoring.profiles import COLOURS, get_profile
from .narrative import format_grade

# The charts' words, in the catalogue as chart.<key> (``_T`` is the same as a sv/en table).
_KEYS = (
    N_("chart.grade"), N_("chart.progress"), N_("chart.expected"), N_("chart.confidence"), N_("chart.findings"),
    N_("chart.no_data"), N_("chart.error"), N_("chart.warning"), N_("chart.info"),
)  # fmt: skip
_T = {msgid.removeprefix("chart."): {lang: gettext(lang, msgid) for lang in LANGS} for msgid in _KEYS}
SEVERITY_COLOURS = {"error": "#d9534f", "warning": "#f0ad4e", "info": "#5bc0de"}
LINE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
_RC = {
    "svg.fonttype": "none",  # real <text>: small, selectable, escaped by matplotlib
    "svg.hashsalt": "okr-workshop",  # stable ids, so the same data gives the same file
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,  # participant text is shown as typed: "$1M till $2M" is not mathtext
}


def _t(key: str, lang: str) -> str:
    return _T[key].get(lang, _T[key]["en"])


def shorten(text: str, limit: int = 48) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int = 52, lines: int = 2) -> str:
    """Up to ``lines`` lines of at most ``width`` characters, broken at words; an ellipsis only beyond that."""
    import textwrap

    text = " ".join(str(text).split())
    out = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[: lines - 1] + [shorten(" ".join(out[lines - 1 :]), width)]
    return "\n".join(out)


LEGEND_SIZE = 9  # points, as the tick labels: readable when the chart is scaled to the printed column
_DPI = 96
WIDTH = 8.6  # inches: the width of the report column
_CHAR_PX = 6.0  # average width of a 9 pt character, for margins without a layout engine (twice as fast)


def _figure(width: float, height: float, left_chars: int = 6, bottom_px: float = 42, top_px: float = 10):
    """A figure with margins computed from the longest tick label, in inches and pixels."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=_DPI)
    w_px, h_px = width * _DPI, height * _DPI
    left = min(0.6, (left_chars * _CHAR_PX + 46) / w_px)
    fig.subplots_adjust(left=left, right=1 - 12 / w_px, bottom=min(0.8, bottom_px / h_px), top=1 - top_px / h_px)
    return fig


def _legend_px(labels: Sequence[str]) -> float:
    """Room in pixels under the axes for a two-column legend of ``labels`` (each one or more lines)."""
    heights = [label.count("\n") + 1 for label in labels]
    half = (len(heights) + 1) // 2  # matplotlib fills the first column first: row k holds entries k and k + half
    rows = [max(heights[k], heights[k + half] if k + half < len(heights) else 0) for k in range(half)]
    return 40 + 14 * sum(rows) + 4 * len(rows)


def _svg(fig) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def _decimals(axis, lang: str) -> None:
    """Tick labels with a decimal comma in Swedish ("0,2"), like every other number in the report."""
    if lang == "sv":
        from matplotlib.ticker import FuncFormatter

        axis.set_major_formatter(FuncFormatter(lambda x, _pos: format_number(x, lang, digits=1)))


def _empty(ax, lang: str) -> None:
    ax.text(0.5, 0.5, _t("no_data", lang), ha="center", va="center", transform=ax.transAxes, color="#777")
    ax.set_xticks([])
    ax.set_yticks([])


def grade_bars(rows: Sequence[tuple[str, float | None, str | None]], lang: str = "sv", profile: str = "google") -> str:
    """Horizontal bars of grades 0–1; rows are (label, grade, colour key): a band, or a pace before the period ends."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        labels = [wrap(r[0], 44) for r in rows][::-1]
        widest = max((len(line) for x in labels for line in x.split("\n")), default=4)
        fig = _figure(WIDTH, 0.6 + 0.36 * max(1, len(rows)), left_chars=widest)
        ax = fig.add_subplot()
        if not rows:
            _empty(ax, lang)
            return _svg(fig)
        grades = [r[1] or 0.0 for r in rows][::-1]
        colours = [COLOURS.get(r[2] or "", "#9e9e9e") for r in rows][::-1]
        ax.barh(range(len(rows)), grades, color=colours, height=0.6)
        ax.set_yticks(range(len(rows)), labels)
        ax.set_xlim(0, 1.0)
        for lower, _key in get_profile(profile).bands[1:]:
            ax.axvline(lower, color="#bbb", linewidth=0.8, linestyle=":")
        for y, (g, r) in enumerate(zip(grades, rows[::-1])):
            ax.text(min(g, 0.9) + 0.01, y, format_grade(r[1], lang, profile), va="center", fontsize=8)
        ax.set_xlabel(_t("grade", lang))
        _decimals(ax.xaxis, lang)
        return _svg(fig)


def progress_lines(
    series: Sequence[tuple[str, Sequence[tuple[dt.date, float]]]],
    start: dt.date,
    end: dt.date,
    lang: str = "sv",
) -> str:
    """Progress (0 = baseline, 1 = target) over the period, one line per key result; SVG text.

    ``series`` holds (label, [(date, progress)]); a dashed line shows the even
    pace from the period start to its end.
    """
    import matplotlib

    with matplotlib.rc_context(_RC):
        drawn = [(wrap(name), pts) for name, pts in series if pts]
        room = _legend_px([_t("expected", lang)] + [name for name, _ in drawn])
        fig = _figure(WIDTH, 2.4 + room / _DPI, left_chars=4, bottom_px=room + 8)
        ax = fig.add_subplot()
        if not drawn:
            _empty(ax, lang)
            return _svg(fig)
        ax.plot([start, end], [0, 1], color="#999", linestyle="--", linewidth=1, label=_t("expected", lang))
        for i, (name, pts) in enumerate(drawn):
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            ax.plot(xs, ys, marker="o", markersize=3, linewidth=1.4, color=LINE_COLOURS[i % 9], label=name)
        ax.set_xlim(start, end)
        low = min(0.0, *(y for _, pts in drawn for _, y in pts))
        high = max(1.05, *(y for _, pts in drawn for _, y in pts))
        ax.set_ylim(low - 0.02, high + 0.02)
        ax.set_ylabel(_t("progress", lang))
        _decimals(ax.yaxis, lang)
        _date_axis(ax)
        fig.legend(loc="lower center", ncols=2, fontsize=LEGEND_SIZE, frameon=False)
        return _svg(fig)


def confidence_lines(
    series: Sequence[tuple[str, Sequence[tuple[dt.date, float]]]],
    start: dt.date,
    end: dt.date,
    lang: str = "sv",
) -> str:
    """Confidence 1–10 over the period, one line per objective (mean of its key results); SVG text."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        drawn = [(wrap(name), pts) for name, pts in series if pts]
        room = _legend_px([name for name, _ in drawn])
        fig = _figure(WIDTH, 2.0 + room / _DPI, left_chars=3, bottom_px=room + 8)
        ax = fig.add_subplot()
        if not drawn:
            _empty(ax, lang)
            return _svg(fig)
        ax.axhspan(4.5, 6.5, color="#eef5ee", zorder=0)  # about 5/10 is a healthy stretch
        for i, (name, pts) in enumerate(drawn):
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3, linewidth=1.4,
                    color=LINE_COLOURS[i % 9], label=name)  # fmt: skip
        ax.set_xlim(start, end)
        ax.set_ylim(0.5, 10.5)
        ax.set_yticks([1, 3, 5, 7, 10])
        ax.set_ylabel(_t("confidence", lang))
        _date_axis(ax)
        fig.legend(loc="lower center", ncols=2, fontsize=LEGEND_SIZE, frameon=False)
        return _svg(fig)


def findings_bars(rows: Sequence[tuple[str, int, str]], lang: str = "sv") -> str:
    """Horizontal bars: number of findings per rule, coloured by severity; rows are (rule, count, severity)."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = _figure(WIDTH, 0.6 + 0.26 * max(2, len(rows)), left_chars=max((len(r[0]) for r in rows), default=4))
        ax = fig.add_subplot()
        if not rows:
            _empty(ax, lang)
            return _svg(fig)
        rows = list(rows)[::-1]
        ax.barh(range(len(rows)), [r[1] for r in rows], color=[SEVERITY_COLOURS.get(r[2], "#999") for r in rows],
                height=0.6)  # fmt: skip
        ax.set_yticks(range(len(rows)), [shorten(r[0], 40) for r in rows])
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(_t("findings", lang))
        from matplotlib.patches import Patch

        present = [s for s in SEVERITY_COLOURS if any(r[2] == s for r in rows)]
        fig.subplots_adjust(right=0.86)  # room for the legend beside the bars
        ax.legend(handles=[Patch(color=SEVERITY_COLOURS[s], label=_t(s, lang)) for s in present], fontsize=LEGEND_SIZE,
                  frameon=False, loc="center left", bbox_to_anchor=(1.01, 0.5))  # fmt: skip
        return _svg(fig)


def _date_axis(ax) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.grid(axis="y", color="#eee")
