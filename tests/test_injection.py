"""Injection: participant text is never run, as a spreadsheet formula or as HTML.

Every text field of a workshop (organisation, team names, objective title,
why and owner, key-result text, metric, unit, owner and override reason,
check-in comment and author) carries one attack string at a time: the OWASP
formula-injection list and an HTML/script/template/markdown list. The
workbook must hold it as text (no formula cell, a quote prefix where a
spreadsheet would otherwise start a formula) and read it back unchanged; the
HTML report must show it as text, never as an element, attribute, link or
image.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
import strategies as S  # tests/strategies.py: pytest puts tests/ on sys.path

import okr_workshop as okr
from okr_workshop.jupyter import reporting
from okr_workshop.report import export
from okr_workshop.report import parts as sections
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.workbook.read import read_excel

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
# The only formulas the exporter writes: progress of a check-in from its value cell and numbers.
PROGRESS_FORMULA = re.compile(r'^=IF\(ISNUMBER\([A-Z]{1,3}\d+\),[A-Z0-9(),.<>=/+\-*" ]*\)$')


def hostile_workshop(payload: str, lang: str = "sv") -> okr.Workshop:
    """Every text field holds ``payload`` (team names get a suffix where two must differ)."""
    ws = okr.Workshop.new(payload, period="2026-Q3", lang=lang)
    top = ws.add_team(payload)
    company = top.add_objective(payload, why=payload, owner=payload, type="aspirational")
    kr = company.add_key_result(payload, kind="increase", baseline=0, target=10, metric=payload, unit=payload,
                                owner=payload)  # fmt: skip
    kr.add_check_in(value=4, confidence=6, on=dt.date(2026, 8, 3), comment=payload, author=payload)
    kr.override(0.5, payload)
    team = ws.add_team(f"{payload} 2", parent=top)
    obj = team.add_objective(payload, why=payload, owner=payload, parent_id=company.id, type="committed")
    kr2 = obj.add_key_result(payload, kind="milestone", target=1, metric=payload, unit=payload, owner=payload)
    kr2.add_check_in(value=0, confidence=5, on=dt.date(2026, 8, 10), comment=payload, author=payload)
    return ws


def text_fields(ws: okr.Workshop) -> list[str]:
    """Every participant string of a workshop, as the model holds it."""
    out = [ws.organisation]
    for team in ws.teams:
        out.append(team.name)
        for obj in team.objectives:
            out += [obj.title, obj.why, obj.owner]
            for kr in obj.key_results:
                out += [kr.text, kr.metric, kr.unit, kr.owner, kr.override_reason]
                for c in kr.check_ins:
                    out += [c.comment, c.author]
    return out


# ------------------------------------------------------------------ the workbook


@pytest.mark.parametrize("payload", S.ALL_INJECTION)
def test_workbook_holds_attack_text_as_text_and_reads_it_back(tmp_path, payload):
    from openpyxl import load_workbook

    ws = hostile_workshop(payload, lang="sv" if len(payload) % 2 else "en")
    path = okr.write_excel(ws, tmp_path / "okrs.xlsx")
    wb = load_workbook(path)
    texts = {t for t in text_fields(ws) if t.strip()}
    held = 0
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert PROGRESS_FORMULA.match(str(cell.value)), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                    assert not any(t in str(cell.value) for t in texts if len(t) > 3)
                elif isinstance(cell.value, str) and cell.value in texts:
                    held += 1
                    assert cell.data_type == "s"
                    if cell.value.startswith(RISKY_START):
                        assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} {cell.value!r} has no quote prefix"
        for dv in sheet.data_validations.dataValidation:
            assert not any(t in f"{dv.formula1} {dv.formula2}" for t in texts if len(t) > 3)
    assert held >= 8, f"only {held} cells hold the attack text"
    assert not wb.defined_names or not any(t in str(wb.defined_names) for t in texts if len(t) > 3)

    back = read_excel(path)
    assert text_fields(back) == text_fields(ws)
    assert back.to_dict() == ws.to_dict()


def test_import_of_attack_text_changes_nothing(tmp_path):
    """The round trip through the workshop file: export, import, nothing differs."""
    ws = hostile_workshop(" | ".join(S.ALL_INJECTION)[:9000])
    okr_path = okr.save(ws, tmp_path / "w.okr")
    xlsx = okr.write_excel(okr.load(okr_path), tmp_path / "okrs.xlsx")
    summary = import_workbook(xlsx, okr_path)
    assert summary.changes == 0
    assert text_fields(okr.load(okr_path)) == text_fields(ws)


def _libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(_libreoffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_attack_text_not_results(tmp_path):
    """A real spreadsheet program computes the sheets: every attack string comes out as typed."""
    ws = okr.Workshop.new("Injection AB", period="2026-Q3", lang="sv")
    team = ws.add_team("Marknad")
    obj = team.add_objective("Synas", owner="Bo")
    payloads = [p for p in S.FORMULA_INJECTION if "\r" not in p and "\t" not in p]
    for p in payloads:
        kr = obj.add_key_result(p, kind="increase", baseline=0, target=10, owner=p)
        kr.add_check_in(value=1, confidence=5, on=dt.date(2026, 8, 3), comment=p, author="x")
    xlsx = okr.write_excel(ws, tmp_path / "inj.xlsx")
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [_libreoffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', "--outdir", str(tmp_path),
         str(xlsx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    files = sorted(tmp_path.glob("inj*.csv"))
    assert files, proc.stdout + proc.stderr
    cells = [c for f in files for row in csv.reader(f.open(encoding="utf-8")) for c in row]
    for p in payloads:
        assert cells.count(p) >= 2, f"{p!r} did not come out as typed"
    assert not any(c.startswith(("#NAME", "Err:", "#VALUE")) for c in cells)


# ------------------------------------------------------------------ the HTML report


class Tree(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_script = False
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag in ("script", "style")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def parse(html_text: str) -> Tree:
    tree = Tree()
    tree.feed(html_text)
    tree.close()
    return tree


URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "style",
                  "background", "cite", "longdesc"}  # fmt: skip
INJECTED_TAGS = {"iframe", "svg", "object", "embed", "form", "math", "u"}  # none of these is in the template


def assert_no_live_markup(html_text: str, texts: list[str]) -> Tree:
    tree = parse(html_text)
    for tag, attrs in tree.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}={value!r}>: an event handler"
            v = (value or "").strip().lower()
            assert not v.startswith(("javascript:", "vbscript:")), f"<{tag} {name}={value!r}>"
            if name in URL_ATTRIBUTES:  # alt and title may carry the text; these would load or link it
                assert "evil.example" not in v, f"<{tag} {name}={value!r}>: a link to the attacker"
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/"), f"an external image: {attrs}"
        if tag in ("a", "area"):
            href = attrs.get("href") or ""
            assert href.startswith("#") or not href, f"a link out of the report: {href!r}"
        if tag == "script":
            assert not attrs.get("src"), f"an external script: {attrs}"
    for script in tree.scripts:
        assert "alert(" not in script and "evil.example" not in script
    body_tags = [tag for tag, _ in tree.tags]
    for tag in INJECTED_TAGS & set(body_tags):
        pytest.fail(f"an injected <{tag}> element")
    assert "fet" not in [t.strip() for t in _bold_texts(html_text)], "injected <b> markup"
    shown = " ".join(" ".join(tree.text).split())
    for text in {" ".join(t.split()) for t in texts if t.strip()}:
        assert text in shown, f"{text!r} is not shown as text"
    for raw in (t for t in texts if "<" in t):
        assert raw not in html_text, f"{raw!r} is in the HTML unescaped"
    return tree


def _bold_texts(html_text: str) -> list[str]:
    return re.findall(r"<b>([^<]*)</b>", html_text)


def svg_images(tree: Tree) -> list[str]:
    return [
        base64.b64decode(attrs["src"].split(",", 1)[1]).decode("utf-8")
        for tag, attrs in tree.tags
        if tag == "img" and (attrs.get("src") or "").startswith("data:image/svg+xml;base64,")
    ]


# Text between two dollar signs would be matplotlib mathtext; it has its own tests below
# (test_mathtext_in_participant_text_does_not_break_the_report), so the report tests run every other attack string.
MATHTEXT = [p for p in S.ALL_INJECTION if p.count("$") >= 2]
REPORT_PAYLOADS = [p for p in S.HTML_INJECTION + S.FORMULA_INJECTION if p not in MATHTEXT]


def all_payload_workshop(lang: str = "sv", payloads: list[str] = REPORT_PAYLOADS) -> okr.Workshop:
    """One workshop with every attack string: one per team, in every field of that team."""
    ws = okr.Workshop.new(" ".join(S.HTML_INJECTION[:4]), period="2026-Q3", lang=lang)
    top = ws.add_team("Ledning")
    company = top.add_objective("Växa i Tyskland", type="aspirational")
    company_kr = company.add_key_result("20 MSEK", kind="increase", baseline=0, target=20, unit="MSEK")
    company_kr.add_check_in(value=5, confidence=6, on=dt.date(2026, 8, 1))  # see test_key_result_without_check_ins
    seen: set[str] = set()
    for i, payload in enumerate(payloads):
        name = payload.strip()
        if name.casefold() in seen:
            name = f"{name} #{i}"
        seen.add(name.casefold())
        team = ws.add_team(name, parent=top)
        obj = team.add_objective(payload, why=payload, owner=payload, parent_id=company.id, type="committed")
        kr = obj.add_key_result(payload, kind="increase", baseline=0, target=10, metric=payload, unit=payload,
                                owner=payload)  # fmt: skip
        kr.add_check_in(value=3 + i % 5, confidence=5, on=dt.date(2026, 8, 3), comment=payload, author=payload)
        kr.override(0.6, payload)
    return ws


def _as_notebook(parts):
    import nbformat
    from IPython.core.formatters import DisplayFormatter

    formatter = DisplayFormatter()
    cells = []
    for part in parts:
        data, metadata = formatter.format(part)
        cell = nbformat.v4.new_code_cell("display(part)")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


def _report_texts(ws: okr.Workshop) -> list[str]:
    """The strings the report shows in full: organisation, team names, objective titles, key-result texts."""
    return (
        [ws.organisation]
        + [t.name for t in ws.teams]
        + [o.title for o in ws.objectives]
        + [k.text for k in ws.key_results]
    )


@pytest.mark.slow  # ~40 teams of charts: 10-30 s
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_report_parts_show_attack_text_as_text(tmp_path, lang):
    """The report's parts through the real okr_report template, in-process (no kernel)."""
    ws = all_payload_workshop(lang)
    nb = _as_notebook(sections.sections(ws, as_of="2026-09-30", lang=lang))
    path = export.export_html(nb, tmp_path / "report.html", lang=lang, title=f"{ws.organisation} · 2026-Q3")
    html_text = path.read_text(encoding="utf-8")
    tree = assert_no_live_markup(html_text, _report_texts(ws))
    assert "{{ 7*7 }}" in " ".join(tree.text) and "49" not in " ".join(tree.text).split()
    for svg in svg_images(tree):
        assert "<script" not in svg and "onload=" not in svg.replace("onload=alert", "")
        assert not re.search(r"<(?:svg|img|iframe)[^>]*evil\.example", svg[svg.find(">") + 1 :])


