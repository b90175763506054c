"""Acme Corp: the English sample workshop, 2026-Q3, the same shape as Exempel AB.

Acme sells scheduling software to field-service companies and is opening up
Germany. Its own content, not a translation. The same deliberate
imperfections, in the same places:

- acme-o-sales-1 has a number in the objective;
- acme-kr-sales-1-2 is an activity, not an outcome;
- acme-kr-support-2-3 has no baseline;
- acme-o-product-3 is not aligned to any company objective;
- acme-kr-product-1-1 was given confidence 10 at drafting;
- Customer Support has not checked in since 21 August (outdated at quarter end);
- acme-kr-sales-1-1 has its 7 August check-in entered after the 21 August one.
"""

from __future__ import annotations

from ..model.entities import Workshop
from ._build import build, key_result, objective, team

ORGANISATION = "Acme Corp"
PERIOD = "2026-Q3"
CHECK_IN_DAYS = ["2026-07-10", "2026-07-24", "2026-08-07", "2026-08-21", "2026-09-04", "2026-09-18", "2026-09-30"]

# fmt: off
LEADERSHIP = team("leadership", "Leadership team", [
    objective("Become a name German field-service firms know and trust", [
        key_result("$4M in new annual contracts signed in Germany", "increase", 0, 4, "$M",
                   reach=0.65, shape=1.3, metric="new ARR Germany", owner="Rachel Moore", confidence=5,
                   indicator="lagging", comments={0: "First deal closed in Hamburg.",
                                                  6: "Ending near $2.6M; strong pipeline for Q4."}),
        key_result("8 German reference customers live on Acme", "increase", 0, 8, "customers",
                   values=(0, 1, 1, 2, 3, 4, 5), metric="live German customers", owner="Rachel Moore",
                   confidence=5, comments={1: "Our first German customer went live in Cologne."}),
    ], type="aspirational", owner="Tom Harris",
       why="Germany is the largest field-service market in Europe and nobody owns it yet."),
    objective("Customers stay, grow and speak up for us", [
        key_result("Cut annual logo churn from 9% to 6%", "decrease", 9, 6, "%", reach=0.7,
                   metric="logo churn, trailing 12 months", owner="Priya Shah", confidence=6, indicator="lagging"),
        key_result("Keep NPS at 45 or higher all quarter", "at_least", 47, 45, "NPS",
                   values=(47, 46, 43, 44, 46, 48, 49), metric="NPS", owner="Priya Shah", confidence=6),
        key_result("Grow expansion revenue from existing customers from $6M to $8M", "increase", 6, 8, "$M",
                   reach=0.85, metric="expansion revenue", owner="Rachel Moore", confidence=5),
    ], type="committed", owner="Priya Shah",
       why="Every customer we keep funds the next one we win."),
    objective("A company people want to build with", [
        key_result("Raise eNPS from 12 to 30", "increase", 12, 30, "eNPS", reach=0.5, shape=1.5,
                   metric="eNPS in the pulse survey", owner="Tom Harris", confidence=4),
        key_result("Keep regretted attrition at 2% or less", "at_most", 1.5, 2, "%",
                   values=(1.4, 1.6, 1.9, 2.4, 2.1, 1.8, 1.7), metric="regretted attrition", owner="Tom Harris",
                   confidence=6),
        key_result("Keep gross margin at 70% or more every month", "at_least", 71, 70, "%",
                   values=(71.2, 70.8, 69.5, 70.4, 71.0, 71.6, 72.0), metric="gross margin", owner="Priya Shah",
                   confidence=6),
    ], type="aspirational", owner="Tom Harris",
       why="We can only grow as fast as we can hire and keep good people."),
])

