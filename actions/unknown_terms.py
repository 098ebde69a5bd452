"""« c'est quoi le BIM ? », « DUME = ? », « le commerce équitable, ça veut dire quoi ? »: a definition asked
for a term the knowledge never mentions. The answer says first that the sources do not define it (never a
definition from memory), then routes to the guichet vert and the national portal.

A term is unknown when none of the glossary's entries, the named topics or the laws the knowledge covers
is in it, and one of its words (an acronym, or a word of three letters or more) appears nowhere in the
knowledge, even one typo away ("biosoursé" is known, "BIM" is not).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Dict, FrozenSet, List, Optional, Tuple

from actions import glossary
from actions.focus import units
from actions.knowledge import KnowledgeBase
from actions.legal_refs import ARTICLE, CODE_GUIDE, HANDOFF_PAYLOAD, HANDOFF_TITLE, names_covered_law
from actions.render import Reply, compose, link
from actions.understanding import DEFINITION, NATIONAL, aspects, named_topics, unknown_detail
from textnorm import YEAR, normalize, one_typo, question_form

ARTICLES = r"(?:(?:le|la|les|l|un|une|des|du|de|d|cette|ce|cet|ces) )?"
FILLERS = r"(?:(?:exactement|au juste|deja|donc|alors|en fait|concretement|simplement|precisement) )*"
# The phrases that ask what a term is, the term right after them.
ASKED_AFTER = (
    r"\b(?:c est quoi|c quoi|cest quoi|qu est ce que c est|qu est ce qu(?:e|un|une)?|que veut dire"
    r"|que veulent dire|que signifie|definitions?(?: de| du| des| d)?|kezako|kesako|kesaco"
    r"|expliqu\w* (?:moi |nous )?(?:simplement |rapidement )?(?:ce qu est|ce que sont|ce que veut dire)"
    r"|ce que veut dire|ce que signifie|qu appelle t on|qu entend on par|entend on par|entendez vous par"
    # « au niveau national, ça veut dire quoi « achat local » ? »
    r"|ca veut dire quoi|ca signifie quoi|ca designe quoi) "
)
# The phrases after the term ("BIM, c'est quoi ?", "HQE = ?").
ASKED_BEFORE = (
    r"(?: ?[,:])? (?:c est quoi|c quoi|cest quoi|ca veut dire quoi|ca veut dire|sa veut dire|veut dire quoi"
    r"|kezako|kesako|kesaco|= ?\?|= ?quoi|ca signifie quoi|signifie quoi|c est qui|definition"
    r"|(?:ca )?designe quoi|(?:ca )?recouvre quoi)(?!\w)"
)
TERM = r"((?:[a-z0-9]+ ){0,4}[a-z0-9]+)"
# "l'ange bleu, c'est un écolabel ?": the term, then the kind of thing it may be.
IS_IT_A = re.compile(
    r"(?:^|[.?!;:] )(?:(?:et|ok|mais|alors|bon|euh) )*" + ARTICLES + TERM + r",? c est (?:un|une) "
    # "le CCAS, c'est un acheteur ?" asks whether a body is bound, not what it is
    r"(?!(?:acheteur|acheteuse|collectivite|entreprise|administration|pouvoir|entite|organisme public)\b)"
    r"[a-z]+ \?"
)
# the term may be quoted: « ça veut dire quoi « achat local » ? »
AFTER = re.compile(ASKED_AFTER + FILLERS + r"(?:[«\"] ?)?" + ARTICLES + TERM)
# « on me parle d'un GEIQ BTP pour notre chantier, c'est quoi ? »: the term heard of, then what it is.
HEARD_OF = re.compile(
    r"\b(?:parle|parler|entendu|cite|mentionne|evoque|propose) (?:de |d |du |des )?"
    + ARTICLES
    + TERM
    + r"\b.*\b(?:c est quoi|c quoi|qu est ce que c est|ca veut dire quoi|de quoi s agit il)\b"
)
# « clause de non-concurrence dans un marché public, ça désigne quoi ? »: the setting of the term asked.
SETTING = (
    r"(?: (?:dans|en|pour) (?:un |une |le |la |les |l |nos |mes |notre )?(?:marches?|contrats?"
    r"|consultations?|dce|cahiers? des charges)(?: publics?)?)?"
)
# The term starts a sentence, or a clause after some context (« on est en procédure adaptée pour le
# nettoyage, un MAPA c'est quoi exactement ? »).
BEFORE = re.compile(
    r"(?:^|[.?!;:] |, )" + r"(?:(?:et|ok|mais|alors|bon|euh) )*" + ARTICLES + TERM + SETTING + ASKED_BEFORE
)
# Where the term stops: "c'est quoi le BIM ? on m'en parle" is about "bim".
TERM_END = re.compile(
    r" (?:exactement|au juste|deja|dans|pour|sur|en|au|aux|avec|ca|c|svp|stp|merci|alors|donc|quand|comme"
    r"|qui|que|qu|on|je|j|il|elle|nous|vous|est|sont|et|ou|pas|a|d abord|definition|mots?"
    # "le bilan carbone d'un marché": the term, then what it is of
    r"|d un|d une)\b.*$"
)
# Phrases that can only ask what a word means ("c'est quoi X" may also ask which X).
MEANING_ASKED = re.compile(
    r"\b(?:veut dire|veulent dire|signifi\w*|definitions?|ke[sz]a(?:k|c|qu)o|entend on par|on entend par"
    r"|qu appelle t on|designe|sigle|acronyme|entendez vous par)\b|= ?\?|= ?quoi\b"
)
NAMING = frozenset("sigle acronyme mot terme".split())
TRAILING = frozenset("d de du des l la le les un une".split())
# Words a term may hold that say nothing of it: "le label X", "la norme X", "le sigle X".
GENERIC = frozenset(
    "label labels norme normes sigle sigles acronyme mot terme truc machin chose loi lois decret article "
    "marche marches achat achats public publique publics publiques clause clauses critere criteres "
    "dispositif notion principe concept demarche".split()
)
# Chat words and words of the question itself, never the term asked.
NOT_TERMS = frozenset("quoi koi ca sa ce cela ceci il elle ils on vous tu moi".split())
# "c'est quoi ton nom ?", "c'est quoi mon réseau ?": something of someone, not a term.
POSSESSIVES = frozenset("mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs".split())
# The assistant itself ("c'est quoi ce bot ?"): a question for the capabilities, not a term.
SELF = frozenset("bot chatbot robot assistant assistante outil appli application service site ia".split())
URL = re.compile(r"https?://\S+|\b[\w.-]+\.(?:gouv|fr|org|com|net|eu)\b\S*")

MIN_WORD = 3
LONG_WORD = 8  # a word this long, in no text of the knowledge, is a term of its own
# Words of a question on a thing's qualities, never of a term: « la prochaine étape, c'est quoi ? ».
NOT_A_TERM = frozenset(
    "plus moins meilleur meilleure meilleurs prochain prochaine premier premiere dernier derniere "
    "etape suite simple interet probleme but objectif avantage avantages difference risque enjeu".split()
)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")  # as typed: "BIM", "HQE", "CSRD"
CAPITALISED = re.compile(r"\b[A-Z][a-z]")  # a name typed with its capital: "Ecovadis", "Imprim'Vert"
MAX_LOWER_ACRONYM = 4  # "c koi la csrd": a short unknown word typed in lower case is read as an acronym
REPEATED_LETTERS = re.compile(r"(.)\1+")


def neighbourhood(word: str) -> FrozenSet[str]:
    """The word, its letter runs squeezed, and its one-letter deletions: two words whose neighbourhoods
    meet are one typo apart (as nlu_components/unknown_words.py reads them)."""
    squeezed = REPEATED_LETTERS.sub(r"\1", word)
    return frozenset(squeezed[:i] + squeezed[i + 1 :] for i in range(len(squeezed))) | {squeezed}


def knowledge_texts(knowledge: KnowledgeBase) -> str:
    texts = [knowledge.json(exclude={"geo_aliases"}, ensure_ascii=False)]
    texts += [entry.text for entry in glossary.ENTRIES]
    return URL.sub(" ", normalize("\n".join(texts)))


def knowledge_line(knowledge: KnowledgeBase) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", knowledge_texts(knowledge))) + " "


def knowledge_words(knowledge: KnowledgeBase) -> FrozenSet[str]:
    """Every word the knowledge and the glossary use, and the one-letter deletions of the longer ones."""
    return frozenset(re.findall(r"[a-z0-9]+", knowledge_texts(knowledge)))


_PHRASES: dict = {}


def phrases(words: FrozenSet[str]) -> str:
    """The knowledge's texts as one line of normalised words, padded: " … bilan … "."""
    return _PHRASES.get(id(words), "")


