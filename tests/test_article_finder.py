"""Which article says it: the sentence citing the text asked, found in the whole knowledge."""

from actions.article_finder import article_sentence, led_by_article
from actions.knowledge import knowledge_base
from actions.render import Reply

KNOWLEDGE = knowledge_base()


def test_the_article_of_a_rule_described_in_words_is_found_in_another_topic() -> None:
    found = article_sentence(
        KNOWLEDGE, "la clause sociale obligatoire au-dessus des seuils européens, quel article du code ?"
    )
    assert found is not None and "L. 2112-2-1" in found[0]
    assert found[1], "the sentence keeps its sources"


def test_no_article_is_asked_or_no_sentence_is_close_enough() -> None:
    plain = "la clause sociale obligatoire au-dessus des seuils européens ?"
    assert article_sentence(KNOWLEDGE, plain) is None
    assert article_sentence(KNOWLEDGE, "quel article pour les labels ?") is None


def test_a_reply_that_already_cites_the_article_is_kept() -> None:
    question = "la condition d'exécution sociale au-dessus des seuils européens, c'est quel article ?"
    kept = Reply("C'est l'article L. 2112-2-1 du code de la commande publique.")
    assert led_by_article(KNOWLEDGE, question, kept) is kept
    led = led_by_article(KNOWLEDGE, question, Reply("La loi Climat et résilience verdit les achats."))
    assert "L. 2112-2-1" in led.text and "La loi Climat" in (led.details or "")


def test_the_article_of_a_term_named_alone_is_its_entry_s() -> None:
    found = article_sentence(KNOWLEDGE, "Quelle est la base légale du SPASER ?")
    assert found is not None and "L. 2111-3" in found[0]


def test_an_article_of_a_law_in_the_reply_answers_unless_the_code_is_asked() -> None:
    law = Reply("La loi Climat et résilience (article 35) verdit la commande publique.")
    assert (
        led_by_article(KNOWLEDGE, "Quel article de la loi Climat concerne la commande publique ?", law) is law
    )
    question = "la condition d'exécution sociale au-dessus des seuils européens, quel article du code ?"
    assert "L. 2112-2-1" in led_by_article(KNOWLEDGE, question, law).text
