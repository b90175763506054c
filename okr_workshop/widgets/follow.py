"""What the day's pages share: following the file's revision, the countdown, step labels.

A page polls the workshop file's revision (as the board and the drafting form
do) and re-renders when someone changed the day; the countdown is recomputed
on every tick, so it moves even when nothing else changes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Callable

from ..errors import OkrWorkshopError
from ..i18n.texts import t
from ..model.session import Agenda

log = logging.getLogger("okr_workshop")

POLL_SECONDS = 2.0


def clock(delta: dt.timedelta) -> str:
    """12:05 for twelve minutes five seconds (the absolute value; the caller says left or over)."""
    seconds = int(abs(delta.total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"


def step_title(agenda: Agenda, lang: str) -> str:
    step = agenda.step()
    if step is None:
        return t("day.over", lang) if agenda.current is not None else t("day.not_started", lang)
    return step.title or t(f"day.step.{step.kind.value}", lang)


def countdown(agenda: Agenda, lang: str, now: dt.datetime | None = None) -> str:
    """ "Steg 2 av 9 · 7:30 kvar" (or over time); empty when nothing runs."""
    left = agenda.remaining(now)
    if left is None:
        return ""
    where = t("day.step_of", lang, n=agenda.current + 1, total=len(agenda.steps))
    # one literal key per call, so that `make i18n` extracts each of them
    when = (
        t("day.left", lang, time=clock(left))
        if left.total_seconds() >= 0
        else t("day.overtime", lang, time=clock(left))
    )
    return f"{where} · {when}"


class Follower:
    """Calls ``tick(store)`` every ``interval`` seconds: on the kernel's loop if there is one, else a thread.

    ``open_store`` gives the thread its own connection (SQLite connections belong to their thread).
    """

    def __init__(self, tick: Callable, open_store: Callable, interval: float = POLL_SECONDS):
        self.tick, self.open_store, self.interval = tick, open_store, interval
        self._stop = threading.Event()
        self._task: threading.Thread | asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self._task is not None:
            return
        self._stop = threading.Event()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            self._task = threading.Thread(target=self._run_thread, args=(self._stop,), daemon=True, name="okr-day")
            self._task.start()
        else:
            self._task = loop.create_task(self._run_async(self._stop))

    def stop(self) -> None:
        task, self._task = self._task, None
        self._stop.set()
        if isinstance(task, threading.Thread) and task is not threading.current_thread():
            task.join(timeout=max(5.0, self.interval * 2))
        elif isinstance(task, asyncio.Task):
            task.cancel()

    async def _run_async(self, stop: threading.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(self.interval)
            if not stop.is_set():
                try:
                    self.tick(None)
                except Exception:
                    log.exception("the day's page stopped following the file")
                    return

    def _run_thread(self, stop: threading.Event) -> None:
        try:
            store = self.open_store()
        except OkrWorkshopError as err:
            log.warning("the day's page stopped following the file: %s", err)
            return
        try:
            while not stop.wait(self.interval):
                self.tick(store)
        except Exception:
            log.exception("the day's page stopped following the file")
        finally:
            store.close()


class FollowsTheDay:
    """What the cockpit and a participant's page share: re-render on a new revision, tick the countdown.

    The class using it has ``day``, ``timer``, ``lang``, ``_lock``, ``revision`` and ``_render(day, agenda)``.
    """

    def refresh(self, store=None, force: bool = False) -> bool:
        """Re-render when the file's revision changed; the countdown moves on every call."""
        from ..day.record import Day
        from .common import set_value

        with self._lock:
            day = self.day if store is None else Day(store)
            revision = day.revision()
            agenda = day.agenda()
            set_value(self.timer, countdown(agenda, self.lang))
            if revision == self.revision and not force:
                return False
            self.revision = revision
            self._render(day, agenda)
            return True
