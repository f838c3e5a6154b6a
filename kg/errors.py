"""Named exceptions: callers catch classes, never match message strings."""
from __future__ import annotations

__all__ = ["KgError", "InputError", "UnknownFormatError", "NotFoundError", "BuildError"]


class KgError(Exception):
    """Base class of every error kg raises on purpose; the CLI turns it into exit code 2."""

    exit_code = 2


class InputError(KgError):
    """Bad input: names the file and, where there is one, the line."""

    def __init__(self, path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = message
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}")


class UnknownFormatError(InputError):
    """No reader recognises the file's content."""


class NotFoundError(KgError):
    """A name or node the user asked for is not in the graph."""

    def __init__(self, message: str, suggestions=()):
        self.suggestions = list(suggestions)
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions)
        super().__init__(message)


class BuildError(KgError):
    """A build directory is missing or unreadable."""
