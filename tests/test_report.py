"""The report: its sections, escaping of participant text, no network resources, the template when installed.

Fast tests build the report's parts in-process and export them through the
real ``okr_report`` template; slow tests run the reporting notebook with
papermill (``build_report``), print a PDF and screenshot the report with
Chromium, and install the built wheel into a fresh venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import okr_workshop as okr
from okr_workshop.jupyter import discovery, reporting
from okr_workshop.report import charts, export
from okr_workshop.report import parts as sections

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
SCRIPT = "<script>alert('okr')</script>Bli bäst på service"
NETWORK = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def hostile_workshop() -> okr.Workshop:
    ws = okr.samples.load("exempel-ab")
    team = ws.team("Kundtjänst")
    obj = team.add_objective(SCRIPT, type="committed", owner='Eva "<b>" & co')
    kr = obj.add_key_result('<img src=x onerror="alert(1)"> nöjda kunder', kind="increase", baseline=1, target=9,
                            unit="<u>st</u>")  # fmt: skip
    kr.add_check_in(value=4, confidence=5, on="2026-08-15", comment="</table><script>x()</script>")
    return ws


def as_notebook(parts: list[sections.Part]) -> nbformat.NotebookNode:
    """A notebook whose outputs are what IPython's display() makes of each part."""
    from IPython.core.formatters import DisplayFormatter

    formatter = DisplayFormatter()
    cells = []
    for part in parts:
        data, metadata = formatter.format(part)
        cell = nbformat.v4.new_code_cell("display(part)")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> str:
    ws = hostile_workshop()
    nb = as_notebook(sections.sections(ws, as_of="2026-09-30"))
    path = export.export_html(nb, tmp_path_factory.mktemp("report") / "report.html", lang="sv", title="Exempel AB")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- parts and template (fast)


def test_display_metadata_reaches_the_output():
    part = sections.Part("<p>x</p>", {"okr_report": {"heading": "H", "anchor": "a"}})
    nb = as_notebook([part])
    assert nb.cells[0].outputs[0].metadata == {"okr_report": {"heading": "H", "anchor": "a"}}


def test_report_has_cover_contents_and_a_section_per_team(exported):
    ws = hostile_workshop()
    cover = re.search(r'<header class="okr-cover">(.*?)</header>', exported, re.S)[1]
    assert "Exempel AB" in cover and "2026-Q3" in cover and "2026-09-30" in cover
    toc = re.search(r'<nav [^>]*class="okr-toc".*?</nav>', exported, re.S)[0]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors == ["overview"] + [f"team-{t.id}" for t in ws.teams] + ["alignment"]
    for anchor in anchors:
        assert f'id="{anchor}"' in exported, anchor
    assert exported.count('<section class="okr-team">') == len(ws.teams)
    assert "Målträd" in exported and "(alignment)" not in exported and "Innehåll" in exported
    # a code-free report: no inputs, no prompts
    assert '<div class="jp-InputArea' not in exported and "jp-InputPrompt" not in exported.split("<body")[1]
    # each team: a narrative, a summary, three charts, and a fourth (findings per rule) when some rule was
    # found more than twice (fewer: a short table)
    assert exported.count('class="okr-narrative"') == len(ws.teams)
    grouped = sections.findings_by_team(ws, okr.check(ws))

    def bars(findings) -> bool:
        rules = [f.rule for f in findings]
        return any(rules.count(r) > sections.SMALL_COUNTS for r in rules)

    charts_expected = sum(3 + bars(grouped.get(t.id, [])) for t in ws.teams) + 1  # + the overview chart
    assert any(not grouped.get(t.id) for t in ws.teams)  # the sample has a team without findings
    assert exported.count('src="data:image/svg+xml;base64,') == charts_expected


def test_participant_text_is_escaped(exported):
    assert "<script>alert" not in exported
    # nbconvert re-serialises the page, so quotes in text come back unescaped (still text)
    assert "&lt;script&gt;alert('okr')&lt;/script&gt;Bli bäst på service" in exported
    assert '<img src=x onerror="alert(1)">' not in exported
    assert '&lt;img src=x onerror="alert(1)"&gt; nöjda kunder' in exported
    assert "<u>st</u>" not in exported
    assert "<script" not in exported.lower()  # the template adds no scripts either


