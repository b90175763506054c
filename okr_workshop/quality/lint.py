"""JSON lines: check one {"kind","lang","text"} request per line (``okr-workshop check --jsonl``).

Reading a workshop file or workbook for ``okr-workshop lint`` is the command line's job (cli.load_target):
the quality engine works on the model and imports neither the store nor the workbook.
"""

from __future__ import annotations

import json
from typing import IO

from ..errors import OkrWorkshopError, ValidationError
from .engine import check_text


def _line_findings(line: str, number: int) -> list[dict]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValidationError(
            f"line {number}", f'not JSON ({err.msg}); write one {{"kind","lang","text"}} per line'
        ) from None
    if not isinstance(item, dict):
        raise ValidationError(f"line {number}", "expected a JSON object with kind, lang and text")
    try:
        found = check_text(item.get("text"), kind=item.get("kind", "objective"), lang=item.get("lang", "auto"))
    except OkrWorkshopError as err:
        raise ValidationError(f"line {number}", str(err)) from None
    return [f.to_dict() for f in found]


MAX_LISTED_LINES = 20


def run_jsonl(in_stream: IO[str], out_stream: IO[str]) -> int:
    """Read {"kind","lang","text"} per line, write one JSON list of findings per line; returns lines done.

    Blank lines give an empty list so output lines match input lines. Every
    line is checked before anything is written: when any line is not a valid
    request, one ValidationError names all bad lines and nothing is output.
    """
    results: list[list[dict]] = []
    bad: list[ValidationError] = []
    for number, line in enumerate(in_stream, start=1):
        try:
            results.append(_line_findings(line, number) if line.strip() else [])
        except ValidationError as err:
            bad.append(err)
    if bad:
        raise _bad_lines(bad)
    for result in results:
        out_stream.write(json.dumps(result, ensure_ascii=False) + "\n")
    return len(results)


def _bad_lines(bad: list[ValidationError]) -> ValidationError:
    if len(bad) == 1:
        return bad[0]
    shown = "; ".join(str(e) for e in bad[:MAX_LISTED_LINES])
    more = f"; and {len(bad) - MAX_LISTED_LINES} more" if len(bad) > MAX_LISTED_LINES else ""
    lines = ", ".join(e.where.removeprefix("line ") for e in bad[:MAX_LISTED_LINES])
    return ValidationError(
        f"lines {lines}{' …' if more else ''}",
        f"{len(bad)} lines are not valid requests, nothing was checked: {shown}{more}",
    )
