"""Glossary lint: problems a maintainer must fix before the glossary can be trusted.

Errors (exit 1): unreadable files, bad language tags, empty source cells, a source term
listed twice (same or different target), a term no text can ever reach (a case variant of
an earlier row, markup characters), a forbidden variant equal to the target, bad booleans.
Warnings: a shorter term inside a longer one (the longer wins there), one-character
terms, a row without a term for some language, a site row overriding a built-in row (site
files come before built-ins, so the site's row wins).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import ConfigError
from ..problems import ERROR, WARNING, Problem
from .builtins import is_builtin, label
from .sheet import FORBIDDEN_PREFIX, Row, Sheet, auto_case_sensitive, parse_bool, read_sheet

MARKUP_CHARS = set("{}<>[]*_`|")


def _lint(path: Path, line: int, severity: str, message: str) -> Problem:
    return Problem("lint", message, severity, path=str(path), line=line)


def lint_glossary(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in these glossary files, sorted by file and line."""
    problems: list[Problem] = []
    sheets: list[Sheet] = []
    for path in paths:
        try:
            sheets.append(read_sheet(Path(path)))
        except ConfigError as exc:
            problems.append(_lint(Path(path), exc.line or 1, ERROR, exc.message))
    for sheet in sheets:
        problems += _header_problems(sheet)
        for row in sheet.rows:
            problems += _row_problems(sheet, row)
    problems += _duplicates(sheets)
    problems += _shadowed(sheets)
    order = {Path(p): i for i, p in enumerate(paths)}
    return sorted(problems, key=lambda p: (order.get(Path(p.path or ""), 0), p.line, p.severity, p.message))


def has_errors(problems: Sequence[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def _header_problems(sheet: Sheet) -> list[Problem]:
    out = [_lint(sheet.path, 1, ERROR, what) for what in sheet.header_problems]
    if len(sheet.langs) < 2:
        out.append(_lint(sheet.path, 1, ERROR,
                               "the header needs at least two language columns, e.g. zh-CN,en"))
    forbidden_langs = {lang for row in sheet.rows for lang in row.forbidden}
    for lang in sorted(forbidden_langs - set(sheet.langs)):
        out.append(_lint(sheet.path, 1, ERROR,
                               f"column {FORBIDDEN_PREFIX}{lang} has no {lang} column beside it"))
    return out


def _row_problems(sheet: Sheet, row: Row) -> list[Problem]:
    out: list[Problem] = []

    def add(severity: str, message: str) -> None:
        out.append(_lint(row.path, row.line, severity, message))

    if not sheet.langs:
        return out
    source_lang = sheet.langs[0]
    source = row.cells.get(source_lang, "")
    dnt = parse_bool(row.do_not_translate)
    for name, value in (("case_sensitive", row.case_sensitive), ("do_not_translate", row.do_not_translate)):
        if parse_bool(value) is None:
            add(ERROR, f"{name} is {value!r}; write true or false (or leave it empty)")
    if not source:
        add(ERROR, f"empty {source_lang} cell: every row needs its {source_lang} term")
    for lang in sheet.langs:
        cell = row.cells.get(lang, "")
        if lang != source_lang and not cell and not dnt:
            add(WARNING, f"empty {lang} cell: this row is skipped for {lang} "
                         "(or set do_not_translate)")
        if dnt and cell and source and lang != source_lang and cell != source:
            add(ERROR, f"do_not_translate keeps {source!r}, but the {lang} cell says {cell!r}")
        bad = sorted(set(cell) & MARKUP_CHARS)
        if bad:
            add(ERROR, f"{lang} term {cell!r} contains markup characters {''.join(bad)}: "
                       "it can never match, because markup is masked before matching")
    if source and len(source.strip()) == 1:
        add(WARNING, f"one-character term {source!r} matches inside unrelated words")
    for lang, variants in row.forbidden.items():
        wanted = row.cells.get(lang, "") or (source if dnt else "")
        for variant in variants:
            if variant == wanted:
                add(ERROR, f"{FORBIDDEN_PREFIX}{lang} forbids {variant!r}, the {lang} term itself")
            if set(variant) & MARKUP_CHARS:
                add(ERROR, f"forbidden variant {variant!r} contains markup characters")
    return out


def _case_sensitive(row: Row, term: str) -> bool:
    value = parse_bool(row.case_sensitive) if row.case_sensitive.strip() else None
    return auto_case_sensitive(term) if value is None else value


def _source_terms(sheets: Sequence[Sheet]) -> list[tuple[str, Row, str]]:
    """(source language, row, normalised source term) for every row with a source term."""
    out = []
    for sheet in sheets:
        if not sheet.langs:
            continue
        lang = sheet.langs[0]
        for row in sheet.rows:
            term = " ".join(row.cells.get(lang, "").split())
            if term:
                out.append((lang, row, term))
    return out


def _targets(row: Row, source_lang: str) -> dict[str, str]:
    return {lang: cell for lang, cell in row.cells.items() if lang != source_lang}


def _duplicates(sheets: Sequence[Sheet]) -> list[Problem]:
    out = []
    first_exact: dict[tuple[str, str], Row] = {}
    first_folded: dict[tuple[str, str], tuple[Row, str]] = {}
    for lang, row, term in _source_terms(sheets):
        earlier = first_exact.get((lang, term))
        if earlier is not None and is_builtin(row.path) and not is_builtin(earlier.path):
            out.append(_lint(earlier.path, earlier.line, WARNING, _override(term, row, lang)))
            continue
        if earlier is not None:
            if _targets(earlier, lang) == _targets(row, lang):
                what = f"duplicate of {term!r} at {earlier.path}:{earlier.line}"
            else:
                what = (f"{term!r} already has a row at {earlier.path}:{earlier.line} with "
                        "other targets: one source term, one translation")
            out.append(_lint(row.path, row.line, ERROR, what))
            continue
        first_exact[(lang, term)] = row
        folded = first_folded.get((lang, term.casefold()))
        if folded is not None:
            other, other_term = folded
            if not (_case_sensitive(other, other_term) and _case_sensitive(row, term)):
                out.append(_lint(
                    row.path, row.line, ERROR,
                    f"{term!r} is never matched: {other_term!r} at {other.path}:{other.line} "
                    "matches it first (mark both case_sensitive, or merge the rows)"))
        else:
            first_folded[(lang, term.casefold())] = (row, term)
    return out


def _override(term: str, builtin_row: Row, lang: str) -> str:
    """A site row for a term the built-in glossary also has: allowed, and said."""
    theirs = ", ".join(f"{v!r}" for v in _targets(builtin_row, lang).values() if v)
    return (f"{term!r} overrides the {label(builtin_row.path)} glossary's row (line {builtin_row.line}: {theirs}):"
            " the site's row wins")


def _shadowed(sheets: Sequence[Sheet]) -> list[Problem]:
    out = []
    terms = _source_terms(sheets)
    for lang, row, term in terms:
        key = term.casefold()
        longer = [f"{t!r} (line {r.line})" for lg, r, t in terms
                  if lg == lang and len(t) > len(term) and key in t.casefold()]
        if longer:
            shown = ", ".join(longer[:3]) + (f" and {len(longer) - 3} more" if len(longer) > 3 else "")
            out.append(_lint(row.path, row.line, WARNING,
                                   f"{term!r} also occurs inside {shown}; the longer term wins there"))
    return out
