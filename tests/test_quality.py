"""Truth tables for the text rules, in Swedish and English, and bad input."""

from __future__ import annotations

import pytest

import okr_workshop as okr
from okr_workshop.errors import OkrWorkshopError
from okr_workshop.quality import check, check_text
from okr_workshop.quality.text import guess_lang


def rules(text, kind="objective", lang="sv"):
    return {f.rule for f in check_text(text, kind=kind, lang=lang)}


@pytest.mark.parametrize(
    "text,lang,rule,expected",
    [
        # objective-number: numbers are out, years and quarter names are fine
        ("Nå 500 nya kunder i Tyskland", "sv", "objective-number", True),
        ("Kraftigt ökad synlighet på tyska marknaden i Q1", "sv", "objective-number", False),
        ("Internationell expansion genom etablering i Tyskland 2027", "sv", "objective-number", False),
        ("Win 3 new enterprise deals", "en", "objective-number", True),
        ("Own the German market in 2027-Q1", "en", "objective-number", False),
        # objective-metric: a metric in disguise
        ("Increase revenue by 30%", "en", "objective-metric", True),
        ("Double users", "en", "objective-metric", True),
        ("Öka försäljningen med 20 %", "sv", "objective-metric", True),
        ("Fördubbla antalet användare", "sv", "objective-metric", True),
        ("Kraftigt ökad synlighet på tyska marknaden", "sv", "objective-metric", False),
        ("Kunder som stannar, växer och rekommenderar oss", "sv", "objective-metric", False),
        ("Delight our customers", "en", "objective-metric", False),
        # objective-bau: business as usual
        ("Maintain current customer satisfaction", "en", "objective-bau", True),
        ("Continue to support the sales team", "en", "objective-bau", True),
        ("Fortsätta utveckla kundtjänsten", "sv", "objective-bau", True),
        ("Bibehålla nuvarande kundnöjdhet", "sv", "objective-bau", True),
        ("Kunderna får snabb hjälp på sitt eget språk", "sv", "objective-bau", False),
        # objective-task: a task, not a desired state
        ("Implement a new CRM", "en", "objective-task", True),
        ("Införa ett nytt CRM-system", "sv", "objective-task", True),
        ("Lansering av ny webbplats", "sv", "objective-task", True),
        ("Build a high-performing team", "en", "objective-task", False),
        ("Skapa en kultur där folk trivs", "sv", "objective-task", False),
        # objective-too-long and objective-vague
        ("ord " * 25, "sv", "objective-too-long", True),
        ("Become the obvious choice for mid-sized retailers in the Nordics", "en", "objective-too-long", False),
        ("Tillväxt", "sv", "objective-vague", True),
        ("Growth", "en", "objective-vague", True),
        ("Sustainable growth in Germany", "en", "objective-vague", False),
        ("", "sv", "objective-empty", True),
        ("   ", "en", "objective-empty", True),
    ],
)
def test_objective_rules(text, lang, rule, expected):
    assert (rule in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,rule,expected",
    [
        # kr-not-measurable: numbers in any notation count
        ("20MSEK försäljning på den tyska marknaden", "sv", "kr-not-measurable", False),
        ("100k organiska visningar av innehåll på XING", "sv", "kr-not-measurable", False),
        ("20% känner igen varumärket vid marknadsundersökning", "sv", "kr-not-measurable", False),
        ("200 leads från mässor i tyskland", "sv", "kr-not-measurable", False),
        ("Tio nya återförsäljare i Bayern", "sv", "kr-not-measurable", False),
        ("Double weekly active users", "en", "kr-not-measurable", False),
        ("Bättre synlighet på XING", "sv", "kr-not-measurable", True),
        ("Improve the website", "en", "kr-not-measurable", True),
        # kr-activity: verbs in any inflection, also passive and nominal
        ("Lansera ny webbplats", "sv", "kr-activity", True),
        ("Nya webbplatsen lanseras i maj", "sv", "kr-activity", True),
        ("10 kundmöten genomförda", "sv", "kr-activity", True),
        ("Ta fram en marknadsplan", "sv", "kr-activity", True),
        ("Marknadsplan framtagen", "sv", "kr-activity", True),
        ("Skicka ut nyhetsbrevet", "sv", "kr-activity", True),
        ("Slutföra säkerhetsgranskningen", "sv", "kr-activity", True),
        ("Sjukfrånvaron håller sig under 4 %", "sv", "kr-activity", False),
        ("100k organiska visningar av innehåll på XING", "sv", "kr-activity", False),
        ("Launch the new website", "en", "kr-activity", True),
        ("Onboarding flow launched", "en", "kr-activity", True),
        ("Implementation of the new CRM", "en", "kr-activity", True),
        ("Write 5 blog posts", "en", "kr-activity", True),
        ("Improve engagement (users that complete a full profile) from 30% to 50%", "en", "kr-activity", False),
        ("Increase conversion rate from 2% to 4%", "en", "kr-activity", False),
        # kr-output: output metrics that verb lists miss
        ("Antal möten med kunder: 30", "sv", "kr-output", True),
        ("30 kundmöten i kvartalet", "sv", "kr-output", True),
        ("12 blogginlägg per månad", "sv", "kr-output", True),
        ("Antal artiklar ökar från 2 till 10", "sv", "kr-output", True),
        ("10,000 lines of code", "en", "kr-output", True),
        ("120 story points", "en", "kr-output", True),
        ("Number of meetings with prospects: 30", "en", "kr-output", True),
        ("200 leads från mässor i tyskland", "sv", "kr-output", False),
        ("Increase NPS from 40 to 55", "en", "kr-output", False),
        # kr-vague: vague quantifiers without a number
        ("Fler leads från mässor", "sv", "kr-vague", True),
        ("Kraftigt ökad försäljning", "sv", "kr-vague", True),
        ("Significantly more leads", "en", "kr-vague", True),
        ("Significantly more leads: from 40 to 200", "en", "kr-vague", False),
        ("Betydligt fler leads, från 40 till 200", "sv", "kr-vague", False),
        # direction and target = baseline from text
        ("Reduce churn from 5% to 8%", "en", "kr-direction", True),
        ("Reduce churn from 8% to 5%", "en", "kr-direction", False),
        ("Minska kundavgången från 5 % till 8 %", "sv", "kr-direction", True),
        ("Öka NPS från 40 till 30", "sv", "kr-direction", True),
        ("Öka NPS från 40 till 40", "sv", "kr-target-equals-baseline", True),
        ("", "sv", "kr-empty", True),
    ],
)
def test_key_result_rules(text, lang, rule, expected):
    assert (rule in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kraftigt ökad synlighet på tyska marknaden", "sv"),
        ("Öka försäljningen", "sv"),
        ("Delight our customers", "en"),
        ("Increase the number of users from 10 to 20", "en"),
    ],
)
def test_guess_lang(text, expected):
    assert guess_lang(text) == expected


