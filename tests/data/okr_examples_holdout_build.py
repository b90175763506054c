"""Writes tests/data/okr_examples_holdout.jsonl: a second labelled set, written after the rules were frozen
and never used to change them. Same kind of sources as okr_examples_build.py (recalled, wording may differ).
Run: python tests/data/okr_examples_holdout_build.py"""

import json
import pathlib

PE = "https://www.perdoo.com/resources/okr-examples/"
OX = "https://okrexamples.co/"
WD = "https://weekdone.com/resources/objectives-key-results"
AT = "https://www.atlassian.com/agile/agile-at-scale/okr"
FC = "https://felipecastro.com/en/okr/what-is-okr/"
GP = "https://www.whatmatters.com/resources/google-okr-playbook"
TR = "Swedish translation of the published example (held out)"
rows = []


def add(lang, kind, verdict, src, note, *texts):
    for t in texts:
        rows.append({"text": t, "kind": kind, "lang": lang, "verdict": verdict, "source_url": src, "note": note})


add(
    "en",
    "objective",
    "good",
    OX,
    "held out",
    "Win the trust of enterprise buyers",
    "Hire and grow a world-class engineering team",
    "Make our support the best part of the product",
    "Be the first app people open in the morning",
)
add(
    "en",
    "objective",
    "bad",
    PE,
    "held out",
    "Increase MRR to $1M",
    "Reduce costs by 15%",
    "Keep the lights on",
    "Finish the data migration",
    "Marketing",
)
add(
    "en",
    "key_result",
    "good",
    OX,
    "held out",
    "Lift 30-day retention from 25% to 40%",
    "Average time to first value under 10 minutes",
    "Customer effort score at least 5.5 out of 7",
    "Cut infrastructure cost per user from $1.20 to $0.80",
    "At least 60% of new signups come from referrals",
)
add(
    "en",
    "key_result",
    "bad",
    PE,
    "held out",
    "Run a customer survey",
    "Organise 4 webinars",
    "Redesign the pricing page",
    "Improve onboarding",
    "Send 200 cold emails a week",
    "Get better at retention",
)
add(
    "sv",
    "objective",
    "good",
    OX,
    TR,
    "Vinn storkundernas förtroende",
    "Supporten blir det bästa med produkten",
    "Bli den första appen folk öppnar på morgonen",
    "Ett team som älskar att leverera kvalitet",
)
add(
    "sv",
    "objective",
    "bad",
    PE,
    TR,
    "Öka MRR till 10 MSEK",
    "Sänka kostnaderna med 15 %",
    "Sköta driften som vanligt",
    "Slutföra datamigreringen",
    "Marknadsföring",
)
add(
    "sv",
    "key_result",
    "good",
    OX,
    TR,
    "Höj 30-dagarsretentionen från 25 % till 40 %",
    "Genomsnittlig tid till första nytta under 10 minuter",
    "Minst 60 % av nya kunder kommer via rekommendationer",
    "Sänk driftkostnaden per användare från 12 kr till 8 kr",
    "Kundansträngning minst 5,5 av 7",
)
add(
    "sv",
    "key_result",
    "bad",
    PE,
    TR,
    "Genomför en kundenkät",
    "Arrangera 4 webbinarier",
    "Gör om prissidan",
    "Förbättra introduktionen för nya kunder",
    "Skicka 200 kalla mejl i veckan",
    "Bli bättre på att behålla kunder",
)
out = pathlib.Path(__file__).with_name("okr_examples_holdout.jsonl")
out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
print(len(rows))
