"""Swedish and English labels for the scoring vocabulary (statuses, bands, profiles) and the key-result kinds.

Files and workbooks store the canonical keys; only these labels are shown. The texts live in the
translation catalogue under ``label.<key>`` and ``label.kind.<key>``; ``LABELS`` and ``KINDS`` are
the same texts as ``{key: {"sv": ..., "en": ...}}`` tables for the workbook's dropdowns.
"""

from __future__ import annotations

from .catalog import LANGS, N_, gettext

_LABEL_KEYS = (
    # statuses
    N_("label.on_track"), N_("label.at_risk"), N_("label.off_track"), N_("label.outdated"),
    N_("label.not_started"), N_("label.done"), N_("label.not_measurable"),
    # why a key result is not measurable (scoring.missing_numbers)
    N_("label.no_numbers"), N_("label.no_target"), N_("label.no_baseline"),
    # bands
    N_("label.red"), N_("label.yellow"), N_("label.green"),
    N_("label.fail"), N_("label.commit"), N_("label.target"), N_("label.stretch"),
    # profiles
    N_("label.google"), N_("label.percent"), N_("label.zones"),
    # confidence trend
    N_("label.up"), N_("label.down"), N_("label.flat"),
    # column headings that need a word of explanation
    N_("label.forecast"), N_("label.expected"), N_("label.needs_comment"), N_("label.sandbagging_hint"),
)  # fmt: skip

# Key-result kinds (also the workbook's "Kind" dropdown and the quality messages that name a kind).
_KIND_KEYS = (
    N_("label.kind.increase"), N_("label.kind.decrease"), N_("label.kind.at_least"), N_("label.kind.at_most"),
    N_("label.kind.milestone"),
)  # fmt: skip


def _table(msgids: tuple[str, ...], prefix: str) -> dict[str, dict[str, str]]:
    return {msgid.removeprefix(prefix): {lang: gettext(lang, msgid) for lang in LANGS} for msgid in msgids}


LABELS: dict[str, dict[str, str]] = _table(_LABEL_KEYS, "label.")
KINDS: dict[str, dict[str, str]] = _table(_KIND_KEYS, "label.kind.")


def kind_label(key: str | None, lang: str = "sv") -> str:
    """The label of a key-result kind in ``lang`` ("" for None; the key itself if unknown)."""
    if key is None:
        return ""
    entry = KINDS.get(str(key))
    return str(key) if entry is None else entry.get(lang, entry["en"])


def label(key: str | None, lang: str = "sv") -> str:
    """The label of a canonical key in ``lang`` (sv or en); the key itself if unknown."""
    if key is None:
        return ""
    entry = LABELS.get(str(key))
    return str(key) if entry is None else entry.get(lang, entry["en"])