def test_auto_language_gives_messages_in_the_guessed_language():
    (finding,) = [f for f in check_text("Fortsätta stötta säljteamet", lang="auto") if f.rule == "objective-bau"]
    assert "löpande drift" in finding.message
    (finding,) = [f for f in check_text("Keep the servers running", lang="auto") if f.rule == "objective-bau"]
    assert "business as usual" in finding.message


def test_finding_fields_and_to_dict():
    (f,) = check_text("Bättre synlighet", kind="key_result", lang="en")[:1]
    d = f.to_dict()
    assert set(d) >= {"rule", "severity", "message", "suggestion", "where", "level", "source", "target_id"}
    assert d["severity"] in ("error", "warning", "info") and d["target_id"] is None and d["level"] == "key_result"
    with pytest.raises(AttributeError):
        f.rule = "x"  # frozen


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "x" * 10_000,
        "Öka 🚀🚀🚀 försäljning 💰",
        "<script>alert(1)</script><b>Lansera</b> webben",
        "Öka\x00\x07\x1b[31m NPS\u200b från 10 till 20",
        '=HYPERLINK("http://evil")',
        "\ufeff\u202e",
        "1" * 500,
        "från från från till till 3",
    ],
)
@pytest.mark.parametrize("kind", ["objective", "key_result"])
@pytest.mark.parametrize("lang", ["sv", "en", "auto"])
def test_bad_input_gives_findings_not_crashes(text, kind, lang):
    found = check_text(text, kind=kind, lang=lang)
    assert isinstance(found, list)
    assert all(f.severity in ("error", "warning", "info") for f in found)


