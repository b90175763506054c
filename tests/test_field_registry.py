"""The field registry (model/fields.py): a field declared once reaches the store, JSON and the workbook.

A throwaway field added to key results in a fixture (a dataclass with the attribute, its declaration in
the registry, and a migration that adds its column) round-trips through the workshop file (SQLite and
PostgreSQL), the JSON format and the workbook, with no other code edited. And since every row is
built by name, reordering the declarations cannot move a value into another field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import okr_workshop as okr
from okr_workshop.model import fields as registry
from okr_workshop.model.entities import Indicator, KeyResult, Kind
from okr_workshop.model.fields import REGISTRY, Field
from okr_workshop.storage import store as store_mod
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.merge import import_workbook


@dataclasses.dataclass(slots=True, eq=False)
class TaggedKeyResult(KeyResult):
    """A key result with one more field: the team's own tag for it."""

    tag: str = ""


TAG = Field("tag", cell="text", width=12, required=False)  # workbooks exported before it still import


def add_tag_field(monkeypatch) -> None:
    """What a maintainer writes to add a field: the attribute, one declaration, one migration."""
    kr = REGISTRY["key_result"]
    monkeypatch.setitem(REGISTRY, "key_result", dataclasses.replace(kr, cls=TaggedKeyResult, fields=(*kr.fields, TAG)))
    version = store_mod.SCHEMA_VERSION
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", version + 1)
    monkeypatch.setitem(store_mod.MIGRATIONS, version, "ALTER TABLE key_result ADD COLUMN tag TEXT NOT NULL DEFAULT ''")


def tagged_workshop(lang: str = "sv") -> okr.Workshop:
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang=lang)
    team = ws.add_team("Marknad")
    obj = team.add_objective("Kraftigt ökad synlighet på tyska marknaden", type="aspirational")
    for i, tag in enumerate(("mässa", "webb", "")):
        kr = TaggedKeyResult(
            text=f"{200 + i} leads från kanal {i}", kind="increase", baseline=i, target=200 + i, unit="st", tag=tag
        )
        kr.objective = obj
        obj.key_results.append(kr)
    obj.key_results[0].add_check_in(value=120, confidence=6, on=dt.date(2027, 2, 15))
    return ws


def tags(ws: okr.Workshop) -> dict[str, str]:
    return {kr.text: kr.tag for kr in ws.key_results}


EXPECTED = {"200 leads från kanal 0": "mässa", "201 leads från kanal 1": "webb", "202 leads från kanal 2": ""}


# --------------------------------------------------------------------------- a new field, end to end


def test_a_new_field_round_trips_through_a_new_workshop(workshop_location, monkeypatch):
    add_tag_field(monkeypatch)
    ws = tagged_workshop()
    okr.save(ws, workshop_location)
    back = okr.load(workshop_location)
    assert tags(back) == EXPECTED
    assert all(isinstance(kr, TaggedKeyResult) for kr in back.key_results)
    assert back.to_dict() == ws.to_dict()  # nothing else moved either


def test_a_new_field_reaches_an_existing_file_through_its_migration(workshop_location, monkeypatch):
    """A file made before the field: opening it for writing adds the column; then the field is stored."""
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1")
    ws.add_team("Marknad").add_objective("Synas i Tyskland").add_key_result("200 leads", kind="increase", target=200)
    okr.save(ws, workshop_location)
    add_tag_field(monkeypatch)
    assert okr.load(workshop_location).key_results[0].tag == ""  # read-only, not upgraded: the model's default
    with okr.open_store(workshop_location) as store:  # migrates
        current = store.load()
        kr = current.key_results[0]
        assert kr.tag == ""  # the column's default for rows stored before
        kr.tag = "mässa"
        store.save(kr)
    assert okr.load(workshop_location).key_results[0].tag == "mässa"


def test_a_new_field_is_saved_field_by_field(workshop_location, monkeypatch):
    """Forms save single fields (save_fields): the new field is one of them, with conflicts like any other."""
    add_tag_field(monkeypatch)
    okr.save(tagged_workshop(), workshop_location)
    with okr.open_store(workshop_location) as store:
        mine, theirs = store.load().key_results[0], store.load().key_results[0]
        theirs.tag = "theirs"
        assert store.save_fields(theirs, {"tag": "mässa"}).written == {"tag": "theirs"}
        mine.tag = "mine"
        result = store.save_fields(mine, {"tag": "mässa"})
    assert [(c.field, c.base, c.mine, c.theirs) for c in result.conflicts] == [("tag", "mässa", "mine", "theirs")]
    assert okr.load(workshop_location).key_results[0].tag == "theirs"


