# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # OKR-workshop: börja här · OKR workshop: start here
#
# **Svenska.** De här anteckningsböckerna tar dig som facilitator från förberedelse till rapport.
# Kör dem i ordning; alla data sparas i *workshopfilen* (`.okr`, en SQLite-fil) som alla anteckningsböcker,
# deltagarappen och Excel-arbetsboken läser och skriver.
#
# **English.** These notebooks take you, the facilitator, from preparation to report. Run them in order; all
# data lives in the *workshop file* (`.okr`, an SQLite file) that every notebook, the participants' app and
# the Excel workbook read and write.

# %% [markdown]
# ## Agenda (förslag · suggested)
#
# | tid · time | moment · step | anteckningsbok · notebook |
# | --- | --- | --- |
# | före · before | organisation, period, team, företagets OKR · organisation, period, teams, company OKRs | `01_setting` |
# | 0:00–0:20 | vad är OKR, exempel · what OKRs are, examples | `01_setting` (företagets OKR · company OKRs) |
# | 0:20–1:20 | teamen skriver utkast med direkt återkoppling · teams draft with live feedback | deltagarappen · participant app |
# | 1:20–1:50 | genomgång på tavlan, koppling uppåt · review on the board, alignment | `01_setting` (tavlan · board) |
# | 1:50–2:00 | exportera arbetsboken · export the workbook | `01_setting` |
# | varannan vecka · every other week | uppföljningar · check-ins | `02_scoring` |
# | kvartalets slut · end of quarter | betygsättning, rapport · grading, report | `02_scoring`, `03_reporting` |

# %% [markdown]
# ## Roller · Roles
#
# - **Facilitator / OKR-coach**: förbereder, leder, följer upp och rapporterar · prepares, runs, follows up, reports.
# - **Team**: skriver 2–4 mål med 3–5 nyckelresultat var · draft 2–4 objectives with 3–5 key results each.
# - **Ägare av nyckelresultat · key-result owners**: följer upp med värde, tilltro (1–10) och en kommentar ·
#   check in value, confidence (1–10) and a comment.
# - **Ledning · management**: läser rapporten · reads the report.

# %% [markdown]
# ## Var filerna hamnar · Where files go
#
# - `workshop.okr`: workshopfilen · the workshop file (säkerhetskopiera den · back it up).
# - `out_dir/okrs.xlsx`: arbetsboken för uppföljningar · the workbook for check-ins (`okr-workshop import`).
# - `out_dir/report.html` (+ `report.pdf`): rapporten · the report (`okr-workshop report workshop.okr --out DIR --pdf`).
#
# ## Deltagarappen · The participants' app
#
# Starta på din dator · start on your computer: `okr-workshop app workshop.okr` (bara den här datorn · this
# computer only), eller · or `okr-workshop app workshop.okr --lan` (i det lokala nätverket, skyddad med en token ·
# on the local network, protected by a token). Deltagarna öppnar länken som skrivs ut; de ser bara formuläret,
# ingen kod · participants open the printed link and see only the form, no code.

# %% tags=["parameters"]
# parameters
workshop_path = "workshop.okr"  # your workshop file; a missing file is an error, never a new sample
new_workshop = False  # True: create workshop_path when it does not exist (from `sample`)
sample = "exempel-ab"  # a new workshop's content: "exempel-ab" (sv) or "acme" (en)
lang = None  # "sv" or "en"; None: the workshop's language
team = None  # one team's name; None: all teams (the forms take the first team below the top)
out_dir = "."  # where exports and reports go

# %% tags=["where-files-go"]
from pathlib import Path

import okr_workshop as okr
from okr_workshop.jupyter import discovery
from okr_workshop.storage.store import exists, location_of

print("okr-workshop", okr.__version__)
print("notebooks    ", discovery.notebooks_dir())
where = location_of(workshop_path)  # a file, or a postgresql:// URL (shown without its password)
where = where.resolve() if isinstance(where, Path) else where
print("workshop     ", where, "" if exists(where) else "(finns inte · missing: new_workshop = True)")
print("outputs      ", Path(out_dir).resolve())
print("participants ", f"okr-workshop app {where} --lan")