def test_html_is_not_interpreted_but_words_inside_count():
    assert "kr-activity" in rules("<b>Lansera</b> webben", "key_result", "sv")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"text": "x" * 10_001},
        {"text": 42},
        {"text": "ok", "kind": "headline"},
        {"text": "ok", "lang": "de"},
    ],
)
def test_unusable_arguments_raise_a_clear_error(kwargs):
    with pytest.raises(OkrWorkshopError) as err:
        check_text(**kwargs)
    assert "\n" not in str(err.value) and len(str(err.value)) < 200


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # objective-generic: a change word plus nothing but a generic area, or a vague opening
        ("Improve communication", "en", True),
        ("Improve our internal communication", "en", True),
        ("Optimise processes", "en", True),
        ("Make progress with customers", "en", True),
        ("Förbättra kommunikationen", "sv", True),
        ("Effektivisera verksamheten", "sv", True),
        ("Vi ska optimera processerna", "sv", True),
        ("Bli bättre på marknadsföring", "sv", True),
        ("Improve communication with our German dealers", "en", False),
        ("Förbättra kommunikationen med tyska återförsäljare", "sv", False),
        ("Delight our customers", "en", False),
        ("Stärk våra kundrelationer genom event", "sv", False),
        ("Tillväxt", "sv", False),  # a single word is objective-vague instead
    ],
)
def test_objective_generic(text, lang, expected):
    assert ("objective-generic" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # verbs that name a task only when they open the key result
        ("Hire 2 salespeople", "en", True),
        ("Collect 1,000 survey responses", "en", True),
        ("Interview 20 customers", "en", True),
        ("Reduce time to hire from 45 to 30 days", "en", False),
        ("Customer survey response rate from 10% to 25%", "en", False),
        ("Rekrytera två säljare", "sv", True),
        ("Samla in 1000 enkätsvar", "sv", True),
        ("Vi ska kontakta 50 nya återförsäljare", "sv", True),
        ("Andelen nöjda anställda ökar från 60 % till 75 %", "sv", False),
        ("Halvera tiden för rekrytering från 60 till 30 dagar", "sv", False),
        # a compound ending that is a noun of its own is not an activity (utsläpp = emissions)
        ("Minska koldioxidutsläppen med 30 %", "sv", False),
        ("Nya versionen släpps i maj", "sv", True),
    ],
)
def test_kr_activity_lead_verbs_and_blocked_compounds(text, lang, expected):
    assert ("kr-activity" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # a business-as-usual word after "with"/"med"/"while" is a guardrail, not the objective
        ("Kraftig tillväxt med bibehållen lönsamhet", "sv", False),
        ("Grow in Germany while maintaining margins", "en", False),
        ("Bibehålla nuvarande kundnöjdhet", "sv", True),
        ("Maintain margins while growing in Germany", "en", True),
    ],
)
def test_objective_bau_guardrail(text, lang, expected):
    assert ("objective-bau" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # the verb's subject is a measured population (a number, "of"/"av", who): an outcome
        ("80% of new users complete setup within 10 minutes", "en", False),
        ("Half of new customers finish onboarding in their first week", "en", False),
        ("3 out of 4 trial users attend the kickoff webinar", "en", False),
        ("90 % av kunderna slutför registreringen inom 5 minuter", "sv", False),
        ("Hälften av de nya användarna genomför introduktionen första veckan", "sv", False),
        # the number names what is done, not who does it: still an activity
        ("Complete 8 of 10 training modules", "en", True),
        ("Finish 80% of the migration", "en", True),
        ("Genomföra 8 av 10 utbildningsmoduler", "sv", True),
        ("Slutföra 80 % av migreringen", "sv", True),
        ("Nya användare slutför registreringen", "sv", True),
        ("New users complete setup", "en", True),
    ],
)
def test_kr_activity_of_a_measured_population_is_an_outcome(text, lang, expected):
    assert ("kr-activity" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # a copula and a participle state what is reached, not the work
        ("Appen är lanserad i App Store senast 15 mars", "sv", False),
        ("Nya kassasystemet är nu installerat i alla 12 butiker", "sv", False),
        ("The app is launched in the App Store by 15 March", "en", False),
        ("The new checkout is live in all 12 stores", "en", False),
        ("All 12 stores are fully migrated to the new system", "en", False),
        # the same verbs as tasks or as ongoing work are still activities
        ("Lansera appen i App Store", "sv", True),
        ("Appen lanseras i App Store 15 mars", "sv", True),
        ("Launch the app in the App Store", "en", True),
        ("The team is launching the app", "en", True),
        # with a date to finish by they are milestones: kr-binary (info), see test_task_with_a_deadline_is_a_milestone
        ("Lansera appen i App Store senast 15 mars", "sv", False),
        ("Launch the app in the App Store by 15 March", "en", False),
        ("The team is launching the app by 15 March", "en", False),
    ],
)
def test_kr_activity_not_for_a_state_reached(text, lang, expected):
    assert ("kr-activity" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Svara på alla ärenden inom 24 timmar som idag", "sv", True),
        ("Leverera månadsrapporten som vanligt", "sv", True),
        ("Fortsätta att ringa 50 kunder i veckan", "sv", True),
        ("Säkerställa stabil drift", "sv", True),
        ("Behålla kundnöjdheten på 4,5 av 5", "sv", False),  # keeping a stated level: a guardrail (issue 15)
        ("Behålla 90 % av våra bästa medarbetare", "sv", False),
        ("Continue to answer every ticket within 24 hours", "en", True),
        ("Keep the lights on", "en", True),
        ("Keep churn at 2% per month", "en", False),  # a threshold, not business as usual
        ("Ship the monthly release as usual", "en", True),
        ("Answer every ticket within 24 hours, as today", "en", True),
        # a comparison inside a relative clause, a guardrail, or a change is not business as usual
        ("Andelen kunder som idag handlar online ökar från 20 % till 35 %", "sv", False),
        ("Öka intäkterna från 10 till 14 MSEK med bibehållen marginal", "sv", False),
        ("Grow revenue from $10M to $14M while maintaining margins", "en", False),
        ("Reduce churn from 5% to 3% per month", "en", False),
    ],
)
def test_kr_bau_in_key_results(text, lang, expected):
    assert ("kr-bau" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,kind,quoted",
    [
        ("Reach $2M in annual recurring revenue", "en", "objective", "($2M)"),
        ("Grow by 20% in Germany", "en", "objective", "(20%)"),
        ("Väx med 20 % i Tyskland", "sv", "objective", "(20 %)"),
        ("Nå 1,5 MSEK i Q3", "sv", "objective", "(1,5)"),
        ("Win 3 new enterprise deals in Q1", "en", "objective", "(3)"),
    ],
)
def test_a_quoted_number_is_quoted_as_typed(text, lang, kind, quoted):
    (finding,) = [f for f in check_text(text, kind=kind, lang=lang) if f.rule == "objective-number"]
    assert quoted in finding.message


# Issue 15: activities with any verb, found structurally (a lexicon says whether the opening word is a verb)
@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Intervjua 15 kunder", "sv", True),
        ("Blogga varje vecka", "sv", True),
        ("Ringa alla vilande kunder", "sv", True),
        ("Tweet twice a day", "en", True),
        ("Interview 12 churned users", "en", True),
        ("Email the newsletter weekly", "en", True),
        ("Migrate the CRM", "en", True),
        # outcome verbs, a measured service level, a subject noun before a finite verb: not activities
        ("Generate 500 qualified leads via social", "en", False),
        ("Win 5 new enterprise accounts", "en", False),
        ("Answer 90 % of calls within a minute", "en", False),
        ("Email open rate rises from 20 % to 30 %", "en", False),
        ("Nå 25 000 användare", "sv", False),
        ("Värva 200 nya medlemmar", "sv", False),
        ("Andelen nöjda kunder ökar från 70 % till 85 %", "sv", False),
    ],
)
def test_kr_activity_with_any_verb(text, lang, expected):
    assert ("kr-activity" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Developer satisfaction rises from 6 to 8", "en"),  # not "develop"
        ("Churn in the first month after launch falls from 8 % to 4 %", "en"),  # not "launch"
        ("80 % of support calls answered within a minute", "en"),  # a measured state, not "calls" as output
        ("Kundnöjdheten efter lansering ökar från 7 till 8", "sv"),
    ],
)
def test_stems_that_are_nouns_are_not_activities(text, lang):
    assert not rules(text, "key_result", lang) & {"kr-activity", "kr-output"}


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Bli lönsammare", "sv", True),
        ("Make customers happier", "en", True),
        ("Be the most innovative", "en", True),
        ("Be more innovative", "en", True),
        ("Bli en attraktiv arbetsgivare för ingenjörer i Göteborg", "sv", False),
        ("Bli förstahandsvalet för småföretag i Norden", "sv", False),
        ("Be the number one choice for small businesses in Germany", "en", False),
    ],
)
def test_vague_comparative_objectives(text, lang, expected):
    assert ("objective-generic" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Öka NPS från X till Y", "sv", True),
        ("Reach ??% NPS", "en", True),
        ("Grow revenue to TBD", "en", True),
        ("Complete a website update by [date]", "en", True),
        ("Öka NPS från 32 till 45", "sv", False),
        ("Reach 45 NPS in the Nordics", "en", False),
    ],
)
def test_placeholders_say_fill_in(text, lang, expected):
    found = rules(text, "key_result", lang)
    assert ("kr-placeholder" in found) is expected
    if expected:
        assert "kr-not-measurable" not in found  # "fill in the number", not "not measurable"


