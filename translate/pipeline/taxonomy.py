"""Taxonomy terms (`tags`, `categories`, `series`, `authors`, Hugo's `taxonomies`): one table.

A term is translated once per target (the glossary first, then the engine, in one batch for
the run), kept in `.translate/taxonomy/<lang>.json` and reused by every post, so one Chinese
tag is always the same English tag (and the same `/en/tags/…/` page). A term already in the
table is never translated again (a person may edit it; a term removed from it is translated
anew); `taxonomies = false` in translate.toml turns this off.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import ConfigError
from ..markup.inline import is_translatable, mask_inline
from ..markup.text import CJK_LETTER, is_cjk_language
from ..site.files import write_text_atomic
from .rounds import translate_masked

if TYPE_CHECKING:
    from .read import PreparedPost
    from .setup import Run

TermTable = dict[str, str]  # source term → target term


def table_path(root: Path, tag: str) -> Path:
    return root / ".translate" / "taxonomy" / f"{tag}.json"


def post_terms(post: "PreparedPost", names: Sequence[str]) -> dict[str, list[str]]:
    """The post's taxonomy fields that hold a list of terms (or one term), by key as written."""
    out = {}
    for name in names:
        value = post.document.front_matter.get(name)
        terms = [value] if isinstance(value, str) else value
        if isinstance(terms, list) and terms and all(isinstance(t, str) for t in terms):
            out[name] = terms
    return out


def translated_terms(post: "PreparedPost", names: Sequence[str], table: TermTable) -> dict[str, str | list[str]]:
    """The post's taxonomy fields in the target language, each in the shape the source wrote it."""
    out: dict[str, str | list[str]] = {}
    for name, terms in post_terms(post, names).items():
        done = [table.get(t, t) for t in terms]
        out[name] = done if isinstance(post.document.front_matter.get(name), list) else done[0]
    return out


def term_tables(posts: Sequence["PreparedPost"], run: "Run") -> dict[str, TermTable]:
    """Each target's table with every term of `posts` in it; new terms translated and the
    table written (only when it changed)."""
    names = run.config.taxonomies
    tables: dict[str, TermTable] = {}
    if not names:
        return tables
    wanted: dict[str, set[str]] = {}
    for post in posts:
        terms = {t for values in post_terms(post, names).values() for t in values}
        for work in post.targets:
            wanted.setdefault(work.language.lang.tag, set()).update(terms)
    for tag, terms in sorted(wanted.items()):
        path = table_path(run.config.root, tag)
        table = _read_table(path)
        new = sorted(t for t in terms if t not in table and _needs_translation(t, run.source))
        if new:
            table.update(_translate_terms(new, tag, run))
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                              root=run.config.root)
        tables[tag] = table
    return tables


def _read_table(path: Path) -> TermTable:
    """The stored table; a ConfigError (not a traceback) when a hand edit broke it."""
    if not path.is_file():
        return {}
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        line = getattr(err, "lineno", None)
        raise ConfigError(f"the taxonomy term table is not valid JSON: {err}", path=path, line=line,
                          hint="fix it (one \"term\": \"translation\" pair per line) or delete it to translate the terms anew") from None
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError("the taxonomy term table is not an object of strings", path=path,
                          hint="write it as {\"term\": \"translation\", …} or delete it")
    return table


def _needs_translation(term: str, source: str) -> bool:
    """A term with words of the source language (a Latin `android` tag of a Chinese post stays)."""
    if is_cjk_language(source):
        return bool(CJK_LETTER.search(term))
    return is_translatable(mask_inline(term))


def _translate_terms(terms: list[str], tag: str, run: "Run") -> TermTable:
    """Glossary first (a term that is one glossary entry whole), then the engine in one batch."""
    out: TermTable = {}
    rest = []
    for term in terms:
        matches = run.glossary.match(term, run.source, tag) if run.glossary is not None else []
        if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(term)):
            out[term] = term if matches[0].term.do_not_translate else matches[0].term.target
        else:
            rest.append(term)
    items = [mask_inline(t) for t in rest]
    for term, done in zip(rest, translate_masked(run.needs_engine(), items, run.source, tag)):
        out[term] = done.text.strip() or term
    return out
