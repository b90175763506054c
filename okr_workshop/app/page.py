"""What the app notebooks show, computed inside each Voilà kernel.

Voilà hands the page's query string to the kernel as ``QUERY_STRING``; the
workshop (a path or a ``postgresql://`` URL) comes from ``OKR_WORKSHOP``, set by ``okr-workshop app``. A team
page shows that team's drafting form, the facilitator page shows the board.
Anything else (no team, an unknown team, an unreadable file) is a short,
friendly page in the workshop's language: never a traceback. Team names are
participant text: they reach HTML only escaped.
"""

from __future__ import annotations

import dataclasses
import html
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode

from ..errors import OkrWorkshopError, one_line
from ..i18n import LANGS, N_, gettext
from ..storage.postgres import is_url
from .launch import WORKSHOP_ENV, read_secret, team_token

MAX_PARAM = 200  # longer query values are cut: nobody types a 200-character team name
# A team page shows its first objective whole and the others as title and summary until opened:
# ten teams opening their pages at once wait for every widget of every page (docs/app.md).
EXPANDED = 1

APP_TEXTS = (N_("app.no_server"), N_("app.unreadable"), N_("app.choose"), N_("app.intro"), N_("app.unknown"),
             N_("app.no_teams"), N_("app.links"))  # fmt: skip


def _t(lang: str, key: str, **fields: str) -> str:
    """One text of the app's pages (the catalogue's ``app.<key>``); the texts hold HTML, fields come escaped."""
    return gettext(lang, f"app.{key}", **fields)


@dataclasses.dataclass(frozen=True)
class AppRequest:
    """One page request as the kernel sees it.

    workshop: the workshop file or ``postgresql://`` URL (without a password), None when the page
    runs outside ``okr-workshop app``;
    team: the team asked for in the query string (stripped, None when absent);
    lang: 'sv' or 'en' when the query string asks for one, else None (the workshop's language).
    """

    workshop: Path | str | None
    team: str | None
    lang: str | None


def parse_request(env: Mapping[str, str] | None = None) -> AppRequest:
    """Read the workshop path and the query string (``team``, ``lang``) from the kernel's environment."""
    env = os.environ if env is None else env
    query = parse_qs(env.get("QUERY_STRING", ""), keep_blank_values=True)

    def first(name: str) -> str | None:
        values = [v.strip() for v in query.get(name, []) if v.strip()]
        return values[0][:MAX_PARAM] if values else None

    lang = first("lang")
    path = env.get(WORKSHOP_ENV)
    where = (path if is_url(path) else Path(path)) if path else None  # Path() would fold a URL's "//"
    return AppRequest(where, first("team"), lang if lang in LANGS else None)


def _message(html_text: str, kind: str):
    import ipywidgets as w

    return w.HTML(f'<div class="okr-app-message okr-app-{kind}">{html_text}</div>')


def _both(key: str, **fields: str) -> str:
    return "<br>".join(f'<span lang="{lang}">{_t(lang, key, **fields)}</span>' for lang in ("sv", "en"))


def _chooser_head(ws, lang: str) -> str:
    """The start page's heading: organisation and period (escaped), and one sentence on what to do."""
    title = html.escape(" · ".join(part for part in (ws.organisation.strip(), ws.period.label.strip()) if part))
    heading = f'<h3 class="okr-app-heading" style="margin:4px 0">{title}</h3>' if title else ""
    return f"{heading}<p>{_t(lang, 'intro')}</p>"


def _secret(workshop: Path | str | None) -> str | None:
    """The workshop's app secret (for the teams' links), None when there is none or it is refused."""
    try:
        return read_secret(workshop) if workshop is not None else None
    except OkrWorkshopError:
        return None


def _team_links(teams: list, lang: str, keep_lang: bool = False, secret: str | None = None) -> str:
    """The teams' links, each with the team's own token; ``keep_lang``: they carry ``lang=``.

    Only the facilitator reaches a page that lists them (the chooser and the board need the
    facilitator's token), so the list is how the facilitator hands out the links.
    """
    extra = {"lang": lang} if keep_lang else {}

    def query(team) -> str:
        token = {"token": team_token(secret, team.id)} if secret else {}
        return urlencode({"team": team.name, **extra, **token}, quote_via=quote)

    items = "".join(
        f'<li><a href="participant.ipynb?{html.escape(query(team))}">{html.escape(team.name)}</a></li>'
        for team in teams
    )
    return f'<ul class="okr-team-links">{items}</ul>' if items else f"<p>{_t(lang, 'no_teams')}</p>"


def _load(request: AppRequest):
    """(workshop, None) or (None, an error page)."""
    from ..storage.store import load

    if request.workshop is None:
        return None, _message(_both("no_server"), "error")
    try:
        return load(request.workshop), None
    except OkrWorkshopError as err:
        return None, _message(_both("unreadable", error=html.escape(one_line(err))), "error")


def participant_page(env: Mapping[str, str] | None = None):
    """The widget a team's link shows: its drafting form, or a friendly page to pick a team."""
    request = parse_request(env)
    ws, error = _load(request)
    if error is not None:
        return error
    lang = request.lang or ws.lang
    secret = _secret(request.workshop)
    if request.team is None:
        links = _team_links(ws.teams, lang, request.lang is not None, secret)
        return _message(f"{_chooser_head(ws, lang)}<p>{_t(lang, 'choose')}</p>{links}", "choose")
    try:
        team = ws.team(request.team)
    except OkrWorkshopError:
        unknown = _t(lang, "unknown", team=html.escape(request.team))
        return _message(
            f"<p>{unknown}</p><p>{_t(lang, 'choose')}</p>"
            f"{_team_links(ws.teams, lang, request.lang is not None, secret)}",
            "unknown",
        )
    from ..widgets import drafting_form

    form = drafting_form(request.workshop, team.id, lang=lang, expanded=EXPANDED)
    return _with_day(form, form.store, team=team.id, lang=lang)


def _with_day(page, store, *, team: str | None, lang: str):
    """When the facilitator has set an agenda for the day, the day's page (or cockpit) goes above ``page``.

    The day's widget shares ``store``, the connection the page already holds: one connection
    per page is enough, and its polling serves both.
    """
    import ipywidgets as w

    from ..day import Day

    if not Day(store).agenda().steps:
        return page
    if team is None:
        from ..widgets.cockpit import Cockpit

        top = Cockpit(store, lang=lang)
    else:
        from ..widgets.participant import ParticipantPage

        top = ParticipantPage(store, team, lang=lang)
    top.follower.start()  # the facilitator's steps and the others' saves show up by themselves
    return w.VBox([top, page])


def facilitator_page(env: Mapping[str, str] | None = None):
    """The facilitator's page: the board of every team's drafts (refreshing itself), and the team links."""
    import ipywidgets as w

    request = parse_request(env)
    ws, error = _load(request)
    if error is not None:
        return error
    lang = request.lang or ws.lang
    from ..widgets import board as make_board

    board = make_board(request.workshop, lang=lang)
    board.start_auto_refresh()  # the teams' saves show up without pressing Refresh
    links = _message(f"<details><summary>{_t(lang, 'links')}</summary>"
                     f"{_team_links(ws.teams, lang, request.lang is not None, _secret(request.workshop))}</details>",
                     "links")  # fmt: skip
    return _with_day(w.VBox([board, links]), board.store, team=None, lang=lang)
