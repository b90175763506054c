"""JSON lines: check one {"kind","lang","text"} request per line (``okr-workshop check --jsonl``).

Reading a workshop file or workbook for ``okr-workshop lint`` is the command line's job (cli.load_target):
the quality engine works on the model and imports neither the store nor the workbook.
"""

from __future__ import annotations

import json
from typing import IO

from ..errors import OkrWorkshopError, ValidationError
from ..i18n.catalog import LANGS, gettext, ngettext
from .engine import check_text


class RequestLineError(ValidationError):
    """A line of the input that is not a valid request; ``render`` tells it in the reader's language."""

    def __init__(self, number: int, problem: str, *, key: str = "", inner: OkrWorkshopError | None = None, **fields):
        super().__init__(f"line {number}", problem)
        self.number, self.key, self.inner, self.fields = number, key, inner, fields

    def render(self, lang: str) -> str:
        if lang not in LANGS:
            return str(self)
        problem = self.inner.render(lang) if self.inner is not None else gettext(lang, self.key, **self.fields)
        return f"{gettext(lang, 'jsonl.line', line=self.number)}: {problem}"


def _line_findings(line: str, number: int) -> list[dict]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise RequestLineError(
            number, f'not JSON (at character {err.pos + 1}); write one {{"kind","lang","text"}} per line',
            key="jsonl.not_json", position=err.pos + 1,
        ) from None  # fmt: skip
    if not isinstance(item, dict):
        raise RequestLineError(number, "expected a JSON object with kind, lang and text", key="jsonl.not_object")
    try:
        found = check_text(item.get("text"), kind=item.get("kind", "objective"), lang=item.get("lang", "auto"))
    except OkrWorkshopError as err:
        raise RequestLineError(number, str(err), inner=err) from None
    return [f.to_dict() for f in found]


MAX_LISTED_LINES = 20


def run_jsonl(in_stream: IO[str], out_stream: IO[str]) -> int:
    """Read {"kind","lang","text"} per line, write one JSON list of findings per line; returns lines done.

    Blank lines give an empty list so output lines match input lines. Every
    line is checked before anything is written: when any line is not a valid
    request, one ValidationError names all bad lines and nothing is output.
    """
    results: list[list[dict]] = []
    bad: list[RequestLineError] = []
    for number, line in enumerate(in_stream, start=1):
        try:
            results.append(_line_findings(line, number) if line.strip() else [])
        except RequestLineError as err:
            bad.append(err)
    if bad:
        raise _bad_lines(bad)
    for result in results:
        out_stream.write(json.dumps(result, ensure_ascii=False) + "\n")
    return len(results)


class BadRequestsError(ValidationError):
    """Several lines of the input are not valid requests; ``render`` tells them in the reader's language."""

    def __init__(self, bad: list[RequestLineError]):
        self.bad = bad
        self.shown = bad[:MAX_LISTED_LINES]
        self.lines = ", ".join(str(e.number) for e in self.shown) + (" …" if len(bad) > MAX_LISTED_LINES else "")
        super().__init__(f"lines {self.lines}", self._problem("en", str))

    def _problem(self, lang: str, say) -> str:
        more = len(self.bad) - MAX_LISTED_LINES
        shown = "; ".join(say(e) for e in self.shown)
        tail = "; " + ngettext(lang, "jsonl.more.one", "jsonl.more", more) if more > 0 else ""
        return f"{gettext(lang, 'jsonl.bad_lines', n=len(self.bad))}: {shown}{tail}"

    def render(self, lang: str) -> str:
        if lang not in LANGS:
            return str(self)
        where = gettext(lang, "jsonl.lines", lines=self.lines)
        return f"{where}: {self._problem(lang, lambda e: e.render(lang))}"


def _bad_lines(bad: list[RequestLineError]) -> ValidationError:
    return bad[0] if len(bad) == 1 else BadRequestsError(bad)
