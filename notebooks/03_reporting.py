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
#
# *Change only the lines in the box below, then run all cells. `workshop_path` is your workshop file (when
# it does not exist the notebook says so and creates nothing); `new_workshop = True` creates it when missing,
# from `sample`, an embedded example company; `lang` sv or en; `team` one team or `None` for all; `out_dir`
# the output folder; `as_of` reports the status as of this date, e.g. `"2027-03-31"` (`None`: today, within the
# period).*

# %% tags=["parameters"]
# parameters
workshop_path = "workshop.okr"  # your workshop file; a missing file is an error, never a new sample
new_workshop = False  # True: create workshop_path when it does not exist (from `sample`)
sample = "exempel-ab"  # a new workshop's content: "exempel-ab" (sv) or "acme" (en)
lang = None  # "sv" or "en"; None: the workshop's language
team = None  # one team's name; None: all teams (the forms take the first team below the top)
out_dir = "."  # where exports and reports go
as_of = None  # "2026-09-30"; None: today, clamped to the period

# %% tags=["setup"]
from IPython.display import display

from okr_workshop import scoring
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
