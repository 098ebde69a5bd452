"""Bad input thrown at the running REST endpoint (the widget posts to the same URL).

Every request must get either a 2xx with polite French bot messages or a clear 4xx with a French
explanation: never a 5xx, a hang (30 s timeout) or a crash; afterwards the assistant still answers
a normal question correctly. The last test prints the figures (requests tried, 5xx = 0).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import uuid
from collections import Counter
from typing import Any, Dict, List, Optional, Tuple, Union

import aiohttp
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels import guard
from tests.conftest import Assistant

STATS: Counter = Counter()
TIMEOUT = 30
FLOOD = 2000


def new_sender() -> str:
    return f"bad-{uuid.uuid4().hex[:12]}"


def record(status: int) -> None:
    STATS["requests"] += 1
    STATS[f"{status // 100}xx"] += 1


def post(
    assistant: Assistant,
    body: Union[bytes, Dict[str, Any], List[Any], None],
    content_type: str = "application/json",
) -> requests.Response:
    """Posts raw bytes or a JSON value; checks the contract of every answer."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        data=data,
        headers={"Content-Type": content_type},
        timeout=TIMEOUT,
    )
    record(response.status_code)
    check_contract(response.status_code, response.content)
    return response


def check_contract(status: int, content: bytes) -> None:
    assert status < 500, f"{status}: {content[:300]!r}"
    if 200 <= status < 300 or status == 429:
        messages = json.loads(content)
        assert isinstance(messages, list)
        for message in messages:
            assert message.get("text") or message.get("buttons") or message.get("custom")
            assert "Traceback" not in message.get("text", "")
    elif status in (400, 409, 413, 415):
        assert content, "a 4xx must explain itself"


def texts(response: requests.Response) -> str:
    return "\n".join(m.get("text", "") for m in response.json())


def message(text: Any, sender: Optional[str] = None) -> Dict[str, Any]:
    return {"sender": sender or new_sender(), "message": text}


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \r\n", "\x00\x01\x1f"])
def test_empty_and_whitespace_messages_get_a_polite_answer(assistant: Assistant, text: str) -> None:
    response = post(assistant, message(text))
    assert response.status_code == 200
    assert texts(response) == guard.EMPTY


def test_one_megabyte_message_is_refused_with_413(assistant: Assistant) -> None:
    response = post(assistant, message("a" * 1_000_000))
    assert response.status_code == 413


def test_long_message_gets_a_polite_answer_without_reaching_the_model(assistant: Assistant) -> None:
    response = post(assistant, message("Quel réseau pour un acheteur à Rennes ? " * 200))
    assert response.status_code == 200
    assert "trop long" in texts(response) and "RESECO" not in texts(response)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"{not json}",
        b"[]",
        b'"bonjour"',
        b"null",
        b"42",
        b"\x00\x00",
        b'{"sender": "a", "message": "\xff\xfe\xfd"}',
        b'\xef\xbb\xbf{"sender": "a", "message": "x"}',
        b"sender=a&message=bonjour",
    ],
)
def test_invalid_bodies_get_400(assistant: Assistant, body: bytes) -> None:
    response = post(assistant, body)
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "a"},
        {"message": "bonjour"},
        {"sender": None, "message": "bonjour"},
        {"sender": 42, "message": "bonjour"},
        {"sender": ["a"], "message": "bonjour"},
        {"sender": "", "message": "bonjour"},
        {"sender": "   ", "message": "bonjour"},
        {"sender": "x" * 1000, "message": "bonjour"},
        {"sender": "a", "message": 42},
        {"sender": "a", "message": 4.2},
        {"sender": "a", "message": ["bonjour"]},
        {"sender": "a", "message": None},
        {"sender": "a", "message": {"text": "bonjour"}},
        {"sender": "a", "message": True},
        {"sender": "a", "message": "bonjour", "metadata": "x"},
        {"sender": "a", "message": "bonjour", "metadata": {"big": "x" * 10_000}},
        {"sender": "a", "message": "bonjour", "message_id": "../../etc"},
        {"sender": "a", "message": "bonjour", "message_id": 7},
    ],
)
def test_wrong_types_and_missing_fields_get_400(assistant: Assistant, body: Dict[str, Any]) -> None:
    response = post(assistant, body)
    assert response.status_code == 400
    assert response.json()["message"]


