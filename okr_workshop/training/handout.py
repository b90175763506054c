"""Printed exercises for a classroom without laptops: one handout per exercise and an answer key (facit).

``write_handouts(out_dir, seed, lang)`` writes HTML pages and prints them to PDF with the system Chromium, as
``okr-workshop report --pdf`` does. The same seed (a class's seed) gives the same exercises as the notebooks.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from ..i18n.catalog import N_, gettext, table
from ..storage.outputs import write_text
from . import bank
from .breaks import make_spot_exercise
from .facilitate import coaching_points, make_board, reason
from .quarter import formula, grade_text, make_quarter_exercise
from .rewrite import format_item
from .texts import KIND, flaw_label, number, t

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; margin: 18mm; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 13pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
td, th { border: 1px solid #999; padding: 2mm; vertical-align: top; text-align: left; }
.box { display: inline-block; width: 4mm; height: 4mm; border: 1px solid #333; margin-right: 2mm; }
.line { border-bottom: 1px solid #999; height: 9mm; }
.meta { color: #555; font-size: 9pt; }
.page { page-break-after: always; }
"""
_NAMES = table((
    N_("handout.file.spot"), N_("handout.file.rewrite"), N_("handout.file.quarter"), N_("handout.file.facilitate"),
    N_("handout.file.key"),
), "handout.file.")  # fmt: skip
_WORDS = table((
    N_("handout.name"), N_("handout.exercise_no"), N_("handout.key"), N_("handout.for_trainer"),
    N_("handout.write_here"), N_("handout.pick_three"), N_("handout.answer"), N_("handout.spot_intro"),
    N_("handout.rewrite_intro"), N_("handout.flaws"), N_("handout.model"), N_("handout.grades"),
    N_("handout.points"),
), "handout.")  # fmt: skip


def _w(key: str, lang: str) -> str:
    return _WORDS[key][lang]


def _page(title: str, body: str, lang: str) -> str:
    e = html.escape
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{e(title)}</title>"
        f"<style>{_CSS}</style></head><body>{body}</body></html>"
    )


def _head(title: str, seed: int, lang: str, trainee_line: bool = True) -> str:
    e = html.escape
    name = f"<p>{e(_w('name', lang))}: ______________________________</p>" if trainee_line else ""
    return f"<h1>{e(title)}</h1><p class='meta'>{e(_w('exercise_no', lang))}: {seed}</p>{name}"


def _okr_table(item: dict, lang: str, confidence: bool = True) -> str:
    e = html.escape
    heads = [t("key_result", lang), t("kind", lang), t("baseline", lang), t("target", lang), t("unit", lang)]
    heads += [t("confidence", lang)] if confidence else []
    rows = ""
    for i, kr in enumerate(item["key_results"]):
        cells = [f"KR{i + 1}. {kr['text']}", KIND.get(kr.get("kind"), {}).get(lang, ""),
                 number(kr.get("baseline"), lang), number(kr.get("target"), lang), kr.get("unit") or ""]  # fmt: skip
        if confidence:
            cells.append(f"{kr['confidence']}/10" if kr.get("confidence") else "")
        rows += "<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in cells) + "</tr>"
    return (
        f"<p><strong>{e(t('objective', lang))}:</strong> {e(item['objective'])}</p>"
        f"<table><tr>{''.join(f'<th>{e(h)}</th>' for h in heads)}</tr>{rows}</table>"
    )


def _boxes(labels: list[str]) -> str:
    return "".join(f"<p><span class='box'></span>{html.escape(label)}</p>" for label in labels)