def test_placeholder_message_is_actionable():
    (f,) = [f for f in check_text("Öka NPS från X till Y", "key_result", "sv") if f.rule == "kr-placeholder"]
    assert "X till Y" in f.message and "fyll i" in f.suggestion.lower()
    (f,) = [f for f in check_text("Reach ??% NPS", "key_result", "en") if f.rule == "kr-placeholder"]
    assert "??" in f.message and "fill in" in f.suggestion.lower()


@pytest.mark.parametrize(
    "text,lang,rule,expected",
    [
        ("Raise NPS from 30 to 45 and cut churn from 6 % to 3 %", "en", "kr-compound", True),
        ("Öka NPS från 30 till 45 och minska churn från 6 % till 3 %", "sv", "kr-compound", True),
        ("Raise sign-ups and activations from 200 to 300 a week", "en", "kr-compound", False),
        ("Öka andelen kunder i Norge och Danmark från 10 % till 15 %", "sv", "kr-compound", False),
        ("Raise newsletter sign-ups by 15 %", "en", "kr-relative-no-baseline", True),
        ("Öka nyhetsbrevets prenumeranter med 15 %", "sv", "kr-relative-no-baseline", True),
        ("Raise newsletter sign-ups by 15 % from 400 a month", "en", "kr-relative-no-baseline", False),
        ("Raise newsletter sign-ups from 400 to 460", "en", "kr-relative-no-baseline", False),
    ],
)
def test_compound_and_relative_change(text, lang, rule, expected):
    assert (rule in rules(text, "key_result", lang)) is expected


def test_relative_change_is_a_hint_not_a_flag():
    (f,) = [f for f in check_text("Raise newsletter sign-ups by 15 %", "key_result", "en")]
    assert f.rule == "kr-relative-no-baseline" and f.severity == "info" and "by 15 %" in f.message


@pytest.mark.parametrize(
    "text,lang,quoted",
    [("Nå 25 000 användare i Norge", "sv", "25 000"), ("Reach 1 000 000 users", "en", "1 000 000")],
)
def test_numbers_with_spaces_are_quoted_whole(text, lang, quoted):
    (f,) = [f for f in check_text(text, "objective", lang) if f.rule == "objective-number"]
    assert f"({quoted})" in f.message


def test_from_to_in_other_units_is_not_a_direction_error():
    assert "kr-direction" not in rules("Reduce MTTR from 2 hours to 30 minutes", "key_result", "en")
    assert "kr-direction" in rules("Reduce MTTR from 30 minutes to 45 minutes", "key_result", "en")


@pytest.mark.parametrize(
    "text,default,expected",
    [
        ("Lansera MVP", "en", "sv"),  # no å/ä/ö, still Swedish
        ("Rekrytera två säljare", "en", "sv"),
        ("Launch the MVP", "sv", "en"),
        ("Hire two sellers", "sv", "en"),
    ],
)
def test_guess_lang_of_short_texts(text, default, expected):
    assert guess_lang(text, default=default) == expected


@pytest.mark.parametrize(
    "text,kind,lang,rule,expected",
    [
        # after an opening change verb, activity words name what is measured
        ("Raise checkout completion from 61 % to 75 %", "key_result", "en", "kr-activity", False),
        ("Reduce average time to complete onboarding from 10 to 6 minutes", "key_result", "en", "kr-activity", False),
        ("Minska tiden att slutföra registreringen från 10 till 4 minuter", "key_result", "sv", "kr-activity", False),
        # a milestone stated as reached, a service level, an outcome phrase
        ("Version 2.0 live for all customers", "key_result", "en", "kr-activity", False),
        ("Svara på 95 % av kundfrågorna inom 24 timmar", "key_result", "sv", "kr-activity", False),
        ("Ta in 50 leads via nya kanaler", "key_result", "sv", "kr-activity", False),
        # a metric that only modifies the next word is not a metric objective
        ("Improve new user onboarding experience", "objective", "en", "objective-metric", False),
        ("Increase our website traffic each quarter", "objective", "en", "objective-metric", True),
        ("Öka antalet användare i Norge med 20 %", "objective", "sv", "objective-metric", True),
        # without a target, a word after the metric says where: published pages call these good as often as bad
        ("Öka antalet användare i Norge", "objective", "sv", "objective-metric", False),
        # fractions are numbers
        ("En fjärdedel av kunderna använder appen varje vecka", "key_result", "sv", "kr-not-measurable", False),
        # a change word and a function area only
        ("Improve our marketing", "objective", "en", "objective-generic", True),
        ("Fix onboarding", "objective", "en", "objective-generic", True),
        ("Förbättra marknadsföringen", "objective", "sv", "objective-generic", True),
        ("Make onboarding a reason customers stay", "objective", "en", "objective-generic", False),
    ],
)
def test_round_3_structure(text, kind, lang, rule, expected):
    assert (rule in rules(text, kind, lang)) is expected


