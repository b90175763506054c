"""A whole workshop day for two teams of three, through the Day API (shared by the report and CLI tests)."""

from __future__ import annotations

from pathlib import Path

import okr_workshop as okr
from okr_workshop.day import Day


def run_session(path: Path, lang: str = "sv") -> dict[str, str]:
    """Create ``path`` and run brainstorm → reveal → merge → vote → draft → review → dependencies → commit."""
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang=lang)
    ws.add_team("Sälj")
    ws.add_team("Drift")
    okr.save(ws, path)
    ids: dict[str, str] = {}
    with Day.open(path) as day:
        day.set_agenda("team")
        day.start()
        sales = [day.join(n, team="Sälj") for n in ("Anna", "Bo", "")]
        ops = [day.join(n, team="Drift") for n in ("Cia", "Dan", "Eva")]
        day.advance()
        s1 = day.add_candidate(sales[0], "Nöjdare kunder")
        s2 = day.add_candidate(sales[1], "Gladare kunder")
        s3 = day.add_candidate(sales[2], "<script>alert(1)</script> snabbare offerter")
        o1 = day.add_candidate(ops[0], "Stabil drift")
        o2 = day.add_candidate(ops[1], "Snabbare driftsättning")
        day.add_candidate(ops[2], "Färre larm")
        day.advance()
        day.reveal()
        day.merge(s1.id, s2.id)
        day.advance()
        day.open_vote(dots=2)
        for p in sales:
            day.dot(p.id, s1.id)
        day.dot(sales[0].id, s3.id)
        for p in ops:
            day.dot(p.id, o1.id)
        day.dot(ops[0].id, o2.id)
        day.close_vote()
        day.advance()
        sales_obj, ops_obj = day.choose([s1.id, o1.id])
        ids.update(sales=sales_obj.id, ops=ops_obj.id)
        day.advance()
        day.assign_reviews()
        day.review("Drift", sales_obj, "strong", "Tydligt för kunden")
        q = day.review("Drift", sales_obj, "question", "Hur mäter ni nöjdhet?")
        day.resolve(q.id, "NKI varje månad")
        day.review("Sälj", ops_obj, "suggestion", "Lägg till ett mål om larm")
        day.advance()
        accepted = day.need("Sälj", "Drift", "Larm inom 5 minuter", due="2027-02-15")
        declined = day.need("Drift", "Sälj", "Kundlista varje vecka")
        day.answer(accepted.id, "accepted")
        day.answer(declined.id, "declined", "vi har ingen sådan lista")
        day.advance()
        for p, f in zip(sales, (5, 4, 2)):
            day.confidence(p.id, sales_obj, f)
        for p, f in zip(ops, (4, 4, 5)):
            day.confidence(p.id, ops_obj, f)
        day.commit(sales_obj, "aspirational", "Anna")
        day.commit(ops_obj, "committed", "Cia")
        day.advance()
    return ids
