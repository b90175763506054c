"""Importer fuzzing: edited, broken and hostile workbooks go through ``import_workbook``.

The contract for every example: either the import succeeds (the workshop file
then loads, passes SQLite's integrity check, and a second import of the same
workbook changes nothing), or it raises one of our own errors whose one-line
message names the file (and, for cell problems, the sheet and row), and the
workshop file's content and history are exactly as before. Any other
exception fails the test.

Together the hypothesis tests below generate 1,450 workbooks (450 + 300 + 400 + 300).

Damaged zip entries (a broken deflate stream, an unknown compression method,
offsets out of the file) are pinned exactly by
``test_damaged_content_types_entry_is_refused`` and ``test_damaged_sheet_entry_is_refused``.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
import strategies as S  # tests/strategies.py: pytest puts tests/ on sys.path
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import okr_workshop as okr
from okr_workshop.errors import OkrWorkshopError, WorkbookError
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.workbook.read import read_excel

# Derandomised so CI sees the same workbooks every run; OKR_FUZZ_RANDOM=1 explores new ones.
FUZZ = dict(
    deadline=None,
    database=None,
    derandomize=not os.environ.get("OKR_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# ------------------------------------------------------------------ the harness


@dataclass
class Env:
    dir: Path
    templates: dict[str, S.Template]
    snapshots: dict[str, tuple]

    def restore(self, lang: str) -> Path:
        path = self.dir / "workshop.okr"
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(self.templates[lang].okr_file)
        return path


def snapshot(path: Path) -> tuple:
    """What must not change after a failed import: the logical content and the history."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        conn.close()
    return okr.load(path).to_dict(), rows


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> Env:
    folder = tmp_path_factory.mktemp("fuzz")
    templates = {lang: S.template(lang, str(folder / "templates")) for lang in ("sv", "en")}
    e = Env(folder, templates, {})
    for lang in templates:
        e.snapshots[lang] = snapshot(e.restore(lang))
    return e


LOCATION = re.compile(r'(sheet|bladet) "[^"]*"')  # problems follow the workbook's language


def check_import(env: Env, data: bytes, lang: str) -> str:
    """Run one import and check the contract; returns the outcome's name (for statistics)."""
    xlsx = env.dir / "edited.xlsx"
    xlsx.write_bytes(data)
    path = env.restore(lang)
    try:
        summary = import_workbook(xlsx, path)
    except OkrWorkshopError as err:
        message = str(err)
        assert message.strip(), "an empty error message"
        assert "\n" not in message, f"not one line: {message!r}"
        assert xlsx.name in message or path.name in message, f"the message names no file: {message!r}"
        for problem in getattr(err, "problems", []):
            assert LOCATION.search(problem) or xlsx.name in problem, f"a problem without a location: {problem!r}"
        assert snapshot(path) == env.snapshots[lang], "a failed import changed the workshop file"
        return type(err).__name__
    assert integrity(path) == "ok"
    after = snapshot(path)
    assert okr.Workshop.from_dict(after[0]).to_dict() == after[0]
    again = import_workbook(xlsx, path)
    assert again.changes == 0, f"importing the same workbook twice changed things again: {again}"
    assert snapshot(path) == after
    return "imported" if summary.changes else "unchanged"


# ------------------------------------------------------------------ hypothesis: > 1,000 workbooks


@pytest.mark.slow
def test_structural_mutations_of_an_exported_workbook(env):
    """Wrong types in any cell, sheets deleted/renamed/added, merged cells, formulas, moved headers, empty rows."""
    seen: collections.Counter = collections.Counter()

    @settings(max_examples=450, **FUZZ)
    @given(lang=st.sampled_from(["sv", "en"]), edits=S.workbook_edits)
    def run(lang, edits):
        grid = S.apply(edits, env.templates[lang].grid())
        outcome = check_import(env, S.build(grid), lang)
        event(outcome)
        seen[outcome] += 1

    run()
    assert sum(seen.values()) >= 400
    assert seen["imported"] + seen["unchanged"] >= 20, seen  # the fuzzer still reaches the writing path
    assert seen["WorkbookError"] >= 100, seen


