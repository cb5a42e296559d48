"""Character classes the text rules share: CJK, letters and words, sentence ends.

They differ on purpose, and each says which rule it serves; a rule that needs a class
takes it from here rather than writing its own.
"""

from __future__ import annotations

import re

# Ideographs, kana, hangul, CJK punctuation and full-width forms: when the lines of a
# block are joined, no space goes next to one of these.
CJK_TEXT = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
# Letters of the CJK scripts (no punctuation): a sentence from a CJK source without one
# has nothing for a model to translate.
CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# Any letter, in any script: a block or sentence with none is not prose.
LETTER = re.compile(r"[^\W\d_]")
# Latin letters and digits glue words together; CJK characters do not. Glossary terms need
# a word boundary where their edge is one of these, and restored text a space between two.
LATIN_WORD = r"[0-9A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"
_LATIN_WORD = re.compile(LATIN_WORD)

# Primary language subtags (Argos codes included: zt is Traditional Chinese) whose
# sentences end with 。！？ and are cut with the CJK rules.
CJK_LANGUAGES = frozenset({"zh", "zt", "ja"})
# Languages written without spaces between words (and without letter case).
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})

# A trailing-space hard break after one of these (and any closers) ends a sentence on
# purpose, so it is kept; anywhere else it is a conversion artefact and is joined.
HARD_BREAK_ENDS = tuple("。！？；：.!?;:")
HARD_BREAK_CLOSERS = "”’\"')）」』】*_~"
# A source segment that ends in none of these gets no full stop from the engine.
SEGMENT_ENDS = tuple("。．.!！?？;；:：…")
# Full-width punctuation between protected spans, written in a spaced target's style.
FULLWIDTH_PUNCTUATION = {
    "、": ", ", "，": ", ", "。": ". ", "：": ": ", "；": "; ", "！": "! ", "？": "? ",
    "（": " (", "）": ") ", "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"', "》": '"',
}


def is_cjk_char(char: str) -> bool:
    """True for CJK ideographs, kana, hangul and full-width forms (joined without spaces)."""
    return bool(CJK_TEXT.match(char))


def is_word_char(char: str) -> bool:
    """A character that glues to its neighbours in Latin-script words."""
    return bool(_LATIN_WORD.fullmatch(char))


def language_code(lang: str) -> str:
    """"zh-CN" / "zh_Hans" / "en" → the primary language subtag, lower case."""
    return re.split(r"[-_]", lang.strip(), maxsplit=1)[0].lower()


def is_cjk_language(lang: str) -> bool:
    return language_code(lang) in CJK_LANGUAGES
