"""Follow-ups in conversations (dev set conversations_13): pure rules, checked apart from the server."""

from __future__ import annotations

from datetime import date

import pytest

import places
from actions.audience import asks_private_side, button_topics, private_side_answer, worded
from actions.context_rules import asks_bare_why
from actions.focus import dates_creation, lead_sentence
from actions.knowledge import knowledge_base
from actions.reply import Link, Reply, SourceLink
from actions.route_types import Context
from actions.routing import route
from actions.smalltalk import asks_link, links_reply, named_documents
from actions.term_followup import term_follow_up_reply
from actions.understanding import unknown_detail

KNOWLEDGE = knowledge_base()
SPASER = (
    "Le SPASER est le schéma de promotion des achats publics socialement et écologiquement responsables "
    "(article L. 2111-3 du code de la commande publique). Il est obligatoire pour les acheteurs dont le "
    "montant annuel d'achats dépasse 50 millions d'euros depuis le 1er janvier 2023 "
    "(100 millions auparavant) ; ce montant s'apprécie sur les dépenses d'une année civile "
    "(article D. 2111-3)."
)


def joined(outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


# --- « pourquoi ? » stays on the topic just answered ----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["pourquoi ?", "et pourquoi ça ?", "ah bon, pour quelle raison ?", "Pourquoi c'est obligatoire ?"]
)
def test_a_bare_why_is_about_the_thing_just_answered(text: str) -> None:
    assert asks_bare_why(text)


@pytest.mark.parametrize("text", ["pourquoi le guichet vert ?", "pourquoi acheter durable ?"])
def test_a_why_with_its_own_subject_is_not(text: str) -> None:
    assert not asks_bare_why(text)


def test_a_bare_why_read_as_the_networks_stays_on_the_topic_just_answered() -> None:
    ctx = Context(
        intent="ask_network",
        text="pourquoi ?",
        question="ask_network",
        previous_question="ask_agec",
        confidence=0.64,
    )
    outcome = route(KNOWLEDGE, ctx)
    assert "AGEC" in joined(outcome) and "réseaux régionaux" not in joined(outcome)


def test_a_why_on_a_term_without_a_reason_is_said_unknown_for_that_term() -> None:
    reply = term_follow_up_reply("pourquoi ?", SPASER, [])
    assert reply is not None and reply.text.startswith("Je ne sais pas") and "SPASER" in reply.text


def test_the_earlier_value_a_term_gives_answers_what_it_was_before() -> None:
    reply = term_follow_up_reply("c'était combien avant ?", SPASER, [])
    assert reply is not None and "100 millions auparavant" in reply.text


# --- « tu as un lien ? »: the links of the latest answer ---------------------------------------------


@pytest.mark.parametrize("text", ["tu as un lien ?", "le lien svp", "vous avez un lien vers le guide ?"])
def test_a_bare_link_request(text: str) -> None:
    assert asks_link(text)


@pytest.mark.parametrize("text", ["un lien entre AGEC et REEN ?", "le lien de RESECO avec 3AR c'est quoi ?"])
def test_a_question_on_a_relation_is_no_link_request(text: str) -> None:
    assert not asks_link(text)


def test_the_documents_named_by_the_answer_come_first_then_its_links() -> None:
    answer = Reply(
        "Les documents de référence : • Guide sur les aspects sociaux de la commande publique (OECP).",
        links=[Link("CCAG-TIC 2021", "https://example.org/ccag")],
    )
    documents = [("Guide sur les aspects sociaux de la commande publique", "https://example.org/guide")]
    reply = links_reply(answer, documents)
    assert reply is not None
    assert [link.url for link in reply.links] == ["https://example.org/guide", "https://example.org/ccag"]
    assert reply.text.startswith("Voici les liens : « Guide sur les aspects sociaux")
    assert "http" not in reply.text


def test_without_links_the_sources_are_given_and_without_anything_nothing() -> None:
    source = SourceLink("Associathèque", "https://example.org/a", date(2026, 11, 25))
    reply = links_reply(Reply("Le SPASER est …", sources=[source]))
    assert reply is not None and reply.text == "Voici le lien : « Associathèque » (example.org)."
    assert links_reply(Reply("Rien.")) is None and links_reply(None) is None


def test_a_document_is_named_without_its_bracketed_publisher() -> None:
    found = named_documents(
        "… du code de la commande publique.", [("Code de la commande publique (Légifrance)", "https://x.fr")]
    )
    assert [link.url for link in found] == ["https://x.fr"]


# --- « et si on est une entreprise privée ? » -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["et si on est une entreprise privée ?", "on est une PME en fait", "et si c'est une boîte privée ?"],
)
def test_the_buyer_saying_it_is_private_asks_the_private_side(text: str) -> None:
    assert asks_private_side(text)


def test_not_a_public_buyer_nor_a_full_question() -> None:
    assert not asks_private_side("et si on est une collectivité ?")
    assert not asks_private_side("on est une entreprise privée, qui peut nous aider ?")


