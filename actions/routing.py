"""Which answer a message gets: the topic, the place, the buyer type and the aspect asked, put together.

Pure functions over a ``Context`` (built from the tracker by ``actions.actions``), so that every
routing decision can be tested without Rasa:

- the topic is the question intent of this message, or the one of the previous question when the
  message only adds a detail (a place, a buyer type, a product: ``inform``) or asks about the same
  topic in other words ("et ça coûte combien ?": ``follow_up``);
- a place asks for a territorial answer only when the answer depends on it: national facts (how many
  facilitators, who runs the networks) are answered at once, with an offer to give a place;
- a place named in the message, or remembered, is used by every territorial answer;
- a public buyer who asks "who can help me?" is sent to the regional network and the guichet vert,
  never to the private-sector list;
- a figure that the knowledge does not hold (a budget, a count of requests, a price) is said to be
  unknown first, then the buyer is routed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from typing import FrozenSet, List, Optional, Sequence, Tuple

import places
from actions import network_facts
from actions.agec import CATEGORIES_ASKED, RATE_QUESTION, agec_reply, also_named, shown_rates_text
from actions.article_finder import ASKS_ARTICLE, led_by_article
from actions.brevity import brief_after_unknown, with_regional_route
from actions.brevity import sentences as brevity_sentences
from actions.context_question import (
    asks_after_context,
    question_after_context,
    regional_network_asked,
    social_side_only,
    unknown_after_context,
    where_to_ask,
    without_known_condition,
)
from actions.context_rules import (
    Vocabulary,
    asks_bare_why,
    audience_sentence,
    broader_answers,
    closer_to_previous,
    continues_topic,
    coverage,
    declaration_question,
    helper_question,
    lead_with,
    refined_question,
    supplier_search_question,
    unrelated,
    vocabulary,
    with_focus,
)
from actions.facilitator_calls import regional_calls_reply
from actions.figure_finder import figure_reply, figure_sentence
from actions.focus import (
    ASKS_BUILDINGS,
    ASKS_RETIRED,
    ASKS_TEXT_KIND,
    ASKS_WHEN,
    GIVES_BUILDINGS,
    GIVES_TEXT,
    GIVES_WHEN,
    INNER_CUES,
    WH_WORD,
    answered_no,
    answered_yes,
    as_sentence,
    asked_part,
    lead_sentence,
    stems,
    units,
)
from actions.followup import (
    BARE_SINCE_WHEN,
    MAYBE_STATE_BUYERS,
    NATIONAL_STAT,
    ROUTES,
    SENTENCE_END,
    STATE_BUYERS,
    UNKNOWN_FIGURE,
    acronym_reply,
    agec_definition_reply,
    figure_is_known,
    focused_reply,
    national_with_offer,
    no_obligation_reply,
    public_support_reply,
    share_of_last_reply,
    since_when_reply,
    topic_texts,
    unknown_aspect_reply,
    unknown_figure_reply,
    with_own_area_button,
)
from actions.glossary import (
    ENTRIES,
    Entry,
    asks_term_itself,
    compared_things,
    defines,
    defining_sentence,
    definition_reply,
    find_terms,
    glossary_form,
    heard_part,
    is_bare_term,
    may_define,
    names_article_code,
    terms_by_nearness,
    terms_named,
    topics_named_outside,
    unlisted_member,
)
from actions.knowledge import Button, KnowledgeBase, NationalContacts, Network, Topic, knowledge_base
from actions.legal_refs import (
    cited_articles,
    citing_topic,
    known_cited_articles,
    names_covered_law,
    uncovered_law_reply,
    unknown_article_reply,
    unknown_law_article_reply,
)
from actions.limits import (
    asks_application_paperwork,
    asks_breakdown_help,
    asks_service_review,
    general_rule_reply,
    general_term_reply,
    limit_reply,
    names_technical_network,
    off_domain,
    only_technical_networks,
    personal_purchase_reply,
    technical_network_topic,
)
from actions.local_clubs import CLUB_TOPIC, asks_club, local_club_replies
from actions.products import find_product_category, plainly_named_categories
from actions.render import BUYER_TYPE_LABELS, PRIVATE_BUYER_TYPES, Reply, compose, render_dates, source_links
from actions.repeats import merged_buttons, without_repeats
from actions.reply import HANDOFF_PAYLOAD, HANDOFF_TITLE, MAX_ANSWER_WORDS, PORTAL_ROUTE, word_count
from actions.term_followup import article_entry_reply, term_follow_up_reply
from actions.territory import (
    NETWORK_BUTTONS,
    PlaceLike,
    area_named,
    area_reply,
    desk_lead,
    facilitator_reply,
    guichet_vert_reply,
    guichet_vert_sentence,
    listing,
    national_paragraph,
    network_reply,
    of_name,
    outside_reply,
    region_aliases,
    structure_facts,
)
from actions.topics import topic_reply
from actions.understanding import (
    CONTACT,
    COST,
    DEFINITION,
    FIGURE,
    JOIN,
    LOCAL,
    NATIONAL,
    NOT_A_PAYS,
    STRONG_NATIONAL,
    WHEN,
    WHICH_ONE,
    WHO,
    WHO_HELPS,
    asks_duration,
    asks_for_guide,
    asks_money,
    asks_what_it_is,
    asks_where_to_start,
    asks_who_helps,
    aspects,
    counted_noun,
    facet_topic,
    is_elliptical,
    is_national,
    named_topics,
    refers_back,
    says_private,
    says_public,
    states_count,
    unknown_detail,
    wants_own_contact,
    wished_topic,
)
from actions.unknown_subject import unknown_fact_text, unknown_first, with_route, with_subject
from actions.unknown_terms import (
    as_written,
    inside_unknown_name,
    of_quoted,
    unknown_clause_reply,
    unknown_follow_up_reply,
    unknown_subject_reply,
    unknown_term,
    unknown_term_reply,
    vocabulary_of,
)
from actions.unknowns import (
    UNKNOWN_OUTCOME,
    UNKNOWN_PENALTY,
    asks_outcome,
    asks_penalty,
    question_without_year,
    subject_text,
    uncovered_year,
    unknown_aspect,
    unknown_year_sentence,
)
from textnorm import YEAR as YEAR_OF_CENTURIES
from textnorm import normalize, question_form
from topic_names import PEER_EXCHANGE, SOCIAL_CONDITION, without_technical_networks

PUBLIC_BUYER_TYPES = frozenset({"etat", "collectivite", "hopital", "etablissement_public"})
ASK_LOCATION = "Où travaillez-vous ? Indiquez une ville, un département (nom ou numéro) ou une région."
LOCATION_NOT_FOUND = (
    "Je n'ai pas reconnu ce lieu. Essayez avec une ville, un numéro de département (par exemple 35) "
    "ou une région."
)


def offer_for(what: str) -> str:
    """The offer that follows a national answer: the local answer once the user says where they work."""
    return f"Pour {what}, dites-moi où vous travaillez (ville, département ou région)."


OFFER_NETWORK = offer_for("connaître le réseau de votre région")
OFFER_GUICHET_VERT = offer_for("connaître le guichet vert de votre région")
OFFER_FACILITATOR = offer_for("trouver le facilitateur de votre territoire")
AGEC_BUTTON = {"title": "Loi AGEC et mes achats", "payload": "/ask_agec"}
SOCIAL_CLAUSE_BUTTON = {"title": "Clauses sociales", "payload": "/ask_social_clause"}
WELCOME_MENU = [
    AGEC_BUTTON,
    {"title": "Le guichet vert", "payload": "/ask_guichet_vert"},
    {"title": "Mon réseau régional", "payload": "/ask_network"},
    SOCIAL_CLAUSE_BUTTON,
]
# A place given alone after a question that does not depend on it: the territorial answer for that topic.
PLACE_TOPIC = {
    "ask_agec": "ask_guichet_vert",
    "ask_agec_declaration": "ask_guichet_vert",
    "ask_environmental_considerations": "ask_guichet_vert",
    "ask_biosourced": "ask_guichet_vert",
    "ask_biosourced_label": "ask_guichet_vert",
    "ask_ecolabels": "ask_guichet_vert",
    "ask_climate_law": "ask_guichet_vert",
    "ask_pnad": "ask_guichet_vert",
    "ask_social_clause": "ask_facilitator",
    "ask_reserved_contracts": "ask_facilitator",
    "ask_marche_inclusion": "ask_facilitator",
    "ask_rapidd": "ask_network",
}
FOCUSABLE = frozenset({COST, CONTACT, JOIN, WHO})
SHORT_DETAIL_WORDS = 6  # a product given with a few words after an AGEC answer ("et les tondeuses ?")
KNOWN_QUESTIONS = frozenset(
    """
    ask_agec ask_agec_declaration ask_biosourced ask_biosourced_label ask_ecolabels
    ask_environmental_considerations ask_guichet_vert ask_social_clause ask_reserved_contracts ask_facilitator
    ask_marche_inclusion ask_network ask_rapidd ask_pnad ask_climate_law ask_private_support
    ask_conseillers_entreprises ask_entreprises_engagent ask_agefiph ask_cci ask_cna
    """.split()
)


@dataclass
class Context:
    """What the actions know when they answer: this message and what the conversation remembers."""

    intent: str
    text: str = ""
    question: Optional[str] = None  # the question intent being answered (slot `question`)
    previous_question: Optional[str] = None  # the slot `question` before this message
    confidence: float = 1.0  # the NLU's confidence in ``intent``
    alternative: Optional[str] = None  # DIET's best question intent after ``intent``, when likely enough
    place_in_message: Optional[PlaceLike] = None
    place: Optional[PlaceLike] = None  # the place of this message, else the remembered one
    buyer_type: Optional[str] = None  # slot, already updated with this message
    buyer_in_message: Optional[str] = None
    product_in_message: Optional[str] = None
    product: Optional[str] = None  # remembered product (slot)
    pending: Optional[str] = None  # the likeliest question of a message that was not understood
    after_clarify: bool = False  # the previous bot turn asked the user to rephrase
    awaiting_location: bool = False  # the previous bot turn asked where the buyer works
    named_place: Optional[PlaceLike] = None  # the region of a structure named ("RESECO"), this answer only
    last_answer: str = ""  # the text of the assistant's latest answer, which a follow-up may refer to
    earlier_answers: Tuple[str, ...] = ()  # the texts of its earlier messages in this conversation
    asked_again: bool = False  # the user sent this very message before: the same answer is wanted
    said_sector: Optional[str] = None  # "public" or "private", said in an earlier message of the conversation

    @property
    def has_detail(self) -> bool:
        """The message gives a place, a buyer type or a product."""
        return bool(self.place_in_message or self.buyer_in_message or self.product_in_message)

    @property
    def public(self) -> bool:
        if self.buyer_in_message:  # the body named in this message wins over words and memory
            return self.buyer_in_message in PUBLIC_BUYER_TYPES
        if self.buyer_type:
            return self.buyer_type in PUBLIC_BUYER_TYPES or says_public(self.text)
        return says_public(self.text) or (self.said_sector == "public" and not says_private(self.text))

    @property
    def private(self) -> bool:
        if self.buyer_in_message:
            return self.buyer_in_message in PRIVATE_BUYER_TYPES
        if self.buyer_type:
            return self.buyer_type in PRIVATE_BUYER_TYPES or says_private(self.text)
        return says_private(self.text) or (self.said_sector == "private" and not says_public(self.text))


@dataclass
class Outcome:
    replies: List[Reply]
    question: Optional[str] = None  # a new value for the slot `question`, when it changes
    awaiting_location: bool = False
    notes: List[str] = field(default_factory=list)  # why, for the logs
    out_of_scope: bool = False  # nothing to answer because the message is about something else
    capabilities: bool = False  # a request for help from a buyer not known yet: what the assistant does


def acknowledgement(ctx: Context, private_support: str = "") -> Reply:
    """Reply to a detail (place, buyer type) given before any question; a private buyer is also told who
    supports buyers whose purchases the code does not bind (``private_support``, the topic's answer)."""
    noted = []
    if ctx.place:
        noted.append(ctx.place.label)
    if ctx.buyer_type in BUYER_TYPE_LABELS:
        noted.append(f"vous achetez pour {BUYER_TYPE_LABELS[ctx.buyer_type]}")
    elif ctx.public != ctx.private:  # "je suis acheteur public": no body named, the sector is remembered
        noted.append("vous êtes acheteur public" if ctx.public else "vos achats relèvent du privé")
    if not noted:
        return Reply("Que souhaitez-vous savoir ?", WELCOME_MENU)
    if private_support and ctx.private and not ctx.public:
        support = without_known_condition(private_support)  # the buyer said they are private
        text = f"C'est noté : {', '.join(noted)}.\n{support}\nQuelle est votre question ?"
        return Reply(text, WELCOME_MENU)
    return Reply(f"C'est noté : {', '.join(noted)}. Quelle est votre question ?", WELCOME_MENU)


TERRITORIAL = ("ask_network", "ask_networks_overview", "ask_guichet_vert")
DETAIL_INTENTS = ("follow_up", "inform")

LOCAL_REFERENCE = re.compile(
    r"\b(?:ma|notre) (?:region|ville|commune|departement|territoire|zone)\b|\bchez (?:moi|nous)\b"
    r"|\bpres de chez\b|\bdans (?:le|mon|notre) coin\b|\blocalement\b|\bpas loin\b|\ba proximite\b"
)
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
REUSE_SHARE = re.compile(
    r"\b(?:objectifs?|taux|part|parts|pourcentage|quotas?|minimum|proportion|seuils?)\b.{0,40}"
    r"\b(?:reemploi|reutilisation|recycle\w*|seconde main)\b"
)
RATE_WORDS = ("taux", "part", "parts", "pourcentage", "quota", "quotas", "proportion")
# A product given with these words asks for its AGEC share ("des chaises pas neuves, un minimum ?").
SHARE_WORDS = (*RATE_WORDS, "minimum", "minimale", "minimal")


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


def term_beside_topic(knowledge: KnowledgeBase, text: str, topic_id: Optional[str]) -> Optional[str]:
    """What the glossary says of a term of the topic answered that the topic's own texts never name (« les
    entreprises de l'ESS » beside the reserved contracts): the entry, said before the topic's answer; an
    article asked that the entry does not cite is said unknown first."""
    topic = knowledge.topics.get(topic_id or "")
    if topic is None:
        return None
    said = glossary_form(topic.text)
    plain = question_form(text)
    verb = MAY_DO.search(plain)
    article = ASKS_ARTICLE.search(plain)
    if not (verb or article):
        return None
    for entry in find_terms(text):
        if entry.topic != topic_id or entry.strict or entry.own_subject:
            continue
        if any(re.search(term, said) for term in entry.terms):
            continue  # the topic speaks of it: its own sentences answer
        done = stems(verb.group(1) if verb else " ".join(plain[article.end() :].split()[:8]))
        if not done & stems(entry.text) - stems(" ".join(entry.terms)):
            continue  # what is asked to do (« réserver ») is not what the entry says of it
        lead = compose([entry.text])
        if article and not cited_articles(entry.text):
            lead = f"Je n'ai pas dans mes sources l'article du code qui le prévoit. {lead}"
        return lead
    return None


# « peut-on réserver … ? », « on peut réserver … ? »: what the buyer asks to do.
MAY_DO = re.compile(
    r"\b(?:peut on|on peut|peut il|peut elle|peuvent ils|est il possible d|a t on le droit d|puis je"
    r"|pouvons nous|pouvez vous|peut etre)e? (?:aussi |egalement )?(?:le |la |les |l |en |y )?([a-z]{4,})"
)
# « … et quel rapport avec les clauses sociales ? », « son lien avec … »: a relation asked after a term.
RELATION_ASKED = re.compile(
    r"\b(?:et )?(?:quel(?:le)?s? (?:est )?)?(?:le |son |leur |les )?(?:rapports?|liens?) (?:avec|entre)\b.*$",
    re.IGNORECASE,
)
# Glossary entries of a code (« le CCP »): named beside an article, they only say where the article is.
CODE_ENTRIES = frozenset({"ccp"})


UNLISTED_MEMBER = (
    "Je n'ai pas d'information sur « {thing} » dans mes sources ; voici ce qu'elles disent du terme."
)


def glossary_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """The definition of a term the message asks about ("c'est quoi un ESAT ?", "SPASER ?")."""
    different = difference_reply(knowledge, ctx.text)
    if different:  # "différence entre coût global et coût du cycle de vie ?", whatever DIET read
        return different
    ordered = terms_by_nearness(ctx.text)
    # "une SCOP (économie sociale et solidaire), qui peut nous accompagner ?"; but "je débute, on me dit de
    # consulter des SIAE mais je ne sais pas ce que c'est" asks what the term is
    helping = asks_who_helps(ctx.text) or asks_where_to_start(ctx.text)
    if helping and not asks_what_it_is(ctx.text) and not any(asks_term_itself(ctx.text, e) for e in ordered):
        return None
    cites_article = bool(known_cited_articles(ctx.text))
    for rank, entry in enumerate(ordered):
        if inside_unknown_name(ctx.text, entry):
            continue  # "c'est quoi le label Engagé RSE ?": a label the sources lack, not the RSE
        if (
            cites_article and entry.id in CODE_ENTRIES and not asks_term_itself(ctx.text, entry)
        ) or names_article_code(ctx.text, entry):
            continue  # "L. 2113-13 du CCP ?", "R2113-7 du code de la commande publique ?": the article
        # "coordinateur de la clause sociale": one term; a guide or a product named in a sentence before
        # the question is context ("Pour le lot espaces verts, on me parle de SIAE. C'est quoi ?")
        asked = defining_sentence(ctx.text, entry)
        alone = ctx if asked == ctx.text else replace(ctx, text=asked, product_in_message=None)
        if asks_agec_share(knowledge, alone, entry):
            return None
        # the terms farther from the question are context (« dans notre SPASER … la MACS, c'est quoi ? »)
        farther = ordered[rank + 1 :] if asked == ctx.text and defines(asked, entry) else []
        # "c'est quoi la DREETS et quel rapport avec les clauses sociales ?": the topic of the relation asked
        # is not what is defined
        named = topics_named_outside(RELATION_ASKED.sub(" ", heard_part(asked, entry)), entry, farther)
        if any(topic != entry.topic for topic in named):
            continue  # "c'est quoi le label bâtiment biosourcé ?": the topic named answers it
        # "la DREETS, c'est qui ?" asks what it is; "au CGDD, c'est qui le responsable ?" asks someone
        itself = asks_term_itself(asked, entry)
        if (defines(ctx.text, entry) or is_bare_term(ctx.text, entry) or itself) and may_define(asked, entry):
            thing = unlisted_member(asked, entry)
            if thing:  # "la terre crue, c'est biosourcé ?": the sources do not name it, then the definition
                reply = definition_reply(entry)
                return replace(reply, text=f"{UNLISTED_MEMBER.format(thing=thing)}\n{reply.text}")
            lacking = unknown_detail(asked, [entry.text])
            if lacking:  # "c'est quoi le numéro de l'AVE ?": the number is not known, said first
                reply = definition_reply(entry)
                return replace(reply, text=f"{lacking}\n{reply.text}")
            return definition_reply(entry)
        if ctx.place_in_message and FIGURE in aspects(asked):
            continue  # "combien de postes en Occitanie ?": an entry's figures are national, not the place's
        if asks_fact_given(asked, entry) and (may_define(asked, entry) or FIGURE in aspects(asked)):
            return fact_first(
                definition_reply(entry), asked
            )  # "la RE2020, quel décret ?": its entry cites it
    return None


def term_asked_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """What a term is, when the message asks it, whatever DIET read (« ESS ca veut dire quoi » read as a
    request for a person): the glossary's definition, or said not in the sources."""
    if not asks_what_it_is(ctx.text):
        return None
    return glossary_reply(knowledge, ctx) or unknown_term_reply(knowledge, ctx.text, bool(ctx.question))


def fact_first(reply: Reply, question: str) -> Reply:
    """The entry's sentence that answers the fact asked, first (« … dépasse 50 millions d'euros … »)."""
    lead = lead_sentence(question, "", reply.text)
    if not lead or reply.text.startswith(lead) or lead not in reply.text:
        return colon_part_first(reply, question)
    rest = " ".join(reply.text.replace(lead, " ").split())
    pronoun = re.match(r"(?:Il|Elle|Ils|Elles) ", lead)
    subject = re.match(r"((?:\S+ ){1,5}?)(?:est|sont) ", reply.text)
    if pronoun and subject:  # « Il est obligatoire … » first: « Le SPASER est obligatoire … »
        lead = subject.group(1) + lead[pronoun.end() :]
    elif pronoun:
        return reply
    return replace(reply, text=f"{lead} {rest}")


def colon_part_first(reply: Reply, question: str) -> Reply:
    """A one-sentence entry « X sont … : l'appel à projets … a créé un coordinateur par région. » led by the
    part after the colon when that part answers the figure asked (« combien de coordinateurs ? »)."""
    head, colon, tail = reply.text.partition(" : ")
    if not colon or not tail[:1].islower() or "\n" in head or len(units(reply.text)) > 1:
        return reply
    noun = counted_noun(question)
    if not noun or states_count(head, noun) or not states_count(tail, noun):
        return reply
    return replace(reply, text=f"{tail[:1].upper()}{tail[1:]} {head}.")


# Precise facts a glossary entry may give: the decree or law that sets it up, when it dates from (an
# article asked is the topic's: "réserver aux SIAE, quel article ?" is on reserving).
# "la MAPCE c'est pour quelle région ?": the region a structure's entry names.
ASKS_REGION = re.compile(
    r"\b(?:pour |dans |sur )?quelles? regions?\b|\bc est (?:ou|dans quelle region)\b|\bbasee? ou\b"
)
GIVES_REGION = re.compile(
    r"\b(?:ile de france|francilien\w*|bretagne|normandie|occitanie|nouvelle aquitaine|hauts de france"
    r"|grand est|corse|pays de la loire|centre val de loire|bourgogne franche comte|auvergne rhone alpes"
    r"|provence alpes cote d azur|la reunion|guadeloupe|martinique|guyane|mayotte)\b"
)
# "la RE2020 s'applique à la rénovation ?": the buildings it covers (« des bâtiments neufs »)
FACT_KINDS = (
    (ASKS_TEXT_KIND, GIVES_TEXT),
    (ASKS_WHEN, GIVES_WHEN),
    (ASKS_BUILDINGS, GIVES_BUILDINGS),
    (ASKS_REGION, GIVES_REGION),
)


def entry_title(entry: Entry) -> str:
    """What a glossary entry is about, in words ("spaser", "operateur economique"): a question's words
    naming it are not a subject its sentences must repeat ("le seuil du SPASER ?": « Il est obligatoire
    … au-delà de 50 millions »)."""
    return entry.id.replace("_", " ")


def asks_fact_given(text: str, entry: Entry) -> bool:
    """The message asks a precise fact about the term (its decree, its date) that its entry gives, and no
    fact the entry lacks."""
    plain = question_form(text)
    given = normalize(entry.text)
    wanted = aspects(text)
    if unknown_detail(text, [entry.text]) or unknown_aspect(text, [entry.text], entry_title(entry)):
        return False
    if FIGURE in wanted:  # "ça pèse combien d'euros ?": only a figure the entry surely gives
        return bool(figure_is_known([entry.text], text, wanted, True))
    if not any(asks.search(plain) and gives.search(given) for asks, gives in FACT_KINDS):
        return False
    return figure_is_known([entry.text], text, wanted, False) is not False


# A law or a decree named by its number: that text's topic, whatever DIET read.
LEGAL_REFERENCE = re.compile(r"\b(?:decret|loi)(?: n)? \d{4} ?\d{2,4}\b|\b20\d\d \d{2,4}\b")
# A law's article ("l'article 35 impose aussi … ?"): it names its topic unless the topic read cites it too.
LAW_ARTICLE = re.compile(r"\barticles? (\d{1,3})\b(?! du code)")
PLAN_ACTION = re.compile(
    r"\b(?:quelle|quelles) actions? (?:du|de ce|de son) (?:pnad|plan)\b|\baction \d+ du pnad\b"
    # "et l'action sur les réseaux, c'est laquelle ?" after the PNAD's actions
    r"|^(?:et )?l action (?:sur|pour|concernant|consacree? aux?) .{0,60}\b(?:laquelle|quel numero)\b"
    # "quel ministère porte le volet social du PNAD (les facilitateurs) ?": a part of the plan
    r"|\bvolets? (?:social|sociaux|environnementa(?:l|ux)) (?:du|de ce|de son) (?:pnad|plan)\b"
)


def best_named_topic(knowledge: KnowledgeBase, named: List[str], text: str) -> Optional[str]:
    """Of the several topics a message names, the one whose texts hold most of its words, when only one
    does ("la clause sociale devient-elle obligatoire au-dessus des seuils européens ?")."""
    asked = stems(text)
    scores = sorted(
        (
            (len(asked & stems(" ".join(topic_texts(knowledge.topics[name])))), name)
            for name in named
            if name in knowledge.topics
        ),
        reverse=True,
    )
    if len(scores) < 2 or scores[0][0] == scores[1][0]:
        return None
    return scores[0][1]


def cites_other_article(text: str, question_texts: str) -> bool:
    """The message names a law's article that the topic read never cites ("article 35" read as AGEC)."""
    cited = normalize(question_texts)
    return any(f"article {number}" not in cited for number in LAW_ARTICLE.findall(question_form(text)))


PRIVATE_HELPERS = frozenset(
    "ask_cci ask_cna ask_agefiph ask_entreprises_engagent ask_conseillers_entreprises".split()
)


def overrides_intent(text: str, named: List[str], question: Optional[str], question_texts: str = "") -> bool:
    """The message names one topic other than DIET's, by a legal reference, a plan's action, or as the
    owner of a detail the knowledge never holds ("qui est le ministre ... ?")."""
    plain = question_form(text)
    if PLAN_ACTION.search(plain):
        return question != "ask_pnad"
    if len(named) != 1 or named[0] == question:
        return False
    return (
        # "CESAR : combien d'acheteurs par an, et quel coût pour une entreprise ?": the one helper named,
        # not all the helpers of private buyers
        (question == "ask_private_support" and named[0] in PRIVATE_HELPERS)
        or bool(LEGAL_REFERENCE.search(plain))
        or cites_other_article(text, question_texts)
        or unknown_detail(text, []) is not None
    )


# Topics whose answer depends on the place: a place in the message pulls DIET towards them.
PLACE_PULLED = ("ask_network", "ask_guichet_vert", "ask_facilitator")
# Topics that are one national thing (a plan, a law, a platform, a label): the same answer everywhere.
NATIONAL_ONLY_TOPICS = frozenset(
    "ask_pnad ask_rapidd ask_climate_law ask_agec ask_agec_declaration ask_marche_inclusion"
    " ask_biosourced_label ask_ecolabels".split()
)


# Whether the thing just answered applies to the buyer ("ça change quelque chose pour nous ?").
APPLIES_TO_US = re.compile(
    r"\b(?:ca|cela) (?:change|changera|modifie) (?:quelque chose|qqch|qq chose|quoi) pour (?:nous|moi)\b"
    r"|\b(?:ca|cela) (?:nous|me) concerne\b|\b(?:ca|cela) s applique (?:a|pour) (?:nous|moi)\b"
    r"|\bon est concernee?s?\b|\bsommes nous concernee?s\b|\bnous sommes concernee?s\b"
)


def place_pulled_topic(ctx: Context, named: List[str]) -> Optional[str]:
    """DIET read a territorial topic because the message gives a place, but the message names only one
    other topic, whose answer does not depend on the place ("Région Bretagne, service achats. Le PNAD est
    piloté par quel organisme ?"): that topic."""
    if ctx.intent not in (*PLACE_PULLED, "inform") or ctx.place_in_message is None:
        return None
    applies = APPLIES_TO_US.search(question_form(ctx.text))
    if not named and applies and ctx.previous_question in NATIONAL_ONLY_TOPICS:
        # "je suis à Caen, ça change quelque chose pour nous ?" after the Climate law: that law, everywhere
        return ctx.previous_question
    if ctx.intent == "inform" or len(named) != 1:
        return None
    if asks_who_helps(ctx.text) or LOCAL_REFERENCE.search(question_form(ctx.text)):
        return None  # "… clauses environnementales : quelqu'un peut-il me conseiller ?": the local desk
    return named[0] if named[0] in NATIONAL_ONLY_TOPICS else None


def topic_of_question(text: str, named: List[str], question: Optional[str]) -> Optional[str]:
    """The one topic the final question names, when the context before it named the topic read
    (``question``) and the question itself names another one only."""
    part = asked_part(text)
    if part == text or question not in named:
        return None
    in_question = named_topics(part)
    if len(in_question) != 1 or in_question[0] == question or in_question[0] not in KNOWN_QUESTIONS:
        return None
    context = text[: len(text) - len(part)]
    return in_question[0] if question in named_topics(context) else None


PEER_EXCHANGE_RE = re.compile(PEER_EXCHANGE)
# A platform, a tool online asked for (« une plateforme pour échanger entre acheteurs ? »): RAPIDD's.
PLATFORM_ASKED = re.compile(
    r"\bplate ?formes?\b|\boutils? (?:en ligne|numeriques?|collaboratifs?)\b|\bforums?\b"
    r"|\bsites? (?:internet |web )?(?:pour|ou|d echange)\b|\bespaces? (?:d echange|en ligne|collaboratif)"
)
NETWORK_ASKED = re.compile(r"\breseaux? (?:regiona\w*|d acheteurs|achats?)\b|\bquels? reseaux?\b")
RAPIDD_NAMED = re.compile(r"\brapidd?\b")  # the platform named, even misspelt ("une plateforme rapid")
# A business named in a message with no buyer type ("direction achats d'une grande entreprise").
BUSINESS_WORDS = re.compile(r"\b(?:entreprises?|societes?|boites?|pme|tpe|eti|groupes?|associations?)\b")
TRAINING_ENTRY = "formation"  # the glossary entry on training, whose regional relay is the network


def subject_replies(knowledge: KnowledgeBase, ctx: Context) -> List[Reply]:
    """A question on a subject that has no topic of its own (the national portal, training), when the
    message names no topic: its glossary entry, after what it lacks."""
    entry = next((e for e in find_terms(ctx.text) if e.own_subject), None)
    if entry is None:
        return []
    # "REEN, c'est la même chose que l'article 58 AGEC ?": the entry that speaks of the other topic named
    # answers; otherwise that topic does
    if any(topic not in named_topics(entry.text) for topic in topics_named_outside(ctx.text, entry)):
        return []
    return term_replies(knowledge, ctx, entry)


def with_training_relay(
    knowledge: KnowledgeBase, ctx: Context, entries: List[Entry], replies: List[Reply]
) -> List[Reply]:
    """An answer on training for a public buyer whose place is known, followed by their regional network
    ("des formations près de chez nous ?")."""
    if replies and any(e.id == TRAINING_ENTRY for e in entries) and ctx.place and not ctx.private:
        return replies + [network_reply(knowledge, ctx.place)]
    return replies


def term_replies(knowledge: KnowledgeBase, ctx: Context, entry: Optional[Entry] = None) -> List[Reply]:
    """A message not understood that names a term of the glossary ("quel article impose le SPASER ?",
    "l'adresse postale du CGDD ?"): what the glossary says of it (of ``entry``, else of the first term
    named), after what it lacks, if anything."""
    entries = [
        term
        for term in find_terms(ctx.text)
        if may_define(ctx.text, term) and not names_article_code(ctx.text, term)  # "R2113-7 du CCP"
    ]
    if not entries:
        return []
    entry = entry or entries[0]
    # a share of an AGEC category is the AGEC topic's, unless the subject named gives shares of its own
    # ("la loi REEN, quels pourcentages pour le matériel informatique réformé ?")
    if asks_agec_share(knowledge, ctx, entry) and not (entry.own_subject and "%" in entry.text):
        return []
    wanted = aspects(ctx.text)
    lacking = unknown_detail(ctx.text, [entry.text]) or unknown_aspect(
        ctx.text, [entry.text], entry_title(entry)
    )
    if not lacking and figure_is_known([entry.text], ctx.text, wanted, FIGURE in wanted) is False:
        # and where to ask it ("combien d'ESAT du Finistère ?": the directory that lists them)
        lacking = unknown_figure_reply(ctx.question or entry.topic, ctx.text, wanted, [])[0].text
    replies = ([Reply(lacking)] if lacking else []) + [definition_reply(entry)]
    return with_training_relay(knowledge, ctx, [entry], replies)


def other_topic_term(ctx: Context) -> Optional[Entry]:
    """The glossary term a follow-up names, when it belongs to another topic than the one just answered
    and the message names no topic: the follow-up turns to that term, not to the last topic."""
    if ctx.intent != "follow_up" or not ctx.question or named_topics(ctx.text):
        return None
    return next(
        (
            entry
            for entry in find_terms(ctx.text)
            if entry.topic in KNOWN_QUESTIONS and entry.topic != ctx.question and may_define(ctx.text, entry)
        ),
        None,
    )


# Whether a product may be bought, or under which rule: "c'est interdit ?", "on a le droit ?".
RULE_ASKED = re.compile(
    r"\b(?:interdit\w*|autoris\w*|droit|oblig\w*|regles?|loi|legal\w*|peut on|on peut|encore)\b"
    r"|\bc est du plastique\b"
)


DISPOSABLE = re.compile(r"\b(?:plastiques?|jetables?)\b")


# « gobelets en carton », « couverts en bambou »: a disposable item of another material than plastic.
OTHER_MATERIAL = re.compile(
    r"\b(?:gobelets?|couverts|vaisselle|assiettes?|pailles?|touillettes?|barquettes?|sacs?)"
    r"(?: (?:jetables?|a usage unique))? (?:en |de )?(?:carton|papier|bois|bambou|verre|inox|metal|amidon"
    r"|compostables?|biosources?|biodegradables?|cellulose)\b"
)


def product_rule_replies(knowledge: KnowledgeBase, ctx: Context) -> Optional[Tuple[List[Reply], str]]:
    """The rule of the products a message names (single-use plastics) and its topic; for an item of
    another material (« gobelets en carton, c'est autorisé ? ») the sources do not say whether it is
    covered: said first, before the rule."""
    plain = question_form(ctx.text)
    material = OTHER_MATERIAL.search(plain) if RULE_ASKED.search(plain) else None
    ruled = product_rule_asked(knowledge, ctx)
    if material:
        entry = ruled or next(entry for entry in ENTRIES if entry.product_rule)
        item = as_written(ctx.text, material.group(0))
        lead = Reply(
            f"Mes sources ne disent pas si « {item} » est concerné : la règle ci-dessous vise les produits "
            "en plastique à usage unique. Le guichet vert de votre région peut vous le confirmer."
        )
        return [lead, definition_reply(entry)], entry.topic or "ask_agec"
    if ruled:
        return term_replies(knowledge, ctx, ruled) or [definition_reply(ruled)], ruled.topic or "ask_agec"
    return None


def product_rule_asked(knowledge: KnowledgeBase, ctx: Context) -> Optional[Entry]:
    """The entry that rules the products a message names (single-use plastics), when the message asks
    what rule applies to them and no category of the AGEC rates holds them."""
    plain = question_form(ctx.text)
    if not RULE_ASKED.search(plain):
        return None
    ruled = next((entry for entry in find_terms(ctx.text) if entry.product_rule), None)
    if ruled and DISPOSABLE.search(plain):  # "sacs poubelle en plastique, on peut encore ?": not the bins
        return ruled
    if find_product_category(knowledge.agec, ctx.product_in_message, ctx.text) is not None:
        return None
    return ruled


# A follow-up whose subject is a pronoun for the thing just answered (« elle interdit … ? »).
PRONOUN_SUBJECT = re.compile(
    r"^(?:et |mais |ok |alors |du coup )?(?:il|elle|ils|elles|ca|cela)\b(?! (?:y a|faut)\b)"
)
MAX_TERM_FOLLOW_UP_WORDS = 14


def own_topic_term(ctx: Context) -> Optional[Entry]:
    """The one glossary term of the topic just answered that a pronoun follow-up asks about (« elle
    interdit le plastique jetable ? » after the AGEC law: the entry on single-use plastics), when the
    last answer did not already give it: its entry answers, not the topic's general answer."""
    plain = question_form(ctx.text)
    if (
        not ctx.question
        or named_topics(ctx.text)
        or len(plain.split()) > MAX_TERM_FOLLOW_UP_WORDS
        or not PRONOUN_SUBJECT.search(plain)
        or asks_service_review(ctx.text)  # "ils font de la relecture de DCE ?": what the service does
    ):
        return None
    shown = " ".join((ctx.last_answer or "").split())
    entries = [
        entry
        for entry in find_terms(ctx.text)
        if entry.topic == ctx.question
        and may_define(ctx.text, entry)
        and " ".join(entry.text.split())[:60] not in shown
    ]
    return entries[0] if len(entries) == 1 else None


def defined_topic(text: str) -> Optional[str]:
    """The question topic of the first glossary term the message names ("SPASER" -> the climate law)."""
    topics = [entry.topic for entry in find_terms(text) if entry.topic in KNOWN_QUESTIONS]
    return topics[0] if topics else None


def words_of(text: str) -> List[str]:
    return re.findall(r"[a-z0-9]+", question_form(text))


# An obligation asked of no topic (« c'est depuis quand l'obligation ? » as a first question): which one.
OBLIGATION_NAMED = re.compile(r"\bobligat\w*|\bobligee?s?\b|\bimpos\w*")
MAX_OBLIGATION_WORDS = 8


def which_obligation(text: str) -> Optional[Reply]:
    """« De quelle obligation parlez-vous ? » for a short question on an obligation that names no topic."""
    plain = question_form(text)
    short = "?" in text and len(plain.split()) <= MAX_OBLIGATION_WORDS
    if OBLIGATION_NAMED.search(plain) and (short or WHEN in aspects(text)) and not named_topics(text):
        return Reply(WHICH_OBLIGATION, OBLIGATION_MENU)
    return None


WHICH_OBLIGATION = (
    "De quelle obligation parlez-vous ? Choisissez son sujet : je vous donnerai ce qu'elle impose et depuis "
    "quand."
)
OBLIGATION_MENU = [
    AGEC_BUTTON,
    {"title": "Loi Climat et résilience", "payload": "/ask_climate_law"},
    SOCIAL_CLAUSE_BUTTON,
]


def unknown_without_topic(ctx: Context) -> Optional[Reply]:
    """A figure asked about no topic the assistant knows: say so, then offer the menu."""
    if COST in aspects(ctx.text):
        return None  # "c'est payant ?" about no topic: the menu asks which one
    national_stat = NATIONAL_STAT.search(question_form(ctx.text))  # "quelle part des contrats ... ?"
    if not (counted_noun(ctx.text) or asks_money(ctx.text) or asks_duration(ctx.text) or national_stat):
        return None
    return Reply(
        "Je n'ai pas ce chiffre : il ne figure pas dans mes sources. Je peux en revanche vous orienter "
        "vers les bons interlocuteurs : de quel sujet s'agit-il ?",
        WELCOME_MENU,
    )


def plain_text(text: str) -> str:
    """The message without punctuation but the ends of sentences, for the keyword look-ups of the answer
    builders (a button's payload, "/ask_network{...}", holds no words of the user's). A "%" stays:
    "combien de % ?" asks a share."""
    if text.startswith("/"):
        return ""
    # The ends of sentences stay: the question after some context ("je travaille au conseil
    # départemental. Le guichet vert est pour nous ?") is what picks the lead sentence (focus.asked_part),
    # while the context may name the purchase ("Je lance un marché de formation. Quelles considérations
    # environnementales ?": the ideas for a training)
    return " ".join(re.sub(r"[^\w'’\-%.?!; ]", " ", text).split())


# Topics on named labels: a name given alone after them (« et l'ange bleu ? ») is another label.
LABEL_TOPICS = frozenset({"ask_ecolabels", "ask_biosourced_label"})


# A message that asks something, with or without its "?" ("les délais de paiement c'est combien").
ASKS_ANYTHING = re.compile(
    r"\?|\b(?:combien|comment|quand|pourquoi|quel|quelle|quels|quelles|est ce|savoir|peut on|puis je"
    r"|doit on)\b"
)


# The readings of « réseau » as a network of buyers or a platform of peers.
NETWORK_READINGS = ("ask_network", "ask_networks_overview", "ask_rapidd")


def route(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    """The replies to the latest message (``routed``), then two checks on them: a bare « pourquoi ? » that
    would get the text just shown gets its purpose or « no reason known »; a buyer abroad is told first
    that the sources cover France only. The State buyers' sentence is said to State buyers only."""
    outcome = routed(knowledge, ctx)
    buyer = ctx.buyer_in_message or ctx.buyer_type
    if buyer and outcome.replies:  # the State buyers' sentence for State buyers only
        first = state_sentence_for(outcome.replies[0], buyer)
        others = [
            state_sentence_for(reply, buyer) if buyer != "etat" else reply for reply in outcome.replies[1:]
        ]
        outcome = replace(outcome, replies=[first, *others])
    if repeats_for_why(ctx, outcome):  # "pourquoi ?" answered by the same text: its purpose, else none known
        purpose = purpose_sentence(outcome.replies)
        text = purpose or f"{WHY_UNKNOWN} {PORTAL_ROUTE}"
        return Outcome([Reply(text)], question=outcome.question, notes=["why"])
    abroad = abroad_help_reply(knowledge, ctx.text) if outcome.capabilities or outcome.out_of_scope else None
    if abroad:  # "je suis en Belgique, vous pouvez m'aider ?": no structure known there, the French contacts
        return Outcome([abroad], notes=["abroad"])
    country = None if ctx.place_in_message else places.foreign_country(ctx.text)
    if not country or not outcome.replies or any(ABROAD_SAID in reply.text for reply in outcome.replies):
        return outcome
    # "on est une commune belge, des conseils ?": the rules and services below are French ones
    notice = Reply(f"{country} : {ABROAD_SAID} ; je ne sais pas ce qui s'applique là-bas.")
    return replace(outcome, replies=[notice, *outcome.replies])


WHY_UNKNOWN = "Mes sources n'en disent pas plus que ma réponse précédente : je n'ai pas la raison."


# A sentence that gives a purpose: « … 22 actions pour faciliter l'application de la loi Climat … ».
PURPOSE = re.compile(r"\b(?:pour|afin d|afin de|vise a|visent a)\s+(?:\w+ )?\w+(?:er|ir|re)\b")


def purpose_sentence(replies: Sequence[Reply]) -> Optional[str]:
    """The first sentence of the replies that says what the thing is for, if any."""
    for reply in replies:
        for sentence in brevity_sentences(reply.text):
            if PURPOSE.search(question_form(sentence)):
                return sentence
    return None


def repeats_for_why(ctx: Context, outcome: Outcome) -> bool:
    """A bare « pourquoi ? » whose answer would only give again, line for line, what was just shown."""
    if not (ctx.last_answer and outcome.replies and asks_bare_why(ctx.text)):
        return False
    shown = [ctx.last_answer, *ctx.earlier_answers]
    lines = [line for reply in outcome.replies for line in reply.text.splitlines() if line.strip()]
    return all(any(line in one for one in shown) for line in lines)


# Help asked in so many words (« vous avez des ressources ? », « vous pouvez m'aider ? »).
HELP_ASKED = re.compile(r"\b(?:ressources?|aider|aide|accompagn\w*|conseils?|contacts?|reseaux?)\b")


def abroad_help_reply(knowledge: KnowledgeBase, text: str) -> Optional[Reply]:
    """Help asked from abroad (« je suis à Montréal au Québec, vous avez des ressources ? »): no structure
    known there, and the French national contacts, said as such."""
    plain = question_form(text)
    if not (HELP_ASKED.search(plain) or asks_who_helps(text) or asks_where_to_start(text)):
        return None
    country = places.foreign_country(text)
    return outside_reply(knowledge, country, "ask_network", abroad=True) if country else None


# What an answer says when the buyer works abroad (actions/territory.outside_reply says it too).
ABROAD_SAID = "mes sources ne couvrent que la France"


def routed(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    """The replies to the latest message (see the module docstring).

    A legal reference the knowledge lacks ("l'article L. 2112-2", "la loi EGalim") is said unknown first;
    the message is answered too only if it also names an article or a law the knowledge covers ("AGEC et
    EGalim ?"). An article the knowledge cites is answered by the topic that cites it."""
    lacking = [
        reply
        for reply in (
            unknown_article_reply(knowledge, ctx.text, WELCOME_MENU),
            # "et l'article 59 ?" after the AGEC law: an article of that law the knowledge does not cite
            unknown_law_article_reply(knowledge, ctx.text, ctx.question, WELCOME_MENU),
            uncovered_law_reply(ctx.text),
            # "la clause Molière est-elle légale ?": a clause no source names, never read as a social clause
            unknown_clause_reply(knowledge, ctx.text),
        )
        if reply
    ]
    known = known_cited_articles(ctx.text)
    foreign = (
        unknown_follow_up_reply(knowledge, ctx.text, ctx.question in LABEL_TOPICS)
        # « et la clause Molière ? » as a first message too
        if not ctx.has_detail
        else None
    )
    if foreign and not lacking:  # « et l'ange bleu allemand ? » after the écolabels: not in the sources
        return Outcome([foreign], notes=["unknown thing followed up"])
    if lacking and not (known or names_covered_law(ctx.text)):
        return Outcome(lacking, notes=["unknown legal reference"])
    if not lacking:
        cited = article_entry_reply(knowledge, known)
        if cited:  # "que dit l'article L. 3-1 ?": only the glossary cites it
            return Outcome([cited], notes=["article cited by the glossary only"])
        term = term_follow_up_reply(ctx.text, ctx.last_answer, named_topics(ctx.text))
        if term:  # "et qui est concerné ?" after "c'est quoi un SPASER ?": that term's sentence
            return Outcome([term], notes=["follow-up on the term just defined"])
        since = (
            no_obligation_reply(ctx.text, ctx.last_answer)  # "depuis quand l'obligation ?" of a mere advice
            or since_when_reply(ctx.text, ctx.last_answer)
            or share_of_last_reply(ctx.text, ctx.last_answer)
        )
        if since is None and ctx.last_answer.startswith("Je n'ai pas"):
            # "pour combien de collectivités ?" said unknown, then "depuis quand ?": of the answer before
            since = next(filter(None, (since_when_reply(ctx.text, one) for one in ctx.earlier_answers)), None)
        if since:  # "à partir de quelle année ?" after "… 50 % … depuis 2025": that sentence
            return Outcome([since], notes=["since when, of the answer just given"])
        meaning = acronym_reply(knowledge, ctx.text)
        if meaning:  # "ça veut dire quoi ARBE ?": what the structure's name stands for
            return Outcome([meaning], notes=["what a structure's acronym stands for"])
        does = (
            structure_since_reply(knowledge, ctx)
            or structure_does_reply(knowledge, ctx)
            or structure_unconfirmed_reply(knowledge, ctx)
            or structure_region_reply(knowledge, ctx)
        )
        if does:  # "il fait aussi les clauses sociales ?" after Maximilien: its sentence on them
            return Outcome([does], notes=["what the structure just named also does, or is not confirmed"])
    if asks_application_paperwork(ctx.text) and not named_topics(ctx.text):  # "remplir un DC1 ?"
        unknown = unknown_term_reply(
            knowledge, ctx.text, bool(ctx.question)
        )  # "DUME = ?": what it is, not in the sources
        if unknown:
            return Outcome([unknown], notes=["unknown term"])
        return Outcome([], notes=["application paperwork"], out_of_scope=True)
    personal = None if ctx.buyer_in_message else personal_purchase_reply(ctx.text, WELCOME_MENU)
    if personal:  # "je veux m'acheter un vélo reconditionné": a household's purchase, not an organisation's
        return Outcome([personal], notes=["personal purchase"])
    if names_technical_network(ctx.text):  # "mon réseau wifi ne marche plus": not a network of buyers
        return Outcome([], notes=["another kind of network"], out_of_scope=True)
    if off_domain(ctx.text) and not named_topics(ctx.text):  # "le VPN ne se connecte plus", "mes congés"
        return Outcome([], notes=["IT support or human resources"], out_of_scope=True)
    if ctx.intent in NETWORK_READINGS and only_technical_networks(ctx.text):
        # "le marché de notre réseau de chaleur, comment le verdir ?": a purchase question, not the buyers'
        # network; "vu sur les réseaux sociaux" names no platform
        named = named_topics(ctx.text)
        if ctx.intent not in named:
            topic = technical_network_topic(ctx.text, named)
            ctx = replace(ctx, intent=topic, question=topic)
    # "je suis dans une entreprise privée sous-traitante de la mairie": who the buyer is, no question
    says_who = bool(ctx.buyer_in_message) and not ASKS_ANYTHING.search(question_form(ctx.text))
    general = (
        None if named_topics(ctx.text) or says_who else general_rule_reply(knowledge, ctx.text, WELCOME_MENU)
    )
    if general and not glossary_reply(knowledge, ctx):  # "comment on calcule les pénalités de retard ?"
        # "que signifie BOAMP ?": a term of general procurement asked for: it is not in the sources
        unknown = unknown_term_reply(knowledge, ctx.text, bool(ctx.question))
        if unknown:
            return Outcome([general_term_reply(knowledge, unknown)], notes=["unknown term"])
        return Outcome([general], notes=["general procurement rule"])
    if ctx.confidence < UNSURE and not named_topics(ctx.text):  # "j'ai besoin d'un avis juridique"
        unsure_limit = limit_reply(ctx.text, WELCOME_MENU)
        if unsure_limit:
            return Outcome([unsure_limit], notes=["not done by the assistant"])
    limit = limit_reply(ctx.text)
    if limit:  # "pouvez-vous me rédiger une clause sociale ?": said first, then the topic's answer
        lacking.append(limit)
    citing = citing_topic(knowledge, known[0]) if known else None
    elsewhere = article_elsewhere_reply(knowledge, ctx.text, known[0], citing) if citing else None
    if elsewhere:  # "l'article R. 2113-7 impose des biosourcés ?": that article is on another subject
        return Outcome([elsewhere], question=citing, notes=["article cited for another subject"])
    if citing and citing != ctx.question:  # "l'article L. 2113-13, il dit quoi ?" read as the AGEC law
        ctx = replace(ctx, intent=citing, question=citing)
    calls = regional_calls_reply(knowledge, ctx.text, ctx.place, ctx.question)  # the region's DREETS
    rest = (
        Outcome([calls], question="ask_facilitator", notes=["facilitators' calls: region"]) if calls else None
    ) or (network_facts_outcome(knowledge, ctx) or route_message(knowledge, ctx))
    # before the repeats are cut: the place request was what told a repeated answer apart
    rest = without_unasked_place_request(knowledge, rest, ctx)
    if rest.replies and not ctx.asked_again:  # "c'est quel article ?": the sentence citing it leads
        rest.replies[0] = led_by_article(knowledge, ctx.text, rest.replies[0])
    if limit and not rest.replies:  # "tu peux relire mon CCTP ?" and nothing else to answer
        lacking[-1] = limit_reply(ctx.text, WELCOME_MENU) or limit
    if citing:
        rest = replace(rest, question=rest.question or citing)
    beside = term_beside_topic(knowledge, ctx.text, rest.question or ctx.question) if rest.replies else None
    if beside and not lacking:  # « peut-on réserver un marché aux entreprises de l'ESS ? »: the ESS's entry
        first = rest.replies[0]
        rest.replies[0] = replace(first, text=f"{beside}\n{first.text}")
    subject = None if lacking or not rest.replies else unknown_subject_reply(knowledge, ctx.text)
    if subject:  # « un GEIQ peut-il répondre à un marché réservé ? »: the GEIQ said unknown first
        lacking.append(subject)
    replies = [*lacking, *rest.replies]
    if ctx.asked_again:  # the same question typed again: the same answer
        return replace(rest, replies=replies) if lacking else rest
    replies = recalled_structure(ctx, replies)
    # a follow-up never gets the answer just shown again, word for word (actions/repeats.py)
    detail = ctx.has_detail or ctx.intent == "inform"
    # a button, "c'est quoi déjà ?"; not "c'est quoi leurs clubs ?", a part of the thing just answered
    again = ctx.text.startswith("/") or (
        asks_what_it_is(ctx.text) and not PART_OF_IT.search(question_form(ctx.text))
    )
    unrepeated = without_repeats(
        knowledge,
        ctx.text,
        ctx.last_answer,
        replies,
        rest.question or ctx.question,
        lead=not (detail or again),
        earlier=ctx.earlier_answers,
    )
    outcome = replace(rest, replies=unrepeated) if lacking or unrepeated != rest.replies else rest
    return brief_outcome(knowledge, ctx, on_social_side(without_place_request(outcome, ctx), ctx))


# « quel réseau pour nous ? », « c'est lequel, notre réseau ? »: the buyer's own structure asked by name.
WHICH_STRUCTURE = re.compile(
    r"\b(?:quel(?:le)?s? (?:est (?:le |la |notre |mon |ma )?)?(?:reseau|guichet|structure|facilitateur)"
    r"|lequel|laquelle)\b"
)
RECALL = "Pour rappel : "


def recalled_structure(ctx: Context, replies: List[Reply]) -> List[Reply]:
    """The buyer's structure asked for by name (« quel réseau pour nous ? ») right after the answer that
    gave it: said again, marked as a reminder, rather than cut as a repeat down to the topic's general
    lead (« Dans de nombreuses régions… »)."""
    if not (replies and ctx.place is not None and not ctx.place_in_message):
        return replies
    first = replies[0].text.splitlines()[0] if replies[0].text else ""
    shown = (ctx.last_answer, *ctx.earlier_answers)
    if not (first and " — " in first and any(first in text for text in shown)):  # the place — its structure
        return replies
    if not WHICH_STRUCTURE.search(question_form(ctx.text)):
        return replies
    return [replace(replies[0], text=RECALL + replies[0].text), *replies[1:]]


def network_facts_outcome(knowledge: KnowledgeBase, ctx: Context) -> Optional[Outcome]:
    """A national fact about the regional networks asked without a place in the message (« combien de
    réseaux ? », « comment adhérer ? », « quelles régions n'en ont pas ? »): the fact first
    (actions/network_facts.py), never the overview. A follow-up without « réseau » counts when the
    conversation is on the networks; a structure named (« RESECO ») or a place given keeps its own
    answer, and so does a date asked after the buyer's own network (« créé quand ? » is about it)."""
    if ctx.place_in_message or ctx.text.startswith("/") or only_technical_networks(ctx.text):
        return None
    plain = question_form(ctx.text)
    names = [
        normalize(name)
        for network in knowledge.networks.networks
        for name in (network.short_name, *network.aliases)
    ]
    if any(re.search(rf"\b{re.escape(name)}\b", plain) for name in names if len(name) > 2):
        return None
    says_network = bool(network_facts.NETWORK_WORD.search(plain))
    facet = network_facts.network_facet(
        ctx.text, about_networks=ctx.previous_question in network_facts.NETWORK_TOPICS
    )
    if facet is None or (facet == network_facts.SINCE and ctx.place is not None and not says_network):
        return None
    own = ctx.place is not None and facet in (network_facts.FEE, network_facts.JOIN, network_facts.WHO)
    place_line = network_reply(knowledge, ctx.place).text.splitlines()[0] if own else ""
    replies = network_facts.network_fact_replies(
        knowledge, facet, place_line, private=ctx.private and not ctx.public
    )
    if not replies:
        return None
    return Outcome(replies, question="ask_network", notes=[f"network fact: {facet}"])


NAME_ROOM = 1  # words the name of what is unknown may add before brevity keeps less after it


def brief_outcome(knowledge: KnowledgeBase, ctx: Context, outcome: Outcome) -> Outcome:
    """An answer led by « je n'ai pas ... » names the regional network when the place is known, and stays
    short (actions/brevity.py)."""
    place = ctx.place_in_message or ctx.place
    region = place.region_code if place else None
    replies = with_regional_route(knowledge, list(outcome.replies), region, ctx.private)
    replies = unknown_first(replies, ctx.text)
    topic = outcome.question or ctx.question
    # named after brevity chose what stays (it reads the generic sentence), in the room left by the name
    added = sum(map(word_count, (r.text for r in with_subject(replies, ctx.text, topic))))
    added -= sum(word_count(reply.text) for reply in replies)
    replies = brief_after_unknown(replies, ctx.text, MAX_ANSWER_WORDS - max(0, added - NAME_ROOM))
    replies = with_route(with_subject(replies, ctx.text, topic))
    return replace(outcome, replies=replies) if replies != outcome.replies else outcome


# An answer's offer to be told the place ("… ou indiquez-moi votre région", « Dites-moi où vous
# travaillez : … »): a clause led by « ou », or a whole sentence.
PLACE_ASKED = r"(?:votre (?:ville|département|région)|où vous travaillez)"
PLACE_REQUEST_CLAUSE = re.compile(r",? ou (?:indiquez|dites)-moi " + PLACE_ASKED)
PLACE_REQUEST_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))(?:Pour [^.!?\n]*, )?(?:[Ii]ndiquez|[Dd]ites)-moi "
    + PLACE_ASKED
    + r"[^.!?\n]*[.!?]"
)