def test_report_references_no_network_resource(exported):
    assert NETWORK.findall(exported) == []
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", exported)


def test_charts_escape_text_and_use_band_colours():
    svg = charts.grade_bars([("<b>Mål</b> & mer", 0.65, "yellow"), ("Andra", 0.2, "red")], "sv")
    assert "<b>" not in svg and "&lt;b&gt;Mål&lt;/b&gt; &amp; mer" in svg
    assert "#f0ad4e" in svg and "#d9534f" in svg and "0,65" in svg
    assert "http://www.w3.org" in svg  # only XML namespaces, never fetched
    empty = charts.progress_lines([], okr.Period.parse("2026-Q3").start, okr.Period.parse("2026-Q3").end, "en")
    assert "No data yet" in empty


def test_narrative_in_the_workshop_language():
    ws = okr.samples.load("acme")
    en = " ".join(sections.team_sections(ws, "Marketing", as_of="2026-09-30")[0].html for _ in [0])
    assert "Marketing has 2 objectives" in en and "grade at the end of the period" in en
    sv = sections.team_sections(ws, "Marketing", as_of="2026-08-01", lang="sv")[0].html
    assert "Marketing har 2 mål" in sv and "hittills (2026-08-01)" in sv


def test_team_filter_keeps_one_team():
    ws = okr.samples.load("exempel-ab")
    parts = sections.sections(ws, team="Marknad", as_of="2026-09-30")
    teams = [p.metadata["okr_report"].get("team") for p in parts if p.metadata.get("okr_report", {}).get("team")]
    assert teams == ["Marknad"]
    tree = parts[-1].html
    assert "okr-focus" in tree and "Kundtjänst" not in tree


def test_missing_chromium_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("OKR_WORKSHOP_CHROMIUM", "")
    okr.save(okr.samples.load("acme"), tmp_path / "acme.okr")
    with pytest.raises(okr.OkrWorkshopError, match="sudo apt-get install chromium"):
        reporting.build_report(tmp_path / "acme.okr", tmp_path / "out", pdf=True)
    assert not (tmp_path / "out").exists()  # nothing started, nothing half-written


def test_unknown_team_is_a_clear_error(tmp_path):
    okr.save(okr.samples.load("acme"), tmp_path / "acme.okr")
    with pytest.raises(okr.OkrWorkshopError, match="Nobody"):
        reporting.build_report(tmp_path / "acme.okr", tmp_path / "out", team="Nobody")


# --------------------------------------------------------------------------- the real pipeline (slow)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """build_report on a workshop with hostile participant text, for one team and with --pdf when possible."""
    tmp = tmp_path_factory.mktemp("built")
    okr.save(hostile_workshop(), tmp / "exempel.okr")
    whole = reporting.build_report(tmp / "exempel.okr", tmp / "out", as_of="2026-09-30")
    pdf = export.find_chromium() is not None
    one = reporting.build_report(tmp / "exempel.okr", tmp / "out", team="Kundtjänst", pdf=pdf, progress=False)
    return tmp, whole, one


@pytest.mark.slow
def test_build_report_runs_the_notebook_and_escapes(built):
    tmp, whole, one = built
    assert [p.name for p in whole] == ["report.html"]
    html = whole[0].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert('okr')" in html
    assert NETWORK.findall(html) == []
    assert html.count('<section class="okr-team">') == 5
    executed = nbformat.read(tmp / "out" / "report.ipynb", as_version=4)
    assert executed.metadata["papermill"]["parameters"]["as_of"] == "2026-09-30"
    team_html = one[0].read_text(encoding="utf-8")
    assert one[0].name == "report-kundtjanst.html"
    assert team_html.count('<section class="okr-team">') == 1 and "Kundtjänst" in team_html


@pytest.mark.slow
def test_pdf_is_printed_with_chromium(built):
    if export.find_chromium() is None:
        pytest.skip("Chromium is not installed: sudo apt-get install chromium")
    _tmp, _whole, one = built
    pdf = one[1]
    assert pdf.suffix == ".pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Kundtjänst" in text and "<script>" in text  # the escaped title prints as text
        words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                               text=True).stdout  # fmt: skip
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', words)[1])
        tops = {m[2]: float(m[1]) for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]+)<', words)}
        assert tops["Exempel"] < 0.2 * height, "the cover is not at the top of the first page"
        assert "Översikt" in tops and "Kundtjänst" in tops  # the overview follows the cover on page 1


