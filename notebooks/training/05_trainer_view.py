# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# parameters
# Utbildarvy · trainer view. new_class=True skapar en klass (kod, deltagarlista, språk) · creates a class;
# class_code visar en klass · shows a class; archive=True flyttar klassens svar till arkivet · archives the answers.
class_code = ""  # the class to show; with new_class True an empty code picks a fresh one
classes_dir = "klasser"  # where classes live (the trainees' notebooks use the same folder)
new_class = False
roster = ""  # the trainees' names, one per line or comma-separated
one_attempt = False  # True: only each trainee's first answer per exercise is graded
archive = False  # True: move the class's answers to its archive folder; the class starts again empty
lang = "sv"  # "sv" or "en" (a class decides it)
results_path = "training_results.jsonl"  # the log without a class
export_path = "training_results.xlsx"  # the workbook for the trainer
print_dir = None  # a folder: the printed handouts and the answer key (PDF) of the class's exercises
seed = 1  # without a class: the exercises to print

# %% tags=["setup"]
from IPython.display import HTML, display

import okr_workshop.training as tr

room = tr.for_trainer(class_code, classes_dir, new=new_class, lang=lang, roster=roster, one_attempt=one_attempt)
if room is not None:
    print(tr.announce(room))
log, lang, names = (room.log, room.lang, room.roster) if room else (tr.ResultsLog(results_path), lang, [])

# %% tags=["summary"]
display(HTML(tr.table_html(log.summary(names), lang)))
for line in log.stuck(lang):
    print(line)

# %% tags=["trainees"]
display(HTML(tr.table_html(log.progress(names), lang)))

# %% tags=["answers"]
display(HTML(tr.table_html(log.answers(lang), lang)))

# %% tags=["missed"]
display(HTML(tr.table_html(log.most_missed(lang), lang)))

# %% tags=["export"]
path = log.to_excel(export_path, lang, names)
print(path)

# %% tags=["print"]
if print_dir:
    for path in tr.write_handouts(print_dir, room.seed if room else seed, lang):
        print(path)

# %% tags=["archive"]
if archive and room is not None:
    print(room.archive())
