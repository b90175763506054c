# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# parameters
# Ändra bara här · change only here. class_code: koden från utbildaren (bestämmer övning, språk och logg) ·
# the code from the trainer (sets the exercise, language and log). Utan klass · without a class: lang, seed,
# results_path. trainee: namnet (tomt: sidan frågar) · the name (empty: the page asks). answers: rättas utan klick ·
# graded without clicking (papermill -p answers '…' as JSON text).
class_code = ""  # e.g. "K7QX2M"
classes_dir = "klasser"  # where the trainer's classes live
lang = "sv"  # "sv" or "en" (a class decides it)
seed = 1  # the same seed gives every trainee the same exercise (a class decides it)
trainee = ""
results_path = "training_results.jsonl"  # the log without a class (a class has its own)
n_flaws = 2
answers = None  # a list of drafts {"objective": …, "key_results": [{"text", "kind", …}]}, in order

# %% tags=["setup"]
import okr_workshop.training as tr
from okr_workshop.widgets.training import Rewrite

room, lang, seed, results_path = tr.join(class_code, classes_dir, lang, seed, results_path)

# %% tags=["exercise"]
exercise = tr.make_spot_exercise(seed, lang, n_flaws)
session = tr.RewriteSession.from_exercise(exercise)
widget = Rewrite(session, trainee=trainee, log=results_path, seed=seed, classroom=room)
widget

# %% tags=["submit"]
answers = tr.parse_answers(answers)  # JSON text from `papermill -p` becomes a list or dict
for draft in answers or []:
    widget.submit(draft)

# %% tags=["grading"]
if answers and session.attempts:  # a headless run: the feedback as text
    print("\n".join(session.attempts[-1].lines()))
