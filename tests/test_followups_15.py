"""Follow-ups of the holdout 15 development halves (wt-h15follow).

Pure functions, no server: a switch to the other side of a purchase after a local contact keeps the place
(actions/routing.side_contact), who may be solicited for the thing just answered (contact_of_previous),
a rate asked for an AGEC category after another topic (back_to_agec), leisure requests out of scope
(actions/limits.off_domain) and a year no text covers (actions/unknowns.uncovered_year). Sentences differ
from the dev set.
"""

from __future__ import annotations

import pytest

import places
from actions.agec_route import back_to_agec
from actions.context_rules import vocabulary
from actions.knowledge import knowledge_base
from actions.limits import off_domain
from actions.route_types import Context
from actions.routing import route
from actions.topic_choice import contact_of_previous, side_contact
from actions.understanding import asks_who_helps, facet_topic, named_topics
from actions.unknowns import question_without_year, uncovered_year, unknown_year_sentence

KNOWLEDGE = knowledge_base()
AURA = places.resolve_key("region:84")


# --- the other side of the purchase, for the place known -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("et niveau environnemental ?", "ask_environmental_considerations"),
        ("et côté écologique ?", "ask_environmental_considerations"),
        ("et côté social ?", "ask_social_clause"),
        ("et pour le volet social du marché ?", "ask_social_clause"),
    ],
)
def test_side_named_in_a_short_follow_up(text: str, side: str) -> None:
    assert facet_topic(text) == side


def test_environment_after_the_facilitator_is_the_guichet_vert_of_the_place() -> None:
    ctx = Context(
        intent="ask_environmental_considerations",
        text="et sur le volet environnemental ?",
        question="ask_environmental_considerations",
        previous_question="ask_facilitator",
        place=AURA,
    )
    assert side_contact(ctx, named_topics(ctx.text)) == "ask_guichet_vert"
    outcome = route(KNOWLEDGE, ctx)
    assert "AURA-EE" in outcome.replies[0].text
    assert outcome.question == "ask_guichet_vert"


def test_social_after_the_guichet_vert_is_the_facilitator_of_the_place() -> None:
    ctx = Context(
        intent="ask_social_clause",
        text="et côté social ?",
        question="ask_social_clause",
        previous_question="ask_guichet_vert",
        place=AURA,
    )
    assert side_contact(ctx, named_topics(ctx.text)) == "ask_facilitator"


@pytest.mark.parametrize(
    ("previous", "place"),
    [
        ("ask_facilitator", None),  # no place known: the side's own answer
        ("ask_ecolabels", AURA),  # not after a local contact
        ("ask_guichet_vert", AURA),  # the same side again
    ],
)
def test_no_side_contact(previous: str, place) -> None:
    ctx = Context(
        intent="ask_environmental_considerations",
        text="et pour l'environnement ?",
        previous_question=previous,
        place=place,
    )
    assert side_contact(ctx, named_topics(ctx.text)) is None


def test_turning_to_the_environment_after_the_clauses_names_the_guichet_vert_too() -> None:
    ctx = Context(
        intent="ask_environmental_considerations",
        text="et niveau environnemental ?",
        question="ask_environmental_considerations",
        previous_question="ask_social_clause",
        place=AURA,
    )
    replies = route(KNOWLEDGE, ctx).replies
    assert "environnement" in replies[0].text
    assert "AURA-EE" in replies[-1].text


def test_no_local_help_added_without_a_place() -> None:
    ctx = Context(
        intent="ask_environmental_considerations",
        text="et niveau environnemental ?",
        question="ask_environmental_considerations",
        previous_question="ask_social_clause",
    )
    assert not any("AURA-EE" in reply.text for reply in route(KNOWLEDGE, ctx).replies)


# --- who may be solicited for the thing just answered ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["qui on peut contacter pour ça ?", "et qui je pourrais solliciter ?", "qui nous devons appeler ?"],
)
def test_who_may_be_solicited_asks_who_helps(text: str) -> None:
    assert asks_who_helps(text)


