"""Legal references in a message: articles of a code, laws known by their nickname.

An article that some knowledge text cites is answered by the topic that cites it (citing_topic;
actions/focus.py then leads with the sentence that cites it). An article that no knowledge text cites,
a range's included, is unknown: the answer says so and points to the code on Légifrance, instead of
answering another topic that DIET guessed (« l'article L. 2112-2 » read as the AGEC law). Likewise, a
law this knowledge does not cover (« la loi EGalim impose combien de bio ? ») is said unknown, instead
of answering on the AGEC law. actions/routing.py (route) puts these notes first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

from actions.glossary import ENTRIES
from actions.knowledge import KnowledgeBase
from actions.render import Reply, link
from actions.reply import HANDOFF_PAYLOAD, HANDOFF_TITLE
from textnorm import normalize

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
CODE_GUIDE = "code_commande_publique"  # knowledge/guides.yml


def article_pattern(prefix: str = "") -> str:
    """« L. 2113-13 », « l2113-13 », « art. R.2113-7 », « D 171-6 », « L. 2113-13-1 »; groups get a prefix."""
    return (
        rf"(?<![\w.])(?:(?P<{prefix}cue>articles?|art\.?)\s+)?(?P<{prefix}letter>[LRD])\s?\.?\s?"
        rf"(?P<{prefix}number>\d{{1,4}})\s?-\s?(?P<{prefix}rest>\d{{1,3}}(?:\s?-\s?\d{{1,3}})?)\b"
    )


ARTICLE = re.compile(article_pattern(), re.IGNORECASE)
RANGE = re.compile(
    rf"(?P<first>{article_pattern('a_')})\s+à\s+(?P<last>{article_pattern('b_')})", re.IGNORECASE
)
# Codes other than the code de la commande publique (the default of this domain).
OTHER_CODE = re.compile(
    r"\bcode (?:du travail|de l environnement|de la construction|general des collectivites|civil|de commerce"
    r"|de la securite sociale|general de la propriete)|\bcgct\b|\bcch\b"
)


# Laws known by a nickname that the knowledge does not cover: normalized spelling -> name shown. The laws
# it covers (AGEC, Climat et résilience, REEN, ASAP, the 2005 disability law) are not listed.
UNCOVERED_LAWS: Dict[str, str] = {
    "egalim 2": "EGalim 2",
    "egalim": "EGalim",
    "lom": "LOM",
    "elan": "ELAN",
    "tecv": "TECV",
    "sapin 2": "Sapin 2",
    "sapin ii": "Sapin 2",
    "sapin": "Sapin",
    "pacte": "PACTE",
    "industrie verte": "Industrie verte",
    "3ds": "3DS",
    "grenelle": "Grenelle",
    "hamon": "Hamon",
    "aper": "APER",
}
UNCOVERED_LAW = re.compile(r"\b(?P<name>" + "|".join(map(re.escape, UNCOVERED_LAWS)) + r")\b")
LAW_CUE = re.compile(r"\blois?\b")
# Nicknames that are also common words ("un élan", "un pacte", "un sapin"): only right after « loi ».
COMMON_WORD_NAMES = frozenset(
    {"elan", "pacte", "sapin", "sapin 2", "sapin ii", "grenelle", "industrie verte"}
)
# Articles of the laws the knowledge covers, cited by their number (« l'article 59 de la loi AGEC »), with
# the words that name each law and the question topic that speaks of it.
LAW_ARTICLE = re.compile(r"\barticles? (\d{1,3})(?! ?(?:\d|%|ans?\b|euros?\b))")
COVERED_LAW_NAMES = {
    "ask_agec": ("AGEC", re.compile(r"\bagec\b|\banti ?gaspi\w*|\b2020 105\b")),
    "ask_climate_law": ("Climat et résilience", re.compile(r"\bclimat(?: et resilience)?\b|\b2021 1104\b")),
}
# The laws the knowledge covers, named in the same message ("la loi AGEC et la loi EGalim ?").
COVERED_LAW = re.compile(
    "|".join([words.pattern for _, words in COVERED_LAW_NAMES.values()] + [r"\breen\b", r"\basap\b"])
)


def uncovered_law(text: str) -> Optional[str]:
    """The name of a law the knowledge does not cover, when the message asks about one (« loi EGalim »)."""
    plain = normalize(text)
    for match in UNCOVERED_LAW.finditer(plain):
        name = match["name"]
        if name in COMMON_WORD_NAMES:
            if re.search(r"\blois? (?:dite )?$", plain[: match.start()]):
                return UNCOVERED_LAWS[name]
        elif LAW_CUE.search(plain) or name.startswith("egalim"):
            return UNCOVERED_LAWS[name]
    return None


def names_covered_law(text: str) -> bool:
    return bool(COVERED_LAW.search(normalize(text)))


def uncovered_law_reply(text: str) -> Optional[Reply]:
    """« Je n'ai pas d'information sur la loi EGalim » when the message asks about such a law."""
    name = uncovered_law(text)
    if name is None:
        return None
    return Reply(
        f"Je n'ai pas d'information sur la loi {name} dans mes sources, et je préfère ne pas vous "
        "répondre de mémoire. Si vous êtes acheteur public, le guichet vert de votre région, gratuit, peut "
        "vous orienter.",
        [{"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}],
    )


LAW_TOPICS = {"ask_agec_declaration": "ask_agec"}  # a sub-topic speaks of its law
LAW_GUIDES = {"ask_agec": "loi_agec"}  # knowledge/guides.yml: the law's text on Légifrance
SOURCE_LINE = re.compile(r"\s*(?:- )?(?:title|url|publisher|published):")  # a source's title cites no content


# Another document whose articles a buyer cites ("l'article 6 de notre CCAP", "notre plan climat").
OTHER_DOCUMENT = re.compile(
    r"\b(?:ccap|cctp|ccag|rc|dce|reglement|plan|decret|code|arrete|cahier|contrat|convention|statuts?"
    r"|accord|charte|marche)\b"
)
MAX_ELLIPTIC_WORDS = 8  # "et l'article 59, il dit quoi ?": about the law just answered


def law_asked(text: str, topic: Optional[str]) -> Optional[str]:
    """The covered law whose article the message cites: the one it names right after the article
    (« l'article 59 de la loi AGEC »), else, in a short follow-up, the law just answered."""
    plain = normalize(text)
    if OTHER_DOCUMENT.search(plain) or uncovered_law(text):
        return None
    for key, (_, words) in COVERED_LAW_NAMES.items():
        if re.search(rf"\barticles? \d{{1,3}} (?:de (?:la |cette )?)?(?:loi )?(?:{words.pattern})", plain):
            return key
    named = [key for key, (_, words) in COVERED_LAW_NAMES.items() if words.search(plain)]
    topic = LAW_TOPICS.get(topic or "", topic)
    short = len(plain.split()) <= MAX_ELLIPTIC_WORDS
    return topic if short and not named and topic in COVERED_LAW_NAMES else None


@lru_cache(maxsize=4)
def known_law_articles(law: str) -> FrozenSet[str]:
    """The article numbers of a law that some knowledge text naming that law cites (« loi AGEC » and its
    « • l'article 55 » bullets are one text)."""
    words = COVERED_LAW_NAMES[law][1]
    found = set()
    for text in knowledge_texts():
        text = "\n".join(line for line in text.splitlines() if not SOURCE_LINE.match(line))
        for block in re.split(r"\n\s*\n|\n\s*- id:|\n\s*[a-z_]+: [|>]", text):  # an entry, a text
            plain = normalize(block)
            if words.search(plain):
                found.update(LAW_ARTICLE.findall(plain))
    return frozenset(found)


def unknown_law_article_reply(
    knowledge: KnowledgeBase, text: str, topic: Optional[str], buttons: List[Dict[str, str]]
) -> Optional[Reply]:
    """« Je n'ai pas le contenu de l'article 59 de la loi AGEC » for an article of a covered law that no
    knowledge sentence cites, with the law's text when the knowledge has its address."""
    if cited_articles(text):  # « l'article L. 2113-13 »: a code's article, see unknown_article_reply
        return None
    law = law_asked(text, topic)
    if law is None:
        return None
    unknown = [
        number for number in LAW_ARTICLE.findall(normalize(text)) if number not in known_law_articles(law)
    ]
    if not unknown:
        return None
    name = COVERED_LAW_NAMES[law][0]
    names = f"de l'article {unknown[0]}" if len(unknown) == 1 else f"des articles {', '.join(unknown)}"
    them = "le" if len(unknown) == 1 else "les"
    guide = knowledge.guides.get(LAW_GUIDES.get(law, ""))
    return Reply(
        f"Je n'ai pas le contenu {names} de la loi {name} dans mes sources, et je préfère ne pas {them} "
        f"résumer de mémoire : lisez-{them} sur Légifrance, qui fait foi.",
        buttons,
        links=[link(guide.title, guide.url)] if guide and guide.url else [],
    )


def canonical(letter: str, number: str, rest: str) -> str:
    suffix = "".join(rest.split())
    return f"{letter.upper()}. {number}-{suffix}"


def is_article(match: re.Match) -> bool:
    """A lower-case letter, or a short number (« L. 3-1 »), counts only after « article » (« lot 2 »,
    « r2 » or « D 1-2 » alone are not articles)."""
    return bool(match["cue"]) or (match["letter"].isupper() and len(match["number"]) >= 3)


def cited_articles(text: str) -> List[str]:
    """The articles a text cites, canonical (« L. 2113-13 »), in order (see is_article)."""
    found: List[str] = []
    for match in ARTICLE.finditer(text):
        if not is_article(match):
            continue
        article = canonical(match["letter"], match["number"], match["rest"])
        if article not in found:
            found.append(article)
    return found


def ranges(text: str) -> List[str]:
    """The articles inside the ranges a text cites (« R. 2111-12 à R. 2111-17 »: 13 to 16 too)."""
    found: List[str] = []
    for match in RANGE.finditer(text):
        first, last = cited_articles(match["first"]), cited_articles(match["last"])
        if not (first and last):
            continue
        head, _, low = first[0].rpartition("-")
        last_head, _, high = last[0].rpartition("-")
        if head == last_head and low.isdigit() and high.isdigit():
            found += [f"{head}-{number}" for number in range(int(low) + 1, int(high))]
    return found


def knowledge_texts() -> List[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(KNOWLEDGE_DIR.glob("*.yml"))]
    return texts + [entry.text for entry in ENTRIES]


@lru_cache(maxsize=1)
def known_articles() -> FrozenSet[str]:
    """Every article some knowledge text or glossary entry cites."""
    return frozenset(article for text in knowledge_texts() for article in cited_articles(text) + ranges(text))


# The code named right after an article: « L. 5132-4 du code du travail ».
CODE_AFTER = re.compile(
    r"^\W*(?:(?:du|de la|de l|d|au|dans le)\s+)?(?P<code>code(?: \w+){1,4}|cgct|cch|casf|constitution)\b"
)
# An article cited by its number alone, then the text it belongs to (« l'article 58 du code de la route »).
NUMBERED_ARTICLE = re.compile(r"\barticles? (?P<number>\d{1,4}(?:er)?)\b")  # « l'article 1er »
OWN_CODE = re.compile(r"^code de la commande publique|^code des marches publics")


def article_codes(text: str) -> List[Tuple[str, Optional[str]]]:
    """(article, the other code named right after it, or None for the code de la commande publique or
    no code named)."""
    found = []
    for match in ARTICLE.finditer(text):
        if not is_article(match):
            continue
        after = CODE_AFTER.search(normalize(text[match.end() : match.end() + 60]))
        code = after["code"] if after and not OWN_CODE.match(after["code"]) else None
        other = next((m.group(0) for m in OTHER_CODE.finditer(code or "")), None)
        found.append((canonical(match["letter"], match["number"], match["rest"]), other))
    return found


@lru_cache(maxsize=1)
def known_article_codes() -> FrozenSet[Tuple[str, Optional[str]]]:
    return frozenset(pair for text in knowledge_texts() for pair in article_codes(text))


def unknown_articles(text: str) -> List[str]:
    """The articles a message cites, its ranges included, that no knowledge text cites; an article
    of another code named (« L. 2113-13 du code du travail ») is known only if cited with that code."""
    known, known_pairs = known_articles(), known_article_codes()
    other_code = [
        article for article, code in article_codes(text) if code and (article, code) not in known_pairs
    ]
    cited = cited_articles(text) + [a for a in ranges(text) if a not in cited_articles(text)]
    unknown = {article for article in cited if article not in known} | set(other_code)
    return sorted(unknown, key=article_order)


def article_order(article: str) -> Tuple[str, List[int]]:
    """« L. 2113-14 » before « L. 2113-16 »: the letter, then the numbers."""
    letter, _, numbers = article.partition(". ")
    return letter, [int(part) for part in numbers.split("-")]


def numbered_other_code_articles(text: str) -> List[str]:
    """The articles cited by their number alone and followed by a code other than the code de la commande
    publique (« l'article 58 du code de la route ») — never those of the laws the knowledge covers, whose
    number alone is the custom (« l'article 58 de la loi AGEC »)."""
    plain = normalize(text)
    found = []
    for match in NUMBERED_ARTICLE.finditer(plain):
        after = CODE_AFTER.search(plain[match.end() : match.end() + 60])
        if after and not OWN_CODE.match(after["code"]) and match["number"] not in found:
            found.append(match["number"])
    return found


def names_another_code(text: str) -> bool:
    return bool(OTHER_CODE.search(normalize(text)) or numbered_other_code_articles(text))


def article_names(articles: List[str]) -> Tuple[str, str]:
    """(« de l'article L. 1 », « le ») or (« des articles L. 1 et L. 2 », « les »)."""
    if len(articles) == 1:
        return f"de l'article {articles[0]}", "le"
    return f"des articles {', '.join(articles[:-1])} et {articles[-1]}", "les"


def unknown_article_reply(
    knowledge: KnowledgeBase, text: str, buttons: List[Dict[str, str]]
) -> Optional[Reply]:
    """« Je n'ai pas le contenu de l'article … » for the articles of the message the knowledge does not
    cite (the ranges it cites included: « L. 2113-12 à L. 2113-16 »)."""
    unknown = unknown_articles(text) or numbered_other_code_articles(text)
    if not unknown:
        return None
    names, them = article_names(unknown)
    said = f"Je n'ai pas le contenu {names} dans mes sources, et je préfère ne pas {them} résumer de mémoire"
    if names_another_code(text):
        return Reply(f"{said} : lisez-{them} sur Légifrance, dans le texte que vous citez.", buttons)
    code = knowledge.guides[CODE_GUIDE]
    return Reply(
        f"{said} : lisez-{them} dans le code de la commande publique, sur Légifrance.",
        buttons,
        links=[link(code.title, code.url)],
    )


def known_cited_articles(text: str) -> List[str]:
    unknown = unknown_articles(text)
    return [article for article in cited_articles(text) if article not in unknown]


def citing_topic(knowledge: KnowledgeBase, article: str) -> Optional[str]:
    """The question topic whose texts cite the article (« L. 2113-13 » -> the reserved contracts), else
    the topic of the glossary entry that cites it (« L. 2111-3 », the SPASER)."""
    for topic in knowledge.topics.values():
        text = "\n".join(
            part or "" for part in (topic.definition, topic.answer, topic.next_step, topic.details)
        )
        if article in cited_articles(text) + ranges(text):
            return topic.id
    for entry in ENTRIES:
        if entry.topic and article in cited_articles(entry.text):
            return entry.topic
    return None
