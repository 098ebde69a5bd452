"""Questions on biosourced materials and construction answered by the thing asked, not by a neighbouring
lead (dev set materials_14): a later sentence of a short answer that gives the aspect asked leads (the
label is asked for by the maître d'ouvrage, for new buildings); « le chanvre, c'est biosourcé ? » is the
term's definition, a thing it does not list said unknown first; an article cited for another subject
(« R. 2113-7 impose des biosourcés ? »); who awards a label, said unknown; the RE2020's dates and scope;
compounds the sources use without defining them (« rénovation lourde », « carbone biogénique »); a figure
that holds from a year on answers a later year; « tenir compte » is no account; « c'est quoi le lien ? »
between two things is no web link."""

from __future__ import annotations

from actions.context_rules import refined_question
from actions.focus import inner_lead, lead_sentence
from actions.glossary import ENTRIES, member_asked, names_article_code, unlisted_member
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import article_elsewhere_reply, route
from actions.term_followup import term_follow_up_reply
from actions.topics import focused
from actions.understanding import CONTACT, JOIN, asks_who_helps, aspects
from actions.unknown_terms import undefined_compound, unknown_follow_up_term, vocabulary_of
from actions.unknowns import applies_from, figure_about, unknown_aspect

KNOWLEDGE = knowledge_base()
LABEL = KNOWLEDGE.topics["ask_biosourced_label"]
BIOSOURCED = KNOWLEDGE.topics["ask_biosourced"]


def entry(entry_id: str):
    return next(e for e in ENTRIES if e.id == entry_id)


def answer(intent: str, text: str, question: str = "", last: str = "") -> str:
    ctx = Context(intent=intent, text=text, question=question or None, previous_question=question or None)
    ctx = Context(**{**ctx.__dict__, "last_answer": last})
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def test_a_later_sentence_of_the_short_answer_leads_when_it_gives_the_aspect_asked():
    for question in (
        "le label bâtiment biosourcé est-il obligatoire pour une construction publique ?",
        "label biosourcé pour une rénovation c'est possible ?",
        "c'est le maître d'oeuvre ou le maître d'ouvrage qui demande le label ?",
        "et pour la rénovation ?",
    ):
        first, _ = focused(LABEL, question)
        assert first.startswith("Le label « bâtiment biosourcé » concerne les bâtiments neufs"), question


def test_no_aspect_asked_keeps_the_short_answer_first():
    assert inner_lead("parle-moi du label bâtiment biosourcé", LABEL.answer) is None
    first, _ = focused(LABEL, "le label bâtiment biosourcé ?")
    assert first.startswith("Le label « bâtiment biosourcé » est régi")


def test_the_buildings_covered_lead_for_the_2030_obligation():
    lead = lead_sentence("ça concerne quels bâtiments ?", BIOSOURCED.answer, BIOSOURCED.details)
    assert lead and "rénovations lourdes" in lead


def test_a_follow_up_on_the_buildings_stays_on_the_obligation():
    assert (
        refined_question("ask_biosourced", "ask_biosourced_label", "ça concerne quels bâtiments ?", True)
        is None
    )
    assert (
        refined_question("ask_biosourced", "ask_biosourced_label", "et le label, combien de niveaux ?", True)
        == "ask_biosourced_label"
    )
    said = answer("follow_up", "ça concerne quels bâtiments ?", "ask_biosourced")
    assert "rénovations lourdes" in said[:250] and "Le label" not in said[:40]


def test_whether_a_thing_is_of_the_term_kind():
    biosourced = entry("biosource")
    assert member_asked("le chanvre ça compte comme biosourcé ?", biosourced) == "chanvre"
    assert member_asked("ouate de cellulose biosourcé oui ou non", biosourced) == "ouate de cellulose"
    assert member_asked("des exemples de matériaux biosourcés ?", biosourced) == ""
    assert member_asked("c'est quoi un matériau biosourcé ?", biosourced) is None
    assert member_asked("biosourcé c obligatoire pour les bâtiments publics ?", biosourced) is None
    assert unlisted_member("le bois c'est un matériau biosourcé ?", biosourced) is None
    assert unlisted_member("terre crue c'est biosourcé ?", biosourced) == "terre crue"


def test_a_thing_the_definition_does_not_list_is_said_unknown_first():
    said = answer("ask_biosourced", "la terre crue c'est biosourcé ?")
    assert said.startswith("Je n'ai pas d'information sur « terre crue »") and "biomasse" in said
    said = answer("ask_biosourced", "le chanvre ça compte comme biosourcé ?")
    assert said.startswith("Un matériau biosourcé est issu de la biomasse")


