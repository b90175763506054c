"""Exempel AB: the Swedish sample workshop, 2026-Q3.

The company objective about Germany and the Marknad objective about
visibility, with their key results, are the example OKRs of the seed text;
everything else is written for this sample. Mostly good OKRs, with a few
deliberate imperfections a coach would comment on:

- ex-o-salj-1 has a number in the objective;
- ex-kr-salj-1-2 is an activity, not an outcome;
- ex-kr-kundtjanst-2-3 has no baseline;
- ex-o-produkt-3 is not aligned to any company objective;
- ex-kr-produkt-1-1 was given confidence 10 at drafting;
- Kundtjänst has not checked in since 21 August (outdated at quarter end);
- ex-kr-salj-1-1 has its 7 August check-in entered after the 21 August one.
"""

from __future__ import annotations

from ..model.entities import Workshop
from ._build import build, key_result, objective, team

ORGANISATION = "Exempel AB"
PERIOD = "2026-Q3"

# The seed's example OKRs (see /work/shared/seed), kept verbatim so tests and exercises can find them.
SEED_COMPANY_OBJECTIVE = "Internationell expansion genom etablering i Tyskland under året"
SEED_COMPANY_KRS = (
    "20 MSEK försäljning på den tyska marknaden",
    "5 nya tyska nyckelkunder med ordervärde över 1 MSEK vardera",
)
SEED_TEAM_OBJECTIVE = "Kraftigt ökad synlighet på tyska marknaden"
SEED_TEAM_KRS = (
    "100k organiska visningar av innehåll på XING",
    "200 leads från mässor i Tyskland",
    "20 % känner igen varumärket vid marknadsundersökning i slutet av kvartalet",
)

# fmt: off
CHECK_IN_DAYS = ["2026-07-10", "2026-07-24", "2026-08-07", "2026-08-21", "2026-09-04", "2026-09-18", "2026-09-30"]

LEDNING = team(
    "ledning",
    "Ledningsgruppen",
    [
        objective(
            SEED_COMPANY_OBJECTIVE,
            [
                key_result(SEED_COMPANY_KRS[0], "increase", 0, 20, "MSEK", reach=0.6, shape=1.3,
                           metric="försäljning i Tyskland", owner="Johan Berg", confidence=5, indicator="lagging",
                           comments={0: "Första ordern från Hamburg är bokad.",
                                     6: "Landar runt 12 MSEK; pipen för Q4 ser stark ut."}),
                key_result(SEED_COMPANY_KRS[1], "increase", 0, 5, "st", reach=0.6, values=(0, 0, 1, 1, 2, 3, 3),
                           metric="nya tyska nyckelkunder", owner="Johan Berg", confidence=5,
                           comments={2: "Första nyckelkunden: en grossist i Köln."}),
            ],
            type="aspirational",
            owner="Anna Lindqvist",
            why="Den svenska marknaden växer långsamt; Tyskland är vår största möjlighet de närmaste åren.",
        ),
        objective(
            "Kunder som stannar, växer och rekommenderar oss",
            [
                key_result("Kundavgången sjunker från 8 % till 5 % per år", "decrease", 8, 5, "%", reach=0.7,
                           metric="kundavgång, rullande tolv månader", owner="Maria Ek", confidence=6,
                           indicator="lagging"),
                key_result("NPS ligger kvar på minst 40 hela kvartalet", "at_least", 41, 40, "NPS",
                           values=(42, 41, 38, 39, 43, 44, 45), metric="NPS", owner="Maria Ek", confidence=6),
                key_result("Merförsäljning till befintliga kunder ökar från 12 till 18 MSEK", "increase", 12, 18,
                           "MSEK", reach=0.85, metric="merförsäljning", owner="Johan Berg", confidence=5),
            ],
            type="committed",
            owner="Maria Ek",
            why="Att behålla en kund kostar en bråkdel av att vinna en ny.",
        ),
        objective(
            "En organisation som orkar och vill växa",
            [
                key_result("eNPS ökar från 10 till 25", "increase", 10, 25, "eNPS", reach=0.5, shape=1.5,
                           metric="eNPS i pulsmätning", owner="Anna Lindqvist", confidence=4),
                key_result("Sjukfrånvaron håller sig under 4 %", "at_most", 3.2, 4, "%",
                           values=(3.1, 3.4, 2.8, 3.0, 4.3, 3.9, 3.6), metric="sjukfrånvaro",
                           owner="Anna Lindqvist", confidence=6),
                key_result("Bruttomarginalen är minst 45 % varje månad", "at_least", 45.5, 45, "%",
                           values=(46.2, 45.8, 44.1, 45.5, 46.0, 46.4, 47.1), metric="bruttomarginal",
                           owner="Maria Ek", confidence=6),
            ],
            type="aspirational",
            owner="Anna Lindqvist",
            why="Tillväxten i Tyskland får inte ske på bekostnad av dem som ska göra jobbet.",
        ),
    ],
)

