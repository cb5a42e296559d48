"""`translate review …`: the editor's queue in a terminal, and the local web page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import UsageError
from .app import SITE, app, format_option

review = typer.Typer(
    help="What needs an editor, why, and one action to resolve each item (CLI and a local web page).",
    no_args_is_help=True,
)
app.add_typer(review, name="review")

def _config(site: Path):
    from ..site.config import load_config

    return load_config(site)


def item_line(item) -> str:
    """`id  post:line [lang] key  reasons`: one line of `review list`."""
    return f"{item.id}  {item.post}:{item.line} [{item.language}] {item.key}  {', '.join(item.reasons)}"


def item_text(item, colour: bool) -> str:
    from ..status.render import diff_terminal

    out = [item_line(item), f"sibling: {item.sibling}"]
    if item.message:
        out.append(item.message)
    if item.actionable:
        out += ["", "source:", _indent(item.source)]
        if item.diff:
            out += ["", "source diff (since translated):", _indent(diff_terminal(item.diff, colour))]
        out += ["", f"translation ({item.origin}):", _indent(item.translation)]
        if item.suggestion is not None:
            out += ["", "suggestion (accept with `translate review accept-suggestion ID`):", _indent(item.suggestion)]
    for finding in item.findings:
        out.append(str(finding))
    return "\n".join(out)


def _indent(text: str) -> str:
    return "  " + text.replace("\n", "\n  ")


def _written(message: str, result) -> None:
    """An action's one-line outcome, then every file it wrote."""
    typer.echo(message)
    for path in result.written:
        typer.echo(f"wrote {path}")


def _done(result, verb: str) -> None:
    if not result.done:
        typer.echo(f"nothing to {verb}")
        return
    typer.echo(f"{verb}d {len(result.done)} item{'s' if len(result.done) != 1 else ''}: {' '.join(result.done)}")
    for path in result.written:
        typer.echo(f"wrote {path}")


@review.command("list")
def list_(
    lang: Optional[str] = typer.Option(None, "--lang", help="Only this target language."),
    reason: Optional[str] = typer.Option(None, "--reason", help="unreviewed, stale, glossary, numbers, placeholder, findings, diverged, outdated."),
    post: Optional[str] = typer.Option(None, "--post", help="Only this source post."),
    fmt: str = format_option("text", "json"),
    site: Path = SITE,
) -> None:
    """List the review queue: one line per item with its id, place and reasons."""
    from ..review.items import list_items

    items = list_items(_config(site), language=lang, reason=reason, post=post)
    if fmt == "json":
        typer.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2))
        return
    for item in items:
        typer.echo(item_line(item))
    typer.echo(f"{len(items)} item{'s' if len(items) != 1 else ''} to review")


@review.command()
def show(ident: str = typer.Argument(..., metavar="ID"), site: Path = SITE) -> None:
    """Show one item: source, source diff, translation, suggestion and findings."""
    from ..review.items import get_item
    from .app import is_terminal

    item = get_item(_config(site), ident)
    typer.echo(item_text(item, colour=is_terminal()))


@review.command("approve")
def approve_(
    ids: List[str] = typer.Argument(None, metavar="ID…", help="Item ids from `translate review list`."),
    post: Optional[str] = typer.Option(None, "--post", help="Approve every item of this post."),
    all_clean: bool = typer.Option(False, "--all-clean", help="Approve every unreviewed machine block with no findings."),
    site: Path = SITE,
) -> None:
    """Mark blocks reviewed as they stand."""
    from ..review import actions

    if sum(map(bool, (ids, post, all_clean))) != 1:
        raise UsageError("pass item ids, --post P or --all-clean (one of them)", hint="see `translate review list`")
    config = _config(site)
    if ids:
        result = actions.approve(config, ids)
    elif post:
        result = actions.approve_post(config, post)
    else:
        result = actions.approve_all_clean(config)
    _done(result, "approve")


@review.command("accept-suggestion")
def accept_suggestion(ident: str = typer.Argument(..., metavar="ID"), site: Path = SITE) -> None:
    """Replace a stale block's text with the new machine suggestion."""
    from ..review import actions

    result = actions.accept_suggestion(_config(site), ident)
    _written(f"accepted the suggestion for {ident}", result)


@review.command()
def edit(ident: str = typer.Argument(..., metavar="ID"), site: Path = SITE) -> None:
    """Open $EDITOR on the segment's text (its source above, as comments) and save it as a person's translation."""
    import click

    from ..review import actions
    from ..review.items import edit_template, edited_text, get_item

    config = _config(site)
    item = get_item(config, ident)
    if not item.actionable:
        raise UsageError(item.message)
    try:
        # click writes the text to a temp file in the system temp dir, never inside the site.
        edited = click.edit(edit_template(item), extension=".md", require_save=True)
    except click.ClickException as error:
        raise UsageError(f"could not run the editor ({error.message})",
                         hint="set $EDITOR (or $VISUAL) to an editor command") from None
    edited = edited_text(edited) if edited is not None else None
    if edited is None or edited.strip() == item.translation.strip():
        typer.echo("unchanged; nothing saved")
        return
    if not edited.strip():
        typer.echo("empty text; nothing saved")
        return
    result = actions.save_edit(config, ident, edited, expected=item.translation)
    _written(f"saved {ident} as human text", result)


@review.command("retranslate")
def retranslate_(
    ident: str = typer.Argument(..., metavar="ID"),
    engine: Optional[str] = typer.Option(None, "--engine", help="argos or pseudo (default: the site's engine)."),
    site: Path = SITE,
) -> None:
    """Translate the block again with the engine; the result is machine text to review."""
    from ..engines.registry import get_engine
    from ..review import actions

    config = _config(site)
    result = actions.retranslate(config, ident, get_engine(engine or config.engine, config.engine_settings))
    _written(f"retranslated {ident}", result)


@review.command()
def serve(
    port: int = typer.Option(8787, "--port", help="Port on 127.0.0.1 (0: any free port)."),
    engine: Optional[str] = typer.Option(None, "--engine", help="Engine for retranslate (default: the site's)."),
    site: Path = SITE,
) -> None:
    """Serve the review page on http://127.0.0.1:PORT/ (loopback only) until Ctrl-C."""
    from ..review.web import serve as run_server

    run_server(_config(site), port=port, engine_name=engine, announce=typer.echo)
