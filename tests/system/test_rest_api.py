"""The real assistant over HTTP (REST channel): first-turn answers to the reference questions."""

from __future__ import annotations

import re
import uuid

from tests.conftest import Assistant

SOURCE = re.compile(r"Sources? : https?://")


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def test_agec_office_supplies_question_of_the_course(assistant: Assistant) -> None:
    text = assistant.text(
        "Je dois passer un marché de fournitures de bureau. La loi AGEC s'applique-t-elle à ce type "
        "d'achat ? Quelles obligations dois-je respecter ?",
        new_sender(),
    )
    assert "Fournitures de bureau" in text
    assert "2024-134" in text
    assert "annexe" in text  # rates of this category are not in the base: the decree's annex is linked
    assert SOURCE.search(text)


def test_biosourced_new_building_question_of_the_course(assistant: Assistant) -> None:
    text = assistant.text(
        "La construction d'un nouveau bâtiment est prévue par ma collectivité, et le souhait est de "
        "concevoir un bâtiment durable. Existe-t-il des guides sur les matériaux biosourcés et les "
        "écolabels relatifs à ce type de marché ?",
        new_sender(),
    )
    assert "biosourcé" in text
    assert "2030" in text
    assert SOURCE.search(text)


def test_childminder_training_question_of_the_course(assistant: Assistant) -> None:
    text = assistant.text(
        "Je lance un marché de formation des assistants maternels. Quels types de considérations "
        "environnementales puis-je intégrer à mon achat ?",
        new_sender(),
    )
    assert "environnement" in text
    assert "Pour une formation" in text and "à distance" in text
    assert "guichet vert" in text.lower()
    assert SOURCE.search(text)


def test_network_for_a_buyer_in_rennes(assistant: Assistant) -> None:
    text = assistant.text("Quel réseau pour un acheteur à Rennes ?", new_sender())
    assert "Rennes" in text and "Bretagne" in text
    assert "RESECO" in text
    assert SOURCE.search(text)


def test_location_is_asked_then_remembered_and_corrected(assistant: Assistant) -> None:
    sender = new_sender()
    assert "Où travaillez-vous" in assistant.text("Quel est mon réseau régional ?", sender)
    text = assistant.text("je suis à Lille", sender)
    assert "Hauts-de-France" in text and "APuRe" in text
    corrected = assistant.text("non, plutôt en Bretagne", sender)
    assert "RESECO" in corrected
    guichet = assistant.text("et le guichet vert ?", sender)
    assert "Bretagne" in guichet and "Où travaillez-vous" not in guichet


def test_unknown_region_gets_an_honest_answer(assistant: Assistant) -> None:
    text = assistant.text("Quel réseau d'achats durables en Corse ?", new_sender())
    assert "aucun réseau régional" in text
    assert SOURCE.search(text)


def test_out_of_scope_is_declined(assistant: Assistant) -> None:
    text = assistant.text("Quel temps fera-t-il demain à Paris ?", new_sender())
    assert "achats durables" in text


def test_no_raw_python_or_json_reaches_the_user(assistant: Assistant) -> None:
    for message in ("bonjour", "que sais-tu faire ?", "qsdkjqsd lkqjsd", "merci"):
        text = assistant.text(message, new_sender())
        assert text.strip()
        assert "{" not in text and "None" not in text and "Traceback" not in text
