"""channels/guard.py: masking of personal data, text cleaning, rate limit, refusals."""

from __future__ import annotations

import pytest

from channels import guard


@pytest.mark.parametrize(
    "text",
    [
        "écrivez-moi à jean.dupont@mairie-rennes.fr svp",
        "mon mail : a.b+achats@sous.domaine.gouv.fr.",
        "appelez le 06 12 34 56 78",
        "appelez le 0612345678 ou le 01.23.45.67.89",
        "mon numéro : +33 6 12 34 56 78",
        "mon numéro : +33612345678",
        "depuis l'étranger 0033 1 23 45 67 89",
        "Belgique : +32 2 12 34 56 78",
        "mon portable 6 12 34 56 78",
        "tapez 0 6 1 2 3 4 5 6 7 8",
        "en pleine chasse : ０６ １２ ３４ ５６ ７８",
        "jean.dupont＠mairie-rennes.fr",
        "écrivez à jean.dupont@mairie sans domaine",
        "jean.dupont (at) mairie-rennes.fr",
        "jean.dupont [at] mairie-rennes [dot] fr",
        "jean.dupont arobase mairie-rennes point fr",
    ],
)
def test_personal_data_is_masked(text: str) -> None:
    masked = guard.mask_personal_data(guard.clean_text(text))
    assert "@" not in masked
    assert not any(ch.isdigit() for ch in masked)
    assert guard.MASKED_EMAIL in masked or guard.MASKED_PHONE in masked
    for secret in ("jean.dupont", "a.b+achats", "12 34 56 78", "12345678", "23 45 67 89"):
        assert secret not in masked


@pytest.mark.parametrize(
    "text",
    [
        "Quel réseau pour un acheteur à Rennes ?",
        "le décret n° 2024-134 du 21 février 2024",
        "article L. 228-4, 25 % en 2030",
        "je suis dans le 35, code postal 35000",
        "un marché de 40 000 euros HT sur 2023-2025",
        "taux de 20 % pour les fournitures",
        "/ask_cna@0.01",
        '/ask_agec{"product": "papier"}',
        "un budget de 400 000 000 euros",
        "SIRET 123 456 789 00012",
        "look at this",
    ],
)
def test_ordinary_questions_are_not_altered(text: str) -> None:
    assert guard.mask_personal_data(text) == text


def test_both_kinds_in_one_message() -> None:
    masked = guard.mask_personal_data("Contact : marie@exemple.org, tél. 07 98 76 54 32. Merci")
    assert masked == f"Contact : {guard.MASKED_EMAIL}, tél. {guard.MASKED_PHONE}. Merci"


def test_clean_text_removes_controls_and_surrogates_but_keeps_lines() -> None:
    cleaned = guard.clean_text("a\x00b\x1bc\td\ne\x7f\x85\ud800f")
    assert cleaned == "a b c\td\ne   f"
    cleaned.encode("utf-8")  # a lone surrogate would raise here
    assert guard.clean_text("e\u0301") == "é"  # NFC


def test_safe_sender_hides_personal_data_and_keeps_conversations_apart() -> None:
    assert guard.safe_sender("visitor-42") == "visitor-42"
    first, second = guard.safe_sender("jean@exemple.fr"), guard.safe_sender("paul@exemple.fr")
    assert first.startswith("anon-") and "@" not in first
    assert first != second and first == guard.safe_sender("jean@exemple.fr")
    assert guard.safe_sender("06 12 34 56 78").startswith("anon-")


