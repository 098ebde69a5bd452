"""« Préparer ma question pour le guichet vert » (issue 13, section 3): a ready-to-send text, never sent.

``handoff_reply`` is a pure function of what the conversation knows: the buyer type, the place, the
purchase, the latest question and the topics already answered. It restates them in a text the buyer
copies into the guichet vert's form, and says where to send it: the regional guichet vert's form when
the knowledge base has its address (``guichet_vert.url`` in knowledge/networks.yml), otherwise the
national portal's page on the regional networks. It never invents an address and masks personal data
(e-mail addresses, phone numbers) the text does not need. State buyers are first reminded to ask their
internal referents, as the course says; private buyers, that the guichet vert answers the buyers subject
to the public procurement code (knowledge/topics.yml, ask_guichet_vert), with a button to the support
for private buyers (ask_private_support).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from actions.knowledge import KnowledgeBase, Network
from actions.render import BUYER_TYPE_LABELS, PRIVATE_BUYER_TYPES, host, link
from actions.reply import Link, Reply
from actions.territory import PlaceLike
from privacy import mask_personal_data

MAX_QUESTION_CHARS = 500
MAX_TOPICS = 3
NO_QUESTION = "[précisez ici votre question]"
STATE_REFERENTS = (
    "Acheteur de l'État ou de l'un de ses établissements publics : sollicitez d'abord vos référents "
    "internes, comme le recommande le cours. S'ils ne peuvent pas vous répondre, le guichet vert le fera."
)
MAYBE_STATE_REFERENTS = (
    "Si votre établissement public relève de l'État, sollicitez d'abord vos référents internes, "
    "comme le recommande le cours."
)
PRIVATE_BUYER = (
    "Le guichet vert répond aux acheteurs soumis au code de la commande publique. Si vos achats n'en "
    "relèvent pas, d'autres structures accompagnent les entreprises : voyez le bouton ci-dessous."
)
PRIVATE_SUPPORT_TOPIC = "ask_private_support"
NEVER_SENT = (
    "Je n'envoie rien moi-même : copiez le texte ci-dessous, relisez-le et complétez-le avant de l'envoyer."
)
NATIONAL_PAGE_TITLE = "Les réseaux régionaux et leur guichet vert (portail national)"


@dataclass
class HandoffContext:
    """What the conversation knows, read by the action (actions/feedback.py)."""

    question: str = ""  # the buyer's latest question, as typed (already masked by the channel)
    question_topic: str = ""  # its topic's label when the question was a button ("Loi AGEC et mes achats")
    buyer_type: Optional[str] = None
    place: Optional[PlaceLike] = None
    product: Optional[str] = None
    answered: Sequence[str] = field(default_factory=list)  # titles of the topics already answered


def regional_form(knowledge: KnowledgeBase, place: Optional[PlaceLike]) -> Optional[Network]:
    """The structure carrying the region's guichet vert, when its form's address is known."""
    if place is None:
        return None
    for network in knowledge.networks_for_region(place.region_code):
        if network.guichet_vert.exists and network.guichet_vert.url:
            return network
    return None


def national_page(knowledge: KnowledgeBase) -> Link:
    """The national portal's page on the regional networks (knowledge/networks.yml, `national`)."""
    links = knowledge.networks.national.links
    chosen = next((item for item in links if "reseaux" in str(item.url)), links[0])
    return link(NATIONAL_PAGE_TITLE, chosen.url)


def route(knowledge: KnowledgeBase, place: Optional[PlaceLike]) -> tuple:
    """(the sentence saying where to send the text, its link)."""
    network = regional_form(knowledge, place)
    if network is not None and place is not None:
        return (
            f"Envoyez-le avec le formulaire en ligne du guichet vert de {place.region_name}, porté par "
            f"{network.short_name} ({host(network.guichet_vert.url)}).",
            link(f"Formulaire du guichet vert : {network.short_name}", network.guichet_vert.url),
        )
    page = national_page(knowledge)
    if place is None:
        where = "Envoyez-le au guichet vert de votre région : "
    else:
        carriers = [n for n in knowledge.networks_for_region(place.region_code) if n.guichet_vert.exists]
        if carriers:
            where = (
                f"Dans la région {place.region_name}, le guichet vert est porté par "
                f"{carriers[0].short_name}, mais je n'ai pas l'adresse de son formulaire : "
            )
        else:
            where = f"Je ne connais pas de formulaire du guichet vert pour la région {place.region_name} : "
    return (
        where + f"le portail national ({host(page.url)}) présente les réseaux régionaux qui le portent.",
        page,
    )


def handoff_text(context: HandoffContext) -> str:
    """The text to copy: the question and the context the assistant knows, personal data masked."""
    question = " ".join(context.question.split())[:MAX_QUESTION_CHARS]
    lines = ["Bonjour,", ""]
    if question:
        lines.append(f"Ma question : « {question} »")
    elif context.question_topic:
        lines.append(f"Ma question porte sur : {context.question_topic}. {NO_QUESTION}")
    else:
        lines.append(f"Ma question : {NO_QUESTION}")
    facts = []
    if context.buyer_type in BUYER_TYPE_LABELS:
        facts.append(f"• J'achète pour {BUYER_TYPE_LABELS[context.buyer_type]}.")
    if context.place is not None:
        facts.append(f"• Lieu : {context.place.label}.")
    if context.product:
        facts.append(f"• Achat concerné : {' '.join(context.product.split())[:100]}.")
    answered = list(dict.fromkeys(title for title in context.answered if title))[-MAX_TOPICS:]
    if answered:
        facts.append(f"• L'assistant achats durables m'a déjà répondu sur : {' ; '.join(answered)}.")
    if facts:
        lines += ["", "Mon contexte :", *facts]
    lines += ["", "Pourriez-vous m'aider à aller plus loin ?", "", "Merci par avance pour votre réponse."]
    return mask_personal_data("\n".join(lines))


def handoff_reply(knowledge: KnowledgeBase, context: HandoffContext) -> Reply:
    """The message of « Préparer ma question pour le guichet vert »: where to send, and the text."""
    intro: List[str] = []
    buttons = []
    if context.buyer_type == "etat":
        intro.append(STATE_REFERENTS)
    elif context.buyer_type == "etablissement_public":
        intro.append(MAYBE_STATE_REFERENTS)
    elif context.buyer_type in PRIVATE_BUYER_TYPES and PRIVATE_SUPPORT_TOPIC in knowledge.topics:
        intro.append(PRIVATE_BUYER)
        title = knowledge.topics[PRIVATE_SUPPORT_TOPIC].title
        buttons.append({"title": title, "payload": f"/{PRIVATE_SUPPORT_TOPIC}"})
    sentence, where = route(knowledge, context.place)
    intro.append("Voici votre question prête à envoyer. " + sentence)
    intro.append(NEVER_SENT)
    return Reply(
        text="\n\n".join(intro), buttons=buttons, links=[where], kind="handoff", copy=handoff_text(context)
    )