@pytest.mark.parametrize(
    "text,lang,rule,expected",
    [
        ("Resolve P1 tickets within 4 hours", "en", "kr-activity", False),
        ("Lös kundärenden inom 24 timmar", "sv", "kr-activity", False),
        ("Grow revenue from $10M to $14M and keep churn below 3 %", "en", "kr-compound", False),  # a guardrail
        ("Öka intäkterna från 10 till 14 MSEK och behålla marginalen på 20 %", "sv", "kr-compound", False),
    ],
)
def test_service_levels_and_guardrails_are_not_flagged(text, lang, rule, expected):
    assert (rule in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang",
    [("Improve customer satisfaction", "en"), ("Förbättra kundnöjdheten", "sv"), ("Increase user adoption", "en")],
)
def test_a_measurable_noun_after_a_modifier_is_still_a_metric_objective(text, lang):
    assert "objective-metric" in rules(text, "objective", lang)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Vinn 12 nya tillverkningskunder, upp från 4 förra kvartalet", False),  # imperative of an outcome verb
        ("Höj vinstandelen från 18 % till 30 %", False),
        ("Öppna ärenden i kön från 900 till 200", False),  # "öppna" is the adjective here
        ("Ring 40 vilande kunder", True),
    ],
)
def test_swedish_imperatives_and_adjectives(text, expected):
    assert ("kr-activity" in rules(text, "key_result", "sv")) is expected


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Average monthly gift from 180 to 220 SEK", "en"),
        ("Trial to paid conversion from 8 % to 14 %", "en"),
        ("Öppna kritiska sårbarheter från 14 till 0", "sv"),
    ],
)
def test_a_metric_with_baseline_and_target_is_not_an_activity(text, lang):
    assert "kr-activity" not in rules(text, "key_result", lang)


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Öppna ärenden i kön till 200", "sv", False),
        ("Average monthly gift to 220 SEK", "en", False),
        ("Talk to 5 customers every week", "en", True),  # "to" belongs to the verb
    ],
)
def test_a_target_after_a_noun_phrase(text, lang, expected):
    assert ("kr-activity" in rules(text, "key_result", lang)) is expected


# Precision first (E2): cases that published pages call good as often as bad are hints (info), not flags.
@pytest.mark.parametrize(
    "text,lang",
    [
        ("Introduce a new employee onboarding process by June 30", "en"),
        ("Complete monthly bank reconciliations by the 10th of each month", "en"),
        ("Attend 3 industry events by end of Q1", "en"),
        ("Införa en ny introduktion för nyanställda senast 30 juni", "sv"),
        ("Lansera appen i App Store före vecka 12", "sv"),
        ("The whole web app is available in German", "en"),
        ("Den nya kassan är live i alla butiker", "sv"),
    ],
)
def test_task_with_a_deadline_or_a_state_is_a_milestone(text, lang):
    found = {f.rule: f.severity for f in check_text(text, "key_result", lang)}
    assert found == {"kr-binary": "info"}


@pytest.mark.parametrize(
    "text,lang,rule",
    [
        ("Complete a website update by [date]", "en", "kr-placeholder"),  # a date left to fill in
        ("Publish 10 posts by our best writers", "en", "kr-activity"),  # "by" someone, not by a date
        ("Launch the app in the App Store", "en", "kr-activity"),
        ("Skicka 10 nyhetsbrev till alla kunder", "sv", "kr-activity"),
    ],
)
def test_deadline_needs_a_real_date(text, lang, rule):
    found = {f.rule: f.severity for f in check_text(text, "key_result", lang)}
    assert found.get(rule) == "warning" and "kr-binary" not in found


@pytest.mark.parametrize(
    "text,lang,severity",
    [
        # a number and a few words: a target, not a direction (a warning)
        ("Nå 500 nya kunder i Tyskland", "sv", "warning"),
        ("Process 500 customer support tickets", "en", "warning"),
        ("Öka försäljningen med 20 %", "sv", "warning"),
        # a sentence that says where to go, with a number in it: a hint
        ("Close the accounting books in 10 days", "en", "info"),
        ("Öka intäkterna från 1,5 MUSD till 2,5 MUSD i år för att möjliggöra territoriell expansion", "sv", "info"),
        ("Increase accuracy in financial documentation to achieve a 95% error-free rate", "en", "info"),
    ],
)
def test_objective_number_is_a_warning_only_in_a_short_objective(text, lang, severity):
    (f,) = [f for f in check_text(text, "objective", lang) if f.rule == "objective-number"]
    assert f.severity == severity


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Grow revenue", "en", True),
        ("Increase revenue by 30%", "en", True),
        ("Öka intäkterna", "sv", True),
        ("Increase our website traffic each quarter", "en", True),
        ("Öka omsättningen i Norge med 15 %", "sv", True),
        ("Vi ska öka antalet användare i plattformen", "sv", False),
        ("Öka antalet leads för att stötta vår försäljningstillväxt", "sv", False),
        ("Double the Monthly Recurring Revenue of our enterprise segment", "en", False),
    ],
)
def test_objective_metric_only_for_a_bare_metric(text, lang, expected):
    assert ("objective-metric" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,rule,expected",
    [
        # an outcome verb whose object is a share is a measured level; a task verb's is not
        ("Deliver 40% of our overall bookings via upsell and cross-sell", "en", "kr-activity", False),
        ("Finish 80% of the migration", "en", "kr-activity", True),
        # a participle before a noun is an adjective; the share is taken "out of" the posts
        ("Out of 8 planned blog posts, at least 3 appear in the top 10 Google results", "en", "kr-activity", False),
        ("Out of 8 planned blog posts, at least 3 appear in the top 10 Google results", "en", "kr-output", False),
        ("Onboarding flow launched", "en", "kr-activity", True),
        # a slot in brackets beside a number that is there names a thing, not a number to fill in
        ("Reduce support tickets about [feature] by 60%", "en", "kr-placeholder", False),
        ("Grow revenue to [amount]", "en", "kr-placeholder", True),
        # a modal or a headline direction after the opening words: those words are the subject
        ("Öppna ärenden i kön ska minska kraftigt", "sv", "kr-activity", False),
        ("Average monthly gift up significantly", "en", "kr-activity", False),
    ],
)
def test_precision_fixes(text, lang, rule, expected):
    assert (rule in rules(text, "key_result", lang)) is expected


