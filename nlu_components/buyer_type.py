"""Buyer types by rule, after DIET: public bodies named in the message, negations read the right way.

DIET tags buyer types it has seen in the training data; it misses public bodies named in other words
("au service marchés de l'agglomération", "on est un CHU") and it cannot read negations: in "société
privée, pas une mairie" or "je ne suis pas une collectivité", it tags the mairie and the collectivité
as the buyer type. This component, placed after ``EntitySynonymMapper``:

- removes every ``buyer_type`` entity whose mention is negated ("pas une mairie", "ni l'État",
  "je ne suis pas une collectivité", "plutôt que pour une commune");
- adds a ``buyer_type`` entity for each non-negated mention of its lexicon that no entity covers yet
  (a mairie, a conseil départemental, a hospital, a ministry, a university... is a public buyer);
- maps a DIET value that is a surface form ("hôpitaux") to its buyer type.

The lexicon is written by hand (the words a buyer uses for the body they work for); names of services
that contain such a word ("Les entreprises s'engagent", "Conseillers-Entreprises", "Place des
Entreprises", "Maison de l'emploi") are not buyer types. Pure rules: no training, a few microseconds.
Referenced in config.yml as ``nlu_components.buyer_type.BuyerTypeRules``.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from buyer_lexicon import BUYER_TYPES, LEXICON, MIXED_TYPES, PRIVATE_TYPES, PUBLIC_TYPES  # noqa: F401
from nlu_components.base import RuleComponent
from textnorm import normalize, said_of_past

ENTITY = "buyer_type"

# Where a lexicon word is part of a service's name, not the buyer's body.
NOT_A_BUYER = (
    "les entreprises s engagent",
    "entreprises s engagent",
    "conseillers entreprises",
    "conseiller entreprises",
    "place des entreprises",
    "maison de l emploi",
    "maisons de l emploi",
    "ville emploi",
    "villes emploi",
    "conseil national des achats",
    "reseau des collectivites",
    "entreprise adaptee",
    "entreprises adaptees",
    "entreprise d insertion",
    "entreprises d insertion",
    "association intermediaire",
    "associations intermediaires",
    "association d insertion",
    "associations d insertion",
    "association nationale",
    "entreprise de travail temporaire",
    "entreprise titulaire",
    "entreprises titulaires",
    "entreprise candidate",
    "entreprises candidates",
    "l etat des lieux",
    "en l etat",
    # PMI: a département's protection maternelle et infantile, not a small industry, after an article.
    "la pmi",
    "de pmi",
    "centre pmi",
    "centres pmi",
)
# A mention of a place word after these is where, not who ("dans ma commune", "sur la région").
AREA_WORDS = frozenset("dans sur pres autour proche chaque toute toutes tout tous".split())
# "Entreprise" or "société" is the user's own body only after one of these ("je suis une entreprise",
# "notre société"); elsewhere it is often the supplier ("réserver le marché à une entreprise").
IDENTITY_CUES = frozenset(
    "je j on nous notre mon ma suis sommes travaille travaillons bosse tant dirige gere represente"
    " acheteur acheteuse acheteurs acheteuses salarie salariee employe employee"
    " occupe occupons gestionnaire responsable directeur directrice tresorier tresoriere".split()
)
# Private bodies that are also common suppliers or partners ("réserver à une association"): the buyer's
# own body only after an identity cue, within this many words, and not right after a supplier cue.
IDENTITY_WINDOW = 6

# Between a negation and the mention, only these words (normalised) may stand.
NEGATION_SKIP = frozenset(
    """
    pour dans a au aux une un le la les l d de du des en chez ni non plus vraiment du tout tout
    seulement d une d un travaille travaillons bosse bosser suis sommes est sont etre representer
    represente fais fait partie acheteur acheteuse achete achetons
    """.split()
)
NEGATIONS = frozenset({"pas", "ni", "plutot que", "au lieu d", "non pas", "et non", "jamais"})
WORD = re.compile(r"\w+", re.UNICODE)
CLAUSE_BREAK = re.compile(r"[.;:!?,\n]|\bmais\b")


def _tokens(text: str) -> List[Tuple[str, int, int]]:
    """Normalised words of ``text`` with their character offsets in the original text.

    ``normalize`` keeps one character per character except ligatures and combining accents, so the
    offsets are found word by word on the original text.
    """
    return [(normalize(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def _is_negated(text: str, tokens: List[Tuple[str, int, int]], index: int) -> bool:
    """A negation before token ``index`` with only skip words in between, in the same clause."""
    k = index - 1
    while k >= 0:
        word, _, end = tokens[k]
        gap = text[end : tokens[k + 1][1]]
        if CLAUSE_BREAK.search(gap):
            return False
        if word in ("pas", "ni", "jamais"):
            return True
        if word == "non" and k + 1 < len(tokens):
            return True  # "et non une mairie", "non pas une mairie"
        if word in ("que", "lieu") and k >= 1 and tokens[k - 1][0] in ("plutot", "au"):
            return True  # "plutôt que", "au lieu d'"
        if word not in NEGATION_SKIP:
            return False
        k -= 1
    return False


# Company legal forms: the buyer's own body unless a supplier is meant ("réserver à une SCOP").
LEGAL_FORMS = frozenset("scop scic sarl sas sasu eurl cooperative".split())
SUPPLIER_CUES = frozenset("a aux avec par entre aupres".split())
# A private body the buyer deals with, not the buyer's own ("choisir une mutuelle pour nos agents",
# "notre commune subventionne une association", "on travaille pour les associations").
DEALT_WITH_CUES = SUPPLIER_CUES | frozenset(
    "pour choisir choisit choisissons choisi souscrire souscrit subventionne subventionnons subventionner "
    "finance financons financer soutient soutenons aide aidons partenaire partenaires".split()
)


POSSESSIVES = (["mon"], ["ma"], ["notre"])


# Words that may open a message before the buyer names their body ("Bonjour, association ... à Arras").
OPENING_WORDS = frozenset("bonjour bonsoir salut hello allo madame monsieur oui alors voila donc".split())


def _opens_message(norms: List[str], index: int) -> bool:
    """The mention opens the message: the buyer introduces their own body ("Asso loi 1901 à Arras, ...")."""
    return all(word in OPENING_WORDS for word in norms[:index])


def _corrects_negation(norms: List[str], index: int) -> bool:
    """ "pas une mairie mais une entreprise": the body after « mais » corrects a negated one."""
    before = norms[max(0, index - 8) : index]
    after_but = before[-1:] == ["mais"] or (before[-2:-1] == ["mais"] and before[-1:] in (["un"], ["une"]))
    return after_but and any(word in ("pas", "ni", "non") for word in before)


# A private body named by its status ("clinique privée", "EHPAD associatif", "ESPIC"): the buyer's own
# body unless a supplier or partner is meant.
STATUS_WORDS = ("prive", "associatif", "associative", "espic", "clinique")
# "je travaille pour une association", "c'est pour l'association dont je suis trésorière": the buyer's body.
WORK_FOR = frozenset(
    "travaille travaillons bosse bosser achete achetons achats achat est suis sommes".split()
)
SINGULAR = frozenset("une l la notre mon ma cette".split())
# "une SPL détenue par des communes": the owners, not the buyer.
OWNED_BY = frozenset(
    "detenu detenue detenus detenues controle controlee controles controlees possede possedee".split()
)


def _works_for(norms: List[str], index: int) -> bool:
    """ "je travaille pour une association": a work verb, « pour », a singular article, the body."""
    before = norms[max(0, index - 3) : index]
    return len(before) == 3 and before[0] in WORK_FOR and before[1] == "pour" and before[2] in SINGULAR


# « auprès d'entreprises privées », « chez des PME », « avec des associations »: who the buyer buys from
# or works with, when only articles stand between.
FROM_CUES = frozenset("aupres chez avec".split())
ARTICLES = frozenset("d de des du les la l le un une".split())


def _bought_from(norms: List[str], index: int) -> bool:
    k = index - 1
    while k >= 0 and norms[k] in ARTICLES:
        k -= 1
    return k >= 0 and k < index and norms[k] in FROM_CUES


# An article before « SEM » / « SPL »: the company, never « dans 2 sem » (weeks).
MIXED_DETERMINERS = frozenset("les une des la nos notre ma cette aux".split())
TIME_PREPOSITIONS = frozenset("sous dans en pendant par chaque d apres avant depuis".split())


def _plausible(form: str, norms: List[str], index: int) -> bool:
    """Whether the mention at ``index`` names the buyer's body (not a place, not a supplier)."""
    before = norms[max(0, index - 4) : index]
    if OWNED_BY.intersection(before[-3:]) and "par" in before[-3:]:
        return False
    if LEXICON[form] in PRIVATE_TYPES and _works_for(norms, index):
        return True
    if LEXICON[form] == "organisme_prive" and any(w.startswith(STATUS_WORDS) for w in form.split()):
        return not DEALT_WITH_CUES.intersection(before[-3:])
    if LEXICON[form] in PRIVATE_TYPES and (_opens_message(norms, index) or _corrects_negation(norms, index)):
        return True
    if form in LEGAL_FORMS:
        return not SUPPLIER_CUES.intersection(before[-2:])
    if LEXICON[form] in PRIVATE_TYPES and _bought_from(norms, index):
        return False  # "on achète auprès d'entreprises privées": the suppliers, not the buyer
    if LEXICON[form] == "entreprise":
        private = any(word.startswith("prive") for word in form.split())  # "boîte privée"
        return private or bool(IDENTITY_CUES.intersection(before + form.split()))  # "notre boîte"
    if LEXICON[form] in MIXED_TYPES and len(form.split()) == 1:  # "une SPL", not "dans 2 sem"
        window = norms[max(0, index - IDENTITY_WINDOW) : index]
        determined = (  # "les SEM sont soumises … ?", not "sous une sem" (a week)
            bool(index)
            and norms[index - 1] in MIXED_DETERMINERS
            and (index < 2 or norms[index - 2] not in TIME_PREPOSITIONS)
        )
        return _opens_message(norms, index) or determined or bool(IDENTITY_CUES.intersection(window))
    if LEXICON[form] == "organisme_prive":  # "responsable des achats d'une association", not "à une ONG"
        window = norms[max(0, index - IDENTITY_WINDOW) : index]
        return bool(IDENTITY_CUES.intersection(window)) and not DEALT_WITH_CUES.intersection(before[-3:])
    if form in ("departement", "region"):  # "Département des Landes : ...", "nous sommes la région"
        named = _opens_message(norms, index) or bool(IDENTITY_CUES.intersection(before[-3:]))
        # not "je travaille dans la région", nor "le facilitateur de mon département" (where, not who)
        return named and not AREA_WORDS.intersection(before[-2:]) and before[-1:] not in POSSESSIVES
    if form.split()[0] in ("commune", "communes", "ville", "region", "departement", "metropole", "agglo"):
        return not AREA_WORDS.intersection(before[-2:])
    return True


