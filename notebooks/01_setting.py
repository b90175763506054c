# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. Förbered och kör workshopen · Prepare and run the workshop
#
# **Svenska.** Skapa eller öppna workshopfilen (organisation, period, team), skriv företagets OKR, låt teamen
# skriva utkast i formuläret, gå igenom tavlan och exportera arbetsboken.
# **English.** Create or open the workshop file (organisation, period, teams), write the company OKRs, let the
# teams draft in the form, review the board and export the workbook.

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
# - **En egen, ny workshop:** sätt `new_workshop = True`, `organisation` (till exempel `"Exempel AB"`), `period`
#   (`"2027-Q1"`, `"2027-H1"` eller `"2027"`) och `teams` (till exempel `["Ledningsgruppen", "Marknad", "Sälj"]`;
#   det första teamet är företagsnivån, de andra kopplas till det). De används bara när workshopfilen inte finns;
#   en fil som finns öppnas som den är.
#
# *Change only the lines in the box below, then run all cells. `workshop_path` is your workshop file (when
# it does not exist the notebook says so and creates nothing); `new_workshop = True` creates it when missing,
# from `sample`, an embedded example company; `lang` sv or en; `team` one team or `None` for all; `out_dir`
# the output folder. **A new workshop of your own:** set `new_workshop = True`, `organisation`, `period`
# (`"2027-Q1"`, `"2027-H1"` or `"2027"`) and `teams` (the first one is the company level, the others report to
# it); they are used only when the workshop file does not exist, an existing file opens as it is.*

# %% tags=["parameters"]
# parameters
workshop_path = "workshop.okr"  # your workshop file; a missing file is an error, never a new sample
new_workshop = False  # True: create workshop_path when it does not exist (from `sample`)
sample = "exempel-ab"  # a new workshop's content: "exempel-ab" (sv) or "acme" (en)
lang = None  # "sv" or "en"; None: the workshop's language
team = None  # one team's name; None: all teams (the forms take the first team below the top)
out_dir = "."  # where exports and reports go
organisation = None  # a new workshop's name, e.g. "Exempel AB"; None: the sample's
period = None  # a new workshop's period: "2027-Q1", "2027-H1", "2027"
teams = []  # a new workshop's teams, the company level first: ["Ledningsgruppen", "Marknad", "Sälj"]

# %% tags=["setup"]
from pathlib import Path

from IPython.display import display

import okr_workshop as okr
from okr_workshop import widgets
from okr_workshop.jupyter import facilitator
from okr_workshop.report import tables
from okr_workshop.workbook import write

facilitator.short_errors()  # our errors as their message (sv · en), not a traceback
ws = facilitator.open_workshop(
    workshop_path, sample=sample, lang=lang, organisation=organisation, period=period, teams=teams, new=new_workshop
)
lang = lang or ws.lang
team = facilitator.focus_team(ws, team)
print(ws.organisation, ws.period.label, lang, [t.name for t in ws.teams])

# %% [markdown]
# ## Företagets OKR · Company OKRs
#
# Målen på översta nivån, som teamens mål kopplas till. Skriv dem i formuläret (de sparas automatiskt medan ni
# skriver; *Spara nu* sparar direkt) och se dem som tabell nedanför · the top-level objectives the teams align to.
# Write them in the form (saved automatically as you type; *Save now* saves at once) and see them as a table below.

# %% tags=["company-form"]
company = next((t.name for t in ws.teams if not t.parent_id), None)
if company:
    display(widgets.drafting_form(workshop_path, company, lang=lang))

# %% tags=["company-okrs"]
ws = okr.load(workshop_path)
for top in [t for t in ws.teams if not t.parent_id]:
    display(tables.okr_table(ws, top, lang=lang))

# %% [markdown]
# ## Utkast i formuläret · Drafting form
#
# Teamet skriver direkt här (eller i deltagarappen); allt sparas automatiskt i workshopfilen medan de skriver
# (*Spara nu* sparar direkt) och återkopplingen kommer direkt · the team types here (or in the participants' app);
# everything is saved automatically as they type (*Save now* saves at once), with feedback right away.

# %% tags=["drafting-form"]
form = widgets.drafting_form(workshop_path, team, lang=lang)
display(form)

# %% [markdown]
# ## Tavlan · The board
#
# Alla teams utkast med styrka och koppling uppåt; tryck *Uppdatera* när teamen har skrivit ·
# every team's drafts with strength and alignment; press *Refresh* after the teams have typed.

# %% tags=["board"]
display(widgets.board(workshop_path, lang=lang))

# %% tags=["findings"]
ws = okr.load(workshop_path)
findings = okr.check(ws, lang=lang)
print(facilitator.say("findings", lang, n=len(findings)))
display(tables.findings_table(findings, lang=lang))

# %% [markdown]
# ## Exportera arbetsboken · Export the workbook
#
# Arbetsboken går ut till teamen för uppföljningar; läs in den igen i `02_scoring` ·
# the workbook goes to the teams for check-ins; read it back in `02_scoring`.

# %% tags=["export"]
workbook = Path(out_dir) / "okrs.xlsx"
write.write_excel(ws, workbook)
print(facilitator.say("wrote", lang, path=workbook.resolve()))
