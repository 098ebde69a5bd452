"""« quelle différence entre X et Y ? »: what each of the two things compared is, or that one is not in the
sources."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from actions.followup import SENTENCE_END, agec_definition_reply
from actions.glossary import Entry, compared_things, definition_reply, find_terms, terms_named
from actions.knowledge import KnowledgeBase, Topic
from actions.legal_refs import uncovered_law_reply, unknown_article_reply
from actions.render import Reply, compose, source_links
from actions.repeats import merged_buttons
from actions.reply import HANDOFF_PAYLOAD, HANDOFF_TITLE
from actions.route_types import WELCOME_MENU
from actions.understanding import named_topics
from actions.unknown_terms import as_written, of_quoted, unknown_term, vocabulary_of
from textnorm import question_form

# "X et Y, c'est pareil ?", "X c'est la même chose que Y ?": the difference asked the other way round
DIFFERENCE = re.compile(
    r"\bdifferences?\b|\bdistingue\w*\b|\bdistinguer\b|\b(?:c est|est ce|sont) (?:pareil|la meme chose)\b"
    r"|\bmeme chose que\b|\bpareil que\b|\bvs\b|\bversus\b|\bnuances?\b|\bla diff\b|\bquelle diff\b"
)


def first_sentence(text: str) -> str:
    return SENTENCE_END.split(compose([text]).strip(), maxsplit=1)[0]


DIFFERENCE_LEAD = "Ce sont deux choses différentes :"
# « et entre un facilitateur et le guichet vert ? » right after a difference: another pair compared.
ANOTHER_PAIR = re.compile(r"^(?:et |mais |ok et )?(?:la difference )?entre (?:\S+ ){1,6}et \S+")


# « clause sociale » named apart from « facilitateur (de la) clause sociale ».
CLAUSE_OUTSIDE_FACILITATOR = re.compile(
    r"(?<!facilitateur )(?<!facilitateurs )(?<!facilitatrice )(?<!facilitateur de la )"
    r"(?<!facilitateurs de la )(?<!facilitateurs des )(?<!facilitatrice de la )\bclauses? sociales?\b"
)


def difference_reply(knowledge: KnowledgeBase, text: str, last_answer: str = "") -> Optional[Reply]:
    """« quelle différence entre un marché réservé et une clause sociale ? »: what each of the two is, in
    one sentence each (the topics named, then the glossary's terms), with a button to each; after such an
    answer, « et entre X et Y ? » asks the same of another pair."""
    plain = question_form(text)
    another = last_answer.startswith(DIFFERENCE_LEAD) and ANOTHER_PAIR.search(plain)
    if not (DIFFERENCE.search(plain) or another):
        return None
    # a topic named only inside a term ("coordinateur de la clause sociale") is not a thing compared, nor
    # a term named only inside a topic's name; "ESAT ou marché réservé ?" compares a term and its topic
    outside, terms = compared_things(text, named_topics(text))
    if "ask_facilitator" in outside and not CLAUSE_OUTSIDE_FACILITATOR.search(plain):
        # "guichet vert vs facilitateur clause sociale ?": the clause only names the facilitator
        outside = [name for name in outside if name != "ask_social_clause"]
    named = [knowledge.topics[name] for name in outside if name in knowledge.topics]
    if not named and len(terms) == 1 and len(terms_named(text, terms[0])) > 1:
        # "réemploi, réutilisation, recyclage : quelle différence ?": one entry defines them all
        return definition_reply(terms[0])
    # "loi AGEC et loi Climat, quelle différence ?": the AGEC law is no topic of the knowledge base
    agec = "ask_agec" in outside and "ask_agec" not in knowledge.topics
    if len(named) + len(terms) + agec == 1:
        # "un GEIQ c'est pareil qu'une SIAE ?": the other thing compared is not in the sources
        return one_side_unknown_reply(knowledge, text, named, terms)
    if len(named) + len(terms) + agec != 2:
        return None
    lines = [first_sentence(agec_definition_reply(knowledge).text)] if agec else []
    lines += [first_sentence(topic.definition or topic.answer) for topic in named]
    lines += [first_sentence(entry.text) for entry in terms]
    buttons = [{"title": topic.title, "payload": f"/{topic.id}"} for topic in named]
    buttons += [
        {"title": e.topic_title, "payload": f"/{e.topic}"} for e in terms if e.topic and e.topic_title
    ]
    sources = source_links(*(topic.sources for topic in named), *(entry.sources for entry in terms))
    unknown = [line for line in lines if line.startswith("Je n'ai pas")]  # an entry that says so (CCAP)
    known = [line for line in lines if line not in unknown]
    lead = unknown if unknown else [DIFFERENCE_LEAD]  # never « deux choses différentes » then « je n'ai pas »
    return Reply(
        "\n".join([*lead, *(f"• {line}" for line in known)]),
        merged_buttons(buttons),
        sources=sources,
    )


# The two things a comparison names: « entre X et Y », « X c'est pareil que Y ? », « X vs Y », « X ou Y,
# quelle différence ? ».
COMPARED_SIDES = (
    re.compile(r"\bentre (.+?) et (.+?)(?: c est\b| quelle\b| la diff\b| sont\b|$)"),
    re.compile(r"^(.+?),? (?:c est|est ce|sont) (?:pareil|la meme chose) (?:que|qu) (.+)$"),
    re.compile(r"^(.+?) (?:vs|versus) (.+)$"),
    re.compile(r"^(.+?) (?:et|ou) (.+?),? (?:quelle|quelles|c est|la diff|sont)\b"),
)
SIDE_FILLERS = re.compile(r"^(?:(?:quelle|quelles|la|les|difference|differences|diff|entre|et|ok|mais) )+")


def compared_sides(text: str) -> List[str]:
    """The two phrases a comparison sets side by side, as the normalised message spells them."""
    plain = question_form(text).strip(" ?!.")
    for pattern in COMPARED_SIDES:
        match = pattern.search(plain)
        if match:
            return [SIDE_FILLERS.sub("", side).strip() for side in match.groups()]
    return []


def unknown_side(knowledge: KnowledgeBase, text: str) -> Optional[str]:
    """The side of a comparison that names nothing of the knowledge (« GEIQ », « géosourcé »), as typed."""
    for side in compared_sides(text):
        if not side or find_terms(side) or named_topics(side):
            continue
        written = as_written(text, side)
        term = unknown_term(f"{written}, c'est quoi ?", vocabulary_of(knowledge))
        if term:
            return as_written(text, term)
    return None


def one_side_unknown_reply(
    knowledge: KnowledgeBase, text: str, named: Sequence[Topic], terms: Sequence[Entry]
) -> Optional[Reply]:
    """« Je n'ai pas de définition de « GEIQ » … », then what the sources say of the other thing compared."""
    if uncovered_law_reply(text) or unknown_article_reply(knowledge, text, WELCOME_MENU):
        return None  # "la loi AGEC et la loi EGalim ?": the law not covered is said so by route()
    missing = unknown_side(knowledge, text)
    if not missing:
        return None
    known = [first_sentence(topic.definition or topic.answer) for topic in named]
    known += [first_sentence(entry.text) for entry in terms]
    buttons = [{"title": topic.title, "payload": f"/{topic.id}"} for topic in named]
    buttons += [
        {"title": e.topic_title, "payload": f"/{e.topic}"} for e in terms if e.topic and e.topic_title
    ]
    buttons = merged_buttons([*buttons, {"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}])
    lead = (
        f"Je n'ai pas de définition {of_quoted(missing)} dans mes sources, je ne peux donc pas comparer ; le "
        "guichet vert de votre région peut vous orienter."
    )
    sources = source_links(*(topic.sources for topic in named), *(entry.sources for entry in terms))
    return Reply("\n".join([lead, *known]), buttons, sources=sources)
