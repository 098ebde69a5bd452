"""Articles cited in messages and in the knowledge (actions/legal_refs.py)."""

from __future__ import annotations

import pytest

from actions.legal_refs import (
    cited_articles,
    known_articles,
    known_cited_articles,
    names_another_code,
    uncovered_law,
    unknown_articles,
)


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        ("article L. 2112-2 ça dit quoi ?", ["L. 2112-2"]),
        ("art l2113-13", ["L. 2113-13"]),
        ("R.2113-7 ?", ["R. 2113-7"]),
        ("l'article r2111-12 du CCP", ["R. 2111-12"]),
        ("L. 2113-13-1 et L 2113-12", ["L. 2113-13-1", "L. 2113-12"]),
        ("le lot 2113-13", []),  # no letter
        ("décret n° 2024-134", []),  # a decree's number is no article
        ("r2113-7", []),  # a lower-case letter needs « article »
        ("que dit l'article L. 3-1 du code ?", ["L. 3-1"]),  # a short number after « article »
        ("la L 1-2", []),  # a short number alone is no article
    ],
)
def test_cited_articles(text: str, articles: list) -> None:
    assert cited_articles(text) == articles


def test_known_articles_include_the_ranges_the_knowledge_cites() -> None:
    known = known_articles()
    assert {"L. 2113-12", "L. 2113-13", "R. 2113-7", "R. 2111-12", "R. 2111-17"} <= known
    assert {"R. 2111-13", "R. 2111-16"} <= known  # « R. 2111-12 à R. 2111-17 »
    assert unknown_articles("L. 2112-4 et L. 2113-12") == ["L. 2112-4"]


def test_other_codes_are_named() -> None:
    assert names_another_code("l'article L. 1221-1 du code du travail")
    assert not names_another_code("l'article L. 2112-2 du code de la commande publique")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("la loi EGalim impose combien de bio en restauration collective ?", "EGalim"),
        ("Egalim 2 ça concerne les cantines ?", "EGalim 2"),
        ("la loi ELAN et les bâtiments", "ELAN"),
        ("la loi Climat et résilience", None),  # covered
        ("la lom", None),  # a nickname needs « loi » (but EGalim is unmistakable)
        ("La loi AGEC impose-t-elle un pacte avec les fournisseurs ?", None),  # a common word
        ("La loi AGEC a donné un élan au réemploi, que dois-je acheter ?", None),
        ("la loi Pacte", "PACTE"),  # right after « loi »
    ],
)
def test_laws_the_knowledge_does_not_cover(text: str, name: str) -> None:
    assert uncovered_law(text) == name


def test_an_article_of_another_code_is_known_only_with_that_code() -> None:
    assert unknown_articles("Que dit l'article L. 2113-13 du code du travail ?") == ["L. 2113-13"]
    assert known_cited_articles("Que dit l'article L. 2113-13 du code du travail ?") == []
    assert unknown_articles("article L. 5132-4 du code du travail") == []
    assert unknown_articles("L. 2113-13 du code de la commande publique") == []
    assert known_cited_articles("l'article L. 2113-13 ?") == ["L. 2113-13"]


def test_an_article_numbered_alone_of_another_code_is_unknown_not_the_agec_law() -> None:
    """« l'article 58 du code de la route » is not article 58 of the AGEC law; the law keeps its own."""
    from actions.knowledge import knowledge_base
    from actions.legal_refs import numbered_other_code_articles, unknown_article_reply

    assert numbered_other_code_articles("c'est quoi l'article 58 du code de la route ?") == ["58"]
    assert numbered_other_code_articles("Que prévoit l'article 1er de la Constitution ?") == ["1er"]
    assert numbered_other_code_articles("l'article 2 de la Constitution") == ["2"]
    assert numbered_other_code_articles("l'article 58 de la loi AGEC") == []
    assert numbered_other_code_articles("l'article 58 du code de la commande publique") == []
    reply = unknown_article_reply(knowledge_base(), "l'article 58 du code de la route, il dit quoi ?", [])
    assert reply is not None and "article 58" in reply.text and "dans le texte que vous citez" in reply.text
    assert unknown_article_reply(knowledge_base(), "l'article 58 de la loi AGEC, il dit quoi ?", []) is None
