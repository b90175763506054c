"""Write the facilitator notebooks in notebooks/ from this file (the notebooks' source).

    .venv/bin/python tools/make_notebooks.py          # rewrite notebooks/0*.ipynb
    .venv/bin/python tools/make_notebooks.py --check  # exit 1 if they differ from this file

Notebooks are written without outputs or execution counts, with stable cell
ids and tags, so tests can address cells and diffs stay small. Edit the cells
here, not in JupyterLab (or copy your JupyterLab edits back here).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "notebooks"

PARAMETERS_NOTE = """\
**Ändra bara raderna i rutan nedanför**, och kör sedan alla rutor (menyn *Run › Run All Cells*,
eller Skift+Enter ruta för ruta):

- `workshop_path`: er workshopfil, till exempel `"min-workshop.okr"`; finns den inte säger anteckningsboken
  det, och ingenting skapas;
- `new_workshop`: `True` för att skapa en ny workshopfil när `workshop_path` inte finns (från `sample`,
  ett inbyggt exempelföretag: `"exempel-ab"` eller `"acme"`);
- `lang`: `"sv"` eller `"en"` (`None`: workshopens språk); `team`: ett team (`None`: alla);
  `out_dir`: mappen där resultaten hamnar.

*Change only the lines in the box below, then run all cells. `workshop_path` is your workshop file (when
it does not exist the notebook says so and creates nothing); `new_workshop = True` creates it when missing,
from `sample`, an embedded example company; `lang` sv or en; `team` one team or `None` for all; `out_dir`
the output folder.*"""


def md(cell_id: str, text: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text.strip("\n"), id=cell_id)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def code(cell_id: str, source: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source.strip("\n"), id=cell_id)
    cell.metadata["tags"] = list(tags or (cell_id,))
    return cell


def params(extra: str = "") -> nbformat.NotebookNode:
    source = f"""
# parameters
workshop_path = "workshop.okr"  # your workshop file; a missing file is an error, never a new sample
new_workshop = False  # True: create workshop_path when it does not exist (from `sample`)
sample = "exempel-ab"  # a new workshop's content: "exempel-ab" (sv) or "acme" (en)
lang = None  # "sv" or "en"; None: the workshop's language
team = None  # one team's name; None: all teams (the forms take the first team below the top)
out_dir = "."  # where exports and reports go
{extra}"""
    return code("parameters", source, ("parameters",))


def notebook(cells: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


START_HERE = notebook(
    [
        md(
            "title",
            """
# OKR-workshop: börja här · OKR workshop: start here

**Svenska.** De här anteckningsböckerna tar dig som facilitator från förberedelse till rapport.
Kör dem i ordning; alla data sparas i *workshopfilen* (`.okr`, en SQLite-fil) som alla anteckningsböcker,
deltagarappen och Excel-arbetsboken läser och skriver.

**English.** These notebooks take you, the facilitator, from preparation to report. Run them in order; all
data lives in the *workshop file* (`.okr`, an SQLite file) that every notebook, the participants' app and
the Excel workbook read and write.
""",
        ),
        md(
            "agenda",
            """
## Agenda (förslag · suggested)

| tid · time | moment · step | anteckningsbok · notebook |
| --- | --- | --- |
| före · before | organisation, period, team, företagets OKR · organisation, period, teams, company OKRs | `01_setting` |
| 0:00–0:20 | vad är OKR, exempel · what OKRs are, examples | `01_setting` (företagets OKR · company OKRs) |
| 0:20–1:20 | teamen skriver utkast med direkt återkoppling · teams draft with live feedback | deltagarappen · participant app |
| 1:20–1:50 | genomgång på tavlan, koppling uppåt · review on the board, alignment | `01_setting` (tavlan · board) |
| 1:50–2:00 | exportera arbetsboken · export the workbook | `01_setting` |
| varannan vecka · every other week | uppföljningar · check-ins | `02_scoring` |
| kvartalets slut · end of quarter | betygsättning, rapport · grading, report | `02_scoring`, `03_reporting` |
""",
        ),
        md(
            "roles",
            """
