"""What a question asks about its topic: national facts, a cost, a figure, a contact, a definition...

The intent says which topic a message is about; these pure functions read, in the message's words,
which aspect of the topic the buyer wants (an "aspect"), so that the actions can choose the answer
without one intent per aspect: "combien y a-t-il de facilitateurs ?" and "qui est mon facilitateur ?"
are both ``ask_facilitator``, but only the second depends on where the buyer works.
Messages are compared after ``textnorm.question_form`` (no case, accents, hyphens or apostrophes; chat
spellings such as "cb" or "koi" written out).
"""

from __future__ import annotations

import re
from typing import FrozenSet, Iterable, List, Optional

from places.text import AMBIGUOUS_AREAS, CAPITAL_AREAS
from textnorm import normalize, question_form, said_of_past
from topic_names import (  # noqa: F401 - TOPIC_NAMES re-exported
    NAMED_TOPIC_PATTERNS,
    TOPIC_NAMES,
    without_technical_networks,
)

NATIONAL = "national"  # national facts: how many, who runs them, since when, what they are for
LOCAL = "local"  # the buyer's own contact: "mon réseau", "près de chez moi", "trouver", "contacter"
COST = "cost"  # price, free or not
FIGURE = "figure"  # a number: how many, a budget, an amount
CONTACT = "contact"  # how to reach, address, link, form
JOIN = "join"  # how to join, register, become a member
WHO = "who"  # who may use it
DEFINITION = "definition"  # what it is, what the word means
WHEN = "when"  # a date: since when, until when, from when

