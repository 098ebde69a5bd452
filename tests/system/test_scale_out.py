"""Scale-out on real servers: two Rasa servers behind nginx (round-robin) share PostgreSQL and a Redis
lock store; one action server. 50 scripted conversations run concurrently; one Rasa server is killed
(SIGKILL) in the middle.

Client contract (what "lost" and "duplicated" mean): every user message carries a client-generated
message_id; a request that fails (connection error, 502/503/504) is retried with the same
message_id until it gets a 200 (for up to RETRY_SECONDS). A message is LOST if the client got a
200 for it but it is not stored in PostgreSQL; it is DUPLICATED if it is stored more than once.
Both must be 0, and each conversation's stored user messages must be exactly the acknowledged
ones, in order.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp
import pytest
import requests
import sqlalchemy as sa

from tests.support import servers

CONVERSATIONS = 50
SCRIPT = [
    "Quel est mon réseau régional ?",
    "je suis à Lille",
    "non, plutôt en Bretagne",
    "je travaille pour une mairie",
    "et le guichet vert ?",
]
KILL_AFTER = CONVERSATIONS * len(SCRIPT) * 2 // 5  # acknowledged messages before the kill
TOKEN = "scale-out-api-token-0123456789"
METRICS_TOKEN = "scale-out-metrics-token-0123456789"
METRICS_HEADERS = {"Authorization": f"Bearer {METRICS_TOKEN}"}
# A patient client: longer than the lock of a killed server (TICKET_LOCK_LIFETIME) plus nginx's fail_timeout.
RETRY_SECONDS = 90


@dataclass
class Conversation:
    sender: str
    acked: List[str] = field(default_factory=list)
    answers: List[str] = field(default_factory=list)
    upstreams: List[str] = field(default_factory=list)
    failures: List[str] = field(default_factory=list)  # of the message in flight, for the report


@dataclass
class Run:
    acked: int = 0
    attempts: int = 0
    failures: Counter = field(default_factory=Counter)
    killed_at: Optional[float] = None
    started: float = field(default_factory=time.monotonic)
    kill_event: asyncio.Event = field(default_factory=asyncio.Event)


async def talk(session: aiohttp.ClientSession, url: str, conversation: Conversation, run: Run) -> None:
    for turn, text in enumerate(SCRIPT):
        message_id = f"{conversation.sender}-{turn}"
        conversation.failures = []
        body = {"sender": conversation.sender, "message": text, "message_id": message_id}
        deadline = time.monotonic() + RETRY_SECONDS
        while time.monotonic() < deadline:
            run.attempts += 1
            try:
                async with session.post(f"{url}/webhooks/rest/webhook", json=body) as response:
                    content = await response.read()
                    if response.status == 200:
                        conversation.acked.append(message_id)
                        conversation.answers.append("\n".join(m.get("text", "") for m in json.loads(content)))
                        conversation.upstreams.append(response.headers.get("X-Upstream", ""))
                        run.acked += 1
                        if run.acked >= KILL_AFTER:
                            run.kill_event.set()
                        break
                    assert response.status in (502, 503, 504), f"{response.status}: {content[:200]!r}"
                    failure = str(response.status)
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                failure = type(error).__name__
            run.failures[failure] += 1
            conversation.failures.append(f"{time.monotonic() - run.started:.1f}s:{failure}")
            await asyncio.sleep(0.5)
        else:
            killed = "not yet" if run.killed_at is None else f"at {run.killed_at - run.started:.1f}s"
            raise AssertionError(
                f"{message_id}: no answer after {RETRY_SECONDS} s of retries "
                f"(kill {killed}): {conversation.failures}"
            )


async def converse(url: str, victim: servers.Served) -> tuple:
    conversations = [Conversation(f"scale-{index:03d}-{os.getpid()}") for index in range(CONVERSATIONS)]
    run = Run()

    async def killer() -> None:
        await run.kill_event.wait()
        victim.kill()
        run.killed_at = time.monotonic()

    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        kill_task = asyncio.create_task(killer())
        await asyncio.gather(*(talk(session, url, c, run) for c in conversations))
        await kill_task
    return conversations, run


def stored_user_messages(url: str) -> Dict[str, List[str]]:
    """message_id of every stored user message, per conversation, in storage order."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
            ).fetchall()
    finally:
        engine.dispose()
    stored: Dict[str, List[str]] = defaultdict(list)
    for sender, data in rows:
        stored[sender].append(json.loads(data)["message_id"])
    return stored