# Words of a follow-up that asks only for the national scope ("et au niveau national alors ?").
SCOPE_FILLER = frozenset(
    "et alors ok d accord mais sinon c est ca quoi qu en dans general pour la le les globalement".split()
)
# A sentence of a topic's details that states a national fact: a count of the structures, who runs them
# nationally.
NATIONAL_FACT = re.compile(r"\b\d[\d ]* (?:facilitateurs|réseaux|guichets)\b|\banimé par\b|\bnationale?\b")


def only_scope(text: str) -> bool:
    """The message asks for the national scope and nothing else ("et au niveau national ?", "et dans toute
    la France ?")."""
    plain = question_form(text)
    if not NATIONAL_SCOPE.search(plain):
        return False
    rest = NATIONAL_SCOPE.sub(" ", plain).split()
    return all(word in SCOPE_FILLER or len(word) < 2 for word in rest)


def with_national_facts(reply: Reply, topic: Topic) -> Reply:
    """The reply led by the national facts of the topic's details (at most two sentences)."""
    sentences = re.split(r"(?<=[.!?])\s+|\n", topic.details or "")
    facts = [sentence for sentence in sentences if NATIONAL_FACT.search(sentence)][:2]
    if not facts:
        return reply
    # the national facts only; the general answer goes behind « En savoir plus »
    return replace(
        reply, text=" ".join(facts), details="\n".join(part for part in (reply.text, reply.details) if part)
    )