@pytest.mark.slow
def test_hostile_values_in_every_column(env):
    """Each data column of the key-result and check-in sheets gets values of every wrong kind."""
    seen: collections.Counter = collections.Counter()

    @settings(max_examples=300, **FUZZ)
    @given(
        lang=st.sampled_from(["sv", "en"]),
        sheet=st.sampled_from(["okrs", "checkins", "overview"]),
        cells=st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), S.hostile_values), min_size=1, max_size=3),
    )
    def run(lang, sheet, cells):
        grid = env.templates[lang].grid()
        target = next(s for s in grid if L.sheet_key(s.title) == sheet)
        width = len(target.rows[0])
        data_rows = [i for i, r in enumerate(target.rows) if i > 0 and any(v is not None for v, _ in r)]
        for r, c, value in cells:
            row = target.rows[data_rows[r % len(data_rows)]]
            row[c % width] = (value, "n")
        outcome = check_import(env, S.build(grid), lang)
        event(f"{sheet}: {outcome}")
        seen[outcome] += 1

    run()
    assert seen["WorkbookError"] >= 50, seen
    assert seen["imported"] + seen["unchanged"] >= 10, seen


@pytest.mark.slow
def test_byte_mutations_of_the_file(env):
    """Bits flipped, bytes deleted and inserted, the file truncated: anywhere, and in the central directory."""
    seen: collections.Counter = collections.Counter()

    @settings(max_examples=400, **FUZZ)
    @given(lang=st.sampled_from(["sv", "en"]), edits=S.byte_edits)
    def run(lang, edits):
        data = S.mutate_bytes(env.templates[lang].xlsx, edits)
        outcome = check_import(env, data, lang)
        event(outcome)
        seen[outcome] += 1

    run()
    assert seen["WorkbookError"] >= 200, seen


@pytest.mark.slow
def test_byte_mutations_inside_compressed_streams(env):
    """The deflate stream of one part mutated in place, or its XML mutated and zipped up again."""
    seen: collections.Counter = collections.Counter()
    members = sorted(S.member_offsets(env.templates["sv"].xlsx))

    @settings(max_examples=300, **FUZZ)
    @given(
        lang=st.sampled_from(["sv", "en"]),
        member=st.sampled_from(members),
        inside_xml=st.booleans(),
        edits=S.byte_edits,
    )
    def run(lang, member, inside_xml, edits):
        data = env.templates[lang].xlsx
        if member not in S.member_offsets(data):
            return
        mutate = S.mutate_member if inside_xml else S.mutate_compressed
        outcome = check_import(env, mutate(data, member, edits), lang)
        event(f"{'xml' if inside_xml else 'deflate'}: {outcome}")
        seen[outcome] += 1

    run()
    assert seen["WorkbookError"] >= 50, seen


# ------------------------------------------------------------------ targeted cases, with exact locations


def _grid_with(env: Env, lang: str, sheet_key: str, header_key: str, value, row: int = 1):
    """The template grid with one cell (by column key, ``row`` data rows down) replaced."""
    grid = env.templates[lang].grid()
    sheet = next(s for s in grid if L.sheet_key(s.title) == sheet_key)
    columns = {"okrs": L.OKR_COLUMNS, "checkins": L.CHECKIN_COLUMNS}[sheet_key]
    lookup = L.header_lookup(columns)
    col = next(
        i for i, (v, _) in enumerate(sheet.rows[0]) if v is not None and lookup.get(L.normalise(v)) == header_key
    )
    sheet.rows[row][col] = (value, "n")
    return grid, sheet.title, row + 1, sheet.rows[0][col][0]


def _import_error(env: Env, data: bytes, lang: str) -> WorkbookError:
    outcome = check_import(env, data, lang)
    assert outcome == "WorkbookError", outcome
    with pytest.raises(WorkbookError) as info:
        read_excel(env.dir / "edited.xlsx")
    return info.value


