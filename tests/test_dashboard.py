"""The dashboard's figures from hand-built events (pure functions, no server, no browser)."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from datetime import date, datetime, timezone
from typing import Any, Dict, List, Optional
from zoneinfo import ZoneInfo

import pytest

from actions.fallback import QUESTION_LABELS
from reporting import metrics
from reporting.events import read_messages, vote_of
from reporting.misses import COLUMNS, Miss, cluster, csv_text, group, similarity
from reporting.page import render
from reporting.store import Conversation

PARIS = ZoneInfo("Europe/Paris")
QUESTIONS = frozenset(QUESTION_LABELS)
DAY = 86400.0
T0 = datetime(2025, 6, 16, 9, 0, tzinfo=PARIS).timestamp()  # a Monday, 9:00 in Paris


def user(
    text: str,
    intent: str,
    at: float,
    confidence: float = 0.95,
    ranking: Optional[List[Dict]] = None,
    entities: Optional[List[Dict]] = None,
) -> Dict[str, Any]:
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
    }
    return {"event": "user", "text": text, "parse_data": parse, "timestamp": at}


def action(name: str, at: float) -> Dict[str, Any]:
    return {"event": "action", "name": name, "timestamp": at}


def bot(text: str, at: float) -> Dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": at}


def slot(name: str, value: Any, at: float) -> Dict[str, Any]:
    return {"event": "slot", "name": name, "value": value, "timestamp": at}


def session(at: float) -> List[Dict[str, Any]]:
    return [
        action("action_session_start", at),
        {"event": "session_started", "timestamp": at},
        action("action_listen", at),
    ]


def turn(text: str, intent: str, answer: str, at: float, delay: float = 0.5, **user_args: Any) -> List[Dict]:
    """A user message, the assistant's action and message `delay` seconds later, listening again."""
    return [
        user(text, intent, at, **user_args),
        action(answer, at + delay / 2),
        bot("…", at + delay),
        action("action_listen", at + delay),
    ]


def vote(value: str, at: float) -> Dict[str, Any]:
    """A vote in the documented shape (reporting.events): intent `feedback`, entity `vote`."""
    event = user(
        f'/feedback{{"vote":"{value}"}}', "feedback", at, 1.0, entities=[{"entity": "vote", "value": value}]
    )
    return event


FALLBACK_RANKING = [
    {"name": "nlu_fallback", "confidence": 0.6},
    {"name": "greet", "confidence": 0.3},
    {"name": "ask_rapidd", "confidence": 0.25},
]


def network_conversation(at: float) -> List[Dict[str, Any]]:
    """Asks for the network without a place, answers the form with Rennes, then asks about AGEC."""
    return (
        session(at)
        + turn("bonjour", "greet", "utter_greet", at + 1)
        + [
            user("quel est mon réseau régional ?", "ask_network", at + 10),
            slot("question", "ask_network", at + 10),
        ]
        + [
            action("location_form", at + 10.2),
            {"event": "active_loop", "name": "location_form", "timestamp": at},
            slot("requested_slot", "location", at + 10.3),
            bot("Où travaillez-vous ?", at + 10.4),
            action("action_listen", at + 10.4),
        ]
        # The NLU does not know this sentence, but the location form reads it (free text): understood.
        + [
            user("je travaille à Rennes", "nlu_fallback", at + 20, ranking=FALLBACK_RANKING),
            slot("location", "commune:35238", at + 20),
            action("location_form", at + 20.1),
            slot("location", "commune:35238", at + 20.1),
            slot("requested_slot", None, at + 20.1),
            {"event": "active_loop", "name": None, "timestamp": at + 20.1},
            action("action_answer", at + 20.2),
            bot("Le réseau breton…", at + 21.5),
            action("action_listen", at + 21.5),
        ]
        + turn("/ask_agec", "ask_agec", "action_answer", at + 30)
        + turn(
            "zblorf quux", "nlu_fallback", "action_clarify", at + 40, confidence=0.6, ranking=FALLBACK_RANKING
        )
        + turn("recette du boeuf bourguignon", "out_of_scope", "utter_out_of_scope", at + 50)
        + turn("euh oui", "affirm", "action_clarify", at + 60)
    )