## Roller · Roles

- **Facilitator / OKR-coach**: förbereder, leder, följer upp och rapporterar · prepares, runs, follows up, reports.
- **Team**: skriver 2–4 mål med 3–5 nyckelresultat var · draft 2–4 objectives with 3–5 key results each.
- **Ägare av nyckelresultat · key-result owners**: följer upp med värde, tilltro (1–10) och en kommentar ·
  check in value, confidence (1–10) and a comment.
- **Ledning · management**: läser rapporten · reads the report.
""",
        ),
        md(
            "files",
            """
## Var filerna hamnar · Where files go

- `workshop.okr`: workshopfilen · the workshop file (säkerhetskopiera den · back it up).
- `out_dir/okrs.xlsx`: arbetsboken för uppföljningar · the workbook for check-ins (`okr-workshop import`).
- `out_dir/report.html` (+ `report.pdf`): rapporten · the report (`okr-workshop report workshop.okr --out DIR --pdf`).

## Deltagarappen · The participants' app

Starta på din dator · start on your computer: `okr-workshop app workshop.okr` (bara den här datorn · this
computer only), eller · or `okr-workshop app workshop.okr --lan` (i det lokala nätverket, skyddad med en token ·
on the local network, protected by a token). Deltagarna öppnar länken som skrivs ut; de ser bara formuläret,
ingen kod · participants open the printed link and see only the form, no code.
""",
        ),
        params(),
        code(
            "where-files-go",
            """
from pathlib import Path

import okr_workshop as okr
from okr_workshop.jupyter import discovery

print("okr-workshop", okr.__version__)
print("notebooks    ", discovery.notebooks_dir())
exists = Path(workshop_path).is_file()
print("workshop file", Path(workshop_path).resolve(), "" if exists else "(finns inte · missing: new_workshop = True)")
print("outputs      ", Path(out_dir).resolve())
print("participants ", f"okr-workshop app {workshop_path} --lan")
""",
        ),
    ]
)

SETTING = notebook(
    [
        md(
            "title",
            """
# 1. Förbered och kör workshopen · Prepare and run the workshop

**Svenska.** Skapa eller öppna workshopfilen (organisation, period, team), skriv företagets OKR, låt teamen
skriva utkast i formuläret, gå igenom tavlan och exportera arbetsboken.
**English.** Create or open the workshop file (organisation, period, teams), write the company OKRs, let the
teams draft in the form, review the board and export the workbook.
""",
        ),
        md(
            "params-note",
            PARAMETERS_NOTE
            + " For a new workshop of your own: set `new_workshop = True`, `organisation`, `period` (`2027-Q1`) and"
            " `teams` (the first one is the company level); they are used only when the workshop file does not"
            " exist.",
        ),
        params(
            extra="""organisation = None  # a new workshop (new_workshop = True): "Exempel AB"; None: use the sample
period = None  # a new workshop's period: "2027-Q1", "2027-H1", "2027"
teams = []  # a new workshop's teams, the company level first: ["Ledningsgruppen", "Marknad", "Sälj"]
"""
        ),
        code(
            "setup",
            """
from pathlib import Path

from IPython.display import display

import okr_workshop as okr
from okr_workshop.workbook import write
from okr_workshop.jupyter import facilitator
from okr_workshop.report import tables
from okr_workshop import widgets

facilitator.short_errors()  # our errors as their message (sv · en), not a traceback
ws = facilitator.open_workshop(
    workshop_path, sample=sample, lang=lang, organisation=organisation, period=period, teams=teams, new=new_workshop
)
lang = lang or ws.lang
team = facilitator.focus_team(ws, team)
print(ws.organisation, ws.period.label, lang, [t.name for t in ws.teams])
""",
        ),
        md(
            "company-note",
            """
## Företagets OKR · Company OKRs

