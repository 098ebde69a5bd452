"""Which sentence gives the figure: a figure asked about no topic, looked for in the whole knowledge.

« La commande publique pèse combien par an ? » names no topic the assistant answers, yet one sentence of
the knowledge gives the figure (« près de 200 milliards d'euros par an »). Before saying a figure is not
known, every sentence of the topics is read: one that gives the kind of figure asked (a sum for a
budget, a count of the noun asked, a share) and shares at least MIN_SHARED words of what the question
is about answers it, if no other sentence of that kind shares as many.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional, Sequence, Tuple

from actions.focus import GIVES_MONEY, as_sentence, stem, units
from actions.followup import WEIGHT_ASKED
from actions.knowledge import KnowledgeBase, Topic
from actions.render import Reply, compose, source_links
from actions.understanding import asks_money, asks_percent, counted_noun, states_count
from textnorm import YEAR, normalize, question_form

MIN_SHARED = 2  # words of the subject shared with the sentence ("commande publique"), and all of them
# Words of any figure question, and the scope: they say a figure is asked, not what it is about.
FIGURE_WORDS = frozenset(
    """
    combien quel quelle quels quelles nombre chiffre chiffres montant montants budget euros euro millions
    milliards argent pese pesent represente representent part pourcentage taux proportion environ peu
    pres approximativement annee annees chaque france national nationale niveau total sont est etait
    avait ont avez vous nous elle elles ils pour dans avec cette leur leurs plus moins tout tous toute
    achat achats public publics les des une par pas qui que quoi est ont son ses sur aux avec ete eux
    """.split()
)
# How rough or over which period the figure is wanted (« en gros », « grosso modo », « ordre de grandeur »,
# « le volume annuel »): they say how the figure is asked, not what it is about.
FIGURE_WORDS |= frozenset(
    """
    gros grosso modo ordre grandeur approximatif approximative approximatifs estimation estime estimee
    global globale globalement totale totaux volume volumes annuel annuelle annuels annuelles annuellement
    actuellement aujourd hui grand maximum vraiment exactement precisement
    """.split()
)


def subject_words(text: str) -> frozenset[str]:
    """The words of at least three letters that say what a figure is about ("PIB" included)."""
    return frozenset(
        stem(word) for word in re.findall(r"[a-z]{3,}", question_form(text)) if word not in FIGURE_WORDS
    )


def gives_asked_figure(sentence: str, question: str) -> bool:
    plain = normalize(sentence)
    plain_question = question_form(question)
    if (
        asks_money(question)
        or re.search(r"\beuros?\b", plain_question)
        or WEIGHT_ASKED.search(plain_question)
    ):
        return bool(GIVES_MONEY.search(plain))
    if asks_percent(question):
        return "%" in sentence
    noun = counted_noun(question)
    return bool(noun) and states_count(sentence, noun)


def topic_sentences(knowledge: KnowledgeBase, examples: bool = False) -> Iterator[Tuple[str, Topic]]:
    for topic in knowledge.topics.values():
        parts = [topic.answer, topic.details] + ([e.text for e in topic.examples] if examples else [])
        for part in parts:
            for sentence in units(part or ""):
                yield sentence, topic


def same_years(sentence: str, question: str) -> bool:
    """A figure of a year asked is given for that year (« en 2019 » is not answered by the 2025 target)."""
    return set(YEAR.findall(question_form(question))) <= set(YEAR.findall(normalize(sentence)))


FIGURE = re.compile(r"\d+(?:,\d+)? ?%|\d[\d ]*\d|\d")


def shared_figures(sentences: Sequence[str]) -> bool:
    """Sentences that give one same figure (« 12,5 % » in both) agree on what is asked."""
    found = [set(FIGURE.findall(sentence)) - set(YEAR.findall(sentence)) for sentence in sentences]
    return bool(set.intersection(*found))


def figure_sentence(
    knowledge: KnowledgeBase, question: str, examples: bool = False
) -> Optional[Tuple[str, Topic]]:
    """The one sentence of the knowledge that gives the figure the question asks (with its topic), if one
    clearly does; `examples`: the topics' examples are read too."""
    asked = subject_words(question)
    scored = sorted(
        (
            (len(asked & subject_words(sentence)), sentence, topic)
            for sentence, topic in topic_sentences(knowledge, examples)
            if gives_asked_figure(sentence, question) and same_years(sentence, question)
        ),
        key=lambda found: -found[0],
    )
    if not scored or scored[0][0] < max(MIN_SHARED, len(asked)):
        return None  # every word of what is asked ("la commande publique, quelle part du PIB ?")
    tied = [sentence for score, sentence, _ in scored if score == scored[0][0]]
    if len(set(tied)) > 1 and not shared_figures(tied):
        return None  # two sentences as close: which figure is asked is not clear (unless they agree)
    return scored[0][1], scored[0][2]


def figure_reply(knowledge: KnowledgeBase, question: str, examples: bool = False) -> Optional[Reply]:
    """The sentence that gives the figure, its topic behind « En savoir plus » and a button."""
    found = figure_sentence(knowledge, question, examples)
    if found is None:
        return None
    sentence, topic = found
    return Reply(
        text=compose([as_sentence(sentence)]),
        buttons=[{"title": topic.title, "payload": f"/{topic.id}"}],
        details=compose([topic.answer, topic.details]),
        sources=source_links(topic.sources),
    )