def without_place_request(outcome: Outcome, ctx: Context) -> Outcome:
    """A place is known (given in the message or remembered): no answer offers to be told it again
    ("je suis en Corse, combien de réseaux régionaux en France ?" gets the 11 networks, not « indiquez-moi
    votre région »)."""
    if ctx.place is None or outcome.awaiting_location:
        return outcome
    replies = []
    for reply in outcome.replies:
        text = strip_place_request(reply.text)
        replies.append(replace(reply, text=text) if text and text != reply.text else reply)
    return replace(outcome, replies=replies)


# The answers that may be national (how many networks, since when, what the inter-réseaux or the guichet
# vert is): the place is asked only when the answer depends on it.
NATIONAL_ANSWER_TOPICS = ("ask_network", "ask_networks_overview", "ask_guichet_vert", "ask_facilitator")
# The buyer asks about their own area: their network, desk or facilitator, near them.
OWN_AREA = re.compile(
    r"\b(?:mon|ma|mes|notre|nos) (?:reseaux?|facilitateurs?|guichets?|territoire|secteur|bassin|departement"
    r"|coin|region|ville|commune|zone|agglo\w*|metropole|collectivite)\b|\bchez (?:moi|nous)\b"
    r"|\bdans (?:le|mon|notre) coin\b|\bpres de\b|\ble plus proche\b|\blocal(?:e|es|aux|ement)?\b"
    r"|\bpas loin\b|\ba proximite\b|\bpour (?:moi|nous)\b|\b(?:me|nous) concerne\b|\bpar ici\b"
)


def asks_own_area(text: str) -> bool:
    """The message asks about the buyer's own area (« mon réseau », « près de chez moi », « qui contacter
    pour nous ? »), not only national facts (« combien de réseaux en France ? »)."""
    plain = question_form(text)
    if OWN_AREA.search(plain):
        return True
    return wants_own_contact(text) and not STRONG_NATIONAL.search(plain)


def strip_place_request(text: str) -> str:
    """``text`` without its offer to be told the place (a clause « … ou indiquez-moi votre région », or a
    whole sentence « Indiquez-moi votre ville … »)."""
    text = PLACE_REQUEST_CLAUSE.sub("", text)
    text = PLACE_REQUEST_SENTENCE.sub("", text)
    return re.sub(r"[ \t]+\n", "\n", re.sub(r"\n{2,}", "\n", text)).strip()


def without_unasked_place_request(knowledge: KnowledgeBase, outcome: Outcome, ctx: Context) -> Outcome:
    """A national answer (how many networks, since when, what the inter-réseaux or the guichet vert does)
    does not end by asking the buyer's place: the answer does not depend on it, and a button (« Mon réseau
    régional ») offers the local one. Kept when the buyer asks about their own area, for a button's
    payload, when the answer waits for the place, and in the general answer on the networks, whose point
    is the buyer's own network."""
    topic = outcome.question or ctx.question or ctx.intent
    if ctx.place is not None or outcome.awaiting_location or ctx.text.startswith("/"):
        return outcome
    # a national fact on the networks (how many, since when, who may join…) is national whatever verb it
    # uses (« qui peut adhérer ? »): only the buyer's own area asks for the place
    fact = any(note.startswith("network fact:") for note in outcome.notes)
    own = OWN_AREA.search(question_form(ctx.text)) if fact else asks_own_area(ctx.text)
    if topic not in NATIONAL_ANSWER_TOPICS or own:
        return outcome
    if any(UNKNOWN_FIRST.match(reply.text) for reply in outcome.replies):
        return outcome  # after « je n'ai pas ce chiffre », the buyer's own structure is where to ask
    general = knowledge.topics["ask_network"].answer
    replies = []
    for reply in outcome.replies:
        text = reply.text if general in reply.text else strip_place_request(reply.text)
        if not text or text == reply.text:
            replies.append(with_own_area_button(reply, topic) if text else reply)
            continue
        replies.append(with_own_area_button(replace(reply, text=text), topic))
    return replace(outcome, replies=replies) if replies != outcome.replies else outcome


def on_social_side(outcome: Outcome, ctx: Context) -> Outcome:
    """ "Une clause sociale devient obligatoire depuis août 2026 ?": the Climate law answers, but the
    buyer's subject is the clause; its follow-ups ("on la rédige comment, qui peut nous aider ?") are on
    the clause (the topic remembered), once the answer is built."""
    answered = outcome.question or ctx.question
    if answered == "ask_climate_law" and outcome.replies and SOCIAL_SIDE.search(question_form(ctx.text)):
        return replace(outcome, question="ask_social_clause")
    return outcome


# The social side of a public contract named ("une clause sociale", "le volet social", "l'insertion").
SOCIAL_SIDE = re.compile(r"\bclauses? (?:sociales?|d insertion)\b|\bvolet social\b|" + SOCIAL_CONDITION)
# "c'est quoi leurs clubs ?", "c'est quoi son rôle ?": a part of the thing just answered, not it again.
PART_OF_IT = re.compile(r"\b(?:leurs?|ses|son|sa)\b")


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


