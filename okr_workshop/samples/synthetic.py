"""A synthetic workshop of any size, for benchmarks and load tests.

One leadership team with 3 objectives (3 key results each) plus ``teams``
teams with 4 objectives × 5 key results of mixed kinds, aligned to the
leadership objectives. Texts come from small vocabularies (sv or en); about
one in ten objectives or key results carries a typical flaw (a number in the
objective, an activity, a missing baseline, confidence 10, no alignment).
Deterministic for a given seed. Objects are built bottom-up and handed to the
constructors, so building is linear in the size (no per-add lookups).
"""

from __future__ import annotations

import datetime as dt
import random

from ..errors import ValidationError
from ..model.entities import CheckIn, KeyResult, Kind, Objective, Team, Workshop

OBJECTIVES_PER_TEAM = 4
KRS_PER_OBJECTIVE = 5
LEADERSHIP_OBJECTIVES = 3
LEADERSHIP_KRS = 3

VOCAB = {
    "sv": {
        "organisation": "Syntetiskt AB",
        "leadership": "Ledningsgruppen",
        "teams": ["Marknad", "Sälj", "Produkt", "Kundtjänst", "Ekonomi", "HR", "Logistik", "IT", "Inköp", "Kvalitet"],
        "objectives": [
            "Kunderna väljer oss först",
            "En tjänst som kunderna älskar att använda",
            "Snabbare leveranser som kunderna kan lita på",
            "Ett starkt och igenkänt varumärke",
            "Lönsam tillväxt på nya marknader",
            "Ett team som trivs och utvecklas",
            "Smidiga interna flöden utan onödigt krångel",
            "Nöjda kunder som rekommenderar oss",
            "En stabil plattform att växa på",
            "Kraftigt ökad synlighet bland rätt kunder",
        ],
        "scopes": ["", " i Norden", " i Tyskland", " bland småföretag", " i hela landet", " inom vården"],
        "flawed_objective": "Öka {metric} med {n} %",
        "metrics": [
            ("antalet aktiva kunder", "st", 200, 2000),
            ("kundnöjdheten (NPS)", "NPS", 10, 50),
            ("andelen återkommande kunder", "%", 20, 70),
            ("månatliga intäkter", "MSEK", 2, 40),
            ("antalet kvalificerade leads", "st", 50, 600),
            ("konverteringen från provperiod", "%", 5, 40),
            ("eNPS", "eNPS", 0, 40),
            ("antalet betalande användare", "st", 1000, 20000),
        ],
        "lower_metrics": [
            ("svarstiden i supporten", "h", 4, 48),
            ("ledtiden från order till leverans", "dagar", 3, 30),
            ("kundavgången", "%", 3, 15),
            ("antalet kritiska buggar", "st", 5, 40),
        ],
        "increase": "{metric} ökar från {b} till {t} {unit}",
        "decrease": "{metric} minskar från {b} till {t} {unit}",
        "at_least": "{metric} är minst {t} {unit} hela perioden",
        "at_most": "{metric} är högst {t} {unit} hela perioden",
        "milestones": [
            "Nya kundportalen är lanserad",
            "Avtal med en partner i Tyskland är påskrivet",
            "Det nya ärendesystemet används av alla",
            "Prismodellen för företag är lanserad",
        ],
        "activity": "Genomföra {t} {thing}",
        "activities": ["kundbesök", "workshoppar", "webbinarier", "säljmöten"],
        "first_names": ["Anna", "Erik", "Sara", "Johan", "Maria", "Ahmed", "Lina", "Oskar", "Fatima", "Nils"],
        "last_names": ["Lindqvist", "Berg", "Holm", "Nyström", "Ek", "Karimi", "Öberg", "Lund", "Hassan", "Åberg"],
        "comments": {
            "good": ["Enligt plan.", "Bra fart.", "Före plan.", ""],
            "bad": ["Ligger efter.", "Trögt just nu.", "Behöver stöd.", ""],
        },
    },
    "en": {
        "organisation": "Synthetic Inc.",
        "leadership": "Leadership team",
        "teams": [
            "Marketing",
            "Sales",
            "Product",
            "Support",
            "Finance",
            "People",
            "Logistics",
            "IT",
            "Purchasing",
            "Quality",
        ],  # fmt: skip
        "objectives": [
            "Customers choose us first",
            "A service customers love to use",
            "Faster deliveries customers can rely on",
            "A strong and recognised brand",
            "Profitable growth in new markets",
            "A team that thrives and grows",
            "Smooth internal workflows without needless friction",
            "Delighted customers who recommend us",
            "A stable platform to grow on",
            "Much greater visibility with the right customers",
        ],
        "scopes": ["", " in the Nordics", " in Germany", " among small businesses", " nationwide", " in healthcare"],
        "flawed_objective": "Increase {metric} by {n}%",
        "metrics": [
            ("active customers", "", 200, 2000),
            ("customer satisfaction (NPS)", "NPS", 10, 50),
            ("share of returning customers", "%", 20, 70),
            ("monthly revenue", "$M", 2, 40),
            ("qualified leads", "", 50, 600),
            ("trial conversion", "%", 5, 40),
            ("eNPS", "eNPS", 0, 40),
            ("paying users", "", 1000, 20000),
        ],
        "lower_metrics": [
            ("support response time", "h", 4, 48),
            ("order-to-delivery lead time", "days", 3, 30),
            ("customer churn", "%", 3, 15),
            ("critical bugs", "", 5, 40),
        ],
        "increase": "Grow {metric} from {b} to {t} {unit}",
        "decrease": "Reduce {metric} from {b} to {t} {unit}",
        "at_least": "Keep {metric} at {t} {unit} or more all period",
        "at_most": "Keep {metric} at {t} {unit} or less all period",
        "milestones": [
            "New customer portal launched",
            "Partnership agreement with a German reseller signed",
            "Everyone works in the new ticketing system",
            "Business pricing plan launched",
        ],
        "activity": "Run {t} {thing}",
        "activities": ["customer visits", "workshops", "webinars", "sales meetings"],
        "first_names": ["Alice", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hugo", "Isla", "Jack"],
        "last_names": ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Khan", "Evans", "Clarke", "Patel", "Wright"],
        "comments": {
            "good": ["On plan.", "Good momentum.", "Ahead of plan.", ""],
            "bad": ["Behind.", "Slow going.", "Need support.", ""],
        },
    },
}

_KINDS = [Kind.INCREASE, Kind.INCREASE, Kind.DECREASE, Kind.AT_LEAST, Kind.AT_MOST, Kind.MILESTONE]


class _Maker:
    """Holds the random generator, vocabulary and period while one workshop is built."""

    def __init__(self, seed: int, lang: str, period: str, check_ins_per_kr: int):
        self.rng = random.Random(seed)
        self.v = VOCAB[lang]
        self.ws = Workshop(organisation=self.v["organisation"], period=period, lang=lang, id="syn-ws")
        start, end = self.ws.period.start, self.ws.period.end
        self.days = [start + dt.timedelta(days=i) for i in range(self.ws.period.days)]
        self.n_check_ins = check_ins_per_kr
        span = len(self.days)
        # evenly spread check-in days; jitter is added per key result
        self.slots = [round((i + 1) * (span - 1) / (check_ins_per_kr + 1)) for i in range(check_ins_per_kr)]
        self.end = end
        self.people = [f"{f} {last}" for f in self.v["first_names"] for last in self.v["last_names"]]

    def objective(self, oid: str, parent_id: str | None, n_krs: int) -> Objective:
        rng, v = self.rng, self.v
        if rng.random() < 0.08:
            metric = rng.choice(v["metrics"])[0]
            title = v["flawed_objective"].format(metric=metric, n=rng.choice((10, 15, 20, 25, 30, 50)))
        else:
            title = rng.choice(v["objectives"]) + rng.choice(v["scopes"])
        if parent_id is not None and rng.random() < 0.05:
            parent_id = None  # an orphan objective: no alignment
        krs = [self.key_result(f"{oid.replace('-o-', '-kr-', 1)}-{k}") for k in range(1, n_krs + 1)]
        return Objective(
            title=title,
            type="aspirational" if rng.random() < 0.4 else "committed",
            owner=rng.choice(self.people),
            parent_id=parent_id,
            id=oid,
            key_results=krs,
        )

    def key_result(self, kid: str) -> KeyResult:
        rng, v = self.rng, self.v
        kind = rng.choice(_KINDS)
        flaw = rng.random()
        if kind is Kind.MILESTONE:
            text, metric, unit, base, target = rng.choice(v["milestones"]), "", "", 0.0, 1.0
        elif kind is Kind.DECREASE or kind is Kind.AT_MOST:
            metric, unit, lo, hi = rng.choice(v["lower_metrics"])
            base = rng.randint((lo + hi) // 2, hi)
            if kind is Kind.DECREASE:
                target = rng.randint(lo, max(lo, base - 1))
                text = v["decrease"].format(metric=metric, b=base, t=target, unit=unit)
            else:
                target = base
                text = v["at_most"].format(metric=metric, t=target, unit=unit)
        else:
            metric, unit, lo, hi = rng.choice(v["metrics"])
            base = rng.randint(lo, (lo + hi) // 2)
            if kind is Kind.INCREASE:
                target = rng.randint(base + 1, hi + 1)
                if flaw < 0.05:
                    thing = rng.choice(v["activities"])
                    metric, unit, base, target = thing, "", 0, rng.randint(4, 30)
                    text = v["activity"].format(t=target, thing=thing)
                else:
                    text = v["increase"].format(metric=metric, b=base, t=target, unit=unit)
            else:
                target = base
                text = v[kind.value].format(metric=metric, t=target, unit=unit)
        text = " ".join(text.split())
        if text[1:2].islower():  # "eNPS" stays as it is
            text = text[0].upper() + text[1:]
        owner = rng.choice(self.people)
        confidence = 10 if 0.05 <= flaw < 0.08 else rng.randint(4, 7)
        baseline = None if 0.08 <= flaw < 0.11 and kind is Kind.INCREASE else float(base)
        kr = KeyResult(
            text=text,
            kind=kind,
            metric=metric,
            unit=unit,
            baseline=baseline,
            target=float(target),
            owner=owner,
            due=self.end,
            confidence=confidence,
            id=kid,
        )
        kr.check_ins = self.check_ins(kid, kind, float(base), float(target), owner)
        return kr

    def check_ins(self, kid: str, kind: Kind, base: float, target: float, owner: str) -> list[CheckIn]:
        days, last = self.days, len(self.days) - 1
        random = self.rng.random
        reach = 0.2 + random()
        comments = self.v["comments"]["good" if reach >= 0.7 else "bad"]
        n = self.n_check_ins
        digits = 0 if abs(target - base) >= 20 else 1
        out = []
        for i, slot in enumerate(self.slots):
            frac = (i + 1) / n
            r = random()  # one draw per check-in gives its jitter, noise, confidence and comment
            if kind is Kind.MILESTONE:
                value = 1.0 if frac * reach >= 0.8 else 0.0
            elif kind is Kind.AT_LEAST or kind is Kind.AT_MOST:
                value = round(target * (0.9 + 0.2 * r), digits)
            else:
                value = round(base + (target - base) * reach * frac, digits)
            day = days[min(last, max(0, slot + int(r * 5) - 2))]
            confidence = max(1, min(10, round(3 + 5 * reach * frac) + int(r * 300) % 3 - 1))
            out.append(_check_in(day, value, confidence, comments[int(r * 7000) % 4], owner, f"{kid}-c{i + 1}"))
        return out


def _check_in(on: dt.date, value: float, confidence: int, comment: str, author: str, id: str) -> CheckIn:
    """A CheckIn without re-validating: every field here is valid by construction, and
    skipping ``__post_init__`` halves the time for 200,000 check-ins. The tests
    round-trip generated workshops through ``Workshop.from_dict``, which validates."""
    c = object.__new__(CheckIn)
    c.on, c.value, c.confidence, c.comment, c.author, c.id, c.recorded_at = (
        on,
        value,
        confidence,
        comment,
        author,
        id,
        "",
    )
    return c


def generate(
    teams: int = 10, seed: int = 0, lang: str = "en", check_ins_per_kr: int = 5, period: str = "2026-Q3"
) -> Workshop:
    """A synthetic workshop: leadership (3 objectives × 3 KRs) plus ``teams`` teams of 4 objectives × 5 KRs."""
    if not isinstance(teams, int) or isinstance(teams, bool) or teams < 0:
        raise ValidationError("generate teams", f"expected a whole number of 0 or more, got {teams!r}")
    if lang not in VOCAB:
        raise ValidationError("generate lang", f"expected sv or en, got {lang!r:.20}")
    if not isinstance(check_ins_per_kr, int) or isinstance(check_ins_per_kr, bool) or check_ins_per_kr < 0:
        raise ValidationError(
            "generate check_ins_per_kr", f"expected a whole number of 0 or more, got {check_ins_per_kr!r}"
        )
    m = _Maker(seed, lang, period, check_ins_per_kr)
    leadership_objectives = [
        m.objective(f"syn-o-0-{j}", None, LEADERSHIP_KRS) for j in range(1, LEADERSHIP_OBJECTIVES + 1)
    ]
    top = Team(name=m.v["leadership"], id="syn-t-0", objectives=leadership_objectives)
    parent_ids = [o.id for o in leadership_objectives]
    names = m.v["teams"]
    all_teams = [top]
    for i in range(1, teams + 1):
        objectives = [
            m.objective(f"syn-o-{i}-{j}", m.rng.choice(parent_ids), KRS_PER_OBJECTIVE)
            for j in range(1, OBJECTIVES_PER_TEAM + 1)
        ]
        name = f"{names[(i - 1) % len(names)]} {(i - 1) // len(names) + 1}"
        all_teams.append(Team(name=name, parent_id=top.id, id=f"syn-t-{i}", objectives=objectives))
    m.ws.teams = all_teams
    for t in all_teams:
        t.workshop = m.ws
    return m.ws
