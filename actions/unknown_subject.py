"""An answer that says a fact is unknown names WHAT is unknown (issue 11, class unknown_fact).

« Je n'ai pas ce chiffre : il ne figure pas dans mes sources » tells a buyer nothing about what was
understood. Here the subject is read from the question itself and put in place of the pronoun:
« Combien d'adhérents compte 3AR ? » gives « Je n'ai pas ce chiffre : le nombre d'adhérents de 3AR ne
figure pas dans mes sources ». The subject is the noun phrase after « combien de », « quel est le »,
« qui préside », « quand », or a noun that names a fact (budget, numéro, délai...), cut before its verb by
a small grammar (noun, adjectives, complements led by a preposition), short, in the user's own words.
When nothing can be read, the reply is left as it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Iterable, List, Optional, Sequence, Tuple

from actions.brevity import FIGURE_IN, LEGAL_NUMBER, ROUTES
from actions.focus import TWO_QUESTIONS
from actions.reply import PORTAL_ROUTE, Reply
from textnorm import question_form

Token = Tuple[str, str]  # (as written, folded)

TOKEN = re.compile(r"(?:[dDlLjJsSnNcCmM]|[qQ]u)['’]|[^\W_][\w-]*(?:['’][\w-]+)*|%|[?,;:!.]")
ELISION = re.compile(r"^(?:[dljsnc]|qu)'$")
PREPOSITIONS = frozenset("de du des d' a au aux en pour sur avec par chez dans entre".split())
ARTICLES = frozenset(
    "le la les l' un une son sa ses leur leurs ce cet cette ces votre vos notre nos mon ma mes chaque".split()
)
# a possessive or an indefinite article before a fact asked: the definite one ("son budget": "le budget")
POSSESSIVE_ARTICLE = {
    "son": "le",
    "sa": "la",
    "ses": "les",
    "leur": "le",
    "leurs": "les",
    "mon": "le",
    "ma": "la",
    "mes": "les",
    "un": "le",
    "une": "la",
}
PRE_ADJECTIVES = frozenset(
    "prochain prochaine prochains prochaines nouveau nouvel nouvelle nouveaux nouvelles dernier derniere "
    "derniers dernieres premier premiere premiers premieres vrai vraie grand grande petit petite "
    "meilleur meilleure".split()
)
# Words that never start a noun phrase: pronouns, question words, common verbs.
NOT_A_NOUN = frozenset(
    "il elle ils elles on y je tu vous nous ca cela ce c' qui que qu' quoi combien quand comment ou est "
    "sont a ont et svp stp sinon mais donc car si ne pas plus exactement actuellement aujourd'hui bientot "
    "environ en moyenne vraiment ete fait faut peu pres etre avoir".split()
)
ADJECTIVE = re.compile(
    r"(?:ique|iques|able|ables|ible|ibles|el|els|elle|elles|al|ale|ales|aux|if|ifs|ive|ives"
    r"|aire|aires|ain|aine|ains|aines|ien|ienne|iens|iennes|ant|ants|ante|antes|ial|iale)$"
)
PARTICIPLE = re.compile(r"(?:é|ée|és|ées)$")
PLAIN_ADJECTIVES = frozenset(
    "annuel annuelle annuels moyen moyenne total totale exact exacte actuel actuelle public publics "
    "publique publiques durable durables europeen europeenne minimum maximum minimal maximal social "
    "sociale sociaux precis precise mensuel mensuelle national nationale regional regionale local locale "
    "global globale vert verte verts vertes carbone limite limites".split()
)
# Verbs in -é/-ée that follow a noun as a participle are adjectives here; these e-endings are verbs.
VERB_ENDING_E = frozenset(
    "compte coute vote aide traite passe organise envoie gere repond touche utilise integre facture "
    "propose accompagne regroupe rassemble donne impose demande reste existe arrive commence ferme "
    "publie sorte sorte verse recoive paye emploie represente".split()
)
MAX_PHRASE = 11
PRICE_NOUNS = frozenset("cout prix tarif tarifs montant salaire remuneration cotisation".split())
# Elision before a vowel or a mute h (« d'heures », « l'hôpital »), not an aspirated one (« la hauteur »).
VOWEL_START = re.compile(r"[aeiouy]|h(?:eure|abitant|opita|ebergement|uile|omme|ygien)")
INFINITIVE = re.compile(r"(?:er|ir|re)$")
# Nouns that name a fact; the phrase they lead is the subject when no question word gives it.
FACT_NOUNS = {
    "budget": "le",
    "montant": "le",
    "cout": "le",
    "prix": "le",
    "tarif": "le",
    "tarifs": "les",
    "cotisation": "la",
    "adhesion": "l'",
    "abonnement": "l'",
    "taux": "le",
    "part": "la",
    "proportion": "la",
    "pourcentage": "le",
    "nombre": "le",
    "date": "la",
    "delai": "le",
    "delais": "les",
    "duree": "la",
    "numero": "le",
    "telephone": "le",
    "tel": "le",
    "adresse": "l'",
    "mail": "le",
    "courriel": "le",
    "email": "l'",
    "nom": "le",
    "president": "le",
    "presidente": "la",
    "directeur": "le",
    "directrice": "la",
    "salaire": "le",
    "remuneration": "la",
    "seuil": "le",
    "seuils": "les",
    "horaires": "les",
    "sanction": "la",
    "penalite": "la",
    "bilan": "le",
    "resultat": "le",
    "resultats": "les",
    "classement": "le",
    "frequence": "la",
    "effectif": "l'",
    "effectifs": "les",
    "financement": "le",
    "subvention": "la",
    "interlocuteur": "l'",
    "interlocutrice": "l'",
    "contact": "le",
}
# « qui préside … ? »: a person's name is asked.
WHO_VERBS = frozenset(
    "preside dirige anime administre gere s'occupe coordonne pilote porte represente est".split()
)
COST_VERBS = re.compile(r"\b(?:cout\w*|coute\w*|prix|tarif\w*|factur\w*|payant\w*)\b")
PAY_VERBS = re.compile(r"\b(?:paye|payes|payee|salaire|remunere\w*)\b")
GIVEN_VERBS = re.compile(r"\b(?:recoit|recoivent|touche|touchent|verse\w*|alloue\w*|attribue\w*)\b")
CREATION_VERBS = re.compile(r"\b(?:fonde\w*|cree\w*|creation|lance\w*|ne|nee)\b")
# The names of the field's bodies, as they are written after « de » (longest first).
NAMES: Sequence[Tuple[str, str]] = (
    (r"\bguichets? verts?\b|\bguichet vers\b", "le guichet vert"),
    (r"\bmarche de l'?inclusion\b", "le Marché de l'inclusion"),
    (r"\balliance villes emploi\b", "l'Alliance Villes Emploi"),
    (r"\bgip maximilien\b|\bmaximilien\b", "le GIP Maximilien"),
    (r"\bmaison de l'?emploi du nord\b", "la Maison de l'emploi du Nord"),
    (r"\bentreprises s'?engagent\b", "Les entreprises s'engagent"),
    (r"\bplace des entreprises\b", "Place des Entreprises"),
    (r"\bconseil national des achats\b|\bcna\b", "le CNA"),
    (r"\b3ar\b", "3AR"),
    (r"\breseco\b", "RESECO"),
    (r"\bran coper\b", "RAN COPER"),
    (r"\bapure\b", "APuRe"),
    (r"\bres'?occ\b", "Rés'Occ"),
    (r"\baura ?-?ee\b", "AURA-EE"),
    (r"\barnia\b", "l'ARNia"),
    (r"\barbe\b", "l'ARBE"),
    (r"\brapidd\b", "RAPIDD"),
    (r"\bpnad\b", "le PNAD"),
    (r"\bagefiph\b", "l'Agefiph"),
    (r"\bcci\b", "la CCI"),
    (r"\becolabel\b", "l'Écolabel européen"),
    (r"\bfacilitateurs?\b", "le facilitateur"),
)
# The body a follow-up's « son budget » refers to, by the topic being answered.
TOPIC_NAMES = {
    "ask_guichet_vert": "le guichet vert",
    "ask_rapidd": "RAPIDD",
    "ask_pnad": "le PNAD",
    "ask_marche_inclusion": "le Marché de l'inclusion",
    "ask_facilitator": "le facilitateur",
    "ask_cna": "le CNA",
    "ask_cci": "la CCI",
    "ask_agefiph": "l'Agefiph",
}
RANKING = re.compile(r"\b(?:le|la|les) plus\b|\bmeilleur\w*\b|\bclassement\b|\bpalmares\b")
NETWORK_NAMED = re.compile(r"Votre réseau régional, ([^,]{2,40}), pourra")
# The generic openers whose pronoun (or vague noun) the subject replaces.
GENERIC_UNKNOWN = re.compile(
    r"^(?P<lead>Je n'ai pas (?:ce chiffre|cette information|cette date|ce montant|ce taux)) : "
    r"(?:il|elle|le coût ou le tarif|le délai|le bilan|la date limite|les dates et horaires à venir"
    r"|son financement|le financement) ne figure(?:nt)? pas dans mes sources"
)
# Any reply saying a fact is unknown (« Je n'ai pas cette date : … »).
ANY_UNKNOWN = re.compile(r"^Je n'ai pas (?:ce |cette |ces |le |la |les |l')[^.:]{0,60} : ")
QUESTION_MARKED = re.compile(r"[^?\s][^?]*\?")  # a part ended by its own « ? »
ASKING = frozenset("combien quel quelle quels quelles quand qui comment pourquoi".split())
# Fact nouns too vague to be named alone for a question of no topic (« le nom », « le contact »).
NOT_ALONE = frozenset("nom contact interlocuteur interlocutrice".split())
# Heads of subjects that are facts too, besides FACT_NOUNS.
OTHER_FACTS = frozenset("heures objectif objectifs tel".split())
NOT_INVENTED = ", et je préfère ne pas l'inventer."
PROGRAMME_UNKNOWN = re.compile(r"^Je n'ai pas le détail de leur programme(?: \([^)]*\))?(?= :)")
NAMES_UNKNOWN = re.compile(r"^Je n'ai pas le nom des personnes(?= :)")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> List[Token]:
    found = [match.group(0).replace("’", "'") for match in TOKEN.finditer(text)]
    found = ["pourcentage" if word == "%" else word for word in found]
    return [(word, fold(word)) for word in found]


def joined(words: Iterable[str]) -> str:
    out = ""
    for word in words:
        out += word if not out or out.endswith("'") else f" {word}"
    return out


def _is_adjective(word: str, key: str) -> bool:
    if key in ARTICLES or key in NOT_A_NOUN or len(key) < 3:
        return False
    if key in PLAIN_ADJECTIVES or word[:1].isupper() or word[:1].isdigit():
        return True
    return bool(PARTICIPLE.search(word.lower())) or bool(ADJECTIVE.search(key)) and key not in VERB_ENDING_E


def _noun_at(toks: Sequence[Token], i: int) -> bool:
    key = toks[i][1] if i < len(toks) else ""
    return key[:1].isalnum() and key not in NOT_A_NOUN | PREPOSITIONS | ARTICLES


def noun_phrase(toks: Sequence[Token], start: int) -> List[str]:
    """The words of the noun phrase from ``start``: [article] [adjectives] noun, then adjectives and
    complements led by a preposition, until a verb or a pause; [] when there is no noun there."""
    i = start
    words: List[str] = []
    if i < len(toks) and toks[i][1] in ARTICLES:
        words.append(toks[i][0])
        i += 1
    while i < len(toks) and toks[i][1] in PRE_ADJECTIVES:
        words.append(toks[i][0])
        i += 1
    if not _noun_at(toks, i):
        return []
    words.append(toks[i][0])
    i += 1
    while i < len(toks) and len(words) < MAX_PHRASE:
        word, key = toks[i]
        if key in PREPOSITIONS and word != "a":  # « à », not the verb « a »
            j = i + 1
            article = [toks[j][0]] if j < len(toks) and toks[j][1] in ARTICLES else []
            j += len(article)
            before = []  # "pour une petite commune": the adjective before the noun goes with it
            while j < len(toks) and toks[j][1] in PRE_ADJECTIVES:
                before.append(toks[j][0])
                j += 1
            if not _noun_at(toks, j):
                break
            words += [word, *article, *before, toks[j][0]]
            i = j + 1
            # "pour obtenir le label", "pour publier notre SPASER": the verb's object goes with it
            if key in ("pour", "a") and INFINITIVE.search(toks[j][1]) and not article:
                if i + 1 < len(toks) and toks[i][1] in ARTICLES and _noun_at(toks, i + 1):
                    words += [toks[i][0], toks[i + 1][0]]
                    i += 2
        elif key in ("le", "la", "les") and i + 2 < len(toks) and toks[i + 1][1] == "plus":
            words += [word, toks[i + 1][0], toks[i + 2][0]]  # "la région la plus avancée"
            i += 3
        elif _is_adjective(word, key):
            words.append(word)
            i += 1
        else:
            break
    return words


def with_article(words: List[str], article: str) -> str:
    """``words`` led by an article: the one written (a possessive made definite), else ``article``."""
    first_word = words[0]
    plain_case = len(first_word) <= 2 or first_word[1:].islower()
    if first_word[:1].isupper() and plain_case and fold(first_word) in ARTICLES | set(FACT_NOUNS):
        words = [words[0].lower(), *words[1:]]  # the start of the user's sentence
    first = fold(words[0])
    if first in POSSESSIVE_ARTICLE:
        words = [POSSESSIVE_ARTICLE[first], *words[1:]]
    elif first not in ARTICLES:
        words = [article, *words] if article != "l'" else ["l'", *words]
    if fold(words[0]) in ("le", "la") and VOWEL_START.match(fold(words[1])):
        words = ["l'", *words[1:]]
    return joined(words)


def of(phrase: str) -> str:
    """« de » before ``phrase``: « du guichet vert », « des demandes », « d'adhérents », « de la CCI »."""
    low = fold(phrase)
    if low.startswith("le "):
        return "du " + phrase[3:]
    if low.startswith("les "):
        return "des " + phrase[4:]
    if VOWEL_START.match(low) and not low.startswith(("la ", "l'")) or low.startswith("l'"):
        return ("d'" + phrase) if not low.startswith("l'") else "de " + phrase
    return "de " + phrase