MARKNAD = team(
    "marknad",
    "Marknad",
    [
        objective(
            SEED_TEAM_OBJECTIVE,
            [
                key_result(SEED_TEAM_KRS[0], "increase", 0, 100000, "visningar", reach=1.15, shape=0.8,
                           metric="organiska visningar på XING", owner="Sara Holm", confidence=5,
                           indicator="leading",
                           comments={1: "Artikeln om leveranssäkerhet tog fart i flera grupper.",
                                     6: "Målet nått redan i september!"}),
                key_result(SEED_TEAM_KRS[1], "increase", 0, 200, "st", reach=0.75,
                           values=(0, 0, 0, 35, 80, 130, 150), metric="leads från mässor", owner="Erik Nyström",
                           confidence=5, indicator="leading",
                           comments={0: "Inga mässor förrän i augusti, som planerat.",
                                     3: "Bra dagar på mässan i Nürnberg."}),
                key_result(SEED_TEAM_KRS[2], "increase", 4, 20, "%", reach=0.0,
                           values=(None, None, None, None, None, None, 14), metric="spontan varumärkeskännedom",
                           owner="Sara Holm", confidence=4, indicator="lagging",
                           comments={6: "Undersökningen klar: 14 %, upp från 4 %."}),
            ],
            type="aspirational",
            owner="Sara Holm",
            aligns="ledning-1",
            why="Ingen köper av ett företag de aldrig hört talas om.",
        ),
        objective(
            "Nöjda kunder blir våra bästa ambassadörer",
            [
                key_result("Kundreferenser som säljarna kan använda ökar från 3 till 12", "increase", 3, 12, "st",
                           reach=0.9, metric="godkända kundreferenser", owner="Lina Öberg", confidence=6),
                key_result("Andelen leads som kommer via rekommendation ökar från 8 % till 15 %", "increase", 8, 15,
                           "%", reach=0.6, shape=1.4, metric="leads via rekommendation", owner="Lina Öberg",
                           confidence=5),
                key_result("Nyhetsbrevets öppningsgrad är minst 35 %", "at_least", 36, 35, "%",
                           values=(37, 36, 33, 31, 34, 36, 38), metric="öppningsgrad", owner="Erik Nyström",
                           confidence=7),
            ],
            type="committed",
            owner="Lina Öberg",
            aligns="ledning-2",
            why="Ett tips från en kollega väger tyngre än all vår reklam.",
        ),
    ],
    parent="ledning",
)