def test_messages_know_their_topic_reason_location_and_latency() -> None:
    messages = read_messages("alice", network_conversation(T0), QUESTIONS)
    by_text = {m.text: m for m in messages}
    assert [m.text for m in messages] == [
        "bonjour",
        "quel est mon réseau régional ?",
        "je travaille à Rennes",
        "/ask_agec",
        "zblorf quux",
        "recette du boeuf bourguignon",
        "euh oui",
    ]
    assert not by_text["bonjour"].question and by_text["bonjour"].latency == pytest.approx(0.5)

    network = by_text["quel est mon réseau régional ?"]
    assert (network.question, network.topic, network.reason) == (True, "ask_network", "")
    assert network.location == "commune:35238"  # given in answer to the form, before the next question
    assert network.latency == pytest.approx(0.4)
    answer = by_text["je travaille à Rennes"]
    assert (answer.question, answer.reason, answer.latency) == (False, "", pytest.approx(1.5))
    assert (network.answered_by, answer.answered_by) == ("location_form", "action_answer")

    click = by_text["/ask_agec"]
    assert (click.typed, click.topic, click.reason) == (False, "ask_agec", "")
    assert click.location == "commune:35238"  # the place is remembered for the later questions

    gibberish = by_text["zblorf quux"]
    assert (gibberish.reason, gibberish.topic) == ("nlu_fallback", "ask_rapidd")  # likeliest question intent
    assert (gibberish.best_intent, gibberish.confidence) == ("greet", 0.3)  # as the CSV always had it

    out = by_text["recette du boeuf bourguignon"]
    assert (out.reason, out.topic, out.question) == ("out_of_scope", "", True)
    clarified = by_text["euh oui"]
    assert (clarified.reason, clarified.question, clarified.topic) == ("action_clarify", True, "")


def test_a_form_answer_the_form_refused_is_not_understood() -> None:
    events = [
        user("quel est mon réseau ?", "ask_network", T0),
        action("location_form", T0 + 0.1),
        {"event": "active_loop", "name": "location_form", "timestamp": T0 + 0.1},
        slot("requested_slot", "location", T0 + 0.1),
        bot("Où travaillez-vous ?", T0 + 0.2),
        action("action_listen", T0 + 0.2),
    ] + [
        user("blablabla", "nlu_fallback", T0 + 10, ranking=FALLBACK_RANKING),
        slot("location", "blablabla", T0 + 10),
        action("location_form", T0 + 10.1),
        slot("location", None, T0 + 10.1),
        bot("Je n'ai pas reconnu ce lieu.", T0 + 10.2),
        action("action_listen", T0 + 10.2),
    ]
    network, refused = read_messages("zoe", events, QUESTIONS)
    assert (refused.question, refused.reason, refused.topic) == (True, "nlu_fallback", "ask_rapidd")
    assert network.location == "" and refused.location == ""


def test_a_question_before_any_place_has_no_region() -> None:
    events = (
        turn("la loi AGEC pour du papier ?", "ask_agec", "action_answer", T0)
        + turn("quel réseau à Lyon ?", "ask_network", "action_answer", T0 + 10)
        + [slot("location", "commune:69123", T0 + 10.1)]
    )
    agec, network = read_messages("bob", events, QUESTIONS)
    assert (agec.location, network.location) == ("", "commune:69123")
    regions = metrics.per_region([agec, network])
    assert [(r.region, r.understood, r.missed) for r in regions] == [
        ("Auvergne-Rhône-Alpes", 1, 0),
        (metrics.NO_PLACE, 1, 0),
    ]


