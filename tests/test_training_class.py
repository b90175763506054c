"""A class: a code that hands everyone the same exercises, a roster, one graded attempt, archive between classes."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from okr_workshop.errors import OkrWorkshopError  # noqa: E402
from okr_workshop.training import Classroom, make_spot_exercise, seed_of  # noqa: E402
from okr_workshop.widgets.training import SpotTheFlaw  # noqa: E402


def test_a_class_code_gives_everyone_the_same_seed(tmp_path):
    room = Classroom.create(tmp_path, "sv", "Anna\nBo, Cia\n\n")
    assert room.roster == ["Anna", "Bo", "Cia"] and len(room.code) == 6
    again = Classroom.open(room.code.lower(), tmp_path)  # typed in lower case
    assert again.seed == room.seed == seed_of(room.code) and again.lang == "sv"
    with pytest.raises(OkrWorkshopError, match="no class"):
        Classroom.open("ZZZZZZ", tmp_path)
    with pytest.raises(OkrWorkshopError, match="not a class code"):
        Classroom.open("!!", tmp_path)


def test_roster_one_graded_attempt_and_archive(tmp_path):
    room = Classroom.create(tmp_path, "sv", ["Anna", "Bo"], code="KLASS7", one_attempt=True)
    ex = make_spot_exercise(room.seed, room.lang, 2)
    widget = SpotTheFlaw(ex, classroom=room)
    widget.check.click()  # no name yet: nothing graded or logged
    assert "Skriv ditt namn först" in widget.feedback.value and not room.log_path.exists()
    widget.name.value = "Anna"
    assert not widget.submit([]).passed
    assert widget.check.disabled and widget.name.disabled
    widget._on_check_click()  # a second try is refused in a one-attempt class
    assert "bara första försöket rättas" in widget.feedback.value
    assert len(room.log.entries()) == 1 and room.log.entries()[0]["class"] == "KLASS7"
    assert room.not_submitted("spot") == ["Bo"]
    progress = room.progress()
    assert set(progress["status"]) == {"working", "not_started"}
    archived = room.archive()
    assert archived.exists() and not room.log_path.exists() and room.log.entries() == []


def test_the_trainer_view_creates_a_class_once(tmp_path):
    from okr_workshop.training import announce, for_trainer

    room = for_trainer("", tmp_path, new=True, lang="sv", roster="Anna, Bo", one_attempt=True)
    assert f'class_code = "{room.code}"' in announce(room) and "Bara första försöket rättas" in announce(room)
    again = for_trainer(room.code, tmp_path, new=True, lang="sv", roster="Anna, Bo")
    assert again.code == room.code and again.one_attempt  # run twice: the same class, not an error
    assert for_trainer("", tmp_path) is None
