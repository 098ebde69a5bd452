"""Every reply the knowledge base can give, rendered by the reply builders: short, sourced, no raw URL.

Exhaustive and fast: every topic (with and without each of its examples), every AGEC category for every
buyer type, and the network, guichet vert and facilitator answers for every region. Issue 12: the first
message answers in about 60 words (a median of at most MAX_ANSWER_WORDS; none far beyond); no text a user
reads (the answer or its details) holds a raw URL; sources are named links (at most two) with the date
they were consulted; no internal vocabulary.
"""

from __future__ import annotations

import statistics
from datetime import date
from typing import Iterator, List, Tuple

import pytest

import places
from actions.agec import agec_reply
from actions.knowledge import KnowledgeBase, knowledge_base
from actions.render import BUYER_TYPE_LABELS, source_title
from actions.reply import (
    DETAILS_PAYLOAD,
    MAX_ANSWER_WORDS,
    MAX_SOURCES,
    Reply,
    details_reply,
    message_buttons,
    parse_payload,
    to_payload,
    word_count,
)
from actions.territory import facilitator_reply, guichet_vert_reply, network_reply
from actions.topics import topic_reply
from tests.support.wording import RAW_URL, wording_problems

# A few first messages may run past the median target: the long AGEC category labels, a region's desk.
HARD_MAX_WORDS = 80
# INSEE codes of the 18 regions.
REGIONS = (
    "01",
    "02",
    "03",
    "04",
    "06",
    "11",
    "24",
    "27",
    "28",
    "32",
    "44",
    "52",
    "53",
    "75",
    "76",
    "84",
    "93",
    "94",
)
TODAY = date(2026, 12, 1)


def every_reply(knowledge: KnowledgeBase) -> Iterator[Tuple[str, Reply]]:
    for topic in knowledge.topics.values():
        yield topic.id, topic_reply(knowledge, topic, "", TODAY)
        if topic.see_also:
            yield f"{topic.id} (guide)", topic_reply(knowledge, topic, "vous avez un guide ?", TODAY)
        for example in topic.examples:
            yield (
                f"{topic.id} ({example.keywords[0]})",
                topic_reply(knowledge, topic, example.keywords[0], TODAY),
            )
    for category in [None, *knowledge.agec.categories]:
        for buyer_type in [None, *BUYER_TYPE_LABELS]:
            name = f"agec {category.id if category else '-'} / {buyer_type}"
            yield name, agec_reply(knowledge.agec, category, buyer_type, TODAY)
    guichet = knowledge.topics["ask_guichet_vert"]
    yield "guichet vert, no place", guichet_vert_reply(knowledge, guichet, None, TODAY)
    for region in REGIONS:
        place = places.resolve_key(f"region:{region}")
        assert place is not None, region
        yield f"network {region}", network_reply(knowledge, place, TODAY)
        yield f"guichet vert {region}", guichet_vert_reply(knowledge, guichet, place, TODAY)
        yield (
            f"facilitator {region}",
            facilitator_reply(knowledge, knowledge.topics["ask_facilitator"], place, TODAY),
        )


@pytest.fixture(scope="module")
def replies() -> List[Tuple[str, Reply]]:
    return list(every_reply(knowledge_base()))


def test_every_reply_is_covered(replies: List[Tuple[str, Reply]]) -> None:
    assert len(replies) >= 150


def test_no_raw_url_and_no_internal_vocabulary_in_any_answer_text(replies: List[Tuple[str, Reply]]) -> None:
    for name, reply in replies:
        for part in (reply.text, reply.details):
            assert not wording_problems(name, part)
            assert "{" not in part and "None" not in part, f"{name}: « {part} »"
        for source in reply.sources:
            assert not wording_problems(f"{name}, source", source.title)
        for item in reply.buttons + message_buttons(reply):
            assert not wording_problems(f"{name}, button", item["title"])


def test_first_messages_are_short(replies: List[Tuple[str, Reply]]) -> None:
    counts = [word_count(reply.text) for _, reply in replies]
    assert statistics.median(counts) <= MAX_ANSWER_WORDS
    too_long = [
        (name, word_count(reply.text)) for name, reply in replies if word_count(reply.text) > HARD_MAX_WORDS
    ]
    assert not too_long, too_long


def test_sources_are_named_dated_links(replies: List[Tuple[str, Reply]]) -> None:
    for name, reply in replies:
        assert 1 <= len(reply.sources) <= MAX_SOURCES, name
        for source in reply.sources:
            assert source.url.startswith(("https://", "http://")), name
            assert source.title and not RAW_URL.search(source.title), f"{name}: {source.title}"
            assert source.note.startswith("consultée le "), name
        for item in reply.links + reply.detail_links:
            assert item.url.startswith(("https://", "http://")) and item.title, name


def test_details_are_offered_whenever_there_are_some(replies: List[Tuple[str, Reply]]) -> None:
    for name, reply in replies:
        payloads = [button["payload"] for button in message_buttons(reply)]
        assert (DETAILS_PAYLOAD in payloads) == bool(reply.details), name
        assert reply.details, f"{name}: nothing behind « En savoir plus »"


def test_the_payload_reads_back_as_the_same_reply(replies: List[Tuple[str, Reply]]) -> None:
    for name, reply in replies:
        back = parse_payload(to_payload(reply))
        assert back is not None, name
        assert (back.text, back.details, back.buttons) == (reply.text, reply.details, reply.buttons), name
        assert back.links == reply.links and back.sources == reply.sources[:MAX_SOURCES], name
        details = details_reply(to_payload(reply))
        assert details is not None and details.text == reply.details and details.kind == "details", name