def test_english_thousands_in_from_to():
    from okr_workshop.quality.text import from_to

    assert from_to("Members under 30 from 800 to 2,000", "en") == (800, 2000)
    assert from_to("Snittbetyg från 3,5 till 4,2", "sv") == (3.5, 4.2)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_clean_bank_and_sample_texts_pass_on_their_own(lang):
    """Every clean objective and key result of the training bank and the samples passes ``check_text`` (no
    warning, no error): a good Swedish item must pass, whatever the published Swedish set lacks."""
    from okr_workshop import samples
    from okr_workshop.training import bank

    texts = []
    for it in bank.items(lang):
        texts += [(it["objective"], "objective")] + [(kr["text"], "key_result") for kr in it["key_results"]]
    ws = samples.load("exempel-ab" if lang == "sv" else "acme")
    deliberate = {"ex-o-salj-1", "ex-kr-salj-1-2", "acme-o-sales-1", "acme-kr-sales-1-2"}  # see their docstrings
    for obj in ws.objectives:
        if obj.id not in deliberate:
            texts.append((obj.title, "objective"))
        texts += [
            (kr.text, "key_result")
            for kr in obj.key_results
            if kr.id not in deliberate and kr.kind.value != "milestone"
        ]
    flagged = {
        text: rules
        for text, kind in texts
        if (rules := [f.rule for f in check_text(text, kind, lang) if f.severity in ("warning", "error")])
    }
    assert flagged == {}


# ------------------------------------------------------------- round 4 (issue 15, precision first)


def _warned(text, kind, lang):
    return {f.rule for f in check_text(text, kind=kind, lang=lang) if f.severity in ("warning", "error")}


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # improve/förbättra says "better", not "up": a time that improves goes down
        ("Improve page load time from 4s to 1s", "en", False),
        ("Förbättra laddtiden från 4 s till 1 s", "sv", False),
        ("Förbättra NKI från 60 till 70", "sv", False),
        # a direction word still meets its numbers
        ("Increase NPS from 50 to 40", "en", True),
        ("Öka NKI från 70 till 60", "sv", True),
    ],
)
def test_improve_is_not_a_direction(text, lang, expected):
    assert ("kr-direction" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Happier customers", "en", True),
        ("Better quality", "en", True),
        ("More efficient processes", "en", True),
        ("Nöjdare kunder", "sv", True),
        ("Bättre kvalitet", "sv", True),
        ("Effektivare processer", "sv", True),
        # a comparative with where and for whom, an agent noun, a noun: not flagged
        ("Snabbare leveranser till våra kunder i Norrland", "sv", False),
        ("Ledare i världsklass", "sv", False),
        ("Customer love", "en", False),
        ("Kraftig tillväxt med bibehållen lönsamhet", "sv", False),
    ],
)
def test_a_comparative_and_a_noun_alone_is_generic(text, lang, expected):
    assert ("objective-generic" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,flagged",
    [
        # an outcome verb whose object is a number of customers or a level in per cent: measured
        ("Onboard 50 paying customers", "en", set()),
        ("Deliver 99.9% uptime", "en", set()),
        ("Leverera 99,9 % tillgänglighet", "sv", set()),
        # the same verbs with work as their object stay activities
        ("Onboard 3 new engineers", "en", {"kr-activity"}),
        ("Deliver 5 workshops", "en", {"kr-activity"}),
        ("Leverera 4 workshops", "sv", {"kr-activity"}),
        ("Rekrytera 3 nya utvecklare", "sv", {"kr-activity"}),
        # pieces of work counted, a metric only their topic: still an activity
        ("Hålla 6 möten om vinstandelen på kvalificerade affärer", "sv", {"kr-activity"}),
        ("Hold 6 meetings about customer churn", "en", {"kr-activity"}),
    ],
)
def test_an_outcome_verb_with_a_measured_object(text, lang, flagged):
    assert _warned(text, "key_result", lang) == flagged


@pytest.mark.parametrize(
    "text,lang",
    [
        ("All employees have completed the security training", "en"),
        ("Every team has adopted the new release process", "en"),
        ("All customers migrated to the new platform", "en"),
        ("Alla medarbetare har genomgått säkerhetsutbildningen", "sv"),
        ("Samtliga kontor har bytt till det nya systemet", "sv"),
    ],
)
def test_a_state_everyone_reached_is_binary_not_unmeasurable(text, lang):
    found = {f.rule: f.severity for f in check_text(text, kind="key_result", lang=lang)}
    assert found == {"kr-binary": "info"}, found


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Inga kritiska sårbarheter i produktion", "sv", False),
        ("Ingen kund väntar mer än en dag på svar", "sv", False),
        ("No customer waits more than a day for an answer", "en", False),
        ("Ingen", "sv", True),  # none of what: nothing to count
        ("Bättre säkerhet", "sv", True),
    ],
)
def test_opening_with_none_counts_zero(text, lang, expected):
    assert ("kr-not-measurable" in rules(text, "key_result", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Byta affärssystem", "sv", True),
        ("Anställa två säljare", "sv", True),
        ("Hire a VP of Sales", "en", True),
        # hiring as a measured population or a place to be is not a task
        ("Bli den arbetsgivare som ingenjörer i Göteborg väljer först", "sv", False),
        ("Become the place top engineers want to work", "en", False),
    ],
)
def test_an_objective_that_opens_with_hiring_or_moving_is_a_task(text, lang, expected):
    assert ("objective-task" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # a catch-all or the product itself as the only area says where to look, not where to go
        ("Improve everything", "en", True),
        ("Förbättra allt", "sv", True),
        ("Improve the product", "en", True),
        ("Förbättra produkten", "sv", True),
        ("Improve customer success", "en", True),
        ("Enhance the customer experience", "en", True),
        ("Förbättra upplevelsen", "sv", True),
        ("Improve the onboarding experience for first-time admins", "en", False),
        ("Improve customer retention in the Nordics", "en", False),
        ("Improve product onboarding for first-time admins", "en", False),
        # praise after be/bli, with nothing to aim at
        ("Be a great company", "en", True),
        ("Be an excellent team", "en", True),
        ("Vara framgångsrik", "sv", True),
        ("Be a great place to work for engineers", "en", False),
        ("Be reliable", "en", False),
    ],
)
def test_generic_objectives_round5(text, lang, expected):
    assert ("objective-generic" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # an activity verb with an indefinite article and a quality: a kind of thing to reach
        ("Deliver an exceptional support experience", "en", False),
        ("Leverera en kundupplevelse i världsklass", "sv", False),
        # one known or new piece of work stays a task
        ("Deliver the new website", "en", True),
        ("Implement a new CRM", "en", True),
        ("Införa ett nytt affärssystem", "sv", True),
        ("Launch the app", "en", True),
    ],
)
def test_objective_task_and_indefinite_quality(text, lang, expected):
    assert ("objective-task" in rules(text, "objective", lang)) is expected


