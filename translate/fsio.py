"""File writes at the rim: atomic, only when the text changes, never outside the site."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .errors import PostError


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_hash(text: str, length: int = 16) -> str:
    return sha256(text)[:length]


def file_sha256(path: Path) -> str:
    """`sha256` of the text a file holds, from its bytes: CRLF kept, nothing decoded."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def write_text_atomic(path: Path, text: str, *, root: Path) -> bool:
    """Write `text` to `path` via a temp file + os.replace; False when nothing changed."""
    target = ensure_inside(root, path)
    data = text.encode("utf-8")
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
