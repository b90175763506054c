# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 2. Uppföljningar och betyg · Check-ins and grading
#
# **Svenska.** Fyll i uppföljningar i formuläret eller läs in arbetsboken, följ framsteg, takt och
# tilltro, och sätt slutbetyg vid kvartalets slut (med motivering när du ändrar ett betyg).
# **English.** Enter check-ins in the form or import the workbook, follow progress, pace and confidence, and
# grade at the end of the quarter (with a reason when you override a grade).

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
# - `workbook`: en ifylld arbetsbok (`okrs.xlsx`) att läsa in (`None`: ingen);
# - `as_of`: räkna betygen per den dagen, till exempel `"2027-03-31"` (`None`: i dag, inom perioden);
# - `overrides`: slutbetyg som du sätter själv, en rad per nyckelresultat med text (eller id), betyg och
#   motivering, inom tre citattecken:
#
#   ```python
#   overrides = """
#   Vunna offerter från 20 % till 35 % = 0,6 : kunden sköt upp beslutet till april
#   200 leads från mässor = 1 : klart i februari
#   """
#   ```
#
#   Betyget skrivs 0,7 eller 0.7 eller 70 %; `= -` tar bort ett satt betyg. Ett fel säger vilken rad och hur den
#   ska skrivas, och då sparas ingenting.
#
# *Change only the lines in the box below, then run all cells. `workshop_path` is your workshop file (when
# it does not exist the notebook says so and creates nothing); `new_workshop = True` creates it when missing,
# from `sample`, an embedded example company; `lang` sv or en; `team` one team or `None` for all; `out_dir`
# the output folder. `workbook`: a filled-in workbook (`okrs.xlsx`) to import (`None`: skip); `as_of`: score as
# of this date, e.g. `"2027-03-31"` (`None`: today, within the period); `overrides`: end-of-quarter grades you set
# yourself, one line per key result with its text (or id), the grade and the reason, inside triple quotes:
# `Vunna offerter från 20 % till 35 % = 0.6 : the customer moved the decision to April`. The grade is 0.7, 0,7 or
# 70 %; `= -` clears one. A mistake names the line and how to write it, and then nothing is saved. (A dict
# `{"text or id": [0.7, "reason"]}` works too.)*

# %% tags=["parameters"]
# parameters
workshop_path = "workshop.okr"  # your workshop file; a missing file is an error, never a new sample
new_workshop = False  # True: create workshop_path when it does not exist (from `sample`)
sample = "exempel-ab"  # a new workshop's content: "exempel-ab" (sv) or "acme" (en)
lang = None  # "sv" or "en"; None: the workshop's language
team = None  # one team's name; None: all teams (the forms take the first team below the top)
out_dir = "."  # where exports and reports go
workbook = None  # a filled-in okrs.xlsx to import; None: skip
as_of = None  # "2026-09-30"; None: today, clamped to the period
overrides = ""  # end-of-quarter grades, one line per key result: text or id, grade, reason (see above)

# %% tags=["setup"]
from IPython.display import display

import okr_workshop as okr
from okr_workshop import widgets
from okr_workshop.jupyter import facilitator
from okr_workshop.report import tables
from okr_workshop.report.week import week_html
from okr_workshop.workbook import merge

facilitator.short_errors()  # our errors as their message (sv · en), not a traceback
ws = facilitator.open_workshop(workshop_path, sample=sample, lang=lang, new=new_workshop)
lang = lang or ws.lang
team = facilitator.focus_team(ws, team)

# %% [markdown]
# ## Uppföljning i formuläret · Check-in form

# %% tags=["check-in-form"]
display(widgets.check_in_form(workshop_path, team, lang=lang))

# %% [markdown]
# ## … eller läs in arbetsboken · … or import the workbook
#
# Allt eller inget: en felaktig rad stoppar inläsningen och säger var · all or nothing: one bad row stops the
# import and says where. Samma fil två gånger ändrar ingenting · the same file twice changes nothing.

# %% tags=["import-workbook"]
if workbook:
    summary = merge.import_workbook(workbook, workshop_path)
    print(summary.describe(lang))
else:
    print(facilitator.say("no_workbook", lang))

# %% [markdown]
# ## Framsteg, takt och tilltro · Progress, pace and confidence

# %% tags=["progress"]
ws = okr.load(workshop_path)
display(tables.score_table(ws, as_of=as_of, lang=lang))

# %% [markdown]
# ## Veckans uppföljningsmöte · This week's check-in meeting
#
# Femton minuter, team för team: vad som ändrats sedan förra veckan (värden med pilar, tilltro), fallande tilltro
# markerad (ta dem först), inaktuella nyckelresultat med senaste uppföljningen och veckans kommentarer som risker.
# Veckan slutar på `as_of` (`None`: i dag, inom perioden). Samma rader syns på tavlan i 01.
# *Fifteen minutes, team by team: what changed since last week (values with arrows, confidence), confidence drops
# highlighted (take them first), stale key results with their last check-in, and the week's comments as risks. The
# week ends on `as_of` (`None`: today, within the period). The board in 01 shows the same drops and stale ones.*

# %% tags=["check-in-meeting"]
display(week_html(ws, as_of=as_of, lang=lang))

# %% [markdown]
# ## Slutbetyg · End-of-quarter grading
#
# Uträknat betyg, ditt ändrade betyg (✎) och motiveringen · computed grade, your override (✎) and its reason.

# %% tags=["grading"]
facilitator.set_overrides(workshop_path, overrides, lang=lang)
ws = okr.load(workshop_path)
display(tables.grading_table(ws, as_of=as_of, lang=lang))
