"""The one error type users see: `path:line: what happened — what to do`."""

from __future__ import annotations

from pathlib import Path


class TranslateError(Exception):
    """An error a user can act on. `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line or 1}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class PostError(TranslateError):
    """One post cannot be processed; the run goes on with the others."""

    exit_code = 1


class ConfigError(TranslateError):
    """The site or tool configuration is unusable; nothing is written."""

    exit_code = 2


class UsageError(TranslateError):
    """The command line asks for something impossible."""

    exit_code = 2


class ModelMissingError(ConfigError):
    """No installed model translates the requested language pair."""


class LockedError(TranslateError):
    """Another run holds the site lock."""

    exit_code = 2
