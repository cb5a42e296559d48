"""Files at the rim: read once, written atomically, never outside the site."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable

from ..errors import PostError

TEMP_MARK = ".translate."  # `.<name>.translate.<random>.tmp`: a temp file only this tool makes
# and the names earlier versions made (`.<name>.<random>.tmp`) for the files it writes
_TEMP_NAME = re.compile(r"\..+(?:\.translate|\.(?:md|markdown|jsonl|json|pending))\.[a-z0-9_]{8}\.tmp")
ANY = object()  # `write_text_atomic(expected=ANY)`: whatever the file holds now may be replaced


def user_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/translate` (`~/.cache/translate`; a relative XDG value is ignored, as XDG says)."""
    cache = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(cache) if os.path.isabs(cache) else Path.home() / ".cache") / "translate"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_hash(text: str, length: int = 16) -> str:
    return sha256(text)[:length]


def bytes_sha256(data: bytes) -> str:
    """`sha256` of the text these UTF-8 bytes hold, without decoding them."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """`sha256` of the text a file holds, from its bytes: CRLF kept, nothing decoded."""
    return bytes_sha256(read_regular(path))


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a directory: never read nor written."""


class ChangedOnDisk(PostError):
    """The file no longer holds the bytes the run planned from (a person saved it meanwhile)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symlink"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def open_regular(path: str | Path) -> BinaryIO:
    """Open a file for reading without ever blocking: a FIFO or device is refused
    (`NotRegularFile`) after a non-blocking open, before a byte is read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"{_kind(mode)}, not a regular file", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | Path) -> bytes:
    """A regular file's bytes (`open_regular`)."""
    with open_regular(path) as handle:
        return handle.read()


def read_if_exists(path: str | Path) -> bytes | None:
    """`read_regular`, None when there is no file (a dangling symlink included)."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None


class ReadOnce:
    """The bytes of the files one post's processing looks at, each read at most once.

    Stages that need a file ask this instead of the disk, so a post whose source was
    hashed to see whether it changed is parsed from the same bytes, not read again. A
    file's first line can be had alone (a memory header); the rest is then read from the
    same open file only if asked for. Use it as a context manager, which closes those."""

    def __init__(self) -> None:
        self._data: dict[str, bytes | None] = {}  # by str(path): cheaper to hash than a Path
        self._started: dict[str, tuple[BinaryIO, bytes]] = {}  # open after their first line

    def __enter__(self) -> "ReadOnce":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._started:
            for handle, _ in self._started.values():
                handle.close()
            self._started.clear()

    def bytes(self, path: Path) -> bytes | None:
        """The file's bytes; None when it does not exist (other OSErrors are raised)."""
        key = str(path)
        started = self._started.pop(key, None)
        if started is not None:
            handle, line = started
            with handle:
                self._data[key] = line + handle.read()
        elif key not in self._data:
            self._data[key] = read_if_exists(key)
        return self._data[key]

    def first_line(self, path: Path) -> bytes | None:
        """The file's first line (with its newline); None when it does not exist."""
        key = str(path)
        if key in self._started:
            return self._started[key][1]
        if key not in self._data:
            try:
                handle = open_regular(key)  # closed by `bytes` or on exit
            except FileNotFoundError:
                self._data[key] = None
                return None
            self._started[key] = (handle, handle.readline())
            return self._started[key][1]
        data = self._data[key]
        return None if data is None else data.split(b"\n", 1)[0] + b"\n"

    def post_bytes(self, path: Path) -> bytes | None:
        """`bytes` for a post, whose read errors are the post's: a PostError at line 1."""
        try:
            return self.bytes(path)
        except OSError as err:
            raise PostError(f"cannot read the file: {err.strerror}", path=path, line=1,
                            hint="make it a readable regular file (not a FIFO, folder or looping symlink)") from err


def ensure_inside(root: Path, path: Path) -> Path:
    """`path` resolved, refusing anything (symlinks included) that leads outside `root`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise PostError(
            f"refusing to write {path}: it resolves to {resolved}, outside the site",
            path=path,
            hint="remove the symlink or move the file inside the site",
        )
    return resolved


def ensure_writable(root: Path, path: Path) -> Path:
    """`ensure_inside`, and `path` is a regular file or absent: a symlink (wherever it
    points, inside the site too), a FIFO, a device or a directory is never written through."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise PostError(f"refusing to write {path}: {err.strerror}", path=path, hint="check the path") from err
    if mode is not None and not stat.S_ISREG(mode):
        raise PostError(
            f"refusing to write {path}: it is {_kind(mode)}, not a regular file",
            path=path,
            hint="replace it with a regular file (or delete it) and run again",
        )
    return ensure_inside(root, path)


def write_text_atomic(
    path: Path, text: str, *, root: Path, unless_equal: bool = True, expected: object = ANY
) -> bool:
    """Write `text` to `path` via a temp file + os.replace; False when nothing changed.

    With `unless_equal=False` the caller already knows the file holds something else
    (it read it under the site lock), and the file is not read again to compare.
    `expected` (bytes, or None for "no file") is what the caller planned from: just before
    the rename the file is read again, and if a person saved it meanwhile nothing is
    written and `ChangedOnDisk` is raised, so their edit wins."""
    target = ensure_writable(root, path)
    data = text.encode("utf-8")
    if unless_equal and read_if_exists(target) == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, os.lstat(target).st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        if expected is not ANY and read_if_exists(target) != expected:
            raise ChangedOnDisk(
                "changed on disk while translate was working on it; left as it is",
                path=path, line=1, hint="run the command again: the new text is planned from",
            )
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_stale_temps(folders: Iterable[Path], *, recursive: bool = False) -> int:
    """Delete the temp files a killed run of this tool left in `folders` (only names it
    makes, only regular files); how many. Call it under the site's exclusive lock."""
    removed = 0
    for folder in folders:
        walk = os.walk(folder) if recursive else [(str(folder), (), _names(folder))]
        for dirpath, _, names in walk:
            for name in names:
                path = os.path.join(dirpath, name)
                if _TEMP_NAME.fullmatch(name) and stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
                    removed += 1
    return removed


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:  # gone, or not a folder: nothing of ours in it
        return []