def test_regions_from_communes_departments_and_regions() -> None:
    assert metrics.region_name("commune:35238") == "Bretagne"
    assert metrics.region_name("departement:29") == "Bretagne"
    assert metrics.region_name("departement:2a") == "Corse"
    assert metrics.region_name("region:84") == "Auvergne-Rhône-Alpes"
    assert metrics.region_name("je suis à Rennes") == metrics.NO_PLACE  # raw text, never shown
    assert metrics.region_name("commune:00000") == metrics.NO_PLACE


def test_conversations_and_messages_per_local_day_sessions_and_empty_days() -> None:
    late = datetime(2025, 6, 16, 23, 30, tzinfo=timezone.utc).timestamp()  # already the 17th in Paris
    conversations = [
        Conversation(
            "alice",
            network_conversation(T0)
            + session(T0 + 2 * DAY)
            + turn("merci", "thank", "utter_thank", T0 + 2 * DAY + 5),
        ),
        Conversation("bob", turn("bonjour", "greet", "utter_greet", late)),
    ]
    board = metrics.build(conversations, QUESTIONS, PARIS)
    assert [(d.day, d.conversations, d.messages, d.typed, d.misses) for d in board.days] == [
        (date(2025, 6, 16), 1, 7, 6, 3),
        (date(2025, 6, 17), 1, 1, 1, 0),
        (date(2025, 6, 18), 1, 1, 1, 0),  # alice's second session is a second conversation
    ]
    assert board.conversations == 3 and len(board.said) == 9 and board.questions == 5
    assert board.days[0].miss_rate == pytest.approx(0.5)


def test_questions_per_topic_split_typed_clicked_and_missed() -> None:
    events = (
        turn("les clauses sociales ?", "ask_social_clause", "action_answer", T0)
        + turn("/ask_social_clause", "ask_social_clause", "action_answer", T0 + 10)
        + turn(
            "rapid quoi",
            "nlu_fallback",
            "action_clarify",
            T0 + 20,
            ranking=[
                {"name": "nlu_fallback", "confidence": 0.6},
                {"name": "ask_social_clause", "confidence": 0.3},
            ],
        )
        + turn("recette de cuisine", "out_of_scope", "utter_out_of_scope", T0 + 30)
        + turn(
            "???",
            "nlu_fallback",
            "action_clarify",
            T0 + 40,
            ranking=[{"name": "nlu_fallback", "confidence": 0.7}, {"name": "greet", "confidence": 0.2}],
        )
    )
    topics = metrics.per_topic(read_messages("carol", events, QUESTIONS))
    assert [(t.topic, t.typed, t.clicked, t.missed) for t in topics] == [
        ("ask_social_clause", 1, 1, 1),
        (metrics.UNKNOWN, 0, 0, 1),
        (metrics.OUT_OF_SCOPE, 0, 0, 1),
    ]


def test_the_miss_grid_counts_typed_questions_per_topic_and_day_then_week() -> None:
    messages = read_messages(
        "dan",
        network_conversation(T0) + turn("c'est quoi rapidd", "ask_rapidd", "action_answer", T0 + DAY),
        QUESTIONS,
    )
    days = [d.day for d in metrics.per_day(messages, PARIS)]
    grid = metrics.miss_grid(messages, PARIS, days)
    assert grid.rows == ["ask_rapidd", "ask_network"] and not grid.weekly  # the most asked first
    assert grid.periods == [date(2025, 6, 16), date(2025, 6, 17)]
    assert grid.rate("ask_rapidd", date(2025, 6, 16)) == 1.0  # "zblorf quux", likeliest topic RAPIDD
    assert grid.rate("ask_rapidd", date(2025, 6, 17)) == 0.0
    assert grid.rate("ask_network", date(2025, 6, 17)) is None
    assert grid.row_total("ask_rapidd") == (1, 2)

    weekly = metrics.miss_grid(messages, PARIS, days + [date(2025, 8, 1)])
    assert (
        weekly.weekly and weekly.periods[0] == date(2025, 6, 16) and weekly.periods[-1] == date(2025, 7, 28)
    )
    assert weekly.rate("ask_rapidd", date(2025, 6, 16)) == 0.5


