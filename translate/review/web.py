"""The local review page: a small Flask app over the queue, for 127.0.0.1 only.

Safety, in order of the threats: it binds loopback only; a Host check refuses DNS
rebinding; every POST carries a per-server random CSRF token; ids must match a strict
pattern and be in the queue, so no route touches a path built from a request; pages
load nothing from the network (inline script under a CSP nonce, CSS from this package).
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections import Counter
from typing import Callable
from urllib.parse import urlencode

from flask import Flask, abort, flash, g, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.routing import BaseConverter
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from ..engines.base import Engine
from ..engines.registry import get_engine
from ..errors import TranslateError, UsageError
from ..site.config import SiteConfig
from ..status.render import diff_html
from . import actions, undo
from ..site.files import ChangedOnDisk
from .actions import EditConflict
from .items import ID_PATTERN, REASONS, ItemNotFound, ReviewItem, get_item, list_items

LOOPBACK = "127.0.0.1"
IDLE_TIMEOUT = 30  # seconds a connection may send nothing before it is closed
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
FILTERS = ("lang", "reason", "post")
WHY = {
    "unreviewed": "Machine translation that no editor has approved yet.",
    "stale": "The source changed after a person wrote this translation: keep it (approve), take the new suggestion, or edit.",
    "findings": "Automatic checks flagged this sentence; see the findings below.",
    "retired": "Its source sentence was deleted; the translation a person wrote is kept here in memory.",
}


class ItemIdConverter(BaseConverter):
    """Only well-formed ids match a route: anything else (`..`, slashes, NUL) is a 404."""

    regex = ID_PATTERN.pattern


def create_app(
    config: SiteConfig,
    *,
    engine_factory: Callable[[], Engine] | None = None,
) -> Flask:
    """The review app for one site; `engine_factory` makes the retranslate engine (once)."""
    app = Flask(__name__)
    app.url_map.converters["item_id"] = ItemIdConverter
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        TRUSTED_HOSTS=ALLOWED_HOSTS,
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_CONTENT_LENGTH=1 << 20,
    )
    csrf_token = secrets.token_urlsafe(32)
    engines: list[Engine] = []
    # One action at a time: the site lock refuses a second writer instead of waiting.
    writing = threading.Lock()

    def engine() -> Engine:
        if not engines:
            engines.append(engine_factory() if engine_factory else get_engine(config.engine, config.engine_settings))
        return engines[0]

    @app.before_request
    def guard() -> None:
        request.host  # validated against TRUSTED_HOSTS: a rebinding attack gets 400
        g.nonce = secrets.token_urlsafe(16)
        if request.method == "POST":
            sent = request.form.get("csrf", "")
            if not hmac.compare_digest(sent.encode(), csrf_token.encode()):
                abort(403, "missing or wrong form token — reload the page and try again")

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; style-src 'self'; script-src 'nonce-{g.get('nonce', '')}'; img-src 'self' data:; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        response.headers["X-Frame-Options"] = "DENY"  # for browsers that predate frame-ancestors
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.context_processor
    def common() -> dict:
        return {"csrf": csrf_token, "nonce": g.get("nonce", ""), "site": config.root.name, "label": _label, "why": WHY,
                "diff_of": lambda row: Markup(diff_html(row.diff))}

    def filters() -> dict[str, str]:
        return {k: request.args[k] for k in FILTERS if request.args.get(k)}

    def items(**wanted: str) -> list[ReviewItem]:
        return list_items(
            config, language=wanted.get("lang"), reason=wanted.get("reason"), post=wanted.get("post")
        )

    @app.get("/")
    def index():
        wanted = filters()
        shown = items(**wanted)
        everything = items() if wanted else shown
        return render_template(
            "queue.html",
            items=shown,
            wanted=wanted,
            query=urlencode(wanted),
            reasons=Counter(r for i in everything for r in i.reasons),
            languages=Counter(i.language for i in everything),
            posts=Counter(i.post for i in everything),
            all_reasons=REASONS,
            total=len(everything),
        )

    def neighbours(ident: str, wanted: dict[str, str]) -> tuple[str | None, str | None, int, int]:
        ids = [i.id for i in items(**wanted)]
        if ident not in ids:
            return None, None, 0, len(ids)
        at = ids.index(ident)
        return (ids[at - 1] if at else None), (ids[at + 1] if at + 1 < len(ids) else None), at + 1, len(ids)

    def lookup(ident: str) -> ReviewItem:  # the item_id converter admits only ID_PATTERN
        try:
            return get_item(config, ident)
        except ItemNotFound:
            abort(404)

    def page(item: ReviewItem, *, draft: str | None = None, error: str | None = None, status: int = 200):
        wanted = filters()
        prev_id, next_id, position, count = neighbours(item.id, wanted)
        return (
            render_template(
                "item.html", item=item, diff=Markup(diff_html(item.diff)), draft=item.translation if draft is None else draft,
                error=error, prev_id=prev_id, next_id=next_id, position=position, count=count,
                wanted=wanted, query=urlencode(wanted), can_undo=undo.kept(config, item.post, item.id) is not None,
            ),
            status,
        )

    @app.get("/item/<item_id:ident>")
    def item(ident: str):
        return page(lookup(ident))

    @app.post("/item/<item_id:ident>/<action>")
    def act(ident: str, action: str):
        if action not in ("approve", "accept", "retranslate", "edit", "undo"):
            abort(404)
        current = lookup(ident)
        wanted = filters()
        _, next_id, _, _ = neighbours(ident, wanted)
        expected = request.form.get("expected")
        try:
            with writing:
                if action == "approve":
                    actions.approve(config, [ident], expected={ident: expected} if expected is not None else None)
                    done = "approved"
                elif action == "accept":
                    actions.accept_suggestion(config, ident, expected=expected)
                    done = "accepted the suggestion for"
                elif action == "retranslate":
                    actions.retranslate(config, ident, engine(), expected=expected)
                    done, next_id = "retranslated", ident
                elif action == "undo":
                    actions.undo_action(config, ident, expected=expected)
                    done, next_id = "undid the last change to", ident
                else:
                    if expected is None:
                        abort(400, "the form lacks the text it started from")
                    actions.save_edit(config, ident, request.form.get("text", ""), expected=expected)
                    done = "saved your text for"
        except (EditConflict, ChangedOnDisk) as error:
            return page(lookup(ident), draft=request.form.get("text"), error=str(error), status=409)
        except ItemNotFound as error:
            return render_template("error.html", title="Item gone", message=str(error)), 404
        except TranslateError as error:
            return page(current, draft=request.form.get("text"), error=str(error), status=400)
        flash(f"{done} {_label(current)}")
        if next_id:
            return redirect(url_for("item", ident=next_id, **wanted), 303)
        return redirect(url_for("index", **wanted), 303)

    @app.errorhandler(UsageError)
    def bad_filter(error: UsageError):
        """A filter in the query string names no language, reason or post: on any page."""
        g.setdefault("nonce", "")
        return render_template("error.html", title="Bad filter", message=str(error)), 400

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    def http_error(error):
        g.setdefault("nonce", "")
        return render_template("error.html", title=error.name, message=error.description), error.code

    return app


def _label(item: ReviewItem) -> str:
    where = item.key.removeprefix("field:") if item.key.startswith("field:") else f"line {item.line}"
    return f"{item.post} [{item.language}] {where}"


class _Handler(WSGIRequestHandler):
    """No server or Python version in `Server`; an idle connection is dropped after a while."""

    server_version = "translate-review"
    sys_version = ""
    timeout = IDLE_TIMEOUT

    def version_string(self) -> str:
        return self.server_version


def make_review_server(
    config: SiteConfig, *, port: int = 0, host: str = LOOPBACK, engine_factory: Callable[[], Engine] | None = None
) -> BaseWSGIServer:
    """A threaded server bound to loopback; refuses any other host."""
    if host != LOOPBACK:
        raise UsageError(
            f"refusing to serve on {host}: the review page has no login", hint=f"it binds {LOOPBACK} only"
        )
    app = create_app(config, engine_factory=engine_factory)
    try:
        return make_server(host, port, app, threaded=True, request_handler=_Handler)
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port} ({error.strerror})", hint="pass another --port") from None


def serve(
    config: SiteConfig, *, port: int = 8787, engine_name: str | None = None, announce: Callable[[str], None] = print
) -> None:
    """Serve until Ctrl-C, announcing the URL."""
    factory = None
    if engine_name:
        factory = lambda: get_engine(engine_name, config.engine_settings)  # noqa: E731
    server = make_review_server(config, port=port, engine_factory=factory)
    announce(f"review page: http://{LOOPBACK}:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
