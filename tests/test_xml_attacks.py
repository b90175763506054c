"""XML attacks in a workbook: billion laughs, quadratic blowup, external entities.

Each hostile workbook is a real exported workbook with one part replaced or
added by hand. The import runs in a child process limited to 1 GiB of address
space and a few seconds: a parser that expanded the entities would run out of
memory or time there, instead of taking the test machine down.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.errors import MissingDependencyError

GIB = 1024**3
TIMEOUT = 30  # seconds, for a child that starts Python and imports openpyxl on a busy machine

SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

BILLION_LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)
QUADRATIC_DTD = f'<!DOCTYPE q [<!ENTITY a "{"a" * 100_000}">]>'
QUADRATIC_USE = "&a;" * 20_000  # 2 GB once expanded
XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


# ------------------------------------------------------------------ building the workbooks


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> bytes:
    """A valid exported workbook to hide the attacks in."""
    path = tmp_path_factory.mktemp("xml") / "valid.xlsx"
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    ws.add_team("Marknad").add_objective("Synas i Tyskland").add_key_result(
        "200 leads", kind="increase", baseline=0, target=200
    )
    okr.write_excel(ws, path)
    return path.read_bytes()


def zip_parts(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return buf.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def with_shared_strings(data: bytes, doctype: str, text: str) -> bytes:
    """A DTD and an entity in the shared-strings part: the workbook's own (XlsxWriter writes one, the sheets
    point into it), else a part added and declared in the content types and the workbook's relations."""
    parts = parts_of(data)
    if "xl/sharedStrings.xml" in parts:
        return with_sheet_entity(data, doctype, text, member="xl/sharedStrings.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>'.encode()
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdSST" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>'.encode(),
    )
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'
    ).encode()
    return zip_parts(parts)


def with_sheet_entity(data: bytes, doctype: str, text: str, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Put a DTD at the top of a sheet and the entity reference in its first inline string."""
    parts = parts_of(data)
    xml = parts[member].decode()
    head, rest = xml.split("?>", 1) if xml.startswith("<?xml") else ("", xml)
    rest = rest.replace("<t>", f"<t>{text}", 1)
    parts[member] = ((head + "?>" if head else "") + doctype + rest).encode()
    return zip_parts(parts)


def with_workbook_entity(data: bytes, doctype: str, text: str) -> bytes:
    parts = parts_of(data)
    xml = parts["xl/workbook.xml"].decode()
    head, rest = xml.split("?>", 1) if xml.startswith("<?xml") else ("", xml)
    rest = rest.replace('<sheet name="', f'<sheet name="{text}', 1)
    parts["xl/workbook.xml"] = ((head + "?>" if head else "") + doctype + rest).encode()
    return zip_parts(parts)


# ------------------------------------------------------------------ running under limits

CHILD = """
import resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from okr_workshop.workbook.read import read_excel
from okr_workshop.errors import OkrWorkshopError
try:
    read_excel(sys.argv[1])
except OkrWorkshopError as err:
    print(type(err).__name__)
    print(err)
    sys.exit(3)
print("read")
"""


def read_limited(path: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """read_excel in a child with 1 GiB of address space; a hang fails the test through the timeout."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(path), str(GIB)],
        capture_output=True, text=True, timeout=TIMEOUT, env=env,
    )  # fmt: skip


def assert_refused(proc: subprocess.CompletedProcess, path: Path) -> str:
    assert proc.returncode == 3, f"exit {proc.returncode}: {proc.stdout[-500:]} {proc.stderr[-2000:]}"
    kind, message = proc.stdout.split("\n", 1)
    assert kind == "WorkbookError"
    message = message.rstrip("\n")
    assert "\n" not in message and path.name in message
    return message


