"""Widget speed, in process (no browser): building the drafting form and one keystroke's feedback.

Figures are ratios against baselines measured in the same run:
- building the drafting form for a team of 4 objectives × 5 key results
  against building the same number of plain ``ipywidgets.Text`` widgets as
  the form has inputs;
- one keystroke in an objective title or a key-result text (model update,
  quality check of that objective, feedback and strength re-rendered) against
  ``check_text`` of one string; the target is under 10 ms per keystroke;
- saving one typed field, as the app does on every keystroke, against one
  keystroke's check and feedback;
- one keystroke in the check-in form (live progress/grade/status) against
  ``kr_score`` of the key result.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.timing import best_of

KEYSTROKES = 60
REPEAT = 3


def _best(fn, repeat: int = REPEAT) -> float:
    return best_of(fn, repeat)


def _count_inputs(widget) -> int:
    import ipywidgets as w

    kinds = (w.Text, w.Textarea, w.Dropdown, w.ToggleButtons, w.FloatText, w.IntSlider, w.Button, w.HTML)
    own = 1 if isinstance(widget, kinds) else 0
    return own + sum(_count_inputs(c) for c in getattr(widget, "children", ()))


def _keystrokes(field, texts: list[str], flush) -> list[float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        field.value = text
        flush()
        times.append(time.perf_counter() - start)
    return times


def _typing(word: str) -> list[str]:
    """KEYSTROKES distinct texts, as typing and retyping produces them (no cache hits)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [f"{word[: i % len(word) + 1]} {letters[i // 26 % 26]}{letters[i % 26]}" for i in range(KEYSTROKES)]


def run() -> list[dict]:
    """Rows {"name", "value", "unit", "baseline", "ratio"} (+ "target", "met" where there is a target)."""
    import datetime as dt

    import ipywidgets as w

    import okr_workshop as okr
    from okr_workshop import quality
    from okr_workshop.scoring import grades as scoring
    from okr_workshop.widgets import CheckInForm, DraftingForm

    ws = okr.samples.generate(teams=1, seed=0, lang="en")
    team = next(t for t in ws.teams if t.parent_id is not None)
    shape = f"{len(team.objectives)}×{max(len(o.key_results) for o in team.objectives)}"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.okr"
        okr.save(ws, path)
        with okr.open_store(path) as store:
            DraftingForm(store, team.id, feedback_delay=None, save_delay=None).close()  # warm imports and caches
            forms = []
            t_form = _best(lambda: forms.append(DraftingForm(store, team.id, feedback_delay=None, save_delay=None)))
            form = forms[-1]
            n_inputs = _count_inputs(form)
            t_plain = _best(lambda: [w.Text(description="x") for _ in range(n_inputs)])
            rows.append({
                "name": f"build drafting form, team {shape} ({n_inputs} widgets) (vs as many plain Text widgets)",
                "value": round(t_form * 1000, 1), "unit": "ms", "baseline": round(t_plain * 1000, 1),
                "ratio": round(t_form / t_plain, 2),
            })  # fmt: skip

            flush = form._feedback.flush
            obj = team.objectives[0]
            title = form.editors[obj.id].fields["text"].input
            kr_text = form.editors[obj.id].editors[obj.key_results[0].id].fields["text"].input
            t_title = _keystrokes(title, _typing("Customers who love us"), flush)
            t_kr = _keystrokes(kr_text, _typing("Raise NPS from 20 to 40"), flush)
            fresh = _typing("Partners who grow with us")  # texts not seen yet: no cache hits in the baseline
            t_check = _best(lambda: [quality.check_text(s, "objective", "en") for s in fresh], repeat=1) / KEYSTROKES
            for name, times in (("objective title", t_title), ("key-result text", t_kr)):
                median = statistics.median(times)
                p95 = statistics.quantiles(times, n=20)[-1]
                rows.append({
                    "name": f"keystroke in {name}: check + feedback, median (vs check_text of one string)",
                    "value": round(median * 1000, 2), "unit": "ms", "baseline": round(t_check * 1000, 3),
                    "ratio": round(median / t_check, 1), "target": "< 10 ms", "met": median < 0.010,
                })  # fmt: skip
                rows.append({
                    "name": f"keystroke in {name}: 95th percentile of {KEYSTROKES} (vs check_text of one string)",
                    "value": round(p95 * 1000, 2), "unit": "ms", "baseline": round(t_check * 1000, 3),
                    "ratio": round(p95 / t_check, 1), "target": "< 10 ms", "met": p95 < 0.010,
                })  # fmt: skip
            saved_texts = iter(_typing("Customers who love us, saved"))

            def saved_keystroke() -> None:  # the app saves each field as it changes (save_fields, fsync)
                title.value = next(saved_texts)
                form._save.flush()

            t_save = _best(saved_keystroke)
            rows.append({
                "name": "save one typed field at once (save_fields: compare, write, history, fsync) (vs one keystroke)",
                "value": round(t_save * 1000, 1), "unit": "ms", "baseline": round(statistics.median(t_title) * 1000, 2),
                "ratio": round(t_save / statistics.median(t_title), 1),
            })  # fmt: skip
            form.close()

            checkin = CheckInForm(store, team.id, on=ws.period.start + dt.timedelta(days=45))
            row = next(iter(checkin.rows.values()))
            values = [float(i) for i in range(KEYSTROKES)]
            times = []
            for v in values:
                start = time.perf_counter()
                row.value.value = v
                times.append(time.perf_counter() - start)
            t_score = _best(lambda: [scoring.kr_score(row.kr) for _ in range(KEYSTROKES)]) / KEYSTROKES
            rows.append({
                "name": "keystroke in a check-in value: live score, median (vs kr_score of the key result)",
                "value": round(statistics.median(times) * 1000, 2), "unit": "ms", "baseline": round(t_score * 1000, 3),
                "ratio": round(statistics.median(times) / t_score, 1), "target": "< 10 ms",
                "met": statistics.median(times) < 0.010,
            })  # fmt: skip
            checkin.close()
    return rows


if __name__ == "__main__":
    for row in run():
        base = "" if row["baseline"] is None else f"  baseline {row['baseline']} {row['unit']}  ratio {row['ratio']}"
        target = f"  target {row['target']}: {'met' if row['met'] else 'MISSED'}" if "target" in row else ""
        print(f"{row['name']}: {row['value']} {row['unit']}{base}{target}")
