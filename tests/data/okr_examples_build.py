"""Writes tests/data/okr_examples.jsonl: OKR examples recalled from the named public pages (wording may differ
from the live page; Swedish items are the seed text or translations). Run: python tests/data/okr_examples_build.py"""

import json
import pathlib
from collections import Counter

G = "https://rework.withgoogle.com/guides/set-goals-with-okrs/steps/introduction/"
GP = "https://www.whatmatters.com/resources/google-okr-playbook"
WM = "https://www.whatmatters.com/faqs/okr-meaning-definition-example"
FC = "https://felipecastro.com/en/okr/what-is-okr/"
WO = "https://eleganthack.com/the-art-of-the-okr/"
PE = "https://www.perdoo.com/resources/okr-examples/"
WD = "https://weekdone.com/resources/objectives-key-results"
OX = "https://okrexamples.co/"
AT = "https://www.atlassian.com/agile/agile-at-scale/okr"
SEED = "seed:000_21d06136a898304b.txt (project seed text, 'Vad är OKR?')"
O, K = "objective", "key_result"  # noqa: E741
rows = []


def add(lang, kind, verdict, src, note, *texts):
    for t in texts:
        rows.append({"text": t, "kind": kind, "lang": lang, "verdict": verdict, "source_url": src, "note": note})