def test_a_new_field_round_trips_through_json(monkeypatch):
    add_tag_field(monkeypatch)
    ws = tagged_workshop()
    data = ws.to_dict()
    assert data["teams"][0]["objectives"][0]["key_results"][0]["tag"] == "mässa"
    assert tags(okr.Workshop.from_json(ws.to_json())) == EXPECTED


def test_a_new_field_round_trips_through_the_workbook(tmp_path, monkeypatch):
    add_tag_field(monkeypatch)
    path = okr.write_excel(tagged_workshop(), tmp_path / "okrs.xlsx")
    header = [c.key for c in L.okr_columns()]
    assert header.index("tag") < header.index("objective_id")  # with the fields, before the ids
    back = okr.read_excel(path)
    assert tags(back) == EXPECTED


def test_a_new_field_edited_in_the_workbook_is_imported(tmp_path, monkeypatch):
    """The workbook's base (what each field held at export) covers the new field: an edit there is applied."""
    import openpyxl

    add_tag_field(monkeypatch)
    store_path = tmp_path / "exempel.okr"
    okr.save(tagged_workshop(), store_path)
    xlsx = okr.write_excel(okr.load(store_path), tmp_path / "okrs.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("okrs", "sv")]
    column = [c.key for c in L.okr_columns()].index("tag") + 1
    assert sheet.cell(2, column).value == "mässa"
    sheet.cell(2, column).value = "mässa och event"
    wb.save(xlsx)
    summary = import_workbook(xlsx, store_path)
    assert summary.key_results_changed == 1
    assert tags(okr.load(store_path))["200 leads från kanal 0"] == "mässa och event"


# --------------------------------------------------------------------------- order cannot shift values


@pytest.fixture
def reversed_registry(monkeypatch):
    """Every entity's fields declared in the opposite order (the store's new tables follow it)."""
    for name, entity in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, name, dataclasses.replace(entity, fields=entity.fields[::-1]))


def _rich(workshop) -> okr.Workshop:
    kr = workshop.key_results[0]
    kr.indicator, kr.due, kr.confidence, kr.weight = Indicator.LEADING, dt.date(2027, 3, 1), 4, 2.5
    kr.override(0.8, "Mässan flyttades")
    workshop.objectives[0].why = "Tyskland är vår största marknad"
    return workshop


def test_reversed_declarations_round_trip_everywhere(workshop, reversed_registry, tmp_path):
    ws = _rich(workshop)
    expected = ws.to_dict()
    okr.save(ws, tmp_path / "omvänd.okr")
    assert okr.load(tmp_path / "omvänd.okr").to_dict() == expected
    assert okr.Workshop.from_json(ws.to_json()).to_dict() == expected
    okr.write_excel(ws, tmp_path / "omvänd.xlsx")
    assert _comparable(okr.read_excel(tmp_path / "omvänd.xlsx").to_dict()) == _comparable(expected)


def test_a_file_written_in_one_order_reads_the_same_in_another(workshop, tmp_path, monkeypatch):
    """The columns of a file are matched by name: a file whose columns are in another order reads the same."""
    ws = _rich(workshop)
    okr.save(ws, tmp_path / "rak.okr")
    okr.write_excel(ws, tmp_path / "rak.xlsx")
    for name, entity in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, name, dataclasses.replace(entity, fields=entity.fields[::-1]))
    assert okr.load(tmp_path / "rak.okr").to_dict() == ws.to_dict()
    assert _comparable(okr.read_excel(tmp_path / "rak.xlsx").to_dict()) == _comparable(ws.to_dict())
    with okr.open_store(tmp_path / "rak.okr") as store:  # and rows written now land in their own columns
        kr = store.load().key_results[0]
        kr.target, kr.unit = 250, "leads"
        store.save(kr)
    again = okr.load(tmp_path / "rak.okr").key_results[0]
    assert (again.target, again.unit, again.baseline) == (250, "leads", ws.key_results[0].baseline)


def _comparable(data: dict) -> dict:
    """A workshop as a workbook keeps it: check-ins' recorded_at is stamped, the export adds nothing else."""
    for team in data["teams"]:
        for obj in team["objectives"]:
            for kr in obj["key_results"]:
                for c in kr["check_ins"]:
                    c.pop("recorded_at")
    return data


# --------------------------------------------------------------------------- the declarations themselves


def test_every_dataclass_field_is_declared_and_nothing_else():
    """A field added to a dataclass but not to the registry would be silently dropped by files and workbooks."""
    relations = {"id", "check_ins", "key_results", "objectives", "objective", "team", "workshop"}
    for name, entity in REGISTRY.items():
        attributes = {f.name for f in dataclasses.fields(entity.cls)} - relations
        assert attributes == set(entity.names), name


def test_every_column_header_and_hint_is_in_both_catalogues():
    from okr_workshop.i18n.catalog import translations

    for name, entity in REGISTRY.items():
        for f in entity.fields:
            msgids = [registry.Entity.title(name, f.name)] if f.cell else []
            msgids += [f.hint] if f.hint else []
            for msgid in msgids:
                for lang in ("sv", "en"):
                    assert translations(lang).gettext(msgid) != msgid, (lang, msgid)


