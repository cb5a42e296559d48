"""The editor review queue: a library first; the CLI and the local web page call it."""

from .queue import (
    REASONS,
    EditConflict,
    ItemNotFound,
    ReviewItem,
    ReviewResult,
    accept_suggestion,
    approve,
    approve_all_clean,
    approve_post,
    get_item,
    list_items,
    retranslate,
    save_edit,
)

__all__ = [
    "REASONS",
    "EditConflict",
    "ItemNotFound",
    "ReviewItem",
    "ReviewResult",
    "accept_suggestion",
    "approve",
    "approve_all_clean",
    "approve_post",
    "get_item",
    "list_items",
    "retranslate",
    "save_edit",
]