def handouts(seed: int, lang: str = "sv", n_flaws: int = 2, n_problems: int = 4) -> dict[str, str]:
    """The HTML pages by name: one handout per exercise and the answer key (``facit``/``answer_key``)."""
    bank.check_lang(lang)
    e = html.escape
    spot = make_spot_exercise(seed, lang, n_flaws)
    quarter = make_quarter_exercise(seed, lang)
    board = make_board(seed, lang, n_problems)
    pages: dict[str, str] = {}
    title = t("spot.title", lang)
    body = _head(title, seed, lang) + f"<p>{e(_w('spot_intro', lang).format(n=len(spot.flaws)))}</p>"
    body += _okr_table(spot.broken, lang) + _boxes([flaw_label(c, lang) for c in spot.choices])
    pages[_NAMES["spot"][lang]] = _page(title, body, lang)
    title = t("rewrite.title", lang)
    body = _head(title, seed, lang) + f"<p>{e(_w('rewrite_intro', lang))}</p>" + _okr_table(spot.broken, lang)
    body += f"<h2>{e(_w('write_here', lang))}</h2>" + "<div class='line'></div>" * 10
    pages[_NAMES["rewrite"][lang]] = _page(title, body, lang)
    title = t("quarter.title", lang)
    body = _head(title, seed, lang)
    body += f"<p>{e(t('quarter.intro', lang, as_of=quarter.as_of.isoformat()))} {e(quarter.pass_mark())}</p>"
    body += f"<p><strong>{e(t('objective', lang))}:</strong> {e(quarter.objective.title)}</p>"
    rows = quarter.table()
    heads = list(rows[0]) + [_w("answer", lang)]
    body += "<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>"
    body += "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in r.values()) + "<td></td></tr>" for r in rows)
    body += f"<tr><td>O1</td><td colspan='{len(heads) - 2}'>{e(t('objective', lang))}</td><td></td></tr></table>"
    pages[_NAMES["quarter"][lang]] = _page(title, body, lang)
    title = t("facilitate.title", lang)
    body = _head(title, seed, lang) + f"<p>{e(t('facilitate.intro', lang, team=board.team.name))}</p>"
    supports = gettext(lang, "training.supports")
    for i, obj in enumerate(board.team.objectives):
        parent = obj.parent.title if obj.parent is not None else "—"
        body += f"<h2>O{i + 1}. {e(obj.title)}</h2><p class='meta'>{e(supports)}: {e(parent)}</p>"
        item = {"objective": "", "key_results": [
            {"text": kr.text, "kind": kr.kind.value, "baseline": kr.baseline, "target": kr.target, "unit": kr.unit,
             "confidence": kr.confidence} for kr in obj.key_results]}  # fmt: skip
        body += _okr_table(item, lang).split("</p>", 1)[1]
    body += f"<p>{e(_w('pick_three', lang))}</p>" + _boxes([flaw_label(c, lang) for c in board.choices])
    pages[_NAMES["facilitate"][lang]] = _page(title, body, lang)
    pages[_NAMES["key"][lang]] = _answer_key(seed, lang, spot, quarter, board)
    return pages


def _answer_key(seed: int, lang: str, spot, quarter, board) -> str:
    e = html.escape
    title = _w("key", lang)
    body = _head(title, seed, lang, trainee_line=False) + f"<p><em>{e(_w('for_trainer', lang))}</em></p>"
    body += f"<h2>{e(t('spot.title', lang))} · {e(_w('flaws', lang))}</h2><ul>"
    places = {"objective": t("objective", lang), "key results": gettext(lang, "training.places.key_results")}
    for flaw, where in spot.changes:
        body += f"<li>{e(flaw_label(flaw, lang))} ({e(places.get(where, where))})</li>"
    body += f"</ul><h2>{e(t('rewrite.title', lang))} · {e(_w('model', lang))}</h2>"
    body += _okr_table(spot.original, lang, confidence=False)
    body += f"<h2>{e(t('quarter.title', lang))} · {e(_w('grades', lang))}</h2><table>"
    for key in quarter.keys():
        body += f"<tr><td>{key}</td><td>{e(grade_text(quarter.expected()[key], lang))}</td>"
        body += f"<td>{e(formula(quarter, key))}</td></tr>"
    body += f"</table><h2>{e(t('facilitate.title', lang))} · {e(_w('points', lang))}</h2><ol>"
    for p in coaching_points(board):
        body += f"<li><strong>{e(flaw_label(p.rule, lang))}</strong> ({e(', '.join(p.where[:3]))}). "
        body += f"{e(reason(p.rule, lang))}</li>"
    body += f"</ol><p class='meta'>{e(format_item(spot.original))}</p>"
    return _page(title, body, lang)


def write_handouts(out_dir: str | os.PathLike, seed: int, lang: str = "sv", *, n_flaws: int = 2,
                   n_problems: int = 4, pdf: bool = True) -> list[Path]:  # fmt: skip
    """Write every handout and the answer key to ``out_dir`` as HTML, and as PDF when ``pdf`` (needs Chromium);
    returns the files written (PDFs when printed, else HTML)."""
    from ..report.export import print_pdf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in handouts(seed, lang, n_flaws, n_problems).items():
        path = out / f"{name}.html"
        write_text(path, page)  # a fresh private temporary name, never a fixed one a link could be planted at
        written.append(print_pdf(path) if pdf else path)
    return written