def named_body(question: str) -> Optional[str]:
    plain = fold(question)
    for pattern, name in NAMES:
        if re.search(pattern, plain):
            return name
    return None


def segments(text: str) -> List[List[Token]]:
    """The question's parts, split at « ? » and « et combien / et quel … », the part asking a figure
    first."""
    parts: List[List[Token]] = [[]]
    for tok in tokens(text):
        if tok[1] in ("?", ";", "!"):
            parts.append([])
        else:
            parts[-1].append(tok)
    parts = [part for part in parts if part]
    asks = ("combien", "quel", "quelle", "quels", "quelles", "quand", "qui")
    return sorted(parts, key=lambda part: not any(key in asks for _, key in part))


def subject_of(question: str, topic_name: Optional[str] = None) -> Optional[str]:
    """What the question asks, as a short noun phrase (« le nombre d'adhérents de 3AR »), or None."""
    parts = segments(question)
    for index, part in enumerate(parts):
        found = _subject_in(part)
        if found:
            if len(found.split()) == 2 and head_noun(found) in FACT_NOUNS:
                # « Rés'Occ organise un webinaire ? je voudrais la date »: the date of that webinar
                other = next(
                    (_first_phrase(p) for p in parts[:index] + parts[index + 1 :] if _first_phrase(p)), None
                )
                found = f"{found} " + of(other) if other and head_noun(other) not in FACT_NOUNS else found
            return _with_body(found, question, topic_name)
    return None