_PATTERNS = {
    NATIONAL: [
        r"\bcombien\b",
        r"\bnombre\b",
        r"\bqui (?:les |l |la |le )?(?:anime|animent|coordonne|coordonnent|pilote|pilotent|gere|gerent"
        r"|finance"
        r"|financent|organise|chapeaute|porte|portent|federe)\b",
        r"\b(?:anime|animes|coordonne|coordonnes|pilote|pilotes|portes?|finances?) par\b",
        # who backs or answers for it ("c'est soutenu par l'État ?", "qui est responsable du … ?")
        r"\bsoutenue?s? par\b|\bqui (?:les |l |la |le )?soutien(?:t|nent)\b|\bqui (?:en )?est responsable\b",
        r"\bdepuis quand\b",
        r"\b(?:en |depuis )?quelle annee\b",
        r"\b(?:a|ont) ete (?:cree|crees|creee|creees|lance|lances|lancee|mis en place|mise en place)\b",
        r"\bqui (?:l |les |la |le )?a (?:cree|creee|lance|lancee|mis en place|mise en place|monte|montee)\b",
        r"\btete de reseau\b",
        r"\bdatent?\b",
        r"\bdate de quand\b|\bde quand date\b|\bcree(?:e|s|es)? quand\b",
        r"\bhistori",
        r"\binter ?reseaux?\b",
        r"\bliste\b",
        r"\bpanorama\b",
        r"\bcarte\b",
        r"\btous les\b",
        r"\btoutes les\b",
        # every region ("un réseau dans chacune des 18 régions, vrai ?", "dans chaque département ?")
        r"\bchacune? des\b|\bchaque (?:region|departement)\b|\b\d+ (?:regions|departements)\b",
        r"\ben france\b",
        r"\bnationa(?:l|le|ux|les)\b",
        r"\bcgdd\b",
        r"\balliance villes? emploi\b",
        r"\bave\b",
        r"\bappels? a projets?\b",
        r"\bstructures? porteuses?\b",
        r"\bquelles? structures?\b",
        r"\br(?:o|ô)le\b",
        r"\ba quoi (?:ca )?ser(?:t|vent|virait)\b",
        r"\bca sert a quoi\b",
        r"\binteret\b",
        r"\bavantages?\b",
        r"\bpourquoi\b",
        r"\bca fait quoi\b",
        r"\bque fait\b",
        r"\bque font\b",
        r"\bfont quoi\b",
        r"\bc est quoi\b",
        r"\bqu est ce\b",
        r"\bdefinition\b",
        r"\bcouvr(?:e|ent)\b.*\b(?:tout|toute|ensemble|territoire)\b",
        r"\bobjectifs?\b",
        r"\bcoordinat(?:eur|eurs|ion)\b",
        r"\bqui sont\b",
        r"\bpnad\b",
        r"\bplan national\b",
        r"\baction \d+\b",
        r"\bdepend(?:ent)? de\b",
        r"\bde qui\b",
        r"\brattaches?\b",
        r"\bqui (?:les )?emploie\b",
        r"\bfinances?\b",
    ],
    LOCAL: [
        r"\bmon (?:reseau|facilitateur|guichet|territoire|secteur|bassin|departement|coin)\b",
        r"\bma (?:region|ville|commune|zone)\b",
        r"\bnotre (?:region|territoire|departement|secteur|ville)\b",
        r"\bchez (?:moi|nous)\b",
        r"\bdans (?:le|mon) coin\b",
        r"\bpres de\b",
        r"\ble plus proche\b",
        r"\blocal(?:ement)?\b",
        r"\btrouver\b",
        r"\bcontacter\b",
        r"\bjoindre\b",
        r"\bcoordonnees\b",
        r"\bqui (?:est|contacter)\b",
        r"\bou (?:trouver|est)\b",
        r"\bquel (?:reseau|facilitateur)\b",
        r"\brejoindre\b",
        r"\badherer\b",
        r"\bm (?:aider|accompagner|aide|accompagne|orienter|conseiller)\b",
        r"\bnous (?:aider|accompagner|aide|accompagne|orienter|conseiller)\b",
        r"\bpour (?:moi|nous)\b",
        r"\bannuaire\b",
        r"\bje cherche\b",
        r"\bbesoin d (?:un|une)\b",
        r"\bqui contacter\b",
        r"\ba qui (?:m|nous) adresser\b",
        r"\bvers qui\b",
        r"\bcoordonnees\b",
    ],
    COST: [
        # not the concepts "coût du cycle de vie", "coût global", "coût complet"
        r"\bcou(?:te|tent|ter|terait|t)\b(?! (?:du cycle|global|complet|d usage|de possession))",
        # not the award criterion ("le seul critère du prix", "le prix le plus bas", "prix et qualité")
        r"(?<!critere du )(?<!critere de )(?<!critere )\bprix\b"
        r"(?! (?:le plus bas|seul|comme (?:seul|unique)|et (?:la )?qualite))"
        # "le prix peut-il encore être le seul critère ?", "garder le prix comme critère unique ?"
        r"(?!(?: \w+){0,5} (?:le )?(?:seul|unique) critere)(?!(?: \w+){0,4} critere)",
        r"\btarifs?\b",
        r"\bpayan(?:te?s?)?\b",  # "c payan ?"
        r"\bgratuite?s?\b",
        r"\bgratos\b",
        r"\bcotisations?\b",
        r"\bfrais\b",
        r"\bcher\b",
        r"\babonnement\b",
        r"\bfaut il payer\b",
        r"\bpayer\b",
        r"\brevien(?:t|nent) a combien\b",
        r"\bcombien (?:ca |cela )?(?:revient|coute)\b",
        r"\bfactur\w* combien\b|\bcombien (?:est |c est )?factur\w*",  # "c'est facturé combien ?"
        r"\bfactur\w*\b.{0,50}\bet combien\b",  # "il facture ses services, et combien ?"
    ],
    FIGURE: [
        r"(?<!\bn° )(?<!\bn )(?<!\bnumero )\bcombien\b",  # not "la loi n° combien ?": which law
        r"\bnombre d",
        r"\b(?:le|leur) nombre (?:total|exact|global)\b",  # "juste le nombre total en France"
        r"\bbudgets?\b",
        r"\bmontants?\b",
        r"\bchiffres?\b",
        r"\bstatistiques?\b",
        r"\bstats\b",
        r"\beffectifs?\b",
        r"\benveloppe\b",
        r"\bquelle somme\b",
        r"\bpourcentage\b",
        r"\b(?:quels?|combien de) ?%",  # "quel % des marchés ?"
        r"\bquelle (?:part|proportion)\b",
        r"\bquel (?:taux|volume)\b",
        r"\btaux de\b",
        # a bare facet after a product or a plan: "taux ?", "et les pourcentages ?"
        r"^(?:et |ok |alors )?(?:les |le |ses |leurs? )?(?:taux|pourcentages?)(?: \?)?$",
    ],
    CONTACT: [
        r"\bjoindre\b",
        r"\bjoint\b",
        r"\bcontact(?:er|e)?\b",
        r"\bcoordonnees\b",
        r"\badresse\b",
        r"\btelephone\b",
        r"\btel\b",
        r"\be? ?mail\b",
        r"\bcourriel\b",
        r"\bsite\b",
        # a link to a page, not the link between two things (« label et RE2020, c'est quoi le lien ? »)
        r"(?<!quoi le )(?<!quel est le )(?<!quel )\bliens?\b(?! (?:entre|avec)\b)"
        r"|\bliens? (?:du|de|vers|pour)\b",
        r"\burl\b",
        r"\bformulaire\b",
        r"\bsaisi(?:r|t|ssent|ssez|ssons)?\b",
        # "leur écrire", not "écrire le cahier des charges" (drafting it)
        r"\becrire\b(?! (?:le|la|les|un|une|des|nos|mes|notre|mon|ma|leur|leurs) \w)",
        r"\bappeler\b",
        r"\bou (?:le|la|les) trouver\b",
        r"\bcomment (?:on )?(?:le|la|les) trouve\b",
        r"\bsolliciter\b",
    ],
    JOIN: [
        r"\binscri(?:re|s|t|ts|ption|vent)?\b",  # "je m'inscris où ?", "jme inscri"
        r"\brejoin(?:dre|t|s|ds)\b",
        r"\badh(?:ere|eres|erer|erez|erons|esion|erent)\b",
        r"\bmembres?\b",
        # an account, not « tenir compte de », « prendre en compte », « ça compte comme »
        r"(?<!\btenir )(?<!\btient )(?<!\btiennent )(?<!\ben )(?<!\bca )"
        r"\bcompte\b(?! (?:de|du|des|d|comme)\b)",
        r"\bacceder\b",
        r"\bacces\b",
        r"\bentrer\b",
    ],
    WHO: [
        r"\bqui peut\b",
        r"\bqui peuvent\b",
        r"\bpour qui\b",
        # "ouvert aux associations ?", not "il a ouvert à quelle date ?"
        r"\bouverte?s? (?:a|aux|au)\b(?! (?:quelle|quel|partir|compter|la date|quand)\b)",
        r"\breservee?s? (?:a|aux|au)\b",
        r"\beligibles?\b",
        r"\baccessibles?\b",
        r"\ba qui\b",
        r"\bles prives\b",
        r"\bles entreprises peuvent\b",
        r"\by ont acces\b",
        # "ça s'applique aussi aux communes ?", "c'est valable pour les hôpitaux ?"
        # (not to contracts: "elle s'applique aux marchés à partir de quand ?" asks when)
        r"\bs appliqu\w* (?:aussi |egalement |meme )?(?:aux|a la|a l|au|pour)\b"
        r"(?! (?:les )?(?:marches|contrats|consultations|concessions|achats)\b)",
        r"\b(?:valable|vaut) (?:aussi |egalement |meme )?pour\b",
        r"\bqui a le droit\b",
        r"\bconcerne qui\b",
        r"\bs adresse a\b",
        r"\b(?:entreprises?|associations?|prives?|hopitaux|collectivites?|communes?|etablissements?|pme|tpe)"
        # within one clause: "Commune de Blois : le guichet vert peut-il relire …" introduces the buyer
        r"\b[^:.;!?]{0,40}\b"
        r"(?:peu(?:t|vent|x)|(?:ont|a) (?:le )?droit|(?:ont|a) acces|eligibles?|concernee?s?)\b",
        # "on est une SPL, ça marche pour nous ?", "on peut quand même l'utiliser ?", "on y a droit ?"
        r"\b(?:ca|cela) (?:marche|fonctionne|vaut|convient) (?:aussi |quand meme |egalement |bien )?"
        r"pour (?:moi|nous|une?|les|des)\b",
        r"\b(?:on|je|nous) (?:peut|peux|pouvons|pourrait|pourrions) (?:quand meme |aussi |egalement |bien )?"
        r"(?:l |y |le |la )?(?:utiliser|recourir|avoir recours|y avoir droit)\b",
        r"\b(?:on|j|nous) y (?:a|ai|avons) (?:aussi |quand meme |bien )?droit\b",
        # "on a droit au guichet vert ?", "avons-nous droit à RAPIDD ?"
        r"\b(?:on a|j ai|nous avons|avons nous|a t on|ai je) (?:aussi |quand meme |bien )?"
        r"droit (?:a|au|aux)\b",
        # "le guichet vert c'est pour moi ?", "ouvert pour nous ?", "ok pour une asso ?"
        r"\bc est (?:aussi |bien )?pour (?:moi|nous)\b",
        # "guichet vert : c'est pour les entreprises aussi ?", "c'est pour une asso aussi ?"
        r"\bc est (?:aussi |bien |seulement |uniquement |que )?pour (?:les |des |une? |la )?"
        r"(?:entreprises?|societes?|associations?|assos?|prives?|pme|tpe|hopitaux|communes?|collectivites?)\b",
        r"\b(?:ouverte?s?|ok|possible) pour (?:moi|nous|une?|les|des)\b",
        # "il peut aider une entreprise ?", "ils travaillent aussi avec les associations ?"
        r"\bpeu(?:t|vent) (?:aider|accompagner|conseiller|servir) (?:une?|les|des|mon|ma|notre|nos) "
        r"(?:entreprises?|associations?|assos?|pme|tpe|societes?|prives?|fondations?|mutuelles?|structures?)\b",
        r"\b(?:aussi|egalement) (?:avec|pour|aux) (?:les |des )?(?:entreprises|associations|prives"
        r"|acheteurs? prives?|pme|structures privees)\b",
        r"\bou (?:seulement|uniquement) (?:avec |pour |aux )?(?:le |les )?"
        r"(?:public|publics|acheteurs publics)\b",
    ],
    WHEN: [
        r"\bquand\b",
        r"\bquelle date\b",
        r"\ben quelle annee\b",
        r"\b(?:a partir|depuis) (?:de )?(?:quelle annee|quel mois)\b",  # "à partir de quelle année ?"
        r"\bdate de (?:debut|fin)\b",
    ],
    DEFINITION: [
        r"\bc est quoi\b",
        r"\bc quoi\b",
        r"\bcest quoi\b",
        # not "qu'est-ce qu'on risque ?", "qu'est-ce que je dois faire ?": what to do, not what a thing is
        r"\bqu est ce qu(?:e|i)?\b(?! (?:on|il|ils|elle|elles|je|j|nous|vous)\b)",
        r"\bke[sz]a(?:k|c|qu)o\b",
        r"\bentend(?: on)? par\b",
        r"\bveut dire\b",
        r"\bveulent dire\b",
        r"\bsignifi",
        r"\bdefini",
        r"\bdesigne\b",
        r"\bacronyme\b",
        r"\bsigle\b",
        r"\bca correspond a quoi\b",
        r"\brecouvre quoi\b|\bque recouvre\b|\bca recouvre\b|\benglobe quoi\b",
        r"\ben quoi (?:ca |il |elle |cela )?consiste\b|\bconsiste en quoi\b",
        r"\bde quoi s agit\b",
        r"\bde quoi (?:parle t on|on parle|ca parle|il s agit)\b",
        r"\bc est (?:pareil|la meme chose)\b",
        r"\bexpliqu",
        r"\bdifferences? (?:entre|avec)\b",
        r"\ben (?:deux|quelques|trois) mots\b",
        r"\ben bref\b",
        r"\bresume\b",
        r"\bparle(?:z)? moi de\b",
        r"\bpresente(?:z)? moi\b",
        r"= ?\?",
    ],
}
_COMPILED = {aspect: [re.compile(pattern) for pattern in patterns] for aspect, patterns in _PATTERNS.items()}
# "What is it?" in so many words: the short answer of a topic says what it is, no detail leads it.
WHAT_IS_IT = re.compile(
    # not « c'est quoi le pourcentage … ? », « c'est quoi le seuil ? »: a figure asked, not a definition
    r"\bc(?:est| est)? quoi\b(?! (?:le|la|l|les) (?:pourcentages?|taux|seuils?|montants?|parts?|dates?"
    r"|delais?|chiffres?|nombres?|minimums?|quotas?|proportions?)\b)"
    r"|\bqu est ce que c est\b|\bqu est ce qu (?:un|une|le|la|l)\b"
    r"|\b(?:ca|que) veut dire\b|\bsignifi|\bdefinition\b|\bde quoi s agit\b|\bke[sz]a(?:k|c|qu)o\b"
    r"|\bentend(?: on)? par\b|\ben quoi (?:ca |il |elle |cela )?consiste\b|\bconsiste en quoi\b"
    r"|\bqu appelle t on\b"
    # "marché réservé = ?"
    r"|= ?(?:\?|quoi\b)"
    r"|\bque recouvre\b|\brecouvre quoi\b|\benglobe quoi\b"
    r"|\ba quoi correspond\b|\bcorrespond a quoi\b|\bque designe\b|\bdesigne quoi\b"
    # "expliquez-moi ce qu'est la loi Climat", "le guichet vert en deux mots ?"
    r"|\bce qu est (?:le|la|les|l|un|une)\b|\bce que (?:veut dire|signifie)\b|\ben (?:deux|quelques) mots\W*$"
    # "qu'est-ce que le PNAD ?", not "qu'est-ce que la loi impose ?": a noun phrase, then the end
    r"|\bqu est ce que (?:le|la|les|l|un|une|des) (?!(?:\w+ ){0,4}(?:impose|imposent|prevoit|dit|change"
    r"|faut|doit|doivent|demande|exige|oblige|obligent|apporte|fait|font|peut|peuvent|permet|coute|risque"
    r"|risquent|propose|proposent|finance|financent|veut|veulent|offre|offrent|contient|couvre|couvrent"
    r"|attend|attendent|pense|pensent|prefere|conseille|recommande|donne|donnent|fournit|exigent)\b)"
    r"(?:\w+ ){0,4}\w+\W*$"
)