ATTACKS = {
    "billion_laughs_in_shared_strings": lambda d: with_shared_strings(d, BILLION_LAUGHS_DTD, "&lol9;"),
    "billion_laughs_in_sheet": lambda d: with_sheet_entity(d, BILLION_LAUGHS_DTD, "&lol9;"),
    "billion_laughs_in_workbook": lambda d: with_workbook_entity(d, BILLION_LAUGHS_DTD, "&lol9;"),
    "quadratic_blowup_in_shared_strings": lambda d: with_shared_strings(d, QUADRATIC_DTD, QUADRATIC_USE),
    "quadratic_blowup_in_sheet": lambda d: with_sheet_entity(d, QUADRATIC_DTD, QUADRATIC_USE),
    "external_entity_in_sheet": lambda d: with_sheet_entity(d, XXE_DTD, "&xxe;"),
    "external_entity_in_shared_strings": lambda d: with_shared_strings(d, XXE_DTD, "&xxe;"),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_entity_attack_is_refused_within_limits(tmp_path, exported, name):
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(ATTACKS[name](exported))
    message = assert_refused(read_limited(path), path)
    assert "entit" in message.lower() or "DTD" in message
    assert "root:" not in message  # nothing of /etc/passwd came back


@pytest.mark.parametrize(
    "build",
    [
        lambda d: with_shared_strings(d, "", "helt vanlig text"),
        lambda d: with_sheet_entity(d, "", "vanlig "),
    ],
    ids=["shared_strings", "sheet"],
)
def test_the_same_parts_without_a_dtd_are_read(tmp_path, exported, build):
    """Control: the hand-built parts themselves are fine, so the DTD is what gets a workbook refused."""
    path = tmp_path / "plain.xlsx"
    path.write_bytes(build(exported))
    proc = read_limited(path)
    assert proc.returncode == 0 and proc.stdout.strip() == "read", proc.stdout + proc.stderr[-2000:]


def test_import_of_an_attack_leaves_the_workshop_file_alone(tmp_path, exported):
    from okr_workshop.errors import WorkbookError
    from okr_workshop.workbook.merge import import_workbook

    ws_path = tmp_path / "w.okr"
    xlsx = tmp_path / "in.xlsx"
    xlsx.write_bytes(exported)
    okr.save(okr.read_excel(xlsx), ws_path)
    before = okr.load(ws_path).to_dict()
    xlsx.write_bytes(ATTACKS["billion_laughs_in_sheet"](exported))
    with pytest.raises(WorkbookError):
        import_workbook(xlsx, ws_path)
    assert okr.load(ws_path).to_dict() == before


def test_defusedxml_is_in_force():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    from openpyxl.xml import functions

    assert functions.iterparse.__module__.startswith("defusedxml")
    assert functions.fromstring.__module__.startswith("defusedxml")


def test_reading_refuses_to_run_without_defusedxml(tmp_path, exported, monkeypatch):
    """If openpyxl was told not to use defusedxml, we refuse to read rather than parse unsafely."""
    import openpyxl.xml

    path = tmp_path / "valid.xlsx"
    path.write_bytes(exported)
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(MissingDependencyError, match="defusedxml"):
        okr.read_excel(path)


def test_openpyxl_defusedxml_switched_off_by_environment(tmp_path, exported):
    """OPENPYXL_DEFUSEDXML=False (openpyxl's own switch) must not open the door either."""
    path = tmp_path / "attack.xlsx"
    path.write_bytes(ATTACKS["billion_laughs_in_sheet"](exported))
    env = {**os.environ, "OPENPYXL_DEFUSEDXML": "False"}
    proc = read_limited(path, env=env)
    assert proc.returncode == 3, proc.stdout + proc.stderr[-2000:]
    assert proc.stdout.startswith("MissingDependencyError") and "defusedxml" in proc.stdout


# ------------------------------------------------------------------ zip bombs (the container around the XML)


def with_bomb(data: bytes, member: str, size: int) -> bytes:
    """Replace one part with ``size`` bytes of spaces after its XML (a part that inflates ~1000-fold)."""
    parts = parts_of(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, body in parts.items():
            if name != member:
                zf.writestr(name, body)
                continue
            with zf.open(name, "w", force_zip64=True) as fh:
                fh.write(body)
                chunk = b" " * (1 << 20)
                for _ in range(size >> 20):
                    fh.write(chunk)
    return buf.getvalue()


def lie_about_sizes(data: bytes, member: str) -> bytes:
    """Make the central directory claim the part is small, so a size check alone would let it through."""
    at = data.rindex(b"PK\x01\x02", 0, data.rindex(member.encode()))
    small = (4096).to_bytes(4, "little")
    return data[: at + 24] + small + data[at + 28 :]  # uncompressed size field of the central entry


BOMB_MEMBER = "xl/worksheets/sheet2.xml"


@pytest.fixture(scope="module")
def bomb(exported) -> bytes:
    return with_bomb(exported, BOMB_MEMBER, size=640 << 20)  # unpacks to more than the 512 MB the reader allows


@pytest.mark.slow
@pytest.mark.parametrize("lie", [False, True], ids=["honest_sizes", "lying_sizes"])
def test_zip_bomb_is_refused_within_limits(tmp_path, bomb, lie):
    data = lie_about_sizes(bomb, BOMB_MEMBER) if lie else bomb
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    assert path.stat().st_size < 8 << 20
    assert_refused(read_limited(path), path)


def test_command_line_import_of_an_attack_is_one_line(tmp_path, exported):
    """`okr-workshop import` turns the refusal into exit code 2 and one line, no traceback."""
    xlsx = tmp_path / "in.xlsx"
    xlsx.write_bytes(exported)
    ws_path = okr.save(okr.read_excel(xlsx), tmp_path / "w.okr")
    before = okr.load(ws_path).to_dict()
    xlsx.write_bytes(ATTACKS["quadratic_blowup_in_shared_strings"](exported))
    proc = subprocess.run(
        [sys.executable, "-m", "okr_workshop", "import", str(xlsx), "--into", str(ws_path)],
        capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr and xlsx.name in lines[0], proc.stderr
    assert okr.load(ws_path).to_dict() == before