def _subject_in(part: Sequence[Token]) -> Optional[str]:
    keys = [key for _, key in part]
    plain = " ".join(keys)
    for i, key in enumerate(keys):
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        if key == "combien" and nxt in ("de", "d'") and _noun_at(part, i + 2):
            words = noun_phrase(part, i + 2)
            head = fold(words[0])
            if head in ("euros", "argent"):
                return "le montant"
            if head in ("temps", "jours", "mois", "semaines", "heures") and len(words) == 1:
                return "le délai"
            if head in FACT_NOUNS:  # "combien de % de réemploi"
                return with_article(words, FACT_NOUNS[head])
            return "le nombre " + of(joined(words))
        if RANKING.search(plain) and key in ("quel", "quelle", "quels", "quelles"):
            return "un tel classement"
        if key == "s'appelle":
            words = noun_phrase(part, i + 1)
            return "le nom " + of(with_article(words, "le")) if words else "le nom"
        if key in ("quel", "quelle", "quels", "quelles"):
            article = {"quel": "le", "quelle": "la", "quels": "les", "quelles": "les"}[key]
            j = i + 1
            if nxt in ("est", "sont", "etait", "serait", "seraient", "etaient"):
                j += 1
            words = noun_phrase(part, j)
            before = _first_phrase(part[:i]) if len(words) == 1 and fold(words[0]) in FACT_NOUNS else None
            if words and before:  # "la formation de la CCI, c'est quel prix ?"
                return with_article(words, article) + " " + of(before)
            if words:
                if fold(words[-1]) in ("annee", "date") and CREATION_VERBS.search(plain):
                    return "la date de création"
                if len(words) == 1 and fold(words[0]) in ("annee", "jour", "date"):
                    return _dated(part, "la date", skip=j)
                return with_article(words, article)
        if key == "qui" and nxt in WHO_VERBS:
            if nxt == "est":
                words = noun_phrase(part, i + 2)
                return "le nom " + of(with_article(words, "le")) if words else None
            rest = noun_phrase(part, i + 2)
            verb = part[i + 1][0]
            return "le nom de la personne qui " + joined([verb, *rest])
        if key == "quand":
            lead = "la date de fin" if "jusqu" in plain else "la date"
            after = noun_phrase(part, i + 1) if nxt in ARTICLES else []
            if after:  # "pour un acheteur public, c'est quand la date limite ?": what follows « quand »
                return _dated([part[i], *part[i + 1 : i + 1 + len(after)]], lead, skip=0)
            return _dated(part, lead, skip=i)
    return _cost_or_fact(part, plain)