SALJ = team(
    "salj",
    "Sälj",
    [
        objective(
            "Öka ordervärdet i Tyskland med 30 %",
            [
                key_result("Orderingången från tyska kunder når 6 MSEK", "increase", 0, 6, "MSEK", reach=0.7,
                           shape=1.2, metric="orderingång Tyskland", owner="Ahmed Karimi", confidence=5, late=2,
                           comments={3: "Två stora order kom in samtidigt.",
                                     2: "Inlagt i efterhand, glömde förra gången."}),
                key_result("Genomföra 12 kundbesök i München och Hamburg", "increase", 0, 12, "besök", reach=1.0,
                           metric="kundbesök", owner="Ahmed Karimi", confidence=8),
                key_result("Minst 30 % av offerterna till tyska kunder blir order", "at_least", 21, 30, "%",
                           values=(20, 22, 27, 31, 29, 33, 34), metric="vinstandel offerter Tyskland",
                           owner="Petra Sjöberg", confidence=5),
                key_result("Säljcykeln för nya kunder kortas från 90 till 60 dagar", "decrease", 90, 60, "dagar",
                           reach=0.4, shape=1.5, metric="genomsnittlig säljcykel", owner="Petra Sjöberg",
                           confidence=4),
            ],
            type="committed",
            owner="Johan Berg",
            aligns="ledning-1",
            why="Vi har fått fotfäste i Tyskland; nu ska det märkas i orderboken.",
        ),
        objective(
            "Befintliga kunder väljer att växa med oss",
            [
                key_result("Merförsäljningen till befintliga kunder ökar från 4 till 7 MSEK", "increase", 4, 7,
                           "MSEK", reach=0.9, metric="merförsäljning", owner="Petra Sjöberg", confidence=6),
                key_result("Ingen kund med avtal över 500 kSEK säger upp", "at_most", 0, 0, "st",
                           values=(0, 0, 0, 1, 1, 1, 1), metric="uppsagda stora avtal", owner="Johan Berg",
                           confidence=7, comments={3: "Kund i Västerås säger upp efter ägarbyte."}),
                key_result("Förnyelsegraden för avtal som löper ut är minst 90 %", "at_least", 91, 90, "%",
                           values=(92, 93, 91, 88, 90, 91, 92), metric="förnyelsegrad", owner="Petra Sjöberg",
                           confidence=6),
            ],
            type="committed",
            owner="Petra Sjöberg",
            aligns="ledning-2",
            why="Våra bästa kunder har fler behov än de köper av oss i dag.",
        ),
    ],
    parent="ledning",
)

PRODUKT = team(
    "produkt",
    "Produkt",
    [
        objective(
            "En tjänst som känns hemma för tyska användare",
            [
                key_result("Webbappen finns på tyska i sin helhet", "milestone", 0, 1, "",
                           values=(0, 0, 0, 0, 1, 1, 1), metric="tysk lokalisering lanserad", owner="Elin Björk",
                           confidence=10, comments={4: "Lanserat 1 september!"}),
                key_result("Andelen tyska provkonton som aktiveras inom 7 dagar ökar från 20 % till 45 %",
                           "increase", 20, 45, "%", reach=0.75, metric="aktivering av provkonton",
                           owner="Oskar Lund", confidence=5, indicator="leading"),
                key_result("Supportärenden om språk och format är högst 15 per månad", "at_most", 24, 15, "st",
                           values=(22, 19, 17, 14, 9, 8, 7), metric="ärenden om språk och format",
                           owner="Elin Björk", confidence=5),
            ],
            type="aspirational",
            owner="Oskar Lund",
            aligns="ledning-1",
            why="Tyska kunder förväntar sig en produkt på tyska, med tyska format och tyska fakturor.",
        ),
        objective(
            "En snabb och stabil tjänst som kunderna litar på",
            [
                key_result("Tillgängligheten är minst 99,9 % varje månad", "at_least", 99.92, 99.9, "%",
                           values=(99.95, 99.97, 99.81, 99.93, 99.96, 99.98, 99.97), metric="tillgänglighet",
                           owner="Daniel Fors", confidence=7,
                           comments={2: "Driftstörning hos molnleverantören 4 augusti."}),
                key_result("Startsidan laddar på 1,5 sekunder i stället för 3,2 (p95)", "decrease", 3.2, 1.5, "s",
                           reach=1.1, shape=0.7, metric="laddtid p95", owner="Daniel Fors", confidence=6),
                key_result("Kritiska buggar i produktion minskar från 9 till 2 per månad", "decrease", 9, 2, "st",
                           values=(8, 7, 7, 6, 5, 5, 4), metric="kritiska buggar per månad", owner="Oskar Lund",
                           confidence=5),
            ],
            type="committed",
            owner="Daniel Fors",
            aligns="ledning-2",
            why="Varje avbrott kostar förtroende som tar månader att vinna tillbaka.",
        ),
        objective(
            "Ett utvecklingsteam som levererar i jämn takt",
            [
                key_result("Ledtiden från commit till produktion kortas från 5 dagar till 1", "decrease", 5, 1,
                           "dagar", reach=0.75, metric="ledtid", owner="Daniel Fors", confidence=5),
                key_result("Minst 80 % av sprintmålen nås", "at_least", 62, 80, "%",
                           values=(60, 70, 75, 80, 85, 80, 85), metric="nådda sprintmål", owner="Oskar Lund",
                           confidence=5),
                key_result("Den automatiska testtäckningen av betalflödet ökar från 40 % till 75 %", "increase", 40,
                           75, "%", reach=0.9, metric="testtäckning betalflöde", owner="Elin Björk", confidence=6),
            ],
            type="committed",
            owner="Daniel Fors",
            why="Ojämnt tempo gör det omöjligt för sälj att lova något till kunderna.",
        ),
    ],
    parent="ledning",
)