_NEIGHBOURS: dict = {}


def _neighbours(words: FrozenSet[str]) -> FrozenSet[str]:
    cached = _NEIGHBOURS.get(id(words))
    if cached is None:
        cached = frozenset(n for word in words if len(word) >= 5 for n in neighbourhood(word))
        _NEIGHBOURS[id(words)] = cached
    return cached


def known_word(word: str, words: FrozenSet[str]) -> bool:
    if word in words or word.isdigit() or len(word) < MIN_WORD:
        return True
    return len(word) >= 5 and bool(neighbourhood(word) & _neighbours(words))


def asked_term(text: str) -> Optional[str]:
    """The words of the term a definition question asks about, as the normalised message spells them."""
    found = asked_term_and_form(text)
    return found[0] if found else None


def asked_term_and_form(text: str) -> Optional[Tuple[str, bool]]:
    """The term asked, and whether the question follows it ("bilan carbone, c'est quoi ?")."""
    plain = question_form(text)
    for pattern in (AFTER, BEFORE, IS_IT_A, HEARD_OF):
        for match in pattern.finditer(plain):
            term = TERM_END.sub("", " " + match.group(1)).strip()
            words = [word for word in term.split() if word not in NOT_TERMS]
            while words and words[-1] in TRAILING:  # "le bilan carbone d'un marché" -> "bilan carbone"
                words.pop()
            while len(words) > 1 and words[0] in NAMING:  # "le sigle UGAP" -> "ugap"
                words.pop(0)
            if words:
                return " ".join(words), pattern is not AFTER
    return None


