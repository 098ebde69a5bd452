"""Rasa connector that adds ``/metrics`` and the request counters to the assistant's HTTP server.

Registered in credentials.yml as ``observability.endpoint.MetricsEndpoint``, like the widget: Rasa
mounts its blueprint under ``/webhooks/metrics/`` (a health route) and, when it registers it, the
app-level ``/metrics`` route and the middleware that counts every webhook request are added.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from observability import metrics


async def metrics_route(request: Request) -> HTTPResponse:
    token = metrics.metrics_token()
    if not token:
        return response.text("Not found", status=404)
    if not metrics.authorized(request.headers.get("authorization"), token):
        return response.text("Unauthorized", status=401, headers={"WWW-Authenticate": "Bearer"})
    return response.raw(metrics.exposition(), content_type=metrics.CONTENT_TYPE_LATEST)


async def count_request(request: Request, reply: HTTPResponse) -> None:
    channel = metrics.channel_of(request.path)
    if channel is not None and reply is not None:
        metrics.REQUESTS.labels(channel, str(reply.status)).inc()


def install_app_routes(app: Sanic) -> None:
    """Add /metrics and the request counter to the Rasa app (once per app)."""
    if getattr(app.ctx, "metrics_installed", False):
        return
    app.ctx.metrics_installed = True
    app.add_route(metrics_route, "/metrics", methods=["GET"], name="metrics")
    app.register_middleware(count_request, "response")


class MetricsBlueprint(Blueprint):
    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        super().register(app, options)
        install_app_routes(app)


class MetricsEndpoint(InputChannel):
    """No conversation here: the metrics of the others."""

    @classmethod
    def name(cls) -> str:
        return "metrics"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> MetricsEndpoint:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = MetricsBlueprint("metrics_webhook", __name__)

        @blueprint.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if metrics.metrics_token() else "disabled"})

        return blueprint