MARKETING = team("marketing", "Marketing", [
    objective("Field-service managers in Germany start noticing us", [
        key_result("60k organic views of our German-language content", "increase", 0, 60000, "views",
                   reach=1.1, shape=0.8, metric="organic content views (DE)", owner="Megan Clarke", confidence=5,
                   indicator="leading", comments={1: "The route-planning guide is being shared in trade groups.",
                                                  6: "Past the target in September."}),
        key_result("150 qualified leads from German trade shows", "increase", 0, 150, "leads",
                   values=(0, 0, 0, 30, 65, 95, 110), metric="trade-show leads", owner="Luke Bennett",
                   confidence=5, indicator="leading",
                   comments={0: "No shows until August, as planned.", 3: "Busy stand at the Stuttgart expo."}),
        key_result("Aided brand awareness among German target firms rises from 3% to 15%", "increase", 3, 15, "%",
                   values=(None, None, None, None, None, None, 11), metric="aided brand awareness",
                   owner="Megan Clarke", confidence=4, indicator="lagging",
                   comments={6: "Survey results in: 11%, up from 3%."}),
    ], type="aspirational", owner="Megan Clarke", aligns="leadership-1",
       why="Buyers shortlist vendors they have already heard of."),
    objective("Happy customers do our selling for us", [
        key_result("Grow the number of customer stories sales can use from 4 to 10", "increase", 4, 10, "stories",
                   reach=0.9, metric="approved customer stories", owner="Hannah Price", confidence=6),
        key_result("Raise the share of pipeline from referrals from 10% to 18%", "increase", 10, 18, "%",
                   reach=0.55, shape=1.4, metric="referral share of pipeline", owner="Hannah Price", confidence=5),
        key_result("Keep the customer newsletter open rate at 40% or higher", "at_least", 41, 40, "%",
                   values=(42, 41, 38, 37, 40, 42, 43), metric="newsletter open rate", owner="Luke Bennett",
                   confidence=7),
    ], type="committed", owner="Hannah Price", aligns="leadership-2",
       why="A recommendation from a peer beats any ad we can buy."),
], parent="leadership")

SALES = team("sales", "Sales", [
    objective("Double our German pipeline to $10M", [
        key_result("$2M of new bookings from German customers", "increase", 0, 2, "$M", reach=0.7, shape=1.2,
                   metric="bookings Germany", owner="Daniel Kim", confidence=5, late=2,
                   comments={3: "Two mid-size deals landed the same week.",
                             2: "Entered late; missed it last time."}),
        key_result("Hold 15 discovery calls with German prospects", "increase", 0, 15, "calls", reach=1.0,
                   metric="discovery calls", owner="Daniel Kim", confidence=8),
        key_result("Win at least 25% of German proposals", "at_least", 18, 25, "%",
                   values=(15, 18, 22, 26, 24, 27, 28), metric="proposal win rate (DE)", owner="Sofia Rossi",
                   confidence=5),
        key_result("Shorten the average sales cycle from 75 to 50 days", "decrease", 75, 50, "days", reach=0.4,
                   shape=1.5, metric="average sales cycle", owner="Sofia Rossi", confidence=4),
    ], type="committed", owner="Rachel Moore", aligns="leadership-1",
       why="Marketing is opening doors; now they need to turn into signed contracts."),
    objective("Existing customers choose to grow with us", [
        key_result("Grow upsell bookings from $1.5M to $2.5M", "increase", 1.5, 2.5, "$M", reach=0.9,
                   metric="upsell bookings", owner="Sofia Rossi", confidence=6),
        key_result("No customer above $100k a year gives notice", "at_most", 0, 0, "customers",
                   values=(0, 0, 0, 1, 1, 1, 1), metric="large customers lost", owner="Rachel Moore",
                   confidence=7, comments={3: "A Leeds customer gives notice after being acquired."}),
        key_result("Renew at least 92% of contracts that come up for renewal", "at_least", 93, 92, "%",
                   values=(94, 93, 92, 89, 91, 93, 94), metric="renewal rate", owner="Sofia Rossi", confidence=6),
    ], type="committed", owner="Sofia Rossi", aligns="leadership-2",
       why="Our best customers have more needs than they buy from us today."),
], parent="leadership")