# The body the buyer works FOR as a supplier ("sous-traitante de la mairie", "prestataire du
# département"): not the buyer's own body, read as a negated mention. Not « titulaire » (a tenured agent)
# nor « pour le compte de la commune » (buying for it).
CLIENT_CUES = frozenset(
    "traitant traitante traitants traitantes prestataire prestataires fournisseur fournisseurs".split()
)
CLIENT_LINKS = frozenset("de du des d la l les".split())


# « une PME qui vend du mobilier aux mairies », « je voudrais vendre mes meubles à la mairie »: the body
# sold to, a few words after a verb of selling, is the client too.
SELL_VERBS = frozenset(
    "vend vends vendons vendent vendre livre livrons livrent livrer fournit fournissons fournissent "
    "fournir".split()
)
SOLD_TO = frozenset("a aux au".split())
SELL_WINDOW = 7


def _is_client(norms: List[str], index: int) -> bool:
    k = index - 1
    while k >= 0 and norms[k] in CLIENT_LINKS:
        k -= 1
    if k >= 0 and k < index - 1 and norms[k] in CLIENT_CUES:
        return True
    k = index - 1
    while k >= 0 and norms[k] in ("la", "l", "les"):
        k -= 1
    return (
        k >= 0 and norms[k] in SOLD_TO and bool(SELL_VERBS.intersection(norms[max(0, k - SELL_WINDOW) : k]))
    )


