"""Files at the rim: read once, written atomically, never outside the site."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from ..errors import PostError


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_hash(text: str, length: int = 16) -> str:
    return sha256(text)[:length]


def bytes_sha256(data: bytes) -> str:
    """`sha256` of the text these UTF-8 bytes hold, without decoding them."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """`sha256` of the text a file holds, from its bytes: CRLF kept, nothing decoded."""
    return bytes_sha256(path.read_bytes())


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
            try:
                with open(key, "rb") as handle:
                    self._data[key] = handle.read()
            except FileNotFoundError:
                self._data[key] = None
        return self._data[key]

    def first_line(self, path: Path) -> bytes | None:
        """The file's first line (with its newline); None when it does not exist."""
        key = str(path)
        if key in self._started:
            return self._started[key][1]
        if key not in self._data:
            try:
                handle = open(key, "rb")  # noqa: SIM115 - closed by `bytes` or on exit
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
                            hint="check that it exists and is readable") from err


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


def write_text_atomic(path: Path, text: str, *, root: Path, unless_equal: bool = True) -> bool:
    """Write `text` to `path` via a temp file + os.replace; False when nothing changed.

    With `unless_equal=False` the caller already knows the file holds something else
    (it read it under the site lock), and the file is not read again to compare."""
    target = ensure_inside(root, path)
    data = text.encode("utf-8")
    if unless_equal:
        try:
            if target.read_bytes() == data:
                return False
        except FileNotFoundError:
            pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
