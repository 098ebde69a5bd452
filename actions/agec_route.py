"""The AGEC law inside routing: when a message asks an AGEC share, the AGEC answer for a product, and the
figures it lacks said first."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional

from actions.agec import (
    CATEGORIES_ASKED,
    CATEGORY_SENTENCE,
    RATE_QUESTION,
    RATE_WORDS,
    RATE_YEAR,
    SHARE_WORDS,
    agec_reply,
    also_named,
    any_word,
)
from actions.focus import asked_part, stems
from actions.followup import agec_definition_reply
from actions.glossary import Entry, definition_reply, find_terms
from actions.knowledge import KnowledgeBase
from actions.products import find_product_category, plainly_named_categories
from actions.render import PRIVATE_BUYER_TYPES, Reply
from actions.route_types import Context, plain_text, words_of
from actions.understanding import DEFINITION, FIGURE, WHEN, asks_money, counted_noun, says_private
from buyer_lexicon import LEXICON
from textnorm import normalize, question_form

AGEC_CUE = re.compile(r"\bagec\b|\barticle 58\b|\banti ?gaspi")
# The buyer says the question is NOT about AGEC ("ma question ne porte pas sur la loi AGEC mais sur les
# labels"): a product named does not make it an AGEC question.
AGEC_DENIED = re.compile(
    r"\b(?:pas|non)(?: de question| une question)? (?:sur|concernant|a propos de|au sujet de) (?:la |l )?"
    r"(?:loi )?(?:agec|article 58)\b|\bhors (?:la )?(?:loi )?agec\b"
    r"|\b(?:concerne|vise|porte) pas (?:sur )?(?:la |l )?(?:loi )?(?:agec|article 58)\b"
    r"|\brien a voir avec (?:la |l )?(?:loi )?(?:agec|article 58)\b"
)
# A share of reuse or recycled content asked ("quel objectif de réemploi pour le mobilier ?"): AGEC's.
# (SHARE_WORDS, from actions.agec: a product given with these words asks for its AGEC share, "des
# chaises pas neuves, un minimum ?")
REUSE_SHARE = re.compile(
    any_word((*SHARE_WORDS, "objectifs?", "seuils?"))
    + r".{0,40}\b(?:reemploi|reutilisation|recycle\w*|seconde main)\b"
)


# Glossary topics a product can turn into an AGEC question ("le réemploi pour les chaises ?"); a product
# named with another term is context ("un ACI pour l'entretien des espaces verts, c'est quoi ?").
PRODUCT_TOPICS = (None, "ask_agec", "ask_agec_declaration", "ask_biosourced")


def asks_agec_share(knowledge: KnowledgeBase, ctx: Context, entry: Optional[Entry] = None) -> bool:
    """A rate asked, or a product of an AGEC category named: "c'est quoi le taux de réemploi pour les
    chaises ?" is an AGEC question, not one on the glossary's « réemploi »."""
    if (
        entry is not None
        and ("%" in entry.text or entry.product_rule)
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text) is None
    ):
        return False  # "taux REEN 2024 ?": that law's own rates, given by its entry
    if set(words_of(ctx.text)).intersection(RATE_WORDS):
        return True
    if entry is not None and entry.topic not in PRODUCT_TOPICS:
        return False
    return find_product_category(knowledge.agec, ctx.product_in_message, ctx.text) is not None


# A share asked ("c'est combien ?", "quel taux ?"), not a price ("ça coûte combien ?").
RATE_ASKED = re.compile(
    r"\b(?:taux|parts?|pourcentages?|pourcent|quotas?|proportions?)\b|%"
    r"|\bcombien\b(?! (?:de|d) (?!(?:reemploi|recycl\w*|reutilis\w*)\b))"  # not « combien de membres »
)
PRICE_ASKED = re.compile(r"\b(?:coute\w*|prix|tarifs?|cher|euros?|budget)\b|€")
# An AGEC answer given earlier in the conversation: it names the law, its article or a category's rates.
AGEC_SAID = re.compile(r"\bloi AGEC\b|\barticle 58\b|\bCatégorie « ", re.IGNORECASE)


def back_to_agec(knowledge: KnowledgeBase, ctx: Context, named: List[str]) -> bool:
    """A rate asked for an AGEC product category ("et pour le mobilier, c'est combien ?") while the last
    topic is another one (RAPIDD, asked about in between): the AGEC rates, when the AGEC law was answered
    earlier in the conversation or DIET reads the message as it, and no other topic is named."""
    previous = ctx.previous_question
    if not previous or previous in AGEC_TOPICS or any(topic not in AGEC_TOPICS for topic in named):
        return False
    plain = question_form(ctx.text)
    if not RATE_ASKED.search(plain) or PRICE_ASKED.search(plain):
        return False
    if not find_product_category(knowledge.agec, ctx.product_in_message, ctx.text):
        return False
    return ctx.intent in AGEC_TOPICS or any(AGEC_SAID.search(text) for text in ctx.earlier_answers)


