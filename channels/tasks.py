"""Background work of a channel: what it does after it has already answered the webhook.

Slack and Teams answer their webhook at once and send the bot's reply later, in a task. asyncio keeps
only a weak reference to a task, so a task nobody holds can be garbage-collected before it ends: the
tasks are kept here until they finish, and a failed one is logged once (its exception is retrieved,
so asyncio does not log it again as "never retrieved").
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Set

logger = logging.getLogger(__name__)


class BackgroundTasks:
    """Tasks started with `spawn`, referenced until they end; `what` names them in the error log."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._tasks: Set[asyncio.Future] = set()

    def spawn(self, coroutine: Awaitable[Any]) -> asyncio.Future:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Future) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("%s failed: %r", self.what, task.exception())

    def __len__(self) -> int:
        """Tasks still running."""
        return len(self._tasks)
