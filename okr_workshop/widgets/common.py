"""Small helpers shared by the widgets: labelled inputs, buttons, the language switch, guards."""

from __future__ import annotations

import html

import ipywidgets as w

from ..i18n.texts import ngettext, t

FORM_WIDTH = "900px"  # fits JupyterLab's default notebook column and Voilà's page
DESCRIPTION_WIDTH = "110px"
NO_SHRINK = "0 0 auto"  # a flex item as wide as its content, never squeezed
# Inputs fill their cell exactly: ipywidgets' default 2px side margins on a width:100% input pushed
# its right border out of the cell, where the cell's overflow cut it off.
INPUT_MARGIN = "2px 0"


_SHARED: dict[tuple, w.Widget] = {}


def shared(kind: type, **traits) -> w.Widget:
    """One style or layout model for every widget with these settings (the widgets never change it).

    A team's form of 4 objectives x 5 key results had ~1950 widget models, a third of them
    identical styles and layouts; each model costs a message through the kernel, Voilà's server
    and the browser, which is what queued ten pages opened at once. Never assign to a shared
    model's traits: give that widget a ``w.Layout(...)`` of its own instead.
    """
    key = (kind, tuple(sorted(traits.items())))
    widget = _SHARED.get(key)
    if widget is None or widget.comm is None:  # closed (a test closing everything)
        widget = _SHARED[key] = kind(**traits)
    return widget


def plain_number(value: float) -> str:
    """A number as a participant types it: no exponent, no trailing zeros (1000000, 0.25, -3.5)."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def text_input(lang: str, key: str, value: str = "", *, css: str = "", area: int = 0, width: str = "100%"):
    """A Text (or a Textarea of ``area`` lines) with a visible, associated label; fires on every keystroke."""
    cls = w.Textarea if area else w.Text
    extra = {"rows": area} if area else {}
    widget = cls(
        value=value,
        description=t(key, lang),
        description_allow_html=False,
        placeholder=t(f"{key}.placeholder", lang) if t(f"{key}.placeholder", lang) != f"{key}.placeholder" else "",
        continuous_update=True,
        style=shared(w.widgets.widget_string.TextStyle, description_width=DESCRIPTION_WIDTH),
        layout=shared(w.Layout, width=width, margin=INPUT_MARGIN, min_width="0"),
        **extra,
    )
    if css:
        widget.add_class(css)
    return widget


def dropdown(lang: str, key: str, options: list[tuple[str, object]], value: object, *, css: str = "", width="100%"):
    """A Dropdown with a visible, associated label."""
    widget = w.Dropdown(
        options=options,
        value=value,
        description=t(key, lang),
        description_allow_html=False,
        style=shared(w.widgets.widget_description.DescriptionStyle, description_width=DESCRIPTION_WIDTH),
        layout=shared(w.Layout, width=width, margin=INPUT_MARGIN, min_width="0"),
    )
    if css:
        widget.add_class(css)
    return widget


def button(
    lang: str, key: str, *, css: str = "", style: str = "", icon: str = "", margin: str | None = None, own: bool = False
) -> w.Button:
    """A Button whose visible text and tooltip come from the locale (its accessible name is the text).

    margin: the button's CSS margin; own: give it a layout of its own (for one whose
    ``layout.display`` is switched); otherwise the layout is shared. A button never shrinks below
    its text (on a phone a row of them wraps instead of reading "U…", "Ta b…").
    """
    extra = {"margin": margin, "flex": NO_SHRINK} if margin else {"flex": NO_SHRINK}
    tip = t(f"{key}.tooltip", lang)
    widget = w.Button(
        description=t(key, lang),
        tooltip=tip if tip != f"{key}.tooltip" else t(key, lang),
        button_style=style,
        icon=icon,
        style=shared(w.ButtonStyle),
        layout=w.Layout(width="auto", **extra) if own else shared(w.Layout, width="auto", **extra),
    )
    if css:
        widget.add_class(css)
    return widget


def lang_switch(lang: str) -> w.ToggleButtons:
    """The sv/en switch every widget carries."""
    widget = w.ToggleButtons(
        options=[("Svenska", "sv"), ("English", "en")],
        value=lang,
        description=t("common.language", lang),
        description_allow_html=False,
        tooltips=["Visa på svenska", "Show in English"],
        style={"button_width": "auto", "description_width": "auto"},
    )
    widget.add_class("okr-lang")
    return widget


def html_widget(value: str = "", *, css: str = "", **layout: str) -> w.HTML:
    """An HTML widget with shared style and layout models (``layout``: its CSS, e.g. ``width="auto"``).

    Only for widgets whose layout is never changed afterwards; the value must be escaped HTML.
    """
    widget = w.HTML(value, style=shared(w.widgets.widget_string.HTMLStyle), layout=shared(w.Layout, **layout))
    if css:
        widget.add_class(css)
    return widget


def counted(key: str, n: int, lang: str) -> str:
    """``n`` things in words, by the language's plural rule (``key.one`` / ``key``): "1 warning", "3 varningar"."""
    return ngettext(lang, f"{key}.one", key, n)


def heading(text: str, level: int = 3, css: str = "") -> w.HTML:
    """An escaped heading."""
    widget = w.HTML(f"<h{level} style='margin:4px 0'>{html.escape(text)}</h{level}>")
    if css:
        widget.add_class(css)
    return widget


class Guard:
    """``with guard:`` marks programmatic updates so handlers can ignore the events they cause."""

    __slots__ = ("depth",)

    def __init__(self) -> None:
        self.depth = 0

    def __bool__(self) -> bool:
        return self.depth > 0

    def __enter__(self) -> Guard:
        self.depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self.depth -= 1


def refusal(err: Exception, lang: str) -> str:
    """A refused save told in ``lang``, on one line: a coded error from the catalogue; an error without a
    code in English only on an English page (a Swedish page says it could not save, never half and half)."""
    from ..errors import one_line

    if getattr(err, "code", None) is not None or lang == "en":
        return one_line(err.render(lang) if hasattr(err, "render") else err)
    return t("day.refused", lang)


def set_value(widget, value) -> None:
    """Assign only when different (no needless comm messages or events)."""
    if widget.value != value:
        widget.value = value


def close_tree(widget) -> None:
    """Close a widget and everything below it (``Widget.close_all`` would close every widget)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()