def _longer_form_overlaps(norms: List[str], blocked: Set[int], i: int, size: int) -> bool:
    """A lexicon form starting inside the words [i, i + size) and ending after them: the longer, more
    precise body wins ("une société" + "société d'économie mixte")."""
    longest = max(len(form.split()) for form in LEXICON)
    for j in range(i + 1, i + size):
        for other in range(min(longest, len(norms) - j), i + size - j, -1):
            if " ".join(norms[j : j + other]) in LEXICON and not blocked.intersection(range(j, j + other)):
                return True
    return False


def find_buyer_types(text: str) -> List[Dict[str, Any]]:
    """Mentions of a buyer's body: ``{"start", "end", "value", "negated"}``, longest form first."""
    tokens = _tokens(text)
    norms = [word for word, _, _ in tokens]
    longest = max(len(form.split()) for form in LEXICON)
    found: List[Dict[str, Any]] = []
    blocked: Set[int] = set()
    joined = " ".join(norms)
    for name in NOT_A_BUYER:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", joined):
            first = joined[: match.start()].count(" ")
            blocked.update(range(first, first + len(name.split())))
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            if any(position in blocked for position in range(i, i + size)):
                continue
            form = " ".join(norms[i : i + size])
            if form not in LEXICON:
                continue
            # A negated mention is kept even without an identity cue, so that DIET's tag of it is
            # removed ("je suis à la mairie, pas dans une entreprise").
            if _longer_form_overlaps(norms, blocked, i, size):
                continue  # "une société d'économie mixte": the SEM, not "une société"
            # "après dix ans dans le privé": a body of the buyer's past, read as a negated one
            past = said_of_past(" ".join(norms[:i]), form)
            negated = _is_negated(text, tokens, i) or _is_client(norms, i) or past
            if negated or _plausible(form, norms, i):
                found.append(
                    {
                        "start": tokens[i][1],
                        "end": tokens[i + size - 1][2],
                        "value": LEXICON[form],
                        "negated": negated,
                    }
                )
                i += size
                break
        else:
            i += 1
    return found


