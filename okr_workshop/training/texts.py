"""Swedish and English texts of the training exercises: flaw labels, feedback, formulas, debriefs."""

from __future__ import annotations

from ..i18n.formatting import format_number
from ..quality.catalogue import PLURAL

# Short labels of the rules a trainee can mark (checkbox texts, table headers).
FLAW_LABELS: dict[str, dict[str, str]] = {
    "objective-number": {"sv": "Siffra i målet", "en": "Number in the objective"},
    "objective-metric": {"sv": "Målet är egentligen ett nyckeltal", "en": "Objective is a metric in disguise"},
    "kr-activity": {"sv": "Nyckelresultatet är en aktivitet", "en": "Key result is an activity"},
    "kr-no-baseline": {"sv": "Utgångsläge saknas", "en": "Baseline missing"},
    "kr-binary": {"sv": "Binärt nyckelresultat (klart/inte klart)", "en": "Binary key result (done / not done)"},
    "kr-vague": {"sv": "Vagt ord i stället för ett värde", "en": "Vague word instead of a value"},
    "kr-not-measurable": {"sv": "Nyckelresultatet går inte att mäta", "en": "Key result is not measurable"},
    "krs-count": {"sv": "Fel antal nyckelresultat", "en": "Wrong number of key results"},
    "kr-direction": {"sv": "Riktningen stämmer inte med mätsättet", "en": "Direction contradicts the kind"},
    "kr-confidence-10": {"sv": "Tilltro 10/10 (för lågt satt målvärde)", "en": "Confidence 10/10 (sandbagging)"},
    "team-objective-count": {"sv": "För många mål för teamet", "en": "Too many objectives for the team"},
    "objective-not-aligned": {"sv": "Målet är inte kopplat uppåt", "en": "Objective not aligned upwards"},
    "alignment-nonsense": {"sv": "Kopplingen uppåt hänger inte ihop", "en": "Alignment that makes no sense"},
    "rewrite-numbers": {
        "sv": "Siffrorna i texten stämmer inte med fälten",
        "en": "Numbers in the text contradict the fields",
    },
    "rewrite-sandbag": {"sv": "Målvärdet är fortfarande för lågt satt", "en": "The target is still sandbagged"},
    "rewrite-topic": {"sv": "Handlar inte längre om samma sak", "en": "No longer about the same thing"},
}

SEVERITY: dict[str, dict[str, str]] = {
    "error": {"sv": "fel", "en": "error"},
    "warning": {"sv": "varning", "en": "warning"},
    "info": {"sv": "info", "en": "info"},
}

KIND: dict[str, dict[str, str]] = {
    "increase": {"sv": "öka", "en": "increase"},
    "decrease": {"sv": "minska", "en": "decrease"},
    "at_least": {"sv": "minst", "en": "at least"},
    "at_most": {"sv": "högst", "en": "at most"},
    "milestone": {"sv": "milstolpe", "en": "milestone"},
}