def test_title_of_the_report_is_escaped(tmp_path):
    """The HTML <title> comes from the organisation: it must be text too."""
    ws = all_payload_workshop("sv", payloads=REPORT_PAYLOADS[:2])
    nb = _as_notebook(sections.sections(ws, as_of="2026-09-30", lang="sv"))
    title = "<script>alert(1)</script></title><img src=x onerror=alert(1)>"
    html_text = export.export_html(nb, tmp_path / "r.html", lang="sv", title=title).read_text(encoding="utf-8")
    assert title not in html_text
    tree = parse(html_text)
    assert not any(tag == "img" and not (a.get("src") or "").startswith("data:") for tag, a in tree.tags)


@pytest.mark.slow
def test_built_report_shows_attack_text_as_text(tmp_path):
    """The whole path a facilitator uses: workshop file → reporting notebook (papermill) → HTML."""
    ws = all_payload_workshop("sv")
    path = okr.save(ws, tmp_path / "injection.okr")
    files = reporting.build_report(path, tmp_path / "out", progress=False)
    html_path = next(f for f in files if f.suffix == ".html")
    html_text = html_path.read_text(encoding="utf-8")
    tree = assert_no_live_markup(html_text, _report_texts(ws))
    assert "![x](http://evil.example/x.png)" in " ".join(tree.text)
    assert "{% for x in range(3) %}x{% endfor %}" in " ".join(tree.text)