# A company word that completes another noun ("des jeux de société", "un chef d'entreprise") is no buyer.
COMPANY_WORDS = frozenset("societe societes entreprise entreprises".split())
NOUN_COMPLEMENT = frozenset("de d des du".split())


def _not_a_buyer_positions(norms: List[str]) -> Set[int]:
    """Indices of the words that belong to a name listed in NOT_A_BUYER."""
    joined = " ".join(norms)
    blocked: Set[int] = set()
    for name in NOT_A_BUYER:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", joined):
            first = joined[: match.start()].count(" ")
            blocked.update(range(first, first + len(name.split())))
    return blocked


def plausible_span(text: str, start: int, end: int) -> bool:
    """Whether a span another extractor tagged as a buyer type can name the buyer's body: not a company
    word that completes another noun ("la ludothèque achète des jeux de société")."""
    tokens = _tokens(text)
    inside = [i for i, (_, first, last) in enumerate(tokens) if first >= start and last <= end]
    before = [word for word, _, last in tokens if last <= start][-3:]
    if OWNED_BY.intersection(before) and "par" in before:  # "une SPL détenue par des communes"
        return False
    if before[-1:] and before[-1].startswith("quel"):  # "quelle association les anime ?": asked about
        return False
    if inside and set(inside) <= _not_a_buyer_positions([word for word, _, _ in tokens]):
        return False  # "les locaux de la PMI", "une entreprise adaptée": a service's name
    norms = [word for word, _, _ in tokens]
    form = " ".join(norms[i] for i in inside)
    if inside and LEXICON.get(form) in PRIVATE_TYPES and _bought_from(norms, inside[0]):
        return False  # "on achète auprès d'entreprises privées": the suppliers
    if len(inside) != 1 or tokens[inside[0]][0] not in COMPANY_WORDS:
        return True
    return inside[0] == 0 or tokens[inside[0] - 1][0] not in NOUN_COMPLEMENT


