"""The translation catalogue: complete .po files, compiled .mo files that match them, the lookup API,
Babel's number and date formats, and one term per concept on the Swedish surfaces."""

from __future__ import annotations

import datetime
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from okr_workshop.errors import ValidationError
from okr_workshop.i18n import LANGS, check_lang, gettext, ngettext, t
from okr_workshop.i18n.formatting import format_date, format_number, format_percent

ROOT = Path(__file__).parent.parent
LOCALE = ROOT / "okr_workshop" / "i18n" / "locale"


def _po(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "okr_workshop.po").open("rb") as f:
        return read_po(f, locale=lang)


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def _key(msgid) -> tuple:
    return tuple(msgid) if isinstance(msgid, (tuple, list)) else (msgid,)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete(lang):
    catalogue = _po(lang)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 100
    untranslated = [m.id for m in messages if not all(s.strip() for s in _strings(m))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [], f"{lang}: untranslated entries (fill in the msgstr, then make i18n)"
    assert fuzzy == [], f"{lang}: fuzzy entries (check the translation, remove the fuzzy flag)"
    assert not catalogue.obsolete, f"{lang}: obsolete entries (#~): delete them"
    assert "nplurals=2; plural=(n != 1);" in catalogue.plural_forms


def test_both_languages_have_the_same_keys_and_the_same_placeholders():
    sv, en = ({m.id: m for m in _po(lang) if m.id} for lang in ("sv", "en"))
    assert set(sv) == set(en)
    differ = {
        key
        for key in sv
        if set().union(*map(_fields, _strings(sv[key]))) != set().union(*map(_fields, _strings(en[key])))
    }
    assert differ == set()


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_mo_is_compiled_from_the_po(lang):
    """The .mo files ship with the package: after editing a .po, run `make i18n`."""
    with (LOCALE / lang / "LC_MESSAGES" / "okr_workshop.mo").open("rb") as f:
        compiled = {_key(m.id): tuple(_strings(m)) for m in read_mo(f) if m.id}
    source = {_key(m.id): tuple(_strings(m)) for m in _po(lang) if m.id}
    assert compiled == source, "the .mo is stale: run make i18n"


def test_every_key_in_the_code_is_in_the_catalogue():
    """The extraction `make i18n` runs finds no key that the English catalogue lacks."""
    sys.path.insert(0, str(ROOT))
    try:
        from tools.i18n_extract import template
    finally:
        sys.path.remove(str(ROOT))
    english = {m.id for m in _po("en") if m.id}
    found = {m.id for m in template() if m.id}
    assert found - english == set()
    assert len(found) > 100


def test_lookup_by_key_with_fields_and_plurals():
    assert t("checkin.title", "sv", team="Marknad") == "Uppföljning: Marknad"
    assert gettext("en", "checkin.title", team="Sales") == "Check-in: Sales"
    assert ngettext("sv", "board.objectives.one", "board.objectives", 1) == "1 mål"
    assert ngettext("sv", "board.count.warning.one", "board.count.warning", 3) == "3 varningar"
    assert ngettext("en", "board.count.warning.one", "board.count.warning", 1) == "1 warning"
    assert ngettext("en", "board.count.warning.one", "board.count.warning", 0) == "0 warnings"
    assert t("no.such.key", "en") == "no.such.key"
    with pytest.raises(ValidationError, match="sv or en"):
        t("common.save", "de")
    assert check_lang(None) == "sv"


@pytest.mark.parametrize(
    "call,sv,en",
    [
        (lambda lang: format_number(12500, lang), "12\u00a0500", "12,500"),
        (lambda lang: format_number(0.65, lang, digits=2), "0,65", "0.65"),
        (lambda lang: format_number(-3, lang), "\u22123", "-3"),
        (lambda lang: format_number(0.5999999999999943, lang, digits=2), "0,60", "0.60"),
        (lambda lang: format_number(1.5, lang), "1,5", "1.5"),
        (lambda lang: format_number(2026, lang, grouping=False), "2026", "2026"),
        (lambda lang: format_number(1e28, lang, digits=2)[-6:], "000,00", "000.00"),
        (lambda lang: format_number(float("-inf"), lang), "\u2212∞", "-∞"),
        (lambda lang: format_percent(0.65, lang), "65\u00a0%", "65%"),
        (lambda lang: format_percent(-0.125, lang, digits=1), "\u221212,5\u00a0%", "-12.5%"),
        (lambda lang: format_date(datetime.date(2027, 2, 15), lang, "long"), "15 februari 2027", "15 February 2027"),
    ],
)
def test_numbers_percentages_and_dates_through_babel(call, sv, en):
    assert (call("sv"), call("en")) == (sv, en)


def test_a_lookup_does_not_import_babel_and_formatting_does():
    code = (
        "import sys, okr_workshop\n"
        "from okr_workshop.i18n import t\n"
        "t('common.save', 'sv')\n"
        "before = 'babel' in sys.modules\n"
        "from okr_workshop.i18n.formatting import format_number\n"
        "format_number(1.5, 'sv')\n"
        "print(before, 'babel.numbers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_report_and_training_numbers_go_through_babel():
    from okr_workshop.report.narrative import format_grade
    from okr_workshop.report.narrative import format_number as report_number
    from okr_workshop.training.breaks import written_number
    from okr_workshop.training.quarter import grade_text
    from okr_workshop.training.texts import number

    assert report_number(12500, "sv", 0) == "12\u00a0500" and report_number(12500, "en", 0) == "12,500"
    assert report_number(-1.5, "sv") == "\u22121,5"
    assert format_grade(0.6499999, "sv") == "0,65" and format_grade(0.65, "en") == "0.65"
    assert format_grade(0.65, "sv", "percent") == "65\u00a0%" and format_grade(0.65, "en", "percent") == "65%"
    assert number(12500.25, "sv") == "12\u00a0500,25" and number(3.0, "en") == "3"
    assert grade_text(-0.2, "sv") == "\u22120,20"
    assert written_number(1800, "sv") == "1 800" and written_number(6.5, "en") == "6.5"
