"""Small factory fixtures that build models in code."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest

import okr_workshop as okr

HERE = Path(__file__).parent
DATA = HERE / "data"


def make_workshop(lang: str = "sv", period: str = "2027-Q1") -> okr.Workshop:
    """A small, good workshop: leadership with one objective, one team aligned to it."""
    ws = okr.Workshop.new("Exempel AB" if lang == "sv" else "Example Inc", period=period, lang=lang)
    top = ws.add_team("Ledningsgruppen" if lang == "sv" else "Leadership")
    company = top.add_objective(
        "Internationell expansion genom etablering i Tyskland" if lang == "sv" else "Become a real player in Germany",
        type="aspirational",
        owner="Anna",
    )
    company.add_key_result("20 MSEK försäljning i Tyskland", kind="increase", baseline=0, target=20, unit="MSEK",
                           owner="Anna")  # fmt: skip
    team = ws.add_team("Marknad" if lang == "sv" else "Marketing", parent=top)
    obj = team.add_objective(
        "Kraftigt ökad synlighet på tyska marknaden" if lang == "sv" else "Be visible on the German market",
        type="aspirational",
        owner="Bo",
        parent_id=company.id,
    )
    obj.add_key_result("200 leads från mässor", kind="increase", baseline=0, target=200, unit="st", owner="Bo")
    obj.add_key_result("Svarstid under 2 dagar", kind="decrease", baseline=5, target=2, unit="dagar", owner="Cia")
    obj.add_key_result("Lansering av tysk webb klar", kind="milestone", target=1, owner="Dan")
    return ws


@pytest.fixture
def workshop() -> okr.Workshop:
    return make_workshop("sv")


@pytest.fixture
def workshop_en() -> okr.Workshop:
    return make_workshop("en")


@pytest.fixture
def workshop_file(tmp_path, workshop) -> Path:
    path = tmp_path / "exempel.okr"
    okr.save(workshop, path)
    return path


def pytest_configure(config):
    """Without PostgreSQL here (and not in CI), its half of the store tests is left out with one line."""
    from benchmarks.pg_cluster import unavailable

    config.okr_pg_unavailable = None if os.environ.get("CI") == "true" else unavailable()


def _uses_postgresql(item) -> bool:
    callspec = getattr(item, "callspec", None)
    return "pg_cluster" in getattr(item, "fixturenames", ()) or (
        callspec is not None and callspec.params.get("workshop_location") == "postgresql"
    )


def pytest_collection_modifyitems(config, items):
    if not config.okr_pg_unavailable:
        return
    left_out = [item for item in items if _uses_postgresql(item)]
    if left_out:
        items[:] = [item for item in items if not _uses_postgresql(item)]
        config.hook.pytest_deselected(items=left_out)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if config.okr_pg_unavailable:
        terminalreporter.write_line(f"PostgreSQL half of the store tests left out: {config.okr_pg_unavailable}")


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the session; without one the PostgreSQL half skips (fails under CI)."""
    from benchmarks.pg_cluster import Cluster, ClusterUnavailable

    try:
        cluster = Cluster(fsync=False)
    except ClusterUnavailable as err:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the PostgreSQL half of the store tests: {err}")
        pytest.skip(f"PostgreSQL half skipped: {err}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def workshop_location(request, tmp_path):
    """Where a new workshop goes: a file path, or a fresh workshop name on the test server."""
    if request.param == "sqlite":
        return tmp_path / "exempel.okr"
    return request.getfixturevalue("pg_cluster").url(f"t{uuid.uuid4().hex[:12]}")


@pytest.fixture
def day():
    return dt.date