@pytest.mark.parametrize(
    "sheet_key,column,value,expected",
    [
        ("okrs", "key_result", "x" * 40_000, "10000"),
        ("okrs", "objective", "y" * 40_000, "10000"),
        ("okrs", "target", 1e308, "number"),
        ("okrs", "target", -1e308, "number"),
        ("okrs", "baseline", "1e309", "number"),
        ("okrs", "target", "inf", "number"),
        ("okrs", "target", "tio", "number"),
        ("okrs", "target", S.Raw("n", "1" + "0" * 400), "number"),
        ("okrs", "target", S.Raw("e", "#DIV/0!"), "number"),
        ("okrs", "due", "2027-02-30", "date"),
        ("okrs", "due", "30/02/2027", "date"),
        ("okrs", "confidence", 11, "1 to 10"),
        ("okrs", "confidence", 5.5, "1 to 10"),
        ("okrs", "kind", "kanske", "expected one of"),
        ("okrs", "key_result", "=1+1", "formula"),
        ("okrs", "target", "=SUM(1,1)", "formula"),
        ("checkins", "on", "idag", "date"),
        ("checkins", "value", "NaN", "number"),
        ("checkins", "comment", "z" * 40_000, "10000"),
        ("checkins", "comment", '=HYPERLINK("http://evil.example","x")', "formula"),
        ("checkins", "key_result_id", "inte ett id!", "id"),
    ],
)
def test_bad_cell_is_refused_with_its_location(env, sheet_key, column, value, expected):
    grid, title, row_no, header = _grid_with(env, "sv", sheet_key, column, value)
    err = _import_error(env, S.build(grid), "sv")
    assert err.problems, str(err)
    problem = next((p for p in err.problems if f'bladet "{title}", rad {row_no}' in p), None)  # a Swedish workbook
    assert problem is not None, f"no problem names sheet {title!r} row {row_no}: {err.problems}"
    assert SWEDISH[expected] in problem, problem


SWEDISH = {"10000": "10000", "number": "tal", "date": "datum", "1 to 10": "1 till 10", "expected one of": "välj ett av",
           "formula": "formel", "id": "id"}  # fmt: skip


def test_long_organisation_is_refused_with_its_location(env):
    grid = env.templates["sv"].grid()
    overview = next(s for s in grid if L.sheet_key(s.title) == "overview")
    row = next(i for i, r in enumerate(overview.rows) if r and r[0][0] == "Organisation")
    overview.rows[row][1] = ("Ö" * 40_000, "s")
    err = _import_error(env, S.build(grid), "sv")
    assert f'bladet "{overview.title}", rad {row + 1}' in str(err), str(err)


def test_long_team_name_is_refused_with_its_location(env):
    grid = env.templates["sv"].grid()
    overview = next(s for s in grid if L.sheet_key(s.title) == "overview")
    header = next(i for i, r in enumerate(overview.rows) if r and r[0][0] == L.TEAM_COLUMNS[0].sv)
    overview.rows[header + 1][0] = ("L" * 12_000, "s")
    err = _import_error(env, S.build(grid), "sv")
    assert f'bladet "{overview.title}", rad {header + 2}' in str(err), str(err)


@pytest.mark.parametrize("raw", [S.Raw("n", "inf"), S.Raw("n", "tio"), S.Raw("s", "99999"), S.Raw("b", "2"),
                                 S.Raw("d", "inte ett datum"), S.Raw("e", "#REF!")])  # fmt: skip
def test_corrupt_cell_xml_is_refused_naming_the_file(env, raw):
    """Cells no spreadsheet program writes (hand-edited XML): refused, the file named, nothing stored."""
    grid, *_ = _grid_with(env, "sv", "checkins", "value", raw)
    outcome = check_import(env, S.build(grid), "sv")
    assert outcome in ("WorkbookError", "unchanged")


@pytest.mark.parametrize("key", ["overview", "okrs", "checkins", "lists"])
def test_missing_sheet_is_named(env, key):
    grid = [s for s in env.templates["en"].grid() if L.sheet_key(s.title) != key]
    err = _import_error(env, S.build(grid), "en")
    assert L.SHEETS[key]["en"] in str(err)