def test_votes_in_the_documented_shape_count_for_the_answered_topic_only() -> None:
    events = (
        turn("la loi AGEC pour du papier ?", "ask_agec", "action_answer", T0)
        + [vote("down", T0 + 5)]
        + turn("et le PNAD ?", "ask_pnad", "action_answer", T0 + 10)
        + [vote("up", T0 + 15)]
        + turn("merci", "thank", "utter_thank", T0 + 20)
        + [vote("down", T0 + 25)]
    )
    assert vote_of(events[0]) == "" and vote_of(vote("down", T0)) == "down"
    board = metrics.build([Conversation("eve", events)], QUESTIONS, PARIS)
    assert len(board.said) == 3 and board.votes == {"down": 2, "up": 1}
    grid = board.votes_grid
    assert grid.row_total("ask_agec") == (1, 1)
    assert grid.row_total("ask_pnad") == (1, 2)  # the thanks still follow the PNAD answer
    assert board.latency.count == 3  # votes have no latency


def test_percentiles_interpolate_like_numpy() -> None:
    values = [0.4, 0.1, 0.3, 0.2]
    assert metrics.percentile(values, 50) == pytest.approx(0.25)
    assert metrics.percentile(values, 90) == pytest.approx(0.37)
    assert metrics.percentile([2.0], 95) == 2.0
    stats = metrics.latency(read_messages("f", network_conversation(T0), QUESTIONS))
    assert stats.count == 7 and stats.maximum == pytest.approx(1.5)
    assert stats.percentiles[50] == pytest.approx(0.5)


def test_near_duplicates_share_a_group_but_other_questions_do_not() -> None:
    assert similarity("zblorf quux", "quux zblorf !") == 1.0
    assert similarity("quel temps fait il", "quel temps fait il demain") >= 0.75
    assert similarity("c est quoi le reseau", "c est quoi le resau") == 1.0  # a typo
    assert similarity("c est quoi rapidd", "c est quoi pnad") < 0.75
    texts = [
        "zblorf quux",
        "Zblorf  quux",
        "quux zblorf !",
        "c'est quoi rapidd",
        "c'est quoi pnad",
        "zblorf quux",
    ]
    misses = [Miss(text, "nlu_fallback", "", 0.4, T0 + i, f"s{i % 2}") for i, text in enumerate(texts)]
    groups = cluster(group(misses))
    assert [(g.message, g.count, len(g.rows)) for g in groups][0] == ("zblorf quux", 4, 2)
    assert len(groups) == 3 and groups[0].conversations == 2


def test_csv_export_has_the_report_fallbacks_columns_and_no_formula() -> None:
    misses = [
        Miss('=HYPERLINK("x")', "nlu_fallback", "ask_pnad", 0.4, T0, "a"),
        Miss("où est-ce", "out_of_scope", "out_of_scope", 0.9, T0, "b"),
    ]
    text = csv_text(cluster(group(misses)))
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == COLUMNS
    assert {row["message"] for row in rows} == {'\'=HYPERLINK("x")', "où est-ce"}


def test_the_page_is_self_contained_escaped_and_says_when_there_are_no_votes() -> None:
    events = network_conversation(T0) + turn(
        '<img src=x onerror="alert(1)">', "nlu_fallback", "action_clarify", T0 + 100, ranking=FALLBACK_RANKING
    )
    board = metrics.build([Conversation("alice", events)], QUESTIONS, PARIS)
    html = render(board, QUESTION_LABELS, PARIS, "stockage SQLite", datetime(2025, 6, 17, 8, tzinfo=PARIS))
    assert "<img src=x" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+href=", html)
    assert "Pas encore de votes" in html
    for div in ("fig-days", "fig-miss-rate", "fig-topics", "fig-regions", "fig-miss-grid", "fig-latency"):
        assert f'id="{div}"' in html
    data = json.loads(re.search(r'id="dashboard-data">(.*?)</script>', html).group(1))
    assert (data["conversations"], data["messages"], data["misses"]) == (1, 8, 4)
    assert data["regions"] == {"Bretagne": [2, 4]}
    link = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1)
    exported = base64.b64decode(link).decode("utf-8")
    assert exported.splitlines()[0] == "\ufeff" + ",".join(COLUMNS)
    assert len(exported.splitlines()) == 5