def asks_what_it_is(text: str) -> bool:
    return bool(WHAT_IS_IT.search(question_form(text)))


# A guide, an official document to read ("vous avez un guide sur les clauses sociales ?").
ASKS_GUIDE = re.compile(
    r"\bguides?\b|\bdocuments? (?:officiels? |de reference )|\bvade ?mecum\b|\bdocumentation\b"
    r"|\breferentiels?\b|\bfiches? pratiques?\b|\bque (?:dois je|faut il) lire\b"
)


def asks_for_guide(text: str) -> bool:
    return bool(ASKS_GUIDE.search(question_form(text)))


# Departments and regions named like common words ("le Cher", "du Lot", "la Manche"), capitalised after an
# article or "en": a place, never the word ("cher" = expensive, "un lot" of a contract).
AREA_NAMED_LIKE_A_WORD = re.compile(
    r"\b((?i:(?:dans |pour |de )?(?:le|la|du|des|en|l'|l’)) ?)("
    + "|".join(sorted((re.escape(name.title()) for name in AMBIGUOUS_AREAS | CAPITAL_AREAS), key=len)[::-1])
    + r")\b"
)


def without_area_names(text: str) -> str:
    """``text`` with the departments and regions named like common words replaced by "lieu"."""
    return AREA_NAMED_LIKE_A_WORD.sub(r"\1lieu", text)


def aspects(text: str) -> FrozenSet[str]:
    """The aspects a message asks about (possibly none: then the whole topic is the answer)."""
    plain = question_form(without_area_names(text))
    return frozenset(
        aspect for aspect, patterns in _COMPILED.items() if any(p.search(plain) for p in patterns)
    )


# "le pays" is the country, not "le Pays de la Loire", "le pays basque" (a region, an area).
NOT_A_PAYS = r"(?! (?:de |d |des |du |basque|catalan))"
STRONG_NATIONAL = re.compile(
    r"\bnationa(?:l|le|ux|les)\b|\ben france\b|\bdu pays\b"
    + NOT_A_PAYS
    + r"|\bcombien\b|\bnombre\b|\bave\b|\balliance villes"
    r"|\bcgdd\b|\bappels? a projets?\b|\bpnad\b|\binter ?reseaux?\b|\btout le territoire\b|\bpartout\b"
    r"|\btoutes les regions\b|\bchacune des (?:\d+ )?regions\b|\bchaque region\b"
)


def is_national(text: str) -> bool:
    """A question on national facts (how many, who runs them...): no cue for the buyer's own contact,
    or a cue for the national scope that outweighs it ("un annuaire national des facilitateurs ?")."""
    found = aspects(text)
    if NATIONAL not in found:
        return False
    return LOCAL not in found or bool(STRONG_NATIONAL.search(question_form(text)))


def wants_own_contact(text: str) -> bool:
    return LOCAL in aspects(text)


# --- figures -------------------------------------------------------------------------------------------

NUMBER_WORDS = frozenset(
    "deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente cent cents mille "
    "centaine centaines dizaine dizaines millier milliers million millions".split()
)
SKIPPED_BEFORE_NOUN = frozenset(
    "nouveaux nouvelles nouveau nouvelle grands grandes petits petites autres differents differentes "
    "de d des les".split()
)
COUNTED = re.compile(r"\b(?:combien|nombre) (?:de |d )?(?:(?:\w+) ){0,2}?(\w{3,})")
PERCENT = re.compile(
    r"\bpourcentage\b|\bquelle (?:part|proportion)\b|\bquel taux\b|\btaux de\b|\b(?:quels?|combien de) ?%"
)
MONEY = re.compile(
    r"\b(?:budgets?|montants?|enveloppe|quelle somme|financements?|subventions?|salaires?)\b"
    # a pay, a turnover, an extra cost ("ils sont payés combien ?", "le surcoût moyen du biosourcé ?")
    r"|\bremunerations?\b|\bpayee?s? combien\b|\bcombien (?:sont|est) (?:ils |elles |il |elle )?payee?s?\b"
    r"|\bchiffres? d affaires\b|\bsurcouts?\b"
    # "doté de combien d'argent ?", "combien de millions ?"
    r"|\bcombien d (?:argent|euros)\b|\bcombien de (?:millions|milliards)\b"
    # "c'était combien de sous ?": money, in speech (not « combien de sous-critères »)
    r"|\bcombien de (?:sous|fric|thunes?|pognon)\b"
    r"(?! (?:criteres?|traitants?|lots?|categories?|familles?|parties?))"
    r"|\bdotee?s? de combien\b|\bdotations?\b"
)
DURATION = re.compile(
    r"\bcombien de temps\b|\bdelais?\b|\bduree\b"
    r"|\b(?:en|sous|dans) combien de (?:jours|semaines|mois)\b"  # "il répond sous combien de jours ?"
    # "financé pour combien de mois ?"
    r"|\b(?:pour|sur|pendant|durant) combien de (?:jours|semaines|mois|ans|annees)\b"
)


