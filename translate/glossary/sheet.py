"""Glossary files on disk: CSV, a header row of language tags, one concept per row.

Columns: one per language tag (`zh-CN,en,…`, any spelling `parse_lang` reads), plus the
optional `note`, `case_sensitive` (true/false; empty: auto), `do_not_translate` (keep the
source form) and `forbidden_<lang>` (`;`-separated variants that must not appear). This
module only reads; `glossary.matcher` matches and `glossary.lint` judges.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..site.languages import parse_lang

META_COLUMNS = ("note", "case_sensitive", "do_not_translate")
FORBIDDEN_PREFIX = "forbidden_"
TRUE_WORDS = {"1", "true", "yes", "y", "x"}
FALSE_WORDS = {"", "0", "false", "no", "n"}


def parse_bool(text: str) -> bool | None:
    """`true`/`false`-style cell → bool; None when the cell is not a boolean."""
    value = text.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    return None


def auto_case_sensitive(term: str) -> bool:
    """Auto case rule: MSCI and DeepSeek are case-sensitive, Fed and hedge fund are not."""
    return any(c.isupper() for c in term[1:])


def split_variants(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(";") if v.strip())


@dataclass(frozen=True)
class Row:
    """One CSV row as written: cells by canonical language tag, plus the optional columns."""

    cells: dict[str, str]
    note: str
    case_sensitive: str
    do_not_translate: str
    forbidden: dict[str, tuple[str, ...]]
    path: Path
    line: int


@dataclass(frozen=True)
class Sheet:
    """One parsed glossary file: its language columns in order and its rows."""

    path: Path
    langs: tuple[str, ...]
    rows: tuple[Row, ...]
    content: bytes
    header_problems: tuple[str, ...] = ()


def read_sheet(path: Path) -> Sheet:
    """Parse one glossary file; raises ConfigError only when it cannot be read at all.

    Header columns that are not understood are listed in `header_problems` and ignored.
    """
    try:
        content = path.read_bytes()
        text = content.decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(
            f"cannot read glossary: {exc.strerror or exc}", path=path, line=1,
            hint="check the path in translate.toml or on the command line",
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"glossary is not UTF-8 ({exc.reason})", path=path, line=1,
            hint="save the file as UTF-8 CSV",
        ) from None
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(c.strip() for c in records[0]):
        raise ConfigError(
            "glossary has no header row", path=path, line=1,
            hint="start the file with a row of language tags, e.g. zh-CN,en,note",
        )
    columns: list[tuple[str, str | None]] = []  # (kind, lang tag) per column
    problems: list[str] = []
    seen_langs: set[str] = set()
    for raw in records[0]:
        name = raw.strip()
        lowered = name.lower()
        if lowered in META_COLUMNS:
            columns.append((lowered, None))
            continue
        kind = "lang"
        if lowered.startswith(FORBIDDEN_PREFIX):
            kind, name = "forbidden", name[len(FORBIDDEN_PREFIX):]
        try:
            tag = parse_lang(name).tag
        except ConfigError:
            problems.append(f"column {raw!r} is neither a language tag nor one of "
                            f"{', '.join(META_COLUMNS)}, forbidden_<lang>")
            columns.append(("ignored", None))
            continue
        if kind == "lang" and tag in seen_langs:
            problems.append(f"language {tag} has two columns")
            columns.append(("ignored", None))
            continue
        if kind == "lang":
            seen_langs.add(tag)
        columns.append((kind, tag))
    langs = tuple(tag for kind, tag in columns if kind == "lang" and tag)
    rows = []
    # csv.reader does not report physical lines; quoted cells may span lines, so count.
    line_of = _record_lines(text)
    for index, record in enumerate(records[1:], start=1):
        if not any(c.strip() for c in record):
            continue
        cells: dict[str, str] = {}
        meta = {name: "" for name in META_COLUMNS}
        forbidden: dict[str, tuple[str, ...]] = {}
        for (kind, tag), value in zip(columns, record):
            if kind == "lang" and tag:
                cells[tag] = value.strip()
            elif kind == "forbidden" and tag:
                forbidden[tag] = split_variants(value)
            elif kind in meta:
                meta[kind] = value.strip()
        rows.append(Row(cells, meta["note"], meta["case_sensitive"], meta["do_not_translate"],
                        forbidden, path, line_of[index]))
    return Sheet(path, langs, tuple(rows), content, tuple(problems))


def _record_lines(text: str) -> list[int]:
    """1-based starting line of each CSV record."""
    lines = []
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            next(reader)
        except StopIteration:
            return lines
        lines.append(start)
        start = reader.line_num + 1