@pytest.mark.slow
def test_screenshot_of_the_report(built):
    """A reader's view: the cover and the first pages render with band colours (saved to test-output/)."""
    chromium = export.find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed: sudo apt-get install chromium")
    from matplotlib.image import imread

    _tmp, whole, _one = built
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "report-screenshot.png"
    shot.unlink(missing_ok=True)
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,2600",
         f"--screenshot={shot}", whole[0].resolve().as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    pixels = imread(shot)[:, :, :3]
    green = (abs(pixels[:, :, 0] - 0x5C / 255) < 0.02) & (abs(pixels[:, :, 1] - 0xB8 / 255) < 0.02)
    assert green.sum() > 500, "no green band colour visible: badges or charts did not render"
    assert (pixels.mean(axis=2) < 0.3).sum() > 2000, "hardly any dark text: the report looks empty"


@pytest.mark.slow
def test_template_found_in_an_installed_wheel(tmp_path, built):
    """Build the wheel from a copy of the source, install it into a fresh venv, use it from there."""
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "test-output", "demo-output",
                                    "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules")  # fmt: skip
    shutil.copytree(ROOT, src, ignore=ignore)
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(src)],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("okr_workshop-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    deps = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    Path(site, "_okr_deps.pth").write_text(deps + "\n")  # the dependencies, without the editable okr_workshop
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--quiet", str(wheel)],
                   check=True, timeout=300)  # fmt: skip
    # nbconvert's own templates (lab, base) are data files of the dependency environment; ours must come
    # from the wheel, so the dependency environment must not have it
    shared = Path(deps).parents[2] / "share" / "jupyter"
    assert not (shared / "nbconvert" / "templates" / "okr_report").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHONPATH"))}
    env["JUPYTER_PATH"] = str(shared)
    where = subprocess.run([str(py), "-c", "import okr_workshop, okr_workshop.jupyter as p; "
                            "print(okr_workshop.__file__); print(p.notebooks_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout  # fmt: skip
    assert str(venv) in where.splitlines()[0] and str(venv) in where.splitlines()[1], where
    # the compiled translation catalogue ships in the wheel
    said = subprocess.run([str(py), "-c", "from okr_workshop.i18n import ngettext; "
                           "print(ngettext('sv', 'board.count.warning.one', 'board.count.warning', 3))"],
                          capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout  # fmt: skip
    assert said.strip() == "3 varningar"
    # jupyter nbconvert finds the installed template by name
    executed = built[0] / "out" / "report.ipynb"
    out = tmp_path / "nbconvert"
    done = subprocess.run([str(py), "-m", "nbconvert", "--to", "html", "--template", "okr_report", "--output-dir",
                           str(out), str(executed)], capture_output=True, text=True, cwd=tmp_path, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<header class="okr-cover">' in html and 'class="okr-toc"' in html
    assert NETWORK.findall(html) == [] and "<script>alert" not in html
    # the installed command runs the installed reporting notebook
    done = subprocess.run([str(venv / "bin" / "okr-workshop"), "report", str(built[0] / "exempel.okr"), "--out",
                           str(tmp_path / "installed"), "--team", "Marknad"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Marknad" in (tmp_path / "installed" / "report-marknad.html").read_text(encoding="utf-8")
    # and `init` copies the installed notebooks (training ones included) into a new workshop folder
    done = subprocess.run([str(venv / "bin" / "okr-workshop"), "init", str(tmp_path / "ws")],
                          capture_output=True, text=True, cwd=tmp_path, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    copied = sorted(p.relative_to(tmp_path / "ws").as_posix() for p in (tmp_path / "ws").rglob("*.ipynb"))
    expected = sorted(
        [*discovery.NOTEBOOKS, *(f"training/{p.name}" for p in (ROOT / "notebooks/training").glob("*.ipynb"))]
    )
    assert copied == expected


def test_missing_template_is_a_clear_error(monkeypatch, tmp_path):
    from jupyter_core.paths import jupyter_path

    if any(Path(p, "nbconvert", "templates", "okr_report").is_dir() for p in jupyter_path()):
        pytest.skip("okr_report is installed in this environment's Jupyter data folder")
    monkeypatch.setattr(export, "template_dirs", lambda: [])
    with pytest.raises(okr.OkrWorkshopError, match="'okr_report' is not installed"):
        export.export_html(nbformat.v4.new_notebook(), tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_overview_shows_pace_mid_period_and_key_results_by_status():
    ws = okr.samples.load("exempel-ab")
    html_ = sections.overview(ws, as_of="2026-08-15").html
    assert "<th>Takt</th>" in html_ and "<th>Nyckelresultatens status</th>" in html_
    assert "Utfall" not in html_ and "okr-outcome" not in html_
    rows = {m[1]: m[0] for m in re.finditer(r"<tr><td>([^<]+)</td>.*?</tr>", html_)}
    assert "okr-status-on_track" in rows["Sälj"].split("</td>")[4]  # the team as a whole is on pace
    assert "okr-status-at_risk" in rows["Marknad"].split("</td>")[4]
    assert re.search(r"2&nbsp;<span class=\"okr-status-off_track\"", rows["Marknad"])  # two key results lag


@pytest.mark.parametrize(
    "lang,header,marknad",
    [
        ("sv", "Utfall vid periodens slut", ["under 1,0 (kommentar behövs)", "över målzonen 0,6–0,7"]),
        ("en", "Outcome at the end of the period", ["below 1.0 (comment needed)", "above the target zone 0.6–0.7"]),
    ],
)
def test_overview_shows_the_outcome_when_the_period_is_over(lang, header, marknad):
    """At the end no pace next to a green grade: committed reached 1.0 or not, aspirational in the zone or not."""
    ws = okr.samples.load("exempel-ab")
    html_ = sections.overview(ws, as_of=ws.period.end, lang=lang).html
    assert f"<th>{header}</th>" in html_ and "<th>Takt</th>" not in html_ and "<th>Pace</th>" not in html_
    rows = {m[1]: m[0] for m in re.finditer(r"<tr><td>([^<]+)</td>.*?</tr>", html_)}
    outcome_cell = rows["Marknad"].split("</td>")[4]
    assert "okr-status-" not in outcome_cell  # no pace label
    for phrase in marknad:
        assert re.search(rf"1&nbsp;<span class=\"okr-outcome-\w+\".*?{re.escape(phrase)}", outcome_cell), phrase
    assert "okr-status-outdated" in rows["Kundtjänst"].split("</td>")[5]  # key results by status stay
    section = sections.team_section(ws, ws.team("Marknad"), as_of=ws.period.end, lang=lang).html
    assert f"{header} / Status" in section and marknad[0] in section and marknad[1] in section


def test_outcome_of_an_objective():
    ws = okr.Workshop.new("X", period="2026-Q3", lang="sv")
    team = ws.add_team("T")
    for i, (kind, value) in enumerate([("committed", 10), ("committed", 7), ("aspirational", 10),
                                       ("aspirational", 6.5), ("aspirational", 3)]):  # fmt: skip
        obj = team.add_objective(f"Mål {i}", type=kind)
        kr = obj.add_key_result(f"KR {i}", kind="increase", baseline=0, target=10)
        kr.add_check_in(value=value, confidence=5, on=ws.period.end)
    from okr_workshop.scoring.grades import objective_summary

    frame = objective_summary(ws, as_of=ws.period.end)
    assert [sections.outcome(r) for r in frame.itertuples()] == [
        "reached", "missed", "above_zone", "in_zone", "below_zone"]  # fmt: skip
    ungraded = next(frame.assign(grade=float("nan")).itertuples())
    assert sections.outcome(ungraded) is None


def test_swedish_report_uses_the_decided_terms():
    """Tilltro, uppföljning, team, mätsätt and ansvarig (the lead's terms), never the old words."""
    import datetime as dt

    from okr_workshop.report import narrative, tables

    ws = okr.samples.load("exempel-ab")
    kr = ws.team("Marknad").objectives[0].key_results[0]
    kr.add_check_in(value=kr.baseline, confidence=2, on=dt.date(2026, 7, 2))  # confidence moves over the quarter
    text = " ".join(p.html for p in sections.sections(ws, as_of="2026-09-30", lang="sv"))
    text += tables.okr_table(ws, lang="sv").html + tables.score_table(ws, as_of="2026-09-30", lang="sv").html
    text += " ".join(s for tm in ws.teams for s in narrative.team_narrative(ws, tm, as_of="2026-09-30", lang="sv"))
    text += charts.confidence_lines([("O1", [(dt.date(2026, 7, 1), 5.0)])], ws.period.start, ws.period.end, "sv")
    assert "Tilltro" in text and "<th>Mätsätt</th>" in text and "<th>Ansvarig</th>" in text
    assert re.search(r"Tilltron (steg|sjönk|låg)", text)
    for old in ("Självförtroende", "självförtroende", "incheckning", "Ägare", "<th>Sort</th>", " lag ", "Lag"):
        assert old not in text, old


@pytest.mark.parametrize(
    "sample,lang,expected",
    [
        ("exempel-ab", "sv", "Kvalitetsgranskningen gav en anmärkning: Mål O1 (Internationell expansion genom …) har "
                             "2 nyckelresultat; 3–5 är lagom."),
        ("acme", "en", "The quality review raised one finding: Objective O1 (Become a name German field-service …) "
                       "has 2 key results; 3–5 is right."),
    ],
)  # fmt: skip
def test_narrative_names_the_objective_of_a_finding_not_its_rule(sample, lang, expected):
    from okr_workshop.report.narrative import team_narrative

    ws = okr.samples.load(sample)
    sentences = team_narrative(ws, ws.teams[0], as_of="2026-09-30", lang=lang)
    assert sentences[-1] == expected
    assert "krs-count" not in " ".join(sentences)


def test_narrative_about_a_key_result_and_hostile_titles_stay_escaped():
    from okr_workshop.report.narrative import team_narrative

    ws = okr.samples.load("exempel-ab")
    sentences = team_narrative(ws, ws.team("Kundtjänst"), as_of="2026-09-30", lang="sv")
    assert "Nyckelresultat KR2.3 (70 % av besöken i hjälpcentret slutar …): utgångsläget saknas." in sentences[-1]
    team = ws.team("Ledningsgruppen")
    team.objectives[0].title = "<script>x()</script> Expansion"  # its one finding: 2 key results
    sentences = team_narrative(ws, team, as_of="2026-09-30", lang="sv")
    assert "Mål O1 (<script>x()</script> Expansion) har 2 nyckelresultat" in sentences[-1]  # plain text here
    page = sections.team_section(ws, team, as_of="2026-09-30", lang="sv").html
    assert "<script>x()" not in page and "Mål O1 (&lt;script&gt;x()&lt;/script&gt; Expansion) har" in page


def _visible_texts(page: str) -> list[str]:
    """The text nodes a reader sees (and the chart texts, decoded from their data: images), stripped."""
    import base64
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hidden, self.out = 0, []

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("style", "script", "title")
            attrs = dict(attrs)
            self.out += [attrs[k] for k in ("alt", "aria-label", "title") if attrs.get(k)]
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
    parser.feed(page)
    return [" ".join(x.split()) for x in parser.out]


def _english_headings() -> set[str]:
    """Every heading, column and chart word the report writes in English that Swedish writes differently."""
    words = {e["en"] for e in sections._T.values() if e["en"] != e["sv"]}
    words |= {e["en"] for e in charts._T.values() if e["en"] != e["sv"]}
    words |= {"Contents", "Status as of", "Date", "As of", "OKR report"}
    return {w for w in words if len(w) > 4}


def _assert_all_swedish(page: str) -> None:
    texts = _visible_texts(page)
    english = _english_headings()
    mixed = sorted({x for x in texts if x in english or x.rstrip(":") in english})
    assert mixed == [], f"English words in a Swedish report: {mixed}"
    for word in ("Innehåll", "Översikt", "Sammanfattning", "Läget per", "Målträd", "Tilltro"):
        assert word in texts, word
    assert not any(x.startswith(("The quality review", "Key results by band", "Confidence ")) for x in texts)


def test_english_sample_in_swedish_has_no_english_headings(tmp_path):
    """lang="sv" on the English sample: every word the report writes is Swedish (participant text stays)."""
    ws = okr.samples.load("acme")
    page = export.export_html(as_notebook(sections.sections(ws, as_of="2026-09-30", lang="sv")),
                              tmp_path / "r.html", lang="sv").read_text(encoding="utf-8")  # fmt: skip
    _assert_all_swedish(page)
    assert "Customers stay, grow and speak up for us" in page  # participant text is not translated
    # without a cover part, the template's own words follow the export's language too
    bare = export.export_html(as_notebook(sections.team_sections(ws, lang="sv")), tmp_path / "b.html", lang="sv")
    texts = _visible_texts(bare.read_text(encoding="utf-8"))
    assert "Innehåll" in texts and "Contents" not in texts


@pytest.mark.slow
def test_build_report_follows_the_lang_it_is_given(tmp_path):
    okr.save(okr.samples.load("acme"), tmp_path / "acme.okr")
    html_path = reporting.build_report(tmp_path / "acme.okr", tmp_path / "out", lang="sv", progress=False)[0]
    page = html_path.read_text(encoding="utf-8")
    assert '<html lang="sv">' in page
    _assert_all_swedish(page)


def test_a_team_without_objectives_shows_a_dash_not_nan():
    import okr_workshop as okr
    from okr_workshop.report import parts as sections

    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang="sv")
    top = ws.add_team("Ledning")
    sales = ws.add_team("Sälj", parent=top)
    obj = sales.add_objective("Kunder som väljer oss", type="committed")
    obj.add_key_result("Vunna offerter från 20 % till 35 %", kind="increase", baseline=20, target=35)
    html_ = sections.overview(ws, as_of="2027-02-01").html
    assert "nan" not in html_.lower().replace("nanosec", "")
    assert "<td>Ledning</td>" in html_


@pytest.mark.parametrize(
    "lang,words", [("sv", "Ingen uppföljning är gjord ännu"), ("en", "No check-in has been made yet")]
)
def test_narrative_before_the_first_check_in_gives_no_red_grade(lang, words):
    import okr_workshop as okr
    from okr_workshop.report.narrative import team_narrative

    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang=lang)
    team = ws.add_team("Sälj")
    obj = team.add_objective("Kunder som väljer oss", type="committed")
    kr = obj.add_key_result("Vunna offerter från 20 % till 35 %", kind="increase", baseline=20, target=35)
    first = " ".join(team_narrative(ws, team, as_of="2027-01-01"))
    assert words in first and "0,00" not in first and "0.00" not in first
    kr.add_check_in(value=22, confidence=5, on="2027-01-20")
    assert words not in " ".join(team_narrative(ws, team, as_of="2027-02-01"))
    # scored before check-ins that exist (the clock before the period): it must not say none were made
    early = " ".join(team_narrative(ws, team, as_of="2027-01-05"))
    assert words not in early and "2027-01-05" in early and "2027-01-20" in early and "0,00" not in early
    assert ("räknas inte här" in early) == (lang == "sv")


@pytest.mark.parametrize(
    "lang,words", [("sv", "Inga mål är skrivna ännu."), ("en", "No objectives have been written yet.")]
)
def test_alignment_of_a_new_workshop_says_so(lang, words):
    import okr_workshop as okr
    from okr_workshop.report import parts as sections

    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang=lang)
    ws.add_team("Ledning")
    html_ = sections.alignment(ws, as_of="2027-02-01").html
    assert words in html_ and "<ul class='okr-tree'></ul>" not in html_


def _next_year_workshop(tmp_path):
    """A workshop whose period starts next year (the clock before the period) with check-ins in it."""
    import datetime as dt

    year = dt.date.today().year + 1
    ws = okr.Workshop.new("Testbolaget AB", period=f"{year}-Q1", lang="sv")
    team = ws.add_team("Sälj")
    obj = team.add_objective("Kunder som väljer oss", type="committed")
    kr = obj.add_key_result("Vunna offerter från 20 % till 35 %", kind="increase", baseline=20, target=35)
    kr.add_check_in(value=24, confidence=6, on=f"{year}-01-20")
    kr.add_check_in(value=28, confidence=6, on=f"{year}-02-10")
    okr.save(ws, tmp_path / "ws.okr")
    return tmp_path / "ws.okr", year


def test_report_as_of_is_checked_before_any_kernel_starts(tmp_path, capsys):
    from okr_workshop.cli import main

    path, _year = _next_year_workshop(tmp_path)
    assert main(["report", str(path), "--out", str(tmp_path / "out"), "--as-of", "15/2"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--as-of" in err and "ÅÅÅÅ-MM-DD" in err  # the workshop is Swedish
    assert not (tmp_path / "out").exists()


def test_report_before_the_period_says_later_check_ins_are_not_counted(tmp_path, caplog):
    path, year = _next_year_workshop(tmp_path)
    ws = okr.load(path)
    import datetime as dt

    with caplog.at_level("WARNING", logger="okr_workshop"):
        reporting._warn_before_check_ins(ws, dt.date(year, 1, 1))
    assert f"--as-of {year}-02-10" in caplog.text and "2 uppföljningar" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="okr_workshop"):
        reporting._warn_before_check_ins(ws, dt.date(year, 2, 15))
    assert caplog.text == ""


@pytest.mark.slow
def test_report_command_takes_as_of(tmp_path):
    path, year = _next_year_workshop(tmp_path)
    done = subprocess.run([sys.executable, "-m", "okr_workshop", "report", str(path), "--out", str(tmp_path / "out"),
                           "--as-of", f"{year}-02-15"], capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "--as-of" not in done.stderr  # no hint: the day was given
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert f"{year}-02-15" in html and "Ingen uppföljning är gjord ännu" not in html
    assert "hittills" in html  # the narrative grades the team as of that day


@pytest.mark.parametrize("lang,header,reason", [("sv", "Tilltrons trend", "målvärde saknas"),
                                                ("en", "Confidence trend", "no target")])  # fmt: skip
def test_score_table_says_confidence_trend_and_why_not_measurable(lang, header, reason):
    from okr_workshop.report.tables import score_table

    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang=lang)
    obj = ws.add_team("Sälj").add_objective("Kunder som väljer oss", type="committed")
    won = obj.add_key_result("Vunna offerter från 20 % till 35 %", kind="increase", baseline=20, target=35)
    won.add_check_in(value=22, confidence=5, on="2027-01-10")
    won.add_check_in(value=24, confidence=6, on="2027-01-24")  # a trend here, none below: pandas wrote NaN
    vague = obj.add_key_result("Fler nöjda kunder", kind="increase", baseline=3)
    vague.add_check_in(value=4, confidence=5, on="2027-01-20")
    for r in (score_table(ws, as_of="2027-02-01").html, sections.team_section(ws, "Sälj", as_of="2027-02-01").html):
        assert re.search(r">\s*nan\s*<", r) is None, r
        assert f"({reason})" in r
    assert f"<th>{header}</th>" in score_table(ws, as_of="2027-02-01").html


def test_mid_quarter_grades_are_coloured_by_pace_like_the_status_beside_them():
    """0.30 a third into the quarter is on track: no red badge beside a green "I fas"; at the end, bands."""
    from okr_workshop.scoring.profiles import COLOURS

    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang="sv")
    obj = ws.add_team("Sälj").add_objective("Kunder som väljer oss", type="aspirational")
    kr = obj.add_key_result("Vunna offerter från 20 % till 30 %", kind="increase", baseline=20, target=30)
    kr.add_check_in(value=23, confidence=5, on="2027-01-28")
    mid = sections.team_section(ws, "Sälj", as_of="2027-01-30").html
    row = next(r for r in mid.split("<tr>") if "KR1.1" in r)
    assert "I fas" in row and f"background:{COLOURS['on_track']}" in row
    assert f"background:{COLOURS['red']}" not in mid
    over = sections.overview(ws, as_of="2027-01-30").html
    assert f"background:{COLOURS['red']}" not in over
    end = sections.team_section(ws, "Sälj", as_of="2027-03-31").html  # the quarter is over: the band tells
    assert f"background:{COLOURS['red']}" in next(r for r in end.split("<tr>") if "KR1.1" in r)


def test_every_quality_rule_has_a_name_in_both_languages():
    from okr_workshop.quality.catalogue import catalogue
    from okr_workshop.quality.names import RULE_NAMES

    for rule in catalogue():
        assert set(RULE_NAMES.get(rule.id, {})) == {"sv", "en"}, (
            f"{rule.id}: add quality.{rule.id}.name to both .po files (make i18n)"
        )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_findings_per_rule_name_the_rule_and_small_counts_are_a_table(lang):
    """No raw rule id (krs-count) reaches a reader; a rule found once or twice is a table row, not a bar."""
    from okr_workshop.quality.names import rule_name

    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang=lang)
    team = ws.add_team("Sälj")
    obj = team.add_objective("Kunder som väljer oss", type="committed")
    obj.add_key_result("Vunna offerter från 20 % till 35 %", kind="increase", baseline=20, target=35)
    findings = okr.check(team, lang=lang)
    assert "krs-count" in {f.rule for f in findings}
    html_ = sections.team_section(ws, team, as_of="2027-02-01", lang=lang, findings=findings).html
    tail = html_.partition(sections.t("chart_findings", lang))[2]
    assert "krs-count" not in html_ and "<table" in tail and "<img" not in tail
    assert f"<td>{rule_name('krs-count', lang)}</td>" in tail
    many = findings * 3  # three of each: bars, labelled by name
    tail = sections.team_section(ws, team, as_of="2027-02-01", lang=lang, findings=many).html.partition(
        sections.t("chart_findings", lang)
    )[2]
    import base64

    svg = base64.b64decode(re.search(r'base64,([^"]+)"', tail)[1]).decode()
    assert rule_name("krs-count", lang) in svg and "krs-count" not in svg


def test_print_keeps_empty_teams_and_charts_from_taking_a_page_alone():
    """Structure the print stylesheet relies on: an empty team is marked, the charts over time go together."""
    ws = okr.samples.load("exempel-ab")
    ws.add_team("Nytt team", parent=ws.teams[0])
    parts_ = sections.team_sections(ws, as_of="2026-08-15")
    assert parts_[-1].html.startswith("<section class='okr-team okr-team-empty'>")
    assert all("okr-team-empty" not in p.html for p in parts_[:-1])
    full = parts_[0].html
    group = full[full.index("<div class='okr-over-time'>") :]
    assert group.count('<figure class="okr-chart">') == 2
    css = (Path(__file__).parent.parent / "templates" / "okr_report" / "okr_report.css").read_text()
    print_css = css[css.index("@media print") :]
    assert "section.okr-team.okr-team-empty { break-before: auto; }" in print_css
    assert re.search(r"\.okr-over-time[^{]*\{ break-inside: avoid; \}", print_css)
    height = re.search(r"\.okr-chart img \{ max-height: (\d+)mm", print_css)
    assert height and int(height[1]) <= 90


def test_chart_legends_wrap_instead_of_cutting_labels():
    import datetime as dt

    long = "KR1.1 Andelen leads som kommer via rekommendation ökar från 8 % till 15 % under kvartalet"
    svg = charts.progress_lines([(long, [(dt.date(2027, 1, 10), 0.2)])], dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    legend = [m for m in re.finditer(r'<text style="font-size: (\d+)px[^>]*>([^<]*)</text>', svg)
              if m[2].startswith("KR1.1") or "kvartalet" in m[2]]  # fmt: skip
    assert [m[2] for m in legend] == ["KR1.1 Andelen leads som kommer via rekommendation",
                                      "ökar från 8 % till 15 % under kvartalet"]  # fmt: skip
    assert all(int(m[1]) >= 9 for m in legend)  # as large as the tick labels (was 7)


@pytest.mark.slow
def test_docs_nbconvert_command_works_in_a_checkout(tmp_path):
    """docs/report.md's command for a checkout exports an executed report with the okr_report template."""
    import shlex

    root = Path(__file__).parent.parent
    doc = (root / "docs" / "report.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in doc.splitlines() if "extra_template_basedirs" in line)
    nb = as_notebook(sections.sections(okr.samples.load("exempel-ab"), as_of="2026-09-30"))
    nbformat.write(nb, tmp_path / "report.ipynb")
    args = shlex.split(command.replace("report.ipynb", str(tmp_path / "report.ipynb")))
    jupyter = Path(sys.executable).parent / "jupyter"
    done = subprocess.run([str(jupyter), *args[1:]], capture_output=True, text=True, cwd=root, timeout=300)
    assert done.returncode == 0, done.stderr[-1500:]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<header class="okr-cover">' in html