PRODUCT = team("product", "Product", [
    objective("German dispatchers feel at home in Acme", [
        key_result("The whole web app is available in German", "milestone", 0, 1, "",
                   values=(0, 0, 0, 0, 1, 1, 1), metric="German localisation shipped", owner="Nina Weber",
                   confidence=10, comments={4: "Shipped on 1 September!"}),
        key_result("Raise German trial activation within 7 days from 18% to 40%", "increase", 18, 40, "%",
                   reach=0.75, metric="trial activation (DE)", owner="Marcus Lee", confidence=5,
                   indicator="leading"),
        key_result("Keep tickets about language and formats to 10 a month or fewer", "at_most", 17, 10, "tickets",
                   values=(16, 14, 12, 9, 7, 6, 5), metric="language and format tickets", owner="Nina Weber",
                   confidence=5),
    ], type="aspirational", owner="Marcus Lee", aligns="leadership-1",
       why="German customers expect German screens, German date formats and German invoices."),
    objective("A fast, dependable service customers can count on", [
        key_result("Keep monthly uptime at 99.9% or higher", "at_least", 99.93, 99.9, "%",
                   values=(99.96, 99.98, 99.84, 99.94, 99.97, 99.99, 99.98), metric="uptime",
                   owner="Owen Hughes", confidence=7, comments={2: "Cloud provider outage on 4 August."}),
        key_result("Bring the schedule view's p95 load time down from 2.8 s to 1.2 s", "decrease", 2.8, 1.2, "s",
                   reach=1.1, shape=0.7, metric="schedule view load time p95", owner="Owen Hughes",
                   confidence=6),
        key_result("Cut production incidents from 7 to 2 a month", "decrease", 7, 2, "incidents",
                   values=(7, 6, 6, 5, 4, 4, 4), metric="production incidents a month", owner="Marcus Lee",
                   confidence=5),
    ], type="committed", owner="Owen Hughes", aligns="leadership-2",
       why="When the schedule does not load, technicians sit idle in their vans."),
    objective("An engineering team that ships at a steady pace", [
        key_result("Cut lead time from merge to production from 4 days to 1", "decrease", 4, 1, "days",
                   reach=0.75, metric="lead time", owner="Owen Hughes", confidence=5),
        key_result("Teams reach at least 80% of the goals they set each fortnight", "at_least", 65, 80, "%",
                   values=(65, 72, 78, 81, 84, 80, 86), metric="sprint goals met", owner="Marcus Lee",
                   confidence=5),
        key_result("Raise automated test coverage of billing from 35% to 70%", "increase", 35, 70, "%",
                   reach=0.9, metric="billing test coverage", owner="Nina Weber", confidence=6),
    ], type="committed", owner="Owen Hughes",
       why="An uneven pace makes it impossible for sales to promise anything."),
], parent="leadership")

SUPPORT = team("support", "Customer Support", [
    objective("Customers get fast help, in their own language", [
        key_result("Cut first email response time from 20 to 6 hours", "decrease", 20, 6, "h", reach=0.8,
                   metric="first response time, email", owner="Grace Okafor", confidence=5),
        key_result("German-language support open every weekday 8:00–17:00 CET", "milestone", 0, 1, "",
                   values=(0, 0, 0, 0), metric="German support hours", owner="Jonas Keller", confidence=6,
                   comments={3: "Hiring is taking longer than planned."}),
        key_result("Keep post-ticket satisfaction at 4.6 out of 5 or higher", "at_least", 4.5, 4.6, "of 5",
                   values=(4.7, 4.6, 4.5, 4.6), metric="CSAT", owner="Grace Okafor", confidence=6),
        key_result("Raise first-contact resolution from 60% to 75%", "increase", 60, 75, "%", reach=0.6,
                   shape=1.3, metric="first-contact resolution", owner="Jonas Keller", confidence=5),
    ], type="committed", owner="Grace Okafor", aligns="leadership-2",
       why="New German customers judge us by how their first ticket goes."),
    objective("Customers solve more on their own", [
        key_result("Cut tickets per 100 active accounts from 14 to 9", "decrease", 14, 9, "tickets", reach=0.5,
                   metric="tickets per 100 accounts", owner="Jonas Keller", confidence=5),
        key_result("Raise the share of questions answered by the help centre from 20% to 35%", "increase", 20,
                   35, "%", reach=0.7, metric="self-service rate", owner="Grace Okafor", confidence=6),
        key_result("75% of help-centre visits end without a ticket", "increase", None, 75, "%",
                   values=(62, 64, 63, 66), metric="visits without a ticket", owner="Grace Okafor", confidence=5),
    ], type="aspirational", owner="Jonas Keller", aligns="leadership-3",
       why="Every question a customer answers alone frees time for the hard cases."),
], parent="leadership", silent_after="2026-08-21")
# fmt: on


def workshop() -> Workshop:
    """A fresh Acme Corp workshop (English, 2026-Q3)."""
    return build(
        prefix="acme",
        organisation=ORGANISATION,
        period=PERIOD,
        lang="en",
        days=CHECK_IN_DAYS,
        teams=[LEADERSHIP, MARKETING, SALES, PRODUCT, SUPPORT],
    )