def test_a_private_company_is_told_no_and_an_unknown_buyer_is_asked() -> None:
    """Issue 12: « Je suis acheteur dans une entreprise de logistique, est-ce que la loi AGEC m'oblige à
    acheter du mobilier de réemploi ? » gets no, then what concerns it."""
    agec = knowledge_base().agec
    furniture = next(category for category in agec.categories if category.id == "mobilier")
    private = agec_reply(agec, furniture, "entreprise", TODAY)
    assert private.text.startswith("Non : ")
    assert "Oui" not in private.text
    assert [button["payload"] for button in private.buttons] == ["/ask_private_support"]
    bound = agec_reply(agec, furniture, "collectivite", TODAY)
    assert bound.text.startswith("Oui : ") and "20 %" in bound.text
    unknown = agec_reply(agec, furniture, None, TODAY)
    assert unknown.text.endswith("Pour qui achetez-vous ?")
    assert any('"buyer_type": "entreprise"' in button["payload"] for button in unknown.buttons)


def test_payload_parsing_drops_what_a_renderer_must_not_trust() -> None:
    payload = {
        "kind": "answer",
        "answer": "Réponse",
        "details": 42,
        "links": [
            {"title": "ok", "url": "https://example.org"},
            {"title": "js", "url": "javascript:alert(1)"},
        ],
        "detail_links": [{"title": "no scheme", "url": "example.org"}, "not a link"],
        "sources": [
            {"title": "S", "url": "https://user:pw@example.org", "consulted": "2026-11-25"},
            {"title": "T", "url": "https://example.org/t", "consulted": "not a date"},
            {"title": "U", "url": "http://example.org/u", "consulted": "2026-11-25"},
        ],
        "buttons": [{"title": "B", "payload": "/ask_pnad"}, {"title": 3, "payload": "/x"}],
    }
    reply = parse_payload(payload)
    assert reply is not None
    assert reply.details == "" and [link.url for link in reply.links] == ["https://example.org"]
    assert reply.detail_links == [] and [source.title for source in reply.sources] == ["U"]
    assert reply.buttons == [{"title": "B", "payload": "/ask_pnad"}]
    assert parse_payload({"kind": "other", "answer": "x"}) is None
    assert parse_payload({"kind": "answer", "answer": "  "}) is None
    assert parse_payload(["kind", "answer"]) is None


def test_source_titles_name_the_course_chapter_and_the_publisher() -> None:
    knowledge = knowledge_base()
    course = knowledge.topics["ask_guichet_vert"].sources[0]
    assert source_title(course) == "Cours : Appuyez-vous sur des réseaux nationaux et locaux"
    decree = knowledge.agec.sources[1]
    assert source_title(decree) == "Décret n° 2024-134 du 21 février 2024 — code-commande-publique.com"


def test_a_narrower_question_gets_the_sentence_that_answers_it_first() -> None:
    """actions/focus.py: the sentence of the details that answers what the short answer does not."""
    knowledge = knowledge_base()
    guichet = knowledge.topics["ask_guichet_vert"]
    state = guichet_vert_reply(
        knowledge, guichet, None, TODAY, "les acheteurs de l'État peuvent-ils l'utiliser ?"
    )
    assert "sollicitez d'abord vos référents internes" in state.text
    networks = topic_reply(
        knowledge, knowledge.topics["ask_networks_overview"], "depuis quand le CGDD anime les réseaux", TODAY
    )
    assert networks.text.startswith("Depuis 2013, le CGDD anime ces réseaux territoriaux")
    assert "11 réseaux régionaux" in networks.text + networks.details  # the short answer is kept
    for reply in (state, networks):
        assert word_count(reply.text) <= MAX_ANSWER_WORDS


def test_a_question_for_a_guide_gets_the_topics_guides_first() -> None:
    knowledge = knowledge_base()
    social = knowledge.topics["ask_social_clause"]
    reply = topic_reply(knowledge, social, "vous avez un guide officiel sur les clauses sociales ?", TODAY)
    assert reply.text.startswith("Les documents de référence :\n• Guide sur les aspects sociaux")
    assert social.answer.split(":")[0] in reply.details  # the short answer moves to the details
    considerations = knowledge.topics["ask_environmental_considerations"]
    reply = topic_reply(knowledge, considerations, "un guide pour verdir mes achats ?", TODAY)
    assert [item.title for item in reply.links[:2]] == [
        knowledge.guides["portail_considerations"].title,
        knowledge.guides["ademe_achat_public"].title,
    ]
    assert ") (" not in reply.text and ".com" not in reply.text  # no host name in the text
    plain = topic_reply(knowledge, social, "c'est quoi une clause sociale ?", TODAY)
    assert not plain.text.startswith("Les documents de référence")


def test_a_broad_question_gets_the_short_answer() -> None:
    knowledge = knowledge_base()
    pnad = knowledge.topics["ask_pnad"]
    for question in ("c'est quoi le PNAD ?", "PNAD", ""):
        reply = topic_reply(knowledge, pnad, question, TODAY)
        assert reply.text.startswith(
            "Le PNAD, troisième version du plan national des achats durables"
        ), question
