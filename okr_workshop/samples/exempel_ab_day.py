"""Exempel AB's recorded workshop day (June 2026), replayed into the demo's workshop file.

Plain data, read by ``okr_workshop.day.sample``. Teams and objectives are named by
the sample's keys (``marknad``, ``marknad-1``), so the record fits any copy of the
sample, fresh ids or not. Candidates: (author, text, fate), the author an index into
the team's ``people``; fate n: it became objective n of the team; ``"~k"``: merged
into the team's candidate k; None: not chosen. ``dots``: per person, the candidates
their dots went on. ``confidence``: per objective n, each person's fist of five.
"""

from __future__ import annotations

# fmt: off
DAY = {
    "prefix": "ex",
    "date": "2026-06-22",
    "agenda": "company",
    "dots": 2,
    "teams": {
        "ledning": {
            "people": ["Anna Lindqvist", "Johan Berg", "Maria Ek"],
            "candidates": [
                (0, "Internationell expansion genom etablering i Tyskland under året", 1),
                (1, "Vi slår igenom i Tyskland", "~0"),
                (2, "Kunder som stannar, växer och rekommenderar oss", 2),
                (1, "Bli marknadsledande i Norden", None),
                (0, "En organisation som orkar och vill växa", 3),
            ],
            "dots": [[0, 4], [0, 3], [2, 4]],
            "confidence": {1: (3, 4, 2), 2: (4, 4, 5), 3: (3, 3, 4)},
        },
        "marknad": {
            "people": ["Sara Holm", "Lina Öberg", ""],
            "candidates": [
                (0, "Kraftigt ökad synlighet på tyska marknaden", 1),
                (2, "Tyskarna ska känna igen vårt varumärke", "~0"),
                (1, "Nöjda kunder blir våra bästa ambassadörer", 2),
                (1, "Fler följare på LinkedIn", None),
            ],
            "dots": [[0, 2], [2, 3], [0, 2]],
            "confidence": {1: (3, 4, 3), 2: (4, 5, 4)},
        },
        "salj": {
            "people": ["Petra Sjöberg", "Erik Nyström", "Karin Dahl"],
            "candidates": [
                (0, "Öka ordervärdet i Tyskland med 30 %", 1),
                (1, "Befintliga kunder väljer att växa med oss", 2),
                (2, "Fler kunder köper mer av oss", "~1"),
                (1, "Ringa fler kunder varje vecka", None),
            ],
            "dots": [[0, 1], [0, 3], [0, 1]],
            "confidence": {1: (4, 2, 3), 2: (4, 4, 4)},
        },
        "produkt": {
            "people": ["Oskar Lund", "Daniel Fors", "Amira Said"],
            "candidates": [
                (0, "En tjänst som känns hemma för tyska användare", 1),
                (1, "En snabb och stabil tjänst som kunderna litar på", 2),
                (2, "Ingen ska behöva vänta på sidan", "~1"),
                (1, "Ett utvecklingsteam som levererar i jämn takt", 3),
                (2, "Byta till en ny molnleverantör", None),
            ],
            "dots": [[0, 1], [1, 3], [0, 4]],
            "confidence": {1: (3, 4, 4), 2: (5, 4, 4), 3: (2, 3, 4)},
        },
        "kundtjanst": {
            "people": ["Fatima Hassan", "Nils Åberg", "Elin Strand"],
            "candidates": [
                (0, "Kunderna får snabb hjälp, på sitt eget språk", 1),
                (2, "Support på tyska", "~0"),
                (1, "Kunderna klarar sig själva oftare", 2),
                (2, "Svara på alla ärenden inom en timme", None),
            ],
            "dots": [[0, 2], [2, 3], [0, 2]],
            "confidence": {1: (4, 4, 3), 2: (3, 2, 4)},
        },
    },
    # (objective, reviewing team, kind, text, resolution; None: still open)
    "reviews": [
        ("marknad-1", "ledning", "strong", "Tydlig koppling till bolagets mål om Tyskland.", "Tack, vi behåller den."),
        ("marknad-1", "ledning", "question", "Hur mäter ni synligheten innan mässorna börjar?",
         "Vi gör en varumärkesmätning i juli som utgångsläge."),
        ("salj-1", "marknad", "suggestion", "Ta bort siffran ur målet och låt nyckelresultaten bära de 30 procenten.",
         "Vi behåller formuleringen i Q3 och ser över den till nästa kvartal."),
        ("produkt-1", "salj", "strong", "Bra att ni utgår från användarnas vardag.", "Tack!"),
        ("produkt-3", "salj", "question", "Vilket av bolagets mål stödjer det här?",
         "Inget direkt; vi behåller det som ett eget teammål."),
        ("kundtjanst-1", "produkt", "strong", "Språket är en verklig konkurrensfördel.", "Tack!"),
        ("kundtjanst-2", "produkt", "question", "Vad räknas som att en kund klarar sig själv?", None),
        ("ledning-2", "kundtjanst", "suggestion", "Lägg till ett nyckelresultat om svarstider.",
         "Kundtjänst äger svarstiderna i sina OKR:er."),
    ],
    # (needing team, asked team, what, by date, answer, note[, the objective that needs it])
    "dependencies": [
        ("marknad", "produkt", "Tysk version av webbplatsen före mässan i Köln", "2026-08-15", "accepted",
         "Klar vecka 32.", "marknad-1"),
        ("salj", "kundtjanst", "Tysktalande support från första ordern", "2026-07-31", "accepted", "", "salj-1"),
        ("kundtjanst", "produkt", "Hjälpartiklar på tyska i appen", "2026-09-01", "declined",
         "Ryms inte i Q3; vi tar det i Q4."),
        ("produkt", "salj", "Tre tyska pilotkunder till användartester", "2026-07-20", "negotiating",
         "Två i juli, en i augusti."),
        ("marknad", "salj", "Kundcase från två tyska kunder", "2026-09-15", "open", ""),
    ],
    # the mid-quarter review: (objective, keep/change/drop, what worked, what we learned, date)
    "mid_reviews": [
        ("ledning-2", "keep", "Kundmötena varje månad.", "Merförsäljningen kommer från kunder vi redan träffar.",
         "2026-08-14"),
        ("marknad-1", "keep", "Mässan i Köln gav fler leads än vi trodde.",
         "Inläggen på XING når fram först när de är skrivna på tyska.", "2026-08-14"),
        ("salj-1", "change", "Större order från befintliga kunder.",
         "Nya tyska kunder tar längre tid att stänga än vi räknat med.", "2026-08-14"),
        ("produkt-3", "drop", "Kortare granskningstid.",
         "Målet stödde inget av bolagets mål; vi lägger kraften på stabiliteten.", "2026-08-14"),
        ("kundtjanst-2", "keep", "Hjälpcentret får fler besök.", "Kunderna hittar inte artiklarna från appen.",
         "2026-08-14"),
    ],
}
# fmt: on