Målen på översta nivån, som teamens mål kopplas till. Skriv dem i formuläret (de sparas automatiskt medan ni
skriver; *Spara nu* sparar direkt) och se dem som tabell nedanför · the top-level objectives the teams align to.
Write them in the form (saved automatically as you type; *Save now* saves at once) and see them as a table below.
""",
        ),
        code(
            "company-form",
            """
company = next((t.name for t in ws.teams if not t.parent_id), None)
if company:
    display(widgets.drafting_form(workshop_path, company, lang=lang))
""",
        ),
        code(
            "company-okrs",
            """
ws = okr.load(workshop_path)
for top in [t for t in ws.teams if not t.parent_id]:
    display(tables.okr_table(ws, top, lang=lang))
""",
        ),
        md(
            "drafting-note",
            """
## Utkast i formuläret · Drafting form

Teamet skriver direkt här (eller i deltagarappen); allt sparas automatiskt i workshopfilen medan de skriver
(*Spara nu* sparar direkt) och återkopplingen kommer direkt · the team types here (or in the participants' app);
everything is saved automatically as they type (*Save now* saves at once), with feedback right away.
""",
        ),
        code(
            "drafting-form",
            """
form = widgets.drafting_form(workshop_path, team, lang=lang)
display(form)
""",
        ),
        md(
            "board-note",
            """
## Tavlan · The board

Alla teams utkast med styrka och koppling uppåt; tryck *Uppdatera* när teamen har skrivit ·
every team's drafts with strength and alignment; press *Refresh* after the teams have typed.
""",
        ),
        code(
            "board",
            """
display(widgets.board(workshop_path, lang=lang))
""",
        ),
        code(
            "findings",
            """
ws = okr.load(workshop_path)
findings = okr.check(ws, lang=lang)
print(facilitator.say("findings", lang, n=len(findings)))
display(tables.findings_table(findings, lang=lang))
""",
        ),
        md(
            "export-note",
            """
## Exportera arbetsboken · Export the workbook

Arbetsboken går ut till teamen för uppföljningar; läs in den igen i `02_scoring` ·
the workbook goes to the teams for check-ins; read it back in `02_scoring`.
""",
        ),
        code(
            "export",
            """
workbook = Path(out_dir) / "okrs.xlsx"
write.write_excel(ws, workbook)
print(facilitator.say("wrote", lang, path=workbook.resolve()))
""",
        ),
    ]
)

SCORING = notebook(
    [
        md(
            "title",
            """
# 2. Uppföljningar och betyg · Check-ins and grading

**Svenska.** Fyll i uppföljningar i formuläret eller läs in arbetsboken, följ framsteg, takt och
tilltro, och sätt slutbetyg vid kvartalets slut (med motivering när du ändrar ett betyg).
**English.** Enter check-ins in the form or import the workbook, follow progress, pace and confidence, and
grade at the end of the quarter (with a reason when you override a grade).
""",
        ),
        md(
            "params-note",
            PARAMETERS_NOTE
            + (
                " `workbook`: a filled-in workbook to import (None: skip); `as_of`: score at this date (None: today, "
                "within the period); `overrides`: {key result id or text: [grade, reason]}."
            ),
        ),
        params(
            extra="""workbook = None  # a filled-in okrs.xlsx to import; None: skip
as_of = None  # "2026-09-30"; None: today, clamped to the period
overrides = {}  # {key result id or text: [grade, reason]} at the end of the quarter
"""
        ),
        code(
            "setup",
            """
from IPython.display import display

import okr_workshop as okr
from okr_workshop.workbook import merge
from okr_workshop.jupyter import facilitator
from okr_workshop.report import tables
from okr_workshop import widgets

facilitator.short_errors()  # our errors as their message (sv · en), not a traceback
ws = facilitator.open_workshop(workshop_path, sample=sample, lang=lang, new=new_workshop)
lang = lang or ws.lang
team = facilitator.focus_team(ws, team)
""",
        ),
        md(
            "checkin-note",
            """
## Uppföljning i formuläret · Check-in form
""",
        ),
        code(
            "check-in-form",
            """
display(widgets.check_in_form(workshop_path, team, lang=lang))
""",
        ),
        md(
            "import-note",
            """
## … eller läs in arbetsboken · … or import the workbook

Allt eller inget: en felaktig rad stoppar inläsningen och säger var · all or nothing: one bad row stops the
import and says where. Samma fil två gånger ändrar ingenting · the same file twice changes nothing.
""",
        ),
        code(
            "import-workbook",
            """
if workbook:
    summary = merge.import_workbook(workbook, workshop_path)
    print(summary.describe(lang))
else:
    print(facilitator.say("no_workbook", lang))
""",
        ),
        md(
            "progress-note",
            """
## Framsteg, takt och tilltro · Progress, pace and confidence
""",
        ),
        code(
            "progress",
            """
ws = okr.load(workshop_path)
display(tables.score_table(ws, as_of=as_of, lang=lang))
""",
        ),
        md(
            "grading-note",
            """
## Slutbetyg · End-of-quarter grading

Uträknat betyg, ditt ändrade betyg (✎) och motiveringen · computed grade, your override (✎) and its reason.
""",
        ),
        code(
            "grading",
            """
facilitator.set_overrides(workshop_path, overrides)
ws = okr.load(workshop_path)
display(tables.grading_table(ws, as_of=as_of, lang=lang))
""",
        ),
    ]
)

REPORTING = notebook(
    [
        md(
            "title",
            """
# 3. Rapporten · The report

**Svenska.** Den här anteckningsboken *är* rapporten: exportera den utan kod med
`okr-workshop report workshop.okr --out rapport` (HTML, och PDF med `--pdf`).
**English.** This notebook *is* the report: export it without code with
`okr-workshop report workshop.okr --out report` (HTML, and PDF with `--pdf`).
""",
        ),
        md(
            "params-note",
            PARAMETERS_NOTE + " `as_of`: report the status at this date (None: today, within the period).",
        ),
        params(extra='as_of = None  # "2026-09-30"; None: today, clamped to the period\n'),
        code(
            "setup",
            """
from IPython.display import display

from okr_workshop.jupyter import facilitator
from okr_workshop.report import parts

facilitator.short_errors()  # our errors as their message (sv · en), not a traceback
ws = facilitator.open_workshop(workshop_path, sample=sample, lang=lang, new=new_workshop)
lang = lang or ws.lang
""",
        ),
        code(
            "report-cover",
            """
display(parts.cover(ws, team, as_of=as_of, lang=lang))
""",
        ),
        code(
            "report-overview",
            """
display(parts.overview(ws, team, as_of=as_of, lang=lang))
""",
        ),
        code(
            "report-teams",
            """
for part in parts.team_sections(ws, team, as_of=as_of, lang=lang):
    display(part)
""",
        ),
        code(
            "report-alignment",
            """
display(parts.alignment(ws, team, as_of=as_of, lang=lang))
""",
        ),
    ]
)

NOTEBOOKS = {
    "00_start_here.ipynb": START_HERE,
    "01_setting.ipynb": SETTING,
    "02_scoring.ipynb": SCORING,
    "03_reporting.ipynb": REPORTING,
}
# The coach-training notebooks (tools/ is on sys.path when this file runs as a script).
from training_notebooks import TRAINING  # noqa: E402

NOTEBOOKS.update(TRAINING)


def render(nb: nbformat.NotebookNode) -> str:
    nbformat.validate(nb)
    return nbformat.writes(nb) + ("" if nbformat.writes(nb).endswith("\n") else "\n")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, nb in NOTEBOOKS.items():
        path = OUT / name
        text = render(nb)
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print("wrote", path.relative_to(ROOT))
    if stale:
        print("out of date (run tools/make_notebooks.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
