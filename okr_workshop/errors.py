"""Exceptions. Every message says where, what, and how to fix it, on one line."""

from __future__ import annotations


class OkrWorkshopError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 2


class ValidationError(OkrWorkshopError, ValueError):
    """A value given to the model is of the wrong type or out of range."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.problem = message
        super().__init__(f"{where}: {message}")


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
