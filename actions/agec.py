"""AGEC law, article 58: which category a purchase falls in and what the buyer must do.

The first message answers « does it bind me? » for who asks: yes for the State and local authorities,
no for a private company (then what concerns it), and a short question back when the buyer type is not
known; then the category and its known rates. Dates, exceptions, declaration and guide are details.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Dict, List, Optional, Sequence

from actions.dates import french_date
from actions.focus import (
    ASKS_DOC,
    ASKS_PENALTY,
    ASKS_RETIRED,
    ASKS_WHEN,
    CLOSED_QUESTION,
    GIVES_DOC,
    GIVES_PENALTY,
    GIVES_RETIRED,
    GIVES_STEPS,
    WH_WORD,
    corrected_count,
    lead_sentence,
    stated_figure,
    stems,
)
from actions.knowledge import AgecCategory, AgecFile
from actions.render import BUYER_TYPE_LABELS, PRIVATE_BUYER_TYPES, Reply, compose, link, source_links
from actions.reply import MAX_ANSWER_WORDS, Link, word_count
from actions.topics import IDENTITY
from actions.understanding import states_count
from textnorm import normalize, question_form

PUNCTUATION = re.compile(r"[^\w\s]")
# A question on a national fact of the law, not on whether it binds who asks ("combien de catégories ?").
WH_FACT = re.compile(
    r"\bcombien\b|\b(?:quel|quels|quelle|quelles) (?:decret|decrets|texte|textes|loi|article|articles"
    r"|arrete|arretes|guide|guides|date|echeance|echeances)\b"
)
SUGGESTED_CATEGORIES = ("fournitures_bureau", "papier", "informatique", "mobilier", "textiles")
BOUND_BUYER_TYPES = frozenset({"etat", "collectivite"})
# Public bodies that are neither the State nor a local authority or a grouping of them (public hospitals,
# universities, schools, CCAS...): article 58 does not name them.
OTHER_PUBLIC_TYPES = frozenset({"hopital", "etablissement_public"})
# … unless the body named is a grouping of local authorities (« établissement public de coopération
# intercommunale », « établissement public territorial »), which article 58 binds.
LOCAL_GROUPING = re.compile(
    r"\b(?:cooperation intercommunale|public territorial|epci|ept|syndicats? mixtes?)\b"
)
# The buyer types offered when who buys changes the answer (the slot's values).
BUYER_CHOICES = (
    ("Un service de l'État", "etat"),
    ("Une collectivité", "collectivite"),
    ("Un établissement public", "etablissement_public"),
    ("Une entreprise privée", "entreprise"),
)
AGEC_BUTTONS = [
    {"title": "Comment déclarer ?", "payload": "/ask_agec_declaration"},
    {"title": "Contacter le guichet vert", "payload": "/ask_guichet_vert"},
]
PRIVATE_NEXT_STEP = (
    "Rien ne vous empêche de suivre la même démarche : des acteurs accompagnent les acheteurs privés."
)
PRIVATE_BUTTONS = [{"title": "Aides aux acheteurs privés", "payload": "/ask_private_support"}]


def find_category(agec: AgecFile, product: Optional[str], message: str) -> Optional[AgecCategory]:
    """The category named by the product entity, or else the one whose keyword the message contains.

    The longest keyword found wins, so "mobilier urbain" beats "mobilier".
    """
    by_id = {category.id: category for category in agec.categories}
    if product and product in by_id:
        return by_id[product]
    text = f" {' '.join(PUNCTUATION.sub(' ', normalize(message)).split())} "  # "bureau." matches "bureau"
    best: Optional[AgecCategory] = None
    best_length = 0
    for category in agec.categories:
        for keyword in category.keywords + [category.label]:
            needle = normalize(keyword)
            if needle and f" {needle} " in text and len(needle) > best_length:
                best, best_length = category, len(needle)
    return best


def also_named(
    agec: AgecFile, category: Optional[AgecCategory], message: str, objects: Sequence[str] = ()
) -> List[AgecCategory]:
    """Other categories the message names by their own name ("papier et fournitures de bureau"): the
    label or first keyword, outside the words that named ``category`` ("mobilier urbain" is not also
    "mobilier"), or by objects of theirs (``objects``: category ids, "des jeux de société et des ballons")."""
    if category is None:
        return []
    text = f" {' '.join(PUNCTUATION.sub(' ', normalize(message)).split())} "
    taken = [normalize(k) for k in category.keywords + [category.label] if f" {normalize(k)} " in text]
    found: List[AgecCategory] = []
    for other in agec.categories:
        if other.id == category.id:
            continue
        names = [normalize(name) for name in (other.label, *other.keywords[:1])]
        hit = [name for name in names if name and f" {name} " in text]
        if hit and not any(name in longer or longer in name for name in hit for longer in taken):
            found.append(other)
    by_id = {one.id: one for one in agec.categories}
    for key in objects:
        other = by_id.get(key)
        if other is not None and other.id != category.id and other not in found:
            found.append(other)
    return found[:2]


def _rates(rates: Dict[str, Optional[float]]) -> Optional[str]:
    known = [f"{value:g} % en {year}" for year, value in sorted(rates.items()) if value is not None]
    return " et ".join(known) if known else None


def has_rates(category: AgecCategory) -> bool:
    return bool(_rates(category.reuse_pct) or _rates(category.recycled_pct))


def bound_buyers(agec: AgecFile) -> str:
    return agec.who_is_bound_short or agec.who_is_bound


def short_decree(agec: AgecFile) -> str:
    """'décret n° 2024-134 du 21 février 2024' -> 'décret n° 2024-134'."""
    return agec.decree.split(" du ")[0]


# How an answer starts the sentence of one category's rates (followup reads it: several categories shown).
CATEGORY_SENTENCE = "Catégorie « "
# A year of the AGEC rates (from 2021 on), not the year of another law named (« asso loi 1901 »).
RATE_YEAR = re.compile(r"\b20[2-4]\d\b")


def category_sentence(agec: AgecFile, category: AgecCategory) -> str:
    """'Catégorie « Papier » : …' with the known minimum shares, or where to read them."""
    parts = [
        f"{rates} issus du réemploi ou de la réutilisation" if (rates := _rates(category.reuse_pct)) else "",
        f"{rates} intégrant des matières recyclées" if (rates := _rates(category.recycled_pct)) else "",
    ]
    known = " ; ".join(part for part in parts if part)
    if known:
        return f"{CATEGORY_SENTENCE}{category.label} » : au moins {known}, en part de la dépense annuelle."
    return (
        f"{CATEGORY_SENTENCE}{category.label} » : je ne connais pas ses taux avec certitude, "
        f"voir l'annexe du {short_decree(agec)}."
    )


def rates_paragraph(agec: AgecFile, category: AgecCategory) -> Optional[str]:
    """Known minimum shares by milestone, and the milestones whose rate is not known (details)."""
    lines = [
        f"{label} : {rates}"
        for label, values in (
            ("• issus du réemploi ou de la réutilisation", category.reuse_pct),
            ("• intégrant des matières recyclées", category.recycled_pct),
        )
        if (rates := _rates(values))
    ]
    if not lines:
        return None
    missing = sorted(
        {
            year
            for values in (category.reuse_pct, category.recycled_pct)
            for year, value in values.items()
            if value is None
        }
    )
    text = "Parts minimales de la dépense annuelle de la catégorie :\n" + "\n".join(lines)
    if missing:
        text += (
            f"\nJe ne connais pas avec certitude les taux des autres échéances ({', '.join(missing)}) : "
            f"voir l'annexe du {agec.decree}."
        )
    return text


def scope_sentence(agec: AgecFile, buyer_type: Optional[str], open_question: bool = False) -> str:
    """Whether article 58 binds who asks: yes, no, or it depends (then said for both). ``open_question``
    ("la loi AGEC impose quoi ?"): no « Oui » that answers nothing asked."""
    if buyer_type in PRIVATE_BUYER_TYPES:
        private = "organismes privés" if buyer_type == "organisme_prive" else "entreprises privées"
        return (
            f"Non : l'article 58 de la loi AGEC ne s'applique pas aux achats des {private} ; "
            f"il vise {bound_buyers(agec)}."
        )
    if buyer_type in BOUND_BUYER_TYPES:
        if open_question:
            return f"L'article 58 de la loi AGEC vous concerne : il vise {bound_buyers(agec)}."
        return f"Oui : l'article 58 de la loi AGEC vise {bound_buyers(agec)}."
    if buyer_type in OTHER_PUBLIC_TYPES and agec.other_public_bodies:
        # "on est un hôpital public, l'article 58 s'applique à nous ?": a public body it does not name
        return (
            f"Pour {BUYER_TYPE_LABELS[buyer_type]}, a priori non : l'article 58 de la loi AGEC ne vise que "
            f"{bound_buyers(agec)}."
        )
    if buyer_type in BUYER_TYPE_LABELS:
        return (
            f"Pour {BUYER_TYPE_LABELS[buyer_type]}, cela dépend de votre statut : l'article 58 de la loi "
            f"AGEC vise {bound_buyers(agec)}."
        )
    if open_question:
        return (
            f"L'article 58 de la loi AGEC s'applique si vous achetez pour {bound_buyers(agec)} ; pas aux "
            "entreprises privées."
        )
    return (
        f"Oui, si vous achetez pour {bound_buyers(agec)} : l'article 58 de la loi AGEC s'applique ; "
        "non pour une entreprise privée."
    )


# « tous les acheteurs publics doivent … ? », « toutes les structures publiques sont concernées ? »
EVERY_BUYER = re.compile(
    r"\b(?:tous|toutes) les (?:acheteurs?|structures?|organismes?|entites?|personnes?|etablissements?)"
    r"(?: publi\w*)?\b"
)


# « quels produits sont concernés ? », « la liste des produits », « pour quels produits ? »
CATEGORIES_ASKED = re.compile(
    r"\b(?:quels?|quelles?) (?:sont les )?(?:produits?|categories?|biens|familles? de produits)\b"
    r"|\bliste des? (?:produits?|categories?|biens)\b"
)
NAMED_CATEGORIES = 5


def categories_sentence(agec: AgecFile) -> str:
    """How many categories the decree sets, five of them named, and where the full list is."""
    named = ", ".join(category.label.lower() for category in agec.categories[:NAMED_CATEGORIES])
    return (
        f"Le {short_decree(agec)} répartit les produits en {len(agec.categories)} catégories, par exemple : "
        f"{named}… {agec.product_list or ''}".strip()
    )


def every_buyer_sentence(agec: AgecFile, asked: str = "tous") -> str:
    """« tous les acheteurs publics ? »: not all of them, said first."""
    return (
        f"Pas {asked.split()[0]} : l'article 58 de la loi AGEC vise {bound_buyers(agec)}. Pour un "
        "établissement public, cela dépend de son statut ; il ne s'applique pas aux entreprises privées."
    )


def milestones(agec: AgecFile) -> str:
    """« 2024, 2027 et 2030 »: the years the decree sets rates for (the keys of the categories' rates)."""
    years = sorted({year for one in agec.categories for year in (*one.reuse_pct, *one.recycled_pct)})
    return ", ".join(years[:-1]) + f" et {years[-1]}" if len(years) > 1 else "".join(years)


def in_force_sentence(agec: AgecFile, today: date) -> str:
    if agec.in_force > today:
        return f"Le {agec.decree} s'appliquera à compter du {french_date(agec.in_force)}."
    if agec.obligation_start and agec.obligation_start <= today:  # the obligation is older than its decree
        return (
            f"L'obligation de l'article 58 existe depuis le {french_date(agec.obligation_start)} ; ses taux "
            f"actuels sont ceux du {agec.decree}, qui s'applique depuis le {french_date(agec.in_force)}."
        )
    return f"Le {agec.decree} s'applique depuis le {french_date(agec.in_force)}."


def obligations_paragraph(agec: AgecFile) -> str:
    lines = [f"• Exceptions : {agec.exemptions}"]
    if agec.counted_purchases:
        lines.append(f"• Achats comptés : {agec.counted_purchases}")
    if agec.other_public_bodies:
        lines.append(f"• Autres personnes publiques : {agec.other_public_bodies}")
    lines += [f"• Déclaration : {agec.declaration}", f"• Guide officiel : {agec.guide.title}"]
    return "\n".join(lines)


def buyer_buttons(category: Optional[AgecCategory]) -> List[Dict[str, str]]:
    """Who buys, as NLU-free payloads that also carry the product, so the answer is given again."""
    buttons = []
    for title, buyer_type in BUYER_CHOICES:
        entities = {"buyer_type": buyer_type, **({"product": category.id} if category else {})}
        buttons.append({"title": title, "payload": f"/inform{json.dumps(entities, ensure_ascii=False)}"})
    return buttons


def product_buttons(agec: AgecFile) -> List[Dict[str, str]]:
    return [
        {"title": category.label, "payload": f'/ask_agec{{"product": "{category.id}"}}'}
        for category in agec.categories
        if category.id in SUGGESTED_CATEGORIES
    ]


def agec_links(agec: AgecFile) -> List[Link]:
    return [link(agec.decree_text.title, agec.decree_text.url), link(agec.guide.title, agec.guide.url)]


# Which purchases the article covers, asked with no product named ("la loi agec concerne quels achats ?",
# "on doit acheter quoi en réemploi ?"): the share of reuse or recycled content it requires.
WHAT_BOUGHT = re.compile(
    r"\bquels? (?:achats?|produits?|types? d achats?)\b|\b(?:acheter|achete\w*) quoi\b|\bquoi acheter\b"
)
REQUIRED_SHARE = (
    "La loi AGEC impose qu'une part des achats de chaque catégorie de produits soit issue du réemploi ou de "
    "la réutilisation, ou intègre des matières recyclées."
)
CHECK_STATUS = "Vérifiez votre situation auprès du guichet vert de votre région."
ASK_PRODUCT = "Quel type de produit achetez-vous ? Je vous donnerai sa catégorie et ses taux connus."


def next_step(agec: AgecFile, buyer_type: Optional[str], category: Optional[AgecCategory]) -> str:
    unsure = buyer_type in BUYER_TYPE_LABELS and buyer_type not in BOUND_BUYER_TYPES | PRIVATE_BUYER_TYPES
    if category is None and buyer_type not in PRIVATE_BUYER_TYPES:
        return f"{CHECK_STATUS} {ASK_PRODUCT}" if unsure else ASK_PRODUCT
    if buyer_type in PRIVATE_BUYER_TYPES:
        return PRIVATE_NEXT_STEP
    if buyer_type in BOUND_BUYER_TYPES:
        return "Vous déclarez ces achats chaque année sur data.gouv.fr."
    if buyer_type in BUYER_TYPE_LABELS:
        return CHECK_STATUS
    return "Pour qui achetez-vous ?"


def penalty_sentence(details: str) -> Optional[str]:
    """The sentence of the details that says what happens to a buyer who does not comply."""
    sentences = (part.strip() for line in details.split("\n") for part in re.split(r"(?<=[.!?])\s+", line))
    return next((s for s in sentences if GIVES_PENALTY.search(normalize(s)) and not s.startswith("•")), None)


# Words of a question that say what kind of answer it wants or whether it binds, not what it is about.
ASKING_STEMS = stems(
    "quand combien comment quel quelle quels quelles quoi compte comptent aussi taux part pourcentage loi"
    " agec article achat achats achete acheter obligation obligations obligatoire oblige doit doivent faire"
    " impose imposent vise concerne concernes soumis applique appliquent minimum minimal recycle reemploi"
    " occasion declarer declaration"
)


def asks_beyond(message: str, lead: str, short: str) -> bool:
    """A closed question whose lead names a thing the question asks about that the short answer (scope,
    category, rates, the category's own product words) does not name at all ("les dons, ça compte ?"):
    that thing, not the rates alone."""
    asked = question_form(message)
    # "et ça se valorise comment ?" after the donations: a pronoun for the thing the last answer led with
    about_it = bool(PRONOUN_FOLLOW_UP.search(asked)) and len(asked.split()) <= MAX_PRONOUN_FOLLOW_UP_WORDS
    if not about_it and (WH_WORD.search(asked) or not CLOSED_OR_COUNTS.search(asked)):
        return False
    return bool((stems(message) & stems(lead)) - stems(short) - ASKING_STEMS)


# The words of a rate asked (« quel taux ? », « quelle part ? », « quel pourcentage ? »), one list for the
# rules that read a rate question: RATE_QUESTION here, the shown rates below, followup.BARE_SHARE_ASKED.
RATE_NOUNS = (
    "taux",
    "pourcentage",
    "pourcentages",
    "pourcent",
    "quota",
    "quotas",
    "proportion",
    "proportions",
)
RATE_WORDS = (*RATE_NOUNS, "part", "parts")
# A product given with these words asks for its AGEC share ("des chaises pas neuves, un minimum ?").
SHARE_WORDS = (*RATE_WORDS, "minimum", "minimale", "minimal")


def any_word(words: Sequence[str]) -> str:
    """A regex alternative of whole words."""
    return r"\b(?:" + "|".join(words) + r")\b"


# A rate asked for ("quel taux de réemploi ?", "combien de % ?"): the category's rates answer it.
RATE_QUESTION = re.compile(rf"{any_word((*RATE_WORDS, 'combien'))}|%")
# "elle s'applique aux … ?", "ça concerne les … ?": a short follow-up on the law just answered.
PRONOUN_FOLLOW_UP = re.compile(r"^(?:et |mais )?(?:ca|cela|il|elle|ils|elles) (?:se |s )?\w+")
MAX_PRONOUN_FOLLOW_UP_WORDS = 8


# "ça compte ?", "sont-ils comptabilisés ?", "est-ce que …": a yes or no on one thing.
CLOSED_OR_COUNTS = re.compile(r"\b(?:ca|cela) compte\b|\bcomptabilis\w*|\bpris en compte\b|^est ce qu")


def agec_reply(
    agec: AgecFile,
    category: Optional[AgecCategory],
    buyer_type: Optional[str],
    today: Optional[date] = None,
    message: str = "",
    also: Sequence[AgecCategory] = (),
) -> Reply:
    """The answer to 'does AGEC apply to my purchase of X, and what must I do?', for who asks; a
    narrower question (since when, exceptions, declaration...) gets the sentence that answers it too."""
    today = today or date.today()
    private = buyer_type in PRIVATE_BUYER_TYPES
    asked = question_form(message)
    open_question = bool(WH_WORD.search(asked)) and not CLOSED_QUESTION.search(asked)
    every = EVERY_BUYER.search(asked) if buyer_type is None else None
    if buyer_type in OTHER_PUBLIC_TYPES and LOCAL_GROUPING.search(asked):
        buyer_type = "collectivite"  # « établissement public de coopération intercommunale »: a grouping
    first: List[Optional[str]] = [
        every_buyer_sentence(agec, every.group(0))
        if every
        else scope_sentence(agec, buyer_type, open_question)
    ]
    if category is not None and not private:
        named = [category, *also]  # "papier et fournitures de bureau": each category named
        if also and not any(has_rates(one) for one in named):
            labels = " et ".join(f"« {one.label} »" for one in named)
            first.append(
                f"Catégories {labels} : je ne connais pas leurs taux avec certitude, "
                f"voir l'annexe du {short_decree(agec)}."
            )
        else:
            first += [category_sentence(agec, one) for one in named]
        if open_question and RATE_QUESTION.search(asked):  # "quel taux pour les vêtements ?": the rates first
            first = first[1:] + first[:1]
    details: List[Optional[str]] = []
    if category is not None:
        where = (
            f"À titre de repère, chez les acheteurs visés, ce type d'achat relève de la catégorie "
            f"« {category.label} »."
            if private
            else f"Votre achat relève de la catégorie « {category.label} »."
        )
        details += [
            f"{where} {in_force_sentence(agec, today)}",
            rates_paragraph(agec, category),
            category.note,
        ]
    else:
        details.append(
            f"{in_force_sentence(agec, today)} Le décret répartit les produits en "
            f"{len(agec.categories)} catégories, avec des taux qui progressent par paliers "
            f"({milestones(agec)}). {agec.product_list or ''}".strip()
        )
    details.append(
        f"L'article 58 vise {agec.who_is_bound} : une part de leurs achats annuels doit être issue du "
        f"réemploi ou de la réutilisation, ou intégrer des matières recyclées ({agec.law})."
    )
    details.append(obligations_paragraph(agec))

    if private:
        buttons = PRIVATE_BUTTONS
    elif category is None:
        buttons = product_buttons(agec)
    elif buyer_type in BUYER_TYPE_LABELS:
        buttons = AGEC_BUTTONS
    else:
        buttons = buyer_buttons(category)
    links = agec_links(agec)
    rates_unknown = category is not None and not private and not has_rates(category)
    sources = (
        list(category.sources) + [s for s in agec.sources if s not in category.sources] if category else []
    )
    short = " ".join(part for part in first if part)
    step = next_step(agec, buyer_type, category)
    details_text = compose(details, today)
    # the next step asks the buyer something: its words do not answer the question
    lead = lead_sentence(message, short, details_text) if message else None
    in_force = in_force_sentence(agec, today)
    # "elle s'applique depuis quand ?": since when it applies; not when the lead is on something else the
    # question names ("le guide du CGDD est sorti quand ?": the guide's date)
    named_elsewhere = bool(lead) and bool(ASKS_DOC.search(question_form(message)))
    named_elsewhere = named_elsewhere and bool(GIVES_DOC.search(normalize(lead or "")))
    # "quelles échéances ?": the steps of the rates, not the date it came into force
    steps = bool(lead) and bool(GIVES_STEPS.search(normalize(lead or "")))
    if message and ASKS_WHEN.search(normalize(message)) and not (named_elsewhere or steps):
        lead = in_force
    identity = bool(message) and bool(IDENTITY.search(question_form(message)))
    if identity:  # "numéro et date de la loi AGEC ?": which law, first
        lead = f"Il s'agit de la {agec.law}."
    what_bought = category is None and bool(WHAT_BOUGHT.search(asked))
    if what_bought:  # "elle concerne quels achats ?": what it requires, in short
        lead = REQUIRED_SHARE
    if category is None and not private and CATEGORIES_ASKED.search(asked):
        # "loi AGEC : quels produits sont concernés ?": the categories, a few named
        what_bought, lead = True, categories_sentence(agec)
    asks_penalty = bool(message) and bool(ASKS_PENALTY.search(question_form(message)))
    penalty = penalty_sentence(details_text) if asks_penalty else None
    lead = penalty or lead  # "et si on ne respecte pas, quelle amende ?": « pas de sanction », first
    text = compose([f"{short}\n{step}"], today)
    # "combien de catégories ?", "quel décret ?": a national fact, not whether the buyer is bound
    wh_fact = bool(WH_FACT.search(question_form(message)))
    # "le décret liste 12 catégories, non ?": the count that corrects it, first
    premise = stated_figure(message)[1] if message else None
    corrects = bool(lead) and bool(premise) and states_count(lead or "", premise)
    lead = corrected_count(message, lead) if lead and corrects else lead
    # "et les vieux PC qu'on réforme ?": the other obligation on retired equipment answers, first
    retired = bool(ASKS_RETIRED.search(asked)) and bool(GIVES_RETIRED.search(normalize(lead or "")))
    first_lead = (
        bool(lead) and not private and (wh_fact or bool(penalty) or identity or corrects or retired or steps)
    )
    first_lead = first_lead or (bool(lead) and what_bought)
    ordered = (f"{lead}\n{short}\n{step}", f"{lead}\n{short}") if first_lead else ()
    ordered += (f"{short}\n{lead}\n{step}", f"{short}\n{lead}")
    if first_lead and not (category and has_rates(category)):  # a long lead alone, unless rates are known
        ordered += (f"{lead}\n{step}", f"{lead}")
    elif (
        lead
        and category is not None
        and asks_beyond(message, lead, " ".join([short, step, *category.keywords]))
    ):
        # "les dons de mobilier, ça compte ?": the sentence on what is asked, rather than the rates alone
        ordered += (f"{lead}\n{step}", f"{lead}")
    for with_lead in ordered if lead else ():
        if word_count(compose([with_lead], today)) <= MAX_ANSWER_WORDS:  # a lead never makes it long
            text = compose([with_lead], today)
            break
    return Reply(
        text=text,
        buttons=buttons,
        details=details_text,
        links=links[:1] if rates_unknown else [],
        detail_links=links[1:] if rates_unknown else links,
        sources=source_links(sources or agec.sources),
    )


# --- a rate asked right after several categories ---------------------------------------------------------

RECYCLED_ASKED = re.compile(r"\brecycl\w*")
REUSE_ASKED = re.compile(r"\breemploi\w*|\breutilis\w*|\breemploy\w*")
SHOWN_RATE_ASKED = re.compile(rf"{any_word(SHARE_WORDS)}|%")
# « combien » alone asks the rate, unless it asks a price (« combien ça coûte ? »).
HOW_MUCH = re.compile(r"\bcombien\b")
PRICE_ASKED = re.compile(
    r"\bcout\w*|\bprix\b|\bcher(?:e|es|s)?\b|\btarif\w*|\bpa(?:ye|yer|yons|yez|yent|ie|ies|ient)\b"
    r"|\bfactur\w*|\beuros?\b|€"
)
# « et en recyclé ? », « et pour le réemploi ? »: the other kind of rate, asked alone after the rates.
KIND_ALONE = re.compile(
    r"^(?:et |mais )?(?:en |pour (?:le |la part (?:de |du )?)?|cote |niveau |la part (?:de |du )?)"
    r"(?:recycl\w*|reemploi|reutilis\w*)(?: alors| du coup)?$"
)
# How agec's answers name the categories they show: « Catégorie « X » : … » (CATEGORY_SENTENCE),
# « Catégories « X » et « Y » : … », « • « X » : … » (the rates of the ones shown) and « le taux de la
# catégorie « X » ne figure pas » (routing's unknown rate).
SHOWN_NAMES = re.compile(
    r"(?:\bCatégories? |• )((?:« [^»]+ »(?:, | et )?)+) :|\bcatégorie (« [^»]+ ») ne figure"
)
LABEL = re.compile(r"« ([^»]+) »")


def rate_asked(message: str) -> bool:
    """A rate asked after rates were given: a rate word, « combien » not about a price, or the kind of rate
    alone (« et en recyclé ? »)."""
    plain = question_form(message).replace("%", " % ").strip(" ?!.")
    if SHOWN_RATE_ASKED.search(plain) or KIND_ALONE.search(plain):
        return True
    return bool(HOW_MUCH.search(plain)) and not PRICE_ASKED.search(plain)


def shown_categories(agec: AgecFile, *answers: str) -> List[AgecCategory]:
    """The categories that the answers just given named in one of agec's wordings, in their order, each
    once (a category said unknown in a first message is shown as well as those of the second)."""
    by_label = {category.label: category for category in agec.categories}
    found: List[AgecCategory] = []
    for answer in answers:
        for names in SHOWN_NAMES.finditer(answer):
            for label in LABEL.findall(names.group(1) or names.group(2)):
                category = by_label.get(label)
                if category is not None and category not in found:
                    found.append(category)
    return found


def _rate_line(agec: AgecFile, category: AgecCategory, kind: str, year: Optional[str]) -> str:
    values = category.recycled_pct if kind == "recycled" else category.reuse_pct
    if year:
        values = {year: values.get(year)}
    rates = _rates(values)
    if rates:
        return f"• « {category.label} » : au moins {rates}."
    when = f" en {year}" if year else ""
    return (
        f"• « {category.label} » : je ne connais pas ce taux{when} avec certitude, "
        f"voir l'annexe du {short_decree(agec)}."
    )


def shown_rates_text(
    agec: AgecFile, message: str, last_answer: str, same_turn: Sequence[str] = ()
) -> Optional[str]:
    """« c'est combien en recyclé ? » after an answer that showed several categories: the rate asked
    (recycled materials, reuse, or both when neither is named) of each category shown, known or not.
    ``same_turn``: the other messages of that answer (a category said unknown first). None when no rate
    is asked, when the message names a category of its own, or when fewer than two categories were shown
    (one category is the remembered product's answer) and the message asks more than the kind of rate."""
    plain = question_form(message).replace("%", " % ")
    shown = shown_categories(agec, *same_turn, last_answer)
    # « et en recyclé ? » after one category: that one rate, not the whole answer again
    fewest = 1 if KIND_ALONE.search(plain.strip(" ?!.")) else 2
    if len(shown) < fewest or not rate_asked(message):
        return None
    if find_category(agec, None, message) is not None:
        return None
    kinds = [
        kind for kind, asked in (("reuse", REUSE_ASKED), ("recycled", RECYCLED_ASKED)) if asked.search(plain)
    ] or ["reuse", "recycled"]
    year = next(iter(RATE_YEAR.findall(plain)), None)
    titles = {
        "reuse": "Part minimale issue du réemploi ou de la réutilisation",
        "recycled": "Part minimale intégrant des matières recyclées",
    }
    blocks = [
        "\n".join(
            [f"{titles[kind]} (en part de la dépense annuelle) :"]
            + [_rate_line(agec, category, kind, year) for category in shown]
        )
        for kind in kinds
    ]
    return "\n".join(blocks)
