"""Answers that depend on where the buyer works: regional network, guichet vert, facilitator."""

from __future__ import annotations

from datetime import date
from typing import List, Optional, Protocol

from actions.knowledge import FacilitatorEntry, KnowledgeBase, NationalContacts, Network, Topic
from actions.render import Reply, button_dicts, compose, unique_sources


class PlaceLike(Protocol):
    kind: str
    code: str
    department_code: Optional[str]
    region_code: str
    region_name: str

    @property
    def label(self) -> str: ...


NETWORK_BUTTONS = [
    {"title": "Le guichet vert", "payload": "/ask_guichet_vert"},
    {"title": "Mon facilitateur clauses sociales", "payload": "/ask_facilitator"},
    {"title": "La plateforme RAPIDD", "payload": "/ask_rapidd"},
]


def national_paragraph(national: NationalContacts) -> str:
    links = "\n".join(f"• {link.title} : {link.url}" for link in national.links)
    return f"{national.text}\n{links}" if links else national.text


def network_paragraph(network: Network) -> str:
    parts = [f"{network.name}. {network.description}"]
    if network.website:
        parts.append(f"Site : {network.website}")
    else:
        parts.append("Son site web n'est pas confirmé dans ma base : cherchez-le depuis le portail national.")
    if not network.verified:
        parts.append("Certaines informations sur ce réseau restent à confirmer auprès de la source.")
    return "\n".join(parts)


def network_reply(knowledge: KnowledgeBase, place: PlaceLike, today: Optional[date] = None) -> Reply:
    """Which regional sustainable-procurement network covers this place; honest when none is known."""
    networks = knowledge.networks_for_region(place.region_code)
    national = knowledge.networks.national
    if not networks:
        text = compose(
            [
                f"Pour {place.label}, je ne connais aucun réseau régional d'achats durables dans ma base "
                "vérifiée (ce qui ne prouve pas qu'il n'en existe pas).",
                national_paragraph(national),
            ],
            national.sources,
            today,
        )
        return Reply(text, NETWORK_BUTTONS[:1])
    intro = f"Pour {place.label}, le réseau régional d'achats durables est :"
    if len(networks) > 1:
        intro = f"Pour {place.label}, ma base connaît {len(networks)} structures :"
    paragraphs = [intro] + [network_paragraph(network) for network in networks]
    sources = unique_sources(*(network.sources for network in networks))
    return Reply(compose(paragraphs, sources, today), NETWORK_BUTTONS)


def guichet_vert_paragraph(networks: List[Network], place: PlaceLike) -> str:
    """The regional desk: its carrier when verified, an honest 'unknown' otherwise."""
    carriers = [n for n in networks if n.guichet_vert.exists]
    if carriers:
        lines = []
        for network in carriers:
            desk = network.guichet_vert
            where = desk.url or network.website
            access = f" : {where}" if where else " (formulaire en ligne sur le site du réseau)"
            lines.append(
                f"En {place.region_name}, le guichet vert est porté par {network.short_name}{access}."
            )
        return "\n".join(lines)
    if networks:
        names = ", ".join(n.short_name for n in networks)
        return (
            f"En {place.region_name}, ma base ne confirme pas l'existence d'un guichet vert. "
            f"Le réseau régional ({names}) saura vous orienter."
        )
    return (
        f"Je ne connais pas de guichet vert pour {place.region_name} dans ma base vérifiée : "
        "le portail national des achats durables vous orientera."
    )


def guichet_vert_reply(
    knowledge: KnowledgeBase, topic: Topic, place: Optional[PlaceLike], today: Optional[date] = None
) -> Reply:
    """The general answer about the guichet vert, plus the regional desk when the place is known."""
    if place is None:
        text = compose(
            [
                topic.answer,
                "Dites-moi où vous travaillez (ville, département ou région) "
                "et je vous indiquerai le guichet de votre région.",
            ],
            topic.sources,
            today,
        )
        return Reply(text, button_dicts(topic.buttons))
    networks = knowledge.networks_for_region(place.region_code)
    sources = unique_sources(*(n.sources for n in networks), topic.sources)
    if not networks:
        sources = unique_sources(knowledge.networks.national.sources, topic.sources)
    text = compose([guichet_vert_paragraph(networks, place), topic.answer], sources, today)
    return Reply(text, NETWORK_BUTTONS[1:])


def facilitators_for(knowledge: KnowledgeBase, place: PlaceLike) -> List[FacilitatorEntry]:
    """Entries of the facilitators table for this place, the most precise territory first."""
    entries = knowledge.facilitators.entries
    commune = [e for e in entries if place.kind == "commune" and place.code in e.communes]
    department = [e for e in entries if place.department_code and place.department_code in e.departments]
    region = [e for e in entries if place.region_code in e.regions]
    return commune or department or region


def facilitator_reply(
    knowledge: KnowledgeBase, topic: Topic, place: PlaceLike, today: Optional[date] = None
) -> Reply:
    """The facilitator of the territory, else the regional coordination and the national head."""
    found = facilitators_for(knowledge, place)
    facilitators = knowledge.facilitators
    if found:
        lines = [f"• {entry.structure} : {entry.contact_url}" for entry in found]
        first = f"Pour {place.label}, contactez :\n" + "\n".join(lines)
        sources = unique_sources(*(entry.sources for entry in found), topic.sources)
        return Reply(compose([first, topic.answer], sources, today), [])
    routes = [r for r in facilitators.regional_routes if r.region == place.region_code]
    paragraphs = [f"Je n'ai pas de facilitateur référencé pour {place.label} dans ma base vérifiée."]
    for route in routes:
        where = f" ({route.url})" if route.url else ""
        paragraphs.append(
            f"La coordination régionale des clauses sociales relève de {route.coordination}{where} : "
            "elle peut vous indiquer le facilitateur de votre territoire."
        )
    paragraphs.append(national_paragraph(facilitators.national))
    sources = unique_sources(*(r.sources for r in routes), facilitators.national.sources)
    buttons = [{"title": "Le Marché de l'inclusion", "payload": "/ask_marche_inclusion"}]
    return Reply(compose(paragraphs, sources, today), buttons)
