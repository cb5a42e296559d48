"""One sync at a time per site: an advisory lock on `.translate/lock`, inside the real site."""

from __future__ import annotations

import fcntl
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import ConfigError, LockedError


def state_dir(root: Path) -> Path:
    """`<site>/.translate`, refused (ConfigError) when it is a symlink or not a folder: the
    lock and memory must live in the site itself, never where a link points."""
    path = root / ".translate"
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
        what = "a symlink" if stat.S_ISLNK(mode) else "not a folder"
        raise ConfigError(f"{path.name} is {what}", path=path,
                          hint="the tool's memory and lock must be a real folder in the site: replace it with one")
    return path


@contextmanager
def site_lock(root: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the site lock; a second writer gets `LockedError` at once, not a wait."""
    lock_dir = state_dir(root)
    path = lock_dir / "lock"
    try:
        lock_dir.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as err:
        raise ConfigError(f"cannot open the site lock: {err.strerror}", path=path,
                          hint="make the site folder writable (and .translate/lock a regular file)") from err
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError("the site lock is not a regular file", path=path, hint="delete it and run again")
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(
                "another `translate sync` is running on this site",
                path=path,
                hint="wait for it to finish, then run again",
            ) from None
        yield
    finally:
        os.close(fd)