def test_other_methods_get_4xx(assistant: Assistant) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = requests.request(method, f"{assistant.url}/webhooks/rest/webhook", timeout=TIMEOUT)
        record(response.status_code)
        assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "text",
    [
        "bonjour\x00\x07\x1b[31m\x7f",
        "🌱🌍♻️",
        "😀" * 50,
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)> Quel réseau ?",
        "'; DROP TABLE events; --",
        "1' OR '1'='1",
        "Robert'); DELETE FROM events WHERE ('1'='1",
        "/restart",
        "/nonexistent_intent",
        '/ask_network{"location": "region:53"',
        '/ask_agec{"product": 12}',
        "${jndi:ldap://127.0.0.1/a}",
        "{{7*7}} %s %n",
        "\u202eevil\u202c",
        "a" * guard.MAX_MESSAGE_CHARS,
    ],
)
def test_strange_text_gets_a_polite_answer(assistant: Assistant, text: str) -> None:
    response = post(assistant, message(text))
    assert response.status_code == 200
    answer = texts(response)
    assert answer.strip()
    assert "<script" not in answer and "onerror" not in answer and "Traceback" not in answer


def test_a_retried_message_id_is_answered_from_storage(assistant: Assistant) -> None:
    sender = new_sender()
    question = "Quel réseau pour un acheteur à Rennes ?"
    first = post(assistant, dict(message(question, sender), message_id="q-1"))
    # Same id, same text: a retry of a message already stored is not processed again.
    retry = post(assistant, dict(message(question, sender), message_id="q-1"))
    assert first.status_code == retry.status_code == 200
    assert "RESECO" in texts(first) and retry.json() == first.json()
    # Same id, other text: not a retry; the stored answer is never replayed for it.
    reused = post(assistant, dict(message("merci", sender), message_id="q-1"))
    assert reused.status_code == 409 and "message_id" in reused.json()["message"]
    fresh = post(assistant, dict(message("merci", sender), message_id="q-2"))
    assert fresh.status_code == 200 and "RESECO" not in texts(fresh)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_only_json_is_accepted(assistant: Assistant, content_type: str) -> None:
    """text/plain and forms need no CORS preflight: any web page could make a browser post them."""
    response = post(assistant, message("Quel réseau pour un acheteur à Rennes ?"), content_type=content_type)
    assert response.status_code == 415
    assert "application/json" in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 1000 + b"]" * 1000,
        b'{"sender": "a", "message": "x", "metadata": {"a": ' + b"[" * 600 + b"]" * 600 + b"}}",
        b'{"sender": "a", "message": ' + b"{" * 500 + b"}" * 500 + b"}",
        b'{"sender": "a", "message": "x", "metadata": ' + b'{"a":' * 500 + b"1" + b"}" * 500 + b"}",
    ],
)
def test_deeply_nested_json_gets_400_and_one_short_log_line(assistant: Assistant, body: bytes) -> None:
    log_size = assistant.log.stat().st_size
    response = post(assistant, body)
    assert response.status_code == 400 and response.json()["message"]
    written = assistant.log.read_bytes()[log_size:]
    assert b"Traceback" not in written and len(written) < 2000


