"""Exceptions. Every message says where, what, and how to fix it, on one line."""

from __future__ import annotations


class OkrWorkshopError(Exception):
    """Root of every error this package raises on purpose.

    ``str(err)`` is the English message. An error raised with a ``code`` (a msgid under ``error.``
    in the translation catalogue) and its ``params`` can also be shown in the reader's language:
    ``err.render("sv")``. Without a code, ``render`` gives the English message.
    """

    exit_code = 2
    code: str | None = None
    params: dict[str, object] = {}  # noqa: RUF012 (read-only default; set per instance by ``coded``)

    def coded(self, code: str, **params: object):
        """This error, with its catalogue code and parameters (returns ``self``, to raise it)."""
        self.code, self.params = code, params
        return self

    def render(self, lang: str) -> str:
        """The message in ``lang`` (sv or en), from the catalogue when the error has a code."""
        if self.code is None or lang not in ("sv", "en"):
            return str(self)
        from .i18n.errors import render

        return render(self.code, self.params, lang)


class ValidationError(OkrWorkshopError, ValueError):
    """A value given to the model is of the wrong type or out of range.

    ``where`` names the field (in English, "key result target"), ``problem`` says what is wrong
    and how to fix it (in English); ``code`` and ``params`` render both in another language.
    """

    def __init__(self, where: str, message: str, *, code: str | None = None, params: dict | None = None):
        self.where = where
        self.problem = message
        if code is not None:
            self.code, self.params = code, dict(params or {})
        super().__init__(f"{where}: {message}")

    def render_problem(self, lang: str) -> str:
        """``problem`` in ``lang``: from the catalogue when the error has a code, else the English text."""
        if self.code is None or lang not in ("sv", "en"):
            return self.problem
        from .i18n.errors import render

        return render(self.code, self.params, lang)

    def render_where(self, lang: str) -> str:
        """``where`` in ``lang``: a field the catalogue knows (``error.field.*``), else as it is."""
        if lang not in ("sv", "en"):
            return self.where
        from .i18n.errors import field_name

        return field_name(self.where, lang)

    def render(self, lang: str) -> str:
        """``where: problem`` in ``lang``; an error without a code stays wholly English (never half and half)."""
        if self.code is None:
            return str(self)
        return f"{self.render_where(lang)}: {self.render_problem(lang)}"

    def within(self, where: str) -> ValidationError:
        """The same error, its field named inside ``where`` ("teams[0], key result target")."""
        return ValidationError(f"{where}, {self.where}", self.problem, code=self.code, params=self.params)


class NotFoundError(OkrWorkshopError, KeyError):
    """An id, team or sample that was asked for does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class WorkshopFileError(OkrWorkshopError):
    """A workshop file is missing, unreadable, not a workshop, corrupt or too new."""


class WorkbookError(OkrWorkshopError):
    """An Excel workbook cannot be read, or its contents fail validation."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)


class MissingDependencyError(OkrWorkshopError, ImportError):
    """An optional program or package needed for this feature is not installed."""


def one_line(text: object) -> str:
    """Collapse an error message to a single line for the command line."""
    return " ".join(str(text).split())


class ConflictError(OkrWorkshopError):
    """A save would undo changes someone else made since this copy of the workshop was read."""


class DeletedElsewhereError(NotFoundError):
    """The object to save was deleted by someone else since this copy was read; it is not put back."""
