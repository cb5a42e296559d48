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
        from .problems import printable  # (problems imports nothing from here)

        return printable(text)  # one line, whatever a file name holds


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


def as_post_error(error: Exception, path: str | Path) -> TranslateError:
    """Any exception met while handling the post at `path`, as that post's error: the one
    shape every per-post boundary (sync, status, check, review) reports."""
    if isinstance(error, TranslateError):
        if error.path is None:
            error.path = Path(path)
        return error
    if isinstance(error, OSError):
        return PostError(error.strerror or str(error), path=error.filename or path, line=1,
                         hint="check that the file and its folder exist and are readable and writable")
    return PostError(f"unexpected {type(error).__name__}: {error}", path=path, line=1,
                     hint="this is a bug in translate; the other posts went on — please report it with this post")