# The answer just given leads with another law than AGEC ("La loi REEN (n° 2021-1485 ...) ...").
OTHER_LAW_LEAD = re.compile(r"La (loi (?!AGEC\b)[A-Z][\w-]+)")


def shown_category(knowledge: KnowledgeBase, last_answer: str):
    """The AGEC category whose rates the answer just given showed (« Catégorie « Mobilier … » : … »), when
    the product was found by its words and so never remembered as an entity; None otherwise."""
    shown = [c for c in knowledge.agec.categories if f"Catégorie « {c.label} »" in last_answer]
    return shown[0] if len(shown) == 1 else None


def agec_answer(knowledge: KnowledgeBase, ctx: Context, wanted) -> Reply:
    """Product from this message (entity, then keywords); the remembered one only for a follow-up."""
    category = find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ruled = next((entry for entry in find_terms(ctx.text) if entry.product_rule), None)
    if category is None and ruled:  # "quel taux pour la vaisselle jetable ?": no category, its own rule
        return definition_reply(ruled)
    plain = question_form(ctx.text)
    rate_asked = bool(RATE_QUESTION.search(plain)) or (
        bool(RATE_CONTINUATION.search(plain)) and len(plain.split()) <= MAX_RATE_CONTINUATION_WORDS
    )
    if category is None and rate_asked:  # "et le taux en 2030 ?" after uniforms, "quel taux ?" after chairs
        category = find_product_category(knowledge.agec, ctx.product, "") or shown_category(
            knowledge, ctx.last_answer or ""
        )
    law_date = WHEN in wanted and LAW_DATE.search(plain) and not DECREE.search(plain)
    content = bool(CONTENT_ASKED.search(plain))  # "l'article 58, ça impose quoi ?": what it asks
    if CATEGORIES_ASKED.search(plain):
        wanted, content = wanted - {DEFINITION}, False  # "loi AGEC : quels produits sont concernés ?"
    if LAW_ASKED.search(plain) and ctx.intent == "ask_agec":
        # "… pour nos achats de mobilier. Avant tout : c'est quoi cette loi AGEC ?": the law itself first
        return agec_definition_reply(knowledge, article_58=bool(ARTICLE_58.search(plain)))
    if content and ctx.buyer_in_message in PRIVATE_BUYER_TYPES:
        content = False  # "on est une SCOP, la loi AGEC nous impose quoi ?": whether it binds them
    if category is None and (DEFINITION in wanted or law_date or content) and ctx.intent == "ask_agec":
        return agec_definition_reply(
            knowledge,
            article_58=bool(ARTICLE_58.search(plain)) and not law_date,
            article_55=bool(ARTICLE_55.search(plain)),
        )
    if category is None and ctx.intent != "ask_agec":
        category = find_product_category(knowledge.agec, ctx.product, "")
    buyer_type = ctx.buyer_type
    if buyer_type is None and says_private(ctx.text):
        buyer_type = "entreprise"
    also = also_named(knowledge.agec, category, ctx.text, plainly_named_categories(ctx.text))
    reply = agec_reply(knowledge.agec, category, buyer_type, message=plain_text(ctx.text), also=also)
    if category is not None and ruled is not None:
        # "les pneus de nos véhicules, une obligation AGEC ?": the products' own rule first, then the category
        rule = definition_reply(ruled)
        return replace(reply, text=f"{rule.text}\n{reply.text}", sources=[*rule.sources, *reply.sources])
    return reply


AGEC_TOPICS = ("ask_agec", "ask_agec_declaration")
# « et la région, elle est concernée ? », « et pour un hôpital ? » right after article 58: another body.
BODY_ASKED = re.compile(
    r"^(?:(?:et|mais|ok|alors) )*(?:pour |chez )?(?:un|une|la|le|les|l|des) (?P<rest>.+)$"
)
# What may follow the body in such a question: a pronoun, « concerné », « aussi »…
BODY_QUESTION_WORDS = frozenset(
    "il elle ils elles est sont c ce alors aussi egalement pareil idem la dedans y "
    "concerne concernee concernes concernees soumis soumise soumises vise visee vises visees "
    "oblige obligee obliges obligees tenu tenue tenus tenues".split()
)
MAX_BODY_WORDS = 4  # the longest lexicon form read