NOT_COUNTED = frozenset("coute coutent couter cout ca cela temps faut est sont fait font vaut".split())
FILLER_AFTER_COMBIEN = frozenset("y a t il ils elle elles on en existe existent compte comptent".split())
# Where or when the count applies, not what is counted ("combien en France, des réseaux ?").
SCOPE_AFTER_COMBIEN = frozenset(
    "france pays total tout toute territoire actuellement aujourd hui maintenant environ peu pres "
    "approximativement grosso modo sur dans niveau national nationale echelle ensemble stp svp".split()
)


def counted_noun(text: str) -> Optional[str]:
    """The noun of "combien de X" / "nombre de X" ("combien de nouveaux postes" -> "postes")."""
    plain = question_form(text)
    match = re.search(r"\b(?:combien|nombre)\b(.*)", plain)
    if not match:
        return None
    words = re.findall(r"[a-z]+", match.group(1))
    for word in words[:7]:
        if word in NOT_COUNTED:
            return None
        if (
            word in SKIPPED_BEFORE_NOUN
            or word in FILLER_AFTER_COMBIEN
            or word in SCOPE_AFTER_COMBIEN
            or len(word) < 3
        ):
            continue
        return word
    return None


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word.rstrip("sx")


def _numbers_before(words: List[str], index: int, span: int = 4) -> bool:
    """A number shortly before the noun, not a share (« 16 % des marchés ») nor a year that does not count
    it (« celui de 2022 cofinançait les postes »)."""
    window = words[max(0, index - span) : index]
    return any(
        (w.isdigit() or w in NUMBER_WORDS)
        and "%" not in window[place + 1 : place + 2]
        and not (YEAR.fullmatch(w) and place < len(window) - 1)
        for place, w in enumerate(window)
    )


YEAR = re.compile(r"(?:19|20)\d\d")


# "combien de personnes ?" is answered by a count of the people a topic is about.
PEOPLE = frozenset({"personnes", "gens", "professionnels"})
COUNTED_PEOPLE = frozenset({"facilitateurs", "coordinateurs", "personnes"})
# "combien de fournisseurs inclusifs ?" is answered by a count of the structures a directory lists.
ORGANISATIONS = frozenset({"structures", "entreprises", "fournisseurs", "prestataires", "organismes"})


def _same_noun(word: str, noun: str) -> bool:
    if noun in PEOPLE and word in COUNTED_PEOPLE:
        return True
    if noun in ORGANISATIONS and word in ORGANISATIONS:
        return True
    return _stem(word) == _stem(noun)


def states_count(fact_text: str, noun: Optional[str]) -> bool:
    """Whether ``fact_text`` gives a number of ``noun`` ("plus de 500 facilitateurs", "22 actions").

    Without a noun ("ils sont combien ?"), any number followed by a plural noun counts.
    """
    plain = normalize(fact_text).replace(" 000", "000").replace("equivalent temps plein", "etp")
    # an article's number counts nothing (« L. 5213-13 du code du travail » is no 13 workers)
    plain = CODE_ARTICLE.sub(" ", plain)
    return any(_sentence_counts(sentence, noun) for sentence in re.split(r"[.!?;\n]|:\s", plain))


CODE_ARTICLE = re.compile(r"\b[lrd]\. ?\d+(?:[ -]\d+)*")


def _counts_another(words: List[str], index: int, span: int = 4) -> bool:
    """The number before the noun counts another noun it is "of" ("23 catégories de produits" does not
    count products), unlike "une centaine d'entreprises"."""
    start = max(0, index - span)
    numbers = [i for i in range(start, index) if words[i].isdigit() or words[i] in NUMBER_WORDS]
    between = words[numbers[-1] + 1 : index] if numbers else []
    return any(
        word in ("de", "d", "des") and position and not between[position - 1].isdigit()
        for position, word in enumerate(between)
    )


def _qualifies(words: List[str], index: int) -> bool:
    """The number and its noun describe another noun ("les entreprises d'au moins 20 salariés", "une
    commune de 5000 habitants"): they do not count anything."""
    before = words[max(0, index - 5) : index]
    text = " ".join(before)
    found = re.search(r"\b([a-z]{4,}) (?:d|de) (?:au moins |plus de |moins de )?\d+$", text)
    return bool(found) and found.group(1) not in ("plus", "moins", "environ", "pres")


def _sentence_counts(sentence: str, noun: Optional[str]) -> bool:
    """`states_count` within one sentence: a number never counts the noun of the next sentence, nor a
    share (« 16 % des marchés » is no number of contracts)."""
    words = re.findall(r"[a-z0-9]+|%", sentence)
    for index, word in enumerate(words):
        if noun is None:
            if word.endswith(("s", "x")) and len(word) > 3 and index and words[index - 1].isdigit():
                return True
            continue
        if (
            _same_noun(word, noun)
            and _numbers_before(words, index)
            and not _counts_another(words, index)
            and not _qualifies(words, index)
        ):
            return True
        if (
            _same_noun(word, noun)
            and index
            and words[index - 1] in ("un", "une")
            and "par" in words[index + 1 : index + 4]
        ):
            return True  # "un coordinateur par région"
    return False


# A price stated: free or paying, or an amount in euros said of a price, a fee or a cost ("la cotisation est
# de 50 euros"), not any amount ("les acheteurs dont les achats dépassent 50 millions d'euros").
PRICE_WORDS = r"(?:cout\w*|prix|tarif\w*|cotisation\w*|adhesion|factur\w*|pay\w*|frais)"
STATES_COST = re.compile(
    r"\bgratuite?s?\b|\bpayante?s?\b"
    rf"|\b{PRICE_WORDS}\b.{{0,60}}(?:€|\beuros?\b)|(?:€|\beuros?\b).{{0,40}}\b{PRICE_WORDS}\b"
)


def states_cost(fact_text: str) -> bool:
    return bool(STATES_COST.search(normalize(fact_text).replace("€", " € ")))


def asks_percent(text: str) -> bool:
    return bool(PERCENT.search(question_form(text)))


def states_percent(fact_text: str) -> bool:
    return "%" in fact_text


SHARE_SENTENCE = re.compile(r"\d\s*%.*\b(?:proportion|part)\b|\b(?:proportion|part)\b.*\d\s*%")


def states_share_of(fact_text: str, noun: Optional[str]) -> bool:
    """A share answers "combien de travailleurs handicapés ?": one sentence gives a proportion in % of
    what is counted ("au moins 50 % ... la part de travailleurs handicapés")."""
    if noun is None:
        return False
    for sentence in re.split(r"(?<=[.;])\s", normalize(fact_text)):
        words = re.findall(r"[a-z0-9]+", sentence)
        if SHARE_SENTENCE.search(sentence) and any(_same_noun(word, noun) for word in words):
            return True
    return False