def test_the_social_clauses_for_a_private_buyer_the_facilitator_serves_them_too() -> None:
    topic = KNOWLEDGE.topics["ask_social_clause"]
    said = private_side_answer(
        "ask_social_clause",
        topic,
        "et si on est une entreprise privée ?",
        "",
        button_topics(topic, KNOWLEDGE.topics),
    )
    assert said is not None and said.startswith("Pour des achats privés aussi : le facilitateur")


def test_a_rule_of_public_procurement_is_said_as_such_then_the_private_helpers() -> None:
    topic = KNOWLEDGE.topics["ask_climate_law"]
    said = worded(
        private_side_answer(
            "ask_climate_law",
            topic,
            "et si on est une entreprise privée ?",
            "",
            button_topics(topic, KNOWLEDGE.topics),
        ),
        date(2026, 12, 1),
    )
    assert said is not None and "marchés et concessions" in said and "acheteurs privés" in said
    assert "{since" not in said and "PNAD" not in said


# --- « et leur mail ? » --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["et leur mail ?", "un mél ?", "vous avez leur e-mail ?"])
def test_an_email_asked_in_few_words_is_said_unknown(text: str) -> None:
    assert "adresse électronique" in (unknown_detail(text, []) or "")


@pytest.mark.parametrize(
    "text", ["le guichet vert ça marche comment, on envoie un mail ?", "on répond par mail ?"]
)
def test_a_mail_as_a_channel_is_no_address_asked(text: str) -> None:
    assert unknown_detail(text, []) is None


def test_the_mail_of_the_network_just_named_is_said_unknown_first() -> None:
    here = places.resolve_key("departement:35")
    ctx = Context(intent="follow_up", text="et leur mail ?", question="ask_network", place=here)
    text = joined(route(KNOWLEDGE, ctx))
    assert text.startswith("Je n'ai pas d'adresse électronique") and "RESECO" in text


# --- « depuis quand ? » of a body: its creation ---------------------------------------------------------


def test_since_when_of_a_body_is_its_creation_not_a_later_charter() -> None:
    cna = KNOWLEDGE.topics["ask_cna"]
    lead = lead_sentence("depuis quand ?", cna.answer, cna.details or "", cna.answer)
    assert lead is not None and "1945" in lead


def test_a_creation_date_is_not_a_part_launched_nor_what_it_rests_on() -> None:
    assert dates_creation("Association déclarée en 1945, il s'appelait CDAF.")
    assert not dates_creation("En 2010, le CNA a lancé la charte RFAR.")
    assert not dates_creation("Le label RFAR, fondé sur la norme ISO 20400 (2017).")


# --- what the structure just named does ----------------------------------------------------------------


def test_what_the_network_just_named_does() -> None:
    here = places.resolve_key("commune:33063")
    last = "Bordeaux (Gironde, Nouvelle-Aquitaine) — votre réseau régional d'achats durables : 3AR."
    ctx = Context(
        intent="follow_up",
        text="ils font quoi concrètement ?",
        question="ask_network",
        place=here,
        last_answer=last,
    )
    assert "fédère et accompagne" in joined(route(KNOWLEDGE, ctx))


def test_the_thing_asked_first_then_whether_the_structure_does_it() -> None:
    here = places.resolve_key("region:11")
    ctx = Context(
        intent="ask_social_clause",
        text="et pour les clauses sociales ils font quelque chose ?",
        question="ask_social_clause",
        previous_question="ask_network",
        place=here,
        last_answer="Île-de-France — votre réseau régional d'achats durables : GIP Maximilien.",
    )
    assert "MACS" in joined(route(KNOWLEDGE, ctx))


# --- « c'est quoi le pourcentage … ? » asks a figure, not a definition -----------------------------------


def test_what_is_the_share_is_no_definition_question() -> None:
    from actions.understanding import asks_what_it_is

    assert not asks_what_it_is("c'est quoi le pourcentage de biosourcé exigé ?")
    assert not asks_what_it_is("obligation biosourcé 2030 c'est quoi le taux")
    assert asks_what_it_is("c'est quoi le label biosourcé ?")


def test_the_share_of_biosourced_materials_leads_when_asked() -> None:
    ctx = Context(
        intent="ask_biosourced",
        text="c'est quoi le pourcentage de biosourcé exigé pour les constructions publiques ?",
        question="ask_biosourced",
    )
    assert "25 %" in joined(route(KNOWLEDGE, ctx)).split("\n")[1]


# --- a structure named as a source is not the subject of the answer -------------------------------------


def test_a_structure_named_as_where_a_fact_was_read_is_not_followed_up() -> None:
    last = (
        "Le guichet vert a été déployé au niveau national à partir du dernier trimestre 2022. "
        "D'après la page de l'ARBE consultée en novembre 2026, on comptait 11 guichets verts en France."
    )
    ctx = Context(
        intent="follow_up", text="pourquoi il a été créé ?", question="ask_guichet_vert", last_answer=last
    )
    assert "Provence" not in joined(route(KNOWLEDGE, ctx))
