"""The coach-training notebooks in notebooks/training/ (written by tools/make_notebooks.py).

A trainee's page shows only the exercise widget, in the class's language: no markdown, no developer output.
The parameter cell (code, hidden in Voilà) says in comments what a trainer may change.
"""

from __future__ import annotations

import nbformat

_PARAMS_HEAD = """# parameters
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
"""

_SETUP = """
import okr_workshop.training as tr
from okr_workshop.widgets.training import {widget}

room, lang, seed, results_path = tr.join(class_code, classes_dir, lang, seed, results_path)
"""


def _code(cell_id: str, source: str, tag: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source.strip("\n"), id=cell_id)
    cell.metadata["tags"] = [tag]
    return cell


def _notebook(cells: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


def _exercise(n: str, widget: str, extra: str, build: str, submit: str, grading: str) -> nbformat.NotebookNode:
    return _notebook(
        [
            _code(f"{n}-02", _PARAMS_HEAD + extra, "parameters"),
            _code(f"{n}-03", _SETUP.format(widget=widget), "setup"),
            _code(f"{n}-04", build, "exercise"),
            _code(f"{n}-05", submit, "submit"),
            _code(f"{n}-06", grading, "grading"),
        ]
    )


_SUBMIT = """
answers = tr.parse_answers(answers)  # JSON text from `papermill -p` becomes a list or dict
if answers is not None:
    widget.submit(answers)
"""
_LINES = """
if answers is not None and widget.result is not None:  # a headless run: the feedback as text
    print("\\n".join(widget.result.lines()))
"""

SPOT = _exercise(
    "01",
    "SpotTheFlaw",
    'n_flaws = 2  # how many flaws to hide in the OKR (1–4)\nanswers = None  # e.g. ["objective-number", "kr-activity"]\n',
    """
exercise = tr.make_spot_exercise(seed, lang, n_flaws)
widget = SpotTheFlaw(exercise, trainee=trainee, log=results_path, classroom=room)
widget
""",
    _SUBMIT,
    _LINES,
)
REWRITE = _exercise(
    "02",
    "Rewrite",
    'n_flaws = 2\nanswers = None  # a list of drafts {"objective": …, "key_results": [{"text", "kind", …}]}, in order\n',
    """
exercise = tr.make_spot_exercise(seed, lang, n_flaws)
session = tr.RewriteSession.from_exercise(exercise)
widget = Rewrite(session, trainee=trainee, log=results_path, seed=seed, classroom=room)
widget
""",
    """
answers = tr.parse_answers(answers)  # JSON text from `papermill -p` becomes a list or dict
for draft in answers or []:
    widget.submit(draft)
""",
    """
if answers and session.attempts:  # a headless run: the feedback as text
    print("\\n".join(session.attempts[-1].lines()))
""",
)
QUARTER = _exercise(
    "03",
    "ScoreTheQuarter",
    'answers = None  # e.g. {"KR1": 0.6, "KR2": 1.0, "O1": 0.7}\n',
    """
exercise = tr.make_quarter_exercise(seed, lang)
widget = ScoreTheQuarter(exercise, trainee=trainee, log=results_path, classroom=room)
widget
""",
    _SUBMIT,
    _LINES,
)
FACILITATE = _exercise(
    "04",
    "Facilitate",
    "n_problems = 4  # problems on the team's board (2–7)\nanswers = None  # three coaching points (rule ids)\n",
    """
board = tr.make_board(seed, lang, n_problems)
widget = Facilitate(board, trainee=trainee, log=results_path, classroom=room)
widget
""",
    _SUBMIT,
    _LINES,
)

TRAINER = _notebook(
    [
        _code(
            "05-02",
            """
# parameters
# Utbildarvy · trainer view. new_class=True skapar en klass (kod, deltagarlista, språk) · creates a class;
# class_code visar en klass · shows a class; archive=True flyttar klassens svar till arkivet · archives the answers.
class_code = ""  # the class to show (with new_class=True: empty picks a fresh code)
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
""",
            "parameters",
        ),
        _code(
            "05-03",
            """
from IPython.display import HTML, display

import okr_workshop.training as tr

room = tr.for_trainer(class_code, classes_dir, new=new_class, lang=lang, roster=roster, one_attempt=one_attempt)
if room is not None:
    print(tr.announce(room))
log, lang, names = (room.log, room.lang, room.roster) if room else (tr.ResultsLog(results_path), lang, [])
""",
            "setup",
        ),
        _code(
            "05-04",
            """
display(HTML(tr.table_html(log.summary(names), lang)))
for line in log.stuck(lang):
    print(line)
""",
            "summary",
        ),
        _code("05-05", "display(HTML(tr.table_html(log.progress(names), lang)))", "trainees"),
        _code("05-06", "display(HTML(tr.table_html(log.answers(lang), lang)))", "answers"),
        _code("05-07", "display(HTML(tr.table_html(log.most_missed(lang), lang)))", "missed"),
        _code(
            "05-08",
            """
path = log.to_excel(export_path, lang, names)
print(path)
""",
            "export",
        ),
        _code(
            "05-10",
            """
if print_dir:
    for path in tr.write_handouts(print_dir, room.seed if room else seed, lang):
        print(path)
""",
            "print",
        ),
        _code(
            "05-09",
            """
if archive and room is not None:
    print(room.archive())
""",
            "archive",
        ),
    ]
)

TRAINING = {
    "training/01_spot_the_flaw.ipynb": SPOT,
    "training/02_rewrite.ipynb": REWRITE,
    "training/03_score_the_quarter.ipynb": QUARTER,
    "training/04_facilitate.ipynb": FACILITATE,
    "training/05_trainer_view.ipynb": TRAINER,
}