# The people a buyer may ask the name of ("le nom du conseiller", "c'est qui le contact ?").
PERSON_ROLES = (
    r"(?:contacts?|conseill\w*|agents?|animat\w*|coordinat\w*|correspondante?s?|interlocut\w*|referente?s?"
    r"|responsables?|charge(?:e|es|s)? de mission|directeur|directrice|presidente?"
    r"|personnes? qui (?:repond\w*|trait\w*|ger\w*|s occupe\w*|suit|suivent))\b"
)
# A website asked ("l'adresse du site internet de Rés'Occ ?"), known when a text gives a domain.
SITE_ASKED = re.compile(
    r"\bsite (?:internet|web|officiel)\b|\badresse (?:du|de son|de leur) site\b|\burl\b"
    r"|(?<!quoi )(?<!quel est )\b(?:le|un|son|leur) lien\b(?! (?:entre|avec)\b)"  # "la carte ? le lien"
    r"|\b(?:le|un|son|leur) lien (?:du|de|vers)\b"
)
SITE_GIVEN = re.compile(r"https?://|\bwww\.|\b[a-z0-9-]+\.(?:fr|org|com|eu|info)\b")
# Details the knowledge base never holds: phone numbers, e-mail addresses, people's names, next events.
UNKNOWN_DETAILS = [
    (
        re.compile(
            # "il répond par écrit ou par téléphone ?": a channel, not a number asked
            # « qui appeler pour les clauses sociales ? »: whom to turn to, not a number asked
            r"(?<!\bpar )\btel(?:ephone)?\b"
            r"|^(?!.*\bqui (?:\w+ ){0,2}appeler\b|.*\bappeler qui\b).*?\bappeler\b"
            r"|\bnum\b(?! de departement)"
            # "loi climat et résilience numéro ?", "l'ancien décret, c'était quel numéro ?": a text's number,
            # not a phone number
            r"|^(?!.*\b(?:lois?|decrets?|arretes?)\b).*?\bnumero(?: de tel\w*)?\b(?! de departement| vert\b"
            r"| (?:et (?:la )?date )?(?:de|du|d) (?:la |l )?(?:loi|decret|arrete|article|texte))"
        ),
        re.compile(r"\b0\d(?:[ .]?\d\d){4}\b"),
        "Je n'ai pas de numéro de téléphone à vous donner : les structures se contactent par leur site ou "
        "leur formulaire en ligne.",
    ),
    (
        # « et leur mail ? », « un mél ? »: an e-mail address, said « mail » alone too
        # (not « on envoie un mail ? », « par mail » : a channel, not an address asked)
        re.compile(
            r"\be ?mail\b|\bcourriel\b|\badresse (?:mail|electronique)\b"
            r"|\b(?:leur|leurs|son|ses|votre|vos|ton|tes|quel|le) (?:mails?|mel)\b"
            r"|^(?:et )?(?:le |un )?(?:mail|mel)\W*$"
        ),
        re.compile(r"@"),
        "Je n'ai pas d'adresse électronique à vous donner : passez par le site ou le formulaire de la "
        "structure.",
    ),
    (
        re.compile(
            r"\bqui est (?:le|la) (?:directeur|directrice|responsable|president|presidente|chef|chargee?"
            r"|referente?)\b"
            r"|\bnom (?:du|de la|de l|des) (?:directeur|directrice|responsable|contact|interlocut\w*"
            r"|personne\w*)"
            r"|\bune personne a contacter\b"
            r"|\b(?:qui est|c est qui|c qui|cest qui)\b(?: \w+){0,3} (?:ministres?|secretaire d etat)\b"
            r"|\bnom du (?:ministre|secretaire d etat)\b|\bministres?\b.{0,40}\b(?:c est qui|s appelle)\b"
            r"|\bqui (?:le |la |les |l )?(?:dirige|preside)\b|\b(?:dirige|preside)e? par qui\b"
            r"|\b(?:c est qui|c qui|cest qui|qui sont) (?:le|la|les) (?:directeur|directrice|responsable"
            r"|president|presidente|chef|chargee?|referente?|interlocut\w*)s?\b"
            r"|\bvous (?:avez|auriez) (?:un|des|son|leur) noms?\b"
            # "qui est la personne en charge de ... ?", "j'aimerais avoir un nom"
            # ("le nom du réseau de ma région" asks which network, not a person)
            r"|\bqui est (?:la|une) personne\b"
            r"|\b(?:avoir|donner|connaitre) (?:un|son|leur|le) nom\b(?! (?:du|de la|de l|des|d) )"
            r"|\ble nom (?:et|ou) (?:le )?(?:tel\w*|numero|mail|e mail|contact)\b"
            r"|\bnoms? (?:de|d) (?:contact|interlocut\w*|referente?s?|responsable)\b"  # "un nom de contact ?"
            # "le nom du conseiller qui traite ...", "c'est qui le contact ?", "il s'appelle comment ?"
            r"|\bnom (?:du|de la|de l|des) "
            + PERSON_ROLES
            + r"|\b(?:c est qui|c qui|cest qui|qui est|qui sont) (?:le|la|les|l|mon|notre|son|leur) "
            + PERSON_ROLES
            + r"|\b"
            + PERSON_ROLES
            + r"\b.{0,60}\bs appellen?t? comment\b"
            r"|\bcomment s appellen?t? (?:le|la|les|l) "
            + PERSON_ROLES
            + r"|\bun nom (?:svp|stp|s il vous plait|merci)\b|\bun nom$"
            # "qui anime le réseau APuRe, son nom ?": the person who does it, not the structure
            r"|\bqui (?:anime|administre|gere|coordonne|pilote|s occupe)\b.*\b(?:son|leur) nom\W*$"
        ),
        None,
        "Je n'ai pas le nom des personnes : je ne garde pas les noms des agents, qui changent souvent.",
    ),
    (
        # recordings of past events ("les webinaires sont-ils disponibles en replay ?")
        re.compile(r"\breplays?\b|\brediffusions?\b|\ben differe\b|\brevoir (?:les|le) webinaires?\b"),
        None,
        "Je n'ai pas cette information : les replays et enregistrements ne figurent pas dans mes sources.",
    ),
    (
        # who the members are ("la liste des membres de RESECO ?", "quelles communes sont adhérentes ?")
        re.compile(
            r"\b(?:liste|noms?) des (?:membres|adherents|collectivites (?:membres|adherentes)"
            r"|structures membres)\b|\bqui (?:sont|en sont) (?:les )?(?:membres|adherents)\b"
            r"|\bquelles? (?:communes|collectivites|villes|structures) (?:sont|en sont)"
            r" (?:membres|adherentes)\b"
            # "la liste des communes adhérentes ?", "quels hôpitaux sont membres ?", "quelles entreprises font
            # partie du club ?", "la liste des entreprises labellisées ?"
            r"|\bliste des (?:\w+ ){0,2}(?:adherente?s|membres|labellisee?s|certifiee?s|inscrite?s)\b"
            r"|\bquel(?:le)?s? (?:\w+ ){1,2}(?:sont|en sont) (?:membres|adherente?s|labellisee?s)\b"
            r"|\bquel(?:le)?s? (?:\w+ ){1,2}(?:font|en font) partie (?:du|de la|de l|des)\b"
        ),
        None,
        "Je n'ai pas la liste de leurs membres : elle ne figure pas dans mes sources.",
    ),
    (
        # how many buyers did something, or which share of them ("combien de départements ont publié leur
        # SPASER ?", "la part des collectivités qui ont un SPASER ?"): never counted in the sources
        re.compile(
            r"\b(?:combien|nombre|part|pourcentage|proportion|taux)\b(?: \w+){0,3} (?:de |des |d )?"
            r"(?:collectivites|departements|communes|regions|acheteurs|villes|metropoles|hopitaux"
            r"|intercommunalites|epci|ministeres)\b(?: \w+){0,8} (?:ont|ont deja|avaient|disposent|possedent"
            r"|adoptee?s?|publiee?s?|mis en place|mettent en place|appliquent|respectent|atteignent)\b"
            # not how many regions have a network or a guichet vert: a fact of the knowledge
            r"(?! (?:deja )?(?:un|une|des|leur|leurs|son|sa) (?:reseaux?|guichets?|facilitat\w*|coordinat\w*"
            r"|structures?|delegations?)\b)"
        ),
        None,
        "Je n'ai pas ce chiffre : il ne figure pas dans mes sources.",
    ),
    (
        # what the document of one buyer says ("le SPASER de la région Occitanie fixe quels objectifs ?")
        re.compile(
            r"\b(?:spaser|schema|strategie|charte|plan) (?:de|du|d) (?:la |l |le )?"
            r"(?:region|departement|ville|metropole|commune|conseil|agglo\w*|communaute|collectivite|chu|hopital)\b"
            r"(?: \w+){0,8} (?:fixe|fixent|prevoit|prevoient|contient|contiennent|vise|visent|comporte)\b"
        ),
        None,
        "Je n'ai pas le contenu des documents adoptés par chaque acheteur : il ne figure pas dans mes "
        "sources.",
    ),
    (
        re.compile(
            r"\badresse (?:postale|physique|du siege)\b|\bsiege social\b|\benvoyer un courrier\b"
            r"|\bpar courrier\b"
            # where an office is ("sa délégation en Bretagne, son adresse ?", "elle est où exactement ?")
            r"|\b(?:delegations?|antennes?|bureaux|locaux)\b.{0,60}\badresse\b"
            r"(?! (?:mail|e mail|electronique))"
            # "cette agence, elle est où ?" (an office), not "ils sont où, les facilitateurs ?" (whom to
            # contact) nor "elle est ou non obligatoire ?"
            r"|(?=.*\b(?:agences?|delegations?|antennes?|bureaux?|locaux|sieges?)\b)"
            r".*\b(?:elle|il|ils|elles) (?:est|sont|se trouvent?) ou\b(?! (?:non|pas)\b)"
            r"|\bou (?:sont|se trouvent) (?:leurs|ses) (?:locaux|bureaux)\b"
        ),
        re.compile(r"\b\d{5} [A-Z]"),
        "Je n'ai pas d'adresse postale à vous donner : passez par le site de la structure.",
    ),
    (
        re.compile(
            r"\bqui (?:les |le |la |l |en )?(?:financ|pai|pay)\w*|\b(?:financ|pay)\w* par qui\b"
            r"|\bfinancements?\b|\bsubventionn\w*"
        ),
        # "cofinançait les postes", "un appel à projets doté de 5,4 millions d'euros": funding given
        re.compile(r"\b(?:co)?financ\w*|\bsubvention\w*|\bdotee? de\b"),
        "Je n'ai pas cette information : le financement ne figure pas dans mes sources.",
    ),
    (
        re.compile(
            r"\b(?:propos|organis|anim)\w* (?:des |de |d |un |une )?(?:formations?|ateliers?|webinaires?"
            r"|evenements?|rencontres?|journees?)\b"
            r"|\b(?:formations?|ateliers?|webinaires?) (?:proposes?|organises?)\b"
            r"|\by a (?:t il )?des (?:formations?|ateliers?|webinaires?)\b"
            # "RESECO envoie une newsletter ?"
            r"|\b(?:envoi\w*|publi\w*|diffus\w*) (?:une |des |un |sa |leur )?"
            r"(?:newsletters?|lettres? d info\w*)\b"
        ),
        re.compile(r"\bformations?\b|\bateliers?\b|\bwebinaires?\b|\bevenements?\b|\bjournees?\b"),
        "Je n'ai pas le détail de leur programme (formations, ateliers, rencontres) : leur site le présente.",
    ),
    (
        re.compile(
            r"\bprochaine?s? (?:webinaires?|reunions?|evenements?|sessions?|rencontres?|formations?|dates?"
            r"|appels?|tables? rondes?|conferences?|colloques?|assemblees?|plenieres?|editions?|journees?"
            r"|assises|salons?|matinales?|ateliers?|visites?)\b"
            # "y aura-t-il un nouvel appel à projets ?"
            r"|\b(?:nouvel|nouveaux|nouvelle|nouvelles) (?:appels?|webinaires?|sessions?|editions?)\b"
            r".{0,60}\b(?:quand|quelle date|y aura|aura t il|prevue?s?)\b"
            r"|\b(?:y aura t il|aura t il|va t il y avoir) (?:un |une |des )?"
            r"(?:nouvel|nouvelle|nouveaux|autre)"
        ),
        None,
        "Je n'ai pas cette information : les dates et horaires à venir ne figurent pas dans mes sources.",
    ),
    (
        re.compile(
            # not « le volume horaire d'insertion » (hours of work in a contract)
            r"(?<!\bvolume )(?<!\bvolumes )\bhoraires?\b(?! d insertion)|\ba quelles? heures?\b"
            r"|\b(?:jours?|heures?) d ouverture\b"
            r"|\bquels jours\b.{0,30}\bouverte?s?\b|\bouverte?s? quels jours\b"
            # "il est ouvert quand ?" (hours), not "il a ouvert quand ?" (a date)
            r"|\b(?:est|sont|c est) (?:il |elle |ils |elles )?ouverte?s? quand\b"
            r"|\bouverte?s? (?:le |les )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|week end"
            r"|soir|matin|midi|apres midi|ete|vacances)s?\b"
        ),
        None,
        "Je n'ai pas leurs horaires : ils ne figurent pas dans mes sources. Passez par le site ou le "
        "formulaire en ligne de la structure.",
    ),
    (
        # the outcome of a plan or a policy ("l'objectif de 100 % a-t-il été atteint ?")
        re.compile(
            r"\bquel (?:est le )?bilan\b|\bbilan (?:du|de la|de l|de ce|de cette) (?:pnad|plan|politique|loi"
            r"|dispositif|obligation|objectif)|\bobjectifs?\b.{0,60}\batteints?\b"
            r"|\ba t (?:il|elle) ete atteinte?\b"
            r"|\bresultats? (?:reels?|obtenus?|atteints?|chiffres?)\b|\bpourcentage reel\b|\btaux reel\b"
        ),
        re.compile(r"\bbilan\b|\batteint"),
        "Je n'ai pas de bilan chiffré : les résultats atteints ne figurent pas dans mes sources.",
    ),
    (
        # the plan that follows the PNAD 2022-2025
        re.compile(
            r"\b(?:prochain|nouveau|futur|suivant) (?:plan|pnad)\b|\b(?:plan|pnad) (?:suivant|successeur)\b"
            r"|\bqui (?:lui )?(?:succede|succedera|suivra|remplacera)\b|\bapres le pnad\b"
        ),
        None,
        "Je n'ai pas cette information : aucun plan qui succède au PNAD 2022-2025 ne figure dans mes "
        "sources.",
    ),
    (
        # a comparison or a ranking ("quelle région a le plus de facilitateurs ?", "le réseau le plus actif
        # ?", "un classement des régions ?", "l'Occitanie fait mieux que la Nouvelle-Aquitaine ?")
        re.compile(
            r"\bclassements? (?:des |de |entre )(?:les )?(?:regions|reseaux|departements|villes|structures)\b"
            r"|\bpalmares\b"
            r"|\b(?:region|reseau|departement|ville|collectivite|guichet|facilitateur)s? (?:\w+ )?"
            r"(?:le |la |les )?(?:plus|moins) (?:actif|actifs|active|actives|dynamiques?|avancee?s?"
            r"|performante?s?|engagee?s?|en avance|en retard)\b"
            r"|\bquel(?:le)?s? (?:region|reseau|departement|ville|collectivite|guichet)s? (?:\w+ ){0,3}"
            r"(?:le plus|le moins|la plus|la moins) (?!proche)"
            r"|\b(?:fait|font|achete|achetent|marche|marchent)(?: \w+){0,2} (?:mieux|moins bien"
            r"|(?:plus|moins) (?:durable|responsable|vert|engage)\w*) que\b"
            r"|\bcompar\w* (?:les |des )?(?:regions|reseaux|departements|villes)\b"
        ),
        None,
        "Je n'ai pas de comparaison entre régions ou structures : aucun classement ne figure dans mes "
        "sources.",
    ),
    (
        # a figure of one buyer or one city ("la part des achats durables de la ville de Marseille ?",
        # "Strasbourg : quel pourcentage de ses marchés ... ?")
        re.compile(
            r"\b(?:part|pourcentage|proportion|taux|budget)\b(?! (?:de |d )?(?:notre|nos|mon|ma|mes)\b)"
            r"(?: \w+){0,8} (?:de la |du |de l )?"
            r"(?:ville|metropole|commune|mairie|agglomeration|agglo) (?:de|d)\b"
            r"|\b(?:part|pourcentage|proportion) (?:de |des )?(?:ses|leurs) (?:marches|achats|contrats)\b"
            r"(?!(?: \w+){0,4} (?:doit|doivent|devra|devront)\b)"
        ),
        None,
        "Je n'ai pas de chiffres pour un acheteur ou une ville en particulier : ils ne figurent pas dans mes "
        "sources.",
    ),
    (SITE_ASKED, SITE_GIVEN, "Je n'ai pas l'adresse de son site : elle ne figure pas dans mes sources."),
    (
        # a cap ("un nombre maximum de questions par an ?", "un plafond ?")
        re.compile(
            r"\b(?:nombre|montant|duree) (?:maximum|maximal|max|limite)\b|\bplafon\w*"
            r"|\bcombien de (?:questions|demandes) (?:au )?max\w*"
        ),
        re.compile(r"\bmaxim\w*|\bau plus\b|\bplafon\w*|\blimite\w*"),
        "Je n'ai pas cette information : aucune limite de ce genre ne figure dans mes sources.",
    ),
]


