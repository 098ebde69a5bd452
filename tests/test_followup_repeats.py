"""A follow-up never gets the answer just shown word for word (actions/repeats.py, issue 11, dev set
tests/dev/conversations_6.yml). The example messages differ from the dev set's."""

from __future__ import annotations

import places
from actions.knowledge import knowledge_base
from actions.render import Reply
from actions.repeats import own_lead, squash, without_repeats
from actions.route_types import Context
from actions.routing import route

KNOWLEDGE = knowledge_base()


def answer_of(topic_id: str) -> str:
    """The text of a topic's usual answer, as a first question gets it."""
    outcome = route(KNOWLEDGE, Context(intent=topic_id, text="c'est quoi ?", question=topic_id))
    return outcome.replies[0].text


def follow(topic_id: str, text: str) -> list:
    last = answer_of(topic_id)
    ctx = Context(
        intent="follow_up", text=text, question=topic_id, previous_question=topic_id, last_answer=last
    )
    return route(KNOWLEDGE, ctx).replies


def test_a_figure_asked_about_the_answer_just_shown_leads_with_its_sentence() -> None:
    replies = follow("ask_pnad", "ça fait combien d'actions en tout ?")
    assert "22 actions" in replies[0].text
    assert squash(replies[0].text) != squash(answer_of("ask_pnad"))


def test_an_unknown_cost_is_not_followed_by_the_answer_just_read() -> None:
    last = answer_of("ask_rapidd")
    replies = follow("ask_rapidd", "l'inscription coûte combien ?")
    assert replies[0].text.startswith("Je n'ai pas ce chiffre")
    assert all(squash(reply.text) != squash(last) for reply in replies)
    assert any(button["payload"] == "/ask_rapidd" for button in replies[0].buttons)  # the pointer


def test_a_kind_of_document_the_entry_lacks_is_said_unknown_then_routed() -> None:
    replies = follow("ask_rapidd", "il existe un guide pour bien l'utiliser ?")
    assert replies[0].text.startswith("Je ne connais pas de guide")
    assert "RAPIDD" in replies[0].text  # where to ask


def test_words_and_kind_of_answer_pointing_to_different_sentences_keep_the_whole_reply() -> None:
    reply = Reply("La règle vaut depuis le 1er mars 2026 pour les achats. Elle vise aussi le volet social.")
    assert own_lead("et pour le social, c'est obligatoire depuis quand ?", reply, None) is None
    assert own_lead("et le volet social ?", reply, None) == "Elle vise aussi le volet social."


def test_a_reply_that_differs_or_a_first_answer_is_left_as_it_is() -> None:
    replies = [Reply("Une réponse."), Reply("Une autre.")]
    assert without_repeats(KNOWLEDGE, "et alors ?", "", replies, "ask_pnad") == replies
    assert without_repeats(KNOWLEDGE, "et alors ?", "Autre chose.", replies, "ask_pnad") == replies


def test_an_answer_read_two_turns_ago_is_not_sent_again_either() -> None:
    first = answer_of("ask_rapidd")
    ctx = Context(
        intent="follow_up",
        text="et c'est imposé aux acheteurs ?",
        question="ask_rapidd",
        previous_question="ask_rapidd",
        last_answer="Pour y accéder, créez un compte.",
        earlier_answers=("Pour y accéder, créez un compte.", first),
    )
    replies = route(KNOWLEDGE, ctx).replies
    assert all(squash(reply.text) != squash(first) for reply in replies)
    assert replies[0].text.startswith("Je n'ai pas cette information")  # no obligation in the sources


def test_how_to_reach_a_territorial_contact_leads_with_where_to_tell() -> None:
    text = "et pour les contacter ?"
    fields = dict(
        intent="follow_up", text=text, question="ask_facilitator", previous_question="ask_facilitator"
    )
    usual = route(KNOWLEDGE, Context(**fields)).replies[0].text  # what it would answer: read just before
    replies = route(KNOWLEDGE, Context(**fields, last_answer=usual)).replies
    assert replies[0].text.startswith(("Pour trouver le facilitateur", "Où travaillez-vous"))


def test_a_buyer_asking_whether_it_is_open_to_them_stays_on_the_topic() -> None:
    ctx = Context(
        intent="ask_private_support",
        text="et pour une PME, c'est accessible ?",
        question="ask_private_support",
        previous_question="ask_marche_inclusion",
        buyer_in_message="tpe_pme",
        buyer_type="tpe_pme",
        last_answer=answer_of("ask_marche_inclusion"),
    )
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.question == "ask_marche_inclusion"
    assert "publics et privés" in outcome.replies[0].text


def test_a_question_without_subject_is_about_the_regional_desk_just_given() -> None:
    region = places.resolve_key("region:04")  # La Réunion: its desk's entry says who funds it
    ctx = Context(
        intent="follow_up",
        text="subventionné par qui ?",
        question="ask_guichet_vert",
        previous_question="ask_guichet_vert",
        place=region,
        last_answer="Le guichet vert de la région La Réunion est porté par la Maison de l'emploi du Nord.",
    )
    assert "financé par l'État" in route(KNOWLEDGE, ctx).replies[0].text


def test_merged_buttons_keep_one_more_button() -> None:
    from actions.repeats import merged_buttons

    merged = merged_buttons(
        [{"title": "En savoir plus", "payload": "/more_details"}],
        [
            {"title": "En savoir plus : Le PNAD", "payload": "/ask_pnad"},
            {"title": "RAPIDD", "payload": "/ask_rapidd"},
        ],
    )
    assert [button["title"] for button in merged] == ["En savoir plus", "RAPIDD"]
