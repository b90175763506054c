"""The translation catalogue: complete .po files, compiled .mo files that match them, the lookup API,
Babel's number and date formats, and one term per concept on the Swedish surfaces."""

from __future__ import annotations

import datetime
import re
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


# --------------------------------------------------------------------------- one term per concept


def glossary() -> list[dict[str, str]]:
    """The rows of docs/glossary.md: concept, svenska, English, the words Swedish texts avoid."""
    rows = []
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and cells[0] not in ("concept", "---"):
            rows.append(dict(zip(("concept", "sv", "en", "avoid"), cells)))
    return rows


def _avoided() -> re.Pattern:
    words = sorted({w.strip() for row in glossary() for w in row["avoid"].split(",") if w.strip()}, key=len)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in reversed(words)) + r")(?![\w-])", re.IGNORECASE)


def _rule_ids() -> re.Pattern:
    import json

    rules = json.loads((ROOT / "okr_workshop" / "quality" / "rules.json").read_text(encoding="utf-8"))
    ids = sorted({r["id"] for r in (rules["rules"] if isinstance(rules, dict) else rules)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")


def _found(pattern: re.Pattern, texts: list[str]) -> list[str]:
    return sorted({f"{m.group(0)!r} in {text[:80]!r}" for text in texts for m in pattern.finditer(text)})


def _avoided_words(texts: list[str]) -> list[str]:
    return _found(_avoided(), texts)


def _raw_rule_ids(texts: list[str]) -> list[str]:
    return _found(_rule_ids(), texts)


def _offences(texts: list[str]) -> list[str]:
    return _avoided_words(texts) + _raw_rule_ids(texts)


def _visible_texts(page: str) -> list[str]:
    """The text nodes a reader sees, and the texts of the charts (SVG images inlined as data:)."""
    import base64
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        hidden, out = 0, []

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("style", "script", "title")
            attrs = dict(attrs)
            self.out += [attrs[k] for k in ("alt", "aria-label", "title", "placeholder") if attrs.get(k)]
            src = attrs.get("src") or ""
            if src.startswith("data:image/svg+xml;base64,"):
                svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
                self.out += re.findall(r">([^<>]+)</text>", svg)

        def handle_endtag(self, tag):
            self.hidden -= tag in ("style", "script", "title")

        def handle_data(self, data):
            if not self.hidden and data.strip():
                self.out.append(data.strip())

    parser = Texts()
    parser.out = []
    parser.feed(page)
    return [" ".join(x.split()) for x in parser.out]


def test_the_glossary_names_each_concept_once_and_the_catalogue_uses_it():
    rows = glossary()
    assert len(rows) >= 15
    for term in ("tilltro", "uppföljning", "mätsätt", "utgångsläge", "färgzon"):
        assert term in {row["sv"] for row in rows}, term
    assert len({row["sv"] for row in rows}) == len(rows)
    swedish = [re.sub(r"\{\w*\}", "", s) for m in _po("sv") if m.id for s in _strings(m)]  # not the {fields}
    assert _offences(swedish) == []
    joined = " ".join(swedish).lower()
    for term in ("tilltro", "uppföljning", "mätsätt", "utgångsläge", "färgzon"):
        assert term in joined, term


def test_the_glossary_check_catches_an_english_word_and_a_rule_id():
    found = _offences(["Självförtroende 5/10", "krs-count: 2", "Baseline", "Tilltro 5/10 (kr-activity)"])
    assert [x.split(" in ")[0] for x in found] == ["'Baseline'", "'Självförtroende'", "'kr-activity'", "'krs-count'"]
    assert _offences(["Tilltro 5/10", "Utgångsläge 12", "Facit", "mål-id"]) == []


def _swedish_report_texts(tmp_path) -> list[str]:
    """The visible texts of the Swedish sample's report, participant text left out."""
    import okr_workshop as okr
    from okr_workshop.report import export
    from okr_workshop.report import parts as sections

    pytest.importorskip("nbconvert")
    import nbformat
    from IPython.core.formatters import DisplayFormatter

    ws = okr.samples.load("exempel-ab")
    formatter, cells = DisplayFormatter(), []
    for part in sections.sections(ws, as_of="2026-09-30", lang="sv"):
        data, metadata = formatter.format(part)
        cell = nbformat.v4.new_code_cell("display(part)")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
        cells.append(cell)
    page = export.export_html(nbformat.v4.new_notebook(cells=cells), tmp_path / "r.html", lang="sv").read_text("utf-8")
    participant = {x for team in ws.teams for o in team.objectives for x in (o.title, o.why, o.owner) if x}
    participant |= {
        x
        for team in ws.teams
        for o in team.objectives
        for kr in o.key_results
        for x in (kr.text, kr.metric, kr.owner, kr.unit)
        if x
    }
    return [x for x in _visible_texts(page) if not any(p and p in x for p in participant)]


def test_a_swedish_report_shows_no_avoided_word(tmp_path):
    texts = _swedish_report_texts(tmp_path)
    assert len(texts) > 100
    assert _avoided_words(texts) == []


def test_a_swedish_report_shows_no_rule_id(tmp_path):
    assert _raw_rule_ids(_swedish_report_texts(tmp_path)) == []


def _swedish_workbook(tmp_path) -> dict[str, list[list]]:
    import openpyxl

    import okr_workshop as okr

    path = okr.write_excel(okr.samples.load("exempel-ab"), tmp_path / "okrs.xlsx")
    book = openpyxl.load_workbook(path)
    try:  # the hidden lists sheet holds the canonical keys on purpose
        return {
            s.title: [list(r) for r in s.iter_rows(values_only=True)]
            for s in book.worksheets
            if s.sheet_state == "visible"
        }
    finally:
        book.close()


def test_swedish_workbook_headers_show_no_avoided_word(tmp_path):
    sheets = _swedish_workbook(tmp_path)
    headers = list(sheets) + [v for rows in sheets.values() for v in rows[0] if isinstance(v, str)]
    headers += [v for row in sheets["Översikt"][:3] for v in row if isinstance(v, str)]
    assert len(headers) > 30
    assert _offences(headers) == []


def test_swedish_workbook_shows_no_rule_id(tmp_path):
    cells = [v for rows in _swedish_workbook(tmp_path).values() for row in rows for v in row if isinstance(v, str)]
    assert _raw_rule_ids(cells) == []


def _widget_texts(widget, participant: set[str]) -> list[str]:
    """What a reader sees in a widget tree: HTML and labels, descriptions, placeholders, tooltips, option labels."""
    import ipywidgets as w

    out = []
    for child in [widget, *getattr(widget, "children", ())]:
        if child is not widget:
            out += _widget_texts(child, participant)
            continue
        if isinstance(child, (w.HTML, w.Label, w.HTMLMath)):
            out += _visible_texts(child.value)
        for name in ("description", "placeholder", "tooltip"):
            value = getattr(child, name, None)
            if isinstance(value, str) and value:
                out.append(value)
        out += [str(o[0] if isinstance(o, tuple) else o) for o in getattr(child, "options", ())]
    return [x for x in out if x and not any(p in x for p in participant if p)]


def test_the_swedish_app_pages_show_no_avoided_word_and_no_rule_id(tmp_path):
    pytest.importorskip("ipywidgets")
    import okr_workshop as okr
    from okr_workshop.app import page
    from okr_workshop.app.launch import WORKSHOP_ENV

    ws = okr.samples.load("exempel-ab")
    okr.save(ws, tmp_path / "w.okr")
    participant = {ws.organisation, *(team.name for team in ws.teams)}
    participant |= {x for team in ws.teams for o in team.objectives for x in (o.title, o.why, o.owner) if x}
    participant |= {
        x for team in ws.teams for o in team.objectives for kr in o.key_results for x in (kr.text, kr.metric, kr.owner)
    }
    texts = [gettext("sv", key) for key in page.APP_TEXTS]
    for query in ("", "team=ingen-sadan", f"team={ws.teams[1].name}"):
        shown = page.participant_page({"QUERY_STRING": query, WORKSHOP_ENV: str(tmp_path / "w.okr")})
        texts += _widget_texts(shown, participant)
        shown.close()
    board = page.facilitator_page({"QUERY_STRING": "", WORKSHOP_ENV: str(tmp_path / "w.okr")})
    texts += _widget_texts(board, participant)
    board.children[0].close()
    board.close()
    assert len(texts) > 60
    assert _offences(texts) == []
