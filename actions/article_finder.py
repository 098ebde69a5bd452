"""Which article says it: the sentence of the whole knowledge that cites the text a question asks for.

« La condition d'exécution sociale au-dessus des seuils européens, c'est quel article ? » may be read as
another topic than the one whose sentence cites the article (DIET hesitates between the climate law and
the social clauses). The article is then looked for in every sentence of the knowledge (topics and
glossary entries): the sentence of the one glossary term named that cites an article, else the sentence
that cites an article and shares the most content words with the question, if it shares enough and no
sentence citing another text shares as many.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator, List, Optional, Tuple

from actions.focus import introduction, stems, units
from actions.glossary import ENTRIES, find_terms
from actions.knowledge import KnowledgeBase, Source
from actions.legal_refs import cited_articles
from actions.render import Reply, compose, source_links
from textnorm import normalize, question_form

# An article asked for (a decree or a law asked is answered by its topic: actions/focus.py).
ASKS_ARTICLE = re.compile(
    r"\b(?:quels?|quelles?) articles?\b|\barticles? du (?:code|ccp)\b|\bbase (?:legale|juridique)\b"
    r"|\bfondement juridique\b|\breferences? juridiques?\b"
)
# The words of the question that say a text is asked, not what the text is about.
ASKING_WORDS = stems("quel quelle article articles texte textes code ccp loi décret base légale juridique")
ANY_ARTICLE = re.compile(r"\barticles? (?:[lrd] )?\d")
CODE_ASKED = re.compile(r"\bcode\b|\bccp\b")
MAX_OTHER_WORDS = 2  # beyond the term named: more words say what the question is about (its own sentence)
MIN_SHARED = 3  # content words a citing sentence shares with the question: enough to be its subject


def citing_sentences(knowledge: KnowledgeBase) -> Iterator[Tuple[str, List[Source]]]:
    """Every sentence of the knowledge that cites an article, with its sources."""
    for topic in knowledge.topics.values():
        for part in (topic.definition, topic.answer, topic.details):
            found = units(part or "")
            for index, sentence in enumerate(found):
                if cited_articles(sentence):
                    intro = introduction(found, index) if sentence.startswith("•") else ""
                    # a bullet means what its introduction says (« Vous pouvez réserver un marché … : »)
                    yield (f"{intro}\n{sentence}" if intro.endswith(":") else sentence), list(topic.sources)
    for entry in ENTRIES:
        for sentence in units(entry.text):
            if cited_articles(sentence):
                yield sentence, list(entry.sources)


def article_sentence(knowledge: KnowledgeBase, question: str) -> Optional[Tuple[str, List[Source]]]:
    """The one sentence citing a text that is about what the question asks ("c'est quel article ?"), if
    the question asks for a text and one sentence clearly matches it."""
    if not ASKS_ARTICLE.search(question_form(question)):
        return None
    asked = stems(question) - ASKING_WORDS
    named = [entry for entry in find_terms(question) if any(cited_articles(u) for u in units(entry.text))]
    if len(named) == 1 and len(asked - stems(named[0].id.replace("_", " "))) <= MAX_OTHER_WORDS:
        # "la base légale du SPASER ?": the sentence of that term's entry that cites it
        entry = named[0]
        return next(u for u in units(entry.text) if cited_articles(u)), list(entry.sources)
    scored = sorted(
        (
            (len(asked & stems(sentence)), sentence, sources)
            for sentence, sources in citing_sentences(knowledge)
        ),
        key=lambda found: -found[0],
    )
    if not scored or scored[0][0] < MIN_SHARED:
        return None
    best, sentence, sources = scored[0]
    cited = set(cited_articles(sentence))
    # as close a sentence citing another text: which one is asked is not clear
    rivals = [
        other for score, other, _ in scored[1:] if score == best and set(cited_articles(other)) != cited
    ]
    return None if rivals else (sentence, sources)


def closer_than_reply(question: str, sentence: str, reply_text: str) -> bool:
    """The sentence shares more of the question's words than the reply's first sentence (« quel article rend
    la clause sociale obligatoire au-dessus des seuils ? »: L. 2112-2-1, not the law's article 35)."""
    asked = stems(question) - ASKING_WORDS
    lead = units(reply_text)[:1]
    return len(asked & stems(sentence)) > len(asked & stems(lead[0] if lead else ""))


def led_by_article(knowledge: KnowledgeBase, question: str, reply: Reply) -> Reply:
    """The reply led by the sentence that cites the text asked for, when the reply itself cites no article;
    what the reply said moves behind « En savoir plus »."""
    of_code = CODE_ASKED.search(question_form(question))
    if cited_articles(reply.text):
        return reply  # the reply already gives an article of the code: its topic answers
    law_only = not of_code and ANY_ARTICLE.search(normalize(reply.text))
    found = article_sentence(knowledge, question)
    if found is None:
        return reply
    sentence, sources = found
    if law_only and not closer_than_reply(question, sentence, reply.text):
        # the reply gives an article of a law (« l'article 35 ») when the code is not asked: its topic
        # answers, unless a sentence citing a code article is more about the question than its lead
        return reply
    return replace(
        reply,
        text=compose([sentence]),
        details=compose([reply.text, reply.details or ""]),
        sources=source_links(sources),  # the sentence's own sources
    )