def unknown_term(text: str, words: FrozenSet[str], after_topic: bool = False) -> Optional[str]:
    """The term a definition question asks about, when the knowledge does not hold it. ``after_topic``:
    a topic was answered before, so a short word in lower case is an ordinary word about it ("c'est
    quoi le but ?"), not an acronym."""
    found = asked_term_and_form(text)
    if found is None:
        return None
    term, term_first = found
    if ARTICLE.search(as_written(text, term)):
        return None  # "l2112-2 c quoi": an article, read by actions/legal_refs.py
    named = glossary.find_terms(term)
    if named and not all(name_outside_entry(term, entry) for entry in named):
        return None
    if named_topics(term) and not named_by_unknown_acronym(text, term, words):
        return None
    if names_covered_law(term):
        return None
    if SELF.intersection(term.split()) or term.split()[0] in POSSESSIVES:
        return None
    typed = as_written(text, term)
    jargon = bool(ACRONYM.search(typed) or CAPITALISED.search(typed))
    # "l'ange bleu, c'est un écolabel ?": no word of the term is in the knowledge, whatever topic it names
    foreign = all(not known_word(word, words) for word in term.split() if word not in GENERIC)
    if named_topics(text) and not (jargon or foreign):
        return None  # "PNAD ? jamais entendu parler, c'est quoi": the topic named is what is asked
    if says_an_action(text, term, words):
        return None  # "ça veut dire quoi « réserver un lot » ?": what a scheme lets one do, not a name
    if names_a_kind_of_purchase(term, words):
        # before the aspects: the words of the term are not the aspect asked (« l'achat local » asks no
        # local contact)
        return term  # "c'est quoi l'achat local ?": a kind of purchase the sources never name
    if aspects(text) - {DEFINITION, NATIONAL} or unknown_detail(text, []):
        return None  # "c'est quoi le pourcentage en 2030 ?", "c'est quoi les horaires ?": a detail asked
    if names_a_thing(term):
        # "l'observatoire des achats responsables": a body the sources do not define; but "la clause
        # d'insersion" is a typo of a name they use
        return None if typo_of_known_phrase(term, words) else term
    short = " " not in term and len(term) <= MAX_LOWER_ACRONYM and not after_topic  # "c koi la csrd"
    meaning = bool(MEANING_ASKED.search(question_form(text)))
    content = [word for word in term.split() if word not in GENERIC]
    unknown = [word for word in content if not known_word(word, words)]
    # one ordinary word ("c'est quoi le quorum ?") is not surely a term of the trade, and « c'est quoi la
    # prochaine échéance ? » asks which one: words typed in lower case are a term when their meaning is
    # asked in so many words (« le commerce équitable, ça veut dire quoi ? »), when the question follows
    # them (« greenwashing, c'est quoi ? »), or when a long word appears nowhere in the knowledge
    # (« c'est quoi l'allotissement ? »)
    lower_term = (
        (meaning and (" " in term or unknown))
        or term_first
        or any(len(w) >= LONG_WORD for w in unknown)
        # "c'est quoi la terre crue ?": a compound with a word the knowledge never uses
        or (" " in term and bool(unknown) and len(content) >= 2)
    )
    if not (jargon or short or lower_term):
        return None
    if any(word in NOT_A_TERM for word in term.split()):
        return None
    if not content:
        return None
    # "c'est quoi le HCCP ?": an acronym the knowledge only mentions in passing, never defines
    bare_acronym = " " not in term and bool(ACRONYM.fullmatch(typed.strip()))
    if not (unknown or bare_acronym) and (
        not (jargon or meaning or term_first)
        or " " not in term
        or (not jargon and YEAR.search(term) is not None)  # "l'obligation de 2030, c'est quoi ?"
        or near_known_phrase(term, words)  # "guichet vers c koi": a typo of "guichet vert"
    ):
        return None  # known words; a compound the knowledge never uses ("bilan carbone", "ISO 14001") is not
    return term