def unknown_detail(text: str, fact_texts: Iterable[str]) -> Optional[str]:
    """What to say first when the message asks a detail that the knowledge texts do not give."""
    plain = question_form(text)
    joined = "\n".join(fact_texts)
    for asked, given, sentence in UNKNOWN_DETAILS:
        if asked.search(plain) and not (given and (given.search(joined) or given.search(normalize(joined)))):
            return sentence
    return None


def asks_money(text: str) -> bool:
    return bool(MONEY.search(question_form(text)))


def asks_duration(text: str) -> bool:
    return bool(DURATION.search(question_form(text)))


# --- topics named in so many words ---------------------------------------------------------------------


def named_topics(text: str) -> List[str]:
    """The topics a message names in so many words (a service, a law, a plan), most specific first."""
    # « notre réseau de chaleur » names no network of buyers, « vu sur les réseaux sociaux » no platform
    plain = without_technical_networks(question_form(text))
    found: List[str] = []
    for pattern, intent in NAMED_TOPIC_PATTERNS:
        if pattern.search(plain) and intent not in found:
            if intent == "ask_agec" and "ask_agec_declaration" in found:
                continue
            if intent == "ask_biosourced" and "ask_biosourced_label" in found:
                continue
            found.append(intent)
    return found


ELLIPTICAL = re.compile(
    r"^(?:et|mais|ok|d accord|alors|du coup|donc)\b|\b(?:ca|cela|eux|lui|leur|y|il|elle|ils|elles)\b"
    r"|\b(?:le|la|les|l|en) (?:\w+(?:er|ir|re|ent|e|t|s)|peu\w*)\b(?! (?:de|du|des|d)\b)"
    r"|\b(?:l|les|en) (?:a|ont|avez|avait|est)\b"
)
# Who or which body a thing is done by, asked ("par qui", "par quelle structure"): one fragment for the
# rules that read it.
WHOM_ASKED = r"(?:qui|quel\w* \w+)"
# A pronoun that stands for the topic just answered: "qui l'a mis en place ?", "elle anime quoi ?".
PRONOUN_BACK = re.compile(
    r"\b(?:il|elle|ils|elles|ca|cela|lui|eux|leurs?|y)\b|\b(?:l|les|en) (?:a|ont|avez|avait|est)\b"
    r"|\b(?:dedans|dessus|la dedans|la dessus)\b"  # "faut quel % de travailleurs handicapés dedans ?"
    # "c'est animé par qui ?", "c'est porté par quelle structure ?": the thing just answered
    rf"|^(?:et )?c est \w+ (?:par|pour) {WHOM_ASKED}\b"
    r"|\ben \w+(?:er|ir|dre|ire|tre)\b"  # "je peux en exiger un précis ?": "en" for what was just named
    r"|\b(?:les|l) \w+(?:e|ent)\b"
    r"|\bl une? des deux\b|\bles deux\b|\bl une? ou l autre\b"  # "je peux exiger l'un des deux ?"
)
IMPERSONAL = re.compile(r"\b(?:il )?y (?:a|aurait|avait)(?: t il)?\b|\bqu il\b|\bil (?:faut|existe)\b")
# "et laquelle concerne les réseaux ?": which one of what was just answered.
WHICH_ONE = re.compile(r"^(?:et |mais |ok |alors |du coup )?(?:laquelle|lequel|lesquelles|lesquels)\b")


