"""Markup in prose: Markdown blocks, inline markup masked as placeholders, shortcodes, sentences, text classes."""