def test_an_empty_store_gives_a_page_that_says_so() -> None:
    board = metrics.build([], QUESTIONS, PARIS)
    html = render(board, QUESTION_LABELS, PARIS, "stockage SQLite", datetime(2025, 6, 17, 8, tzinfo=PARIS))
    assert "Aucune conversation" in html and "Aucun message non compris" in html


def test_with_votes_and_several_days_the_page_draws_their_charts() -> None:
    events = (
        turn("la loi AGEC pour du papier ?", "ask_agec", "action_answer", T0)
        + [vote("down", T0 + 5)]
        + session(T0 + DAY)
        + turn("et le PNAD ?", "ask_pnad", "action_answer", T0 + DAY + 10)
        + [vote("up", T0 + DAY + 15)]
    )
    board = metrics.build([Conversation("eve", events)], QUESTIONS, PARIS)
    html = render(board, QUESTION_LABELS, PARIS, "stockage SQLite", datetime(2025, 6, 17, 8, tzinfo=PARIS))
    assert 'id="fig-vote-grid"' in html and 'id="fig-latency-days"' in html
    assert "Pas encore de votes" not in html and "1 sur 2 votes" in html


def test_the_latest_vote_on_an_answer_counts_for_that_answer_topic() -> None:
    """Issue 13: a vote names the answer it rates; a changed or retried vote counts once."""

    def rated(value: str, answer: str, at: float) -> Dict[str, Any]:
        payload = f'/feedback{{"vote":"{value}","answer":"{answer}"}}'
        entities = [{"entity": "vote", "value": value}, {"entity": "answer", "value": answer}]
        return user(payload, "feedback", at, 1.0, entities=entities)

    answer = {
        "event": "bot",
        "text": "…",
        "timestamp": 3.0,
        "data": {"custom": {"kind": "answer", "id": "a1", "topic": "ask_agec"}},
    }
    events = (
        session(0.0)
        + [
            user("loi agec ?", "ask_agec", 2.0),
            action("action_answer", 2.5),
            answer,
            action("action_listen", 3),
        ]
        + turn("le guichet vert ?", "ask_guichet_vert", "action_answer", 10.0)
        + [
            rated("down", "a1", 20.0),
            rated("up", "a1", 21.0),
            rated("up", "a1", 22.0),
            rated("down", "zz", 23.0),
        ]
    )
    votes = [m for m in read_messages("s", events, ["ask_agec", "ask_guichet_vert"]) if m.vote]
    assert [(m.answer, m.vote, m.topic) for m in votes] == [
        ("a1", "up", "ask_agec"),
        ("zz", "down", "ask_guichet_vert"),
    ]


