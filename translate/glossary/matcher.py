"""Glossary: terms matched in masked text, and found again in translations.

The file format lives in `glossary.sheet`; `pipeline.protect` turns matches into TERM
placeholders and `checks.glossary` verifies translations against them.

Matching rules:
- longest match first, then leftmost; matches never overlap and never touch `{n}`;
- a term edge that is a Latin letter or digit needs a word boundary there (no Latin
  letter or digit beside it); CJK text has no boundaries to respect;
- case: `case_sensitive` true/false, empty means "auto": sensitive when the term has an
  upper-case letter after its first character (MSCI, DeepSeek), else insensitive;
- a space in a term matches any run of whitespace; `·` matches any middle-dot variant.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..markup.placeholders import PLACEHOLDER_RE
from ..markup.text import LATIN_WORD, is_word_char
from ..site.languages import Lang, parse_lang
from .sheet import Row, Sheet, auto_case_sensitive, parse_bool, read_sheet

if TYPE_CHECKING:
    from ..site.config import SiteConfig

MIDDLE_DOTS = "·•・‧∙"
_DOT_CLASS = "[" + re.escape(MIDDLE_DOTS) + "]"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
_DASH_CLASS = "[" + re.escape(_DASHES) + "]"
_NOT_WORD_BEFORE = f"(?<!{LATIN_WORD})"
_NOT_WORD_AFTER = f"(?!{LATIN_WORD})"


@dataclass(frozen=True)
class Term:
    """One concept row seen from a source→target pair."""

    source: str
    target: str
    note: str
    case_sensitive: bool
    do_not_translate: bool
    forbidden: tuple[str, ...]
    path: Path
    line: int

    def version(self) -> str:
        """Short hash of what the row means for a translation (not its note or place)."""
        key = "\x1f".join(
            [self.source, self.target, str(self.case_sensitive), str(self.do_not_translate)]
            + list(self.forbidden)
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class GlossaryMatch:
    start: int
    end: int
    term: Term


def pick_column(langs: Sequence[str], wanted: str) -> str | None:
    """The column for language `wanted`: the exact tag, else same language and script."""
    want = parse_lang(wanted)
    if want.tag in langs:
        return want.tag
    for tag in langs:
        if _close(parse_lang(tag), want):
            return tag
    return None


def _close(a: Lang, b: Lang) -> bool:
    la, lb = a.locale, b.locale
    return la.language == lb.language and (la.script == lb.script or not la.script or not lb.script)


def row_term(row: Row, source_col: str, target_col: str, target_lang: str) -> Term | None:
    """The row as a Term for one pair, or None when it has nothing to say for it."""
    source = row.cells.get(source_col, "")
    target = row.cells.get(target_col, "")
    dnt = bool(parse_bool(row.do_not_translate))
    if not source or (not target and not dnt):
        return None
    case = parse_bool(row.case_sensitive) if row.case_sensitive.strip() else None
    return Term(
        source=source,
        target=source if dnt and not target else target,
        note=row.note,
        case_sensitive=auto_case_sensitive(source) if case is None else case,
        do_not_translate=dnt,
        forbidden=row.forbidden.get(target_col, ()) or row.forbidden.get(target_lang, ()),
        path=row.path,
        line=row.line,
    )


@lru_cache(maxsize=8192)  # compiling dominates: verification asks for the same targets again
def term_pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    """Regex for a term or target: whitespace-tolerant, dot-tolerant, Latin boundaries."""
    core = " ".join(text.split())
    body = r"\s+".join(_literal(chunk) for chunk in core.split(" ")) if core else ""
    return re.compile(_bounded(core, body), 0 if case_sensitive else re.IGNORECASE)


def _literal(chars: str, *, any_dash: bool = False) -> str:
    """`chars` as a pattern: any middle dot for a middle dot (and with `any_dash`, any dash for a dash)."""
    return "".join(_DOT_CLASS if c in MIDDLE_DOTS else _DASH_CLASS if any_dash and c in _DASHES else re.escape(c)
                   for c in chars)


def _bounded(core: str, body: str) -> str:
    """`body` with a Latin word boundary at each edge of `core` that is a Latin letter or digit."""
    if core and is_word_char(core[0]):
        body = _NOT_WORD_BEFORE + body
    if core and is_word_char(core[-1]):
        body = body + _NOT_WORD_AFTER
    return body


def find_target(text: str, target: str) -> list[tuple[int, int]]:
    """Spans where `target` appears in a translation (`target_pattern`)."""
    return [m.span() for m in target_pattern(target).finditer(text)]


_FINAL_WORD = re.compile(r"(?<![A-Za-z])[a-z]{3,}$")  # a lower-case final word: inflected
_LAST_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{2,}$")  # ... its capitalised form too


@lru_cache(maxsize=4096)
def target_pattern(target: str) -> re.Pattern[str]:
    """Regex for a target in a translation: `term_pattern`'s rules, case-sensitive but for a
    first letter that may be capitalised; any dash for a dash (2023-2024, 2023–2024); and a
    final lower-case word in its regular English inflections (stock market/markets,
    start-ups/start-up, company/companies). A translation inflects a term to fit its
    sentence, and term checks (Xbench's, Verifika's) accept that; a capitalised final word
    (Goldman Sachs) is a name and matches only as written."""
    core = " ".join(target.split())
    inflect = bool(_FINAL_WORD.search(core))
    body = _target_body(core, inflect)
    capital = core[:1].upper() + core[1:]
    if capital != core:  # "stock market" opening a sentence
        body = f"(?:{body}|{_target_body(capital, inflect)})"
    return re.compile(_bounded(core, body))


def _target_body(core: str, inflect: bool) -> str:
    chunks = core.split(" ") if core else []
    parts = []
    for k, chunk in enumerate(chunks):
        final = _LAST_WORD.search(chunk) if inflect and k == len(chunks) - 1 else None
        body = _literal(chunk[: final.start()] if final else chunk, any_dash=True)
        if final:
            body += "(?:" + "|".join(re.escape(w) for w in _inflections(final.group())) + ")"
        parts.append(body)
    return r"\s+".join(parts)


def _inflections(word: str) -> list[str]:
    """An English word and its regular plural or singular, longest first."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith(("ses", "xes", "zes", "ches", "shes")):
        forms.add(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.add(word[:-1])
    elif not word.endswith("s"):
        forms.add(word + ("es" if word.endswith(("x", "z", "ch", "sh")) else "s"))
        if word.endswith("y") and word[-2] not in "aeiou":
            forms.add(word[:-1] + "ies")
    return sorted(forms, key=lambda w: (-len(w), w))


@dataclass
class _Matcher:
    """Compiled patterns for one language pair."""

    terms: tuple[Term, ...]
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    by_first: dict[str, list[int]] = field(default_factory=dict)
    any_start: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        firsts: set[str] = set()
        for index, term in enumerate(self.terms):
            self.patterns.append(term_pattern(term.source, term.case_sensitive))
            for first in _first_keys(term.source.strip()[0]):
                self.by_first.setdefault(first, []).append(index)
                firsts.add(first)
        if firsts:
            cls = "".join(re.escape(c) for c in sorted(firsts))
            self.any_start = re.compile(f"[{cls}]")

    def candidates(self, text: str) -> Iterable[tuple[int, GlossaryMatch]]:
        """(row order, match) for every term matching at any position."""
        if self.any_start is None:
            return
        for hit in self.any_start.finditer(text):
            pos = hit.start()
            for index in self.by_first.get(text[pos], ()):
                m = self.patterns[index].match(text, pos)
                if m:
                    yield index, GlossaryMatch(m.start(), m.end(), self.terms[index])


def _first_keys(char: str) -> set[str]:
    if char in MIDDLE_DOTS:
        return set(MIDDLE_DOTS)
    return {char, char.lower(), char.upper()}


class Glossary:
    """Every loaded glossary file; terms and matchers per language pair, cached."""

    def __init__(self, sheets: Sequence[Sheet]) -> None:
        self.sheets = tuple(sheets)
        digest = hashlib.sha256()
        for sheet in self.sheets:
            digest.update(hashlib.sha256(sheet.content).digest())
        self.version: str = digest.hexdigest()[:12]
        self._matchers: dict[tuple[str, str], _Matcher] = {}

    def terms(self, source: str, target: str) -> tuple[Term, ...]:
        """Terms for a pair in file and row order; a source form seen twice keeps its first row."""
        return self._matcher(source, target).terms

    def match(self, text: str, source: str, target: str) -> list[GlossaryMatch]:
        """Non-overlapping matches in text order, the longest chosen first."""
        blocked = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
        chosen: list[GlossaryMatch] = []
        taken = bytearray(len(text))
        for start, end in blocked:
            taken[start:end] = b"\x01" * (end - start)
        # Longest first; then leftmost; then the earlier row (a case variant, a later file).
        found = sorted(self._matcher(source, target).candidates(text),
                       key=lambda c: (c[1].start - c[1].end, c[1].start, c[0]))
        for _, m in found:
            if not any(taken[m.start : m.end]):
                taken[m.start : m.end] = b"\x01" * (m.end - m.start)
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def _matcher(self, source: str, target: str) -> _Matcher:
        key = (parse_lang(source).tag, parse_lang(target).tag)
        if key not in self._matchers:
            terms: list[Term] = []
            seen: set[str] = set()
            for sheet in self.sheets:
                source_col = pick_column(sheet.langs, key[0])
                target_col = pick_column(sheet.langs, key[1])
                if source_col is None or target_col is None:
                    continue
                for row in sheet.rows:
                    term = row_term(row, source_col, target_col, key[1])
                    fold = term and " ".join(term.source.split())
                    if term and fold not in seen:
                        seen.add(fold)
                        terms.append(term)
            self._matchers[key] = _Matcher(tuple(terms))
        return self._matchers[key]


def terms_version(matches: Iterable[GlossaryMatch]) -> str:
    """Hash of the versions of the matched terms ("" for none): a block's translation depends
    on the glossary only through the terms it holds, so it changes only when they do."""
    versions = sorted({m.term.version() for m in matches})
    return hashlib.sha256("\n".join(versions).encode("utf-8")).hexdigest()[:12] if versions else ""


def load_glossary(paths: Sequence[Path]) -> Glossary:
    """Read glossary files; ConfigError (`file:line: …`) on one that cannot be read."""
    return Glossary([read_sheet(Path(p)) for p in paths])


def site_glossary(config: "SiteConfig") -> Glossary | None:
    """The glossary the site's configuration names, or None when it names no files."""
    return load_glossary(config.glossary_paths) if config.glossary_paths else None