def test_sender_hash_is_keyed(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Without the key, a dictionary of addresses does not give the conversation id back."""
    import hashlib

    monkeypatch.setattr(guard, "SENDER_KEY_FILE", tmp_path / "var" / "sender-hash.key")
    monkeypatch.delenv("SENDER_HASH_KEY", raising=False)
    generated = guard.safe_sender("jean@exemple.fr")
    assert (tmp_path / "var" / "sender-hash.key").stat().st_mode & 0o777 == 0o600
    assert generated == guard.safe_sender("jean@exemple.fr")  # the kept key gives the same id
    unsalted = hashlib.sha256(b"jean@exemple.fr").hexdigest()
    assert unsalted[:24] not in generated
    monkeypatch.setenv("SENDER_HASH_KEY", "another-secret")
    assert guard.safe_sender("jean@exemple.fr") not in (generated, "anon-" + unsalted[:32])


def test_json_depth_is_measured_without_parsing() -> None:
    assert guard.json_depth(b'{"a": [1, {"b": "[[[["}]}') == 3
    deep = b"[" * 1000 + b"]" * 1000
    assert guard.json_depth(deep) == 1000
    with pytest.raises(ValueError):
        guard.load_json(deep)
    assert guard.load_json(b"[" * 10 + b"]" * 10) == [[[[[[[[[[]]]]]]]]]]


ENTITIES = {"buyer_type": frozenset({"etat", "collectivite"}), "product": None, "location": None}


@pytest.mark.parametrize(
    "payload, screened",
    [
        ('/ask_agec{"buyer_type": "roi"}', "/ask_agec"),
        ('/ask_agec{"product": "' + "x" * 2000 + '"}', "/ask_agec"),
        (
            '/ask_agec{"buyer_type": "etat", "product": "papier"}',
            '/ask_agec{"buyer_type": "etat", "product": "papier"}',
        ),
        ('/ask_agec@0.9{"secret_slot": "x", "buyer_type": 3}', "/ask_agec@0.9"),
        ('/ask_agec{"product": ["papier", {"x": 1}]}', "/ask_agec"),
        ("/ask_agec{not json}", "/ask_agec"),
        ("/ask_agec", "/ask_agec"),
        ("Quel réseau pour Rennes ?", "Quel réseau pour Rennes ?"),
    ],
)
def test_button_payloads_set_only_valid_entities(payload: str, screened: str) -> None:
    assert guard.screen_payload(payload, ENTITIES) == screened


def test_in_flight_messages_are_bounded_per_sender() -> None:
    in_flight = guard.InFlight(limit=2)
    assert in_flight.enter("a") and in_flight.enter("a") and not in_flight.enter("a")
    assert in_flight.enter("b")
    in_flight.leave("a")
    assert in_flight.enter("a")


def test_rate_limiter_window() -> None:
    limiter = guard.RateLimiter(limit=3, window_seconds=10)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("b", now=3)  # per sender
    assert limiter.allow("a", now=10.5)  # the first stamp left the window


def test_rate_limiter_forgets_silent_senders() -> None:
    limiter = guard.RateLimiter(limit=2, window_seconds=5)
    for index in range(1000):
        limiter.allow(f"sender-{index}", now=1.0)
    assert limiter.tracked_senders() == 1000
    limiter.allow("late", now=100.0)
    assert limiter.tracked_senders() == 1


def test_refusals() -> None:
    limiter = guard.RateLimiter(limit=1, window_seconds=60)
    assert guard.refusal("   \n", "s", limiter) == guard.EMPTY
    assert "trop long" in guard.refusal("x" * (guard.MAX_MESSAGE_CHARS + 1), "s", limiter)
    assert guard.refusal("bonjour", "s", limiter) is None
    assert guard.refusal("bonjour", "s", limiter) == guard.TOO_FAST
    assert guard.refusal("", "s", limiter) == guard.EMPTY  # empty messages do not use the quota


def test_mask_value_reaches_nested_metadata() -> None:
    metadata = {"page": "https://intranet/achats", "user": {"mail": "x@y.fr", "tags": ["0612345678"]}}
    masked = guard.mask_value(metadata)
    assert masked == {
        "page": "https://intranet/achats",
        "user": {"mail": guard.MASKED_EMAIL, "tags": [guard.MASKED_PHONE]},
    }