def test_two_assistants_behind_nginx_survive_a_kill(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    started = time.monotonic()
    with servers.postgres() as pg, servers.redis() as redis:
        env = dict(
            servers.store_env(tmp_path),
            TRACKER_STORE_URL=pg.url,
            LOCK_STORE_TYPE="redis",
            REDIS_HOST="127.0.0.1",
            REDIS_PORT=str(redis.port),
            REDIS_PASSWORD=redis.password,
            TICKET_LOCK_LIFETIME="20",
            RASA_ENABLE_API="true",
            RASA_API_TOKEN=TOKEN,
            METRICS_TOKEN=METRICS_TOKEN,
        )
        action_port = servers.free_port()
        actions = servers.serve("actions", env, tmp_path / "actions.log", action_port)
        assistants = [
            servers.serve("rasa", env, tmp_path / f"rasa-{name}.log", servers.free_port(), action_port)
            for name in ("a", "b")
        ]
        try:
            servers.wait_actions(actions)
            for assistant in assistants:
                servers.wait_assistant(assistant)
            startup = time.monotonic() - started
            victim, survivor = assistants
            rss_idle = [servers.rss_mib(a.process.pid) for a in assistants]
            cpu_before = servers.cpu_seconds(survivor.process.pid)

            with servers.nginx([a.port for a in assistants]) as proxy:
                # Rasa's API is enabled on the servers but never reachable through the proxy.
                hidden = requests.get(
                    f"{proxy.url}/conversations/x/tracker", params={"token": TOKEN}, timeout=10
                )
                assert hidden.status_code == 404
                # Nor are the metrics: Prometheus scrapes each server directly.
                proxied = requests.get(f"{proxy.url}/metrics", headers=METRICS_HEADERS, timeout=10)
                assert proxied.status_code == 404
                # The Slack and Teams webhooks are forwarded (not configured here: the connectors
                # themselves answer 503).
                for channel in ("slack", "teams"):
                    forwarded = requests.post(f"{proxy.url}/webhooks/{channel}/webhook", json={}, timeout=10)
                    assert forwarded.status_code == 503, channel
                talk_started = time.monotonic()
                try:
                    conversations, run = asyncio.run(converse(proxy.url, victim))
                except AssertionError as error:
                    raise AssertionError(f"{error}\nnginx error log:\n{proxy.error_log_tail()}") from None
                talk_seconds = time.monotonic() - talk_started
                rss_survivor = servers.rss_mib(survivor.process.pid)
                cpu_used = servers.cpu_seconds(survivor.process.pid) - cpu_before
                rss_actions = servers.rss_mib(actions.process.pid)

            assert run.killed_at is not None and victim.process.poll() is not None

            # Every acknowledged message stored exactly once, in order; nothing else stored.
            stored = stored_user_messages(pg.url)
            messages = sum(len(c.acked) for c in conversations)
            lost = sum(1 for c in conversations for m in c.acked if m not in stored[c.sender])
            duplicated = sum(
                n - 1 for c in conversations for n in Counter(stored[c.sender]).values() if n > 1
            )
            out_of_order = [c.sender for c in conversations if stored[c.sender] != c.acked]
            # Conversations that had turns on the killed server and went on on the survivor.
            victim_addr, survivor_addr = (f"127.0.0.1:{a.port}" for a in assistants)
            moved = [
                c
                for c in conversations
                if victim_addr in c.upstreams and c.upstreams[-1].endswith(survivor_addr)
            ]

            # Resumed on the survivor (directly, not through nginx): slots kept, location used.
            resumed = moved[:5]
            for conversation in resumed:
                tracker = requests.get(
                    f"{survivor.url}/conversations/{conversation.sender}/tracker",
                    params={"token": TOKEN},
                    timeout=30,
                ).json()
                assert tracker["slots"]["location"] == "region:53", conversation.sender
                assert tracker["slots"]["buyer_type"] == "collectivite", conversation.sender
                reply = requests.post(
                    f"{survivor.url}/webhooks/rest/webhook",
                    timeout=60,
                    json={"sender": conversation.sender, "message": "Quel est mon réseau régional ?"},
                ).json()
                text = "\n".join(m.get("text", "") for m in reply)
                assert "RESECO" in text and "Où travaillez-vous" not in text

            survivor_messages = sum(
                1 for c in conversations for upstream in c.upstreams if upstream.endswith(survivor_addr)
            )
            answers_ok = sum(1 for c in conversations if "Bretagne" in c.answers[-1])
            purge = purge_oldest(pg.url, [c.sender for c in conversations[:10]])
            scraped = requests.get(f"{survivor.url}/metrics", headers=METRICS_HEADERS, timeout=10)
            assert scraped.status_code == 200
            answered = re.search(
                r'^assistant_requests_total\{channel="rest",status="200"\} (\S+)$', scraped.text, flags=re.M
            )
            answer_count = re.search(
                r'^assistant_answer_seconds_count\{channel="rest"\} (\S+)$', scraped.text, flags=re.M
            )
            assert answered and answer_count, scraped.text[-2000:]
            scraped_requests, scraped_answers = float(answered.group(1)), float(answer_count.group(1))
        finally:
            for process in assistants + [actions]:
                process.stop()

    summary = (
        f"\nscale-out: conversations = {len(conversations)}, messages = {messages} "
        f"({len(SCRIPT)} turns each), requests = {run.attempts}, retried = {run.attempts - messages} "
        f"{dict(run.failures)}, kills = 1 (after {KILL_AFTER} acknowledged messages), "
        f"conversations moved to the survivor = {len(moved)}, resumed with slots = {len(resumed)}, "
        f"lost = {lost}, duplicated = {duplicated}, out of order = {len(out_of_order)}, "
        f"final answer mentions Bretagne = {answers_ok}/{len(conversations)}\n"
        f"  startup (postgres, redis, 1 action server, 2 Rasa servers) {startup:.0f} s, "
        f"conversations {talk_seconds:.0f} s, whole test {time.monotonic() - started:.0f} s\n"
        f"  memory: Rasa server idle {rss_idle[0]:.0f}/{rss_idle[1]:.0f} MiB, survivor after load "
        f"{rss_survivor:.0f} MiB, action server {rss_actions:.0f} MiB; survivor CPU during the run "
        f"{cpu_used:.1f} s for {survivor_messages} messages "
        f"({cpu_used / max(survivor_messages, 1) * 1000:.0f} ms per message)\n"
        f"  purge on PostgreSQL: {purge}\n"
        f"  /metrics of the survivor: {scraped_requests:.0f} REST requests answered 200, "
        f"{scraped_answers:.0f} answer times observed"
    )
    with capsys.disabled():
        print(summary)
    assert len(conversations) == CONVERSATIONS and messages == CONVERSATIONS * len(SCRIPT)
    assert lost == 0 and duplicated == 0 and not out_of_order, out_of_order[:5]
    assert moved, "no conversation went from the killed server to the survivor"
    assert answers_ok == CONVERSATIONS
    assert scraped_requests >= survivor_messages and scraped_answers >= survivor_messages


def purge_oldest(url: str, senders: List[str]) -> str:
    """Ages `senders` by 40 days and runs the retention script with 30 days against PostgreSQL."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "UPDATE events SET timestamp = timestamp - 40 * 86400 " "WHERE sender_id IN :senders"
                ).bindparams(sa.bindparam("senders", expanding=True)),
                {"senders": senders},
            )
            before = connection.execute(sa.text("SELECT COUNT(DISTINCT sender_id) FROM events")).scalar()
        env = dict(os.environ, **dict(servers.store_env(Path("/nonexistent")), TRACKER_STORE_URL=url))
        result = subprocess.run(
            [sys.executable, "scripts/purge_conversations.py", "--days", "30"],
            cwd=servers.ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert f"supprimées : {len(senders)} " in result.stdout, result.stdout
        with engine.connect() as connection:
            after = connection.execute(sa.text("SELECT COUNT(DISTINCT sender_id) FROM events")).scalar()
            left = connection.execute(
                sa.text("SELECT COUNT(*) FROM events WHERE sender_id IN :senders").bindparams(
                    sa.bindparam("senders", expanding=True)
                ),
                {"senders": senders},
            ).scalar()
        assert after == before - len(senders) and left == 0
        return f"{before} conversations, {len(senders)} aged by 40 days, {after} left after --days 30"
    finally:
        engine.dispose()
