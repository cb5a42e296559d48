"""A post as front matter plus body, read and written back byte for byte.

Front matter is found the way Hugo finds it: `---` (YAML) or `+++` (TOML) on the first
line up to the next such line, or a JSON object starting at the first byte. Detection goes
through python-frontmatter's handler protocol with round-trip handlers plugged in; the
codecs (`yaml_codec`, `toml_codec`, `json_codec`, each module's `CODEC`) change only the
keys that are set. A UTF-8
BOM and CRLF line endings are kept. Keys are matched as Hugo does: exactly, or else
ignoring case.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
from frontmatter.default_handlers import BaseHandler

from ..errors import PostError
from . import json_codec, toml_codec, yaml_codec
from .codec import Codec, FMSyntaxError

__all__ = ["Document", "FrontMatter", "parse_document", "decode", "read_document", "render_document"]

BOM = "\ufeff"
CODECS: dict[str, Codec] = {codec.name: codec for codec in (yaml_codec.CODEC, toml_codec.CODEC, json_codec.CODEC)}


class _DelimitedHandler(BaseHandler):
    """Front matter between two delimiter lines; `split` keeps every byte."""

    FORMAT = ""
    DELIMITER = ""

    def split_exact(self, text: str) -> tuple[str, str, str, str]:
        """(opening line, front matter, closing line, body); ValueError if never closed."""
        opening = self.FM_BOUNDARY.match(text)
        assert opening is not None
        closing = re.compile(rf"^{re.escape(self.DELIMITER)}[ \t]*(?:\r?\n|\Z)", re.M)
        end = closing.search(text, opening.end())
        if end is None:
            raise ValueError(f"no closing {self.DELIMITER}")
        return opening.group(), text[opening.end():end.start()], end.group(), text[end.end():]

    def split(self, text: str) -> tuple[str, str]:
        _, inner, _, body = self.split_exact(text)
        return inner, body

    def load(self, fm: str) -> Any:
        return CODECS[self.FORMAT].load(fm)


class YAMLRoundTripHandler(_DelimitedHandler):
    FM_BOUNDARY = re.compile(r"---[ \t]*(?:\r?\n|\Z)")
    START_DELIMITER = END_DELIMITER = DELIMITER = "---"
    FORMAT = "yaml"


class TOMLRoundTripHandler(_DelimitedHandler):
    FM_BOUNDARY = re.compile(r"\+\+\+[ \t]*(?:\r?\n|\Z)")
    START_DELIMITER = END_DELIMITER = DELIMITER = "+++"
    FORMAT = "toml"


class JSONRoundTripHandler(BaseHandler):
    """A JSON object at the very start; `{{` is a shortcode, not front matter."""

    FM_BOUNDARY = re.compile(r"\{(?!\{)")
    START_DELIMITER = END_DELIMITER = ""
    FORMAT = "json"

    def split_exact(self, text: str) -> tuple[str, str, str, str]:
        end = json_codec.end_of_object(text)
        newline = re.compile(r"[ \t]*(?:\r?\n|\Z)").match(text, end)
        tail = newline.group() if newline else ""
        return "", text[:end], tail, text[end + len(tail):]

    def split(self, text: str) -> tuple[str, str]:
        _, inner, _, body = self.split_exact(text)
        return inner, body

    def load(self, fm: str) -> Any:
        return json_codec.load(fm)


HANDLERS: list[BaseHandler] = [YAMLRoundTripHandler(), TOMLRoundTripHandler(), JSONRoundTripHandler()]


def _crlf_only(text: str) -> bool:
    return "\r\n" in text and text.count("\n") == text.count("\r\n")


class FrontMatter:
    """A post's front matter: plain values to read, and edits that touch only their key."""

    def __init__(self, format: str | None, opening: str = "", inner: str = "", closing: str = "",
                 *, path: Path | None = None) -> None:
        self.format = format
        self.path = path
        # CRLF front matter is edited as LF and converted back on dump, so new lines match.
        self._newline = "\r\n" if _crlf_only(opening + inner + closing) else "\n"
        if self._newline == "\r\n":
            opening, inner, closing = (part.replace("\r\n", "\n") for part in (opening, inner, closing))
        self._opening, self._inner, self._closing = opening, inner, closing
        self._first = opening.count("\n") + 1  # file line of the codec text's line 1
        self.root_type = "mapping"
        self._data: dict[Any, Any] = {}
        if format is not None:
            self._data = self._load(self._inner, parsing=True)

    def _load(self, inner: str, parsing: bool) -> dict[Any, Any]:
        try:
            data = self._codec.load(inner)
        except FMSyntaxError as err:
            line = self._first + err.line - 1
            if parsing:
                raise PostError(f"front matter is not valid {self.format.upper()}: {err.problem}",
                                path=self.path, line=line, hint=self._codec.syntax_hint) from err
            raise self._bug("the edited front matter does not parse") from err
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.root_type = type(data).__name__
            return {}
        return data

    @property
    def _codec(self) -> Codec:
        return CODECS[self.format or ""]

    def _bug(self, what: str) -> PostError:
        return PostError(what, path=self.path, line=1,
                         hint="this is a bug in translate; please report it with the post")

    def _resolve(self, key: str) -> str | None:
        if key in self._data:
            return key
        folded = [k for k in self._data if isinstance(k, str) and k.lower() == key.lower()]
        return folded[0] if folded else None

    def get(self, key: str, default: Any = None) -> Any:
        """The plain value of `key` (a copy), or `default`."""
        real = self._resolve(key)
        return copy.deepcopy(self._data[real]) if real is not None else default

    def __contains__(self, key: str) -> bool:
        return self._resolve(key) is not None

    def keys(self) -> list[str]:
        """Top-level keys in file order."""
        return list(self._data)

    def as_dict(self) -> dict[str, Any]:
        """All values, plain and copied."""
        return copy.deepcopy(self._data)

    def set(self, key: str, value: Any) -> None:
        """Set a top-level key; a no-op if equal. A str set into a list-valued key becomes [str]."""
        self.update({key: value})

    def update(self, values: dict[str, Any]) -> None:
        """Set several top-level keys as `set` does, in one edit verified by one parse."""
        changes: dict[str, Any] = {}
        for key, value in values.items():
            value = _normalise(value)
            real = self._resolve(key)
            if real is not None:
                if isinstance(value, str) and isinstance(self._data[real], list):
                    value = [value]  # `lang: [zh-CN]` stays a list: the style the source chose
                if self._data[real] == value:
                    continue
            changes[real if real is not None else key] = value
        if not changes:
            return
        if self.root_type != "mapping":
            raise PostError(f"front matter is a {self.root_type}, not a mapping of keys", path=self.path,
                            line=self._first, hint="write the front matter as `key: value` lines")
        if self.format is None:
            self.format, self._opening, self._closing, self._first = "yaml", "---\n", "---\n", 2
        try:
            inner = self._codec.set_keys(self._inner, changes)
        except (ValueError, TypeError) as err:
            raise self._bug(f"cannot write front matter {_names(changes)}: {err}") from err
        self._commit(inner, changes)

    def _commit(self, inner: str, changes: dict[str, Any]) -> None:
        """Take the edited text only if it reads back as the old values with exactly `changes` applied."""
        data = self._load(inner, parsing=False)
        others = {k: v for k, v in data.items() if k not in changes}
        expected = {k: v for k, v in self._data.items() if k not in changes}
        if others != expected or any(data.get(k, _ABSENT) != v for k, v in changes.items()):
            raise self._bug(f"editing front matter {_names(changes)} changed other values")
        self._inner, self._data = inner, data

    def line_of(self, key: str) -> int:
        """1-based file line of `key` (the opening line when absent)."""
        real = self._resolve(key)
        if real is None or self.format is None:
            return 1
        line = self._codec.key_line(self._inner, real)
        return self._first + line - 1 if line else 1

    def quirks(self) -> list[tuple[int, str, str]]:
        """(file line, problem, hint) for what this tool reads but Hugo would reject."""
        if self.format is None:
            return []
        return [(self._first + line - 1, problem, hint) for line, problem, hint in self._codec.quirks(self._inner)]

    def repeated_keys(self) -> list[tuple[str, int, int]]:
        """(key, file line of its first copy, of its last) for YAML keys given twice (the last wins)."""
        if self.format != "yaml":
            return []
        return [(key, self._first + a - 1, self._first + b - 1) for key, a, b in yaml_codec.repeated_keys(self._inner)]

    def dump(self) -> str:
        """The whole front matter with its delimiters, as it goes into the file."""
        if self.format is None:
            return ""
        text = self._opening + self._inner + self._closing
        return text.replace("\n", self._newline) if self._newline != "\n" else text