# A pronoun for the topic just answered, as subject or object ("qui le pilote ?", "ces structures").
TOPIC_PRONOUN = re.compile(
    r"^(?:et |mais )?(?:il|elle|ils|elles|ca|cela)\b|\b(?:qui|comment|quand|ou|pourquoi) (?:le|la|les|l) \w+"
)
MAX_SHORT_WORDS = 12
MAX_ELLIPTICAL_WORDS = 16
# What makes a longer question still refer to the topic just answered ("dans ces structures").
LONG_REFERENCE = re.compile(r"\b(?:ces|cette) \w+|^(?:et )?(?:il|ils|elle|elles) ")


def is_elliptical(text: str) -> bool:
    """A short question that refers to the topic just answered ("et qui peut s'y inscrire ?", "qui le
    pilote ?", "il faut quelle proportion de travailleurs handicapés dans ces structures ?")."""
    plain = question_form(text)
    words = plain.split()
    found = aspects(text)
    wanted = found - {NATIONAL, LOCAL}
    if not words or len(words) > MAX_ELLIPTICAL_WORDS:
        return False
    if len(words) > MAX_SHORT_WORDS and not LONG_REFERENCE.search(plain):
        return False  # a longer question names its own subject ("le budget du projet de la nouvelle école")
    if NATIONAL in found and (
        (len(words) <= 6 and TOPIC_PRONOUN.search(plain)) or (not wanted and ELLIPTICAL.search(plain))
    ):
        return True  # "qui le pilote ?", "elle date de quand ?"
    if not wanted:
        return False
    # "?" is no word here: "à partir de quelle année ?" has five
    return len(re.findall(r"[a-z0-9]+", plain)) <= 5 or bool(ELLIPTICAL.search(plain))


def refers_back(text: str, max_words: int = 7) -> bool:
    """A short message whose subject is a pronoun for the topic just answered, or "et laquelle...?"."""
    plain = question_form(text)
    if WHICH_ONE.search(plain):
        return True
    personal = IMPERSONAL.sub(" ", plain)  # "il y a" is no reference to anything
    return len(re.findall(r"[a-z0-9]+", personal)) <= max_words and bool(PRONOUN_BACK.search(personal))


WHO_HELPS = re.compile(
    r"\b(?:vers qui|a qui (?:demander|m adresser|nous adresser|s adresser|poser)|qui (?:peut|pourrait|pourra)"
    r" (?:m|me|nous) (?:aider|accompagner|conseiller|orienter|repondre|epauler|former|guider|renseigner"
    r"|soutenir|appuyer)|qui contacter"
    r"|qui peut (?:m|nous) repondre|besoin d (?:aide|un coup de (?:main|pouce)|accompagnement)"
    # "quel réseau peut m'aider ?", "quelle structure pourrait nous accompagner ?"
    r"|quel(?:le)?s? (?:\w+ ){1,2}(?:peut|peuvent|pourrait|pourraient) (?:m|me|nous) (?:aider|accompagner"
    r"|conseiller|orienter|epauler|guider|renseigner)"
    # "pour les clauses sociales, qui nous accompagne ?"
    r"|qui (?:m|me|nous) (?:aide|aident|accompagne|accompagnent|conseille|conseillent|oriente|orientent)\b"
    r"|(?:un|d un) coup de (?:main|pouce)|ki (?:contacter|peut (?:m|nous) aider)"
    r"|par ou (?:commencer|debuter|demarrer)"
    # "qui je peux solliciter pour m'aider ?", "qui on doit contacter ?", "qui solliciter ?"
    r"|qui (?:je|j|on|nous) (?:peux|peut|pouvons|pourrais|pourrait|pourrions|dois|doit|devons|devrais)"
    r" (?:solliciter|contacter|appeler|joindre|interroger|consulter)"
    r"|qui (?:solliciter|appeler|joindre)\b"
    # "quel accompagnement pour une clause sociale ?", "il y a quelqu'un chez nous ?"
    r"|quels? (?:accompagnements?|appuis?|interlocuteurs?)|(?:il y a|y a t il|ya|y a) quelqu un"
    # "commune de l'Hérault, un contact pour du biosourcé ?"
    r"|(?:un|une|des|quel|quels) (?:contacts?|interlocuteurs?|referents?) (?:pour|sur|en matiere de)"
    r"|(?:cherch|recherch|souhait|voudr|aimer)\w* (?:de l |un |d un |une |d une |du )?"
    r"(?:accompagnement|appui|soutien|aide exterieure|conseil|conseiller|interlocuteur)s?"
    # "qui aide les acheteurs publics à verdir leurs achats ?"
    r"|qui (?:aide|aident|accompagne|accompagnent|conseille|conseillent|soutient|soutiennent|peut aider)"
    r" (?:les |des |nos )?(?:acheteu\w*|collectivites?|entreprises?|communes?|mairies?|pme|structures?"
    r"|organismes?|services? achats?))\b"
)


