"""Voilà as the app runs it: its own file list replaced by the team chooser.

Run as ``python -m okr_workshop.app.server PAGES [Voilà options]`` (``launch.prepare``
builds that command line). Only this child process imports Voilà and tornado.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from tornado import web
from voila.app import Voila

CHOOSER = "voila/render/participant.ipynb"  # without a team= it shows the team chooser
REDIRECTED = ("", "voila/tree", "voila/tree/")  # Voilà's file lists; nobody should browse the pages folder


class ChooserRedirect(web.RequestHandler):
    """``/`` (and Voilà's file list) → the team chooser; ``lang`` and ``token`` are kept."""

    def initialize(self, target: str) -> None:
        self.target = target

    def get(self) -> None:
        kept = [(k, v) for k in ("lang", "token") for v in self.get_arguments(k)[:1]]
        self.redirect(self.target + (f"?{urlencode(kept)}" if kept else ""))

    head = get


def chooser_handlers(server_url: str) -> list[tuple]:
    """Tornado rules sending the root URL and the file list to the chooser."""
    base = "/" + server_url.strip("/") + "/" if server_url.strip("/") else "/"
    target = base + CHOOSER
    return [(base + path + "$", ChooserRedirect, {"target": target}) for path in REDIRECTED]


class _NoTrustNotice(logging.Filter):
    """Drop "Notebook … is not trusted": every page run prints it, and the app's pages hold no outputs to trust."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not trusted" not in record.getMessage()


class OkrVoila(Voila):
    """Voilà with ``/`` going to the team chooser instead of listing the pages folder."""

    def init_handlers(self) -> list:
        return chooser_handlers(self.server_url) + super().init_handlers()

    def start(self) -> None:
        self.log.addFilter(_NoTrustNotice())  # the facilitator's terminal shows the links, not noise
        super().start()


main = OkrVoila.launch_instance

if __name__ == "__main__":
    main()
