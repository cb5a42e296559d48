"""`translate review …`: the editor's queue in a terminal, and the local web page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import UsageError
from .app import PATHS, SITE, app, format_option, to_option

review = typer.Typer(
    help="What needs an editor, why, and one action to resolve each item (CLI and a local web page).",
    no_args_is_help=True,
)
app.add_typer(review, name="review")

def _config(site: Path):
    from ..site.config import load_config

    return load_config(site)


PREFIX = re.compile(r"[0-9a-f]{4,11}")  # shorter than an id (12 hex digits), long enough to mean one
ID_OR_PREFIX = re.compile(r"[0-9a-f]{4,12}")


def full_ids(config, idents: List[str]) -> List[str]:
    """Item ids as given, unique prefixes (4+ hex digits) expanded; an ambiguous one is a usage error."""
    if not any(PREFIX.fullmatch(i) for i in idents):
        return list(idents)
    from ..review.items import list_items

    known = [item.id for item in list_items(config, resolved=True)]
    out = []
    for ident in idents:
        matches = [k for k in known if k.startswith(ident)] if PREFIX.fullmatch(ident) else [ident]
        if len(matches) > 1:
            raise UsageError(f"{ident} is the start of {len(matches)} item ids ({', '.join(matches[:3])}…)",
                             hint="give more of the id")
        out.append(matches[0] if matches else ident)
    return out


def post_filter(config, paths: List[Path]):
    """Site-relative posts under `paths` (files or folders, from the site, content dir or cwd)."""
    wanted = []
    for path in paths:
        candidates = [path] if path.is_absolute() else [config.root / path, config.content_dir / path, Path.cwd() / path]
        found = [c.resolve() for c in candidates if c.exists() and c.resolve().is_relative_to(config.content_dir)]
        if not found:
            raise UsageError(f"{path}: no such post or folder in this site",
                             hint="pass source posts or folders, e.g. content/posts/foo.md")
        wanted.append(config.relative(found[0]))
    return lambda post: any(post == w or post.startswith(w.rstrip("/") + "/") for w in wanted)


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
    paths: List[Path] = PATHS,
    to: Optional[str] = to_option("Only this target language."),
    reason: Optional[str] = typer.Option(None, "--reason", help="unreviewed, stale, glossary, numbers, placeholder, findings, diverged, outdated."),
    fmt: str = format_option("text", "json"),
    site: Path = SITE,
) -> None:
    """List the review queue: one line per item with its id, place and reasons."""
    from ..problems import count_of
    from ..review.items import list_items

    config = _config(site)
    items = list_items(config, language=to, reason=reason)
    if paths:
        chosen = post_filter(config, paths)
        items = [item for item in items if chosen(item.post)]
    if fmt == "json":
        typer.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2))
        return
    for item in items:
        typer.echo(item_line(item))
    typer.echo(f"{count_of(len(items), 'item')} to review")


@review.command()
def show(ident: str = typer.Argument(..., metavar="ID"), fmt: str = format_option("text", "json"),
         site: Path = SITE) -> None:
    """Show one item: source, source diff, translation, suggestion and findings."""
    from ..review.items import get_item
    from .app import use_colour

    config = _config(site)
    item = get_item(config, full_ids(config, [ident])[0])
    if fmt == "json":
        typer.echo(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(item_text(item, colour=use_colour()))


@review.command("approve")
def approve_(
    targets: List[str] = typer.Argument(None, metavar="ID|PATH…",
                                        help="Item ids (or unique prefixes) from `translate review list`, or posts and folders."),
    all_clean: bool = typer.Option(False, "--all-clean", help="Approve every unreviewed machine block with no findings."),
    site: Path = SITE,
) -> None:
    """Mark blocks reviewed as they stand: these items, every item of these posts, or --all-clean."""
    from ..review import actions
    from ..review.items import list_items

    if bool(targets) == all_clean:
        raise UsageError("pass item ids or posts, or --all-clean (one of them)", hint="see `translate review list`")
    config = _config(site)
    if all_clean:
        _done(actions.approve_all_clean(config), "approve")
        return
    paths = [Path(t) for t in targets if not ID_OR_PREFIX.fullmatch(t)]
    ids = full_ids(config, [t for t in targets if ID_OR_PREFIX.fullmatch(t)])
    if paths:
        chosen = post_filter(config, paths)
        ids += [i.id for i in list_items(config) if i.actionable and chosen(i.post)]
    _done(actions.approve(config, ids) if ids else actions.ReviewResult(), "approve")


@review.command("accept-suggestion")
def accept_suggestion(ident: str = typer.Argument(..., metavar="ID"), site: Path = SITE) -> None:
    """Replace a stale block's text with the new machine suggestion."""
    from ..review import actions

    config = _config(site)
    (ident,) = full_ids(config, [ident])
    result = actions.accept_suggestion(config, ident)
    _written(f"accepted the suggestion for {ident}", result)


@review.command()
def edit(ident: str = typer.Argument(..., metavar="ID"), site: Path = SITE) -> None:
    """Open $EDITOR on the segment's text (its source above, as comments) and save it as a person's translation."""
    import click

    from ..review import actions
    from ..review.items import edit_template, edited_text, get_item

    config = _config(site)
    (ident,) = full_ids(config, [ident])
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
    try:
        result = actions.save_edit(config, ident, edited, expected=item.translation)
    except actions.EditConflict as error:  # the typed text is never lost: shown, and kept in a file
        draft = actions.keep_draft(ident, edited)
        typer.echo(f"your text (kept in {draft}):\n{_indent(edited.rstrip())}", err=True)
        raise actions.EditConflict(error.message, path=error.path, line=error.line,
                                   hint=f"your text is kept in {draft}; reload the item, compare, and apply it again") from None
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
    (ident,) = full_ids(config, [ident])
    result = actions.retranslate(config, ident, get_engine(engine or config.engine, config.engine_settings))
    _written(f"retranslated {ident}", result)


@review.command("undo")
def undo_(ident: str = typer.Argument(..., metavar="ID"), site: Path = SITE) -> None:
    """Put back the text the last accept-suggestion or retranslate of an item replaced."""
    from ..review import actions

    config = _config(site)
    (ident,) = full_ids(config, [ident])  # a unique prefix, as every other review command takes
    result = actions.undo_action(config, ident)
    _written(f"restored {ident}", result)


@review.command()
def serve(
    port: int = typer.Option(8787, "--port", help="Port on 127.0.0.1 (0: any free port)."),
    engine: Optional[str] = typer.Option(None, "--engine", help="Engine for retranslate (default: the site's)."),
    site: Path = SITE,
) -> None:
    """Serve the review page on http://127.0.0.1:PORT/ (loopback only) until Ctrl-C."""
    from ..review.web import serve as run_server

    run_server(_config(site), port=port, engine_name=engine, announce=typer.echo)