def test_renamed_header_is_named(env):
    grid = env.templates["en"].grid()
    sheet = next(s for s in grid if L.sheet_key(s.title) == "okrs")
    col = next(i for i, (v, _) in enumerate(sheet.rows[0]) if v == "Target")
    sheet.rows[0][col] = ("Goal value", "s")
    err = _import_error(env, S.build(grid), "en")
    assert "Target" in str(err) and f'sheet "{sheet.title}", row 1' in str(err)


def test_moved_headers_still_import(env):
    """Columns in another order are matched by header: nothing changes."""
    grid = env.templates["sv"].grid()
    sheet = next(s for s in grid if L.sheet_key(s.title) == "checkins")
    for row in sheet.rows:
        row.reverse()
    assert check_import(env, S.build(grid), "sv") == "unchanged"


def test_empty_rows_in_the_middle_change_nothing(env):
    grid = env.templates["sv"].grid()
    for sheet in grid:
        if L.sheet_key(sheet.title) in ("okrs", "checkins"):
            for at in (len(sheet.rows) - 1, 3, 2):
                sheet.rows[at:at] = [[], [(None, "n")] * 5, [("  ", "n")]]
    assert check_import(env, S.build(grid), "sv") == "unchanged"


def test_merged_cells_over_data_are_imported_or_refused_with_location(env):
    grid = env.templates["sv"].grid()
    sheet = next(s for s in grid if L.sheet_key(s.title) == "okrs")
    sheet.merged.append("A2:B4")
    outcome = check_import(env, S.build(grid), "sv")
    assert outcome in ("WorkbookError", "unchanged", "imported")


def _with_a_new_check_in(env, comment: str) -> tuple[bytes, str]:
    """The Swedish template workbook with one new check-in row commented ``comment``; (xlsx, its key result id)."""
    grid = env.templates["sv"].grid()
    sheet = next(s for s in grid if L.sheet_key(s.title) == "checkins")
    lookup = L.header_lookup(L.CHECKIN_COLUMNS)
    cols = {lookup.get(L.normalise(v)): i for i, (v, _) in enumerate(sheet.rows[0]) if v}
    new = list(sheet.rows[1])
    for key in ("check_in_id", "recorded_at"):
        new[cols[key]] = (None, "n")
    new[cols["on"]] = (dt.datetime(2026, 8, 3), "d")
    new[cols["value"]] = (7, "n")
    new[cols["comment"]] = (comment, "s")
    sheet.rows.append(new)
    return S.build(grid), new[cols["key_result_id"]][0]


def test_unicode_in_a_new_check_in_comes_back_exactly(env):
    """RTL marks, emoji, combining accents and invisible characters survive an import unchanged."""
    text = " | ".join(S.UNICODE_SAMPLES[:7])
    data, kr_id = _with_a_new_check_in(env, text)
    assert check_import(env, data, "sv") == "imported"
    comments = [c.comment for c in okr.load(env.dir / "workshop.okr").key_result(kr_id).check_ins]
    assert text in comments


def test_a_bidi_override_in_a_cell_is_refused_with_its_place(env):
    """U+202E makes a text read backwards from how it is stored: refused like a control character."""
    data, _ = _with_a_new_check_in(env, "fakturan.\u202efdp.exe")
    assert check_import(env, data, "sv") == "WorkbookError"


def test_xml_illegal_control_characters_are_refused(env):
    data = S.rewrite_members(
        env.templates["sv"].xlsx,
        # the text is in the shared strings (XlsxWriter) or inline in the sheet (other writers)
        lambda name, body: (
            body.replace(b"</t>", b"\x01&#2;</t>", 1) if name.endswith(("sheet2.xml", "sharedStrings.xml")) else body
        ),
    )
    assert check_import(env, data, "sv") == "WorkbookError"


@pytest.mark.parametrize("cut", [0, 1, 4, 100, 2000, -22, -1])
def test_truncated_file_is_refused(env, cut):
    data = env.templates["sv"].xlsx
    assert check_import(env, data[:cut] if cut else b"", "sv") == "WorkbookError"


