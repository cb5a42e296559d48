"""One sync at a time per site: an advisory lock on `.translate/lock`."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import LockedError


@contextmanager
def site_lock(root: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the site lock; a second writer gets `LockedError` at once, not a wait."""
    lock_dir = root / ".translate"
    lock_dir.mkdir(exist_ok=True)
    path = lock_dir / "lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
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
