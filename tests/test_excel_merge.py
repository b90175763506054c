"""A workbook round trip never reverts anyone: only cells edited in the workbook are applied, conflicts are listed.

The flow: export, a team keeps editing in the app (here: through the store, as the app does), the
workbook comes back. Every test states what the file holds afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import okr_workshop as okr
from okr_workshop.errors import WorkbookError
from okr_workshop.workbook import import_excel
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.merge import ImportConflictError, import_workbook
from okr_workshop.workbook.write import write_excel


def edit(path: Path, key: str, lang: str, changes: dict[tuple[int, str], object]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[L.sheet_name(key, lang)]
    columns = {"okrs": L.OKR_COLUMNS, "checkins": L.CHECKIN_COLUMNS}[key]
    index = {c.key: i + 1 for i, c in enumerate(columns)}
    for (row, col), value in changes.items():
        ws.cell(row=row, column=index[col], value=value)
    wb.save(path)


def rows_of(path: Path, key: str, lang: str, column: str, value: str) -> list[int]:
    columns = {"okrs": L.OKR_COLUMNS, "checkins": L.CHECKIN_COLUMNS}[key]
    at = [c.key for c in columns].index(column)
    rows = openpyxl.load_workbook(path, read_only=True)[L.sheet_name(key, lang)].iter_rows(values_only=True)
    return [i for i, r in enumerate(rows, 1) if r[at] == value]


def row_of(path: Path, key: str, lang: str, column: str, value: str) -> int:
    return rows_of(path, key, lang, column, value)[0]


def edit_objective(path: Path, lang: str, objective_id: str, column: str, value: object) -> None:
    """An objective's field on every row of the objective, as the sheet requires."""
    edit(path, "okrs", lang, {(r, column): value for r in rows_of(path, "okrs", lang, "objective_id", objective_id)})


def leaves(ws: okr.Workshop) -> list:
    """Objectives no other objective supports (renaming one leaves no "Supports" cell dangling)."""
    parents = {o.parent_id for o in ws.objectives}
    return [o for o in ws.objectives if o.id not in parents and o.key_results and o.key_results[0].history]


@pytest.fixture(params=["sv", "en"])
def flow(tmp_path, request):
    """A workshop file, its exported workbook, and the app's edits made after the export."""
    lang = request.param
    ws = okr.samples.load("exempel-ab" if lang == "sv" else "acme")
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(ws, tmp_path / "okrs.xlsx")
    obj = leaves(ws)[0]
    kr = obj.key_results[0]
    check_in = kr.history[0]
    return lang, ws, file, xlsx, obj, kr, check_in


def app_edits(file: Path, obj, kr, check_in) -> None:
    """A team edits in the app after the export: a title, a target and a check-in's value."""
    with okr.open_store(file) as store:
        now = store.load()
        now.objective(obj.id).title = "Titel ändrad i appen"
        now.key_result(kr.id).target = 999
        store.save(now.objective(obj.id))
        store.edit_check_in(check_in.id, value=check_in.value + 1)


