"""Swedish and English texts of the training exercises: flaw labels, feedback, formulas, debriefs."""

from __future__ import annotations

from ..i18n.catalog import LANGS, N_, gettext, table, translations
from ..i18n.formatting import format_number

# Short labels of the rules a trainee can mark (checkbox texts, table headers).
FLAW_LABELS: dict[str, dict[str, str]] = table((
    N_("training.flaw.objective-number"), N_("training.flaw.objective-metric"), N_("training.flaw.kr-activity"),
    N_("training.flaw.kr-no-baseline"), N_("training.flaw.kr-binary"), N_("training.flaw.kr-vague"),
    N_("training.flaw.kr-not-measurable"), N_("training.flaw.krs-count"), N_("training.flaw.kr-direction"),
    N_("training.flaw.kr-confidence-10"), N_("training.flaw.team-objective-count"),
    N_("training.flaw.objective-not-aligned"), N_("training.flaw.alignment-nonsense"),
    N_("training.flaw.rewrite-numbers"), N_("training.flaw.rewrite-sandbag"), N_("training.flaw.rewrite-topic"),
), "training.flaw.")  # fmt: skip

KIND: dict[str, dict[str, str]] = table((
    N_("training.kind.increase"), N_("training.kind.decrease"), N_("training.kind.at_least"),
    N_("training.kind.at_most"), N_("training.kind.milestone"),
), "training.kind.")  # fmt: skip

T: dict[str, dict[str, str]] = table((
    N_("training.spot.title"), N_("training.spot.correct"), N_("training.spot.missed"),
    N_("training.spot.false_alarm"), N_("training.spot.not_here"), N_("training.spot.summary"),
    N_("training.rewrite.title"), N_("training.rewrite.intro"),
    N_("training.rewrite.model"), N_("training.rewrite.numbers"),
    N_("training.rewrite.numbers_fix"), N_("training.rewrite.sandbag"), N_("training.rewrite.sandbag_fix"),
    N_("training.rewrite.topic"), N_("training.rewrite.topic_fix"), N_("training.rewrite.invalid"),
    N_("training.quarter.title"), N_("training.quarter.intro"), N_("training.quarter.ok"),
    N_("training.quarter.off"), N_("training.quarter.missing"), N_("training.quarter.pass_mark"),
    N_("training.quarter.passed"), N_("training.quarter.failed"), N_("training.quarter.empty"),
    N_("training.quarter.summary"), N_("training.quarter.clamp"), N_("training.quarter.increase"),
    N_("training.quarter.decrease"), N_("training.quarter.at_least"), N_("training.quarter.at_most"),
    N_("training.quarter.milestone"), N_("training.quarter.objective"), N_("training.quarter.grade"),
    N_("training.quarter.hint_percent"), N_("training.quarter.hint_range"), N_("training.quarter.follow_through"),
    N_("training.facilitate.title"), N_("training.facilitate.intro"), N_("training.facilitate.top"),
    N_("training.facilitate.lower"), N_("training.facilitate.absent"), N_("training.facilitate.order"),
    N_("training.facilitate.point"), N_("training.facilitate.why.team-objective-count"),
    N_("training.facilitate.why.kr-activity"), N_("training.facilitate.why.kr-binary"),
    N_("training.facilitate.why.alignment-nonsense"), N_("training.facilitate.why.objective-not-aligned"),
    N_("training.facilitate.why.kr-no-baseline"), N_("training.facilitate.why.objective-number"),
    N_("training.facilitate.why.kr-confidence-10"), N_("training.facilitate.summary"),
    N_("training.facilitate.pick_count"), N_("training.check"), N_("training.your_name"), N_("training.name_first"),
    N_("training.one_attempt"), N_("training.submit"), N_("training.reveal"), N_("training.answer_key"),
    N_("training.objective"), N_("training.key_result"), N_("training.kind"), N_("training.baseline"),
    N_("training.target"), N_("training.unit"), N_("training.confidence"), N_("training.check_ins"),
    N_("training.grade"), N_("training.trainee"), N_("training.source"),
), "training.")  # fmt: skip


def _plural(key: str, lang: str, n: object) -> str:
    return translations(lang).ngettext(f"training.{key}.one", f"training.{key}", n if isinstance(n, int) else 2)


# Texts whose singular or plural is picked by the count in one field (catalogue: training.<key>.one / training.<key>),
# and texts built from such parts ("{found}, {alarms}.").
_COUNTED = {"spot.intro": "n", "rewrite.remaining": "n", "rewrite.clean": "attempts", "spot.summary.found": "total",
            "spot.summary.alarms": "false"}  # fmt: skip
_PARTS = {"spot.summary": ("found", "alarms")}
T.update({key: {lang: _plural(key, lang, 2) for lang in LANGS} for key in _COUNTED if key.count(".") == 1})


def t(key: str, lang: str, **values: object) -> str:
    """The training text ``key`` in ``lang`` with ``values`` filled in (singular or plural by the count)."""
    lang = lang if lang in LANGS else "en"
    for part in _PARTS.get(key, ()) if values else ():
        values[part] = t(f"{key}.{part}", lang, **values)
    text = _plural(key, lang, values.get(_COUNTED[key])) if key in _COUNTED else gettext(lang, f"training.{key}")
    return text.format(**values) if values else text


def flaw_label(rule_id: str, lang: str) -> str:
    """A short label of a rule for checkboxes and tables (the rule id if there is none)."""
    entry = FLAW_LABELS.get(rule_id)
    return entry.get(lang, entry["en"]) if entry else rule_id


def number(value: float | None, lang: str) -> str:
    """A number as people write it: up to four decimals, no trailing zeros; "12 500,5" in Swedish."""
    if value is None:
        return "–"
    return format_number(round(value, 4), lang, digits=None if value != int(value) else 0)
