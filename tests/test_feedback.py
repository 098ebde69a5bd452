"""Issue 13: votes on answers (payload, action, channels' buttons) and the handoff text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import places
from actions.feedback import ActionFeedback, ActionHandoff, stamp
from actions.handoff import NO_QUESTION, HandoffContext, handoff_reply, handoff_text
from actions.knowledge import knowledge_base
from actions.render import BUYER_TYPE_LABELS, PRIVATE_BUYER_TYPES
from actions.reply import (
    HANDOFF_PAYLOAD,
    Reply,
    SourceLink,
    parse_payload,
    to_payload,
    vote_buttons,
    vote_payload,
)
from channels.guard import screen_payload

KNOWLEDGE = knowledge_base()
ARBE_FORM = "https://www.arbe-regionsud.org/36979-le-guichet-vert.html?parentId=33475"
NATIONAL_PAGE = "https://achats-durables.gouv.fr/reseaux-nationaux-locaux-accompagner-acheteurs-publics-11"
ENTITIES = {"vote": frozenset({"up", "down"}), "answer": None, "comment": None, "location": None}


def user(text: str, intent: str, entities: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": intent}, "entities": entities or []},
    }


def answer_event(answer_id: str, topic: str) -> Dict[str, Any]:
    custom = {
        "kind": "answer",
        "answer": "…",
        "id": answer_id,
        "topic": topic,
        "entries": [f"topics.yml:{topic}"],
    }
    return {"event": "bot", "text": "…", "data": {"custom": custom}}


def tracker(events: List[Dict[str, Any]], slots: Optional[Dict[str, Any]] = None) -> Tracker:
    latest = next(e for e in reversed(events) if e["event"] == "user")
    latest = {"text": latest["text"], **latest["parse_data"]}
    all_slots = {"location": None, "buyer_type": None, "product": None, "question": None, **(slots or {})}
    return Tracker("t", all_slots, latest, events, False, None, {}, "action_listen")


# --- the payload of an answer that can be rated ---------------------------------------------------------


def test_a_knowledge_answer_gets_an_id_its_topic_and_entries_and_channels_read_them_back() -> None:
    reply = Reply("Réponse.", sources=[SourceLink("Cours", "https://example.org/c", date(2026, 11, 30))])
    stamped = stamp(
        reply, tracker([user("guichet vert ?", "ask_guichet_vert")], {"question": "ask_guichet_vert"})
    )
    assert len(stamped.id) == 12 and stamped.topic == "ask_guichet_vert"
    assert stamped.entries == ["topics.yml:ask_guichet_vert"]
    back = parse_payload(json.loads(json.dumps(to_payload(stamped))))
    assert back is not None and (back.id, back.topic, back.entries) == (
        stamped.id,
        stamped.topic,
        stamped.entries,
    )
    titles = [(b["title"], b["label"]) for b in vote_buttons(back)]
    assert titles == [("👍", "Réponse utile"), ("👎", "Réponse pas utile")]


def test_a_reply_without_sources_is_not_rated() -> None:
    reply = stamp(Reply("Où travaillez-vous ?"), tracker([user("réseau", "ask_network")]))
    assert reply.id == "" and vote_buttons(reply) == [] and "id" not in to_payload(reply)


def test_a_bad_answer_id_is_dropped_when_read_back() -> None:
    back = parse_payload({"kind": "answer", "answer": "x", "id": "<script>"})
    assert back is not None and back.id == "" and vote_buttons(back) == []


def test_vote_payloads_pass_the_channel_guard_and_nothing_else_does() -> None:
    down = vote_payload("a1b2c3", "down", "Il manquait le taux pour le papier")
    assert screen_payload(down, ENTITIES) == down
    assert (
        screen_payload('/feedback{"vote": "maybe", "answer": "a1"}', ENTITIES) == '/feedback{"answer": "a1"}'
    )
    assert screen_payload('/feedback{"vote": "up", "secret": "x"}', ENTITIES) == '/feedback{"vote": "up"}'
    assert len(json.loads(vote_payload("a", "down", "x" * 300)[len("/feedback") :])["comment"]) == 100


# --- action_feedback ------------------------------------------------------------------------------


async def run(action: Any, events: List[Dict[str, Any]], slots: Optional[Dict[str, Any]] = None) -> tuple:
    dispatcher = CollectingDispatcher()
    result = await action.run(dispatcher, tracker(events, slots), {})
    return dispatcher.messages, result


def vote_event(vote: str, answer_id: str = "", comment: str = "") -> Dict[str, Any]:
    entities = [{"entity": "vote", "value": vote}]
    entities += [{"entity": "answer", "value": answer_id}] if answer_id else []
    entities += [{"entity": "comment", "value": comment}] if comment else []
    return user(vote_payload(answer_id or "x", vote, comment), "feedback", entities)


@pytest.mark.asyncio
async def test_a_thumbs_down_offers_the_handoff_and_records_what_it_rates() -> None:
    events = [
        user("la loi agec ?", "ask_agec"),
        answer_event("a1", "ask_agec"),
        answer_event("b2", "ask_pnad"),
    ]
    messages, result = await run(ActionFeedback(), events + [vote_event("down", "a1")])
    assert "Qu'est-ce qui manquait ?" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [HANDOFF_PAYLOAD]
    record = result[0]["value"]
    assert result[0]["name"] == "feedback"
    assert record == {
        "answer": "a1",
        "vote": "down",
        "topic": "ask_agec",
        "entries": ["topics.yml:ask_agec"],
        "comment": None,
    }


@pytest.mark.asyncio
async def test_a_thumbs_up_thanks_briefly_and_a_typed_vote_rates_the_latest_answer() -> None:
    events = [answer_event("a1", "ask_agec"), answer_event("b2", "ask_pnad")]
    messages, result = await run(
        ActionFeedback(), events + [user("réponse utile", "feedback", [{"entity": "vote", "value": "up"}])]
    )
    assert messages[0]["text"] == "Merci pour votre retour !" and not messages[0]["buttons"]
    assert result[0]["value"]["answer"] == "b2" and result[0]["value"]["topic"] == "ask_pnad"


@pytest.mark.asyncio
async def test_a_comment_is_thanked_and_kept_with_the_vote() -> None:
    messages, result = await run(
        ActionFeedback(), [answer_event("a1", "ask_agec"), vote_event("down", "a1", "le taux")]
    )
    assert "remarque est notée" in messages[0]["text"]
    assert result[0]["value"]["comment"] == "le taux"


# --- the handoff text -----------------------------------------------------------------------------

MARSEILLE = places.resolve_text("Marseille")
RENNES = places.resolve_text("Rennes")
PARIS = places.resolve_text("Paris")


def test_the_buyer_types_of_the_handoff_are_those_of_the_domain() -> None:
    import yaml

    domain_file = Path(__file__).resolve().parent.parent / "domain.yml"
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8"))
    assert set(domain["slots"]["buyer_type"]["values"]) == set(BUYER_TYPE_LABELS)


@pytest.mark.parametrize("buyer_type", [None, *BUYER_TYPE_LABELS])
@pytest.mark.parametrize("place, form", [(MARSEILLE, ARBE_FORM), (RENNES, None)], ids=["form", "no-form"])
def test_handoff_for_each_buyer_type_with_and_without_a_regional_form(
    buyer_type: Optional[str], place: Any, form: Optional[str]
) -> None:
    question = "Quel taux de réemploi pour nos ordinateurs ?"
    context = HandoffContext(question, buyer_type=buyer_type, place=place)
    reply = handoff_reply(KNOWLEDGE, context)
    assert reply.kind == "handoff" and "« Quel taux de réemploi pour nos ordinateurs ? »" in reply.copy
    assert f"• Lieu : {place.label}." in reply.copy
    state_first = reply.text.startswith("Acheteur de l'État") and "référents internes" in reply.text
    assert state_first == (buyer_type == "etat")
    assert ("relève de l'État" in reply.text) == (buyer_type == "etablissement_public")
    private = buyer_type in PRIVATE_BUYER_TYPES
    assert ("soumis au code de la commande publique" in reply.text) == private
    assert [b["payload"] for b in reply.buttons] == (["/ask_private_support"] if private else [])
    if buyer_type:
        assert f"J'achète pour {BUYER_TYPE_LABELS[buyer_type]}." in reply.copy
    else:
        assert "J'achète pour" not in reply.copy
    assert [link.url for link in reply.links] == [form or NATIONAL_PAGE]
    assert ("formulaire en ligne du guichet vert de" in reply.text) == bool(form)
    assert "Je n'envoie rien moi-même" in reply.text


def test_handoff_to_a_known_regional_form() -> None:
    reply = handoff_reply(KNOWLEDGE, HandoffContext("question", place=MARSEILLE))
    assert [link.url for link in reply.links] == [ARBE_FORM]
    assert "formulaire en ligne du guichet vert de Provence-Alpes-Côte d'Azur" in reply.text
    assert "Lieu : Marseille (Bouches-du-Rhône, Provence-Alpes-Côte d'Azur)." in reply.copy


@pytest.mark.parametrize("place", [RENNES, PARIS, None])
def test_handoff_without_a_known_form_points_to_the_national_page_and_invents_nothing(place: Any) -> None:
    reply = handoff_reply(KNOWLEDGE, HandoffContext("question", place=place))
    assert [link.url for link in reply.links] == [NATIONAL_PAGE]
    assert "achats-durables.gouv.fr" in reply.text and "arbe" not in reply.text.lower()
    if place is PARIS:
        assert "porté par le GIP Maximilien, mais je n'ai pas l'adresse de son formulaire" in reply.text


def test_handoff_text_restates_the_context_and_masks_personal_data() -> None:
    context = HandoffContext(
        "Écrivez-moi à jeanne.martin@ville.fr ou au 06 12 34 56 78 : quel écolabel pour le papier ?",
        buyer_type="collectivite",
        place=RENNES,
        product="papier",
        answered=["Loi AGEC et mes achats", "Le guichet vert", "Loi AGEC et mes achats"],
    )
    text = handoff_text(context)
    assert "jeanne.martin" not in text and "06 12" not in text
    assert "[adresse e-mail masquée]" in text and "[numéro de téléphone masqué]" in text
    assert "• Achat concerné : papier." in text
    assert "m'a déjà répondu sur : Loi AGEC et mes achats ; Le guichet vert." in text
    assert NO_QUESTION in handoff_text(HandoffContext())


@pytest.mark.asyncio
async def test_action_handoff_restates_the_latest_question_not_the_request_for_a_person() -> None:
    events = [
        user("quel délai pour le guichet vert ?", "ask_guichet_vert"),
        answer_event("a1", "ask_guichet_vert"),
        user("je suis à Marseille", "inform"),
        vote_event("down", "a1"),
        user("/ask_human", "ask_human"),
    ]
    messages, _ = await run(ActionHandoff(), events, {"location": MARSEILLE.key, "buyer_type": "hopital"})
    payload = messages[0]["custom"]
    assert payload["kind"] == "handoff"
    assert "« quel délai pour le guichet vert ? »" in payload["copy"]
    assert "m'a déjà répondu sur : Le guichet vert." in payload["copy"]
    assert payload["links"][0]["url"] == ARBE_FORM
    assert parse_payload(payload).copy == payload["copy"]


def test_a_second_clarification_in_a_row_offers_the_handoff() -> None:
    from actions.feedback import HANDOFF_BUTTON, offer_handoff_if_repeated

    listen = {"event": "action", "name": "action_listen"}
    clarify = {"event": "action", "name": "action_clarify"}
    answered = {"event": "action", "name": "action_answer"}
    first = [answered, listen, user("blabla", "nlu_fallback")]
    again = [
        answered,
        listen,
        user("blabla", "nlu_fallback"),
        clarify,
        listen,
        user("bloblo", "nlu_fallback"),
    ]
    assert HANDOFF_BUTTON not in offer_handoff_if_repeated(Reply("?"), tracker(first)).buttons
    assert offer_handoff_if_repeated(Reply("?"), tracker(again)).buttons == [HANDOFF_BUTTON]


# --- the optional comment after a 👎, in Slack's and Teams' fields ------------------------------------------


@pytest.mark.asyncio
async def test_the_thanks_for_a_thumbs_down_names_the_answer_a_comment_may_follow() -> None:
    messages, _ = await run(ActionFeedback(), [answer_event("a1", "ask_agec"), vote_event("down", "a1")])
    payload = messages[0]["custom"]
    assert (payload["kind"], payload["comment_for"]) == ("feedback", "a1")
    back = parse_payload(payload)
    assert back is not None and back.comment_for == "a1" and vote_buttons(back) == []
    assert parse_payload({**payload, "comment_for": "<b>"}).comment_for == ""
    # A vote typed in words with no answer to rate: the handoff, no field.
    typed = user("pas utile", "feedback", [{"entity": "vote", "value": "down"}])
    messages, _ = await run(ActionFeedback(), [typed])
    assert "custom" not in messages[0] or not messages[0]["custom"]


def test_a_comment_typed_in_a_channel_is_masked_before_it_is_cut() -> None:
    from actions.reply import MAX_COMMENT_CHARS, comment_payload

    text = "x" * 80 + " 06 12 34 56 78"  # masked, it is longer than the limit: cut, never dropped
    payload = comment_payload("a1b2", text)
    assert json.loads(payload[len("/feedback") :])["comment"] == "x" * 80  # no half mask
    assert screen_payload(payload, ENTITIES) == payload
    long = comment_payload("a1b2", "y" * 60 + " 06 12 34 56 78 " + "z" * 40)
    kept = "y" * 60 + " [numéro de téléphone masqué] " + "z" * 10
    assert json.loads(long[len("/feedback") :])["comment"] == kept and len(kept) == MAX_COMMENT_CHARS
    assert json.loads(comment_payload("a1b2", " écrivez à  jo@ville.fr ")[len("/feedback") :]) == {
        "vote": "down",
        "answer": "a1b2",
        "comment": "écrivez à [adresse e-mail masquée]",
    }
    assert comment_payload("a1b2", "   ") == "" and comment_payload("<x>", "le taux") == ""


def test_a_widget_comment_near_the_limit_is_masked_not_dropped_by_the_guard() -> None:
    from channels.guard import RateLimiter, screen_message

    comment = "le délai de réponse ; rappelez-moi au 06 12 34 56 78 ou écrivez à jeanne.martin@ville.fr"
    assert len(comment) <= 100
    answer, screened = screen_message(vote_payload("a1", "down", comment), "s", RateLimiter(), ENTITIES)
    assert answer is None
    masked = "le délai de réponse ; rappelez-moi au [numéro de téléphone masqué] ou écrivez à "
    assert json.loads(screened[len("/feedback") :])["comment"] == masked + "[adresse e-mail masquée]"
    # Digits the JSON escapes are masked too (the payload is masked once read, not only as sent).
    escaped = '/feedback{"vote": "down", "answer": "a1", "comment": "tel\\n\\u0030\\u0036 12 34 56 78"}'
    _, screened = screen_message(escaped, "s", RateLimiter(), ENTITIES)
    assert json.loads(screened[len("/feedback") :])["comment"] == "tel\n[numéro de téléphone masqué]"