INFINITIVE = re.compile(r"^[a-z]{3,}(?:er|ir)$")


def says_an_action(text: str, term: str, words: FrozenSet[str]) -> bool:
    """« réserver un lot », « verdir un marché »: a verb with no article before it, then its object, all
    words of the knowledge: an action the topics explain, not a name the sources lack (« le calendrier »
    has its article)."""
    found = term.split()
    if len(found) < 2 or not INFINITIVE.match(found[0]) or not all(known_word(w, words) for w in found):
        return False
    before = question_form(text).split(f" {term}", 1)[0].split()
    return not before or before[-1] not in ARTICLE_WORDS


ARTICLE_WORDS = frozenset("le la les l un une des du de d ce cet cette ces".split())


# « l'achat local », « une procédure adaptée »: a kind of purchase or procedure, named by one word after
# the head; a term of its own when the knowledge never uses the phrase (« achat durable » it does).
# Singular only: « les achats concernés » are the purchases of the topic just read, not a kind.
KIND_HEADS = frozenset("achat procedure".split())
# Words after the head that say which purchase of the topic, not a kind of purchase.
NOT_A_KIND = frozenset(
    "concerne concernee vise visee soumis soumise obligatoire possible autorise autorisee interdit interdite "
    "prevu prevue realise realisee effectue effectuee fait faite suivant suivante".split()
)


def names_a_kind_of_purchase(term: str, words: FrozenSet[str]) -> bool:
    found = term.split()
    if len(found) != 2 or found[0] not in KIND_HEADS or found[1] in GENERIC or found[1] in PREPOSITIONS:
        return False
    if found[1] in NOT_A_KIND or found[1].isdigit():
        return False
    return not near_known_phrase(term, words)


def named_by_unknown_acronym(text: str, term: str, words: FrozenSet[str]) -> bool:
    """« facilitateur IRVEC », « label TRIMAT »: a word of a topic, then an acronym typed in capitals that
    the knowledge never uses: a thing of its own the sources do not define, not the topic."""
    found = term.split()
    if len(found) != 2:
        return False
    written = as_written(text, found[1])
    return bool(ACRONYM.fullmatch(written)) and len(written) >= MIN_WORD and found[1] not in words


# The first word of a body's, a scheme's or a label's name: « l'observatoire des achats responsables »,
# « le label bas carbone », « la clause de révision des prix ». Such a name, defined by no glossary entry
# and no topic, is a thing the sources do not define, even when its words are known one by one; never
# answered by the neighbour that shares a word (the OECP, the écolabels, the clause sociale).
THING_HEADS = frozenset(
    "observatoire observatoires label labels mediateur agence fonds programme charte marque certification "
    "clause clauses federation union fondation groupement".split()
)
# Heads that are a name only with a qualifier right after them: « le bilan carbone », not « le bilan de la
# déclaration ».
QUALIFIED_HEADS = frozenset("bilan indice".split())
PREPOSITIONS = frozenset("de d du des a au aux pour en".split())


def names_a_thing(term: str) -> bool:
    words = term.split()
    if len(words) < 2 or words[-1] in GENERIC:
        return False
    return words[0] in THING_HEADS or (words[0] in QUALIFIED_HEADS and words[1] not in PREPOSITIONS)


def name_outside_entry(term: str, entry: glossary.Entry) -> bool:
    """« label engage rse »: a body's or a label's name holding the entry's term (the RSE), which the
    entry's text never names: another thing, not the entry's."""
    return names_a_thing(term) and f" {term} " not in f" {normalize(entry.text)} "


def inside_unknown_name(text: str, entry: glossary.Entry) -> bool:
    """The message asks what a name is that holds ``entry``'s term without being ``entry``'s (« c'est quoi
    le label Engagé RSE ? »): the glossary must not define the entry instead."""
    found = asked_term_and_form(text)
    return bool(found) and entry in glossary.find_terms(found[0]) and name_outside_entry(found[0], entry)


NUMBER = re.compile(r"\d+")
NEAR_PHRASE = 0.85  # difflib ratio from which two phrases are one typo apart