def _inside(entity: Dict[str, Any], start: int, end: int) -> bool:
    """A buyer-type entity strictly inside the span [start, end)."""
    first, last = int(entity.get(ENTITY_ATTRIBUTE_START, 0)), int(entity.get(ENTITY_ATTRIBUTE_END, 0))
    inside = start <= first and last <= end and last - first < end - start
    return entity.get(ENTITY_ATTRIBUTE_TYPE) == ENTITY and inside


def _overlaps(a: Dict[str, Any], start: int, end: int) -> bool:
    return int(a.get(ENTITY_ATTRIBUTE_START, 0)) < end and start < int(a.get(ENTITY_ATTRIBUTE_END, 0))


def _value_of(entity: Dict[str, Any]) -> Optional[str]:
    value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
    if value in BUYER_TYPES:
        return value
    return LEXICON.get(normalize(value))


# Entities DIET may tag on a body's name by mistake: a body of the lexicon is no product.
BODY_NOT_ENTITIES = frozenset({"product"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class BuyerTypeRules(RuleComponent, EntityExtractorMixin):
    """Removes negated buyer types, adds the public and private bodies DIET missed (module docstring)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                message.set(ENTITIES, self.reconcile(text, message.get(ENTITIES, [])), add_to_output=True)
        return messages

    def reconcile(self, text: str, entities: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
        mentions = find_buyer_types(text)
        negated = [m for m in mentions if m["negated"]]
        kept: List[Dict[str, Any]] = []
        for entity in entities:
            if entity.get(ENTITY_ATTRIBUTE_TYPE) != ENTITY:
                first, last = (
                    int(entity.get(ENTITY_ATTRIBUTE_START, 0)),
                    int(entity.get(ENTITY_ATTRIBUTE_END, 0)),
                )
                if entity.get(ENTITY_ATTRIBUTE_TYPE) in BODY_NOT_ENTITIES and any(
                    m["start"] <= first and last <= m["end"] for m in mentions
                ):
                    continue  # "la communauté urbaine" tagged as a product: the buyer's body
                kept.append(entity)
                continue
            start, end = int(entity.get(ENTITY_ATTRIBUTE_START, 0)), int(entity.get(ENTITY_ATTRIBUTE_END, 0))
            if any(m["start"] < end and start < m["end"] for m in negated):
                continue
            if not plausible_span(text, start, end):
                continue
            value = _value_of(entity)
            if value is None:
                continue
            kept.append({**entity, ENTITY_ATTRIBUTE_VALUE: value})
        for mention in mentions:
            if mention["negated"]:
                continue
            # A longer mention of the lexicon wins over a tag inside it ("une petite boîte", not "boîte").
            kept = [e for e in kept if not _inside(e, mention["start"], mention["end"])]
            if any(
                _overlaps(e, mention["start"], mention["end"])
                for e in kept
                if e.get(ENTITY_ATTRIBUTE_TYPE) == ENTITY
            ):
                continue
            kept.append(
                self.add_extractor_name(
                    [
                        {
                            ENTITY_ATTRIBUTE_TYPE: ENTITY,
                            ENTITY_ATTRIBUTE_START: mention["start"],
                            ENTITY_ATTRIBUTE_END: mention["end"],
                            ENTITY_ATTRIBUTE_VALUE: mention["value"],
                            ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
                        }
                    ]
                )[0]
            )
        return sorted(kept, key=lambda e: int(e.get(ENTITY_ATTRIBUTE_START, 0)))
