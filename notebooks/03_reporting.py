# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Rapporten · The report
#
# **Svenska.** Den här anteckningsboken *är* rapporten: exportera den utan kod med
# `okr-workshop report workshop.okr --out rapport` (HTML, och PDF med `--pdf`).
# **English.** This notebook *is* the report: export it without code with
# `okr-workshop report workshop.okr --out report` (HTML, and PDF with `--pdf`).

# %% [markdown]
# **Ändra bara raderna i rutan nedanför**, och kör sedan alla rutor (menyn *Run › Run All Cells*,
# eller Skift+Enter ruta för ruta):
#
# - `workshop_path`: er workshopfil, till exempel `"min-workshop.okr"`; finns den inte säger anteckningsboken
#   det, och ingenting skapas;
# - `new_workshop`: `True` för att skapa en ny workshopfil när `workshop_path` inte finns (från `sample`,
#   ett inbyggt exempelföretag: `"exempel-ab"` eller `"acme"`);
# - `lang`: `"sv"` eller `"en"` (`None`: workshopens språk); `team`: ett team (`None`: alla);
#   `out_dir`: mappen där resultaten hamnar.
# - `as_of`: rapportera läget per den dagen, till exempel `"2027-03-31"` (`None`: i dag, inom perioden).
# - `next_period`: nästa period, till exempel `"2027-Q2"`, skapar nästa workshop (`""`: ingen; se sist).
#
# *Change only the lines in the box below, then run all cells. `workshop_path` is your workshop file (when
# it does not exist the notebook says so and creates nothing); `new_workshop = True` creates it when missing,
# from `sample`, an embedded example company; `lang` sv or en; `team` one team or `None` for all; `out_dir`
# the output folder; `as_of` reports the status as of this date, e.g. `"2027-03-31"` (`None`: today, within the
# period); `next_period`, e.g. `"2027-Q2"`, creates the next workshop (`""`: none; see the end).*

# %% tags=["parameters"]
# parameters
workshop_path = "workshop.okr"  # your workshop file; a missing file is an error, never a new sample
new_workshop = False  # True: create workshop_path when it does not exist (from `sample`)
sample = "exempel-ab"  # a new workshop's content: "exempel-ab" (sv) or "acme" (en)
lang = None  # "sv" or "en"; None: the workshop's language
team = None  # one team's name; None: all teams (the forms take the first team below the top)
out_dir = "."  # where exports and reports go
as_of = None  # "2026-09-30"; None: today, clamped to the period
next_period = ""  # "2027-Q2": create the next period's workshop at the end; "": skip

# %% tags=["setup"]
from IPython.display import display

from okr_workshop import day, scoring
from okr_workshop.i18n.texts import t
from okr_workshop.jupyter import facilitator
from okr_workshop.report import parts

facilitator.short_errors()  # our errors as their message (sv · en), not a traceback
ws = facilitator.open_workshop(workshop_path, sample=sample, lang=lang, new=new_workshop)
lang = lang or ws.lang
scored = scoring.tables(ws, as_of)  # every key result scored once, for every part of the report

# %% tags=["report-cover"]
display(parts.cover(ws, team, as_of=as_of, lang=lang))

# %% tags=["report-overview"]
display(parts.overview(ws, team, as_of=as_of, lang=lang, tables=scored))

# %% tags=["report-teams"]
for part in parts.team_sections(ws, team, as_of=as_of, lang=lang, tables=scored):
    display(part)

# %% tags=["report-day"]
from okr_workshop.report.day import day_record

display(day_record(workshop_path, team, lang=lang))  # how the OKRs came to be: empty when no day was recorded

# %% tags=["report-alignment"]
display(parts.alignment(ws, team, as_of=as_of, lang=lang, tables=scored))

# %% [markdown]
# ## Halvtidsgenomgång och retrospektiv · Mid-quarter review and retrospective
#
# **Svenska.** Halvtidsgenomgången syns i avsnittet om hur OKR:erna kom till (ovan), per team och mål: vad som
# fungerat, vad ni lärt er och keep/change/drop. Spela in den i en kodruta (eller i deltagarappen):
#
# ```python
# mal = next(o for o in ws.objectives if o.title.startswith("Kraftigt ökad synlighet"))
# with day.Day.open(workshop_path) as d:
#     d.mid_review(mal, "change", worked="Mässorna gav leads", learned="Uppföljningen tar för lång tid")
#     d.retro(mal, "keep", lesson="Boka mässorna tidigare")
# ```
#
# Retrospektivet (keep/change/drop och lärdomen per mål) tas med till nästa period: sätt `next_period` ovan.
#
# **English.** The mid-quarter review shows in the section on how the OKRs came to be (above), per team and
# objective: what worked, what you learned, and keep/change/drop. Record it in a code cell as above (or in the
# participant app): `d.mid_review(objective, "keep" | "change" | "drop", worked=..., learned=...)` with an objective
# of `ws.objectives` (or its id), and the retrospective with `d.retro(objective, verdict, lesson=...)`. The retrospective goes with you into the next
# period: set `next_period` above.

# %% [markdown]
# ## Nästa period · Next period
#
# Samma som `okr-workshop next WORKSHOP --period 2027-Q2`: en ny workshopfil bredvid den här, med samma team,
# ofullbordade mål föreslagna igen (med länk till sin historik) och retrospektivets lärdomar överst.
# *The same as `okr-workshop next WORKSHOP --period 2027-Q2`: a new workshop file beside this one, with the same
# teams, unfinished objectives proposed again (linked to their history) and the retrospective's lessons on top.*

# %% tags=["next-period"]
if next_period:
    next_path = day.next_workshop(workshop_path, next_period)
    print(t("week.next.done", lang, period=next_period, path=next_path))
else:
    print(t("week.next.skip", lang))