def test_importing_the_untouched_workbook_keeps_every_app_edit(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    with okr.open_store(file) as store:
        revision = store.revision()
    summary = import_workbook(xlsx, file)
    assert summary.changes == 0 and summary.warnings == []
    after = okr.load(file)
    assert after.objective(obj.id).title == "Titel ändrad i appen"
    assert after.key_result(kr.id).target == 999
    assert next(c for c in after.key_result(kr.id).check_ins if c.id == check_in.id).value == check_in.value + 1
    with okr.open_store(file) as store:
        assert store.revision() == revision


def test_a_cell_edited_in_the_workbook_is_applied_beside_app_edits_to_other_fields(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    row = row_of(xlsx, "okrs", lang, "key_result_id", kr.id)
    edit(xlsx, "okrs", lang, {(row, "owner"): "Ny ägare"})
    edit_objective(xlsx, lang, obj.id, "why", "Skäl skrivet i arbetsboken")
    c_row = row_of(xlsx, "checkins", lang, "check_in_id", check_in.id)
    edit(xlsx, "checkins", lang, {(c_row, "comment"): "Kommentar i arbetsboken"})
    summary = import_workbook(xlsx, file)
    assert (summary.key_results_changed, summary.objectives_changed, summary.check_ins_changed) == (1, 1, 1)
    after = okr.load(file)
    assert after.key_result(kr.id).owner == "Ny ägare" and after.key_result(kr.id).target == 999
    assert after.objective(obj.id).why == "Skäl skrivet i arbetsboken"
    assert after.objective(obj.id).title == "Titel ändrad i appen"
    c = next(c for c in after.key_result(kr.id).check_ins if c.id == check_in.id)
    assert (c.comment, c.value) == ("Kommentar i arbetsboken", check_in.value + 1)


def test_a_cell_changed_on_both_sides_is_a_conflict_listed_with_both_values_and_nothing_is_stored(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    row = row_of(xlsx, "okrs", lang, "key_result_id", kr.id)
    c_row = row_of(xlsx, "checkins", lang, "check_in_id", check_in.id)
    edit(xlsx, "okrs", lang, {(row, "target"): 500, (row, "owner"): "Ny ägare"})
    edit(xlsx, "checkins", lang, {(c_row, "value"): 77})
    with okr.open_store(file) as store:
        revision = store.revision()
    with pytest.raises(ImportConflictError) as err:
        import_workbook(xlsx, file)
    conflicts = {(c.kind, c.field): c for c in err.value.conflicts}
    assert set(conflicts) == {("key_result", "target"), ("check_in", "value")}
    target = conflicts[("key_result", "target")]
    assert (target.key, target.sheet, target.row) == (kr.id, L.sheet_name("okrs", lang), row)
    assert (target.column, target.workbook, target.workshop) == (L.OKR_COLUMNS[9].label(lang), "500", "999")
    message = str(err.value)
    assert "\n" not in message and "--theirs" in message and "--ours" in message
    assert ("2 celler har ändrats både i arbetsboken och i workshopen" in message) == (lang == "sv")
    assert ("2 cells were changed both in the workbook and in the workshop" in message) == (lang == "en")
    with okr.open_store(file) as store:
        assert store.revision() == revision  # nothing stored, not even the owner edited only in the workbook
    assert okr.load(file).key_result(kr.id).owner == kr.owner


@pytest.mark.parametrize("side", ["theirs", "ours"])
def test_the_facilitator_chooses_theirs_or_ours(flow, side):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    row = row_of(xlsx, "okrs", lang, "key_result_id", kr.id)
    edit(xlsx, "okrs", lang, {(row, "target"): 500, (row, "owner"): "Ny ägare"})
    summary = import_workbook(xlsx, file, resolve=side)
    assert summary.conflicts_resolved == 1
    after = okr.load(file).key_result(kr.id)
    assert after.target == (500 if side == "theirs" else 999)
    assert after.owner == "Ny ägare"  # edited in the workbook only: applied either way


def test_per_row_choices_from_a_notebook(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    row = row_of(xlsx, "okrs", lang, "key_result_id", kr.id)
    edit(xlsx, "okrs", lang, {(row, "target"): 500})
    edit_objective(xlsx, lang, obj.id, "objective", "Titel ändrad i arbetsboken")
    with pytest.raises(ImportConflictError) as err:
        import_excel(xlsx, file)
    keys = {c.key for c in err.value.conflicts}
    assert keys == {kr.id, obj.id}
    import_excel(xlsx, file, resolve={kr.id: "theirs", obj.id: "ours"})
    after = okr.load(file)
    assert after.key_result(kr.id).target == 500
    assert after.objective(obj.id).title == "Titel ändrad i appen"
    with pytest.raises(WorkbookError, match="expected 'theirs' or 'ours'"):
        import_excel(xlsx, file, resolve={kr.id: "mine"})


def test_the_command_line_lists_conflicts_and_takes_theirs_or_ours(flow, tmp_path):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    row = row_of(xlsx, "okrs", lang, "key_result_id", kr.id)
    edit(xlsx, "okrs", lang, {(row, "target"): 500})

    def cli(*extra):
        return subprocess.run([sys.executable, "-m", "okr_workshop", "import", str(xlsx), "--into", str(file), *extra],
                              capture_output=True, text=True)  # fmt: skip

    refused = cli()
    assert refused.returncode == 2
    assert '"500"' in refused.stderr and '"999"' in refused.stderr and "--theirs" in refused.stderr
    assert okr.load(file).key_result(kr.id).target == 999
    assert cli("--ours").returncode == 0 and okr.load(file).key_result(kr.id).target == 999
    done = cli("--theirs")
    assert done.returncode == 0, done.stderr
    assert okr.load(file).key_result(kr.id).target == 500


def test_a_row_deleted_in_the_workshop_stays_deleted_unless_the_workbook_edited_it(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    other = leaves(ws)[1]
    with okr.open_store(file) as store:
        store.delete(obj.id)
        store.delete(other.id)
    edit_objective(xlsx, lang, other.id, "why", "Viktigt ändå")
    with pytest.raises(ImportConflictError) as err:
        import_workbook(xlsx, file)
    (conflict,) = err.value.conflicts
    assert (conflict.key, conflict.workshop) == (other.id, None)
    assert ("borttagen i workshopen" in conflict.describe("sv")) and "deleted in the workshop" in conflict.describe(
        "en"
    )
    summary = import_workbook(xlsx, file, resolve="ours")
    assert summary.changes == 0 and summary.deleted_skipped > 0
    ids = {o.id for o in okr.load(file).objectives}
    assert obj.id not in ids and other.id not in ids
    import_workbook(xlsx, file, resolve={other.id: "theirs"})
    after = okr.load(file)
    assert obj.id not in {o.id for o in after.objectives}
    assert after.objective(other.id).why == "Viktigt ändå"
    assert len(after.objective(other.id).key_results) == len(other.key_results)


def test_a_workbook_without_a_base_imports_as_before_with_a_warning(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    app_edits(file, obj, kr, check_in)
    wb = openpyxl.load_workbook(xlsx)
    for key, columns in (("okrs", L.OKR_COLUMNS), ("checkins", L.CHECKIN_COLUMNS)):
        wb[L.sheet_name(key, lang)].delete_cols([c.key for c in columns].index("base") + 1)
    wb.save(xlsx)
    summary = import_workbook(xlsx, file)
    assert summary.key_results_changed == 1  # as before: the workbook wins
    assert okr.load(file).key_result(kr.id).target == kr.target
    (warning,) = summary.warnings
    assert ("utan bas per rad" in warning) == (lang == "sv") and ("without a base per row" in warning) == (lang == "en")


def test_organisation_and_period_edited_in_the_workbook_are_not_ignored_silently(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("overview", lang)]
    for row in sheet.iter_rows():
        if row[0].value == "Organisation":
            row[1].value = "Nytt Namn AB"
    wb.save(xlsx)
    summary = import_workbook(xlsx, file)
    (warning,) = summary.warnings
    assert "Nytt Namn AB" in warning and ws.organisation in warning
    assert okr.load(file).organisation == ws.organisation


def test_the_base_column_is_hidden_and_dates_and_decimals_do_not_count_as_edits(tmp_path):
    ws = okr.samples.load("exempel-ab")
    ws.key_results[0].target = 0.1 + 0.2  # 0.30000000000000004: a spreadsheet shows and saves 0.3
    ws.key_results[0].due = dt.date(2026, 9, 30)
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(ws, tmp_path / "okrs.xlsx")
    edit(xlsx, "okrs", "sv", {(2, "target"): 0.3})
    assert import_workbook(xlsx, file).changes == 0
    wb = openpyxl.load_workbook(xlsx)
    for key, columns in (("okrs", L.OKR_COLUMNS), ("checkins", L.CHECKIN_COLUMNS)):
        letter = openpyxl.utils.get_column_letter([c.key for c in columns].index("base") + 1)
        assert wb[L.sheet_name(key, "sv")].column_dimensions[letter].hidden


def test_two_workshops_made_from_one_sample_never_take_each_others_workbooks(tmp_path):
    from okr_workshop.jupyter import facilitator

    a = facilitator.open_workshop(tmp_path / "group-a.okr", sample="exempel-ab", new=True)
    b = facilitator.open_workshop(tmp_path / "group-b.okr", sample="exempel-ab", new=True)
    sample = okr.samples.load("exempel-ab")
    assert okr.samples.load("exempel-ab").id == sample.id  # the sample itself keeps its ids
    ids = lambda ws: {ws.id, *(x.id for x in (*ws.teams, *ws.objectives, *ws.key_results))}  # noqa: E731
    assert not ids(a) & ids(b) and not ids(a) & ids(sample)
    assert [o.parent.title for o in a.objectives if o.parent_id] == [
        o.parent.title for o in sample.objectives if o.parent_id
    ]
    xlsx = write_excel(a, tmp_path / "group-a.xlsx")
    with pytest.raises(WorkbookError, match="exporterad från en annan workshop"):
        import_workbook(xlsx, tmp_path / "group-b.okr")
    assert import_workbook(xlsx, tmp_path / "group-a.okr").changes == 0


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_hidden_sheet_for_the_same_key_or_a_copied_sheet_is_refused_never_ignored(tmp_path, lang):
    ws = okr.samples.load("exempel-ab" if lang == "sv" else "acme")
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(ws, tmp_path / "okrs.xlsx")
    name = L.sheet_name("okrs", lang)
    other = L.sheet_name("okrs", "en" if lang == "sv" else "sv")

    wb = openpyxl.load_workbook(xlsx)
    old = wb.copy_worksheet(wb[name])
    old.title = other  # the same sheet by its other-language name, hidden
    old.sheet_state = "hidden"
    wb.save(tmp_path / "hidden.xlsx")
    words = "är samma blad (dolt" if lang == "sv" else "are the same sheet (hidden"
    with pytest.raises(WorkbookError, match=rf'"{name}" .* "{other}" {re.escape(words)}'):
        import_workbook(tmp_path / "hidden.xlsx", file)

    wb = openpyxl.load_workbook(xlsx)
    copy = wb.copy_worksheet(wb[name])
    copy.title = f"{name} (2)"
    wb.save(tmp_path / "copy.xlsx")
    words = "ser ut som en kopia av" if lang == "sv" else "looks like a copy of"
    with pytest.raises(WorkbookError, match=rf'"{re.escape(copy.title)}" {words} "{name}"'):
        import_workbook(tmp_path / "copy.xlsx", file)

    wb = openpyxl.load_workbook(xlsx)
    quality = L.sheet_name("quality", lang)
    wb.copy_worksheet(wb[quality]).title = f"{quality}_2"
    wb[L.sheet_name("checkins", lang)].sheet_state = "hidden"
    wb.save(tmp_path / "quality.xlsx")
    summary = import_workbook(tmp_path / "quality.xlsx", file)
    assert summary.changes == 0 and len(summary.warnings) == 2
    assert all(f'"{quality}_2"' in w or L.sheet_name("checkins", lang) in w for w in summary.warnings)


def test_a_team_renamed_on_both_sides_is_a_conflict_on_the_overview(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    team = ws.teams[-1]
    with okr.open_store(file) as store:
        now = store.load()
        now.team(team.id).name = "Namn från appen"
        store.save(now.team(team.id))
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("overview", lang)]
    row = next(r for r in sheet.iter_rows() if r[0].value == team.name)
    row[0].value = "Namn från arbetsboken"
    wb.save(xlsx)
    # the team's rows on the other sheets name it too: as a person would, rename it there as well
    wb = openpyxl.load_workbook(xlsx)
    okrs = wb[L.sheet_name("okrs", lang)]
    for r in okrs.iter_rows(min_row=2):
        if r[0].value == team.name:
            r[0].value = "Namn från arbetsboken"
    wb.save(xlsx)
    with pytest.raises(ImportConflictError) as err:
        import_workbook(xlsx, file)
    (conflict,) = err.value.conflicts
    assert (conflict.key, conflict.sheet, conflict.column) == (team.id, L.sheet_name("overview", lang), "Team")
    assert (conflict.workbook, conflict.workshop) == ("Namn från arbetsboken", "Namn från appen")
    import_workbook(xlsx, file, resolve="theirs")
    assert okr.load(file).team(team.id).name == "Namn från arbetsboken"


def test_one_damaged_base_cell_is_counted_as_one_row(flow):
    lang, ws, file, xlsx, obj, kr, check_in = flow
    first = row_of(xlsx, "okrs", lang, "key_result_id", obj.key_results[0].id)  # the objective's first row: two bases
    edit(xlsx, "okrs", lang, {(first, "base"): "b9.trasig"})
    (warning,) = import_workbook(xlsx, file).warnings
    assert ("1 rad med skadad bas" in warning) == (lang == "sv"), warning
    assert ("1 row has a damaged base" in warning) == (lang == "en"), warning


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_draft_objective_without_a_title_round_trips_through_its_own_workbook(tmp_path, lang):
    # The app writes a draft objective once a key result has text, before it has a title.
    ws = okr.Workshop.new("Prov AB", period="2027-Q1", lang=lang)
    draft = ws.add_team("Marknad").add_objective("")
    draft.add_key_result("Minska ledtiden till 3 dagar")
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(okr.load(file), tmp_path / "okrs.xlsx")
    summary = import_workbook(xlsx, file)
    assert (summary.objectives_changed, summary.key_results_changed) == (0, 0)
    edit(xlsx, "okrs", lang, {(2, "objective"): "Snabbare leveranser"})  # the title written in later
    import_workbook(xlsx, file)
    (obj,) = okr.load(file).objectives
    assert (obj.id, obj.title, [kr.text for kr in obj.key_results]) == (
        draft.id,
        "Snabbare leveranser",
        ["Minska ledtiden till 3 dagar"],
    )


def test_a_key_result_without_text_round_trips_through_its_own_workbook(tmp_path):
    # The app writes a key result once any field has a value: a unit chosen before the text.
    ws = okr.Workshop.new("Prov AB", period="2027-Q1", lang="sv")
    obj = ws.add_team("Marknad").add_objective("Nöjdare kunder i Norden")
    kr = obj.add_key_result("", unit="dagar")
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(okr.load(file), tmp_path / "okrs.xlsx")
    assert import_workbook(xlsx, file).key_results_changed == 0
    edit(xlsx, "okrs", "sv", {(2, "key_result"): "Leverera på 3 dagar"})
    import_workbook(xlsx, file)
    (back,) = okr.load(file).key_results
    assert (back.id, back.text, back.unit) == (kr.id, "Leverera på 3 dagar", "dagar")