@pytest.mark.slow
def test_team_report_with_an_attack_team_name(tmp_path):
    """One team's report: the team name is in the cover, the title and the file name."""
    ws = all_payload_workshop("en")
    path = okr.save(ws, tmp_path / "injection.okr")
    name = "<img src=x onerror=alert(1)>"
    files = reporting.build_report(path, tmp_path / "out", team=name, progress=False)
    html_path = next(f for f in files if f.suffix == ".html")
    assert html_path.parent == tmp_path / "out" and "<" not in html_path.name and "/" not in html_path.stem
    html_text = html_path.read_text(encoding="utf-8")
    assert_no_live_markup(html_text, [name])


def test_dollar_signs_in_chart_labels_are_kept_as_typed():
    from okr_workshop.report import charts

    title = "Öka ARR från $1M till $2M"
    svg = charts.grade_bars([(title, 0.5, "yellow")], "sv")
    shown = "".join(re.findall(r">([^<>]*)</tspan>", svg)) or " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert title.replace(" ", "\xa0") in shown.replace(" ", "\xa0")


@pytest.mark.parametrize("payload", MATHTEXT + ["kostnad $\\foo$ per kund"])
def test_mathtext_in_participant_text_does_not_break_the_report(tmp_path, payload):
    ws = all_payload_workshop("sv", payloads=[payload])
    nb = _as_notebook(sections.sections(ws, as_of="2026-09-30", lang="sv"))
    html_text = export.export_html(nb, tmp_path / "r.html", lang="sv").read_text(encoding="utf-8")
    assert_no_live_markup(html_text, _report_texts(ws))


