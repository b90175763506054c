"""Debounce: run a function once, a short while after the last of a burst of calls.

A keystroke applies its value to the model at once; the quality check and the
save to the workshop file wait until typing pauses. ``flush()`` runs what is
pending now (tests, the Save button, closing a form), so nothing has to sleep.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable

log = logging.getLogger("okr_workshop")


class Debouncer:
    """Call ``fn()`` ``delay`` seconds after the last ``trigger()``.

    delay: seconds to wait; 0 calls at once (synchronously); None never calls
    on its own, only on ``flush()`` (deterministic tests and benchmarks).
    Inside a running asyncio loop (a Jupyter kernel) the call is scheduled on
    that loop, in the kernel's own thread; elsewhere a ``threading.Timer`` is
    used. ``fn`` runs once per burst; it is called outside the debouncer's own
    lock, so it may take the caller's lock without risking a deadlock.
    """

    def __init__(self, fn: Callable[[], None], delay: float | None = 0.3):
        self.fn = fn
        self.delay = delay
        self._lock = threading.RLock()
        self._pending = False
        self._handle: asyncio.TimerHandle | threading.Timer | None = None

    @property
    def pending(self) -> bool:
        """True while a call is waiting."""
        return self._pending

    def trigger(self) -> None:
        """Ask for a call; a later trigger before the delay has passed postpones it."""
        with self._lock:
            self._pending = True
            self._cancel()
            if self.delay is None:
                return
            if self.delay > 0:
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:
                    timer = threading.Timer(self.delay, self._fire)
                    timer.daemon = True
                    self._handle = timer
                    timer.start()
                else:
                    self._handle = loop.call_later(self.delay, self._fire)
                return
        self.flush()

    def flush(self) -> bool:
        """Run the pending call now; True if there was one."""
        with self._lock:
            if not self._pending:
                return False
            self._cancel()
            self._pending = False
        self.fn()
        return True

    def cancel(self) -> None:
        """Drop the pending call without running it."""
        with self._lock:
            self._cancel()
            self._pending = False

    def _cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        try:
            self.flush()
        except Exception:  # a timer thread has nobody to report to; log instead of dying silently
            log.exception("debounced call failed")