# "on est une petite commune", "je suis un acheteur": the phrase after these says who speaks
SPEAKER_VERBS = frozenset("est suis sommes etes".split())


def _first_phrase(part: Sequence[Token], skip: int = -1) -> Optional[str]:
    """The part's first noun phrase led by an article (« le prochain webinaire sur RAPIDD »), never the
    one that says who speaks (« on est une petite commune dans l'Ain »), nor a part of it."""
    speaker_end = -1
    for j, (_, key) in enumerate(part):
        if j < speaker_end:
            continue
        if j > 0 and key in ARTICLES and part[j - 1][1] in SPEAKER_VERBS:
            speaker_end = j + len(noun_phrase(part, j))
            continue
        if j != skip and key in ARTICLES:
            words = noun_phrase(part, j)
            if words and _for_a_buyer(part, j, words):
                continue  # « c'est depuis quand pour l'acheteur public ? »: who it is for, not the subject
            if words:
                return with_article(words, "le")
    return None


# The buyer a question is for (« pour l'acheteur public », « pour une mairie »): never its subject.
BUYER_NOUNS = frozenset(
    "acheteur acheteurs acheteuse acheteuses mairie mairies commune communes collectivite collectivites "
    "entreprise entreprises association associations asso hopital hopitaux etablissement etablissements "
    "pme tpe organisme organismes structure structures".split()
)


