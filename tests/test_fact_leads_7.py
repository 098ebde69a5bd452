"""Precise fact questions (tests/dev/facts_7.yml): the sentence that gives the fact comes first, and a
count the buyer states wrongly is corrected."""

from actions.focus import corrected_count, lead_sentence, stated_figure
from actions.knowledge import knowledge_base
from actions.topics import focused


def test_a_stated_figure_is_a_guess_not_a_keyword() -> None:
    assert stated_figure("le PNAD a bien 30 actions ?")[1] == "actions"
    assert stated_figure("la loi date de 2021 ou 2022 ?")[1] is None


def test_a_contradicted_count_is_answered_no() -> None:
    answer = "Le décret répartit les produits en 17 catégories."
    assert corrected_count("Le décret liste 12 catégories, non ?", answer).startswith("Non : le décret")
    assert corrected_count("il y a bien 17 catégories ?", answer) == answer
    assert corrected_count("combien de catégories ?", answer) == answer


def test_the_sentence_that_contradicts_the_count_leads() -> None:
    answer = "Les réseaux accompagnent les acheteurs. En 2023, 11 réseaux régionaux étaient actifs.\nSuite."
    corrected = corrected_count("un réseau dans chacune des 18 régions, vrai ?", answer)
    assert corrected.startswith("Non : en 2023, 11 réseaux") and "Les réseaux accompagnent" in corrected


def test_a_share_asked_is_led_by_the_sentence_with_a_percent() -> None:
    topic = knowledge_base().topics["ask_pnad"]
    lead = lead_sentence(
        "objectif PNAD, on vise combien de % de contrats sociaux ?", topic.answer, topic.details
    )
    assert lead is not None and "30 %" in lead


def test_which_law_is_answered_by_its_number() -> None:
    topic = knowledge_base().topics["ask_climate_law"]
    first, _ = focused(topic, "la loi climat, c'est la loi n° combien ?")
    assert "2021-1104" in first.split(".")[0]