# ---------------- English, good objectives
add("en", O, "good", FC, "example objective", "Delight our customers")
add("en", O, "good", WO, "Wodtke's coffee example", "Pwn the direct-to-business coffee retail market in the South Bay")
add("en", O, "good", WO, "Wodtke's MVP example", "Launch an awesome MVP")
add("en", O, "good", WM, "Doerr: Chrome", "Build the next generation client platform for web applications")
add("en", O, "good", WM, "Doerr: football coach example", "Win the championship")
add(
    "en",
    O,
    "good",
    PE,
    "example objective",
    "Become the market leader in the DACH region",
    "Provide a world-class customer experience",
    "Build a high-performing team",
)
add("en", O, "good", WD, "example objective", "Create an awesome customer experience")
add(
    "en",
    O,
    "good",
    OX,
    "example objective",
    "Make our product indispensable for small businesses",
    "Create a culture where people love to work",
    "Become the go-to resource for developers in our niche",
    "Turn our customers into raving fans",
    "Make onboarding effortless for new users",
)
add("en", O, "good", AT, "example objective", "Our customers succeed with the product from day one")
add(
    "en",
    O,
    "good",
    G,
    "qualitative, inspiring objective",
    "Establish a reputation for rock-solid reliability",
    "Make our checkout the fastest in the industry",
)
add("en", O, "good", GP, "aspirational objective", "Make every search result feel instant")
# ---------------- English, bad objectives
add(
    "en", O, "bad", PE, "metric in disguise", "Increase revenue by 30%", "Double users", "Grow sales 25% year over year"
)
add("en", O, "bad", WD, "number in objective", "Sell 1000 units", "Get 500 new customers")
add(
    "en",
    O,
    "bad",
    GP,
    "business as usual",
    "Maintain current customer satisfaction",
    "Continue to support the sales team",
    "Keep the servers running",
)
add(
    "en",
    O,
    "bad",
    PE,
    "task, not an objective",
    "Implement a new CRM",
    "Launch the new website",
    "Hold weekly team meetings",
)
add("en", O, "bad", OX, "single vague word", "Growth", "Quality")
add("en", O, "bad", WD, "metric in disguise", "Increase the number of users", "Reduce churn to 2%")
add("en", O, "bad", AT, "metric in disguise", "Improve NPS by 10 points")
add(
    "en",
    O,
    "bad",
    GP,
    "too long, not memorable",
    "We will work hard throughout the whole quarter to improve the way our various teams collaborate across departments, locations and time zones so that everybody feels informed",
)
# ---------------- English, good key results
add(
    "en",
    K,
    "good",
    FC,
    "Delight our customers",
    "Reduce revenue churn (cancellations) from 4% to 2%",
    "Increase Net Promoter Score from 40 to 55",
    "Improve average weekly visits per active user from 2 to 4",
    "Increase non-paid (organic) traffic from 20,000 to 35,000 visits a month",
    "Improve engagement (users that complete a full profile) from 30% to 50%",
)
add("en", K, "good", WO, "coffee example", "40% reorder rate", "25% of revenue from restaurants", "$250K in revenue")
add(
    "en",
    K,
    "good",
    WO,
    "MVP example",
    "40% of users come back 2 times in one week",
    "Recommendation score of 8",
    "15% conversion",
)
add("en", K, "good", WM, "Doerr: Chrome", "Reach 20 million 7-day active users")
add(
    "en",
    K,
    "good",
    WM,
    "Doerr: football",
    "Pass for 300 yards per game",
    "Defense holds opponents to under 17 points per game",
    "Top 3 in punt return coverage",
)
add(
    "en",
    K,
    "good",
    WD,
    "customer experience",
    "Improve Net Promoter Score from 6 to 8",
    "Increase repurchase rate from 75% to 90%",
)
add(
    "en",
    K,
    "good",
    PE,
    "outcome key result",
    "Increase conversion rate from 2% to 4%",
    "Reduce average support response time from 24 to 6 hours",
    "Increase monthly recurring revenue from $50k to $80k",
    "Grow qualified leads from 120 to 250 per month",
)
add(
    "en",
    K,
    "good",
    OX,
    "outcome key result",
    "Reduce customer onboarding time from 14 days to 5 days",
    "Increase trial-to-paid conversion from 8% to 15%",
    "Achieve an employee engagement score of 80%",
    "Reduce voluntary employee turnover from 18% to 10%",
    "95% of deployments succeed without rollback",
    "Cut page load time on mobile from 4.2s to 1.5s",
    "Increase daily active users from 10k to 25k",
)
add(
    "en",
    K,
    "good",
    AT,
    "outcome key result",
    "Reduce bugs reported by customers by 30%",
    "Raise customer satisfaction from 7.1 to 8.5",
)
add(
    "en",
    K,
    "good",
    G,
    "measurable key result",
    "Increase advertiser retention from 85% to 92%",
    "Reach 99.9% availability for the checkout service",
)
# ---------------- English, bad key results
add(
    "en",
    K,
    "bad",
    PE,
    "initiative, not a key result",
    "Launch new website",
    "Implement a new CRM system",
    "Hold a customer workshop every month",
    "Send the quarterly newsletter",
    "Complete the security audit",
    "Migrate the database to the cloud",
    "Roll out the new onboarding flow",
)
add(
    "en",
    K,
    "bad",
    WD,
    "output, not outcome",
    "Write 5 blog posts",
    "Publish 12 articles",
    "Hold 20 sales meetings",
    "Ship 4 new features",
    "Deliver 120 story points",
    "Write 10,000 lines of code",
)
add(
    "en",
    K,
    "bad",
    OX,
    "output metric",
    "Number of meetings with prospects: 30",
    "10 webinars for prospects",
    "50 sales calls per week",
)
add(
    "en",
    K,
    "bad",
    GP,
    "not measurable",
    "Improve the website",
    "Better customer support",
    "Make the product faster",
    "Improve team morale",
)
add(
    "en",
    K,
    "bad",
    AT,
    "vague quantifier",
    "Significantly more leads",
    "Get many more customers",
    "Substantially better onboarding experience",
)
add(
    "en",
    K,
    "bad",
    GP,
    "activity",
    "Create a marketing plan",
    "Train all staff on the new tool",
    "Attend three trade fairs",
    "Set up a customer advisory board",
    "Organize a team offsite",
)
add("en", K, "bad", FC, "contradiction", "Reduce churn from 5% to 8%")
add(
    "en",
    K,
    "good",
    WM,
    "Doerr: Intel Operation Crush key results (presented as exemplary, but activity-worded)",
    "Repackage the entire 8086 family of products",
    "Develop and publish five benchmarks showing superior 8086 family performance",
    "Sample the arithmetic coprocessor no later than June 15",
)

