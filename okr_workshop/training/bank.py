"""The exercise bank: good OKRs in Swedish and English to break, rewrite and score.

Items live as package data (``bank_sv.json``, ``bank_en.json``). Each item has
an id, lang, domain, type (committed/aspirational), owner, objective, key
results (text, kind, metric, baseline, target, unit) and a source: a URL, or
"written here" for items written for this project. Items are plain dicts so
that exercises built from them are JSON-ready and reproducible.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources

from ..errors import NotFoundError, ValidationError
from ..model.entities import Kind, Objective, ObjectiveType

LANGS = ("sv", "en")
WRITTEN_HERE = "written here"
_KR_FIELDS = ("text", "kind", "metric", "baseline", "target", "unit")


def check_lang(lang: str) -> str:
    """``lang`` when it is sv or en; otherwise a clear error."""
    if lang not in LANGS:
        raise ValidationError("lang", f"expected sv or en, got {lang!r:.20}")
    return lang


@lru_cache(maxsize=2)
def _document(lang: str) -> dict:
    raw = resources.files(__package__).joinpath(f"bank_{lang}.json").read_text(encoding="utf-8")
    doc = json.loads(raw)
    for n, item in enumerate(doc["items"]):
        _validate(item, f"bank_{lang}.json, item {n + 1}")
    return doc


def _validate(item: dict, where: str) -> None:
    for key in ("id", "lang", "objective", "key_results", "source", "type"):
        if key not in item:
            raise ValidationError(where, f"missing field {key!r}")
    if not item["key_results"]:
        raise ValidationError(where, "needs at least one key result")
    ObjectiveType(item["type"])
    for kr in item["key_results"]:
        missing = [k for k in _KR_FIELDS if k not in kr]
        if missing:
            raise ValidationError(where, f"key result {kr.get('text', '')!r:.40} lacks {', '.join(missing)}")
        Kind(kr["kind"])


def items(lang: str) -> list[dict]:
    """All bank items of one language (fresh copies; editing them does not change the bank)."""
    return copy.deepcopy(_document(check_lang(lang))["items"])


def item(item_id: str) -> dict:
    """One bank item by id (``en-001``, ``sv-017``)."""
    lang = str(item_id)[:2]
    if lang in LANGS:
        for it in _document(lang)["items"]:
            if it["id"] == item_id:
                return copy.deepcopy(it)
    raise NotFoundError(f"no bank item {item_id!r}; ids look like en-001 or sv-001")


def to_objective(it: dict) -> Objective:
    """A model Objective (with key results) built from a bank item; not part of any workshop."""
    obj = Objective(title=it["objective"], type=it.get("type"), owner=it.get("owner", ""))
    for kr in it["key_results"]:
        obj.add_key_result(
            kr["text"],
            kind=kr["kind"],
            metric=kr.get("metric", ""),
            unit=kr.get("unit", ""),
            baseline=kr.get("baseline"),
            target=kr.get("target"),
            confidence=kr.get("confidence"),
            owner=kr.get("owner", ""),
        )
    return obj


def rule_ids(it: dict, lang: str | None = None) -> set[str]:
    """The rule ids the quality engine finds in a bank item (objective and key results)."""
    from ..quality import check

    return {f.rule for f in check(to_objective(it), lang=lang or it["lang"])}


def from_objective(obj: Objective, lang: str, source: str, item_id: str) -> dict:
    """A bank-style item from a model Objective (for OKRs taken from the samples)."""
    return {
        "id": item_id,
        "lang": lang,
        "domain": "sample",
        "type": obj.type.value if obj.type else "aspirational",
        "owner": obj.owner or (obj.key_results[0].owner if obj.key_results else ""),
        "objective": obj.title,
        "key_results": [
            {
                "text": kr.text,
                "kind": kr.kind.value,
                "metric": kr.metric or kr.text,
                "baseline": kr.baseline,
                "target": kr.target,
                "unit": kr.unit,
            }
            for kr in obj.key_results
        ],
        "source": source,
    }


def sample_items(lang: str) -> list[dict]:
    """Clean objectives from the sample workshop of ``lang`` as bank items (none if the samples are absent)."""
    from .. import samples
    from ..errors import OkrWorkshopError

    name = "exempel-ab" if check_lang(lang) == "sv" else "acme"
    try:
        ws = samples.load(name)
    except (OkrWorkshopError, ImportError):  # a missing sample only narrows the pool; the bank suffices
        return []
    out = []
    for n, obj in enumerate(ws.objectives):
        it = from_objective(obj, lang, f"okr_workshop.samples: {name}", f"{lang}-sample-{n + 1:02d}")
        if 3 <= len(it["key_results"]) <= 5 and not rule_ids(it):
            out.append(it)
    return out


def pool(lang: str, with_samples: bool = True) -> list[dict]:
    """Items exercises are drawn from: the bank, plus clean sample objectives."""
    return items(lang) + (sample_items(lang) if with_samples else [])