def body_asked_about(text: str) -> Optional[str]:
    """The buyer type of a body a short follow-up asks about (« et la région, elle est concernée elle ? »:
    a collectivité), from the lexicon of buyer_lexicon.py; None for any other message."""
    match = BODY_ASKED.match(" ".join(re.sub(r"[^\w ]", " ", normalize(text)).split()))
    if not match:
        return None
    words = match.group("rest").split()
    for size in range(min(MAX_BODY_WORDS, len(words)), 0, -1):
        body = LEXICON.get(" ".join(words[:size]))
        if body and all(word in BODY_QUESTION_WORDS for word in words[size:]):
            return body
    return None


# What a text asks, not whether it applies to the buyer ("l'article 58, ça impose quoi ?", "que prévoit
# la loi AGEC ?"): answered by what the law or its article 58 is.
CONTENT_ASKED = re.compile(
    r"\b(?:impose|imposent|prevoit|prevoient|exige|exigent|dit|demande) quoi\b"
    r"|\bque (?:dit|prevoit|impose|exige|demande|contient|prescrit) (?:la loi|l article|le texte|cet article"
    r"|cette loi)\b|\bqu impose\b"
    # "elle nous oblige à quoi vraiment ?", "il oblige les communes à quoi ?": what it requires
    r"|\boblig\w* (?:\w+ ){0,3}a quoi\b"
    # "le décret 2024-134, qu'est-ce qu'il contient ?": what the text holds
    r"|\bqu est ce qu (?:il|elle) (?:contient|prevoit|dit|impose|exige|demande)\b"
    r"|\b(?:que )?contient (?:quoi|il)\b"
    # "quels produits sont concernés par l'obligation ?": the categories, said by what the article asks
    r"|\bquel(?:le)?s? (?:produits|achats|biens|categories)\b.{0,30}"
    r"\b(?:concerne\w*|vise\w*|touche\w*|soumis)\b"
)
# What the law itself is, whatever product the message names before ("c'est quoi cette loi AGEC ?").
LAW_ASKED = re.compile(
    r"\b(?:c est quoi|c quoi|qu est ce que|ce qu est|kezako|kesako|definition)"
    r"(?: exactement| au juste| donc| deja)? (?:cette|la|cet|l) (?:loi|article 58)"
    r"(?: agec| anti gaspi\w*)?\W*$"
    r"|\bloi agec,? (?:c est quoi|ca veut dire quoi|kezako)\W*$"
)
# "la loi AGEC a été promulguée quand ?": the date of the law, said by its definition.
LAW_DATE = re.compile(r"\bloi\b.*\b(?:promulgu\w*|votee?|adoptee?|publiee?|date)\b|\bdate de la loi\b")
DECREE = re.compile(r"\bdecret\b|\bs appliqu\w*|\ben vigueur\b")
ARTICLE_58 = re.compile(r"\barticle 58\b")
ARTICLE_55 = re.compile(r"\barticle 55\b")
LAW_LEAD = 40  # where the answer just given names its law ("La loi REEN (n° 2021-1485 ...")
ELLIPSIS_AND = re.compile(r"^(?:et|mais|ok|alors) (?:pour|pr|côté|cote|concernant|les?|la|l|des)\b")
RATE_SHOWN = re.compile(r"\d\s*%[^.]{0,60}(?:réemploi|recycl)|(?:réemploi|recycl)[^.]{0,60}\d\s*%")
PERCENT_WORDS = re.compile(r"\b(?:taux|part|parts|pourcentage|pourcent|quotas?|proportion)\b|%")
# "et le recyclé ?", "et en 2030 ?" after a product's rates: the other rate, or a later year, of that product
RATE_CONTINUATION = re.compile(r"^et\b.*\b(?:recycl\w*|reemploi|reutilis\w*|20[2-4]\d)\b")
MAX_RATE_CONTINUATION_WORDS = 6


ACRONYM = re.compile(r"\b[A-Z]{3,}\b")


# Content words a question shares with a note sentence beyond a category's name and a year: enough to be
# the question that sentence answers ("ordinateurs réformés de moins de 10 ans … depuis 2025 ?").
NOTE_SHARED_STEMS = 5


def note_on_other_law(note: Optional[str], message: str, own_words: str = "") -> Optional[str]:
    """The sentence of a category's note that names, by its acronym, the law the message names ("loi
    REEN"), or that restates the message ("les ordinateurs réformés de moins de 10 ans, quel pourcentage en
    réemploi depuis 2025 ?"): that other obligation answers the question, not the category's AGEC rates.
    ``own_words``: the category's name and keywords, which every question on it shares with its note."""
    if not note:
        return None
    asked = set(normalize(message).split())
    asked_stems = stems(message) - stems(own_words)
    for sentence in re.split(r"(?<=[.!?])\s+", note.strip()):
        if any(word.lower() in asked for word in ACRONYM.findall(sentence)):
            return sentence
        if len(asked_stems & stems(sentence)) >= NOTE_SHARED_STEMS:
            return sentence
    return None