# ---------------- Swedish: seed
add("sv", O, "good", SEED, "seed: company level", "Internationell expansion genom etablering i Tyskland under året")
add("sv", O, "good", SEED, "seed: marketing team", "Kraftigt ökad synlighet på tyska marknaden i Q1")
add(
    "sv",
    K,
    "good",
    SEED,
    "seed",
    "20MSEK försäljning på den tyska marknaden",
    "5 nya tyska nyckelkunder med ordervärde över 1MSEK vardera",
    "100k organiska visningar av innehåll på XING",
    "200 leads från mässor i tyskland",
    "20% känner igen varumärket vid marknadsundersökning i slutet av kvartalet",
)
# ---------------- Swedish translations of published examples
TR = "Swedish translation of the published example"
add("sv", O, "good", FC, TR, "Gör våra kunder förtjusta")
add("sv", O, "good", WO, TR, "Ta över marknaden för kaffe till företag i Södertälje")
add(
    "sv",
    O,
    "good",
    PE,
    TR,
    "Bli marknadsledande i DACH-regionen",
    "Ge kunderna en upplevelse i världsklass",
    "Bygg ett högpresterande team",
)
add(
    "sv",
    O,
    "good",
    OX,
    TR,
    "Gör vår produkt oumbärlig för småföretag",
    "Skapa en kultur där folk älskar att jobba",
    "Gör våra kunder till ambassadörer",
    "Nya användare kommer igång utan hjälp",
)
add("sv", O, "good", G, TR, "Bli kända för en tjänst som aldrig går ner", "Branschens snabbaste kassa")
add("sv", O, "good", AT, TR, "Kunderna lyckas med produkten från första dagen")
add(
    "sv",
    O,
    "bad",
    PE,
    TR + " (metric in disguise)",
    "Öka intäkterna med 30 %",
    "Fördubbla antalet användare",
    "Öka försäljningen med 20%",
)
add("sv", O, "bad", WD, TR + " (number)", "Sälja 1000 enheter", "Få 500 nya kunder")
add(
    "sv",
    O,
    "bad",
    GP,
    TR + " (business as usual)",
    "Bibehålla nuvarande kundnöjdhet",
    "Fortsätta stötta säljteamet",
    "Upprätthålla driften av servrarna",
)
add(
    "sv",
    O,
    "bad",
    PE,
    TR + " (task)",
    "Införa ett nytt CRM-system",
    "Lansera den nya webbplatsen",
    "Hålla veckomöten i teamet",
)
add("sv", O, "bad", OX, TR + " (single word)", "Tillväxt", "Kvalitet")
add("sv", O, "bad", AT, TR + " (metric in disguise)", "Förbättra NPS med 10 poäng", "Minska kundavgången till 2 %")
add(
    "sv",
    K,
    "good",
    FC,
    TR,
    "Minska kundavgången från 4 % till 2 %",
    "Öka NPS från 40 till 55",
    "Öka andelen användare med komplett profil från 30 % till 50 %",
    "Öka den organiska trafiken från 20 000 till 35 000 besök i månaden",
)
add("sv", K, "good", WO, TR, "40 % återköpsfrekvens", "25 % av intäkterna från restauranger", "15 % konvertering")
add(
    "sv",
    K,
    "good",
    PE,
    TR,
    "Öka konverteringsgraden från 2 % till 4 %",
    "Korta svarstiden i supporten från 24 till 6 timmar",
    "Öka de månatliga återkommande intäkterna från 500 kSEK till 800 kSEK",
)
add(
    "sv",
    K,
    "good",
    OX,
    TR,
    "Korta tiden för kundstart från 14 till 5 dagar",
    "Öka andelen provkunder som blir betalande från 8 % till 15 %",
    "Minska personalomsättningen från 18 % till 10 %",
    "95 % av driftsättningarna lyckas utan återställning",
    "Öka antalet dagligt aktiva användare från 10 000 till 25 000",
)
add("sv", K, "good", G, TR, "Öka andelen annonsörer som stannar från 85 % till 92 %")
add(
    "sv",
    K,
    "bad",
    PE,
    TR + " (initiative)",
    "Lansera ny webbplats",
    "Införa ett nytt CRM-system",
    "Hålla en kundworkshop varje månad",
    "Skicka ut kvartalets nyhetsbrev",
    "Slutföra säkerhetsgranskningen",
    "Ta fram en marknadsplan",
    "Ny onboarding lanseras",
)
add(
    "sv",
    K,
    "bad",
    WD,
    TR + " (output)",
    "Skriva 5 blogginlägg",
    "Publicera 12 artiklar",
    "Genomföra 20 säljmöten",
    "10 kundmöten genomförda",
    "Antal möten med kunder: 30",
    "Leverera 120 story points",
)
add(
    "sv",
    K,
    "bad",
    GP,
    TR + " (not measurable)",
    "Förbättra webbplatsen",
    "Bättre kundsupport",
    "Snabbare produkt",
    "Bättre stämning i teamet",
)
add("sv", K, "bad", AT, TR + " (vague)", "Betydligt fler leads", "Kraftigt ökad försäljning", "Många fler kunder")
add("sv", K, "bad", FC, TR + " (contradiction)", "Minska kundavgången från 5 % till 8 %")


out = pathlib.Path(__file__).with_name("okr_examples.jsonl")
out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

print(len(rows), Counter((r["lang"], r["verdict"]) for r in rows))