def test_thumbs_down_comments_are_kept_changed_listed_masked_and_exported() -> None:
    """Issue 13: a comment after a 👎 stays with the latest vote on its answer (changed: the latest; a 👎
    sent again without one keeps it; a 👍 after it drops it); the page lists the 👎 with the answered
    message, the answer's topic and knowledge entries and the comment, masked and escaped; the export
    to annotate has them after the not-understood messages."""

    def rated(value: str, answer: str, at: float, comment: str = "") -> Dict[str, Any]:
        entities = [{"entity": "vote", "value": value}, {"entity": "answer", "value": answer}]
        entities += [{"entity": "comment", "value": comment}] if comment else []
        return user("/feedback{…}", "feedback", at, 1.0, entities=entities)

    def answered(text: str, intent: str, answer_id: str, entries: List[str], at: float) -> List[Dict]:
        custom = {"kind": "answer", "answer": "…", "id": answer_id, "topic": intent, "entries": entries}
        return [
            user(text, intent, at),
            action("action_answer", at + 0.2),
            {"event": "bot", "text": "…", "timestamp": at + 0.5, "data": {"custom": custom}},
            action("action_listen", at + 0.5),
        ]

    events = (
        session(T0)
        + answered("la loi AGEC pour du papier ?", "ask_agec", "a1", ["agec.yml:papier"], T0 + 1)
        + answered(
            "quel réseau à Rennes ?",
            "ask_network",
            "b2",
            ["topics.yml:ask_network", "networks.yml:reseau_breton"],
            T0 + 10,
        )
        + answered("le guichet vert ?", "ask_guichet_vert", "c3", ["topics.yml:ask_guichet_vert"], T0 + 20)
        + [
            rated("down", "a1", T0 + 30),
            rated("down", "a1", T0 + 31, "le taux pour le papier recyclé"),
            rated("down", "a1", T0 + 32, 'écrivez à jo@ville.fr <b onmouseover="x">'),  # changed
            rated("down", "a1", T0 + 33),  # the 👎 again (a retried click): the comment stays
            rated("down", "b2", T0 + 40, "pas le bon réseau"),
            rated("up", "b2", T0 + 41),  # changed to 👍: no comment any more
            rated("down", "c3", T0 + 50),
        ]
    )
    board = metrics.build([Conversation("eve", events)], QUESTIONS, PARIS)
    assert board.votes == {"down": 2, "up": 1}
    assert [(m.answer, m.topic, m.entries, m.asked, m.comment) for m in board.downvotes] == [
        ("c3", "ask_guichet_vert", ("topics.yml:ask_guichet_vert",), "le guichet vert ?", ""),
        (
            "a1",
            "ask_agec",
            ("agec.yml:papier",),
            "la loi AGEC pour du papier ?",
            'écrivez à jo@ville.fr <b onmouseover="x">',
        ),
    ]

    html = render(board, QUESTION_LABELS, PARIS, "stockage SQLite", datetime(2025, 6, 17, 8, tzinfo=PARIS))
    section = re.search(r'<section class="card wide" id="downvotes">(.*?)</section>', html, re.DOTALL).group(
        1
    )
    assert section.index("le guichet vert ?") < section.index("la loi AGEC pour du papier ?")  # newest first
    assert "écrivez à [adresse e-mail masquée] &lt;b onmouseover=&quot;x&quot;&gt;" in section
    assert "jo@ville.fr" not in html and "<b onmouseover" not in html
    assert "<code>agec.yml:papier</code>" in section and QUESTION_LABELS["ask_agec"] in section
    assert "sans commentaire" in section and "pas le bon réseau" not in html
    data = json.loads(re.search(r'id="dashboard-data">(.*?)</script>', html).group(1))
    assert [d["comment"] for d in data["downvotes"]] == [
        "",
        'écrivez à [adresse e-mail masquée] <b onmouseover="x">',
    ]

    link = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1)
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(link).decode("utf-8")[1:])))
    assert list(rows[0]) == COLUMNS
    assert [(r["message"], r["reason"], r["best_intent"], r["entries"], r["comment"]) for r in rows] == [
        ("le guichet vert ?", "thumbs_down", "ask_guichet_vert", "topics.yml:ask_guichet_vert", ""),
        (
            "la loi AGEC pour du papier ?",
            "thumbs_down",
            "ask_agec",
            "agec.yml:papier",
            'écrivez à [adresse e-mail masquée] <b onmouseover="x">',
        ),
    ]


def test_no_thumbs_down_is_said() -> None:
    board = metrics.build([Conversation("alice", network_conversation(T0))], QUESTIONS, PARIS)
    html = render(board, QUESTION_LABELS, PARIS, "stockage SQLite", datetime(2025, 6, 17, 8, tzinfo=PARIS))
    assert "Aucune réponse désapprouvée" in html