def stored_events(assistant: Assistant, sender: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(assistant.db) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    return [json.loads(data) for (data,) in rows]


def test_button_payloads_cannot_put_any_value_in_a_slot(assistant: Assistant) -> None:
    sender = new_sender()
    payload = '/ask_agec{"buyer_type": "roi du monde", "product": "' + "p" * 2000 + '"}'
    response = post(assistant, message(payload, sender))
    assert response.status_code == 200 and texts(response)
    slots = [e for e in stored_events(assistant, sender) if e["event"] == "slot"]
    assert not [e for e in slots if e["name"] in ("buyer_type", "product") and e["value"]]
    good = post(assistant, message('/ask_agec{"buyer_type": "entreprise"}', sender))
    assert good.status_code == 200
    slots = [e for e in stored_events(assistant, sender) if e["event"] == "slot"]
    assert ("buyer_type", "entreprise") in [(e["name"], e["value"]) for e in slots]


def test_personal_data_in_every_disguise_is_never_stored(assistant: Assistant) -> None:
    sender = new_sender()
    text = (
        "Rappelez-moi au 0 6 1 2 3 4 5 6 7 8, au ０６ １２ ３４ ５６ ７８ ou au 6 12 34 56 78, "
        "ou écrivez à jean.dupont (at) mairie-rennes.fr ou marie＠mairie"
    )
    assert post(assistant, message(text, sender)).status_code == 200
    stored = json.dumps(stored_events(assistant, sender), ensure_ascii=False)
    for secret in ("12 34", "1 2 3 4", "１２", "jean.dupont", "marie", "mairie-rennes"):
        assert secret not in stored, secret
    assert guard.MASKED_PHONE in stored and guard.MASKED_EMAIL in stored


def test_a_burst_from_one_sender_is_refused_at_once_not_queued(
    assistant: Assistant, capsys: pytest.CaptureFixture
) -> None:
    """500 messages of one conversation at once: a few are processed, the others get 429 at once."""
    sender = new_sender()

    async def burst() -> Tuple[Counter, float]:
        statuses: Counter = Counter()
        slowest_refusal = 0.0
        connector, timeout = aiohttp.TCPConnector(limit=500), aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

            async def one(index: int) -> None:
                nonlocal slowest_refusal
                started = time.perf_counter()
                async with session.post(
                    f"{assistant.url}/webhooks/rest/webhook", json=message(f"bonjour {index}", sender)
                ) as response:
                    content = await response.read()
                    record(response.status)
                    check_contract(response.status, content)
                    statuses[response.status] += 1
                    if response.status == 429:
                        assert json.loads(content)[0]["text"] in (guard.STILL_ANSWERING, guard.TOO_FAST)
                        slowest_refusal = max(slowest_refusal, time.perf_counter() - started)

            await asyncio.gather(*(one(i) for i in range(500)))
        return statuses, slowest_refusal

    statuses, slowest_refusal = asyncio.run(burst())
    assert statuses[200] + statuses[429] == 500
    assert 1 <= statuses[200] <= guard.RATE_LIMIT_MESSAGES
    with capsys.disabled():
        print(
            f"\nburst of 500 from one sender: {statuses[200]} answered, {statuses[429]} refused with 429, "
            f"slowest refusal {slowest_refusal:.2f} s"
        )


def test_thousands_of_messages_from_one_sender_are_slowed_down_politely(assistant: Assistant) -> None:
    sender = new_sender()

    async def flood() -> Counter:
        statuses: Counter = Counter()
        # No more at once than the in-flight limit: here only the rate limit refuses.
        slots = asyncio.Semaphore(guard.MAX_IN_FLIGHT_PER_SENDER)
        timeout = aiohttp.ClientTimeout(total=TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session:

            async def one(index: int) -> None:
                async with (
                    slots,
                    session.post(
                        f"{assistant.url}/webhooks/rest/webhook", json=message(f"bonjour {index}", sender)
                    ) as response,
                ):
                    content = await response.read()
                    record(response.status)
                    check_contract(response.status, content)
                    statuses[response.status] += 1
                    if response.status == 429:
                        assert json.loads(content)[0]["text"] in (guard.TOO_FAST, guard.STILL_ANSWERING)
                        assert response.headers["Retry-After"]

            await asyncio.gather(*(one(i) for i in range(FLOOD)))
        return statuses

    statuses = asyncio.run(flood())
    assert sum(statuses.values()) == FLOOD
    assert statuses[200] == guard.RATE_LIMIT_MESSAGES
    assert statuses[429] == FLOOD - guard.RATE_LIMIT_MESSAGES
    other = post(assistant, message("bonjour"))  # another sender is not affected
    assert other.status_code == 200 and texts(other) != guard.TOO_FAST


JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(blacklist_categories=()), max_size=50)
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=300)
SENDER = st.uuids().map(lambda u: f"fuzz-{u.hex[:12]}")
FUZZ_BODY = st.one_of(
    st.fixed_dictionaries({"sender": SENDER, "message": ANY_TEXT}),  # valid: reaches the model
    st.fixed_dictionaries(
        {"sender": SENDER, "message": ANY_TEXT},
        optional={
            "metadata": JSON_VALUE,
            "message_id": ANY_TEXT | JSON_VALUE,
            "input_channel": ANY_TEXT | JSON_VALUE,
        },
    ),
    st.fixed_dictionaries({"sender": st.text(max_size=20) | JSON_VALUE, "message": ANY_TEXT | JSON_VALUE}),
    st.dictionaries(
        st.sampled_from(["sender", "message", "metadata", "message_id", "input_channel", "x"]),
        JSON_VALUE | ANY_TEXT,
        max_size=5,
    ),
    st.binary(max_size=300),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(body=FUZZ_BODY)
def test_fuzzed_requests_never_get_a_5xx(assistant: Assistant, body: Any) -> None:
    post(assistant, body)


def test_api_is_off_by_default(assistant: Assistant) -> None:
    for path in ("/status", "/conversations/x/tracker", "/model", "/version"):
        response = requests.get(f"{assistant.url}{path}", timeout=TIMEOUT)
        record(response.status_code)
        assert response.status_code == 404, path


def test_assistant_still_answers_normal_questions(
    assistant: Assistant, capsys: pytest.CaptureFixture
) -> None:
    text = assistant.text("Quel réseau pour un acheteur à Rennes ?", new_sender())
    record(200)
    assert "Bretagne" in text and "RESECO" in text
    with capsys.disabled():
        print(
            f"\nbad input: requests tried = {STATS['requests']}, 2xx = {STATS['2xx']}, "
            f"4xx = {STATS['4xx']}, 5xx = {STATS['5xx']}"
        )
    assert STATS["5xx"] == 0
    assert STATS["requests"] > FLOOD
