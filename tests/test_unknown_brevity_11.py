"""Issue 11, class 8: an answer that says a fact is unknown stays short and routes (actions/brevity.py),
and the details never known that earlier answers gave as general texts (actions/understanding.py)."""

from __future__ import annotations

from actions.brevity import brief_after_unknown, says_unknown_first, with_regional_route
from actions.knowledge import knowledge_base
from actions.reply import Reply, word_count
from actions.understanding import unknown_detail

UNKNOWN = "Je n'ai pas ce chiffre : il ne figure pas dans mes sources, et je préfère ne pas l'inventer."
LONG_LEAD = (
    "Le guichet vert est un service gratuit de conseil environnemental de premier niveau, ouvert à tous "
    "les acheteurs soumis au code de la commande publique : posez votre question par un formulaire en "
    "ligne, vous recevrez une réponse écrite."
)


def total_words(replies: list) -> int:
    return sum(word_count(reply.text) for reply in replies)


def test_an_unknown_answer_keeps_its_first_reply_and_stays_short() -> None:
    replies = [
        Reply(f"{UNKNOWN} Le portail achats-durables.gouv.fr pourra vous répondre."),
        Reply(LONG_LEAD, buttons=[{"title": "Mon réseau régional", "payload": "/ask_network"}]),
        Reply("Vous y accédez depuis le portail national achats-durables.gouv.fr."),
    ]
    brief = brief_after_unknown(replies, "et son budget annuel ?")
    assert brief[0].text == replies[0].text
    assert total_words(brief) <= 60
    assert LONG_LEAD in brief[0].details  # behind « En savoir plus », not lost
    assert brief[0].buttons  # the buttons of what was left out stay


def test_a_routing_sentence_naming_what_was_asked_is_kept() -> None:
    replies = [
        Reply("Je n'ai pas le nom des personnes : je ne garde pas les noms des agents."),
        Reply(
            "Le réseau des facilitateurs est animé par l'Alliance Villes Emploi (AVE), association nationale "
            "d'élus locaux et tête de réseau des MDE et des PLIE, autour de trois axes.\n"
            "Pour trouver le facilitateur de votre territoire, dites-moi où vous travaillez."
        ),
    ]
    brief = brief_after_unknown(replies, "Qui préside l'Alliance Villes Emploi ?")
    assert "Alliance Villes Emploi" in " ".join(reply.text for reply in brief)


def test_an_answer_that_is_not_unknown_is_untouched() -> None:
    replies = [Reply("Le guichet vert est gratuit."), Reply(LONG_LEAD), Reply(LONG_LEAD + " Encore.")]
    assert brief_after_unknown(replies, "c'est quoi le guichet vert ?") == replies


def test_a_territorial_answer_is_not_an_unknown_fact() -> None:
    assert not says_unknown_first(Reply("Je ne connais pas de facilitateur pour Strasbourg (Bas-Rhin)."))
    assert not says_unknown_first(Reply("Je ne sais pas si la région Bretagne a un guichet vert."))


def test_two_questions_keep_the_second_answer() -> None:
    replies = [Reply(UNKNOWN), Reply(LONG_LEAD), Reply(LONG_LEAD + " Bis.")]
    question = "Quel budget pour le guichet vert, et comment on le saisit ?"
    assert brief_after_unknown(replies, question) == replies


def test_a_later_sentence_that_gives_the_figure_is_not_hidden() -> None:
    replies = [
        Reply(UNKNOWN),
        Reply(
            "L'État a lancé en 2022 et en 2023 un appel à projets pour créer 185 nouveaux facilitateurs ; "
            "celui de 2022 a permis de créer 82 postes en équivalent temps plein, et bien d'autres choses "
            "encore sur tout le territoire national, en métropole et outre-mer, avec les DREETS."
        ),
        Reply(LONG_LEAD),
    ]
    question = "combien de nouveaux postes de facilitateurs l'État a financés ?"
    assert brief_after_unknown(replies, question) == replies


def test_the_regional_network_is_named_when_the_place_is_known() -> None:
    knowledge = knowledge_base()
    replies = [Reply(f"{UNKNOWN} Le portail achats-durables.gouv.fr est le bon point d'entrée.")]
    routed = with_regional_route(knowledge, replies, "75")  # Nouvelle-Aquitaine
    assert "3AR" in routed[0].text
    generic = [Reply("Je n'ai pas leurs horaires. Votre réseau régional pourra vous répondre.")]
    assert "Maximilien" in with_regional_route(knowledge, generic, "11")[0].text
    assert with_regional_route(knowledge, replies, "75", private=True) == replies


def test_details_never_known() -> None:
    for question in (
        "Quelle région a le plus de facilitateurs de la clause sociale ?",
        "Y a-t-il un classement des régions pour les achats durables ?",
        "la Normandie achète-t-elle plus durable que la Bretagne ?",
        "Quels hôpitaux sont membres du réseau ?",
        "liste des entreprises labellisées RFAR ?",
        "c'est ouvert le mardi ?",
        "date de la prochaine journée du réseau ?",
        "comment s'appelle la personne qui répond ?",
        "Strasbourg : quel pourcentage de ses marchés a une clause environnementale ?",
    ):
        assert unknown_detail(question, []) is not None, question
    for question in (
        "c'est plus cher que le neuf ?",
        "quel est le lien entre le PNAD et la loi climat ?",
        "quel réseau pour la Bretagne ?",
    ):
        assert unknown_detail(question, []) is None, question


def test_the_opening_of_a_list_is_not_kept_without_its_items() -> None:
    replies = [
        Reply(f"{UNKNOWN} Le facilitateur de votre territoire pourra vous répondre."),
        Reply(
            "Vous pouvez réserver un marché, ou certains de ses lots :\n"
            "• aux entreprises adaptées, aux ESAT et structures équivalentes (article L. 2113-12) ;\n"
            "• aux structures d'insertion par l'activité économique (SIAE), entreprises d'insertion, "
            "associations intermédiaires, ateliers et chantiers d'insertion (article L. 2113-13) ;\n"
            "• aux entreprises implantées en établissement pénitentiaire (article L. 2113-13-1)."
        ),
    ]
    brief = brief_after_unknown(replies, "Nantes a passé combien de marchés réservés l'an dernier ?")
    assert not any(reply.text.rstrip().endswith(":") for reply in brief)


def test_a_long_message_keeps_the_answer_to_its_context() -> None:
    """« pour un marché réservé aux ESAT, c'est qui le contact ? »: the name is unknown, the reserved
    contracts' sentence still answers what the context asks (a short question would not keep it)."""
    unknown = Reply(
        "Je n'ai pas le nom des personnes : je ne garde pas les noms des agents, qui changent souvent."
    )
    reserved = Reply(
        "Le code de la commande publique vous permet de réserver un marché, ou certains de ses lots, aux "
        "entreprises adaptées et ESAT, aux structures d'insertion par l'activité économique (SIAE) ou aux "
        "entreprises implantées en établissement pénitentiaire. Le facilitateur de votre territoire peut "
        "vous aider à décider de réserver. Il est porté par une collectivité, une Maison de l'emploi."
    )
    long_question = "Acheteuse à Quimper, pour un marché réservé aux ESAT, c'est qui le contact chez nous ?"
    kept = " ".join(reply.text for reply in brief_after_unknown([unknown, reserved], long_question))
    assert "aux entreprises adaptées et ESAT" in kept
    short = " ".join(
        reply.text for reply in brief_after_unknown([unknown, reserved], "c'est qui le contact ?")
    )
    assert "aux entreprises adaptées et ESAT" not in short
