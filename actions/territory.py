"""Answers that depend on where the buyer works: regional network, guichet vert, facilitator."""

from __future__ import annotations

from datetime import date
from typing import List, Optional, Protocol

from actions.knowledge import FacilitatorEntry, KnowledgeBase, NationalContacts, Network, Topic
from actions.render import Reply, button_dicts, compose, unique_sources
from actions.topics import examples_paragraph


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
        which = "ce réseau" if network.is_network else "cette structure"
        parts.append(f"Certaines informations sur {which} restent à confirmer auprès de la source.")
    return "\n".join(parts)


def network_reply(knowledge: KnowledgeBase, place: PlaceLike, today: Optional[date] = None) -> Reply:
    """Which regional sustainable-procurement network covers this place; honest when none is known.

    A structure that only carries the region's guichet vert is presented as such, never as the network.
    """
    found = knowledge.networks_for_region(place.region_code)
    networks = [structure for structure in found if structure.is_network]
    carriers = [structure for structure in found if not structure.is_network]
    national = knowledge.networks.national
    if carriers and not networks:
        paragraphs = [
            f"Pour {place.label}, ma base ne confirme pas de réseau régional d'achats durables. "
            "Ce que mes sources montrent :",
            *(network_paragraph(carrier) for carrier in carriers),
            national_paragraph(national),
        ]
        sources = unique_sources(*(carrier.sources for carrier in carriers), national.sources)
        return Reply(compose(paragraphs, sources, today), NETWORK_BUTTONS)
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
    paragraphs = [intro] + [network_paragraph(network) for network in networks + carriers]
    sources = unique_sources(*(network.sources for network in networks + carriers))
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
    knowledge: KnowledgeBase,
    topic: Topic,
    place: Optional[PlaceLike],
    today: Optional[date] = None,
    message: str = "",
) -> Reply:
    """The general answer about the guichet vert (with the details the question asks for, such as
    example requests), plus the regional desk when the place is known."""
    details = examples_paragraph(topic, message)
    if place is None:
        text = compose(
            [
                topic.answer,
                details,
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
    text = compose([guichet_vert_paragraph(networks, place), topic.answer, details], sources, today)
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
    """The facilitator of the territory, else the regional coordination and the national contacts; then
    what facilitators do and who runs their network."""
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
    paragraphs += [national_paragraph(facilitators.national), topic.answer]
    sources = unique_sources(*(r.sources for r in routes), facilitators.national.sources, topic.sources)
    buttons = [{"title": "Le Marché de l'inclusion", "payload": "/ask_marche_inclusion"}]
    return Reply(compose(paragraphs, sources, today), buttons)
