"""Rasa connector that serves the intranet chat widget from the assistant itself.

Registered in credentials.yml as ``channels.widget.WidgetInput``. It adds no new way to talk to the
bot (the widget posts to the REST channel, /webhooks/rest/webhook); it serves:

- ``/widget/widget.js`` and ``/widget/widget.css``: the files an intranet page embeds with one tag;
- ``/``: the demo page for browsers. Rasa registers its own ``/`` ("Hello from Rasa: <version>"),
  used by health checks: that route is kept for every client that does not ask for HTML, so
  ``curl localhost:5005/`` still answers as before;
- ``/webhooks/widget/``: a health route, like every Rasa channel.

Rasa mounts a channel's blueprint under ``/webhooks/<name>/``; the app-level routes are added when
the blueprint is registered on the Sanic app, before the router is finalised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
ASSETS: Dict[str, str] = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "index.html": "text/html; charset=utf-8",
}
# Short cache: intranet pages pick up a new widget version within minutes.
ASSET_CACHE_CONTROL = "public, max-age=300"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
# The demo page runs no inline script and loads nothing but the widget from this server.
DEMO_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

Handler = Callable[..., Awaitable[HTTPResponse]]


def asset_response(name: str, head: bool = False) -> HTTPResponse:
    """One of the widget's files, or a 404 for any other name (no path is ever built from the URL)."""
    content_type = ASSETS.get(name)
    path = WIDGET_DIR / name
    if content_type is None or not path.is_file():
        return response.text("Fichier introuvable.", status=404)
    headers = dict(SECURITY_HEADERS, **{"Cache-Control": ASSET_CACHE_CONTROL})
    if name == "index.html":
        headers["Content-Security-Policy"] = DEMO_PAGE_CSP
        headers["Cache-Control"] = "no-cache"
    body = b"" if head else path.read_bytes()
    return response.raw(body, content_type=content_type, headers=headers)


def wants_html(request: Request) -> bool:
    """True for a browser navigation (Accept lists text/html), false for curl, probes and scripts."""
    return "text/html" in request.headers.get("accept", "")


def demo_root(fallback: Optional[Handler]) -> Handler:
    """The '/' handler: the demo page for browsers, Rasa's original answer for everything else."""

    async def root(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        if wants_html(request) or fallback is None:
            return asset_response("index.html", head=request.method == "HEAD")
        return await fallback(request, *args, **kwargs)

    return root


def install_app_routes(app: Sanic) -> None:
    """Add the widget's files and the demo page to the Rasa app (once per app)."""
    if getattr(app.ctx, "widget_routes_installed", False):
        return
    app.ctx.widget_routes_installed = True

    async def widget_asset(request: Request, name: str) -> HTTPResponse:
        return asset_response(name, head=request.method == "HEAD")

    app.add_route(widget_asset, "/widget/<name:str>", methods=["GET", "HEAD"], name="widget_asset")

    root_routes = [route for route in app.router.routes if route.path == "" and "GET" in route.methods]
    if root_routes:
        for route in root_routes:
            route.handler = demo_root(route.handler)
    else:
        app.add_route(demo_root(None), "/", methods=["GET", "HEAD"], name="widget_demo_page")


class WidgetBlueprint(Blueprint):
    """A blueprint that also installs the app-level widget routes when Rasa registers it."""

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        super().register(app, options)
        install_app_routes(app)


class WidgetInput(InputChannel):
    """Serves the widget; conversations go through the REST channel."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> WidgetInput:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget_webhook = WidgetBlueprint("widget_webhook", __name__)

        @widget_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        return widget_webhook