def asks_who_helps(text: str) -> bool:
    return bool(WHO_HELPS.search(question_form(text)))


# A vague request for a first step or for help, with no topic of its own ("par où commencer ?", "je fais
# quoi ?", "des conseils ?", "vous pouvez m'aider ?", "un avis, c'est possible ?"): for a buyer who said
# who or where they are, the answer is the support that fits them (their regional network and guichet
# vert, or the private-sector support), not a menu.
WHERE_TO_START = re.compile(
    r"\bpar (?:ou|quoi) (?:je |on |dois je |faut il )?(?:commence\w*|debut\w*|demarr\w*)"
    r"|\b(?:je|j|on) (?:fais|fait|doi[st]|peux|peut) (?:faire )?quoi\b"
    r"|\bque (?:dois je|faut il|puis je) faire\b"
    r"|\bcomment (?:on |je |nous )?(?:commence\w*|debut\w*|demarr\w*|s y prend\w*|m y prend\w*|s y mettre)\b"
    r"|\b(?:des|quelques|vos|un|une|de) (?:conseils?|pistes?|idees|avis|orientations?|recommandations?)\b"
    r"|\bconseils? (?:pour|svp|stp)\b|\bconseille(?:z)? moi\b"
    # "vous pouvez m'aider ?", not "et nous aider à écrire le cahier des charges ?" (help with something)
    r"|\b(?:m|nous) aider\b(?! a \w+(?:er|ir|re)\b)"
    r"|\b(?:y a t il|existe t il|il existe|il y a|y a|ya) (?:un |une |de l |des |du )?"
    r"(?:accompagnement|appui|soutien|aide|dispositif)s?\b"
    r"|\bje (?:suis|me sens) (?:un peu )?(?:perdue?|seule?)\b|\bpour (?:demarrer|debuter|commencer)\b"
    r"|\b(?:on|je|nous) (?:commence|commencons|debute|debutons|demarre|demarrons)"
    r" (?:comment|par quoi|par ou)\b"
    r"|\b(?:etre|se faire|nous faire|me faire) (?:accompagn|aid|conseill|epaul|orient)\w*"
    r"|\bm aide\b(?! a \w+(?:er|ir|re)\b)"
    r"|\b(?:on|je) (?:s|m) y prend\w* comment\b|\bpar quel bout\b"
    r"|\b(?:vous )?(?:me|nous) conseill\w* quoi\b|\bque (?:me|nous) conseill\w*"
    r"|\bpremi\w* (?:etapes?|pas|demarches?)\b"
    r"|\b(?:on|je|nous) (?:debute|debutons|demarre|demarrons)\b(?! (?:un|une|le|la|les|des|l|d|notre|nos)\b)"
)


def asks_where_to_start(text: str) -> bool:
    return bool(WHERE_TO_START.search(question_form(text)))


# --- public or private buyer, in words that are not a buyer type -------------------------------------------

PUBLIC_WORDS = re.compile(
    r"\b(?:acheteu(?:r|se|rs|ses) publi(?:c|que|cs|ques)|secteur public|fonction publique|personne publique"
    r"|pouvoir adjudicateur|administration|acteur public|organisme public)\b"
)
PRIVATE_WORDS = re.compile(
    r"\b(?:acheteu(?:r|se|rs|ses) prive(?:e|s|es)?|secteur prive|le prive|dans le prive"
    r"|pas soumis au (?:ccp|code)|ne (?:suis|sommes) pas soumis|droit prive"
    r"|(?:association|structure|organisme|societe|entreprise|boite|fondation|groupe) privee?s?|ong)\b"
)


def says_public(text: str) -> bool:
    plain = question_form(text)
    if all(said_of_past(plain[: match.start()], match.group()) for match in PUBLIC_WORDS.finditer(plain)):
        return False  # none, or only in the buyer's past ("ancien acheteur public, je suis en PME")
    return bool(PUBLIC_WORDS.search(plain)) and not re.search(
        r"\bpas (?:un |une )?(?:acheteu|administration)", plain
    )


NEGATED_BEFORE = re.compile(r"\b(?:pas|ni|non|jamais|plutot que)(?: (?:du|de|d|un|une|dans|le|la|l))*\s*$")


def says_private(text: str) -> bool:
    """Private buyer words that are not negated ("société privée", but not "pas une entreprise privée")."""
    plain = question_form(text)
    return any(
        not (
            NEGATED_BEFORE.search(plain[: match.start()])
            or said_of_past(plain[: match.start()], match.group())
        )
        for match in PRIVATE_WORDS.finditer(plain)
    )


# A side of a purchase a message turns to or wishes to add: "et pour l'insertion ?", "et côté
# environnement ?"; the topic of that side.
FACET_TOPICS = (
    (
        re.compile(r"\b(?:insertion|volet social|aspect social|clauses? sociales?|(?:cote|le|du) social)\b"),
        "ask_social_clause",
    ),
    (
        re.compile(r"\b(?:environnement|environnementa(?:l|le|les|ux)|ecologi(?:e|que|ques))\b"),
        "ask_environmental_considerations",
    ),
    # hiring or keeping disabled workers, the Agefiph's subject ("et pour embaucher des handicapés ?")
    (
        re.compile(r"\b(?:embauch|recrut|emploi|garder|maintien|maintenir)\w*\b.{0,40}\bhandicap\w*"),
        "ask_agefiph",
    ),
)
# A wish stated without a question mark ("on veut mettre de l'insertion dans notre marché").
WISH = re.compile(
    r"\b(?:on|nous) (?:veut|voudrait|souhaite|souhaiterait|aimerait|doit|cherche a|pense a|envisage de)"
    r"|\b(?:nous voulons|nous souhaitons|je veux|je voudrais|je souhaite|j aimerais|je dois|je cherche a)\b"
)


def wished_topic(text: str) -> Optional[str]:
    """The topic of a wish stated in a message that gives context first ("je suis acheteur dans un
    hôpital, on veut mettre de l'insertion dans notre marché"): the topic named, else the side named."""
    plain = question_form(text)
    if not WISH.search(plain):
        return None
    named = named_topics(text)
    if named:
        return named[0]
    return next((topic for pattern, topic in FACET_TOPICS if pattern.search(plain)), None)


FACET_FOLLOW_UP = re.compile(
    r"^(?:(?:ok|d accord|merci|alors|bon) )?et (?:pour|sur|niveau|cote|concernant|question) "
)
MAX_FACET_WORDS = 10


def facet_topic(text: str) -> Optional[str]:
    """The topic of the side of the purchase a short "et pour …" follow-up turns to, if any."""
    plain = question_form(text)
    if len(plain.split()) > MAX_FACET_WORDS or not FACET_FOLLOW_UP.search(plain):
        return None
    return next((topic for pattern, topic in FACET_TOPICS if pattern.search(plain)), None)