def typo_of_known_phrase(term: str, words: FrozenSet[str]) -> bool:
    """``term`` is not a phrase of the knowledge but one typo away from one ("clause d insersion")."""
    return f" {term} " not in phrases(words) and near_known_phrase(term, words)


def near_known_phrase(term: str, words: FrozenSet[str]) -> bool:
    """The knowledge uses ``term``, or a phrase of as many words one typo away from it."""
    line = phrases(words)
    if f" {term} " in line:
        return True
    size = len(term.split())
    index = _NGRAMS.get((id(words), size))
    if index is None:
        index = _NGRAMS[(id(words), size)] = ngram_index(line, size)
    # one typo leaves the other words of a compound as they are: only the phrases sharing one are compared
    cached = sorted({phrase for word in term.split() for phrase in index.get(word, ())})
    numbers = NUMBER.findall(term)  # "ISO 14001" is no typo of "ISO 14024"
    close = difflib.get_close_matches(term, cached, n=3, cutoff=NEAR_PHRASE)
    return any(NUMBER.findall(phrase) == numbers for phrase in close)


_NGRAMS: dict = {}


def ngram_index(line: str, size: int) -> Dict[str, List[str]]:
    """The phrases of ``size`` words of ``line``, by each of their words."""
    tokens = line.split()
    index: Dict[str, List[str]] = {}
    for phrase in {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}:
        for word in set(phrase.split()):
            index.setdefault(word, []).append(phrase)
    return index


def _tokens(text: str) -> List[Tuple[str, int, int]]:
    return [
        (normalize(match.group(0)), match.start(), match.end())
        for match in re.finditer(r"[^\W_]+", text)
        if normalize(match.group(0))
    ]


def as_written(text: str, term: str) -> str:
    """The term as the user typed it ("Imprim'Vert", "commerce équitable"), else its normalised words."""
    wanted = term.split()
    tokens = _tokens(unicodedata.normalize("NFC", text))
    for index in range(len(tokens) - len(wanted) + 1):
        if [token for token, _, _ in tokens[index : index + len(wanted)]] == wanted:
            return text[tokens[index][1] : tokens[index + len(wanted) - 1][2]]
    return term


_WORDS: dict = {}


def vocabulary_of(knowledge: KnowledgeBase) -> FrozenSet[str]:
    """``knowledge_words``, built once per knowledge base."""
    cached = _WORDS.get(id(knowledge))
    if cached is None:
        cached = _WORDS[id(knowledge)] = knowledge_words(knowledge)
        _PHRASES[id(cached)] = knowledge_line(knowledge)
    return cached


# « et l'ange bleu allemand ? » after the écolabels: a thing named alone, as a follow-up.
BARE_FOLLOW_UP = re.compile(
    r"^(?:(?:et|ok|mais|alors|sinon) )+" + ARTICLES + TERM + r"(?: (?:alors|du coup|aussi|dans tout ca))?$"
)
# « et un GEIQ, c'est pareil ? » after the SIAE: the thing named, compared with the one just defined.
COMPARED_AFTER = re.compile(r",? c est (?:pareil|la meme chose|quoi|qui)$")
BARE_OPENERS = frozenset("et ok mais alors sinon".split())
MIN_FOREIGN_WORD = 4


# What a name given alone is said to be: « et le label Lucie ? », « et la norme ISO 50001 ? ».
KIND_OF_NAME = frozenset("label labels norme normes ecolabel ecolabels certification certifications".split())