def route_message(knowledge: KnowledgeBase, ctx: Context) -> Outcome:
    different = difference_reply(knowledge, ctx.text, ctx.last_answer or "")
    if different:  # its follow-ups ("je peux exiger l'un des deux ?") are about the first thing compared
        compared = [button["payload"].lstrip("/") for button in different.buttons or []]
        first = next((topic for topic in compared if topic in knowledge.topics), None)
        return Outcome([different], question=first, notes=["difference"])
    defined = glossary_reply(knowledge, ctx)
    terms = find_terms(ctx.text)
    if defined and (
        ctx.intent != "inform"
        or any(is_bare_term(ctx.text, e) or asks_term_itself(ctx.text, e) for e in terms)
    ):
        # "et une MDE ?" after "c'est quoi un PLIE ?"; the term's topic is kept for the follow-ups
        shown = [entry for entry in terms if entry.text in defined.text]
        topic = defined_topic(ctx.text)
        # "combien de SIAE en Gironde et c'est quoi une SIAE ?": what it is, then the figure not known
        lacking = part_unknown([defined.text], ctx.text, None)
        more = unknown_figure_reply(topic or "", lacking, aspects(lacking), []) if lacking else []
        replies = with_training_relay(knowledge, ctx, shown, [defined]) + more
        return Outcome(replies, question=topic, notes=["glossary"])
    unknown = unknown_term_reply(knowledge, ctx.text, bool(ctx.question))
    if unknown:  # "c'est quoi le BIM ?": not in the sources, said first, never defined from memory
        return Outcome([unknown], notes=["unknown term"])
    ruled = product_rule_replies(knowledge, ctx)
    if ruled:  # "vaisselle jetable, c'est interdit ?": the rule of those products, whatever topic DIET read
        return Outcome(ruled[0], question=ruled[1], notes=["product rule"])
    other = other_topic_term(ctx) or own_topic_term(ctx)
    if other:  # "et le plastique à usage unique, on a le droit ?" after the guichet vert: that term's facts
        replies = term_replies(knowledge, ctx, other)
        return Outcome(replies, question=other.topic, notes=["term of another topic"])
    subject = subject_replies(knowledge, ctx)
    if subject:  # "le portail achats-durables.gouv.fr a été lancé quand ?": its entry, what it lacks first
        return Outcome(subject, notes=["glossary subject"])
    question = ctx.question
    changed: Optional[str] = None
    named = named_topics(ctx.text)
    vocab = vocabulary(knowledge)
    contact = side_contact(ctx, named)
    if contact:  # "et pour l'environnement ?" after the facilitator of Île-de-France: its guichet vert
        outcome = answer_question(
            knowledge, contact, replace(ctx, intent=contact, question=contact, text=WHO_TO_CONTACT)
        )
        outcome.question = outcome.question or contact
        outcome.notes.append("side contact")
        return outcome
    facet = facet_topic(ctx.text) if ctx.question and not named else None
    # "et pour l'environnement ?" after the social clauses, from a buyer whose place is known: the side's
    # answer, then its local help named (the region's guichet vert, the place's facilitator)
    side_turned = facet if facet and ctx.previous_question and facet != ctx.previous_question else None
    if facet and facet in KNOWN_QUESTIONS and facet != ctx.question:
        # "et pour embaucher ou garder des personnes handicapées ?" after the Marché de l'inclusion
        question, changed = facet, facet
        ctx = replace(ctx, intent=facet, question=facet)
    if (
        ctx.intent != "inform"
        and not (named or facet)
        and unrelated(ctx.text, vocab, ctx.has_detail)
        and not (ctx.question and continues_topic(ctx.text, vocab))  # "même en dessous de 40k ?"
        and not known_cited_articles(ctx.text)  # "que dit l'article L2113-12 ?": "l2113" is no foreign word
    ):
        return Outcome([], notes=["no word of the knowledge"], out_of_scope=True)  # "il fait beau ?"
    if ctx.intent == "follow_up" and len(named) == 1 and named[0] != question:
        question, changed = (
            named[0],
            named[0],
        )  # "et le CNA, ça coûte combien ?": that topic, not the last one
    if ctx.intent == "follow_up" and not question and len(named) > 1:
        # read as a follow-up of nothing, two topics named: the one whose texts hold the question
        best = best_named_topic(knowledge, named, ctx.text)
        if best:
            question, changed = best, best
    what_is = asks_what_it_is(ctx.text) or audience_of_named(ctx.text, named)
    if ctx.intent.startswith("ask_") and len(named) == 1 and named[0] != question and what_is:
        question, changed = named[0], named[0]  # "c'est quoi le PNAD ?" read as another topic: the one named
        ctx = replace(ctx, intent=named[0], question=named[0])
    asks = ctx.intent.startswith("ask_") or (ctx.intent in DETAIL_INTENTS and not question)
    read = knowledge.topics.get(question or "")
    if asks and overrides_intent(ctx.text, named, question, read.text if read else ""):
        # "le décret 2024-134 s'applique quand ?", "qui est le ministre ... ?", "quelle action du PNAD
        # concerne les facilitateurs ?": the text, the plan or the person named says which topic
        target = "ask_pnad" if PLAN_ACTION.search(question_form(ctx.text)) else named[0]
        question, changed = target, target
        ctx = replace(ctx, intent=target, question=target)
    pulled = place_pulled_topic(ctx, named)
    if pulled:  # "Région Bretagne, service achats. Le PNAD est piloté par qui ?": the PNAD, not the network
        question, changed = pulled, pulled
        ctx = replace(ctx, intent=pulled, question=pulled)
    asked_topic = topic_of_question(ctx.text, named, question) if asks else None
    if asked_topic:
        # "pour l'environnement on passe par le guichet vert. Mais pour les clauses sociales, qui nous
        # accompagne ?": the context named DIET's topic, the question the other one
        question, changed = asked_topic, asked_topic
        ctx = replace(ctx, intent=asked_topic, question=asked_topic)
    term_topic = None if named else defined_topic(ctx.text)
    if asks and term_topic and term_topic != question and unknown_detail(ctx.text, []) is not None:
        # "le SPASER de la région Occitanie fixe quels objectifs ?" read as the PNAD: a detail never known,
        # about the term named (the SPASER), so the topic of that term
        question, changed = term_topic, term_topic
        ctx = replace(ctx, intent=term_topic, question=term_topic)
    asked = "?" in ctx.text or WH_WORD.search(question_form(ctx.text))
    if ctx.intent == "inform" and asked and knowledge.network_named(ctx.text):
        # "combien de membres à 3AR en Nouvelle-Aquitaine ?", "je suis à Toulouse, le 3AR c'est pour moi ?"
        question, changed = "ask_network", "ask_network"
        ctx = replace(ctx, intent="ask_network", question="ask_network")
    # "je suis à Toulouse. 3AR, c'est quoi ?": the structure named is asked about, not the place's
    what_named = asks_what_it_is(ctx.text) and knowledge.network_named(ctx.text) is not None
    network = None if ctx.place_in_message and not what_named else named_structure(knowledge, ctx)
    region = structure_region(network, ctx.place)
    advice = (
        bool(region)
        and PLACE_TOPIC.get(ctx.intent) == "ask_guichet_vert"
        and bool(STRUCTURE_ADVICE.search(question_form(ctx.text)))
    )  # "ils font du conseil environnemental ?" after Maximilien: that structure's guichet vert
    if region and (
        advice or ctx.intent in TERRITORIAL or (question in TERRITORIAL and ctx.intent in DETAIL_INTENTS)
    ):
        # "c'est quoi RESECO ?", "le 3AR propose des formations ?": that structure's region answers, the
        # remembered place of the buyer is kept
        desk = advice or "ask_guichet_vert" in (ctx.intent, question, *named)  # "Rés'Occ, un guichet vert ?"
        about = "ask_guichet_vert" if desk else "ask_network"
        here = None if what_named else ctx.place_in_message
        outcome = answer_question(
            knowledge, about, replace(ctx, named_place=region, place_in_message=here, question=about)
        )
        outcome.question = outcome.question or about
        return outcome
    back = refers_to_previous(ctx, named, vocab)
    if back:  # "qui l'a mis en place ?", "et laquelle concerne les réseaux ?": the topic just answered
        question, changed = back, back
        ctx = replace(ctx, intent="follow_up", question=back)
    helpers_too = False
    if (
        ctx.intent.startswith("ask_")
        and ctx.intent not in ("ask_agec", "ask_agec_declaration")
        and (AGEC_CUE.search(question_form(ctx.text)) or REUSE_SHARE.search(question_form(ctx.text)))
        and not AGEC_DENIED.search(question_form(ctx.text))
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        question, changed = "ask_agec", "ask_agec"  # "la loi AGEC pour nos tondeuses ?" read as another topic
        # "quel objectif de réemploi pour nos chaises, et qui peut nous aider ?": both parts answered
        helpers_too = ctx.intent == "ask_private_support" and asks_who_helps(ctx.text)
    if question == "ask_agec" and agec_without_cue(knowledge, ctx):
        # "combien d'ESAT en Loire-Atlantique ?" read as AGEC: the ESAT's; "quel article rend obligatoire une
        # condition sociale ?": the one topic named
        other = defined_topic(ctx.text) or (named[0] if len(named) == 1 else None)
        if other and other in KNOWN_QUESTIONS and other not in ("ask_agec", "ask_agec_declaration"):
            question, changed = other, other
            ctx = replace(ctx, intent=other, question=other)
    if (
        ctx.previous_question in AGEC_TOPICS
        and ctx.intent.startswith("ask_")
        and ctx.intent not in AGEC_TOPICS
        and not named
        # "et pour …", or a statement that only names the objects ("genre lave-vaisselle pro et chambres
        # froides", read as the CCI for its "pro")
        and (PRODUCT_CONTINUATION.search(question_form(ctx.text)) or "?" not in ctx.text)
        and len(ctx.text.split()) <= MAX_CONTINUATION_WORDS + 2
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        # "et pour les tondeuses du service espaces verts ?" after an AGEC answer, read as the guichet vert
        # for its "verts": a product named in a continuation, with no other topic named, stays on AGEC
        question, changed = "ask_agec", "ask_agec"
        ctx = replace(ctx, intent="ask_agec", question="ask_agec")
    if (
        question in ("ask_agec", "ask_agec_declaration")
        and ctx.intent not in ("ask_agec", "ask_agec_declaration")
        and ctx.product_in_message
        and len(ctx.text.split()) <= SHORT_DETAIL_WORDS
    ):
        question, changed = "ask_agec", "ask_agec"  # "les tondeuses par exemple ?" after an AGEC answer
    if social_side_only(ctx.intent, ctx.text):  # "… intégrer du social. Des conseils ?" read as green
        question = changed = "ask_social_clause"
        ctx = replace(ctx, intent="ask_social_clause")
    read_as = ctx.intent  # DIET's reading, before a follow-up is kept on the topic just answered
    rate_again = back_to_agec(knowledge, ctx, named)
    if rate_again:  # "et pour le mobilier, c'est combien ?" after RAPIDD, itself after the AGEC rates
        question, changed = "ask_agec", "ask_agec"
        ctx = replace(ctx, intent="ask_agec", question="ask_agec")
    if not rate_again and (
        stays_on_topic(ctx, named)
        or closer_to_previous(ctx.previous_question, ctx.intent, ctx.text, vocab, ctx.has_detail)
    ):  # "il y a un pourcentage minimum ?" read as another topic: the one just answered holds its words
        question, changed = ctx.previous_question, ctx.previous_question
        ctx = replace(ctx, intent="follow_up")
    previous_topic = knowledge.topics.get(ctx.previous_question or "")
    previous_answers = bool(previous_topic) and (
        lead_sentence(ctx.text, previous_topic.answer, previous_topic.details or "") is not None
    )
    refined = refined_question(
        ctx.previous_question, read_as, ctx.text, previous_answers
    ) or declaration_question(ctx.previous_question or ctx.question, ctx.text)
    if refined:
        question, changed = refined, refined  # "et il existe un label ?" after biosourced materials
    helper = (
        supplier_search_question(ctx.intent, ctx.text)
        or helper_question(ctx.intent, ctx.text, asks_who_helps(ctx.text))
        or support_question(ctx, named, vocab)
    )
    if helper:
        question, changed = helper, helper  # "qui peut nous accompagner sur nos achats durables ?"
    # "vu sur les réseaux sociaux" is where the buyer read of a thing, no wish to meet peers
    peers = PEER_EXCHANGE_RE.search(without_technical_networks(question_form(ctx.text)))
    if ctx.intent.startswith("ask_") and not ctx.private and peers:
        # "des retours d'expérience d'autres acheteurs ?": RAPIDD; with peers nearby, the regional network,
        # unless RAPIDD is named ("hôpital de Vannes : une plateforme RAPIDD pour échanger, c'est quoi ?")
        nearby = not RAPIDD_NAMED.search(question_form(ctx.text)) and (
            ctx.place_in_message
            or LOCAL_REFERENCE.search(question_form(ctx.text))
            or (ctx.place and regional_network_asked(ctx.text))  # "et côté réseau régional ?"
        )
        # « une plateforme pour échanger avec d'autres acheteurs ? » from a mairie of Saint-Étienne: the
        # platform asked (RAPIDD) first; the network of the place follows it (territorial topics)
        plain_text = question_form(ctx.text)
        platform = (
            bool(nearby) and bool(PLATFORM_ASKED.search(plain_text)) and not NETWORK_ASKED.search(plain_text)
        )
        question = changed = "ask_network" if nearby and not platform else "ask_rapidd"
    contact = contact_of_previous(ctx, named, vocab)
    if contact:  # "qui peut m'aider à la mettre en place ?" after the social clauses: the facilitator
        question, changed = contact, contact
        # rewritten as the question it stands for, so that its own words pick no sentence of the contact
        ctx = replace(ctx, intent="follow_up", question=contact, text=WHO_TO_CONTACT)
    detail_only = ctx.intent in ("inform", "follow_up")
    if detail_only and ctx.after_clarify and ctx.pending and (ctx.intent == "inform" or ctx.has_detail):
        # "Rennes" after a question that was not understood; a follow-up that gives no detail ("et il y
        # a eu combien de postes ?") is about the topic answered before, not a guess
        question, changed = ctx.pending, ctx.pending
    long_detail = ctx.intent == "inform" and len(ctx.text.split()) > SHORT_DETAIL_WORDS
    if not question and long_detail and ctx.alternative:  # "je suis à Lyon et je cherche un conseil gratuit"
        question, changed = ctx.alternative, ctx.alternative
    if (
        not question
        and ctx.intent == "inform"
        and ("%" in ctx.text or set(words_of(ctx.text)).intersection(SHARE_WORDS))
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        question, changed = "ask_agec", "ask_agec"  # "textiles, pour une mairie : quel % de réemploi ?"
    support_asked = asks_who_helps(ctx.text) or asks_where_to_start(ctx.text)
    known_buyer = bool(ctx.place or ctx.buyer_type)
    # "vous pouvez m'aider ?" read as a detail gives none: no re-answer of the question before
    vague_only = ctx.intent == "inform" and not ctx.has_detail and support_asked and not named
    if (
        (not question or vague_only)
        and support_asked
        and (ctx.intent == "inform" or (detail_only and known_buyer))
    ):
        # "mairie de Pau, qui peut nous épauler ?", "département 47, des conseils pour démarrer ?", "je
        # fais quoi ?" after saying where one works: a question after all, on who supports this buyer
        if asks_breakdown_help(ctx.text):  # "mon imprimante ne marche plus, vous pouvez m'aider ?"
            return Outcome([], notes=["breakdown"], out_of_scope=True)
        if not (known_buyer or asks_who_helps(ctx.text)):
            return Outcome([], capabilities=True)  # "vous pouvez m'aider ?" from a buyer not known yet
        question, changed = SUPPORT_TOPIC, SUPPORT_TOPIC
    if (
        not question
        and ctx.intent == "inform"
        and ctx.product_in_message
        and find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
    ):
        question, changed = "ask_agec", "ask_agec"  # "ramettes ?" before any question: its AGEC category
    after_context = None if question else question_after_context(ctx.intent, ctx.text, KNOWN_QUESTIONS)
    if after_context:  # "Acheteur au CD 94 : qui porte le guichet vert en Île-de-France ?": a question
        question, changed, ctx = after_context, after_context, replace(ctx, intent=after_context)
    wished = wished_topic(ctx.text) if not question and ctx.intent == "inform" else None
    if wished and wished in KNOWN_QUESTIONS:
        question, changed = wished, wished  # "centre hospitalier, on veut mettre de l'insertion": that topic
    named_network = None if question else knowledge.network_named(ctx.text)
    does = bool(named_network) and asks_what_named_does(ctx.text)  # "que fait l'ARBE ?": what it does
    if named_network and (asks_what_it_is(ctx.text) or does):  # "la MDEN c'est quoi ?": what it is
        said = units(named_network.description)[: MAX_DOES_SENTENCES if does else 1]
        text = compose([f"{named_network.name}. {' '.join(said)}"])
        reply = Reply(text, NETWORK_BUTTONS[1:], sources=source_links(named_network.sources))
        return Outcome([reply], question="ask_network", notes=["structure named"])
    if not question and "?" in ctx.text and defined_topic(ctx.text) == ctx.intent:
        # "la date limite pour le SPASER c'est quand ?", DIET unsure: the topic of the term named agrees
        question, changed = ctx.intent, ctx.intent
    if not question and ctx.intent == "follow_up" and known_buyer and CONTACT in aspects(ctx.text):
        # "il faut remplir un formulaire ou on appelle quelqu'un ?" after saying only who and where one is:
        # how to reach the services that support this buyer
        question, changed = SUPPORT_TOPIC, SUPPORT_TOPIC
    if not question:
        if (
            ctx.intent == "inform"
            and ctx.awaiting_location
            and not ctx.place_in_message
            and len(ctx.text.split()) <= 4
        ):
            return Outcome([Reply(LOCATION_NOT_FOUND)], awaiting_location=True)
        found = figure_reply(knowledge, ctx.text) if not ctx.place_in_message else None
        if found:  # "la commande publique pèse combien ?": one sentence of the knowledge gives it
            return Outcome([found], notes=["figure found"])
        if ctx.intent == "follow_up":
            # Not a follow-up after all: nothing was asked before ("combien coûte un iPhone ?").
            unknown = unknown_without_topic(ctx)
            return Outcome([unknown] if unknown else [], notes=["follow-up without a topic"])
        unknown = unknown_without_topic(ctx) if "?" in ctx.text else None
        fact = None if unknown else unknown_fact_text(ctx.text)
        if fact:  # "… quelle est la date limite de dépôt des dossiers ?" after the context: not a greeting
            text = f"{fact} {PORTAL_ROUTE} De quel sujet s'agit-il ?"
            return Outcome([Reply(text, WELCOME_MENU)], notes=["fact asked of no topic"])
        if unknown and ctx.place_in_message:  # "Montant des achats publics en Occitanie ?": not a place only
            text = f"{UNKNOWN_FIGURE} {PORTAL_ROUTE} De quel sujet s'agit-il ?"
            return Outcome([Reply(text, unknown.buttons)], notes=["figure asked with a place only"])
        support = knowledge.topics.get("ask_private_support")
        noted = acknowledgement(ctx, support.answer.strip() if support else "")
        if ctx.intent == "inform" and ctx.has_detail and asks_after_context(ctx.text):
            # "mairie de Quimper, on peut exiger une entreprise de la commune ?": not known, said so
            region = ctx.place.region_code if ctx.place else None
            routed = partial(with_regional_route, knowledge, region_code=region, private=ctx.private)
            return Outcome(unknown_after_context(noted, routed), notes=["question after context"])
        return Outcome([noted])
    here = ctx.place_in_message or (ctx.place if LOCAL_REFERENCE.search(question_form(ctx.text)) else None)
    if (
        ctx.intent == "ask_social_clause"
        and (ctx.place_in_message or ctx.place)
        and (CONTACT in aspects(ctx.text) or asks_who_helps(ctx.text))
    ):
        # "clause insertion 33 contact ?"; "et pour les clauses sociales, qui peut m'accompagner ?" from a
        # buyer whose place is known: the facilitator of that place
        question, changed = "ask_facilitator", "ask_facilitator"
    who_helps = asks_who_helps(ctx.text)
    if detail_only and (here or who_helps) and not (ctx.buyer_in_message or ctx.product_in_message):
        # "et pour Lyon ?", "et dans ma région ?"; "qui contacter ?" after the social clauses: the
        # facilitator (of the place remembered, else the assistant asks where)
        redirected = PLACE_TOPIC.get(question, question)
        if redirected != question:
            question, changed = redirected, redirected  # "on le contacte comment ?" is then about it
        ctx = replace(ctx, place_in_message=here)
    if (
        ctx.intent == "inform"
        and ctx.product_in_message
        and question not in ("ask_agec", "ask_agec_declaration")
        and not (question == "ask_private_support" and who_helps)  # "un conseil pour notre mobilier"
    ):
        question, changed = "ask_agec", "ask_agec"  # a product given alone: its AGEC category
    if (
        ctx.intent == "inform"
        and ctx.awaiting_location
        and not ctx.place
        and not (ctx.buyer_in_message or ctx.product_in_message)
        and len(ctx.text.split()) <= 4  # a short answer to "Où travaillez-vous ?": a place not recognised
    ):
        return Outcome([Reply(LOCATION_NOT_FOUND)], question=changed, awaiting_location=True)
    if (
        ctx.intent.startswith("ask_")
        and question in ADVISED_BY
        and not (here or ctx.private or ctx.buyer_in_message or ctx.product_in_message)
        and (WHO_ADVISES.search(question_form(ctx.text)) or where_to_ask(ctx.text))
    ):
        # "qui peut me conseiller sur le volet environnemental d'un marché ?": who advises is asked, the
        # guichet vert (or the facilitator for a clause) answers, not what the topic requires
        question = changed = ADVISED_BY[question]
    broader = broader_answers(knowledge, question, ctx.text) if ctx.intent != question else None
    if broader:
        question, changed = broader, broader
    second = second_question(ctx, question, named)
    # "quel réseau chez nous, et le guichet vert c'est gratuit ?": the network is answered without the
    # clause on the other topic (its « gratuit » is the guichet vert's, not a price the network lacks)
    outcome = answer_question(knowledge, question, without_clause_of(ctx, second, question))
    if question == "ask_agec_declaration" and ctx.intent.startswith("ask_"):
        category = find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
        if category and outcome.replies:  # "quelle catégorie pour nos bancs, et où on déclare ?"
            agec = agec_answer(knowledge, ctx, aspects(ctx.text))
            unknown = "unknown figure" in outcome.notes
            # "le nombre de PC réemployés ?": the figure not known is said first (in the category's words
            # when they say more, e.g. the other law that covers it), then the category
            said = agec_unknown_figure(knowledge, ctx, aspects(ctx.text)) if unknown else None
            if said and said.startswith("Je n'ai pas"):
                outcome.replies[0] = replace(outcome.replies[0], text=said)
            outcome.replies.insert(1 if unknown else 0, agec)
    if helpers_too and outcome.replies:
        outcome.replies += answer_question(knowledge, "ask_private_support", ctx).replies
    contact = local_contact(knowledge, question, ctx)
    if contact and asks_who_helps(ctx.text):  # "mairie de Pau, qui contacter pour le réemploi ?": who first
        outcome.replies = contact + outcome.replies
    elif contact:  # "commune de Paimpol, je fais quoi pour verdir nos marchés ?": the topic, then who
        outcome.replies += contact
    if second and outcome.replies:  # "quel réseau pour Nantes, et comment saisir le guichet vert ?"
        outcome.replies += answer_question(knowledge, second, replace(ctx, intent=second)).replies
    if side_turned and question == side_turned and outcome.replies:
        outcome.replies += side_help(knowledge, side_turned, ctx)
    if changed and not outcome.question:
        outcome.question = changed
    return outcome


def side_help(knowledge: KnowledgeBase, side: str, ctx: Context) -> List[Reply]:
    """The first line of the local help of a side turned to (« Le guichet vert de la région … est porté
    par … »), for the place known; nothing without a place, for a private buyer, or when none is known."""
    contact = PLACE_TOPIC.get(side)
    if contact not in SIDE_CONTACTS or ctx.place is None or ctx.private:
        return []
    asked = replace(ctx, intent=contact, question=contact, text=WHO_TO_CONTACT, place_in_message=None)
    replies = answer_question(knowledge, contact, asked).replies
    lines = [line.strip() for line in (replies[0].text if replies else "").splitlines() if line.strip()]
    if not lines or LOCAL_HELP_UNKNOWN.search(lines[0]):
        return []  # an unknown desk is not named
    if lines[0].endswith(":"):  # « Facilitateur …, contacts pour la région X : » and its first contact
        return [Reply(f"{lines[0]}\n{lines[1]}")] if len(lines) > 1 else []
    return [Reply(lines[0])]


# A local help said unknown (« Je ne sais pas si la région Bretagne a un guichet vert »).
LOCAL_HELP_UNKNOWN = re.compile(r"^Je ne (?:sais|connais) pas\b")


UNSURE = 0.65
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


# A structure asked whether it advises buyers ("ils font du conseil environnemental ?").
STRUCTURE_ADVICE = re.compile(r"\b(?:conseils?|conseill\w+|accompagn\w+|avis)\b")
# Who advises a buyer on a topic, when the message asks who (no place: the contact then depends on it).
ADVISED_BY = {
    topic: PLACE_TOPIC[topic]
    for topic in ("ask_environmental_considerations", "ask_ecolabels", "ask_social_clause")
}
WHO_ADVISES = re.compile(
    r"\bqui (?:peut|pourrait|pourra|saura) (?:m|me|nous) (?:aider|accompagner|conseiller|orienter|epauler)\b"
    r"|\bvers qui (?:me|nous|se) tourner\b"
    # "qui peut relire notre cahier des charges ?": who reviews a document, the service that advises
    r"|\bqui (?:peut|pourrait|pourra|saura|va) (?:nous |me |m )?(?:relire|verifier|valider|corriger)\b"
)
SUPPORT_TOPIC = "ask_private_support"  # who supports buyers: public support for a public buyer
TERRITORIAL_OR_SUPPORT = frozenset(
    {*TERRITORIAL, "ask_facilitator", "ask_rapidd", SUPPORT_TOPIC, "ask_conseillers_entreprises"}
    | {"ask_entreprises_engagent", "ask_cci", "ask_cna", "ask_agefiph"}
)


# Topics about public procurement only: no answer to a private buyer's request for help.
PUBLIC_PROCUREMENT_TOPICS = frozenset({"ask_environmental_considerations", "ask_pnad", "ask_climate_law"})


def support_question(ctx: Context, named: List[str], vocab: Vocabulary) -> Optional[str]:
    """Who supports this buyer, for a message that says who or where the buyer is and asks for help or a
    first step, naming no topic, that DIET reads as a topic sharing no word with the message that the
    support topic lacks ("Département de la Drôme, on voudrait être accompagnés" read as the PNAD)."""
    if (
        not ctx.intent.startswith("ask_")
        or ctx.intent in TERRITORIAL_OR_SUPPORT
        or named
        or ctx.product_in_message
        or not (ctx.place_in_message or ctx.buyer_in_message)
        or not (asks_who_helps(ctx.text) or asks_where_to_start(ctx.text))
        or asks_what_it_is(ctx.text)
    ):
        return None
    if ctx.buyer_in_message in PRIVATE_BUYER_TYPES and ctx.intent in PUBLIC_PROCUREMENT_TOPICS:
        return SUPPORT_TOPIC  # "société de transport à Auxerre, on s'y prend comment ?"
    words = stems(ctx.text)
    topic_words = words & vocab.per_topic.get(ctx.intent, frozenset())
    own = topic_words - vocab.per_topic.get(SUPPORT_TOPIC, frozenset())  # "labels": the écolabels' word
    return None if own else SUPPORT_TOPIC


def local_contact(knowledge: KnowledgeBase, question: Optional[str], ctx: Context) -> List[Reply]:
    """The territorial contact of a topic (the guichet vert for the AGEC law or the écolabels, the
    facilitator for a clause) for the place given in a first question that also asks who can help or
    where to start ("commune de Paimpol, je fais quoi pour verdir nos marchés ?"), or for the place said
    earlier when the question asks who can help ("qui peut m'aider pour la loi AGEC ?" after "je suis au
    CHU de Rouen")."""
    target = PLACE_TOPIC.get(question or "")
    remembered = ctx.place is not None and asks_who_helps(ctx.text)
    if (
        not target
        or not ctx.intent.startswith("ask_")
        or (ctx.place_in_message is None and not remembered)
        or ctx.private
        or not (asks_who_helps(ctx.text) or asks_where_to_start(ctx.text))
    ):
        return []
    return answer_question(knowledge, target, replace(ctx, intent=target, question=target)).replies


# "et qui délivre le label ?", "et ça marche comment ?": a short question that continues the last one.
CONTINUATION = re.compile(
    r"^et (?:qui|quoi|que|qu|comment|combien|quand|ou|quel|quelle|quels|quelles|pourquoi|si|ca|c|il|ils"
    r"|elle|elles|le|la|les|l|on|y)\b"
    # "même pour des petits marchés ?", "y compris en dessous des seuils ?": the rule just given, extended
    r"|^(?:et )?(?:meme|y compris) (?:pour|en|au|aux|a|les|le|la|l|des|du|si|quand|dans|sans|sous)\b"
)
# "et je peux l'exiger dans mon marché ?", "et on doit les déclarer ?": an object pronoun for the thing
# just answered
PRONOUN_CONTINUATION = re.compile(
    r"^et (?:je|on|nous) (?:peux|peut|pouvons|dois|doit|devons) (?:l|le|la|les|en|y|leur|lui)\b"
)
MAX_CONTINUATION_WORDS = 8
# "et pour les tondeuses ?", "pareil pour le mobilier ?": the question just answered, for another thing.
PRODUCT_CONTINUATION = re.compile(r"^(?:et|pareil|idem|aussi|meme chose)\b")
MAX_FOR_ME_WORDS = 12
# Whether the thing just answered is open to the buyer named too ("ça marche aussi pour une asso ?").
FOR_ME_TOO = re.compile(
    r"\b(?:ouverte?s?|accessibles?|valables?|possible|marche|fonctionne|concerne\w*|eligibles?)\b"
)


# A place given with only « who is it here? » ("je suis à Nancy, c'est qui chez nous ?"): the question
# just answered, for that place.
PLACE_ONLY_ASKS = re.compile(
    r"^(?:(?:ok|et|bon|alors) )*(?:je suis|on est|nous sommes|j habite|je bosse|je travaille)? ?(?:a|en"
    r"|dans le|dans la)? ?[a-z -]+,? (?:et )?(?:c(?: est)? (?:qui|quoi|lequel)|qui|lequel)"
    r" (?:chez nous|ici|pour nous|la bas|du coup)\W*$"
)
MAX_PLACE_ONLY_WORDS = 12


def stays_on_topic(ctx: Context, named: List[str]) -> bool:
    """A question on the topic just answered that DIET reads as another topic the message does not name:
    elliptical and read unsure, or a short continuation ("et qui délivre le label ?") naming nothing."""
    if not (
        ctx.intent.startswith("ask_")
        and bool(ctx.previous_question)
        and ctx.intent != ctx.previous_question
        and not named
        and not asks_who_helps(ctx.text)  # "et qui peut m'aider à le faire ?" asks who supports buyers
    ):
        return False
    if ctx.confidence < UNSURE and is_elliptical(ctx.text):
        return True
    if asks_bare_why(
        ctx.text
    ):  # "pourquoi ?" read as the networks (for its "pourquoi"): the topic just answered
        return True
    plain = question_form(ctx.text)
    if ctx.place_in_message and PLACE_ONLY_ASKS.search(plain) and len(plain.split()) <= MAX_PLACE_ONLY_WORDS:
        return True  # "je suis à Nancy, c'est qui chez nous ?" after the guichet vert: its desk there
    if ctx.buyer_in_message and FOR_ME_TOO.search(plain) and len(plain.split()) <= MAX_FOR_ME_WORDS:
        return True  # "et pour un acheteur privé, c'est ouvert ?": the topic just answered, for that buyer
    continued = (CONTINUATION.search(plain) and len(plain.split()) <= MAX_CONTINUATION_WORDS) or (
        PRONOUN_CONTINUATION.search(plain) and len(words_of(ctx.text)) <= MAX_CONTINUATION_WORDS
    )
    return bool(continued) and not (ctx.place_in_message or ctx.buyer_in_message or ctx.product_in_message)


WHO_TO_CONTACT = "qui contacter ?"
# What one asks help to do with the thing just answered: no topic of its own.
ACTION_STEMS = stems(
    "mettre place oeuvre faire rediger ecrire calibrer appliquer respecter lancer monter organiser tourner "
    "preparer integrer inserer suivre"
)
# "à la mettre en place", "pour ça", "pour le faire", "là-dessus": the thing just answered.
IT = re.compile(r"\b(?:ca|cela|le faire|la|le|les|l|y|dessus)\b")
# "là-dessus", "sur ce point": the thing just answered, no word of a topic ("dessus" stems as "seuil").
ON_IT = re.compile(r"\b(?:la )?dessus\b|\bsur (?:ce|ces) (?:point|sujet|plan)s?\b")
# How the help is asked for ("gratuitement", "m'aider"): no word of another topic.
HELP_STEMS = stems("aider aide gratuit gratuite gratuitement solliciter")


def contact_of_previous(ctx: Context, named: List[str], vocab: Vocabulary) -> Optional[str]:
    """Who helps with the topic just answered, asked with a pronoun for it and naming no topic: the
    territorial contact of that topic (the facilitator for a clause, the guichet vert for the AGEC law),
    whatever neighbouring topic DIET read (Conseillers-Entreprises, the private-sector list)."""
    previous = ctx.previous_question
    if (
        previous not in PLACE_TOPIC
        or named
        or ctx.has_detail
        or not asks_who_helps(ctx.text)
        or not IT.search(question_form(ctx.text))
    ):
        return None
    asked = ON_IT.sub(" ", WHO_HELPS.sub(" ", question_form(ctx.text)))
    words = stems(asked) - ACTION_STEMS - HELP_STEMS
    held = vocab.per_topic.get(previous, frozenset())
    if any(vocab.rarity.get(word, 0.0) > 0 and word not in held for word in words):
        return None  # "et pour la clause, qui peut m'aider ?" after the écolabels: the clause's contact
    return PLACE_TOPIC[previous]


# The local help of each side of a purchase: the guichet vert (environment), the facilitator (social).
SIDE_CONTACTS = frozenset({"ask_guichet_vert", "ask_facilitator"})


def side_contact(ctx: Context, named: List[str]) -> Optional[str]:
    """ "et pour l'environnement ?" right after the local help of the other side (the facilitator of the
    place known), or "et côté social ?" after its guichet vert: the help of the side turned to, for the
    same place, not that side's general rules nor a request for the place again."""
    if ctx.previous_question not in SIDE_CONTACTS or ctx.place is None or ctx.private:
        return None
    side = facet_topic(ctx.text)
    if side is None or any(topic != side for topic in named):
        return None
    contact = PLACE_TOPIC.get(side)
    return contact if contact in SIDE_CONTACTS and contact != ctx.previous_question else None


# A possessive pronoun for the thing just answered ("et le nôtre ?", "la mienne c'est laquelle ?").
OURS = re.compile(
    r"^(?:(?:et|mais|ok|alors|du coup|d accord|merci) )*(?:le|la|les) (?:notre|notres|mien|mienne|miens"
    r"|miennes)\b(?! (?:de|du|des)\b)"
)


# What the thing just answered allows or is for, asked with a pronoun as subject ("ça permet de … ?").
WHAT_IT_ALLOWS = re.compile(
    r"^(?:(?:et|mais|ok|alors|du coup|d accord) )*(?:ca|cela|il|elle|ils|elles) (?:nous |me |vous )?"
    r"(?:permet|permettent|permettrait|sert|servent) (?:a|de|d)\b"
)


def refers_to_previous(ctx: Context, named: List[str], vocab: Vocabulary) -> Optional[str]:
    """The previous question, when this message read as another topic only refers back to it.

    DIET guesses a topic for "qui l'a mis en place ?" from its words; a short message whose subject is a
    pronoun, naming no topic and no place, is about the topic just answered. "Et laquelle concerne les
    réseaux ?" names a topic, but asks which part of the previous answer concerns it."""
    previous = ctx.previous_question
    if not previous or previous not in KNOWN_QUESTIONS or not ctx.intent.startswith("ask_"):
        return None
    if ctx.intent != previous and not named and OURS.search(question_form(ctx.text)):
        return previous  # "et le nôtre c'est lequel ? on est à Poitiers": the same thing, for that place
    if ctx.intent == previous or ctx.place_in_message or ctx.buyer_in_message or ctx.product_in_message:
        return None
    if WHICH_ONE.search(question_form(ctx.text)) or WHAT_IT_ALLOWS.search(question_form(ctx.text)):
        return previous  # "ça permet de rejoindre son réseau régional ?" after RAPIDD: what RAPIDD allows
    words = stems(ctx.text)
    if coverage(words, ctx.intent, vocab) > coverage(words, previous, vocab):
        return None  # "et je peux leur réserver le marché ?": "réserver" is the reserved contracts' word
    return previous if not named and refers_back(ctx.text) else None


TWO_PARTS = re.compile(
    r"\?.+\?|\bet (?:aussi|egalement)\b|\bdeux questions\b|\bpuis\b|;"
    r"|\bet (?:le|la|les|l|sur|pour|comment|qui|quel|quelle|ou|est)\b"
)
SUBSUMED = {("ask_agec", "ask_agec_declaration"), ("ask_biosourced", "ask_biosourced_label")}


# Clauses of a message: after a question mark, a comma or a semicolon, or at « et » before an article.
CLAUSE_BREAK = re.compile(r"\?\s*|[,;]\s*(?:et\s+)?|\s+et\s+(?=(?:le|la|les|l['’]|pour)\b)", re.IGNORECASE)


def without_clause_of(ctx: Context, other: Optional[str], question: str) -> Context:
    """The context without the clauses that name only the other topic of a two-part question."""
    if not other:
        return ctx
    clauses = [part for part in CLAUSE_BREAK.split(ctx.text) if part.strip()]
    kept = [part for part in clauses if other not in named_topics(part) or question in named_topics(part)]
    if not kept or len(kept) == len(clauses):
        return ctx
    return replace(ctx, text=", ".join(part.strip() for part in kept) + " ?")


def second_question(ctx: Context, question: str, named: List[str]) -> Optional[str]:
    """The other topic of a two-part question, named in so many words, if any."""
    if not ctx.intent.startswith("ask_") or not TWO_PARTS.search(question_form(ctx.text).replace("?", " ? ")):
        return None
    for topic in named:
        pair = tuple(sorted((topic, question)))
        if topic != question and pair not in SUBSUMED and topic in KNOWN_QUESTIONS:
            return topic
    return None


def answer_question(knowledge: KnowledgeBase, question: str, ctx: Context) -> Outcome:
    wanted = aspects(ctx.text)
    follow_up = ctx.intent == "follow_up"
    here = ctx.place_in_message or ctx.named_place or ctx.place
    if question in COUNTED_STRUCTURES and here and asks_national_and_ours(ctx.text):
        # "combien de réseaux en France, et lequel pour nous ?": the national count is known, then theirs
        return for_audience(territorial_or_topic(knowledge, question, ctx, national=False), question, ctx)
    plain = question_form(ctx.text)
    if (
        question in ("ask_network", "ask_guichet_vert")
        and CLUB_TOPIC in named_topics(ctx.text)
        and asks_club(ctx.text)
        and not network_facts.NETWORK_WORD.search(plain)
        and "guichet" not in plain
    ):
        question = (
            CLUB_TOPIC  # "Rennes, y a-t-il un club d'acheteurs chez nous ?": the club asked, not the network
        )
    if question == CLUB_TOPIC:
        # "y a-t-il un club d'acheteurs par chez nous ?" with the Hérault said before: the CSA 34
        own = OWN_AREA.search(plain) or LOCAL_REFERENCE.search(plain)
        club_place = ctx.place_in_message or (ctx.place if own else None)
        clubs = local_club_replies(knowledge, club_place, ctx.text, public_too=ctx.public or not ctx.private)
        if clubs:
            return Outcome(clubs, question=CLUB_TOPIC, notes=["clubs of the place"])
    if question == "ask_private_support" and ctx.public and not ctx.private:
        # its follow-ups ("ils répondent en combien de temps ?") are about the guichet vert it named
        return Outcome(
            public_support_reply(knowledge, ctx.place, ctx.buyer_type, said_public=True),
            question="ask_guichet_vert" if ctx.place else None,
            notes=["public buyer"],
        )
    if question == "ask_private_support" and (ctx.buyer_in_message or ctx.buyer_type) in MIXED_BUYER_TYPES:
        # "on est une SEM à Montpellier, vers qui se tourner ?": the region's public support if the code
        # binds them, the private one if not; the place given is used either way
        private = topic_reply(knowledge, knowledge.topics["ask_private_support"], plain_text(ctx.text))
        support = public_support_reply(knowledge, ctx.place, None, mixed=True)
        return Outcome(support + [private], notes=["mixed buyer"])
    if (
        question == "ask_private_support"
        and not ctx.private
        and not ctx.buyer_type
        and (
            asks_who_helps(ctx.text)
            or asks_where_to_start(ctx.text)
            or (ctx.place_in_message and not BUSINESS_WORDS.search(question_form(ctx.text)))
        )
    ):
        # a place in the message ("accompagnement achats responsables gironde") points to the regional
        # public support as much as to the private one, unless a business is named
        # "Qui peut m'aider ?" from a buyer of unknown type: public support first, then the private one.
        private = topic_reply(knowledge, knowledge.topics["ask_private_support"], plain_text(ctx.text))
        # "qui contacter au niveau national ?", "pas de réseau chez nous, qui peut m'aider ?"
        national = ctx.place is None and (national_scope(ctx.text) or no_local_structure(ctx.text))
        support = public_support_reply(knowledge, ctx.place, None, national=national)
        return Outcome(support + [private], notes=["unknown buyer"])
    if question in ("ask_network", "ask_networks_overview") and ctx.buyer_in_message in PRIVATE_BUYER_TYPES:
        # "PME à Lyon : un réseau d'acheteurs pour nous ?": the networks are the public buyers'
        return for_audience(Outcome([topic_reply(knowledge, knowledge.topics[question], "")]), question, ctx)
    if question == "ask_network" and ctx.private and not ctx.public and not ctx.place_in_message:
        question = "ask_private_support"
    if question == "ask_agec":
        other_law = OTHER_LAW_LEAD.match(ctx.last_answer or "") if follow_up else None
        if other_law and asks_penalty(ctx.text):  # "et si on ne le fait pas ?" after the loi REEN: not AGEC's
            text = f"{UNKNOWN_PENALTY} Le texte de la {other_law.group(1)}, sur Légifrance, fait foi."
            return Outcome([Reply(text)], notes=["unknown penalty of another law"])
        named = find_product_category(knowledge.agec, ctx.product_in_message, ctx.text)
        shown = None if named else shown_rates_text(knowledge.agec, ctx.text, ctx.last_answer)
        if shown:  # "c'est combien en recyclé ?" after two categories: the rate asked of each one shown
            return Outcome([Reply(shown)], notes=["rates of the categories shown"])
        reply = agec_answer(knowledge, ctx, wanted)
        # what buyers really achieve ("en moyenne, quel % les collectivités achètent-elles réellement ?"):
        # the sources give the minimum rates, no result
        achieved = asks_outcome(ctx.text) and RATE_QUESTION.search(question_form(ctx.text))
        # "nos vieux ordinateurs, quelle part vers le réemploi ?": the REEN rates of retired equipment answer
        retired = bool(ASKS_RETIRED.search(question_form(ctx.text)))
        unknown = (
            f"{UNKNOWN_OUTCOME} {ROUTES[question]}"  # no result known: the texts that set the rates
            if achieved
            else None
            if retired
            else agec_unknown_figure(knowledge, ctx, wanted)
        )
        said = [part for part in re.split(r"(?<=[.!?])\s+", unknown or "") if len(part) > 40]
        if any(part in reply.text for part in said):  # a sentence of the answer said first, not twice
            rest = reply.text
            for part in said:
                rest = rest.replace(part, "")
            reply = replace(reply, text=re.sub(r"\n\s*\n", "\n", rest).strip())
        if unknown and RATES_UNKNOWN.search(reply.text):  # "quel % de recyclé pour le papier ?": said once
            rest = "\n".join(
                " ".join(line.split()) for line in RATES_UNKNOWN.sub("", reply.text).splitlines()
            )
            reply = replace(reply, text=re.sub(r"\n\s*\n", "\n", rest).strip())
        if not unknown and COST in wanted and follow_up:  # "c'est gratuit ?" after the rates: no price known
            return Outcome(unknown_figure_reply(question, ctx.text, wanted, []), notes=["unknown cost"])
        return Outcome([Reply(unknown), reply] if unknown else [reply])
    topic = knowledge.topics.get(question)
    if topic is None:
        return Outcome([])
    texts = topic_texts(topic)
    if question == "ask_network":
        texts = texts + topic_texts(knowledge.topics["ask_networks_overview"])
    asked_place = ctx.place_in_message
    scope = national_scope(ctx.text)
    if scope:  # "je suis à Rennes, mais combien en France ?": the place is kept, not used (nor asked)
        ctx = replace(ctx, place_in_message=None)
    # After "I do not know", a national question gets the national answer, not a request for a place
    # ("qui finance les réseaux régionaux ?"); a local one, the buyer's own contact.
    national = scope or no_local_structure(ctx.text) or (ctx.place is None and national_question(ctx))
    detail = unknown_detail(
        ctx.text, texts + structure_texts(knowledge, ctx) + structure_sites(knowledge, ctx)
    )
    if detail:
        usual = territorial_or_topic(knowledge, question, ctx, national=national)
        return Outcome([Reply(detail)] + usual.replies, notes=["unknown detail"])
    # a figure of a year is the figures' check (figure_is_known, or another topic's sentence of that year)
    year = (
        None if wanted & {FIGURE, COST} else uncovered_year(ctx.text, texts + structure_texts(knowledge, ctx))
    )
    if year:  # "et il y a eu un appel à projets en 2025 ?": that year not covered, said first; then the known
        known_part = answer_question(
            knowledge, question, replace(ctx, text=question_without_year(ctx.text, year))
        )
        route_to = ROUTES.get(question, "")
        lead = Reply(f"{unknown_year_sentence(ctx.text, year)} {route_to}".strip())
        return replace(
            known_part, replies=[lead, *known_part.replies], notes=["unknown year", *known_part.notes]
        )
    # a guide asked for ("le guide sur les clauses sociales date de quand ?"): its reply gives its dates
    guide_asked = bool(topic.see_also) and asks_for_guide(ctx.text)
    lacking = (
        None
        if guide_asked
        else unknown_aspect(
            ctx.text,
            about_texts(knowledge, question, texts, ctx),
            f"{topic.title} {structure_names(knowledge, ctx, question in REGIONAL_TOPICS)}"
            f" {context_words(asked_place)}",
        )
    )
    if lacking:  # a creation date, how to join, a threshold: not in the knowledge about what is asked
        about = replace(ctx, text=subject_text(ctx.text, topic.title))  # not another threshold's amount
        usual = territorial_or_topic(knowledge, question, about, national=national)
        return Outcome(
            unknown_aspect_reply(topic, lacking, follow_up, usual.replies), notes=["unknown aspect"]
        )
    # a delay is a structure's own ("le guichet vert de Maximilien répond en combien de temps ?")
    delays = structure_delays(knowledge, ctx) if asks_duration(ctx.text) else []
    known = figure_is_known(texts + delays, ctx.text, wanted, FIGURE in wanted)
    own_delay = (
        structure_delay(knowledge, question, ctx, delays, national)
        if known
        and delays
        and figure_is_known(response_delays(texts), ctx.text, wanted, FIGURE in wanted) is False
        else None
    )
    if own_delay:
        return own_delay
    territorial = question in ("ask_facilitator", "ask_network", "ask_guichet_vert")
    local = asked_place if territorial else None
    # "APuRe a été créé quand et il a combien de membres ?": the known part too, read in the structure's entry
    parts_texts = about_texts(knowledge, question, texts, ctx) if known is False else texts
    names = f"{topic.title} {structure_names(knowledge, ctx, question in REGIONAL_TOPICS)}"
    unknown_part = (
        part_unknown(parts_texts, ctx.text, local, names, both_asked=True)
        if known is False
        else part_unknown(texts, ctx.text, local)
    )
    if unknown_part:  # "c'est gratuit ? et il traite combien de demandes ?": the known part, then the other
        rest = replace(ctx, text=ctx.text.replace(unknown_part, " "))
        answered = answer_question(knowledge, question, rest)
        lacking_reply = unknown_part_reply(question, unknown_part, texts)
        return replace(answered, replies=list(answered.replies) + lacking_reply, notes=["unknown part"])
    local_count = ctx.place_in_message and (counted_noun(ctx.text) or FIGURE in wanted)
    if (
        known
        and local_count
        and (territorial or place_scopes_figure(ctx.text, texts, ctx.place_in_message))
        # « en IDF, cofinancés à combien ? »: a sentence of the topic gives the figure of that region
        and not names_place(texts, ctx.place_in_message, ctx.text)
    ):
        known = False  # "combien de facilitateurs en Bretagne ?": the knowledge counts them nationally
    threshold = obligation_threshold(texts, ctx.text) if known is False else None
    if threshold:  # "combien de marchés pour être obligé d'avoir un SPASER ?": the threshold is an amount
        usual = territorial_or_topic(knowledge, question, ctx, national=national)
        noun = written_word(ctx.text, counted_noun(ctx.text) or "")
        first, *rest = usual.replies
        first = replace(first, text=first.text.replace(threshold, "").strip())
        lead = threshold + (f" Le critère est ce montant, pas un nombre de {noun}." if noun else "")
        first = replace(first, text=f"{lead}\n{first.text}" if first.text else lead)
        return Outcome([first, *rest], notes=["obligation threshold"])
    found = (
        figure_of_another_topic(knowledge, ctx.text, question, wanted)
        if known is False and not local_count
        else None
    )
    if found:  # « quelle part des marchés avait une considération sociale en 2019 ? »: another topic gives it
        return Outcome([found], notes=["figure found elsewhere"])
    if known is False:
        usual = territorial_or_topic(knowledge, question, ctx, national=national)
        replies = unknown_figure_reply(question, ctx.text, wanted, usual.replies)
        return Outcome(named_route(knowledge, question, ctx, replies), notes=["unknown figure"])
    if question in ("ask_network", "ask_facilitator", "ask_guichet_vert"):
        focusable = FOCUSABLE if follow_up else GUICHET_FOCUS if question == "ask_guichet_vert" else set()
        asked = wanted & focusable
        # "on les rejoint comment ?" after a network: RAPIDD, said in the overview
        overview = knowledge.topics["ask_networks_overview"]
        extra = topic_texts(overview) if follow_up and question == "ask_network" else []
        focused = focused_reply(topic, asked, extra) if asked else None
        outcome = territorial_or_topic(
            knowledge, question, ctx, national=scope or no_local_structure(ctx.text) or national_question(ctx)
        )
        about_it = follow_up or refers_back(ctx.text, MAX_BACK_WORDS)  # "il publie quoi ?" after RAN COPER
        if focused and ctx.place is not None and follow_up and JOIN in asked and question == "ask_network":
            # "comment on y adhère ?" after the buyer's network: how to join, then that network again
            return for_audience(Outcome([focused] + outcome.replies), question, ctx)
        if focused and ctx.place is None:  # "c'est gratuit et comment on le saisit ?"
            if local_without_place(ctx, question):  # "je voudrais joindre le guichet vert de ma région"
                focused = replace(focused, text=f"{focused.text}\n{ASK_LOCATION}")
                return for_audience(Outcome([focused], awaiting_location=True), question, ctx)
            if follow_up or not outcome.replies:
                return for_audience(Outcome([focused]), question, ctx)
            # A first question: the sentences asked for, with the topic's details behind « En savoir plus »
            outcome.replies[0] = replace(outcome.replies[0], text=focused.text)
            return for_audience(outcome, question, ctx)
        if outcome.replies and desk_answers(knowledge, topic, ctx):
            # "faut-il être adhérent de l'ARNia ?": the region's own desk answers, not the topic; the
            # other aspects asked with it ("c'est payant ?") from the topic, after it
            other = focused_reply(topic, asked - {JOIN}) if asked - {JOIN} else None
            if other:
                outcome.replies[0] = with_answer_after(outcome.replies[0], other.text)
        elif focused and outcome.replies:  # "…et comment le saisir ?", "on les rejoint comment ?"
            outcome.replies[0] = with_focus(outcome.replies[0], focused.text)
            if (
                follow_up is False
                and COST in asked
                and focused.text.splitlines()[0] not in outcome.replies[0].text
            ):
                # "c'est gratuit ?" asked with a place: the sentence saying so, even cut short
                outcome.replies[0] = with_answer_after(outcome.replies[0], focused.text.splitlines()[0])
        elif question == "ask_facilitator" and not follow_up and asked_place and outcome.replies:
            # "Jura : recourir à un facilitateur est-il obligatoire ?": what is asked, then the contacts
            # not when a person or a contact is asked ("le nom du coordinateur régional ?"): the
            # territorial reply says first whether it is known
            lead = (
                None
                if wanted & {WHO, CONTACT, LOCAL} or NAME_ASKED.search(question_form(ctx.text))
                else (topic_lead(topic, ctx.text))
            )
            if lead:
                outcome.replies[0] = with_answer_first(outcome.replies[0], lead)
        elif about_it and ctx.place and outcome.replies and not scope:
            # "il a été créé quand ?" after Rés'Occ
            outcome.replies[0] = about_structure(outcome.replies[0], ctx)
        elif question == "ask_network" and named_structure(knowledge, ctx) and outcome.replies:
            # "RESECO couvre quelles régions ?": the sentence of its entry that answers, first
            outcome.replies[0] = about_structure(outcome.replies[0], replace(ctx, last_answer=""))
            named = knowledge.network_named(ctx.text)
            if named and asks_what_it_is(ctx.text):  # "c'est quoi RESECO ?": what it is
                outcome.replies[0] = lead_kept(outcome.replies[0], units(named.description)[0])
            elif named and asks_what_named_does(ctx.text):  # "le 3AR fait quoi ?": what it does
                said = " ".join(units(named.description)[:MAX_DOES_SENTENCES])
                outcome.replies[0] = lead_kept(outcome.replies[0], said)
        return for_audience(outcome, question, ctx)
    if follow_up and wanted & FOCUSABLE:
        focused = focused_reply(topic, wanted)
        if focused:  # "on est une fondation, on peut s'inscrire ?" after RAPIDD: who may, first
            return for_audience(Outcome([focused]), question, ctx)
    known = stems("\n".join(topic_texts(topic)))
    suggested = suggested_topic(topic.buttons, ctx.text, known) if follow_up else None
    # "ça concerne quels bâtiments ?" after the 2030 obligation: its own sentence on the buildings answers,
    # not the button « Le label bâtiment biosourcé » for sharing the word
    itself = follow_up and bool(suggested) and cue_answered(ctx.text, topic)
    if suggested and suggested in knowledge.topics and suggested != question and not itself:
        # "où les trouver ?" after the reserved contracts: the answer's own suggestion « Trouver des
        # fournisseurs inclusifs »
        fresh = replace(ctx, intent=suggested, question=suggested)
        return replace(answer_question(knowledge, suggested, fresh), question=suggested)
    missing = UNKNOWN_ASPECT.get(next((a for a in (JOIN, CONTACT) if a in wanted), "")) if follow_up else None
    if missing:  # "comment on adhère ?" when no sentence of the topic says how: say so first
        return Outcome([Reply(missing), topic_reply(knowledge, topic, plain_text(ctx.text))])
    shown = ctx.last_answer if follow_up else ""  # "à partir de quand ?": about the answer just shown
    replies = [topic_reply(knowledge, topic, plain_text(ctx.text), shown=shown)]
    if question == "ask_rapidd" and ctx.place_in_message:
        replies.append(network_reply(knowledge, ctx.place_in_message))
    return for_audience(Outcome(replies), question, ctx)


NAME_ASKED = re.compile(r"\b(?:noms?|coordonnees|telephone|mail|courriel)\b")


def topic_lead(topic: Topic, text: str) -> Optional[str]:
    """The sentence of a topic that answers the question itself (not where the buyer's contact is): a
    detail that answers it, or « Oui : … » for a closed question the short answer settles."""
    return lead_sentence(text, topic.answer, topic.details or "") or answered_yes(
        asked_part(text), topic.answer
    )


# "combien de marchés faut-il pour être obligé … ?", "à partir de combien … ?": the threshold of a duty.
OBLIGATION_ASKED = re.compile(
    r"\bpour (?:etre|qu on soit|que nous soyons) (?:oblig\w*|soumis|concerne\w*|tenus?)\b"
    r"|\ba partir de (?:combien|quel)\b|\bseuil\b"
)
# A sentence that sets a duty from an amount ("… dont les achats annuels dépassent 50 millions d'euros").
AMOUNT_THRESHOLD = re.compile(
    r"\b(?:depass\w*|a partir de|au dela de|superieurs? a)\b.{0,40}?\d[\d ,]*(?:millions?|milliards?) d euros"
)


def written_word(text: str, folded: str) -> str:
    """The word of the message as the user wrote it, accents kept ("marches" -> "marchés")."""
    return next((word for word in re.findall(r"\w+", text) if question_form(word) == folded), folded)


def obligation_threshold(texts: Sequence[str], text: str) -> Optional[str]:
    """The sentence of the texts that sets a duty from an amount, when the message asks from when the
    duty applies: the threshold answers it, though the message counts something else."""
    if not OBLIGATION_ASKED.search(question_form(text)):
        return None
    return next(
        (
            sentence
            for one in texts
            for sentence in brevity_sentences(render_dates(one))
            if AMOUNT_THRESHOLD.search(question_form(sentence))
        ),
        None,
    )


def with_answer_first(reply: Reply, lead: str) -> Reply:
    """A territorial reply led by the sentence that answers the question, when it is not said yet."""
    if lead in reply.text:
        return reply
    return replace(reply, text=f"{lead}\n{reply.text}")


def with_answer_after(reply: Reply, focus: str) -> Reply:
    """A territorial reply whose first line (the regional desk) is followed by the sentences of ``focus``
    it does not say yet ("c'est payant ?": « … service gratuit … »), each cut to its first clause when
    the first message would grow too long; its last lines give way if needed."""
    lines = reply.text.splitlines()
    if not lines:
        return reply
    added: List[str] = []
    for line in focus.splitlines():
        if not line.strip() or line in reply.text:
            continue
        short = re.split(r" : |, ", line, maxsplit=1)[0].rstrip(" ,;.") + "."
        added.append(line if word_count(line) <= MAX_ANSWER_WORDS // 3 else short)
    if not added:
        return reply
    kept = [lines[0], *added, *lines[1:]]
    while len(kept) > len(added) + 1 and word_count("\n".join(kept)) > MAX_ANSWER_WORDS:
        # the last line cut to its first clause (« • Comment : via un formulaire en ligne. »), else dropped
        short = re.split(r", | ; ", kept[-1], maxsplit=1)[0].rstrip(" ,;.") + "."
        if short != kept[-1] and word_count(short) < word_count(kept[-1]):
            kept[-1] = short
        else:
            kept.pop()
    return replace(reply, text="\n".join(kept))


def desk_answers(knowledge: KnowledgeBase, topic: Topic, ctx: Context) -> bool:
    """A sentence of the entry of the guichet vert carrier of the place answers the question."""
    place = ctx.place_in_message or ctx.named_place or ctx.place
    if topic.id != "ask_guichet_vert" or place is None:
        return False
    networks = knowledge.networks_for_region(place.region_code)
    sentence, _ = guichet_vert_sentence(networks, place)
    return desk_lead(networks, sentence, topic, plain_text(ctx.text), place) is not None


def structure_texts(knowledge: KnowledgeBase, ctx: Context) -> List[str]:
    """What the knowledge says of the networks the message names or the place is about ("3AR a été créé
    quand ?" is answered by 3AR's own entry)."""
    named = named_structure(knowledge, ctx)
    place = ctx.place_in_message or ctx.named_place or ctx.place
    found = [named] if named else []
    if place is not None:
        found += [n for n in knowledge.networks_for_region(place.region_code) if n not in found]
    return [structure_facts(network) for network in found]


def structure_sites(knowledge: KnowledgeBase, ctx: Context) -> List[str]:
    """The websites of the structures the message is about, when known ("le site de Rés'Occ ?" has none)."""
    named = named_structure(knowledge, ctx)
    place = ctx.place_in_message or ctx.named_place or ctx.place
    found = [named] if named else []
    if place is not None and not named:
        found += knowledge.networks_for_region(place.region_code)
    return [f"Son site : {network.website}" for network in found if network.website]


def named_route(knowledge: KnowledgeBase, question: str, ctx: Context, replies: List[Reply]) -> List[Reply]:
    """ "Votre réseau régional pourra vous répondre." names the network when one is known for the message
    or the place (« il y a combien d'adhérents ? » after RAN COPER: « RAN COPER pourra vous répondre. »)."""
    route = ROUTES.get("ask_network", "")
    if question != "ask_network" or not replies or route not in replies[0].text:
        return replies
    named = named_structure(knowledge, ctx)
    place = ctx.place_in_message or ctx.named_place or ctx.place
    found = [named] if named else knowledge.networks_for_region(place.region_code) if place else []
    networks = [network for network in found if network.is_network]
    if len(networks) != 1:
        return replies
    name = networks[0].short_name
    text = replies[0].text.replace(route, f"Votre réseau régional, {name}, pourra vous répondre.")
    return [replace(replies[0], text=text)] + list(replies[1:])


REGIONAL_TOPICS = ("ask_network", "ask_guichet_vert")  # answered by a regional structure's entry


def named_structure(knowledge: KnowledgeBase, ctx: Context) -> Optional[Network]:
    """The regional structure the message names, else the one the answer just given named when the
    message follows it up without a place ("ça couvre quelles régions ?" after RESECO)."""
    named = knowledge.network_named(ctx.text)
    if named or ctx.place_in_message or not ctx.last_answer:
        return named
    plain = question_form(ctx.text)
    if NATIONAL_SCOPE.search(plain) or STRONG_NATIONAL.search(plain):
        return None  # "et il y en a combien en France ?": the networks in general
    if is_national(ctx.text) and not (refers_back(ctx.text) or is_elliptical(ctx.text)):
        return None  # "qui pilote les réseaux ?"; but "qui le porte ?" is about the structure just given
    if ctx.intent == "follow_up" or refers_back(ctx.text) or is_elliptical(ctx.text):
        lines = ctx.last_answer.strip().splitlines()
        # after "Je n'ai pas ce chiffre : ... ", the structure is named by the answer that follows
        while len(lines) > 1 and UNKNOWN_FIRST.match(lines[0]):
            lines = lines[1:]
        # « D'après la page de l'ARBE, on comptait 11 guichets verts »: a source named, not the subject
        return knowledge.network_named(ATTRIBUTION.sub(" ", lines[0]))
    return None


# A clause that names where a fact was read (« D'après la page de l'ARBE consultée en …, »).
ATTRIBUTION = re.compile(r"(?:D'après|Selon|d'après|selon) (?:la page|le site|les pages)? ?[^,.;]*[,.;]?")


# "il fait aussi les clauses sociales ?", "ils gèrent aussi un guichet vert ?" of the structure just named.
STRUCTURE_DOES = re.compile(
    r"^(?:et |mais |ok )?(?:il|elle|ils|elles) (?:fait|font|gere|gerent|s occupen?t?|portent|porte"
    r"|proposent|propose|traitent|traite|accompagnent|accompagne)(?: aussi| egalement)?"
    r" (?:de |des |du |d )?(?P<what>.+?)\W*$"
)


# « et pour les clauses sociales, ils font quelque chose ? »: the same, the thing asked said first.
STRUCTURE_DOES_ABOUT = re.compile(
    r"^(?:et |mais |ok )?(?:pour|sur|cote|concernant|niveau) (?P<what>[a-z ]+?),? (?:est ce qu )?"
    r"(?:ils|elles|il|elle) (?:font|fait|proposent|propose|ont|a|gerent|gere) (?:aussi |egalement )?"
    r"(?:quelque chose|qqch|des choses|un truc|un service)\W*$"
)
# « ils font quoi concrètement ? », « c'est quoi leur rôle ? » after a structure: what its entry says it does.
STRUCTURE_DOES_WHAT = re.compile(
    r"^(?:et |mais |ok |du coup |alors )?(?:(?:ils|elles|il|elle) (?:font|fait|proposent|propose) quoi"
    r"|qu est ce qu (?:ils|elles|il|elle) (?:font|fait|proposent|propose)|que font ils|c est quoi leur role"
    r"|(?:ils|elles) servent a quoi|ca sert a quoi)"
    r"(?: (?:concretement|exactement|au juste|en fait|pour nous))?\W*$"
)
MAX_DOES_SENTENCES = 2
# « le GIP Maximilien fait quoi ? », « à quoi sert le CRAJEP ? », « quel est le rôle de l'ARBE ? »: what a
# structure named in the message does.
NAMED_DOES_WHAT = re.compile(
    r"\b(?:fait|font|propose\w*|offre\w*|apporte\w*) quoi\b|\bque (?:fait|font|propose\w*|offre\w*)\b"
    r"|\bqu est ce qu (?:il |elle |ils |elles )?(?:fait|font|propose\w*)\b|\ba quoi ser(?:t|vent)\b"
    r"|\bser(?:t|vent) a quoi\b|\b(?:son|leur|le) role\b|\bses missions\b|\bquelles? missions?\b"
)


def asks_what_named_does(text: str) -> bool:
    return bool(NAMED_DOES_WHAT.search(question_form(text)))


CREATED = re.compile(r"\b(?:cree|lance|fonde|ne|nee|creation|lancement|depuis)\w*\b")
# « il existe depuis quand ? », « elle a été créée quand ? », « ça date de quand ? »: its creation.
STRUCTURE_SINCE = re.compile(
    r"^(?:et |mais |ok |alors |du coup )*"
    r"(?:il |elle |ils |elles |ce reseau |cette structure |ca |le reseau )?"
    r"(?:existe\w* depuis (?:quand|combien de temps)"
    r"|(?:(?:a|ont) ete )?(?:cree|lance|fonde)\w* (?:quand|en quelle annee)|date\w* de quand)$"
)


def structure_since_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« depuis quand ? » after a regional structure: the sentence of its entry that dates it, else that
    its date is not in the sources (never the structure's answer again)."""
    plain = question_form(ctx.text).strip(" ?!.")
    if not (
        BARE_SINCE_WHEN.search(plain)
        or STRUCTURE_SINCE.search(plain)
        or network_facts.asks_structure_origin(plain)
    ):
        return None
    if ctx.question not in ("ask_network", "ask_networks_overview"):
        return None  # after a guichet vert, « depuis quand ? » asks the desk's date (focus.dates_creation)
    network = named_structure(knowledge, ctx)
    if network is None:
        return None
    dated = [
        one
        for one in units(network.description)
        if YEAR_OF_CENTURIES.search(one) and CREATED.search(normalize(one))
    ]
    name = f"{network.short_name[:1].upper()}{network.short_name[1:]}"
    if dated:
        return Reply(f"{name} : {dated[0][:1].lower()}{dated[0][1:]}")
    return Reply(
        f"Je n'ai pas la date de création {of_name(network.short_name)} dans mes sources. {PORTAL_ROUTE}",
        NETWORK_BUTTONS[1:],
    )


def structure_does_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« Oui : … » when the structure just named says, in one sentence of its entry, that it does what the
    message asks of it; what it does for « ils font quoi ? »; None otherwise (the usual routing answers,
    e.g. the topic asked)."""
    plain = question_form(ctx.text)
    if STRUCTURE_DOES_WHAT.search(plain) and ctx.last_answer:
        network = named_structure(knowledge, ctx)
        said = units(network.description)[:MAX_DOES_SENTENCES] if network else []
        return (
            Reply(
                f"{network.short_name[:1].upper()}{network.short_name[1:]} : "
                + " ".join(
                    f"{one[:1].lower()}{one[1:]}" if index == 0 else one for index, one in enumerate(said)
                )
            )
            if network and said
            else None
        )
    about = STRUCTURE_DOES_ABOUT.search(plain)
    found = STRUCTURE_DOES.search(plain) or about
    if not found or not ctx.last_answer or WH_WORD.search(found.group("what")):
        return None
    network = named_structure(knowledge, ctx)
    if network is None and about and not ctx.place_in_message:  # « ils » is the structure just named
        network = knowledge.network_named(next(iter(ctx.last_answer.strip().splitlines()), ""))
    asked = stems(found.group("what")) - stems("aussi egalement chose")
    if network is None or not asked:
        return None
    for sentence in units(structure_facts(network)):
        if asked <= stems(sentence):
            return Reply(f"Oui : {sentence[:1].lower()}{sentence[1:]}")
    return None


MAX_UNCONFIRMED_WORDS = 8
# « c'est pour quelle région ? », « ça couvre quel territoire ? » after a structure: where it works.
REGION_OF_IT = re.compile(
    r"\bquel(?:le)?s? (?:regions?|territoires?|perimetres?|zones?)\b|\bcouvr\w* ou\b|\bc est ou\b"
)
MAX_REGION_OF_IT_WORDS = 8


def structure_region_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« c'est pour quelle région ? » right after the answer that named a regional structure (« le GIP
    Maximilien fait quoi ? »): the regions its entry covers (hedged when the entry is not verified), never
    a request for the buyer's place. None when the message names a place or another structure."""
    plain = question_form(ctx.text)
    if (
        ctx.place_in_message
        or not ctx.last_answer
        or len(plain.split()) > MAX_REGION_OF_IT_WORDS
        or not REGION_OF_IT.search(plain)
        or knowledge.network_named(ctx.text)
        or named_topics(ctx.text)
    ):
        return None
    network = knowledge.network_named(next(iter(ctx.last_answer.strip().splitlines()), ""))
    if network is None:
        return None
    regions = [places.resolve_key(f"region:{code}") for code in network.regions]
    names = [region.label for region in regions if region is not None]
    if not names:
        return None
    covers = f"la région {names[0]}" if len(names) == 1 else f"les régions {listing(names)}"
    name = f"{network.short_name[:1].upper()}{network.short_name[1:]}"
    text = f"{name} couvre {covers}."
    if not network.verified:
        text = f"D'après mes sources, à confirmer, {network.short_name} couvre {covers}."
    return Reply(text, NETWORK_BUTTONS[1:], sources=source_links(network.sources[:1]))


def structure_unconfirmed_reply(knowledge: KnowledgeBase, ctx: Context) -> Optional[Reply]:
    """« Je ne sais pas » for a yes/no follow-up on the structure just named whose words only a point its
    entry lists as unverified holds (« c'est une association ? » after RAN COPER: its status is to be
    checked); the unverified point itself is never stated. None otherwise."""
    plain = question_form(ctx.text)
    if (
        "?" not in ctx.text
        or WH_WORD.search(plain)
        or len(plain.split()) > MAX_UNCONFIRMED_WORDS
        or named_topics(ctx.text)
    ):
        return None
    network = named_structure(knowledge, ctx)
    if network is None or not network.unverified_notes:
        return None
    asked = stems(ctx.text) - stems(network.short_name)
    if not asked or any(asked & stems(sentence) for sentence in units(structure_facts(network))):
        return None  # the entry says something of it: the usual routing answers
    if not any(asked & stems(note) for note in network.unverified_notes):
        return None
    where = " Son site pourra vous le préciser." if network.website else ""
    return Reply(f"Je ne sais pas : mes sources ne le confirment pas pour {network.short_name}.{where}")


# The answer just given leads with another law than AGEC ("La loi REEN (n° 2021-1485 ...) ...").
OTHER_LAW_LEAD = re.compile(r"La (loi (?!AGEC\b)[A-Z][\w-]+)")
UNKNOWN_FIRST = re.compile(r"Je n'ai pas |Je ne (?:connais|dispose) pas ")


# Whether a structure covers a place is asked ("3AR, c'est pour l'Occitanie ?", "RESECO couvre la Bretagne
# ?", "le 3AR c'est pour moi ?"), not another fact about it ("RESECO a un site web ?").
COVERAGE_ASKED = re.compile(
    r"\bcouvr\w*|\bc est (?:pour|en|dans|bien|l|la|le)\b|\bpour (?:moi|nous)\b|\bconcern\w*"
    r"|\bquelles? regions?\b|\best (?:en|pour|dans)\b|\b(?:mon|notre) reseau\b"
)


@dataclass
class CoverageCheck:
    """What a structure named with a place says before the place's own answer: « Oui : » (the place is
    covered: the answer then follows on the same line) or the sentence on which regions it covers."""

    text: str
    inline: bool = False


def named_structure_check(knowledge: KnowledgeBase, ctx: Context) -> Optional[CoverageCheck]:
    """A structure named with a place, asked whether it covers that place: yes (a closed question, a
    verified entry), or which regions it covers, hedged when its entry is not verified."""
    network = knowledge.network_named(ctx.text)
    place = ctx.place_in_message
    plain = question_form(ctx.text)
    if network is None or place is None or not COVERAGE_ASKED.search(plain):
        return None
    if place.region_code in network.regions:  # "je suis à Bordeaux, le 3AR c'est pour moi ?": yes
        if "?" not in ctx.text or WH_WORD.search(plain):
            return None
        return CoverageCheck(
            "Oui :" if network.verified else "D'après mes sources, à confirmer, oui :", inline=True
        )
    regions = [places.resolve_key(f"region:{code}") for code in network.regions]
    names = [region.label for region in regions if region is not None]
    if not names:
        return None
    covers = f"la région {names[0]}" if len(names) == 1 else f"les régions {listing(names)}"
    if not network.verified:
        return CoverageCheck(
            f"D'après mes sources, à confirmer, {network.short_name} couvre {covers} ; voici le réseau du "
            "lieu que vous indiquez."
        )
    return CoverageCheck(
        f"Non : {network.short_name} couvre {covers} ; voici le réseau du lieu que vous indiquez."
    )


def structure_region(network: Optional[Network], place: Optional[PlaceLike]) -> Optional[PlaceLike]:
    """The region a structure answers for: the buyer's own region when the structure covers it (RESECO
    after « Nantes » is the Pays de la Loire's, not Brittany's), else the structure's first region."""
    if network is None:
        return None
    if place is not None and place.region_code in network.regions:
        return places.resolve_key(f"region:{place.region_code}")
    return places.resolve_key(f"region:{network.regions[0]}")


def about_texts(knowledge: KnowledgeBase, question: str, texts: List[str], ctx: Context) -> List[str]:
    """What may answer an aspect asked: a regional structure named by its name or by its place is answered
    by its own entry only ("3AR existe depuis quand ?" is not answered by "les premiers réseaux datent de
    2002", nor the guichet vert of a region by the national one's dates)."""
    if question in REGIONAL_TOPICS and (knowledge.network_named(ctx.text) or ctx.place_in_message):
        return structure_texts(knowledge, ctx)
    return texts + structure_texts(knowledge, ctx)


# Where a second question starts: after a question mark, or at "et" before a question word ("combien y
# a-t-il de réseaux et combien d'acheteurs en sont membres ?").
PART_BREAK = re.compile(
    r"\?\s*(?=\S)|,?\s+et\s+(?=(?:[\w'’]+\s+){0,4}?(?:combien|quel|quels|quelle|quelles|quand|qui|comment"
    r"|quoi|pourquoi)\b)",
    re.IGNORECASE,
)


def question_parts(text: str) -> List[str]:
    """The two questions of a two-part message, as written; a single question gives one part."""
    parts = [part.strip(" ,;") for part in PART_BREAK.split(text)]
    return [part for part in parts if len(part.split()) >= 2]


# A part that asks something of its own ("il a été créé quand", "qui anime le réseau"), not a statement
# ("je cherche des prestataires locaux") nor a word that goes on with the other part ("combien ?").
OWN_QUESTION = re.compile(
    r"\b(?:quand|qui|quoi|comment|combien|quel|quels|quelle|quelles|pourquoi|depuis|est ce)\b"
)
MIN_OWN_QUESTION_WORDS = 3


def own_question(part: str) -> bool:
    plain = question_form(part)
    return len(plain.split()) >= MIN_OWN_QUESTION_WORDS and bool(OWN_QUESTION.search(plain))


# Words of the context a buyer gives before a question ("Métropole de Lyon ici : depuis quand … ?"),
# which name no subject of the question.
BUYER_CONTEXT_WORDS = (
    "ici nous on est suis travaille mairie commune ville metropole agglomeration communaute departement"
    " departemental region regional conseil ccas chu hopital syndicat service"
)


def context_words(place: Optional[PlaceLike]) -> str:
    """The place named in the message and the usual words around it, when a place was named: left out
    of the subject of an aspect asked (a creation date need not be about the buyer's own city)."""
    if place is None:
        return ""
    return f"{place.label.split(' (')[0]} {place.region_name or ''} {BUYER_CONTEXT_WORDS}"


def part_unknown(
    texts: Sequence[str], text: str, place: Optional[PlaceLike], title: str = "", both_asked: bool = False
) -> Optional[str]:
    """The part of a two-part question whose figure the texts do not give, when the other part is not
    unknown too ("le guichet vert c'est gratuit ? et il traite combien de demandes par an ?" -> the second;
    "combien de facilitateurs en France, et combien en Pays de la Loire ?" -> the local count)."""
    parts = question_parts(text)
    if len(parts) != 2:
        return None
    verdicts = []
    for part in parts:
        wanted = aspects(part)
        known = (
            False
            if unknown_aspect(part, texts, title)
            else figure_is_known(texts, part, wanted, FIGURE in wanted)
        )
        if known and place is not None and FIGURE in wanted and place_scopes_figure(part, texts, place):
            known = False  # "et combien en Pays de la Loire ?": the knowledge counts them nationally
        verdicts.append(known)
    if verdicts.count(False) != 1:
        return None
    if both_asked and not all(own_question(part) for part in parts):
        return None
    return parts[verdicts.index(False)]


def unknown_part_reply(question: str, part: str, texts: Sequence[str]) -> List[Reply]:
    """What is not known in the part asked: an aspect (a result, a date...) or a figure, then the route."""
    aspect = unknown_aspect(part, texts)
    if aspect:
        return [Reply(f"{aspect} {ROUTES.get(question, '')}".strip())]
    return unknown_figure_reply(question, part, aspects(part), [])


def figure_of_another_topic(
    knowledge: KnowledgeBase, text: str, question: str, wanted: FrozenSet[str]
) -> Optional[Reply]:
    """A dated figure the topic read lacks, given by one sentence of another topic (its examples too), about
    the same year, measure and subject (« en 2019, quelle part des marchés avait une considération sociale
    ? »); never an undated question (« quel pourcentage des marchés … aujourd'hui ? » is today's figure)."""
    if not YEAR_ASKED.search(question_form(text)):
        return None
    found = figure_sentence(knowledge, text, examples=True)
    if found is None or found[1].id == question:
        return None
    if not figure_is_known([found[0]], text, wanted, True):
        return None
    return figure_reply(knowledge, text, examples=True)


YEAR_ASKED = re.compile(r"\b(?:19|20)\d\d\b")


def names_place(texts: Sequence[str], place: PlaceLike, question: str) -> bool:
    """The texts name the place (or its region) in a sentence that gives the figure asked (« En
    Île-de-France, … jusqu'à 70 % » for a share, not for a count of facilitators)."""
    own_name = place.label.split(" (")[0]
    names = [normalize(name) for name in (own_name, place.region_name) if name]
    return any(
        re.search(rf"\b{re.escape(name)}\b", normalize(unit))
        and figure_is_known([unit], question, aspects(question), True)
        for text in texts
        for unit in units(text)
        for name in names
    )


def place_scopes_figure(text: str, texts: Sequence[str], place: PlaceLike) -> bool:
    """The place is named in the question on the figure ("combien de structures en Gironde ?", not
    "Dijon ici. Le PNAD vise quel pourcentage ?") and the texts, national, do not name it."""
    own_name = place.label.split(" (")[0]  # "Gironde (33, Nouvelle-Aquitaine)" -> "Gironde"
    names = [normalize(name) for name in (own_name, place.region_name) if name]
    plain, known = question_form(text), normalize(" ".join(texts))
    figure = re.search(r"\b(?:combien|nombre|pourcentage|part|proportion|taux)\b", plain)
    if figure is None:
        return False
    asked_here = any(re.search(rf"\b{re.escape(name)}\b", plain[figure.start() :]) for name in names)
    return asked_here and not any(re.search(rf"\b{re.escape(name)}\b", known) for name in names)


def structure_names(knowledge: KnowledgeBase, ctx: Context, territorial: bool) -> str:
    """The names of the structure the message names, if any: not the subject of an aspect asked about it
    ("APuRe a été créé quand ?" asks a date about APuRe, whose entry does not repeat its name); for a
    territorial topic, the place's names neither ("le guichet vert de la région Sud a ouvert quand ?")."""
    named = named_structure(knowledge, ctx)
    words = [named.name, named.short_name, *named.aliases] if named else []
    place = ctx.place_in_message or ctx.named_place
    if place is not None and territorial:
        words += [place.label, place.region_name, *region_aliases(place.region_code)]
    return " ".join(words)


MAX_BACK_WORDS = 12  # "pour revenir au réseau normand, il publie quoi ?": about the structure given
GUICHET_FOCUS = FOCUSABLE  # asked in the first question too: "qui a le droit de le saisir ?"
UNKNOWN_ASPECT = {
    JOIN: "Je n'ai pas cette information : la façon d'y adhérer ou de s'y inscrire ne figure pas dans mes "
    "sources. Voici ce que j'en sais :",
    CONTACT: "Je n'ai pas cette information : leurs coordonnées ne figurent pas dans mes sources. Voici ce "
    "que j'en sais :",
}


# The names are asked, not what the networks do ("la liste des réseaux régionaux ?", "lesquels ?").
LIST_ASKED = re.compile(
    r"\b(?:liste|lister|listez|enumere\w*|les noms|le nom des|noms des|lesquels|tous les reseaux"
    r"|quels sont (?:les|ces) (?:\w+ )?reseaux)\b"
)


def networks_list(knowledge: KnowledgeBase) -> str:
    """The regional networks of the knowledge, each with its region (not the structures that only carry
    a guichet vert), said to be the ones the sources name."""
    rows = []
    for network in knowledge.networks.networks:
        if not network.is_network:
            continue
        names = [places.resolve_key(f"region:{code}") for code in network.regions]
        regions = ", ".join(place.region_name for place in names if place is not None)
        rows.append(f"• {network.short_name[:1].upper()}{network.short_name[1:]} ({regions})")
    return "Les réseaux régionaux que citent mes sources :\n" + "\n".join(rows)


# A question without a subject, led by a participle ("financé par qui ?", "créé quand ?"): about what the
# answer just given named.
SUBJECTLESS = re.compile(
    r"^(?:et )?[a-z]+(?:e|ee|es|ees) (?:par (?:qui|quel\w* \w+)|quand|en quelle annee|depuis quand)\b"
)


# "… et lequel nous concerne ?", "c'est lequel le nôtre ?": the buyer's own one among those counted.
WHICH_IS_OURS = re.compile(
    r"\b(?:lequel|laquelle|le notre|la notre|le mien|la mienne|nous concerne|me concerne|chez nous"
    r"|pour nous|pour moi|dont (?:nous|je) (?:dependons|depend|relevons|releve))\b"
)


# The structures counted nationally and found locally: the topic whose details count them, and the noun.
COUNTED_STRUCTURES = {
    "ask_network": ("ask_networks_overview", "reseaux"),
    "ask_networks_overview": ("ask_networks_overview", "reseaux"),
    "ask_facilitator": ("ask_facilitator", "facilitateurs"),
    "ask_guichet_vert": ("ask_guichet_vert", "guichets"),
}


def national_count(knowledge: KnowledgeBase, question: str, text: str) -> List[Reply]:
    """The sentence that counts the structures in France ("en 2023, 11 réseaux régionaux étaient
    actifs"), if the knowledge has one."""
    counted_in, noun = COUNTED_STRUCTURES[question]
    topic = knowledge.topics[counted_in]
    texts = [topic.answer, topic.details or "", *(example.text for example in topic.examples)]
    sentences = [unit for unit in units("\n".join(texts)) if states_count(unit, noun)]
    return [Reply(as_sentence(sentences[0]), sources=source_links(topic.sources))] if sentences else []


ADDED_COUNT = re.compile(r"\b(?:cre\w*|nouveaux|nouvelles|supplementaires|de plus|finan\w*)\b")
SECOND_QUESTION = re.compile(
    r"\bet (?:a quoi|qui|quel\w*|comment|ou|que|qu est|quand|pourquoi|combien|c est|ils|elles)\b"
    r"|\bservent\b|\?.+\?"
)
OFFERS = {"ask_facilitator": OFFER_FACILITATOR, "ask_guichet_vert": OFFER_GUICHET_VERT}


def national_count_first(knowledge: KnowledgeBase, question: str, ctx: Context) -> Optional[Reply]:
    """« combien y a-t-il de guichets verts en France ? »: the sentence that counts them first, with the
    topic's buttons, then the offer of the buyer's own structure (none when the place is known)."""
    noun = counted_noun(ctx.text)
    if question not in COUNTED_STRUCTURES or not noun or noun[:5] != COUNTED_STRUCTURES[question][1][:5]:
        return None
    plain = question_form(ctx.text)
    if ADDED_COUNT.search(plain) or YEAR.search(plain) or SECOND_QUESTION.search(plain):
        return None  # "combien de nouveaux facilitateurs ?", "… en 2022 ?", "… et qui les anime ?"
    found = national_count(knowledge, question, ctx.text)
    if not found:
        return None
    topic = knowledge.topics[question]
    # the count, then how to reach them when the topic says so ("Vous y accédez depuis le portail …")
    step = topic.next_step if question == "ask_guichet_vert" and topic.next_step else ""
    reply = replace(
        found[0],
        text="\n".join(filter(None, [found[0].text, step])),
        buttons=topic_reply(knowledge, topic, "").buttons,
    )
    return reply if ctx.place else national_with_offer(reply, OFFERS.get(question, OFFER_NETWORK))


def local_reply(knowledge: KnowledgeBase, question: str, place: PlaceLike) -> Reply:
    """The structure of the place: its network, facilitator or guichet vert."""
    if question == "ask_facilitator":
        return facilitator_reply(knowledge, knowledge.topics[question], place)
    if question == "ask_guichet_vert":
        return guichet_vert_reply(knowledge, knowledge.topics[question], place)
    return network_reply(knowledge, place)


def asks_national_and_ours(text: str) -> bool:
    """A two-part question: how many there are (in France), and which one is the buyer's."""
    plain = question_form(text)
    return bool(WHICH_IS_OURS.search(plain)) and bool(
        re.search(r"\b(?:combien|nombre|en france|au niveau national|tous les)\b", plain)
    )


def national_question(ctx: Context) -> bool:
    """National facts are asked, unless a follow-up refers with a pronoun to the regional structure just
    given ("il a été créé quand ?" after Rés'Occ is about Rés'Occ, not about the networks in general)."""
    if not is_national(ctx.text):
        return False
    plain = question_form(ctx.text)
    pointed = refers_back(ctx.text) or bool(SUBJECTLESS.search(plain))  # "financé par qui ?"
    about_it = ctx.intent == "follow_up" and ctx.place is not None and pointed
    return not about_it or bool(STRONG_NATIONAL.search(plain))


def about_structure(reply: Reply, ctx: Context) -> Reply:
    """A territorial reply whose first line (the structure of the place) is followed by the sentence of
    its details that answers the follow-up, if one does."""
    first = reply.text.splitlines()[0] if reply.text else ""
    lead = lead_sentence(ctx.text, first, reply.details, ctx.last_answer)
    lead = answered_no(ctx.text, lead) if lead else lead  # "peut-il relire …?": « Non : il ne … »
    return lead_kept(reply, lead) if lead else reply


def lead_kept(reply: Reply, lead: str) -> Reply:
    """The reply's first line (the structure), the sentence that answers, then the reply's other lines
    (its site) as long as the first message stays short."""
    lines = reply.text.splitlines()
    if not lines or lead in reply.text:
        return reply
    kept = [lines[0], lead]
    for line in lines[1:]:
        if word_count("\n".join([*kept, line])) <= MAX_ANSWER_WORDS:
            kept.append(line)
    return replace(reply, text="\n".join(kept))


def local_without_place(ctx: Context, question: str) -> bool:
    """The buyer asks for their own regional desk or network ("de ma région") and no place is known."""
    return (
        question in ("ask_guichet_vert", "ask_network")
        and ctx.place is None
        and ctx.named_place is None
        and bool(LOCAL_REFERENCE.search(question_form(ctx.text)))
        and not is_national(ctx.text)
    )


# Services whose audience a buyer asks about ("le Marché de l'inclusion, réservé aux acheteurs publics ?").
SERVICES = frozenset(
    "ask_marche_inclusion ask_guichet_vert ask_rapidd ask_facilitator ask_network ask_networks_overview"
    " ask_cna ask_cci ask_entreprises_engagent ask_conseillers_entreprises ask_agefiph".split()
)


# Buyers for whom the audience of a public service is worth saying first.
MIXED_BUYER_TYPES = frozenset({"entreprise_publique_locale"})  # SEM, SPL: bound by the code or not
NOT_PUBLIC_TYPES = PRIVATE_BUYER_TYPES | MIXED_BUYER_TYPES


def audience_of_named(text: str, named: List[str]) -> bool:
    """The message asks who may use the one service it names (not who can help: "qui peut m'aider à
    rédiger une clause d'insertion ?" asks for the facilitator)."""
    return len(named) == 1 and named[0] in SERVICES and WHO in aspects(text) and not asks_who_helps(text)


def after_first_line(reply: Reply, sentence: str) -> Reply:
    """The reply with ``sentence`` right after its first line (the definition asked)."""
    lines = reply.text.splitlines()
    return replace(reply, text="\n".join([*lines[:1], sentence, *lines[1:]]))


# « puis-je l'utiliser ? », « on y a droit ? », « c'est pour nous ? », « il peut nous aider ? »
USABLE_ASKED = re.compile(
    r"\b(?:puis je|peut on|on peut|je peux|nous pouvons|peux je|(?:a|ont|avons) (?:le )?droit|y a droit"
    r"|pour (?:moi|nous)|(?:m|nous) aider|possible|utilis\w*|solliciter|recourir|fai\w+ appel|concerne)\b"
)


STATE_NOTES = frozenset({STATE_BUYERS, MAYBE_STATE_BUYERS})


def asks_if_usable(text: str) -> bool:
    """A closed question on whether the buyer may use the service (no « qui », « comment »…)."""
    last = question_form(text).split(",")[-1]
    asked = USABLE_ASKED.search(last) or WHO in aspects(last)
    return "?" in text and bool(asked) and not WH_WORD.search(last)


def state_sentence_for(reply: Reply, buyer: str) -> Reply:
    """``reply`` without the State buyers' sentence for a buyer known not to be the State's (a mairie, a
    SEM, a company; an établissement public is told the conditional one), and with it for a State buyer
    sent to the guichet vert (« sollicitez d'abord vos référents internes »)."""
    text = reply.text
    if buyer != "etat" and STATE_BUYERS in text:
        lines = [(line, line.replace(STATE_BUYERS, "").strip()) for line in text.splitlines()]
        text = "\n".join(kept for line, kept in lines if kept or not line.strip())  # blank lines stay
        if buyer == "etablissement_public" and MAYBE_STATE_BUYERS not in text:
            text = f"{text}\n{MAYBE_STATE_BUYERS}"
    elif buyer == "etat" and STATE_BUYERS not in text and GUICHET_NAMED.search(normalize(text)):
        lines = text.splitlines()  # right after the line that sends to the guichet vert
        at = next(i for i, line in enumerate(lines) if GUICHET_NAMED.search(normalize(line)))
        text = "\n".join([*lines[: at + 1], STATE_BUYERS, *lines[at + 1 :]])
    return replace(reply, text=text) if text != reply.text else reply


GUICHET_NAMED = re.compile(r"\bguichet vert\b")


def for_audience(outcome: Outcome, question: str, ctx: Context) -> Outcome:
    """The first reply led by what a buyer of this type must know first about the topic, if anything;
    else, when the message asks who may use it, by the topic's own sentence on its audience."""
    buyer = ctx.buyer_in_message or ctx.buyer_type
    if buyer is None and ctx.private and not ctx.public:
        buyer = "entreprise"
    asks_who = WHO in aspects(ctx.text) and not asks_who_helps(ctx.text)  # who may use it, not who helps
    if buyer is None and asks_who:  # "le guichet vert peut aider une entreprise ?": answered for that body
        buyer = private_body_asked(ctx.text)
    sentence = audience_sentence(question, buyer)
    if sentence and buyer in ("etat", "etablissement_public") and asks_if_usable(ctx.text):
        # "je suis acheteur de l'État, puis-je utiliser le guichet vert ?": yes first, then their referents
        sentence = f"Oui, vous pouvez le solliciter. {sentence}"
        if outcome.replies:  # their referents are said once, in the lead
            first = outcome.replies[0]
            kept = [line for line in first.text.splitlines() if line.strip() not in STATE_NOTES]
            outcome.replies[0] = replace(first, text="\n".join(kept))
    if sentence and outcome.replies and buyer not in PRIVATE_BUYER_TYPES and asks_what_it_is(ctx.text):
        # "c'est quoi ce guichet ?" from a hospital buyer: what it is first, then what they must know
        outcome.replies[0] = after_first_line(outcome.replies[0], sentence)
    elif sentence and outcome.replies and asks_what_it_is(ctx.text):
        # "et le guichet vert, c'est quoi ?" from a private buyer: what it is, then that it is not theirs
        first = outcome.replies[0]
        led = lead_with(first, sentence, buyer)
        outcome.replies[0] = replace(led, text="\n".join([*first.text.splitlines()[:1], led.text]))
    elif sentence and outcome.replies:
        outcome.replies[0] = lead_with(outcome.replies[0], sentence, buyer)
    elif (
        outcome.replies
        and question in SERVICES
        and (asks_who or buyer in NOT_PUBLIC_TYPES)
        and not outcome.replies[0].text.startswith(("Non :", "Oui :", "D'après"))  # a coverage check
    ):
        unit = audience_unit(question)
        first = outcome.replies[0]
        text = f"{unit}\n{first.text}" if unit and unit not in first.text else first.text
        if asks_who and word_count(text) > MAX_ANSWER_WORDS:
            kept = [unit]  # who may use it was asked: that first, then the reply's lines that still fit
            for line in first.text.splitlines():
                if word_count("\n".join([*kept, line])) <= MAX_ANSWER_WORDS:
                    kept.append(line)
            text = "\n".join(kept)
        if word_count(text) <= MAX_ANSWER_WORDS or asks_who:
            outcome.replies[0] = replace(first, text=text)
    return outcome


# A private body a who-question is about ("ouvert aux associations ?", "peut aider une PME ?").
PRIVATE_BODY_ASKED = re.compile(
    r"\b(?:aider|accompagner|conseiller|ouverte?s?|accessibles?|reservee?s?|ok|possible|pour|aux?|avec"
    r"|eligibles?)(?: aussi| egalement)? (?:une?|les|des|l|nos|notre)? ?(?P<body>entreprises?|pme|tpe"
    r"|societes?|start ?ups?|artisans?|commercants?|associations?|assos?|fondations?|mutuelles?)\b"
)
COMPANY_BODIES = re.compile(r"^(?:entreprise|pme|tpe|societe|start|artisan|commercant)")


def private_body_asked(text: str) -> Optional[str]:
    """The private buyer type a who-question names as its subject, if any."""
    match = PRIVATE_BODY_ASKED.search(question_form(text))
    if match is None:
        return None
    return "entreprise" if COMPANY_BODIES.match(match.group("body")) else "organisme_prive"


# A topic's sentence on who may use it ("ouvert à tous les acheteurs soumis au code de la commande
# publique", "aux acheteurs publics et privés", "le réseau des acheteurs publics").
AUDIENCE_WORDS = re.compile(
    r"acheteurs (?:publics|prives)|publics? (?:et|comme) prives?|soumis au code de la commande publique"
)


def audience_unit(question: str) -> Optional[str]:
    """The first sentence of a topic's answer or details that says whom it serves."""
    topic = knowledge_base().topics.get(question)
    if topic is None:
        return None
    for text in topic_texts(topic):
        for unit in units(text):
            if AUDIENCE_WORDS.search(normalize(unit)):
                return unit
    return None


NATIONAL_SCOPE = re.compile(
    r"\ben france\b|\b(?:au|sur le|a l) (?:niveau|plan|echelle) nationale?\b"
    r"|\b(?:(?:a l echelle|au niveau) du|dans (?:tout )?le) pays\b"
    + NOT_A_PAYS
    + r"|\bnationalement\b|\bdans l hexagone\b|\btoute la france\b"
    r"|\bsur (?:l ensemble|tout) (?:du|le) territoire\b(?! (?:communal|intercommunal|regional|departemental"
    r"|de |d |du |des ))"
    # "je suis à Nantes mais ma question est nationale"
    r"|\bquestion (?:est |d ordre )?(?:nationale|generale)\b|\b(?:de|d une) maniere generale\b"
    # "animés par qui au niveau de l'État ?"; the inter-réseaux is one national body
    r"|\b(?:au|a l) (?:niveau|echelle) de l etat\b|\binter ?reseaux?\b"
    # "combien au total ?", "ça m'intéresse au global" (not "au total en Bretagne")
    r"|\b(?:au total|au global|globalement|en general)\b(?! (?:en|dans|sur|pour|chez|a) )"
    # "sans parler de notre région", "ma question n'est pas régionale", "pas mon réseau local"
    r"|\bsans parler (?:de|du) (?:ma|notre|mon|la) (?:region|departement|ville|reseau)\b"
    r"|\bn est pas (?:regionale|locale)\b"
    r"|\bpas (?:de |besoin de )?(?:me donner )?(?:mon|notre) reseau local\b"
)
NATIONAL_WORD = re.compile(r"\bnationa(?:l|le|ux|les)\b")
# "je ne trouve pas de réseau dans ma région", "il n'y a pas de guichet vert chez nous": no local
# structure found, so the national contacts are what the buyer asks for.
NO_LOCAL_STRUCTURE = re.compile(
    r"\b(?:ne|n) (?:trouve|trouvons|trouvent|vois|voit|voyons|connais|connait|connaissons)"
    r" (?:pas|aucun|rien)\b"
    r"(?: (?:de|d|un|une|le|la|notre|mon|ma))? (?:reseau|guichet)s?\b"
    r"|\bn (?:y a|existe) (?:pas|aucun|plus)(?: de| d)? (?:reseau|guichet)s?\b"
    r"|\b(?:pas|aucun) (?:de |d )?(?:reseau|guichet vert)s?\b[^?.]{0,40}"
    r"\b(?:chez nous|par chez nous|ici|dans (?:ma|notre|la) region|dans (?:mon|notre) departement)\b"
)


def national_scope(text: str) -> bool:
    """The question is about the whole country, whatever place the buyer gave: said in so many words, or
    a national thing asked without a cue for the buyer's own contact ("je suis à Marseille ; qui anime le
    réseau national des facilitateurs ?", not "mon réseau régional, et le portail national ?")."""
    plain = question_form(text)
    return bool(NATIONAL_SCOPE.search(plain)) or (
        bool(NATIONAL_WORD.search(plain)) and not wants_own_contact(text)
    )


def no_local_structure(text: str) -> bool:
    """« je ne trouve pas de réseau dans ma région »: the national contacts are asked when no place is
    known; a place given with it keeps its own answer (its network, or the national contacts)."""
    return bool(NO_LOCAL_STRUCTURE.search(question_form(text)))


def national_contacts_first(reply: Reply, national: NationalContacts) -> Reply:
    """The national contacts (portal, RAPIDD) lead a national answer to « qui contacter ? », « quel site ? »
    or « je ne trouve pas de réseau chez nous », each named with its site; the general facts go behind
    « En savoir plus »."""
    details = "\n\n".join(part for part in (reply.text, reply.details) if part)
    return replace(reply, text=national_paragraph(national, with_answer=False), details=details)


def named_title(title: str) -> str:
    """A topic's title inside a sentence: « Matériaux biosourcés … », or « le label « … » » lowercased."""
    return f"{title[0].lower()}{title[1:]}" if "«" in title else f"« {title} »"


def article_elsewhere_reply(
    knowledge: KnowledgeBase, text: str, article: str, citing: str
) -> Optional[Reply]:
    """A known article asked about a subject that another topic covers, with articles of its own (« l'article
    R. 2113-7 impose des matériaux biosourcés ? », « le label biosourcé relève de l'article R. 2113-7 ? »):
    the sources cite it for another subject; the subject's own article, then both sentences."""
    others = [topic for topic in named_topics(text) if topic != citing and topic in knowledge.topics]
    if not others:
        return None
    other = knowledge.topics[others[0]]
    own = units("\n".join(topic_texts(knowledge.topics[citing])))
    cited = next((unit for unit in own if article in cited_articles(unit)), None)
    theirs = [
        (unit, found)
        for unit in units("\n".join(topic_texts(other)))
        for found in [[a for a in cited_articles(unit) if a != article]]
        if found and article not in cited_articles(unit)
    ]
    if not cited or not theirs:
        return None
    sentence, articles = theirs[0]
    lead = (
        f"Dans mes sources, l'article {article} est cité pour un autre sujet "
        f"({knowledge.topics[citing].title.lower()}) ; pour {named_title(other.title)}, le texte cité est "
        f"l'article {articles[0]}."
    )
    buttons = [
        {"title": knowledge.topics[citing].title, "payload": f"/{citing}"},
        {"title": other.title, "payload": f"/{other.id}"},
    ]
    return Reply(
        text=compose([f"{lead}\n{sentence.lstrip('• ')}\n{cited.lstrip('• ')}"]),
        buttons=buttons,
        sources=source_links(other.sources, knowledge.topics[citing].sources),
    )


def cue_answered(text: str, topic: Topic) -> bool:
    """A sentence of the topic gives the aspect the message asks (the buildings covered, whether it is
    compulsory, the text...), read by the cues of focus.inner_lead over its short answer and details."""
    plain = question_form(asked_part(text))
    cues = [gives for asks, gives in INNER_CUES if asks.search(plain)]
    found = units(topic.answer + "\n" + (topic.details or ""))
    return any(gives.search(normalize(unit)) for gives in cues for unit in found)


def suggested_topic(
    buttons: Sequence[Button], text: str, known: FrozenSet[str] = frozenset()
) -> Optional[str]:
    """The topic of a button of the last answer whose title holds every content word of a follow-up, or
    every word of it that the answer itself does not hold (``known``): "on les trouve comment ces
    structures ?" after the reserved contracts is « Trouver des fournisseurs inclusifs »."""
    asked = stems(text)
    if not asked:
        return None
    new = asked - known
    for button in buttons:
        intent = button.payload.lstrip("/").split("{")[0]
        title = stems(button.title)
        if intent in KNOWN_QUESTIONS and (asked <= title or (new and new <= title)):
            return intent
    return None


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
        return agec_definition_reply(knowledge, article_58=bool(ARTICLE_58.search(plain)) and not law_date)
    if category is None and ctx.intent != "ask_agec":
        category = find_product_category(knowledge.agec, ctx.product, "")
    buyer_type = ctx.buyer_type
    if buyer_type is None and says_private(ctx.text):
        buyer_type = "entreprise"
    also = also_named(knowledge.agec, category, ctx.text, plainly_named_categories(ctx.text))
    return agec_reply(knowledge.agec, category, buyer_type, message=plain_text(ctx.text), also=also)


AGEC_TOPICS = ("ask_agec", "ask_agec_declaration")
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
YEAR = re.compile(r"\b(20[2-3]\d)\b")
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


RESPONSE_DELAY = re.compile(r"\brepon\w*|\bdelais?\b")


# A length of time asked that is no delay of answer ("financé pour combien de mois ?"), and one given.
LENGTH_ASKED = re.compile(
    r"\b(?:pour|sur|pendant|durant) combien de (?:temps|jours|semaines|mois|ans|annees)\b"
)
LENGTH_GIVEN = re.compile(
    r"\b(?:\d+|deux|trois|quatre|six|douze|dix huit) (?:jours|semaines|mois|ans|annees)\b"
)


def structure_delays(knowledge: KnowledgeBase, ctx: Context) -> List[str]:
    """The sentences of the structures' entries on how fast they answer ("une réponse sous trois jours"),
    not any other length of time ("le CGDD en finançait le lancement pour 18 mois"), unless such a length
    is what is asked ("le lancement était financé pour combien de mois ?")."""
    given = LENGTH_GIVEN if LENGTH_ASKED.search(question_form(ctx.text)) else RESPONSE_DELAY
    return [
        unit
        for text in structure_texts(knowledge, ctx)
        for unit in units(text)
        if given.search(normalize(unit))
    ]


def response_delays(texts: Sequence[str]) -> List[str]:
    """The sentences of a topic on how fast an answer comes, not another length of time ("un autre
    questionnaire six mois plus tard" is no response delay)."""
    return [unit for text in texts for unit in units(text) if RESPONSE_DELAY.search(normalize(unit))]


def structure_delay(
    knowledge: KnowledgeBase, question: str, ctx: Context, delays: Sequence[str], national: bool
) -> Optional[Outcome]:
    """A delay given by the structure's own entry only ("en 2022, le GIP Maximilien annonçait une réponse
    sous trois jours"): that sentence first, then the usual answer."""
    wanted = aspects(ctx.text)
    sentence = next(
        (
            unit
            for text in delays
            for unit in units(text)
            if figure_is_known([unit], ctx.text, wanted, FIGURE in wanted)
        ),
        None,
    )
    if sentence is None:
        return None
    replies = list(territorial_or_topic(knowledge, question, ctx, national=national).replies)
    if replies and sentence in replies[0].text:
        rest = re.sub(r" {2,}", " ", replies[0].text.replace(sentence, ""))
        rest = re.sub(r"\n\s*\n", "\n", rest).strip()
        replies[0] = replace(replies[0], text=f"{sentence}\n{rest}")
    else:
        replies.insert(0, Reply(sentence))
    return Outcome(replies, notes=["structure's delay"])


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
RATES_UNKNOWN = re.compile(r"Catégorie « [^»]+ » : je ne connais pas ses taux avec certitude[^.]*\.")


def agec_unknown_figure(knowledge: KnowledgeBase, ctx: Context, wanted) -> Optional[str]:
    """Said first when an AGEC question asks a rate or a count that the knowledge does not hold."""
    plain = question_form(ctx.text).replace("%", " % ")
    year = YEAR.search(plain)
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
    years = [found for found in YEAR.findall(plain) if not any(rate.get(found) is not None for rate in rates)]
    if YEAR.search(plain):
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
AREA_TOPICS = ("ask_network", "ask_guichet_vert", "ask_networks_overview")


def territorial_or_topic(knowledge: KnowledgeBase, question: str, ctx: Context, national: bool) -> Outcome:
    """The territorial answers: the place of the message first, then the remembered one; a national
    question is answered at once (with an offer to give a place); the place is asked only when the
    answer depends on it."""
    topic = knowledge.topics.get(question)
    if topic is None:
        return Outcome([])
    place = ctx.place_in_message or ctx.named_place or (None if national else ctx.place)
    here = ctx.place_in_message or ctx.named_place or ctx.place
    if question in COUNTED_STRUCTURES and here and asks_national_and_ours(ctx.text):
        # "combien de réseaux en France, et lequel nous concerne ?": the national count, then theirs
        return Outcome(
            national_count(knowledge, question, ctx.text) + [local_reply(knowledge, question, here)]
        )
    counted = national_count_first(knowledge, question, ctx) if place is None else None
    if counted:  # "combien y a-t-il de guichets verts en France ?": the count, then the offer
        return Outcome([counted])
    country = places.foreign_country(ctx.text) if place is None and question in AREA_TOPICS else None
    if country:  # "on est à Bruxelles, quel réseau ?": none known there, the French national contacts
        return Outcome([outside_reply(knowledge, country, question, abroad=True)])
    area = area_named(knowledge, ctx.text) if place is None and question in AREA_TOPICS else None
    if area:  # "dans le sud-ouest, quel réseau ?": the networks of the regions it overlaps
        return Outcome([area_reply(knowledge, area)], awaiting_location=True)
    if question == "ask_guichet_vert":
        if place is None and national and (ctx.place or STRONG_NATIONAL.search(question_form(ctx.text))):
            # "le guichet vert couvre toute la France ?": no place needed; nor asked when it is known
            return Outcome([topic_reply(knowledge, topic, plain_text(ctx.text))])
        return Outcome([guichet_vert_reply(knowledge, topic, place, message=plain_text(ctx.text))])
    if question == "ask_network":
        if place is not None:
            # "l'adresse de RESECO ?": the region of the structure named is not said to be the buyer's
            yours = place is not ctx.named_place or place is ctx.place
            reply = network_reply(knowledge, place, yours=yours)
            check = named_structure_check(knowledge, ctx)  # "3AR couvre quelle région ? l'Occitanie ?"
            if check:
                reply = replace(reply, text=f"{check.text}{' ' if check.inline else chr(10)}{reply.text}")
            return Outcome([reply])
        if national:
            overview = knowledge.topics["ask_networks_overview"]
            reply = topic_reply(knowledge, overview, plain_text(ctx.text))
            plain = question_form(ctx.text)
            if CONTACT in aspects(ctx.text) or NO_LOCAL_STRUCTURE.search(plain):
                reply = national_contacts_first(reply, knowledge.networks.national)
            # the offer to give a place only when none is known
            reply = reply if ctx.place else national_with_offer(reply, OFFER_NETWORK)
            if LIST_ASKED.search(question_form(ctx.text)):  # "la liste des réseaux régionaux ?": their names
                reply = replace(reply, text=f"{networks_list(knowledge)}\n{reply.text}")
            return Outcome([reply])
        # The general answer, which asks where the buyer works.
        return Outcome([topic_reply(knowledge, topic, plain_text(ctx.text))])
    if question == "ask_facilitator":
        if place is not None:
            return Outcome([facilitator_reply(knowledge, topic, place)])
        if LOCAL in aspects(ctx.text) and not national:
            first = topic.answer.split(". ")[0].strip()
            return Outcome([Reply(f"{first}. {ASK_LOCATION}")], awaiting_location=True)
        # National facts, or no cue for the buyer's own facilitator: answer, and offer the local contact.
        reply = topic_reply(knowledge, topic, plain_text(ctx.text))
        if national and only_scope(ctx.text):  # "et au niveau national ?" after the local facilitator
            reply = with_national_facts(reply, topic)
        replies = [reply if ctx.place else national_with_offer(reply, OFFER_FACILITATOR)]
        if LOCAL in aspects(ctx.text):  # "un annuaire national des facilitateurs ?": the national contacts
            replies.append(Reply(national_paragraph(knowledge.facilitators.national)))
        return Outcome(replies)
    return Outcome([topic_reply(knowledge, topic, plain_text(ctx.text))])


__all__ = ["ASK_LOCATION", "Context", "LOCATION_NOT_FOUND", "NATIONAL", "Outcome", "WELCOME_MENU", "route"]