T: dict[str, dict[str, str]] = {
    # spot the flaw
    "spot.title": {"sv": "Hitta felet", "en": "Spot the flaw"},
    "spot.intro": {
        "sv": "Det här OKR:et har {n} fel. Markera vad som är fel och tryck på Rätta.",
        "en": "This OKR has {n} {n:flaw|flaws}. Mark what is wrong and press Check.",
    },
    "spot.correct": {"sv": "Rätt", "en": "Correct"},
    "spot.missed": {"sv": "Missat", "en": "Missed"},
    "spot.false_alarm": {"sv": "Falskt larm", "en": "False alarm"},
    "spot.not_here": {"sv": "Den regeln bryts inte i det här OKR:et.", "en": "This OKR does not break that rule."},
    "spot.summary": {
        "sv": "{correct} av {total} fel hittade, {false} {false:falskt larm|falska larm}.",
        "en": "{correct} of {total} {total:flaw|flaws} found, {false} {false:false alarm|false alarms}.",
    },
    # rewrite
    "rewrite.title": {"sv": "Skriv om", "en": "Rewrite it"},
    "rewrite.intro": {
        "sv": "Skriv om OKR:et tills kvalitetskontrollen inte hittar något att anmärka på.",
        "en": "Rewrite the OKR until the quality check has nothing left to remark.",
    },
    "rewrite.clean": {
        "sv": "Inga anmärkningar kvar efter {attempts} försök.",
        "en": "No remarks left after {attempts} {attempts:attempt|attempts}.",
    },
    "rewrite.remaining": {"sv": "{n} {n:anmärkning|anmärkningar} kvar.", "en": "{n} {n:remark|remarks} left."},
    "rewrite.model": {"sv": "Facit", "en": "Answer key"},
    "rewrite.numbers": {
        "sv": "Texten säger ett annat värde än fältet för {fields}.",
        "en": "The text states another value than the {fields} field.",
    },
    "rewrite.numbers_fix": {
        "sv": "Låt texten och fälten säga samma sak (från utgångsläget till målvärdet).",
        "en": "Make the text and the fields say the same (from the baseline to the target).",
    },
    "rewrite.sandbag": {
        "sv": "Målvärdet {target} är lika lågt som förut; att bara sänka tilltron räcker inte.",
        "en": "The target {target} is as low as before; lowering the confidence alone is not enough.",
    },
    "rewrite.sandbag_fix": {
        "sv": "Höj målvärdet till något som är osäkert men möjligt (tilltro runt 5/10).",
        "en": "Raise the target to something uncertain but possible (confidence around 5/10).",
    },
    "rewrite.topic": {
        "sv": "Inget ord finns kvar från övningens OKR; det ska fortfarande handla om samma sak.",
        "en": "No word of the exercise's OKR is left; it must still be about the same thing.",
    },
    "rewrite.topic_fix": {
        "sv": "Skriv om formuleringen, men behåll vad målet eller nyckelresultatet handlar om.",
        "en": "Reword it, but keep what the objective or key result is about.",
    },
    "rewrite.invalid": {"sv": "Kan inte läsa svaret: {error}", "en": "Cannot read the answer: {error}"},
    # score the quarter
    "quarter.title": {"sv": "Betygsätt kvartalet", "en": "Score the quarter"},
    "quarter.intro": {
        "sv": "Räkna ut betyget (0,0–1,0, två decimaler) för varje nyckelresultat och för målet per {as_of}.",
        "en": "Compute the grade (0.0–1.0, two decimals) of each key result and of the objective as of {as_of}.",
    },
    "quarter.ok": {"sv": "Rätt", "en": "Right"},
    "quarter.off": {"sv": "Fel", "en": "Off"},
    "quarter.missing": {"sv": "Inget svar", "en": "No answer"},
    "quarter.pass_mark": {
        "sv": "Godkänt kräver {need} av {total} rätta betyg (±0,01 räknas som rätt).",
        "en": "A pass needs {need} of {total} grades right (±0.01 counts as right).",
    },
    "quarter.passed": {"sv": "Godkänt.", "en": "Passed."},
    "quarter.failed": {
        "sv": "Inte godkänt: godkänt kräver {need} av {total}.",
        "en": "Not passed: a pass needs {need} of {total}.",
    },
    "quarter.empty": {"sv": "Fyll i minst ett svar först.", "en": "Fill in at least one answer first."},
    "quarter.summary": {"sv": "{right} av {total} betyg rätt.", "en": "{right} of {total} grades right."},
    "quarter.clamp": {"sv": "begränsat till 0–1", "en": "clamped to 0–1"},
    "quarter.increase": {
        "sv": "framsteg = (nuläge − utgångsläge) / (målvärde − utgångsläge) = ({v} − {b}) / ({t} − {b}) = {raw}",
        "en": "progress = (current − baseline) / (target − baseline) = ({v} − {b}) / ({t} − {b}) = {raw}",
    },
    "quarter.decrease": {
        "sv": "framsteg = (utgångsläge − nuläge) / (utgångsläge − målvärde) = ({b} − {v}) / ({b} − {t}) = {raw}",
        "en": "progress = (baseline − current) / (baseline − target) = ({b} − {v}) / ({b} − {t}) = {raw}",
    },
    "quarter.at_least": {
        "sv": "tröskel: 1,0 om nuläget ≥ målvärdet ({v} ≥ {t}), annars 0,0",
        "en": "threshold: 1.0 if current ≥ target ({v} ≥ {t}), else 0.0",
    },
    "quarter.at_most": {
        "sv": "tröskel: 1,0 om nuläget ≤ målvärdet ({v} ≤ {t}), annars 0,0",
        "en": "threshold: 1.0 if current ≤ target ({v} ≤ {t}), else 0.0",
    },
    "quarter.milestone": {
        "sv": "milstolpe: 1,0 om klar (värde {v} ≥ {t}), annars 0,0",
        "en": "milestone: 1.0 if done (value {v} ≥ {t}), else 0.0",
    },
    "quarter.objective": {
        "sv": "målets betyg = medelvärdet av nyckelresultatens betyg = ({terms}) / {n} = {raw}",
        "en": "objective grade = mean of the key-result grades = ({terms}) / {n} = {raw}",
    },
    "quarter.grade": {"sv": "betyg {grade}", "en": "grade {grade}"},
    "quarter.hint_percent": {
        "sv": "{given} – menar du {guess} ({given} %)? Skriv betyget mellan 0 och 1.",
        "en": "{given} – do you mean {guess} ({given} %)? Write the grade between 0 and 1.",
    },
    "quarter.hint_range": {
        "sv": "{given} ligger utanför 0–1; ett betyg begränsas till 0–1.",
        "en": "{given} is outside 0–1; a grade is clamped to 0–1.",
    },
    "quarter.follow_through": {
        "sv": "rätt räknat på dina egna betyg för nyckelresultaten (följdfel).",
        "en": "right for your own key-result grades (follow-through).",
    },
    # facilitate
    "facilitate.title": {"sv": "Facilitera", "en": "Facilitate"},
    "facilitate.intro": {
        "sv": "Teamet {team} visar sin OKR-tavla. Välj de tre viktigaste coachningspunkterna.",
        "en": "Team {team} shows its OKR board. Pick the three most important coaching points.",
    },
    "facilitate.top": {"sv": "Bland de viktigaste", "en": "Among the most important"},
    "facilitate.lower": {"sv": "Finns, men mindre viktig", "en": "Present, but less important"},
    "facilitate.absent": {"sv": "Finns inte på tavlan", "en": "Not on this board"},
    "facilitate.order": {
        "sv": "Ordning som en coach tar upp det: fokus, sedan utfall (aktiviteter och klart/inte klart mäter arbete, "
        "inte förändring), sedan kopplingen uppåt, mätbarhet och formuleringar; tilltron sist.",
        "en": "The order a coach raises them: focus, then outcomes (activities and done/not done measure work, not "
        "change), then alignment, measurability and wording; confidence last.",
    },
    "facilitate.point": {
        "sv": "{rank}. {label} ({count} st: {where}). {why} {suggestion}",
        "en": "{rank}. {label} ({count}×: {where}). {why} {suggestion}",
    },
    "facilitate.why.team-objective-count": {
        "sv": "Fokus först: med för många mål blir inget av dem viktigast, och resten rättas lättare med färre mål.",
        "en": "Focus first: with too many objectives none of them matters most, and the rest is easier to fix with "
        "fewer.",
    },
    "facilitate.why.kr-activity": {
        "sv": "Aktiviteter mäter vad teamet gör, inte vad som förändras: utfallet saknas.",
        "en": "Activities measure what the team does, not what changes: the outcome is missing.",
    },
    "facilitate.why.kr-binary": {
        "sv": "Klart/inte klart säger inte om det gjorde skillnad: utfallet saknas.",
        "en": "Done / not done does not say whether it made a difference: the outcome is missing.",
    },
    "facilitate.why.alignment-nonsense": {
        "sv": "En koppling som inte hänger ihop är en formalitet; den visar att målet inte är förankrat.",
        "en": "An alignment that makes no sense is a formality; it shows the objective is not anchored.",
    },
    "facilitate.why.objective-not-aligned": {
        "sv": "Utan koppling uppåt vet ingen vad målet bidrar till.",
        "en": "Without alignment nobody knows what the objective contributes to.",
    },
    "facilitate.why.kr-no-baseline": {
        "sv": "Utan utgångsläge går framsteget inte att bedöma, men det är lätt att lägga till.",
        "en": "Without a baseline progress cannot be judged, but it is easy to add.",
    },
    "facilitate.why.objective-number": {
        "sv": "Siffran hör hemma i ett nyckelresultat; en formulering, snabbt åtgärdad.",
        "en": "The number belongs in a key result; wording, quickly fixed.",
    },
    "facilitate.why.kr-confidence-10": {
        "sv": "Tilltro 10/10 vid start är ett samtal om ambitionsnivån, inte ett strukturfel; ta det sist.",
        "en": "Confidence 10/10 at the start is a conversation about ambition, not a structural flaw; raise it last.",
    },
    "facilitate.summary": {
        "sv": "{top} av 3 val bland de viktigaste punkterna.",
        "en": "{top} of 3 picks among the most important points.",
    },
    "facilitate.pick_count": {
        "sv": "välj exakt tre punkter (du valde {n}).",
        "en": "pick exactly three points (you picked {n}).",
    },
    # shared
    "check": {"sv": "Rätta", "en": "Check"},
    "your_name": {"sv": "Ditt namn", "en": "Your name"},
    "name_first": {"sv": "Skriv ditt namn först.", "en": "Enter your name first."},
    "one_attempt": {
        "sv": "Ditt svar är inlämnat; bara första försöket rättas i den här klassen.",
        "en": "Your answer is handed in; only the first attempt is graded in this class.",
    },
    "submit": {"sv": "Skicka", "en": "Submit"},
    "reveal": {"sv": "Visa facit", "en": "Show the answer key"},
    "answer_key": {"sv": "Nr", "en": "Key"},
    "objective": {"sv": "Mål", "en": "Objective"},
    "key_result": {"sv": "Nyckelresultat", "en": "Key result"},
    "kind": {"sv": "Mätsätt", "en": "Kind"},
    "baseline": {"sv": "Utgångsläge", "en": "Baseline"},
    "target": {"sv": "Målvärde", "en": "Target"},
    "unit": {"sv": "Enhet", "en": "Unit"},
    "confidence": {"sv": "Tilltro", "en": "Confidence"},
    "check_ins": {"sv": "Uppföljningar", "en": "Check-ins"},
    "grade": {"sv": "Betyg", "en": "Grade"},
    "trainee": {"sv": "Deltagare", "en": "Trainee"},
    "source": {"sv": "Källa", "en": "Source"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The training text ``key`` in ``lang`` with ``values`` filled in."""
    entry = T[key]
    text = entry.get(lang, entry["en"])
    if values and "|" in text:  # {n:flaw|flaws}: singular when n is 1
        text = PLURAL.sub(lambda m: m[2] if values.get(m[1]) == 1 else m[3], text)
    return text.format(**values) if values else text


def flaw_label(rule_id: str, lang: str) -> str:
    """A short label of a rule for checkboxes and tables (the rule id if there is none)."""
    entry = FLAW_LABELS.get(rule_id)
    return entry.get(lang, entry["en"]) if entry else rule_id


def number(value: float | None, lang: str) -> str:
    """A number as people write it: up to four decimals, no trailing zeros; "12 500,5" in Swedish."""
    if value is None:
        return "–"
    return format_number(round(value, 4), lang, digits=None if value != int(value) else 0)
