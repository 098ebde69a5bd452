"""Answers for the aspect a question asks: a focused sentence, an unknown figure, a definition...

Small pure functions next to the answer builders of ``topics.py``, ``territory.py`` and ``agec.py``
(which they call, and never change): they pick, in a knowledge entry, the sentences that answer the
aspect asked ("c'est payant ?" -> the sentence saying the service is free), say first when the figure
asked is not in the knowledge, define the AGEC law, and route a public buyer to public support.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Iterable, List, Optional, Sequence

from actions.agec import CATEGORY_SENTENCE, RATE_NOUNS, any_word
from actions.focus import GIVES_MONEY, stem, stems
from actions.knowledge import KnowledgeBase, Source, Topic
from actions.render import Reply, button_dicts, compose, source_links, unique_sources
from actions.reply import HANDOFF_PAYLOAD, HANDOFF_TITLE, PORTAL_ROUTE
from actions.territory import PlaceLike, guichet_vert_sentence, network_reply
from actions.understanding import (
    CONTACT,
    COST,
    JOIN,
    WHO,
    asks_duration,
    asks_money,
    asks_percent,
    counted_noun,
    states_cost,
    states_count,
    states_percent,
    states_share_of,
)
from actions.unknowns import UNKNOWN_EXCEPTIONS, asks_threshold, figure_about, figure_clauses, years_asked
from textnorm import normalize, question_form

# Sentences that answer an aspect contain one of these (compared in lower case, accents kept).
FOCUS = {
    COST: re.compile(r"gratuit|payant|€|euros?\b|coût|prix|tarif|cotis", re.IGNORECASE),
    CONTACT: re.compile(
        r"https?://|www\.|\.fr\b|formulaire|adresse|site|contact|courriel|portail", re.IGNORECASE
    ),
    JOIN: re.compile(
        r"inscri|compte|membre|rejoindre|adhér|adhésion|accéder|formulaire|https?://", re.IGNORECASE
    ),
    WHO: re.compile(
        r"acheteurs|ouvert|accessible|s'adresse|réservé|publics? comme privés|tous les|TPE|PME|dirigeants"
        r"|adhérents|entreprises du secteur|pour vos achats",
        re.IGNORECASE,
    ),
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Ý«•])")
MAX_FOCUSED = 3

UNKNOWN_FIGURE = (
    "Je n'ai pas ce chiffre : il ne figure pas dans mes sources, et je préfère ne pas l'inventer."
)
UNKNOWN_COST = (
    "Je n'ai pas ce chiffre : le coût ou le tarif ne figure pas dans mes sources, et je préfère ne pas "
    "l'inventer."
)
# "dans les six mois qui suivent …" gives a time limit as well as "6 mois"
NUMBER_WORDS = r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|trente)"
UNKNOWN_DURATION = "Je n'ai pas cette information : le délai ne figure pas dans mes sources."
# What a service cost the public purse ("le guichet vert a coûté combien à l'État ?"), not its price for the
# buyer ("c'est payant ?"): a budget, never in the sources.
PUBLIC_COST = re.compile(
    r"\b(?:a|ont|aura|auront) coute\b"
    r"|\bcout\w* (?:\w+ ){0,3}?(?:(?:a|pour|de) (?:l etat|la region|le ministere|le contribuable"
    r"|l administration|les finances publiques)|au (?:ministere|contribuable)|aux finances publiques)\b"
)
# Who can give the figure, per topic (the answer that follows gives the contact details and the links:
# sites are named here, never written as raw URLs).
ROUTES = {
    "ask_guichet_vert": "Le guichet vert de votre région ou le portail achats-durables.gouv.fr pourront "
    "vous répondre.",
    "ask_network": "Votre réseau régional pourra vous répondre.",
    "ask_networks_overview": "Le portail achats-durables.gouv.fr, qui présente les réseaux régionaux, est "
    "le bon point d'entrée.",
    "ask_facilitator": "L'Alliance Villes Emploi, qui anime le réseau des facilitateurs, ou la DREETS "
    "de votre région pourront vous répondre.",
    "ask_rapidd": "La plateforme RAPIDD elle-même ou votre réseau régional pourront vous répondre.",
    "ask_pnad": "Le portail achats-durables.gouv.fr est le bon point d'entrée pour suivre le plan.",
    "ask_marche_inclusion": "Le site du Marché de l'inclusion, qui référence ces structures, est le bon "
    "point d'entrée.",
    "ask_cna": "Le site du CNA, cna-asso.fr, est le bon point d'entrée.",
    "ask_agefiph": "Le site de l'Agefiph, agefiph.fr, est le bon point d'entrée.",
    "ask_conseillers_entreprises": "Le site conseillers-entreprises.service-public.fr est le bon point "
    "d'entrée.",
    "ask_entreprises_engagent": "Ses clubs départementaux pourront vous répondre.",
    "ask_cci": "Votre CCI locale pourra vous répondre.",
    "ask_private_support": "Conseillers-Entreprises ou votre CCI pourront vous orienter.",
    "ask_climate_law": "Le texte officiel, le code de la commande publique sur Légifrance, fait foi ; la "
    "DAJ en a publié une présentation.",
    "ask_agec": "L'annexe du décret n° 2024-134 et le guide du CGDD de novembre 2024 font foi.",
    "ask_agec_declaration": "Le guide du CGDD de novembre 2024 et le schéma national de déclaration sur "
    "data.gouv.fr font foi.",
    "ask_biosourced": "Les textes officiels, sur Légifrance, font foi ; le guichet vert de votre région peut "
    "vous orienter.",
    "ask_biosourced_label": "L'arrêté du 2 juillet 2024, sur Légifrance, fait foi.",
    "ask_ecolabels": "Les articles R. 2111-12 à R. 2111-17 du code de la commande publique et le guide de "
    "l'ADEME font foi.",
    "ask_environmental_considerations": "Le guichet vert de votre région pourra vous répondre.",
    "ask_social_clause": "Le facilitateur de votre territoire ou la DREETS de votre région pourront vous "
    "répondre.",
    "ask_reserved_contracts": "Le facilitateur de votre territoire ou la DREETS de votre région pourront "
    "vous répondre.",
}
DEFAULT_ROUTE = "Voici ce que mes sources en disent, pour vous orienter :"


def sentences(text: str) -> List[str]:
    """The sentences and "• " lines of an answer, in order."""
    parts: List[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            parts.extend(piece.strip() for piece in SENTENCE_END.split(line) if piece.strip())
    return parts


def topic_texts(topic: Topic) -> List[str]:
    """What a topic says (answer, next step, details), then its examples (ideas for a purchase named)."""
    return [topic.text] + [example.text for example in topic.examples]


def focused_sentences(texts: Iterable[str], aspect: str) -> List[str]:
    pattern = FOCUS.get(aspect)
    if pattern is None:
        return []
    found: List[str] = []
    for text in texts:
        for sentence in sentences(text):
            if pattern.search(sentence) and sentence not in found:
                found.append(sentence)
    return found[:MAX_FOCUSED]


def focused_reply(
    topic: Topic, wanted: Iterable[str], extra_texts: Sequence[str] = (), today: Optional[date] = None
) -> Optional[Reply]:
    """The sentences of a topic that answer the aspects asked, or None when none does."""
    texts = topic_texts(topic) + list(extra_texts)
    found: List[str] = []
    for aspect in (WHO, COST, JOIN, CONTACT):
        if aspect in wanted:
            found += [s for s in focused_sentences(texts, aspect) if s not in found]
    if not found:
        return None
    more = [{"title": f"En savoir plus : {topic.title}", "payload": f"/{topic.id}"}]
    return Reply(
        compose(["\n".join(found[:MAX_FOCUSED])], today),
        more + button_dicts(topic.buttons),
        sources=source_links(topic.sources),
    )


# --- figures ------------------------------------------------------------------------------------------


# Words of any question on money: shared with a sentence, they do not make it about the same thing.
MONEY_WORDS = stems(
    "argent euros millions milliards budget montant combien dote dotation cout coute an annee"
)


def figure_is_known(
    texts: Sequence[str], message: str, wanted: Iterable[str], asks_figure: bool
) -> Optional[bool]:
    """None when no figure is asked; else whether ``texts`` give it (a cost, a count; never a budget):
    a share or a count is known only from a clause about what is asked: the same year, the same thing
    measured (unknowns.figure_about)."""
    wanted = set(wanted)
    joined = "\n".join(texts)
    if COST in wanted:
        return False if PUBLIC_COST.search(question_form(message)) else states_cost(joined)
    if asks_threshold(message):  # "à partir de quel montant ?": a threshold (actions/unknowns.py), no budget
        return None
    if asks_money(message):  # a budget is known only from a sum given about what is asked
        return any(
            GIVES_MONEY.search(normalize(clause))
            and figure_about(unit, clause, message)
            and len(stems(unit) & stems(message) - MONEY_WORDS) >= shared_words_needed(clause, message)
            for unit, clause in figure_clauses(texts)
        )
    if asks_duration(message):
        if ANSWER_ASKED.search(question_form(message)):
            # "il répond en combien de jours ?": a delay of answer, not another length of time ("un
            # questionnaire six mois plus tard")
            joined = "\n".join(
                clause for _, clause in figure_clauses(texts) if ANSWER_ASKED.search(normalize(clause))
            )
        return bool(
            # "sous trois jours", "environ 3 h 30"
            re.search(
                rf"\bd[ée]lai\b.*\d|(?:\d+|\b{NUMBER_WORDS})\s*(?:jours?|semaines?|mois|h|heures?)\b", joined
            )
        )
    clauses = list(figure_clauses(texts))
    plain = question_form(message)
    # "c'est combien le taux de ... ?", "la part minimale de travailleurs handicapés c'est combien ?"
    if asks_percent(message) or counted_noun(message) in SHARE_NOUNS or SHARE_ASKED.search(plain):
        return any(states_percent(clause) and figure_about(unit, clause, message) for unit, clause in clauses)
    if asks_figure:
        noun = counted_noun(message)
        if noun and BOUND_ASKED.search(plain):
            # "à partir de combien de salariés ?": a bound ("les entreprises d'au moins 20 salariés")
            bound = re.compile(rf"\b(?:au moins|plus de|a partir de|des|moins de) \d+ {re.escape(noun[:5])}")
            if any(bound.search(normalize(clause)) for _, clause in clauses):
                return True
            # "à partir de combien d'achats ?": a sum bounds them ("dont les achats annuels dépassent 50
            # millions d'euros")
            if any(
                MONEY_BOUND.search(normalize(clause)) and GIVES_MONEY.search(normalize(clause))
                for _, clause in clauses
                if re.search(rf"\b{re.escape(noun[:5])}", normalize(clause))
            ):
                return True
        done = COUNT_EVENT.search(plain)
        return any(
            # "combien de facilitateurs ont été formés ?" is not answered by how many there are
            (done is None or stem(done.group(1)) in stems(clause))
            and
            # "quels sont les objectifs chiffrés du PNAD pour 2025 ?": a share is a figure too
            (
                states_count(clause, noun)
                or states_share_of(clause, noun)
                or states_amount_of(clause, noun)
                or (
                    noun is None
                    and WEIGHT_ASKED.search(question_form(message))
                    and GIVES_MONEY.search(normalize(clause))
                )
                or (
                    noun is None and not COUNT_ASKED.search(question_form(message)) and states_percent(clause)
                )
            )
            and figure_about(unit, clause, message)
            for unit, clause in clauses
        )
    return None


def shared_words_needed(clause: str, message: str) -> int:
    """Words a sum's sentence must share with a money question: two, or one when the clause gives the
    year asked ("celui de 2023, doté de 5,4 millions d'euros" answers "l'appel de 2023 était doté de
    combien ?")."""
    asked = years_asked(message)
    return 1 if asked and asked & set(YEAR_IN_CLAUSE.findall(clause)) else 2


YEAR_IN_CLAUSE = re.compile(r"\b(?:19|20)\d\d\b")


def states_amount_of(clause: str, noun: Optional[str]) -> bool:
    """ "près de 200 milliards d'euros" gives a number of euros ("ça pèse combien d'euros ?")."""
    if not noun:
        return False
    return bool(
        re.search(rf"\d+ (?:millions?|milliards?) d(?:e |es | )?{re.escape(noun)}\b", normalize(clause))
    )


MONEY_BOUND = re.compile(r"\b(?:depass\w*|au dessus|superieurs? a|excede\w*|plus de)\b")
# A bound asked ("à partir de combien de salariés ?"), not a count.
BOUND_ASKED = re.compile(r"\b(?:a partir de|des|au dela de|plus de|au moins) combien\b")
ANSWER_ASKED = re.compile(r"\brepon\w*")  # "répond", "réponse", "répondent"
# How much something weighs in money ("la commande publique pèse combien ?", "ça représente combien ?").
WEIGHT_ASKED = re.compile(r"\b(?:pese\w*|represente\w*|montant|poids|volume)\b")


SHARE_NOUNS = frozenset("taux pourcentage part proportion".split())
SHARE_ASKED = re.compile(
    r"\b(?:part|proportion|pourcentage)\b"
    r"(?: (?:minimale?|minimum|maximale?|obligatoire|exigee?))? (?:de|des|d)\b"
)
# A count of things something was done to ("combien d'ordinateurs ont été reconditionnés ?", "combien de
# demandes a-t-il traitées ?"): known only from a clause that names that action.
COUNT_EVENT = re.compile(
    r"\b(?:combien|nombre)\b[^?]{0,60}?\b(?:ont|a|avaient|avait) (?:deja |bien |effectivement )?(?:ete )?"
    r"(\w{4,}(?:e|es|ee|ees|is|its|u|us))\b"
)
COUNT_ASKED = re.compile(r"\b(?:combien|nombre)\b")  # "il y en a combien ?" is not answered by a share
# A national statistic of public procurement ("quelle part des contrats notifiés en 2024 ... ?"): the
# national portal, not a regional desk, is where to look.
NATIONAL_STAT = re.compile(
    r"\b(?:part|pourcentage|proportion|taux|combien|nombre)\b.{0,30}\b(?:des |de )?"
    r"(?:contrats|marches) (?:publics |notifies|passes|de la commande publique)"
    # contracts counted ("combien de marchés ont intégré une considération environnementale ?"), not
    # the reserved ones, which the inclusion directory lists
    r"|\b(?:combien|nombre|part|proportion|pourcentage) (?:de |des |d )(?:contrats|marches)\b(?! reserve)"
    # … that some buyers passed, not a threshold asked (« combien de marchés faut-il pour un SPASER ? »)
    r"(?![^?]{0,40}\b(?:faut il|faut-il|doit on|pour etre|avant d|a partir de)\b)"
)
# Suppliers counted: the directory that lists them is where to look.
SUPPLIER_NOUNS = frozenset("esat siae ea prestataires fournisseurs".split())


def unknown_figure_reply(
    topic_id: str, message: str, wanted: Iterable[str], then: Sequence[Reply]
) -> List[Reply]:
    """Says first that the figure is not known, then routes (the usual answer of the topic follows)."""
    if COST in set(wanted):
        first = UNKNOWN_COST
    elif asks_duration(message) and not asks_money(message):
        first = UNKNOWN_DURATION
    else:
        first = UNKNOWN_FIGURE
    national = NATIONAL_STAT.search(question_form(message))
    suppliers = counted_noun(message) in SUPPLIER_NOUNS  # "combien d'ESAT en Loire-Atlantique ?"
    route = (
        PORTAL_ROUTE
        if national
        else ROUTES["ask_marche_inclusion"]
        if suppliers
        else ROUTES.get(topic_id, DEFAULT_ROUTE)
    )
    return [Reply(f"{first} {route}", [{"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}])] + list(then)


def without_sentences(text: str, said: Iterable[str]) -> str:
    """The text without the sentences already said (blank lines left behind removed)."""
    for sentence in said:
        text = text.replace(sentence, "")
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


# Where the exceptions to a legal duty are read: the text itself (no link to one article is in the sources).
EXCEPTIONS_ROUTE = "Le texte officiel, sur Légifrance, fait foi."
# A sentence that mentions exceptions without listing them (« …, sauf dérogations : c'est l'article … »).
EXCEPTIONS_MENTIONED = re.compile(
    r"\bsauf (?:derogations?|exceptions?)\b|\bhors (?:derogations?|exceptions?)\b"
)


def unknown_aspect_reply(
    topic: Topic, sentence: str, follow_up: bool, then: Sequence[Reply], today: Optional[date] = None
) -> List[Reply]:
    """An aspect the knowledge lacks (a creation date, how to join, a threshold): said first, then routed.

    A first question gets the topic's usual answer after it; a follow-up does not get the answer it just
    read again, only where to look (the topic's own addresses, if it has any) and « En savoir plus »."""
    route = ROUTES.get(topic.id, "")
    mention = None
    if sentence == UNKNOWN_EXCEPTIONS:  # the list of exceptions is in the legal text itself
        route = EXCEPTIONS_ROUTE
        # the sentence that only mentions them (« … obligatoire …, sauf dérogations ») says of what
        mention = next(
            (
                unit
                for unit in sentences("\n".join(topic_texts(topic)))
                if EXCEPTIONS_MENTIONED.search(normalize(unit))
            ),
            None,
        )
        if mention:  # said once, with the unknown: not again in the answer after it
            said = {mention, compose([mention], today)}  # as written and with its dates worded
            then = [replace(reply, text=without_sentences(reply.text, said)) for reply in then]
            then = [reply for reply in then if reply.text]
    first = " ".join(part for part in (sentence, mention, route) if part)
    if not follow_up:
        return [Reply(compose([first], today))] + list(then)
    contact = [s for s in focused_sentences(topic_texts(topic), CONTACT) if s not in first][:1]
    more = [{"title": f"En savoir plus : {topic.title}", "payload": f"/{topic.id}"}]
    return [
        Reply(
            compose([first, *contact], today),
            more + button_dicts(topic.buttons),
            sources=source_links(topic.sources),
        )
    ]


# --- definitions -------------------------------------------------------------------------------------------

AGEC_DEFINITION_SOURCES = [
    Source(
        url="https://ahavocats.fr/?p=8416",
        checked=date(2026, 11, 25),
        title="Article 58 de la loi AGEC, texte (AH Avocats)",
    ),
    Source(
        url="https://transitions.landot-avocats.net/2021/03/11/quels-sont-les-taux-minima-de-produits-recycles-"
        "dans-la-commande-publique/",
        checked=date(2026, 11, 25),
        title="Articles 55 et 58 de la loi AGEC et commande publique (Landot avocats)",
    ),
]


LAW_AGEC_TEXT = (
    "La loi AGEC (anti-gaspillage pour une économie circulaire) est la loi n° 2020-105 du 10 février 2020."
)
# Article 55, in force since 1 January 2021 (Landot avocats, in AGEC_DEFINITION_SOURCES)
ARTICLE_55_TEXT = (
    "L'article 55 de la loi AGEC demande à l'État, aux collectivités et à leurs groupements, "
    "{since:2021-01-01} et dès que possible, de réduire dans leurs achats la consommation de plastiques à "
    "usage unique et la production de déchets, et de privilégier les biens issus du réemploi ou intégrant "
    "des matières recyclées, par des clauses et des critères dans leurs cahiers des charges."
)


def agec_definition_reply(
    knowledge: KnowledgeBase, today: Optional[date] = None, article_58: bool = False, article_55: bool = False
) -> Reply:
    """What the AGEC law is (asked as "AGEC, ça veut dire quoi ?"), then what it asks of buyers; asked
    about its article 58, what that article asks comes first."""
    agec = knowledge.agec
    if article_58:
        start = "{since:" + agec.obligation_start.isoformat() + "}, " if agec.obligation_start else ""
        paragraphs = [
            f"L'article 58 de la loi AGEC impose que, chaque année, une part des biens achetés par "
            f"{agec.who_is_bound} soit issue du réemploi ou de la réutilisation, ou intègre des matières "
            f"recyclées : {start}la loi fixe cette part de 20 % à 100 % selon les produits. "
            f"Le {agec.decree}, "
            "applicable {since:" + agec.in_force.isoformat() + "}, "
            f"en fixe les taux pour {len(agec.categories)} catégories de produits.",
            "La loi AGEC est la loi anti-gaspillage pour une économie circulaire : la loi n° 2020-105 du "
            "10 février 2020.",
        ]
    elif article_55:  # "l'article 55 de la loi AGEC, il dit quoi ?": that article first
        paragraphs = [ARTICLE_55_TEXT, LAW_AGEC_TEXT]
    else:
        paragraphs = [
            LAW_AGEC_TEXT,
            "Pour les acheteurs publics, deux articles comptent surtout :\n"
            f"• l'article 58 : chaque année, une part des biens achetés par {agec.who_is_bound} doit être "
            "issue du réemploi ou de la réutilisation, ou intégrer des matières recyclées "
            f"({len(agec.categories)} catégories de produits, {agec.decree}) ;\n"
            "• l'article 55 : moins de plastiques à usage unique et de déchets, et des clauses qui "
            "privilégient les biens réemployés ou recyclés.",
        ]
    buttons = [
        {"title": "Mes achats sont-ils concernés ?", "payload": "/ask_agec"},
        {"title": "Comment déclarer ?", "payload": "/ask_agec_declaration"},
    ]
    return Reply(
        compose(paragraphs, today), buttons, sources=source_links(AGEC_DEFINITION_SOURCES, agec.sources)
    )


# --- public buyers who ask "who can help me?" ---------------------------------------------------------------

PUBLIC_SUPPORT = (
    "vous pouvez vous appuyer gratuitement sur le réseau régional d'achats durables et sur le guichet vert, "
    "le service de conseil environnemental de premier niveau ; pour les clauses sociales, sur le "
    "facilitateur de votre territoire."
)
PUBLIC_SUPPORT_INTRO = f"Comme acheteur public, {PUBLIC_SUPPORT}"
# A SEM or a SPL: the guichet vert serves every structure subject to the code (knowledge/topics.yml).
MIXED_SUPPORT_INTRO = f"Si vos achats relèvent du code de la commande publique, {PUBLIC_SUPPORT}"
STATE_BUYERS = (
    "Acheteurs de l'État et de ses établissements publics : sollicitez d'abord vos référents internes."
)
# A public body that may be the State's (a university) or a local one (a lycée, a CCAS, an OPH).
MAYBE_STATE_BUYERS = (
    "Si votre établissement public relève de l'État, sollicitez d'abord vos référents internes."
)
PUBLIC_SUPPORT_ASK_PLACE = (
    "Dites-moi où vous travaillez (ville, département ou région) : je vous indiquerai votre réseau régional "
    "et votre guichet vert."
)
OWN_FACILITATOR_BUTTON = {"title": "Mon facilitateur clauses sociales", "payload": "/ask_facilitator"}
OWN_DESK_BUTTON = {"title": "Mon guichet vert", "payload": "/ask_guichet_vert"}  # then asks the place
# The button that leads to the buyer's own structure, per topic answered without the place.
OWN_AREA_BUTTONS = {"ask_facilitator": OWN_FACILITATOR_BUTTON, "ask_guichet_vert": OWN_DESK_BUTTON}


def with_own_area_button(reply: Reply, topic: Optional[str]) -> Reply:
    """A national answer given without asking the place (« qui porte le guichet vert ? »): a button still
    leads to the buyer's own desk or facilitator, unless the reply has one to that topic already."""
    button = OWN_AREA_BUTTONS.get(topic or "")
    if button is None or button["payload"] in {one.get("payload") for one in reply.buttons}:
        return reply
    return replace(reply, buttons=[*reply.buttons, button])


PUBLIC_SUPPORT_BUTTONS = [
    {"title": "Le guichet vert", "payload": "/ask_guichet_vert"},
    {"title": "Mon réseau régional", "payload": "/ask_network"},
    OWN_FACILITATOR_BUTTON,
]


def public_support_reply(
    knowledge: KnowledgeBase,
    place: Optional[PlaceLike],
    buyer_type: Optional[str],
    today: Optional[date] = None,
    said_public: bool = False,
    national: bool = False,
    mixed: bool = False,
) -> List[Reply]:
    """A public buyer asking who can help: the regional network and guichet vert, never private support.
    ``said_public``: the buyer said so without naming a body ("je suis acheteur public"); ``national``: the
    national contacts are asked (« qui contacter au niveau national ? »), not the buyer's place; ``mixed``:
    a body that may or may not be bound by the code (a SEM, a SPL), told on which condition."""
    known = buyer_type or said_public
    if mixed:
        intro = [MIXED_SUPPORT_INTRO]
    else:
        intro = [PUBLIC_SUPPORT_INTRO if known else f"Si vous êtes acheteur public, {PUBLIC_SUPPORT}"]
    if buyer_type == "etat":
        intro.append(STATE_BUYERS)
    elif buyer_type == "etablissement_public":
        intro.append(MAYBE_STATE_BUYERS)
    guichet = knowledge.topics.get("ask_guichet_vert")
    sources: List[Source] = list(guichet.sources) if guichet else []
    if place is None:
        national_text = knowledge.networks.national.text
        text = compose(intro + [national_text if national else PUBLIC_SUPPORT_ASK_PLACE], today)
        return [Reply(text, PUBLIC_SUPPORT_BUTTONS, sources=source_links(sources[:1]))]
    networks = knowledge.networks_for_region(place.region_code)
    sentence, links = guichet_vert_sentence(networks, place)
    intro.append(sentence)
    best = unique_sources(*(n.sources for n in networks))[:1] or sources[:1]
    support = Reply(compose(intro, today), links=links, sources=source_links(best))
    if mixed:  # a SEM, a SPL: the condition (« si vos achats relèvent du code … ») before the network
        return [support, network_reply(knowledge, place, today)]
    return [network_reply(knowledge, place, today), support]  # the buyer's own network first


ALREADY_ASKS_WHERE = re.compile(r"\b(?:indiquez|dites)-moi (?:votre|où)\b")


def national_with_offer(reply: Reply, offer: str) -> Reply:
    """A national answer that offers the local one ("dites-moi où vous travaillez..."), unless its own next
    step already asks where ("indiquez-moi votre région")."""
    if ALREADY_ASKS_WHERE.search(reply.text):
        return reply
    return replace(reply, text=f"{reply.text}\n\n{offer}")


# « à partir de quelle année ? », « depuis quand ? » with no subject of its own, right after an answer that
# said since when one obligation applies (« … 50 % des matériels réformés depuis 2025 »): that sentence.
BARE_SINCE_WHEN = re.compile(
    r"^(?:et |mais |ok |donc |alors |du coup )*(?:a partir de (?:quand|quelle annee|quelle date)"
    r"|depuis (?:quand|quelle annee|quelle date)|c est (?:depuis|a partir de) quand"
    # "ça date de quand ?", "c'est de quand ?", "ça a changé quand ?": the same question, in speech
    r"|(?:ca|cela|c) date de quand|de quand (?:ca|cela) date|c est de quand|(?:ca|cela) remonte a quand"
    r"|(?:ca|cela|c) (?:a|est) (?:change|entre en vigueur) quand)"
    r"(?: (?:exactement|precisement|deja|alors|du coup|ca|cela))*$"
)
MAX_LEAD_IN_WORDS = 4
# A year that a rule applies from, not a text's number (« décret n° 2023-266 », « 2022-2025 »).
SINCE_YEAR = re.compile(
    r"\b(?:depuis|a partir d[eu]|des|a compter d[eu])(?: le)?(?: (?:1er|\d{1,2}) \w+)? (?:19|20)\d\d\b(?!-\d)"
)


def since_when_reply(text: str, last_answer: str) -> Optional[Reply]:
    """The one sentence of the answer just given that says since when something applies, when the
    follow-up only asks « since when? »; None otherwise (none, or several such sentences)."""
    if not BARE_SINCE_WHEN.search(question_form(text).strip(" ?!.")):
        return None
    dated = [sentence for sentence in sentences(last_answer) if SINCE_YEAR.search(normalize(sentence))]
    if len(dated) != 1:
        return None
    lead_in, colon, rest = dated[0].partition(" : ")
    if colon and len(lead_in.split()) <= MAX_LEAD_IN_WORDS:  # « À ne pas confondre : une autre … »
        return Reply(rest[:1].upper() + rest[1:])
    return Reply(dated[0])


# The number and date of a regulation (« décret n° 2022-2 du 4 janvier 2022 »): no date something began
# from (a law or an ordinance that creates a thing dates it: « ordonnance n° 2022-1336 du 19 octobre 2022 »).
TEXT_DATE = re.compile(
    r"\b(?:decrets?|arretes?|circulaires?) n° ?\d{2,4} \d+(?: du (?:1er|\d{1,2}) \w+ (?:19|20)\d\d)?"
)
SINCE_ASKED = re.compile(r"\b(?:depuis|a partir de|a compter de) (?:quand|quelle date|quelle annee)\b")
# A follow-up on the thing just answered (« c'est interdit depuis quand ? », « elle existe depuis quand ? »).
PRONOUN_SINCE = re.compile(r"^(?:et |mais |ok |donc )*(?:c est|c etait|ca|cela|il|elle|ils|elles)\b")
YEAR_GIVEN = re.compile(r"\b(?:19|20)\d\d\b")
MAX_SINCE_WORDS = 8
UNKNOWN_START = "Je n'ai pas cette date : mes sources ne disent pas depuis quand cela s'applique."


def unknown_start_reply(text: str, replies: Sequence[Reply], last_answer: str) -> Optional[Reply]:
    """« c'est interdit depuis quand ? » right after an answer, answered by replies that date nothing (the
    ban on single-use plastics, whose start the sources disagree on): the date is said unknown first. None
    when a reply gives a date, already says what is unknown, or the message is no short follow-up asking
    since when."""
    plain = question_form(text).strip(" ?!.")
    if not last_answer or not replies or len(plain.split()) > MAX_SINCE_WORDS:
        return None
    if not (BARE_SINCE_WHEN.search(plain) or (SINCE_ASKED.search(plain) and PRONOUN_SINCE.search(plain))):
        return None
    dated = (YEAR_GIVEN.search(TEXT_DATE.sub(" ", normalize(reply.text))) for reply in replies)
    if any(dated) or any(reply.text.startswith("Je n") for reply in replies):
        return None
    return Reply(UNKNOWN_START)


# « c'est depuis quand l'obligation ? » after an answer saying it is not compulsory: there is none to date.
OBLIGATION_SINCE = re.compile(
    r"\b(?:obligat\w*|impose\w*)\b.*\b(?:depuis|a partir de) quand\b"
    r"|\b(?:depuis|a partir de) quand\b.*\b(?:obligat\w*|impose\w*)\b"
)
NOT_COMPULSORY = re.compile(r"\b(?:n est pas|pas|non|sans) obligatoire\b|\baucune obligation\b")


def no_obligation_reply(text: str, last_answer: str) -> Optional[Reply]:
    """« Ce n'est pas une obligation » with the sentence of the answer just given that says so, when the
    follow-up asks since when the obligation applies; None otherwise."""
    if not OBLIGATION_SINCE.search(question_form(text)):
        return None
    said = [sentence for sentence in sentences(last_answer) if NOT_COMPULSORY.search(normalize(sentence))]
    if not said:
        return None
    return Reply(
        f"Ce n'est pas une obligation, il n'y a donc pas de date : {said[0][:1].lower()}{said[0][1:]}"
    )


# « c'est combien en pourcentage ? », « quel taux ? », « quelle part ? »: the share the answer just gave
# (« part » alone is too common a word: « quelle part » only).
BARE_SHARE_ASKED = re.compile(rf"{any_word(RATE_NOUNS)}|\bquelle part\b|\bcombien de %")
MAX_SHARE_WORDS = 6


def share_of_last_reply(text: str, last_answer: str) -> Optional[Reply]:
    """The one sentence of the answer just given that states a percentage, when a short follow-up only
    asks « what share? » (« c'est combien en pourcentage ? » after the REEN obligation); None otherwise."""
    plain = question_form(text).strip(" ?!.")
    if len(plain.split()) > MAX_SHARE_WORDS or re.search(r"\d", plain) or not BARE_SHARE_ASKED.search(plain):
        return None
    shares = [sentence for sentence in sentences(last_answer) if "%" in sentence]
    if len(shares) != 1 or last_answer.count(CATEGORY_SENTENCE) > 1:
        return None  # several AGEC categories shown: the rate of each one (agec.shown_rates_text)
    lead_in, colon, rest = shares[0].partition(" : ")
    if colon and len(lead_in.split()) <= MAX_LEAD_IN_WORDS and "%" in rest:  # « À ne pas confondre : … »
        return Reply(rest[:1].upper() + rest[1:])
    return Reply(shares[0])


# What a structure's acronym stands for ("ça veut dire quoi ARBE ?", "le sigle 3AR signifie quoi ?").
MEANING_ASKED = re.compile(r"\b(?:veut dire|veulent dire|signifie\w*|sigle|acronyme|signification)\b")
ARTICLE = re.compile(r"^(?:l'|le |la |les )")
EXPANDED = re.compile(r"^(?P<head>[^(]+?) \((?P<inner>[^)]+)\)(?P<tail>.*)$")


def acronym_reply(knowledge: KnowledgeBase, text: str) -> Optional[Reply]:
    """What the name of the regional structure named stands for, from its entry; said unknown when the
    entry gives no expansion or lists its meaning as unverified."""
    if not MEANING_ASKED.search(question_form(text)):
        return None
    network = knowledge.network_named(text)
    if network is None:
        return None
    bare = ARTICLE.sub("", network.short_name)
    expansion = None
    found = EXPANDED.match(network.name)
    if found and " " in found.group("inner") and found.group("head") == bare:
        expansion = found.group("inner")  # "AURA-EE (Auvergne-Rhône-Alpes Énergie Environnement), …"
    elif found and found.group("inner").isupper():
        bare, expansion = found.group("inner"), found.group("head")  # "Maison de l'emploi du Nord (MDEN)"
    elif found and found.group("head") == bare:
        expansion = None  # "RAN COPER (Normandie)": a place, not what the letters stand for
    elif network.name.startswith(f"{bare}, "):
        expansion = network.name[len(bare) + 2 :]  # "ARBE, Agence régionale pour la biodiversité …"
    if any("sigle" in note.lower() for note in network.unverified_notes):
        expansion = None
    sources = source_links(network.sources)
    if not expansion:
        return Reply(
            f"Je ne connais pas la signification exacte du sigle {bare} : mes sources ne la donnent pas.",
            sources=sources,
        )
    first = sentences(network.description)[:1]
    return Reply(compose([f"{bare} : {expansion}.", *first]), sources=sources)