def test_contact_of_the_topic_asked_with_help_words() -> None:
    ctx = Context(
        intent="follow_up",
        text="et qui on pourrait solliciter là-dessus, gratuitement ?",
        question="ask_ecolabels",
        previous_question="ask_ecolabels",
    )
    assert contact_of_previous(ctx, [], vocabulary(KNOWLEDGE)) == "ask_guichet_vert"


# --- a rate of an AGEC category after another topic -----------------------------------------------------

AGEC_EARLIER = ("Catégorie « Papier » : … L'article 58 de la loi AGEC s'applique …",)


def test_rate_of_a_category_goes_back_to_agec() -> None:
    ctx = Context(
        intent="follow_up",
        text="bon, et pour le papier, quel pourcentage ?",
        previous_question="ask_network",
        earlier_answers=("Votre réseau régional est …", *AGEC_EARLIER),
    )
    assert back_to_agec(KNOWLEDGE, ctx, [])


@pytest.mark.parametrize(
    ("text", "earlier", "intent"),
    [
        ("et pour le papier, ça coûte combien ?", AGEC_EARLIER, "follow_up"),  # a price, not a rate
        ("et pour le papier, quel pourcentage ?", (), "follow_up"),  # AGEC never answered nor read
        ("et le réseau, il a combien de membres ?", AGEC_EARLIER, "follow_up"),  # no category named
    ],
)
def test_no_return_to_agec(text: str, earlier, intent: str) -> None:
    ctx = Context(intent=intent, text=text, previous_question="ask_rapidd", earlier_answers=earlier)
    assert not back_to_agec(KNOWLEDGE, ctx, named_topics(text))


# --- leisure is out of scope, place or not -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("tu connais un resto sympa vers Nantes ?", True),
        ("où dîner ce soir à Bordeaux ?", True),
        ("la météo de demain à Brest ?", True),
        ("un marché de restauration scolaire, des clauses sociales ?", False),
        ("le resto U de la fac achète bio, c'est du durable ?", False),
    ],
)
def test_leisure_requests(text: str, off: bool) -> None:
    assert off_domain(text) is off


# --- a year no text covers -------------------------------------------------------------------------------

TEXTS = [
    "Le dispositif a été lancé en 2019 dans trois régions.",
    "Il a été étendu en 2021 à tous les acheteurs.",
    "Le plan {period:2015-2017} l'avait préparé.",
]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("et il y a eu une évaluation en 2012 ?", "2012"),
        ("et pour 2018 ?", "2018"),
        ("et en 2019 ?", None),  # named
        ("il existe encore en 2024 ?", "2024"),
        ("et le guide de 2012 est-il à jour ?", None),  # a document's date, not a time asked
        ("et en 2016 ?", None),  # inside the plan's period
        ("et sinon combien ?", None),  # no year asked
    ],
)
def test_uncovered_year(text: str, year) -> None:
    assert uncovered_year(text, TEXTS) == year


@pytest.mark.parametrize("text", ["c'est obligatoire en 2027 ?", "et en 2035 ?"])
def test_a_rule_start_answers_any_year(text: str) -> None:
    # « à compter de 2030 »: later years hold the rule, earlier ones not yet; both are answered
    assert uncovered_year(text, ["Le tri est obligatoire à compter du 1er janvier 2030."]) is None


def test_unknown_year_said_with_what_is_asked() -> None:
    text = "et il y a eu une évaluation en 2012 ?"
    assert unknown_year_sentence(text, "2012").startswith(
        "Je n'ai pas d'information sur une évaluation en 2012"
    )
    assert unknown_year_sentence("et pour 2018 ?", "2018").startswith(
        "Je n'ai pas d'information pour l'année 2018"
    )
    assert question_without_year(text, "2012") == "et il y a eu une évaluation ?"


def test_long_message_dates_its_context_only() -> None:
    text = (
        "nous avons commencé en 2012 à travailler ensemble avec plusieurs communes voisines du canton, "
        "qui peut nous aider ?"
    )
    assert uncovered_year(text, TEXTS) is None