def test_the_store_schema_is_the_one_files_have_on_disk():
    """The tables built from the registry are the ones of schema 2 (no migration for existing files)."""
    import sqlite3

    from okr_workshop.storage.schema import schema

    conn = sqlite3.connect(":memory:")
    conn.executescript(schema())
    columns = {
        table: [(r[1], r[2], r[3]) for r in conn.execute(f"PRAGMA table_info({table})")]
        for table in ("team", "objective", "key_result", "check_in")
    }
    assert [c[0] for c in columns["key_result"]] == [
        "id", "objective_id", "text", "kind", "metric", "unit", "baseline", "target", "owner", "due", "confidence",
        "weight", "indicator", "grade_override", "override_reason", "position",
    ]  # fmt: skip
    assert columns["check_in"][2] == ("on_date", "TEXT", 1)
    assert [c[0] for c in columns["objective"]] == [
        "id", "team_id", "title", "why", "type", "owner", "parent_id", "weight", "position",
    ]  # fmt: skip


# --------------------------------------------------------------------------- a workbook's base across versions


def _edit_cell(xlsx, key: str, value, row: int = 2) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("okrs", "sv")]
    header = [c.value for c in sheet[1]]
    column = header.index(next(c.sv for c in L.okr_columns() if c.key == key)) + 1
    sheet.cell(row, column).value = value
    wb.save(xlsx)


def test_a_workbook_exported_in_one_order_imports_right_in_another(workshop, tmp_path, monkeypatch):
    """The base cell tags each checksum with its field: a registry in another order reads it the same."""
    store_path = tmp_path / "exempel.okr"
    okr.save(_rich(workshop), store_path)
    xlsx = okr.write_excel(okr.load(store_path), tmp_path / "okrs.xlsx")
    _edit_cell(xlsx, "target", 999)
    for name, entity in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, name, dataclasses.replace(entity, fields=entity.fields[::-1]))
    with okr.open_store(store_path) as store:  # meanwhile the app changed another field of the same row
        kr = store.load().key_results[0]
        kr.baseline = 5
        store.save(kr)
    assert import_workbook(xlsx, store_path).key_results_changed == 1
    kr = okr.load(store_path).key_results[0]
    assert (kr.target, kr.baseline) == (999, 5)  # the workbook's edit applied, the app's change kept


def test_a_field_added_after_the_export_keeps_its_value_on_import(tmp_path, monkeypatch):
    """A workbook from before the field has no column for it: importing it leaves the field as stored."""
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1")
    ws.add_team("Marknad").add_objective("Synas i Tyskland").add_key_result("200 leads", kind="increase", target=200)
    store_path = tmp_path / "exempel.okr"
    okr.save(ws, store_path)
    xlsx = okr.write_excel(ws, tmp_path / "okrs.xlsx")
    _edit_cell(xlsx, "target", 250)
    add_tag_field(monkeypatch)
    with okr.open_store(store_path) as store:
        kr = store.load().key_results[0]
        kr.tag = "mässa"
        store.save(kr)
    import_workbook(xlsx, store_path)
    kr = okr.load(store_path).key_results[0]
    assert (kr.target, kr.tag) == (250, "mässa")


def test_a_base_cell_of_a_workbook_exported_before_the_registry_still_reads(workshop):
    """b1 cells hold checksums by position (B1_LAYOUT); they decode to the same fields as before."""
    import base64
    import struct

    from okr_workshop.workbook import base as B

    obj = workshop.objectives[0]
    kr = obj.key_results[0]
    sums = [B.checksum(B.canon(getattr(o, name))) for o, kind in ((obj, "objective"), (kr, "key_result"))
            for name in B.B1_LAYOUT[kind]]  # fmt: skip
    cell = "b1." + base64.urlsafe_b64encode(struct.pack(f">{len(sums)}I", *sums)).decode().rstrip("=")
    assert B.decode(cell, "objective", "key_result") == B.decode(
        B.encode(("objective", obj), ("key_result", kr)), "objective", "key_result"
    )


def test_every_field_has_its_own_tag_in_the_base():
    from okr_workshop.workbook import base as B

    tags = [B._tag(kind, name) for kind in REGISTRY for name in B.fields(kind)]
    assert len(tags) == len(set(tags))


@pytest.mark.parametrize(
    "bad", [{"kind": "float"}, {"kind": "enum"}, {"kind": "text", "enum": Kind}, {"name": "on date"}]
)
def test_a_declaration_that_cannot_work_is_refused_at_once(bad):
    with pytest.raises(ValueError, match="field"):
        Field(**{"name": "x", **bad})