@pytest.mark.parametrize(
    "text,rule,expected",
    [
        # a metric named as a noun phrase, then its value: not a verb opening a task
        ("Net new ARR $3M", "kr-activity", False),
        ("Net revenue retention 110 %", "kr-activity", False),
        ("Run 12 webinars", "kr-activity", True),
        ("Tweet twice a day", "kr-activity", True),
        # an output word before the metric it qualifies names whose count, the metric is counted
        ("20,000 newsletter subscribers", "kr-output", False),
        ("5,000 webinar signups", "kr-output", False),
        ("Antal artiklar ökar från 2 till 10", "kr-output", None),
    ],
)
def test_metric_then_value_and_output_before_metric(text, rule, expected):
    found = rules(text, "key_result", "sv" if "artiklar" in text else "en")
    if expected is None:
        assert "kr-output" in found
    else:
        assert (rule in found) is expected


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # words of time leave an empty comparative as empty
        ("Make more money next year", "en", "warning"),
        ("Be more profitable next year", "en", "warning"),
        ("Make our customers happier every single day", "en", None),
    ],
)
def test_comparative_objective_with_time_words(text, lang, expected):
    found = {f.rule: f.severity for f in check_text(text, kind="objective", lang=lang)}
    assert found.get("objective-generic") == expected


@pytest.mark.parametrize(
    "text,lang,metric,number",
    [
        ("Grow revenue", "en", "warning", None),
        ("Öka intäkterna", "sv", "warning", None),
        # short, with its target: a key result written as an objective, still a warning (both rules)
        ("Increase revenue by 30 %", "en", "warning", "warning"),
        ("Öka omsättningen i Norge med 15 %", "sv", "warning", "warning"),
        # with its target in a longer sentence the metric is a hint, as the number is
        ("Increase revenue by 12 % in the next quarter", "en", "info", "info"),
    ],
)
def test_objective_metric_with_its_target_is_a_hint(text, lang, metric, number):
    found = {f.rule: f.severity for f in check_text(text, kind="objective", lang=lang)}
    assert found.get("objective-metric") == metric and found.get("objective-number") == number


# Issue 15, Swedish parity: what Swedish pages write differently from English ones.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kvalificerad pipeline växer från 500 tkr till 2 mkr", (500.0, 2000.0)),  # in the baseline's unit
        ("Återkommande intäkter ökar från 800 tkr till 1,2 mkr", (800.0, 1200.0)),
        ("Omsättningen ökar från 800 000 kr till 1,2 mkr", (800000.0, 1200000.0)),
        ("Minska kostnaden från 2 mkr till 500 tkr", (2.0, 0.5)),
    ],
)
def test_amounts_with_another_scale_are_compared_in_one_unit(text, expected):
    from okr_workshop.quality.text import from_to

    assert from_to(text, "sv") == expected


def test_a_rise_written_with_a_larger_scale_is_not_the_wrong_direction():
    assert "kr-direction" not in rules("Kvalificerad pipeline växer från 500 tkr till 2 mkr", "key_result", "sv")
    assert "kr-direction" in rules("Omsättningen ökar från 2 mkr till 500 tkr", "key_result", "sv")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Av 8 planerade blogginlägg hamnar minst 3 bland de 10 första träffarna på Google", False),
        ("Andelen chefer med genomförda medarbetarsamtal ska vara 100 %", False),
        ("Teamet lanserade appen", True),  # after a noun, -ade is a past tense: a task done
        ("Lansera den nya kundportalen", True),
    ],
)
def test_a_swedish_participle_before_a_noun_is_an_adjective(text, expected):
    assert ("kr-activity" in rules(text, "key_result", "sv")) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hålla kundbortfallet under 2 % per månad", False),  # a level kept under a threshold
        ("Hålla NKI på minst 80", False),
        ("Hålla 3 workshops under Q2", True),  # a number before the threshold counts pieces of work
        ("Hålla 10 kundworkshops", True),
    ],
)
def test_an_outcome_verb_keeping_a_measure_under_a_threshold_is_a_level(text, expected):
    assert ("kr-activity" in rules(text, "key_result", "sv")) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Införa ett nytt CRM-system till Q2", "till q2"),
        ("Lansera appen till slutet av mars", "till slutet av mars"),
        ("Öka NPS från 30 till 45", None),  # "till" before a number is a target
        ("Migrera till version 3", None),
    ],
)
def test_swedish_till_before_a_period_is_a_deadline(text, expected):
    from okr_workshop.quality.analysis import _deadline

    assert _deadline(text, "sv") == expected
    if expected:  # a task with a date is a milestone: a hint, not a warning
        assert "kr-activity" not in rules(text, "key_result", "sv")


@pytest.mark.parametrize(
    "text,lang",
    [("Förbättra samarbetet i teamet", "sv"), ("Vara ett bra företag", "sv"), ("Enhance customer experience", "en")],
)
def test_team_and_company_words_do_not_make_a_generic_objective_specific(text, lang):
    assert "objective-generic" in rules(text, "objective", lang)