KUNDTJANST = team(
    "kundtjanst",
    "Kundtjänst",
    [
        objective(
            "Kunderna får snabb hjälp, på sitt eget språk",
            [
                key_result("Första svarstid på e-post kortas från 24 till 8 timmar", "decrease", 24, 8, "h",
                           reach=0.8, metric="första svarstid e-post", owner="Fatima Hassan", confidence=5),
                key_result("Tyskspråkig support är öppen alla vardagar 8–17", "milestone", 0, 1, "",
                           values=(0, 0, 0, 0), metric="tyskspråkig support", owner="Nils Åberg", confidence=6,
                           comments={3: "Rekryteringen drar ut på tiden."}),
                key_result("Kundnöjdheten efter avslutat ärende är minst 4,5 av 5", "at_least", 4.4, 4.5, "av 5",
                           values=(4.6, 4.5, 4.4, 4.5), metric="CSAT", owner="Fatima Hassan", confidence=6),
                key_result("Andelen ärenden som löses vid första kontakten ökar från 55 % till 70 %", "increase",
                           55, 70, "%", reach=0.6, shape=1.3, metric="lösta vid första kontakt", owner="Nils Åberg",
                           confidence=5),
            ],
            type="committed",
            owner="Fatima Hassan",
            aligns="ledning-2",
            why="Nya tyska kunder bedömer oss efter hur det första supportärendet går.",
        ),
        objective(
            "Kunderna klarar sig själva oftare",
            [
                key_result("Ärenden per 100 aktiva kunder minskar från 12 till 8", "decrease", 12, 8, "st",
                           reach=0.5, metric="ärenden per 100 kunder", owner="Nils Åberg", confidence=5),
                key_result("Andelen frågor som löses i hjälpcentret utan ärende ökar från 15 % till 30 %",
                           "increase", 15, 30, "%", reach=0.7, metric="självbetjäningsgrad", owner="Fatima Hassan",
                           confidence=6),
                key_result("70 % av besöken i hjälpcentret slutar utan att kunden öppnar ett ärende", "increase",
                           None, 70, "%", values=(58, 61, 60, 63), metric="besök utan ärende",
                           owner="Fatima Hassan", confidence=5),
            ],
            type="aspirational",
            owner="Nils Åberg",
            aligns="ledning-3",
            why="Varje fråga kunden löser själv frigör tid till de svåra ärendena.",
        ),
    ],
    parent="ledning",
    silent_after="2026-08-21",
)

# fmt: on


def workshop() -> Workshop:
    """A fresh Exempel AB workshop (Swedish, 2026-Q3)."""
    return build(
        prefix="ex",
        organisation=ORGANISATION,
        period=PERIOD,
        lang="sv",
        days=CHECK_IN_DAYS,
        teams=[LEDNING, MARKNAD, SALJ, PRODUKT, KUNDTJANST],
    )