def test_an_article_cited_for_another_subject():
    reply = article_elsewhere_reply(
        KNOWLEDGE,
        "est ce que l'article R. 2113-7 impose des matériaux biosourcés ?",
        "R. 2113-7",
        "ask_reserved_contracts",
    )
    assert reply is not None
    assert reply.text.startswith("Dans mes sources, l'article R. 2113-7 est cité pour un autre sujet")
    assert "L. 228-4" in reply.text.splitlines()[0] and "50 %" in reply.text
    label = article_elsewhere_reply(
        KNOWLEDGE,
        "le label bâtiment biosourcé relève de l'article R. 2113-7 ?",
        "R. 2113-7",
        "ask_reserved_contracts",
    )
    assert label is not None and "D. 171-6" in label.text.splitlines()[0]
    # the article asked alone: its own topic answers
    assert article_elsewhere_reply(KNOWLEDGE, "R. 2113-7 ?", "R. 2113-7", "ask_reserved_contracts") is None


def test_the_code_of_an_article_is_not_the_term_asked():
    ccp = next(e for e in ENTRIES if e.id == "ccp")
    assert names_article_code("R2113-7 du code de la commande publique, ça parle de quoi ?", ccp)
    assert not names_article_code("c'est quoi le code de la commande publique ?", ccp)


def test_who_awards_a_label_is_said_unknown():
    texts = [LABEL.answer, LABEL.details]
    assert unknown_aspect("qui délivre le label bâtiment biosourcé ?", texts, LABEL.title).startswith(
        "Je n'ai pas cette information"
    )
    assert unknown_aspect("qui demande le label ?", texts, LABEL.title) is None


def test_re2020_dates_and_scope_lead():
    said = answer("ask_biosourced", "RE2020 s'applique depuis quand pour les bureaux ?")
    assert "1er juillet 2022" in said[:200]
    said = answer("ask_biosourced", "la RE2020 ça s'applique à la rénovation ?")
    assert "bâtiments neufs" in said[:150]
    last = answer("ask_biosourced", "c'est quoi la RE2020 ?")
    since = term_follow_up_reply("depuis quand ?", last, [])
    assert since is not None and "1er janvier 2022" in since.text


def test_a_listed_example_followed_up():
    last = answer("ask_biosourced", "c'est quoi un matériau biosourcé ?")
    reply = term_follow_up_reply("le chanvre ça compte ?", last, [])
    assert reply is not None and reply.text.startswith("Oui : un matériau biosourcé est issu de la biomasse")


def test_undefined_compounds_are_quoted_from_their_sentence():
    heavy = undefined_compound(KNOWLEDGE, "c'est quoi une rénovation lourde au sens de la loi ?")
    assert heavy is not None and heavy[0] == "renovation lourde" and "L. 228-4" in heavy[1]
    assert undefined_compound(KNOWLEDGE, "c'est quoi le carbone biogénique ?") is not None
    assert undefined_compound(KNOWLEDGE, "c'est quoi le portail national ?") is None
    assert undefined_compound(KNOWLEDGE, "c'est quoi le guichet vert ?") is None
    said = answer("ask_biosourced", "c'est quoi un matériau bas carbone ?")
    assert said.startswith("Je n'ai pas de définition de « bas carbone »")


def test_an_unknown_word_after_an_article_in_a_bare_follow_up():
    words = vocabulary_of(KNOWLEDGE)
    assert unknown_follow_up_term("et un géosourcé ?", words) == "geosource"
    assert unknown_follow_up_term("et un ESAT ?", words) is None


def test_a_figure_that_holds_from_a_year_on_answers_a_later_year():
    assert applies_from("{since:2030-01-01}, au moins 25 %") == 2030
    assert applies_from("à compter du 1er janvier 2030, au moins 25 %") == 2030
    sentence = (
        "{since:2030-01-01}, au moins 25 % des constructions et rénovations lourdes de la commande publique "
        "doivent recourir à des matériaux biosourcés ou bas-carbone"
    )
    assert figure_about(sentence, sentence, "en 2031, une part de biosourcé sera obligatoire ?")
    assert not figure_about(sentence, sentence, "en 2026, une part de biosourcé est obligatoire ?")


def test_taking_into_account_is_no_account_and_a_link_between_two_things_no_web_link():
    assert JOIN not in aspects("la commande publique doit-elle tenir compte du caractère biosourcé ?")
    assert JOIN in aspects("il faut créer un compte ?")
    assert CONTACT not in aspects("label biosourcé et RE2020 c'est quoi le lien ?")
    assert CONTACT in aspects("vous avez le lien ?")


def test_a_contact_for_a_subject_asks_who_helps():
    assert asks_who_helps("commune de l'Hérault, un contact pour du biosourcé dans nos marchés ?")
    assert not asks_who_helps("le contact a été pris avec le fournisseur")


def test_the_region_of_a_structure_is_said_by_its_entry():
    said = answer("ask_network", "la MAPCE c'est pour quelle région ?")
    assert "Île-de-France" in said[:200]
