"""Unknown facts (issue 11, class 8, branch wt-unknown8): the rules behind tests/dev/unknown_facts_8.yml."""

from actions.followup import figure_is_known, topic_texts
from actions.glossary_route import term_replies
from actions.knowledge import knowledge_base
from actions.question_parts import own_question, part_unknown
from actions.route_types import Context
from actions.routing import route
from actions.understanding import FIGURE, asks_money, aspects, unknown_detail
from actions.unknowns import unknown_aspect

KNOWLEDGE = knowledge_base()


def known(topic: str, question: str):
    wanted = aspects(question)
    return figure_is_known(topic_texts(KNOWLEDGE.topics[topic]), question, wanted, FIGURE in wanted)


def test_a_share_asked_with_its_noun_is_read_as_a_share() -> None:
    assert known("ask_reserved_contracts", "la part minimale de travailleurs handicapés c'est combien ?")


def test_a_count_of_things_done_is_not_a_count_of_things() -> None:
    assert known("ask_facilitator", "combien de facilitateurs en France ?")
    assert known("ask_facilitator", "combien de facilitateurs ont été formés l'an dernier ?") is False


def test_a_pay_a_turnover_an_extra_cost_are_sums_of_money() -> None:
    for question in (
        "et ils sont payés combien ?",
        "le chiffre d'affaires moyen d'une EA ?",
        "le surcoût moyen ?",
    ):
        assert asks_money(question), question


def test_a_contact_name_is_never_known() -> None:
    assert unknown_detail("il y a un nom de contact ?", [])


def test_the_fight_against_exclusion_is_no_exception() -> None:
    texts = topic_texts(KNOWLEDGE.topics["ask_social_clause"])
    assert unknown_aspect("la liste des dérogations à la clause sociale obligatoire ?", texts)


def test_a_two_part_question_needs_two_questions() -> None:
    assert own_question("APuRe a été créé quand")
    assert not own_question("combien ?")
    assert not own_question("je cherche des prestataires locaux")
    texts = topic_texts(KNOWLEDGE.topics["ask_entreprises_engagent"])
    assert (
        part_unknown(
            texts, "rejoindre Les entreprises s'engagent c payant ? combien ?", None, both_asked=True
        )
        is None
    )


def test_the_known_part_of_a_question_on_a_named_network_is_answered() -> None:
    ctx = Context(
        intent="ask_network",
        question="ask_network",
        text="APuRe a été créé quand et il a combien de membres ?",
    )
    texts = [reply.text for reply in route(KNOWLEDGE, ctx).replies]
    assert "2019" in texts[0]
    assert texts[-1].startswith("Je n'ai pas ce chiffre")


def test_a_law_with_its_own_rates_answers_a_rate_and_says_the_count_unknown() -> None:
    ctx = Context(intent="nlu_fallback", text="taux REEN 2024 et combien de collectivités le respectent ?")
    texts = [reply.text for reply in term_replies(KNOWLEDGE, ctx)]
    assert texts[0].startswith("Je n'ai pas ce chiffre")
    assert "35 %" in texts[1]


def test_an_agec_sum_is_unknown_and_routed() -> None:
    ctx = Context(
        intent="ask_agec", question="ask_agec", text="le montant total des achats issus du réemploi en 2023 ?"
    )
    first = route(KNOWLEDGE, ctx).replies[0].text
    assert first.startswith("Je n'ai pas ce chiffre") and "data.gouv.fr" in first


def test_a_rate_after_a_rate_is_a_rate_question() -> None:
    last = "Catégorie textiles : au moins 8 % en 2024 issus du réemploi ou de la réutilisation."
    ctx = Context(intent="follow_up", question="ask_agec", text="et pour les ordinateurs ?", last_answer=last)
    ctx = Context(**{**ctx.__dict__, "intent": "ask_agec"})
    first = route(KNOWLEDGE, ctx).replies[0].text
    assert first.startswith("Je n'ai pas ce chiffre")


def test_a_share_asked_for_one_kind_of_employer_is_not_another_kind_s() -> None:
    from actions.unknowns import figure_about

    private = (
        "l'obligation d'employer 6 % de travailleurs handicapés dans les entreprises d'au moins 20 salariés"
    )
    adapted = "pour les entreprises adaptées et les ESAT, au moins 50 % de travailleurs handicapés"
    question = "La part minimale de travailleurs handicapés dans une entreprise adaptée, c'est combien ?"
    assert not figure_about(private, private, question)
    assert figure_about(adapted, adapted, question)
