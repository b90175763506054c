"""English key results whose metric's name holds an activity stem, told apart by the shape of the sentence
(okr_workshop/quality/shape.py), and the tasks of the same stems that stay flagged."""

from __future__ import annotations

import pytest

from okr_workshop.quality.engine import check_text


def flags(text: str, kind: str = "key_result") -> list[str]:
    return [f.rule for f in check_text(text, kind=kind, lang="en") if f.severity in ("error", "warning")]


@pytest.mark.parametrize(
    "text",
    [
        # a noun form of the stem, with the metric's level
        "Checkout completion rate from 52% to 70%",
        "Development cycle time down 25%",
        "Migration of 90% of accounts to the new region with zero downtime",
        "Installations of the desktop client from 8k to 20k",
        "Donations from 120 community organisations",
        # a modifier of the metric's head noun: a gerund, a hyphenated word, a base form before a noun
        "Training attendance rate of 85% for new managers",
        "Hosting spend per tenant down 20%",
        "Launch-week signups of 2,000",
        "Interview-to-hire ratio from 10:1 to 6:1",
        "Build failure rate under 3%",
        "Call drop rate below 2%",
        "Survey completion rate of 70% in the pulse survey",
        # an infinitive after a noun, a participle after the subject, a plural opening the text
        "Time to release a hotfix under 2 hours",
        "Marketing spend held at or below $400k per quarter",
        "Security training completed by 100% of contractors",
        "Updates to customers within 30 minutes of every outage",
        # a delivery measured by its "with" result
        "Ship the new editor to 300 teams with CSAT ≥ 4.5",
        "Launch in 4 new cities with 800 paying customers each",
    ],
)
def test_activity_stem_inside_a_metric_name_is_not_a_task(text):
    assert "kr-activity" not in flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ship 4 new integrations",
        "Build 5 dashboards for finance",
        "Launch the referral program",
        "Implementation of the new ERP",
        "Release of version 4.1",
        "Completion of the pen test",
        "Run 6 webinars with 300 attendees",
        "Training for all team leads on coaching",
    ],
)
def test_tasks_of_the_same_stems_stay_flagged(text):
    assert flags(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Churn < 1.5% monthly", False),  # a metric, a comparator, its level
        ("Lead-to-meeting conversion: 10% → 15%", False),
        ("Meet the 99.95% availability SLO every month", False),  # a verb whose object is a per-cent level
        ("Tweet twice a day", True),
        ("Interview 12 churned users", True),
    ],
)
def test_verb_first_reads_a_named_level(text, expected):
    assert ("kr-activity" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("75% of active teams use at least two reporting features", False),  # a population's measured state
        ("Dispatch time under 10 minutes in 95% of calls", False),  # the whole a share is taken of
        ("Watch-through rate of 50% on tutorial videos", False),  # a per cent, not a count of videos
        ("Graffiti removed within 72 hours of report: 85%", False),  # a duration, not a count of reports
        ("Pull request review time under 12 hours", False),  # the output word modifies the head noun
        ("12 customer interviews per month", True),
        ("6 webinars this quarter", True),
        ("10,000 lines of code", True),
    ],
)
def test_output_words_that_are_not_counted_work(text, expected):
    assert ("kr-output" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Deployment frequency from weekly to daily", False),
        ("Payroll runs from monthly to biweekly", False),
        ("Deploy more often", True),
    ],
)
def test_a_frequency_change_is_measurable(text, expected):
    assert ("kr-not-measurable" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Redesign the pricing page", True),  # a verb and its object, nothing else: a task
        ("Integrate with HubSpot", True),
        ("Run a pricing survey", True),
        ("Make our app great", False),  # a causative waits for the state to reach
        ("Own the conversation about privacy in our market", False),
        ("Put patients at the centre of every decision", False),
        ("Deliver rock-solid uptime our customers can forget about", False),  # an outcome verb and a quality
        ("Deliver the new intranet", True),
    ],
)
def test_objective_task_from_the_shape(text, expected):
    assert ("objective-task" in flags(text, "objective")) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Increase enterprise software sales from $2M to $3M", True),  # baseline and target: a key result
        ("Become the leading analytics tool for 500 mid-size retailers in the Nordics", False),  # a hint only
    ],
)
def test_objective_with_a_baseline_and_target_is_a_key_result(text, expected):
    assert ("objective-number" in flags(text, "objective")) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Build a sales pipeline of $4M for H2", False),  # a creating verb whose object is an amount of money
        ("Create €1.5M in pipeline from events", False),
        ("Complete the ISO 27001 audit with zero major findings", False),  # a quality bar on the delivery
        ("Provide phone support in 4 languages with answer time under 2 minutes", False),
        ("Coach 100% of team leads, with 80% passing the certification", False),
        ("Spend $40k on podcast ads", True),  # an input, not a value created
        ("Run 5 workshops with 30 customers each", True),  # the verb's own count counts work
        ("Host 8 meetups with 50 attendees each", True),
    ],
)
def test_delivery_measured_by_its_result_or_value(text, expected):
    assert ("kr-activity" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Save 900 support hours per quarter through chatbot training", False),  # the means after the result
        ("Win 12 logos in retail by launching the partner program", False),
        ("Deliver 4 training sessions", True),  # an outcome verb that is also a task verb
    ],
)
def test_an_outcome_verb_and_its_count_open_the_result(text, expected):
    assert ("kr-activity" in flags(text) or "kr-output" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Patch all laptops to Windows 11", True),  # a determiner makes what follows the verb's object
        ("Net new ARR $2M", False),  # a metric named, then its value
        ("Organic traffic 100K/month", False),
    ],
)
def test_a_value_closing_the_text_after_a_verb_and_its_object(text, expected):
    assert ("kr-activity" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Build a loyalty programme that drives 15% of repeat orders", False),  # a relative clause with a level
        ("Recruit 30 mentors who stay for at least 12 months", False),
        ("Make the signup flow 40% faster for new admins", False),  # a per cent before a comparative
        ("Publish 100% of release notes within 2 working days", False),  # a share within a time: a service level
        ("Keep a monthly release train with fewer than 3 hotfixes", False),  # a noun inside a noun phrase
        ("Go live in Finland with 150 customers", False),  # users reached by a release measure it
        ("Test the new onboarding with 8 users", True),  # the same words after other work do not
        ("Host a panel with 4 speakers", True),
        ("Write 6 guides that get shared", True),  # a clause without a level
    ],
)
def test_work_whose_result_the_text_measures(text, expected):
    assert ("kr-activity" in flags(text)) is expected


@pytest.mark.parametrize(
    "text,rule,expected",
    [
        ("Ship to 5,000 pilot users", "kr-activity", False),  # a release that names the users it reaches
        ("Send the newsletter to 5,000 subscribers", "kr-activity", True),  # other work does not
        ("Implement structured logging with 40+ instrumented services", "kr-activity", False),  # "with N+": a level
        ("15 customer interviews per month", "kr-output", True),  # a metric right before the output word modifies it
        ("12 sales meetings per week", "kr-output", True),
    ],
)
def test_release_reach_and_counted_work(text, rule, expected):
    assert (rule in flags(text)) is expected
