"""Errors in the reader's language: an error's code and parameters rendered through the catalogue.

The model raises ``ValidationError(where, message, code=..., params=...)``; ``message`` is the
English text of ``error.<code>``. Whoever shows the error (the workbook reader, the command line)
renders it again in the workshop's language, from the same code and parameters, instead of
translating the English text back.
"""

from __future__ import annotations

from .catalog import N_, gettext, translations

# A list of choices (``choices``: canonical keys) is shown with the labels of its vocabulary.
_CHOICE_LABELS = {"kind": "label.kind.", "type": "label.type.", "indicator": "label.indicator."}
_CHOICE_KEYS = (  # looked up by a computed name in ``render``: marked here for the catalogue
    N_("label.type.committed"), N_("label.type.aspirational"),
    N_("label.indicator.leading"), N_("label.indicator.lagging"),
)  # fmt: skip


def render(code: str, params: dict[str, object], lang: str) -> str:
    """The text of ``error.<code>`` in ``lang``, ``params`` filled in (choices as the vocabulary's labels)."""
    fields = dict(params)
    choices = fields.pop("choices", None)
    prefix = _CHOICE_LABELS.get(str(fields.pop("vocabulary", "")))
    if choices is not None:
        fields["choices"] = ", ".join(gettext(lang, prefix + c) if prefix else str(c) for c in choices)
    if lang == "sv" and isinstance(fields.get("decimal"), str):  # "12.0" read as a decimal is "12,0" in Swedish
        fields["decimal"] = fields["decimal"].replace(".", ",")
    n = fields.get("n")
    if isinstance(n, int):  # a plural entry (msgid "error.<code>.one", plural "error.<code>") when there is one
        one, many = f"error.{code}.one", f"error.{code}"
        text = translations(lang).ngettext(one, many, n)
        if text not in (one, many):
            return text.format(**fields)
    return gettext(lang, f"error.{code}", **fields)


def english(code: str, params: dict[str, object]) -> str:
    """The English message of ``error.<code>``: choices as their canonical keys, as files store them."""
    return render(code, {k: v for k, v in params.items() if k != "vocabulary"}, "en")


def field_name(where: str, lang: str) -> str:
    """A model field's name (``ValidationError.where``) in ``lang``; a name the catalogue lacks stays as it is.

    Only the last part of a path is a field ("teams[0], key result target"): the path stays.
    """
    head, sep, last = where.rpartition(", ")
    msgid = "error.field." + last.replace(" ", "_").replace("-", "_")
    text = gettext(lang, msgid)
    return where if text == msgid else head + sep + text