def _for_a_buyer(part: Sequence[Token], j: int, words: Sequence[str]) -> bool:
    """The noun phrase at ``j`` names a buyer, after « pour » or « chez »."""
    nouns = [fold(word) for word in words if fold(word) not in ARTICLES]
    return j > 0 and part[j - 1][1] in ("pour", "chez") and bool(nouns) and nouns[0] in BUYER_NOUNS


# Nouns that are a date already: the phrase they lead is the subject as it is.
DATE_NOUNS = frozenset("date dates echeance echeances delai delais calendrier".split())


def _dated(part: Sequence[Token], lead: str, skip: int) -> str:
    """« la date » of the thing the part names: « c'est quand la prochaine réunion de RESECO ? »."""
    phrase = _first_phrase(part, skip)
    if phrase and DATE_NOUNS.intersection(fold(phrase).replace("'", "' ").split()[:2]):
        return phrase  # « la date limite pour le SPASER », not « la date de la date limite … »
    return f"{lead} " + of(phrase) if phrase else lead


def _cost_or_fact(part: Sequence[Token], plain: str) -> Optional[str]:
    keys = [key for _, key in part]
    fact: Optional[str] = None
    head = ""
    for i, key in enumerate(keys):
        if key in FACT_NOUNS:
            start = i - 1 if i > 0 and keys[i - 1] in ARTICLES else i
            words = noun_phrase(part, start)
            if words:
                fact, head = with_article(words, FACT_NOUNS[key]), key
                before = _first_phrase(part[:start]) if len(words) <= 2 else None
                if before:  # "et pour les fournitures de bureau, le taux ?"
                    fact = f"{fact} " + of(before)
                break
    if "combien" in keys:
        if PAY_VERBS.search(plain):
            lead = "la rémunération"
        elif GIVEN_VERBS.search(plain):
            lead = "le montant du financement"
        elif COST_VERBS.search(plain):
            lead = "le coût"
        else:
            lead = ""
        if lead:
            if head in PRICE_NOUNS:
                return fact
            phrase = fact or _first_phrase(part)
            return f"{lead} " + of(phrase) if phrase else lead
    return fact