def test_template_round_trip_is_clean(env):
    """Guards the harness: the unmutated template imports with no change in both languages."""
    for lang in ("sv", "en"):
        assert check_import(env, env.templates[lang].xlsx, lang) == "unchanged"
        assert check_import(env, S.build(env.templates[lang].grid()), lang) == "unchanged"


# ------------------------------------------------------------------ damaged zip structure (regressions)


def _damage(data: bytes, how: str) -> bytes:
    name = b"[Content_Types].xml"
    if how == "deflate":  # the compressed stream starts with an invalid block type
        return S.mutate_compressed(data, name.decode(), [S.ByteOp("overwrite", 0, data=b"\xff\xff\xff")])
    if how == "method":  # the central directory says "shrunk" (method 1), which zipfile cannot read
        at = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
        return data[: at + 10] + (1).to_bytes(2, "little") + data[at + 12 :]
    if how == "offset":  # the end record points the central directory past where it is: negative offsets
        at = data.rindex(b"PK\x05\x06")
        offset = int.from_bytes(data[at + 16 : at + 20], "little") + len(data)
        return data[: at + 16] + offset.to_bytes(4, "little") + data[at + 20 :]
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["deflate", "method", "offset"])
def test_damaged_content_types_entry_is_refused(env, how):
    assert check_import(env, _damage(env.templates["sv"].xlsx, how), "sv") == "WorkbookError"


@pytest.mark.parametrize("how", ["deflate", "method"])
def test_damaged_sheet_entry_is_refused(env, how):
    """The same damage to a worksheet part is caught (by the openpyxl boundary)."""
    data = env.templates["sv"].xlsx
    name = "xl/worksheets/sheet2.xml"
    if how == "deflate":
        data = S.mutate_compressed(data, name, [S.ByteOp("overwrite", 0, data=b"\xff\xff\xff")])
    else:
        at = data.rindex(b"PK\x01\x02", 0, data.rindex(name.encode()))
        data = data[: at + 10] + (1).to_bytes(2, "little") + data[at + 12 :]
    assert check_import(env, data, "sv") == "WorkbookError"


def test_huge_integer_is_a_validation_error():
    """A number no float can hold is bad input, not a crash (an Excel cell can carry one as text of digits)."""
    from okr_workshop.errors import ValidationError

    with pytest.raises(ValidationError):
        okr.KeyResult(text="x", kind="increase", baseline=0, target=10**400)


# ------------------------------------------------------------------ the hidden lists sheet (format marker, ids)


@pytest.mark.parametrize(
    "key,value,expected",
    [
        ("format", "", WorkbookError),
        ("format", "något annat", WorkbookError),
        ("version", "99", WorkbookError),
        ("version", "abc", WorkbookError),
        ("version", "1e400", WorkbookError),
        ("workshop_id", "another-workshop", WorkbookError),
        ("workshop_id", "inte ett id!", WorkbookError),
        ("workshop_id", "", WorkbookError),
        ("lang", "fi", None),
        ("profile", "okänd", None),
        ("settings", "{trasig json", WorkbookError),
        ("settings", "[1, 2, 3]", None),
        ("settings", '{"a": ' * 5000 + "1" + "}" * 5000, None),
    ],
)
def test_edited_lists_sheet(env, key, value, expected):
    """The hidden sheet carries the format marker and the workshop id: edits are refused or harmless."""
    grid = env.templates["sv"].grid()
    lists = next(s for s in grid if L.sheet_key(s.title) == "lists")
    k = next(i for i, (v, _) in enumerate(lists.rows[0]) if v == "key")
    row = next(r for r in lists.rows[1:] if len(r) > k and r[k][0] == key)
    row[k + 1] = (value, "s")
    outcome = check_import(env, S.build(grid), "sv")
    if expected is WorkbookError:
        assert outcome == "WorkbookError"
    else:
        assert outcome in ("WorkbookError", "unchanged", "imported")
