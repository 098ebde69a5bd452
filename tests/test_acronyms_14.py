"""Acronyms the knowledge mentions in passing without defining them (review finding, stop 26)."""

from actions.actions import KNOWLEDGE
from actions.unknown_terms import spelled_out, unknown_term_reply


def test_acronym_spelled_out_in_passing_is_given_with_its_sentence() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "c'est quoi le HCCP ?")
    assert reply is not None
    assert reply.text.startswith("« HCCP » veut dire « Haut conseil de la commande publique »")
    assert "sans le définir" in reply.text


def test_acronym_only_cited_says_no_definition_and_quotes_the_source() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "c'est quoi une PME ?")
    assert reply is not None
    assert reply.text.startswith("Je n'ai pas de définition de « PME »")
    assert "Elles le citent seulement ainsi" in reply.text


def test_acronym_in_no_source_says_no_definition() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "HCCP c'est quoi")
    assert reply is not None and "HCCP" in reply.text
    assert unknown_term_reply(KNOWLEDGE, "c'est quoi le but ?") is None  # an ordinary word, not a term


def test_spelled_out_needs_every_initial() -> None:
    assert spelled_out("82 postes en équivalent temps plein (ETP) créés.", "etp") == "équivalent temps plein"
    assert spelled_out("un réseau très actif (ETP) ici.", "etp") is None
    assert spelled_out("rien entre parenthèses.", "etp") is None


def test_structure_name_after_de_is_contracted() -> None:
    from actions.territory import of_name

    assert of_name("le GIP Maximilien") == "du GIP Maximilien"
    assert of_name("APuRe") == "d'APuRe"
    assert of_name("l'ARBE") == "de l'ARBE"
    assert of_name("3AR") == "de 3AR"