def agec_without_cue(knowledge: KnowledgeBase, ctx: Context) -> bool:
    """An AGEC reading with nothing of AGEC in the message: no law named, no reuse share, no product."""
    plain = question_form(ctx.text)
    return not (
        AGEC_CUE.search(plain)
        or REUSE_SHARE.search(plain)
        or ctx.product_in_message
        or find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    )


# The category sentence that says its rates are not known (actions/agec.category_sentence): the figure
# said unknown first already says it.
RATES_UNKNOWN = re.compile(
    re.escape(CATEGORY_SENTENCE) + r"[^»]+ » : je ne connais pas ses taux avec certitude[^.]*\."
)


def agec_unknown_figure(knowledge: KnowledgeBase, ctx: Context, wanted) -> Optional[str]:
    """Said first when an AGEC question asks a rate or a count that the knowledge does not hold."""
    plain = question_form(ctx.text).replace("%", " % ")
    year = RATE_YEAR.search(plain)
    # "le montant total des achats issus du réemploi ?": never in the sources; asked in the question, not
    # said in the context before it ("petite mairie, budget serré, … y a-t-il une sanction ?")
    if asks_money(asked_part(ctx.text)):
        return (
            "Je n'ai pas ce chiffre : il ne figure pas dans mes sources. Les acheteurs déclarent ces achats "
            "chaque année sur data.gouv.fr ; le guide du CGDD de novembre 2024 détaille la méthode."
        )
    # "et pour les ordinateurs ?" just after a category's rates: a rate asked too
    rates_before = bool(ELLIPSIS_AND.match(plain) and RATE_SHOWN.search(ctx.last_answer or ""))
    counted = counted_noun(ctx.text)
    if not (RATE_QUESTION.search(plain) or FIGURE in wanted or year or rates_before or counted):
        return None
    category = find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    if category is None and ctx.product and not ctx.product_in_message:  # "et pour 2030 ?" after the chairs
        category = find_product_category(knowledge.agec, ctx.product, "")
    if category is None and not (RATE_QUESTION.search(plain) or FIGURE in wanted or year):
        return None
    if category is None:
        noun = counted_noun(ctx.text)
        if noun and noun not in ("categories", "categorie", "produits", "produit"):
            return (
                "Je n'ai pas ce chiffre : il ne figure pas dans mes sources. Voici ce que je sais de la "
                "loi AGEC :"
            )
        return None
    # the law named in the message, or by the answer just given ("la loi REEN ..." then "et le nombre de PC
    # réemployés ?")
    own_words = " ".join([category.label, *category.keywords])
    other_law = note_on_other_law(category.note, ctx.text, own_words) or note_on_other_law(
        category.note, (ctx.last_answer or "")[:LAW_LEAD], own_words
    )
    if other_law and counted and not PERCENT_WORDS.search(plain):
        # "combien d'ordinateurs ont été reconditionnés grâce à REEN ?": a count, not that law's rates
        return f"Je n'ai pas ce chiffre : il ne figure pas dans mes sources. {other_law}"
    if other_law:  # "quel taux d'ordinateurs réformés selon la loi REEN ?": the note on that other law
        return other_law
    rates = [category.reuse_pct, category.recycled_pct]
    # every year asked ("quel taux en 2024 et pour 2027 ?"): the first one without a rate is said unknown
    years = [
        found for found in RATE_YEAR.findall(plain) if not any(rate.get(found) is not None for rate in rates)
    ]
    if RATE_YEAR.search(plain):
        known = not years
    else:
        known = any(value is not None for rate in rates for value in rate.values())
    if known:
        return None
    # "taux de réemploi pour les ordinateurs ?": the other obligation the buyer may mean, which has a rate
    confusable = [
        one for one in re.split(r"(?<=[.!?])\s+", (category.note or "").strip()) if CONFUSABLE.match(one)
    ]
    return " ".join(
        [
            f"Je n'ai pas ce chiffre : le taux{' ' + years[0] if years else ''} de la catégorie "
            f"« {category.label} » ne figure pas dans mes sources ; il est fixé par l'annexe du décret "
            "n° 2024-134.",
            *confusable[:1],
        ]
    )


CONFUSABLE = re.compile(r"À ne pas confondre\b")
