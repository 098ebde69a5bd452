"""channels/tasks.py: the replies Slack and Teams send after answering their webhook."""

from __future__ import annotations

import asyncio
import gc
import logging

import pytest

from channels.tasks import BackgroundTasks


async def test_tasks_are_kept_until_they_end() -> None:
    tasks = BackgroundTasks("Test reply")
    release = asyncio.Event()
    done = []

    async def reply() -> None:
        await release.wait()
        done.append(True)

    task = tasks.spawn(reply())
    del task
    gc.collect()  # asyncio alone holds a weak reference: the set keeps the task alive
    assert len(tasks) == 1
    release.set()
    await asyncio.sleep(0.01)
    assert done == [True] and len(tasks) == 0


async def test_a_failed_task_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    tasks = BackgroundTasks("Test reply")

    async def fails() -> None:
        raise RuntimeError("connector down")

    with caplog.at_level(logging.ERROR, logger="channels.tasks"):
        await asyncio.gather(tasks.spawn(fails()), return_exceptions=True)
        await asyncio.sleep(0)
    failures = [r.getMessage() for r in caplog.records if r.name == "channels.tasks"]
    assert failures == ["Test reply failed: RuntimeError('connector down')"]
    assert len(tasks) == 0


async def test_a_cancelled_task_is_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    tasks = BackgroundTasks("Test reply")
    task = tasks.spawn(asyncio.sleep(10))
    await asyncio.sleep(0)
    with caplog.at_level(logging.ERROR, logger="channels.tasks"):
        task.cancel()
        await asyncio.sleep(0.01)
    assert not caplog.records and len(tasks) == 0


def test_slack_and_teams_use_the_shared_helper() -> None:
    from channels.slack import SlackChannel
    from channels.teams import TeamsChannel, TeamsSettings

    assert isinstance(SlackChannel.from_credentials(None)._tasks, BackgroundTasks)
    assert isinstance(TeamsChannel(TeamsSettings.from_env({}))._tasks, BackgroundTasks)