def test_report_of_a_key_result_without_check_ins(tmp_path):
    ws = okr.Workshop.new("<b>Ny</b> AB", period="2026-Q3", lang="sv")
    ws.add_team("<i>Lag</i>").add_objective("<script>x()</script>").add_key_result(
        "<img src=x>", kind="increase", baseline=0, target=20
    )
    nb = _as_notebook(sections.sections(ws, as_of="2026-09-30", lang="sv"))
    html_text = export.export_html(nb, tmp_path / "r.html", lang="sv").read_text(encoding="utf-8")
    assert_no_live_markup(html_text, _report_texts(ws))


# ------------------------------------------------------------------ the widgets (JupyterLab and the Voilà app)


def _widget_html(widget, seen=None) -> list[str]:
    """Every HTML string a widget tree renders: HTML widgets' values and any HTML-enabled descriptions."""
    import ipywidgets as w

    seen = set() if seen is None else seen
    if id(widget) in seen:
        return []
    seen.add(id(widget))
    out = []
    if isinstance(widget, w.HTMLMath):
        out.append(("math", widget.value))
    elif isinstance(widget, w.HTML):
        out.append(("html", widget.value))
    if getattr(widget, "description_allow_html", False):
        out.append(("html", widget.description))
    for child in getattr(widget, "children", ()) or ():
        out += _widget_html(child, seen)
    return out


def test_widgets_show_attack_text_as_text(tmp_path):
    """The drafting form, the check-in form and the board hold participant text only as escaped text."""
    from okr_workshop import widgets

    payloads = REPORT_PAYLOADS[:12] + MATHTEXT
    ws = all_payload_workshop("sv", payloads=payloads)
    path = okr.save(ws, tmp_path / "w.okr")
    teams = [t.name for t in ws.teams[1:4]]
    views = [widgets.board(path)]
    views += [widgets.drafting_form(path, name) for name in teams]
    views += [widgets.check_in_form(path, name) for name in teams]
    try:
        rendered = [item for view in views for item in _widget_html(view)]
    finally:
        for view in views:
            view.close()
    assert rendered
    shown = " ".join(" ".join(parse(v).text) for _, v in rendered)
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown, "no text shown?"
    assert not [v for kind, v in rendered if kind == "math" and any(p in v for p in payloads)], "text as MathJax"
    for _, value in rendered:
        tree = parse(value)
        for tag, attrs in tree.tags:
            assert tag not in INJECTED_TAGS | {"script", "style", "img"} or (
                tag == "img" and (attrs.get("src") or "").startswith("data:")
            ), f"<{tag} {attrs}> in a widget"
            for name, attr in attrs.items():
                assert not name.startswith("on"), f"<{tag} {name}={attr!r}> in a widget"
                assert not (attr or "").strip().lower().startswith("javascript:")
                if name in URL_ATTRIBUTES:
                    assert "evil.example" not in (attr or "")
        for raw in (p for p in payloads if "<" in p):
            assert raw not in value, f"{raw!r} unescaped in a widget"