def unknown_follow_up_term(text: str, words: FrozenSet[str], after_labels: bool = False) -> Optional[str]:
    """The thing a bare follow-up names (« et l'ange bleu allemand ? » after the écolabels, « et le label
    Lucie ? »), when none of its words is in the knowledge: said unknown, not answered by the topic just
    shown. Only a label or a norm (named so, or after a topic on labels): a product or a body named alone
    is read by the usual routing. The caller rules out places, products and buyer types recognised."""
    plain = COMPARED_AFTER.sub("", question_form(text).strip(" ?!."))
    match = BARE_FOLLOW_UP.match(plain)
    if match is None:
        return None
    term = match.group(1)
    content = [word for word in term.split() if word not in GENERIC and word not in NOT_TERMS]
    # « et l'UGAP ? »: an acronym as typed; « et géosourcé ? »: a long word given bare, with no article
    # and in lower case (« et les peintures ? » after the labels names a product, « et Marseille ? » a
    # place: both read by the usual routing)
    written = as_written(text, term)
    before = plain.split()[: -len(term.split())]
    # « et un géosourcé ? »: an indefinite article between the opener and the word is still a bare term
    opener = before[-1] in BARE_OPENERS or (
        len(before) > 1 and before[-1] in ("un", "une") and before[-2] in BARE_OPENERS
    )
    jargon = bool(ACRONYM.search(written)) or (
        opener and not CAPITALISED.search(written) and any(len(word) >= LONG_WORD for word in content)
    )
    # « et la clause Molière ? »: a clause, a label, a body named with a word the knowledge never uses
    thing = names_a_thing(term)
    if not (after_labels or jargon or thing or KIND_OF_NAME.intersection(term.split())):
        return None
    if not any(len(word) >= MIN_FOREIGN_WORD for word in content) and not jargon:
        return None
    named = (
        jargon
        or thing
        or bool(KIND_OF_NAME.intersection(term.split()))
        or len(content) > 1
        or re.search(r"[A-Z]", text)
    )
    if not named:  # "et les peintures ?" after the labels: a product, read by the usual routing
        return None
    if any(known_word(word, words) for word in content):
        return None
    if glossary.find_terms(term) or (named_topics(term) and not thing) or names_covered_law(term):
        return None
    return term


