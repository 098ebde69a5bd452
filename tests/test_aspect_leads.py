"""The sentence that answers the aspect asked leads the first message (issue 11, dev set
aspect_questions_4): who runs it, how long, its former name, where to state it, what it gives, a
regional structure's own entry."""

from __future__ import annotations

from actions.focus import lead_sentence, stem
from actions.knowledge import load_knowledge
from actions.route_types import Context
from actions.structures import named_structure
from actions.territory import desk_facts, desk_lead, guichet_vert_sentence, structure_facts
from actions.topics import matching_example, topic_reply

KNOWLEDGE = load_knowledge()


def lead_of(topic_id: str, question: str) -> str:
    topic = KNOWLEDGE.topics[topic_id]
    return lead_sentence(question, topic.answer, topic.details or "") or ""


def test_creation_noun_and_verb_share_a_stem() -> None:
    assert stem("creation") == stem("creer") == stem("cree") == stem("creee")
    assert stem("crevaison") != stem("creation")


def test_who_runs_it_is_answered_by_the_sentence_naming_the_body() -> None:
    assert "groupement d'intérêt public" in lead_of("ask_entreprises_engagent", "Qui s'en occupe désormais ?")


def test_former_name_is_answered_by_the_sentence_with_the_old_name() -> None:
    assert "Compagnie des acheteurs de France" in lead_of("ask_cna", "Son ancien nom, c'était quoi ?")


def test_where_to_state_a_reservation() -> None:
    assert "avis d'appel" in lead_of("ask_reserved_contracts", "La réservation, on doit la mentionner où ?")


def test_what_it_gives_is_not_what_it_does_not_give() -> None:
    lead = lead_of("ask_guichet_vert", "Que propose le guichet vert pour un marché de fournitures ?")
    assert lead.startswith("Il apporte")


def test_penalty_asked_without_ne() -> None:
    topic = KNOWLEDGE.topics["ask_agec_declaration"]
    lead = lead_sentence("et si on la fait pas ?", topic.answer, topic.details or "", topic.answer)
    assert lead is not None and "sanction" in lead


def test_a_purchase_named_marche_is_not_how_it_works() -> None:
    topic = KNOWLEDGE.topics["ask_guichet_vert"]
    assert matching_example(topic, "un conseil pour mon marché de travaux") is None
    assert matching_example(topic, "comment ça marche ?") is not None


def test_a_question_on_a_guide_s_content_gets_that_sentence() -> None:
    topic = KNOWLEDGE.topics["ask_ecolabels"]
    reply = topic_reply(KNOWLEDGE, topic, "Le guide de l'ADEME porte sur combien de catégories ?")
    assert reply.text.startswith("L'ADEME a publié un guide")


def test_desk_facts_say_when_the_regional_desk_opened() -> None:
    arbe = next(n for n in KNOWLEDGE.networks.networks if n.id == "arbe-paca")
    assert "juin 2023" in desk_facts(arbe)
    assert structure_facts(arbe).startswith(arbe.description)


def test_region_desk_answers_a_member_question() -> None:
    networks = KNOWLEDGE.networks_for_region("27")
    place = _Place()
    sentence, _ = guichet_vert_sentence(networks, place)
    topic = KNOWLEDGE.topics["ask_guichet_vert"]
    lead = desk_lead(networks, sentence, topic, "Doit-on être membre adhérent pour le solliciter ?", place)
    assert lead is not None and "adhérents" in lead


class _Place:
    kind = "region"
    code = "27"
    department_code = None
    region_code = "27"
    region_name = "Bourgogne-Franche-Comté"

    @property
    def label(self) -> str:
        return self.region_name


def test_which_document_is_answered_by_the_guide_or_schema() -> None:
    lead = lead_of("ask_agec_declaration", "Il existe une notice pour remplir la déclaration ?")
    assert "schéma" in lead or "guide" in lead


def test_presence_near_the_buyer() -> None:
    lead = lead_of("ask_entreprises_engagent", "Ils sont présents dans ma région ?")
    assert "chaque département" in lead or "départementaux" in lead


def test_a_follow_up_is_about_the_structure_just_named() -> None:
    shown = "Bretagne — votre réseau régional d'achats durables : RESECO.\nSon site web n'est pas confirmé."
    ask = Context(intent="follow_up", text="et ça s'étend sur quels territoires ?", last_answer=shown)
    found = named_structure(KNOWLEDGE, ask)
    assert found is not None and found.id == "reseco"
    national = Context(intent="follow_up", text="et combien en France ?", last_answer=shown)
    assert named_structure(KNOWLEDGE, national) is None
