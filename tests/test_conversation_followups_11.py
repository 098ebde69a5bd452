"""Issue 11, conversations (wt-convo11): follow-ups answered by the facet asked of the answer just given.

A sum the buyer states is compared with the threshold just given (actions/amounts.py); « et pour les
entreprises privées ? » is answered by what the topic says of private buyers (actions/audience.py);
« et entre X et Y ? » after a difference compares that pair, and « il fait aussi … ? » after a regional
structure is answered by its own entry (actions/routing.py). The sentences differ from the dev set
tests/dev/conversations_11.yml.
"""

from __future__ import annotations

from dataclasses import replace

import places
from actions.amounts import stated_sum, sum_verdict, threshold_of
from actions.audience import asks_private_side, private_side_answer
from actions.comparisons import difference_reply
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.unknowns import unknown_aspect

KNOWLEDGE = knowledge_base()
SPASER_RULE = (
    "Doivent adopter un SPASER les acheteurs dont les achats annuels dépassent 50 millions d'euros depuis le "
    "1er janvier 2023 (100 millions auparavant)."
)


def test_stated_sums_are_read_in_millions() -> None:
    assert stated_sum("notre budget achats : 64 M€") == 64
    assert stated_sum("environ 2 milliards par an") == 2000
    assert stated_sum("on achète pour 48,5 millions d'euros") == 48.5
    assert stated_sum("on a 12 agents") is None
    assert stated_sum("entre 40 et 60 millions") is None  # two sums: no single figure to compare


def test_the_threshold_is_the_one_the_answer_states() -> None:
    found = threshold_of(SPASER_RULE)
    assert found is not None and found.millions == 50
    assert threshold_of("Plus de 500 facilitateurs maillaient le territoire.") is None


def test_a_sum_above_the_threshold_is_a_yes() -> None:
    said = sum_verdict("la communauté urbaine achète pour 64 M€ par an, ça nous concerne ?", SPASER_RULE)
    assert said is not None and said.startswith("Oui : avec 64 millions d'euros")
    assert "50 millions d'euros" in said


def test_a_sum_below_the_threshold_is_a_no() -> None:
    said = sum_verdict("nous c'est 22 millions, on est soumis ?", SPASER_RULE)
    assert said is not None and said.startswith("Non : avec 22 millions d'euros")


def test_a_threshold_stated_to_confirm_is_left_to_the_count_rules() -> None:
    assert sum_verdict("le seuil c'est 60 millions maintenant ?", SPASER_RULE) is None
    assert sum_verdict("quel réseau pour une ville qui dépense 80 M€ ?", SPASER_RULE) is None
    assert sum_verdict("on a 80 M€ d'achats", "Le guichet vert est gratuit.") is None


def test_private_side_is_only_the_elliptical_question() -> None:
    assert asks_private_side("et côté privé ?")
    assert asks_private_side("valable aussi pour les PME ?")
    assert not asks_private_side("et pour Lille ?")
    assert not asks_private_side("et pour les entreprises qui répondent aux marchés ?")


def test_private_side_from_the_topic_sentence() -> None:
    topics = KNOWLEDGE.topics
    said = private_side_answer("ask_marche_inclusion", topics["ask_marche_inclusion"], "et le privé ?")
    assert said is not None and said.startswith("Oui :") and "privés" in said
    rapidd = private_side_answer("ask_rapidd", topics["ask_rapidd"], "et pour une PME ?")
    assert rapidd is not None and "acheteurs publics" in rapidd and "CCI" in rapidd
    # AGEC has its own rule for private buyers
    assert private_side_answer("ask_agec", topics.get("ask_agec"), "et le privé ?") is None


def test_another_pair_after_a_difference() -> None:
    last = "Ce sont deux choses différentes :\n• A.\n• B."
    reply = difference_reply(KNOWLEDGE, "et entre le marché de l'inclusion et un facilitateur ?", last)
    assert reply is not None and reply.text.startswith("Ce sont deux choses différentes")
    assert difference_reply(KNOWLEDGE, "et entre le marché de l'inclusion et un facilitateur ?", "") is None


def test_what_the_structure_just_named_also_does() -> None:
    paris = places.resolve_text("Paris")
    answer = route(
        KNOWLEDGE,
        Context(
            intent="ask_network",
            text="réseau acheteurs Paris ?",
            question="ask_network",
            place=paris,
            place_in_message=paris,
        ),
    )
    last = "\n".join(reply.text for reply in answer.replies)
    ctx = Context(
        intent="follow_up",
        text="ils s'occupent aussi des clauses sociales ?",
        question="ask_network",
        place=paris,
        last_answer=last,
    )
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.replies[0].text.startswith("Oui :")
    assert "MACS" in outcome.replies[0].text
    # nothing in its entry about it: the usual routing answers
    other = route(KNOWLEDGE, replace(ctx, text="ils font aussi de la formation juridique ?"))
    assert not other.replies or not other.replies[0].text.startswith("Oui :")


def test_a_threshold_said_with_a_pronoun_is_known() -> None:
    texts = [
        "Le SPASER est le schéma de promotion des achats publics socialement et écologiquement responsables. "
        "Il est obligatoire au-delà de 50 millions d'euros d'achats annuels."
    ]
    question = (
        "ma collectivité hésite à adopter un schéma de promotion des achats et quel est le seuil actuel"
    )
    assert unknown_aspect(question, texts) is None