def unknown_follow_up_reply(
    knowledge: KnowledgeBase, text: str, after_labels: bool = False
) -> Optional[Reply]:
    """« Je n'ai pas d'information sur « ange bleu allemand » dans mes sources », then where to ask."""
    term = unknown_follow_up_term(text, vocabulary_of(knowledge), after_labels)
    if term is None:
        return None
    return Reply(
        f"Je n'ai pas d'information sur « {as_written(text, term)} » dans mes sources, et je préfère ne pas "
        "vous répondre de mémoire. Si vous êtes acheteur public, le guichet vert de votre région, gratuit, "
        "peut vous orienter ; le portail achats-durables.gouv.fr rassemble les ressources officielles.",
        [{"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}],
    )


def of_quoted(term: str) -> str:
    """« de « BIM » », but « d'« UGAP » » before a vowel."""
    first = normalize(term)[:1]
    return f"d'« {term} »" if first and first in "aeiouy" else f"de « {term} »"


# Services, bodies and texts, named by a topic or an entry: never an undefined notion.
SERVICE_WORDS = frozenset(
    "portail reseau reseaux guichet plan club clubs plateforme site service services mission agence "
    "association programme charte pacte schema guide guides direction ministere".split()
)
MAX_USES = 3
PRONOUN_START = re.compile(r"(?:Il|Elle|Ils|Elles) ")
# Words that only say what kind of thing a compound is (« un matériau bas carbone »).
KIND_WORDS = frozenset("materiau materiaux produit produits batiment batiments".split())


def phrase_pattern(words: List[str]) -> re.Pattern:
    """The words of a compound in a row, any ending (« rénovation lourde » finds « rénovations lourdes »)."""
    return re.compile(r"\b" + r"\s+".join(re.escape(word[:5]) + r"\w*" for word in words) + r"\b")


def knowledge_sentences(knowledge: KnowledgeBase) -> List[str]:
    """The sentences of the topics' short answers and details, as shown (dates rendered)."""
    found: List[str] = []
    for topic in knowledge.topics.values():
        for part in (topic.answer, topic.details):
            for line in (part or "").splitlines():
                found += [piece.strip(" •") for piece in units(line) if piece.strip(" •")]
    return found


def undefined_compound(knowledge: KnowledgeBase, text: str) -> Optional[Tuple[str, str]]:
    """A compound the knowledge uses without defining it (« c'est quoi une rénovation lourde ? », « le
    carbone biogénique, c'est quoi ? »), with the sentence that uses it; None when a glossary entry, a
    topic or a law names it, or when a detail is asked."""
    found = asked_term_and_form(text)
    if found is None:
        return None
    term = found[0]
    words = [word for word in term.split() if word not in GENERIC]
    while words and words[0] in KIND_WORDS:
        words = words[1:]
    if len(words) < 2 or any(len(word) < 3 for word in words):
        return None
    if glossary.find_terms(term) or named_topics(term) or names_covered_law(term):
        return None
    if SERVICE_WORDS.intersection(words) or names_a_thing(term):
        return None  # « le portail national », « le plan national »: a thing of its own, not a notion
    if aspects(text) - {DEFINITION, NATIONAL} or unknown_detail(text, []):
        return None
    pattern = phrase_pattern(words)
    using = [sentence for sentence in knowledge_sentences(knowledge) if pattern.search(normalize(sentence))]
    if not using or len(using) > MAX_USES:
        return None  # a phrase the sources use often is part of what they explain
    return " ".join(words), min(
        using, key=lambda sentence: (bool(PRONOUN_START.match(sentence)), len(sentence.split()))
    )


def undefined_compound_reply(knowledge: KnowledgeBase, text: str) -> Optional[Reply]:
    found = undefined_compound(knowledge, text)
    if found is None:
        return None
    term, sentence = found
    shown = compose([sentence]).rstrip(".")
    return Reply(
        f"Je n'ai pas de définition {of_quoted(as_written(text, term))} dans mes sources, et je préfère "
        f"ne pas vous répondre de mémoire. Elles l'évoquent seulement ainsi : « {shown}. » Si vous êtes "
        "acheteur public, le guichet vert de votre région, gratuit, peut vous orienter.",
        [{"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}],
    )


def unknown_term_reply(knowledge: KnowledgeBase, text: str, after_topic: bool = False) -> Optional[Reply]:
    """« Je n'ai pas de définition de « BIM » dans mes sources », then where to ask; a compound the
    sources use without defining it, with the sentence that uses it."""
    term = unknown_term(text, vocabulary_of(knowledge), after_topic)
    if term is None:
        return undefined_compound_reply(knowledge, text)
    if knowledge.network_named(term):  # "la MDEN c'est quoi ?": a structure's own name
        return None
    cited = citing_sentence(term) or structure_sentence(knowledge, term)
    spelled = spelled_out(cited, term) if cited else None
    if spelled:  # "que veut dire ETP ?": the sources spell it out in passing, without defining it
        lead = (
            f"« {term.upper()} » veut dire « {spelled} ». Mes sources ne le citent qu'en passant, sans le "
            f"définir : « {cited} »"
        )
    else:
        said = f" Elles le citent seulement ainsi : « {cited} »" if cited else ""
        lead = (
            f"Je n'ai pas de définition {of_quoted(as_written(text, term))} dans mes sources, et je préfère "
            f"ne pas vous répondre de mémoire.{said}"
        )
    return Reply(
        f"{lead} Si vous êtes acheteur public, le guichet vert de votre "
        "région, gratuit, peut vous orienter ; le portail achats-durables.gouv.fr rassemble les ressources "
        "officielles.",
        [{"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}],
    )


CITING_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
MAX_CITED_WORDS = 35


LINKING_WORDS = frozenset("de la le les du des d l en et".split())


def spelled_out(sentence: str, term: str) -> Optional[str]:
    """The words before « (ETP) » whose initials spell the acronym, linking words skipped: « équivalent
    temps plein », « Haut conseil de la commande publique »; None when they do not."""
    before = sentence.split(f"({term.upper()})", 1)[0].split() if f"({term.upper()})" in sentence else []
    letters, taken = list(term.lower()), []
    for word in reversed(before):
        bare = normalize(word.split("'")[-1].split("’")[-1])
        if not letters:
            break
        if bare and bare[0] == letters[-1]:
            letters.pop()
        elif bare not in LINKING_WORDS:
            return None
        taken.insert(0, word)
    return " ".join(taken) if not letters and taken else None


def structure_sentence(knowledge: KnowledgeBase, term: str) -> Optional[str]:
    """The sentence of a structure's description that spells an acronym out (« … du Haut conseil de la
    commande publique (HCCP) de l'île »), when short enough to quote."""
    for network in knowledge.networks.networks:
        for sentence in CITING_SENTENCE_END.split(network.description):
            if f"({term.upper()})" in sentence and len(sentence.split()) <= MAX_CITED_WORDS:
                return sentence.strip().rstrip(".") + "."
    return None


def citing_sentence(term: str) -> Optional[str]:
    """The glossary's sentence that names a thing it does not define (« … avec le Médiateur des entreprises,
    il a lancé le Parcours national des achats responsables … »), when short enough to quote."""
    for entry in glossary.ENTRIES:
        for sentence in CITING_SENTENCE_END.split(entry.text):
            if f" {term} " in f" {normalize(sentence)} " and len(sentence.split()) <= MAX_CITED_WORDS:
                return sentence.strip().rstrip(".") + "."
    return None


def domain_term_reply(knowledge: KnowledgeBase, text: str, after_topic: bool = False) -> Optional[Reply]:
    """``unknown_term_reply`` for a term of the trade only (« la procédure adaptée », « la clause de
    non-concurrence »: a kind of purchase or procedure, a clause, a label, a body): a message read as out
    of scope that asks what it is gets « je n'ai pas de définition … », not the refusal; « c'est quoi le
    PSG ? » stays out of scope."""
    found = asked_term_and_form(text)
    if found is None or found[0].split()[0] not in KIND_HEADS | THING_HEADS:
        return None
    return unknown_term_reply(knowledge, text, after_topic)


# A clause called by a name (« la clause Molière », « une clause dite Molière »): the word right after
# « clause », when it is no preposition nor article.
NAMED_CLAUSE = re.compile(
    r"\bclauses? (?:dites? )?(?:(de |d )(?!(?:la|le|les|l|un|une|des|du|ce|cette)\b))?"
    r"(?!(?:de|d|du|des|la|le|les|l|un|une|en|a|au|aux|et|ou|pour|sur|dans|qui|que)\b)([a-z]{4,})\b"
    # « clause de langue française »: the adjective after the noun
    r"(?:( [a-z]{4,}))?"
)
# Ordinary words after « clause » that name no clause (« clause verte », « clause relative à … »).
CLAUSE_QUALIFIERS = frozenset(
    "verte vertes relative relatives type types particuliere particulieres specifique specifiques speciale "
    "speciales generale generales contractuelle contractuelles obligatoire obligatoires facultative "
    "facultatives classique classiques standard precise precises ecrite ecrites suivante suivantes".split()
)
NAMED_CLAUSE_ROUTE = (
    "Je ne peux pas vous dire si elle est possible ni comment la rédiger : le code de la commande publique, "
    "sur Légifrance, fait foi, et le portail achats-durables.gouv.fr rassemble les ressources officielles."
)


def unknown_clause(knowledge: KnowledgeBase, text: str) -> Optional[str]:
    """The name of a clause no knowledge text uses (« clause Molière »), as typed; None for the clauses the
    sources hold (« clause sociale », « clause environnementale », « clause de réemploi »)."""
    match = NAMED_CLAUSE.search(question_form(text))
    words = vocabulary_of(knowledge)
    if not match:
        return None
    prep, name, adjective = match.groups()
    if name in CLAUSE_QUALIFIERS or name in words:
        return None
    if any(one_typo(name, word) for word in words):  # "clauses socales": a typo of "sociales"
        return None
    head = match.group(0).split(" ")[0]
    # « la clause de langue française », « la clause Molière » (no adjective after a proper name)
    named = f"{head} {prep or ''}{name}" + (adjective if prep and adjective else "")
    return as_written(text, named)


def unknown_clause_reply(knowledge: KnowledgeBase, text: str) -> Optional[Reply]:
    """« Je n'ai pas d'information sur la « clause Molière » dans mes sources », then where to read."""
    clause = unknown_clause(knowledge, text)
    if clause is None:
        return None
    code = knowledge.guides[CODE_GUIDE]
    return Reply(
        f"Je n'ai pas d'information sur la « {clause} » : elle ne figure pas dans mes sources. "
        + NAMED_CLAUSE_ROUTE,
        links=[link(code.title, code.url)],
    )


# « un GEIQ peut-il répondre à un marché réservé ? »: an acronym the sources never use, subject of a question
# on a thing they know; the answer says first that it is not in the sources, then what they say.
# Only as a supplier that may qualify for an inclusive purchase: « le CCAS peut-il utiliser le guichet
# vert ? » names a buyer, whom the buyer-type rules read.
UNKNOWN_SUBJECT = re.compile(
    r"^(?i:(?:(?:et|mais|alors|ok) )?(?:un|une|les|des|le|la|l'|l’) ?)([A-Z]{3,8})s?\b(?: \w+)?"
    r" (?i:peut|peuvent|pourrait|pourraient|est|sont|compte|comptent|a le droit|ont le droit|entre|entrent)\b"
    r"(?=(?i:.*\b(?:r[ée]pondre|candidater|postuler|b[ée]n[ée]ficier|compter|compte|entrer|retenue?s?"
    r"|consid[ée]r[ée]e?s?|[ée]ligibles?)\b))"
    r"(?=(?i:.*\b(?:r[ée]serv\w*|SIAE|ESAT|entreprises? adapt[ée]es?|clauses? (?:sociales?|d.insertion)"
    r"|insertion)\b))"
)


def unknown_subject_reply(knowledge: KnowledgeBase, text: str) -> Optional[Reply]:
    """« Je n'ai pas d'information sur les GEIQ … » for such an acronym; None when the sources name it."""
    match = UNKNOWN_SUBJECT.match(text.strip())
    if not match or match.group(1).lower() in vocabulary_of(knowledge):
        return None
    name = match.group(1)
    return Reply(
        f"Je n'ai pas d'information sur les {name} : ils ne figurent pas dans mes sources, et je "
        "préfère ne pas vous répondre de mémoire."
    )