_ABSENT = object()


def _names(changes: dict[str, Any]) -> str:
    return ("key " if len(changes) == 1 else "keys ") + ", ".join(map(repr, changes))


def _normalise(value: Any) -> Any:
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if value is None or not isinstance(value, (str, bool, int, float)):
        raise TypeError(f"front matter values are str, bool, int, float, list or dict, not {value!r}")
    return value


@dataclass
class Document:
    """A post: its front matter, and its body from `body_line` on."""

    path: Path
    format: str | None  # "yaml" | "toml" | "json" | None; front_matter.format is the live one
    front_matter: FrontMatter
    body: str
    body_line: int
    bom: bool = False


def parse_document(text: str, path: Path) -> Document:
    """Split `text` into front matter and body; PostError says where and what to fix."""
    path = Path(path)
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if not text.strip():
        raise PostError("empty file", path=path, line=1, hint="nothing to translate")
    handler = frontmatter.detect_format(text, HANDLERS)
    if handler is None:
        return Document(path, None, FrontMatter(None, path=path), text, 1, bom)
    fmt = handler.FORMAT
    try:
        opening, inner, closing, body = handler.split_exact(text)
    except ValueError:
        raise PostError(f"front matter opened with {handler.START_DELIMITER} on line 1 is never closed",
                        path=path, line=1,
                        hint=f"add a line with only {handler.START_DELIMITER} after the last key") from None
    except FMSyntaxError as err:
        raise PostError(f"front matter is not valid JSON: {err.problem}", path=path, line=err.line,
                        hint=json_codec.CODEC.syntax_hint) from err
    fm = FrontMatter(fmt, opening, inner, closing, path=path)
    body_line = (opening + inner + closing).count("\n") + 1
    return Document(path, fmt, fm, body, body_line, bom)


def copy_document(doc: Document, path: Path | None = None) -> Document:
    """An independent copy of `doc` (edits to one never reach the other), as the file at `path` if given."""
    twin = copy.deepcopy(doc)
    if path is not None:
        twin.path = twin.front_matter.path = Path(path)
    return twin


def read_document(path: Path) -> Document:
    """Read and parse a post; an unreadable file or non-UTF-8 bytes are a PostError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PostError(f"cannot read the file: {err.strerror}", path=path, line=1,
                        hint="check that it exists and is readable") from err
    return parse_document(decode(data, path), path)


def decode(data: bytes, path: Path) -> str:
    """A post's bytes as text (CRLF kept); non-UTF-8 bytes are a PostError at their line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise PostError(f"not UTF-8: byte 0x{data[err.start]:02x} at column {column}", path=path,
                        line=line, hint="re-save the file as UTF-8") from None


def render_document(doc: Document) -> str:
    """The file text: identical to what was read when nothing was set."""
    return (BOM if doc.bom else "") + doc.front_matter.dump() + doc.body