def _with_body(subject: str, question: str, topic_name: Optional[str]) -> str:
    """The subject with the body asked about when it is not in it yet (« le nombre d'adhérents » + 3AR)."""
    body = named_body(question) or topic_name
    said = {word.rstrip("sx") for word in re.findall(r"[a-z0-9]{3,}", fold(subject))}
    named = {word.rstrip("sx") for word in re.findall(r"[a-z0-9]{3,}", fold(body or ""))}
    proper = any(word[:1].isupper() for word in subject.split()[1:])
    if not body or said & named or "qui " in subject or proper and not named_body(question):
        return subject
    if subject == "un tel classement":
        return subject
    if re.search(r"\b(?:le|la|les|l')\s?(?:nom|numero|adresse|mail|courriel|telephone)\b", fold(subject)):
        return f"{subject} " + of(body)
    if len(subject.split()) > 6:
        return subject
    return f"{subject} " + of(body)


def head_noun(subject: str) -> str:
    """The noun a subject starts with, after its article (« le nombre d'adhérents » -> « nombre »)."""
    words = fold(subject).replace("'", "' ").split()
    return words[1] if len(words) > 1 and words[0] in ARTICLES else words[0]


def fits(subject: str, unknown: str) -> bool:
    """The subject read is the kind of thing the reply says is unknown: a figure, a date or a name for
    « ce chiffre », « cette date », « le nom »; never another part of the question (« quel réseau »)."""
    head = head_noun(subject)
    if NAMES_UNKNOWN.match(unknown):
        return head == "nom"
    return head in FACT_NOUNS or head in OTHER_FACTS


def _capped(subject: str) -> str:
    words = subject.split()
    return " ".join(words[: MAX_PHRASE + 3])


def named_unknown(text: str, subject: str) -> str:
    """``text`` whose generic unknown opener names ``subject``; unchanged when it has none."""
    text = text.replace("’", "'") if text.startswith("Je n’ai") else text
    match = GENERIC_UNKNOWN.match(text)
    if match:
        verb = "ne figurent pas" if fold(subject).startswith("les ") else "ne figure pas"
        rest = text[match.end() :]
        if rest.startswith(NOT_INVENTED):  # the subject named, the sentence stays short
            rest = "." + rest[len(NOT_INVENTED) :]
        return f"{match.group('lead')} : {subject} {verb} dans mes sources" + rest
    if NAMES_UNKNOWN.match(text) and fold(subject).startswith("le nom"):
        return NAMES_UNKNOWN.sub(f"Je n'ai pas {subject}", text, count=1)
    # "le prochain webinaire, quand ?", "leur newsletter, à quelle fréquence ?"
    if PROGRAMME_UNKNOWN.match(text) and head_noun(subject) in ("date", "frequence"):
        return PROGRAMME_UNKNOWN.sub(f"Je n'ai pas {subject}", text, count=1)
    return text


