"""The real assistant over HTTP (REST channel): first-turn answers to the reference questions.

An answer is one message: its short ``text`` (the direct answer), its buttons, and the structured reply
in ``custom`` (details, links, sources: actions/reply.py). `ask` returns the text a user reads first and
everything the answer can show (with its details); sources are named links, never in the text.
"""

from __future__ import annotations

import re
import uuid
from typing import Dict, List, Tuple

from actions.reply import DETAILS_PAYLOAD, MAX_ANSWER_WORDS, word_count
from tests.conftest import Assistant

RAW_URL = re.compile(r"https?://")


def ask(assistant: Assistant, message: str, sender: str) -> Tuple[str, str]:
    """(first text, whole answer with its details), after checking the answer's shape."""
    messages = assistant.send(message, sender)
    first = messages[0].get("text") or ""
    whole = []
    for reply in messages:
        text, custom = reply.get("text") or "", reply.get("custom") or {}
        assert not RAW_URL.search(text), f"raw URL in « {text} »"
        whole += [text, custom.get("details") or ""]
    return first, "\n".join(whole)


def sourced(assistant: Assistant, message: str) -> List[Dict]:
    """The sources of the answer: named links with the date they were consulted."""
    sources = [
        source for reply in assistant.send(message, new_sender()) for source in reply["custom"]["sources"]
    ]
    assert sources and all(
        s["url"].startswith("http") and s["note"].startswith("consultée le") for s in sources
    )
    return sources


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def test_agec_office_supplies_question_of_the_course(assistant: Assistant) -> None:
    question = (
        "Je dois passer un marché de fournitures de bureau. La loi AGEC s'applique-t-elle à ce type "
        "d'achat ? Quelles obligations dois-je respecter ?"
    )
    first, _ = ask(assistant, question, new_sender())
    assert "Fournitures de bureau" in first
    assert "2024-134" in first
    assert "annexe" in first  # rates of this category are not known: the decree's annex is linked
    assert word_count(first) <= MAX_ANSWER_WORDS
    sourced(assistant, question)


def test_biosourced_new_building_question_of_the_course(assistant: Assistant) -> None:
    question = (
        "La construction d'un nouveau bâtiment est prévue par ma collectivité, et le souhait est de "
        "concevoir un bâtiment durable. Existe-t-il des guides sur les matériaux biosourcés et les "
        "écolabels relatifs à ce type de marché ?"
    )
    first, whole = ask(assistant, question, new_sender())
    assert "biosourcé" in first and "guide" in first
    assert "2030" in whole  # the obligation of 2030 is behind « En savoir plus »
    sourced(assistant, question)


def test_childminder_training_question_of_the_course(assistant: Assistant) -> None:
    question = (
        "Je lance un marché de formation des assistants maternels. Quels types de considérations "
        "environnementales puis-je intégrer à mon achat ?"
    )
    first, whole = ask(assistant, question, new_sender())
    assert "environnement" in whole
    assert "Pour une formation" in first and "à distance" in first
    assert "guichet vert" in first.lower()
    sourced(assistant, question)


def test_network_for_a_buyer_in_rennes(assistant: Assistant) -> None:
    first, _ = ask(assistant, "Quel réseau pour un acheteur à Rennes ?", new_sender())
    assert "Rennes" in first and "Bretagne" in first
    assert "RESECO" in first
    sourced(assistant, "Quel réseau pour un acheteur à Rennes ?")


def test_location_is_asked_then_remembered_and_corrected(assistant: Assistant) -> None:
    sender = new_sender()
    asked = assistant.text("Quel est mon réseau régional ?", sender)
    assert re.search(r"Où travaillez-vous|Indiquez-moi votre ville", asked)
    text = assistant.text("je suis à Lille", sender)
    assert "Hauts-de-France" in text and "APuRe" in text
    corrected = assistant.text("non, plutôt en Bretagne", sender)
    assert "RESECO" in corrected
    guichet = assistant.text("et le guichet vert ?", sender)
    assert "Bretagne" in guichet and "Où travaillez-vous" not in guichet


def test_unknown_region_gets_an_honest_answer(assistant: Assistant) -> None:
    first, _ = ask(assistant, "Quel réseau d'achats durables en Corse ?", new_sender())
    assert "je ne connais pas de réseau régional" in first
    sourced(assistant, "Quel réseau d'achats durables en Corse ?")


def test_out_of_scope_is_declined(assistant: Assistant) -> None:
    text = assistant.text("Quel temps fera-t-il demain à Paris ?", new_sender())
    assert "achats durables" in text


def test_no_raw_python_or_json_reaches_the_user(assistant: Assistant) -> None:
    for message in ("bonjour", "que sais-tu faire ?", "qsdkjqsd lkqjsd", "merci"):
        text = assistant.text(message, new_sender())
        assert text.strip()
        assert "{" not in text and "None" not in text and "Traceback" not in text


def test_an_answer_is_one_message_and_more_details_needs_no_nlu(assistant: Assistant) -> None:
    """Issue 12: the short answer first, everything else behind « En savoir plus » (its payload needs no
    NLU guess), sources as named links with the date consulted."""
    sender = new_sender()
    messages = assistant.send("Est-ce que je dois acheter du papier recyclé ?", sender)
    assert len(messages) == 1
    answer = messages[0]
    assert answer["text"].startswith("Oui, si vous achetez pour")
    assert answer["custom"]["kind"] == "answer" and answer["custom"]["answer"] == answer["text"]
    assert answer["buttons"][0] == {"title": "En savoir plus", "payload": DETAILS_PAYLOAD}
    assert 1 <= len(answer["custom"]["sources"]) <= 2
    details = assistant.send(DETAILS_PAYLOAD, sender)
    assert details[0]["text"] == answer["custom"]["details"]
    assert details[0]["custom"]["kind"] == "details"
    assert not RAW_URL.search(details[0]["text"])
    # The buyer type changes the answer: asked back with buttons, answered again without NLU.
    private = next(b for b in answer["buttons"] if '"buyer_type": "entreprise"' in b["payload"])
    again = assistant.send(private["payload"], sender)
    assert again[0]["text"].startswith("Non : l'article 58 de la loi AGEC ne s'applique pas")