@pytest.mark.parametrize(
    "text",
    ["Förbättra kundupplevelsen", "Öka kundlojaliteten", "Förbättra vår produkt", "Förbättra vårt kundkvarhållande"],
)
def test_short_swedish_change_objectives_outside_the_lists_stay_unflagged(text):
    # Swedish vendor pages show such objectives as good ("Förbättra vårt kundkvarhållande", "Öka
    # varumärkeskännedomen"); the English rule for change + area is English only, and compounds are not widened
    assert not rules(text, "objective", "sv") & {"objective-generic", "objective-metric"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Migrera CRM-systemet", True),  # the definite suffix opens the object as "the" does in English
        ("Granska avtalen med 20 leverantörer", True),
        ("Prioritera kundfordringar äldre än 60 dagar efter högst saldo", False),  # as "Prioritize accounts …"
        ("Säkerställa att mer än 80 % av dokumenten har minst 95 % felfrihet", False),  # "ensure" is an outcome
        ("3 av 8 blogginlägg hamnar på första sidan i Google", False),  # a share of the posts, not a count
        ("Förbättra kvalitet och nöjdhet i kundtjänsten", False),  # -tet and -het nouns are indefinite
        ("Beslut om kundavgången fattat av ledningsgruppen", False),  # after "om" the noun is no object
    ],
)
def test_swedish_openings_read_as_their_english_equivalents(text, expected):
    assert ("kr-activity" in rules(text, "key_result", "sv")) is expected
    assert "kr-output" not in rules(text, "key_result", "sv")


def test_driva_is_a_change_word_as_drive_is():
    assert "objective-metric" in rules("Driva tillväxt", "objective", "sv")
    assert "objective-metric" in rules("Drive growth", "objective", "en")


@pytest.mark.parametrize(
    "text,lang", [("Jobba smartare", "sv"), ("Sälja mer", "sv"), ("Work smarter", "en"), ("Sell more", "en")]
)
def test_a_verb_and_a_comparative_alone_is_a_generic_objective(text, lang):
    assert "objective-generic" in rules(text, "objective", lang)


def test_a_share_of_a_definite_swedish_noun_is_a_measured_state():
    # "90 % of the calls": Swedish writes "the calls" as one word, right after "av"
    found = rules("Kundtjänst besvarar 90 % av samtalen inom 60 sekunder", "key_result", "sv")
    assert not found & {"kr-output", "kr-activity", "kr-not-measurable"}


def test_ta_fram_opens_an_objective_as_develop_does():
    text = "Ta fram en plan för innehållsmarknadsföring som fördubblar trafiken till bloggen"
    assert "objective-task" not in rules(text, "objective", "sv")
    assert "kr-activity" in rules("Ta fram en ny hemsida", "key_result", "sv")  # in a key result it is work


def test_a_metric_between_the_number_and_an_output_word_is_what_is_counted():
    # "50,000 newsletter subscribers": Swedish puts the newsletter after the subscribers
    assert "kr-output" not in rules("50 000 prenumeranter på nyhetsbrevet", "key_result", "sv")
    assert "kr-output" in rules("10 kunder på 3 workshops", "key_result", "sv")


def test_a_noun_in_het_is_not_a_definite_object_and_costs_no_lexicon():
    """ "HR: nöjdhet från 3,1 till 4,0" names a metric: -het is not the definite suffix, so no verb is looked up
    (the first lexicon lookup costs a participant's kernel about a second)."""
    from okr_workshop.quality.analysis import _definite_object

    assert not _definite_object(["hr", "nöjdhet", "från", "3,1"], 0, "sv")
    assert not _definite_object(["öka", "kvalitet"], 0, "sv")
    assert _definite_object(["migrera", "crm", "systemet"], 0, "sv")


@pytest.mark.parametrize(
    "text,lang",
    [("Minska ogiltig frånvaro från 6 % till 3 %", "sv"), ("Handläggningstiden minskar från 10 till 6 veckor", "sv"),
     ("Churn in the first month after launch falls from 8 % to 4 %", "en"), ("Churn från 8 % till 4 %", "sv")],
)  # fmt: skip
def test_a_falling_text_against_the_default_kind_is_a_warning_not_the_red_direction_error(text, lang):
    """The form's kind starts at "increase" and nobody touches it while typing: with baseline and target still
    empty, a right text gets one warning naming the kind, never the error for filled-in fields."""
    ws = okr.Workshop.new("X", period="2027-Q1", lang=lang)
    kr = ws.add_team("HR").add_objective("Eleverna lyckas").add_key_result(text)
    found = {f.rule: f for f in check(ws) if f.target_id == kr.id}
    assert "kr-direction" not in found
    assert found["kr-text-kind-disagree"].severity == "warning"
    kr.kind = okr.Kind.DECREASE
    assert "kr-text-kind-disagree" not in {f.rule for f in check(ws)}


def test_a_text_that_contradicts_itself_gets_one_direction_error_not_two():
    ws = okr.Workshop.new("X", period="2027-Q1", lang="sv")
    kr = ws.add_team("HR").add_objective("Kunderna rekommenderar oss").add_key_result("Öka NPS från 30 till 4")
    rules_of_kr = [f.rule for f in check(ws) if f.target_id == kr.id]
    assert rules_of_kr.count("kr-direction") == 1 and "kr-text-kind-disagree" not in rules_of_kr


@pytest.mark.parametrize(
    "text,lang,relative",
    [("Utvecklingssamtal genomförda med 100 % av medarbetarna", "sv", False),
     ("Öka elevnöjdheten med 10 %", "sv", True), ("Raise newsletter sign-ups by 15 %", "en", True),
     ("Security training completed by 95 % of staff", "en", False)],
)  # fmt: skip
def test_a_share_of_whom_is_not_a_change_without_baseline(text, lang, relative):
    assert ("kr-relative-no-baseline" in {f.rule for f in check_text(text, kind="key_result", lang=lang)}) is relative