def asks_one_thing(question: str) -> bool:
    """One question is asked: no « … et combien … », no second part with its own question word."""
    plain = question_form(question)
    if TWO_QUESTIONS.search(plain) or len(QUESTION_MARKED.findall(question)) >= 2 or " et " in plain:
        return False  # « c'est gratuit ? et il traite combien de demandes ? », « quel réseau, et … ? »
    asking = [part for part in segments(question) if any(key in ASKING for _, key in part)]
    return len(asking) <= 1


def unknown_first(replies: List[Reply], question: str) -> List[Reply]:
    """A single question whose fact is unknown: « je n'ai pas … » comes first, before the context it
    was put after (the region's network, a definition), so the buyer reads the answer to the question
    asked first; with two questions, the known part keeps its place."""
    index = next((i for i, reply in enumerate(replies) if _is_unknown(reply)), None)
    if not index or not asks_one_thing(question):
        return replies
    if any(FIGURE_IN.search(LEGAL_NUMBER.sub(" ", reply.text)) for reply in replies[:index]):
        return replies  # a figure given before may answer the question after all ("plus de 500 …")
    return [replies[index], *replies[:index], *replies[index + 1 :]]


def with_route(replies: List[Reply]) -> List[Reply]:
    """An unknown answer that says nowhere where to ask routes to the national portal."""
    index = next((i for i, reply in enumerate(replies) if _is_unknown(reply)), None)
    if index is None or any(ROUTES.search(reply.text) for reply in replies):
        return replies
    text = f"{replies[index].text.rstrip()} {PORTAL_ROUTE}"
    return [*replies[:index], replace(replies[index], text=text), *replies[index + 1 :]]


def _is_unknown(reply: Reply) -> bool:
    text = reply.text.replace("’", "'")
    return bool(GENERIC_UNKNOWN.match(text) or NAMES_UNKNOWN.match(text) or ANY_UNKNOWN.match(text))


def with_subject(replies: List[Reply], question: str, topic: Optional[str] = None) -> List[Reply]:
    """The replies, the unknown one naming what the question asks (see the module docstring)."""
    if not question or question.startswith("/"):
        return replies
    opener = next(
        (
            index
            for index, reply in enumerate(replies)
            if GENERIC_UNKNOWN.match(reply.text.replace("’", "'"))
            or NAMES_UNKNOWN.match(reply.text)
            or PROGRAMME_UNKNOWN.match(reply.text)
        ),
        None,
    )
    if opener is None:
        return replies
    network = NETWORK_NAMED.search(replies[opener].text)
    topic_name = network.group(1) if network else TOPIC_NAMES.get(topic or "")
    subject = subject_of(question, topic_name)
    if not subject or not fits(subject, replies[opener].text):
        return replies
    text = named_unknown(replies[opener].text, _capped(subject))
    if text == replies[opener].text:
        return replies
    return [*replies[:opener], replace(replies[opener], text=text), *replies[opener + 1 :]]


def unknown_fact_text(question: str) -> Optional[str]:
    """« Je n'ai pas cette information : <subject> ne figure pas dans mes sources. » for a question of fact
    that names no topic (« quelle est la date limite de dépôt des dossiers ? »), else None."""
    if "?" not in question:
        return None
    subject = subject_of(question)
    lead = "Je n'ai pas cette information : il"
    if not subject or not fits(subject, lead) or head_noun(subject) in NOT_ALONE:
        return None
    verb = "ne figurent pas" if fold(subject).startswith("les ") else "ne figure pas"
    return f"Je n'ai pas cette information : {_capped(subject)} {verb} dans mes sources."
