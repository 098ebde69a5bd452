"""Answers that depend on where the buyer works: regional network, guichet vert, facilitator.

The first message names who to contact for the place (or says plainly that none is known, once); the
descriptions, caveats and national contacts are details. Addresses are links, named in the text by their
site ("reseco.fr"), never written as raw URLs.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Protocol, Tuple

import yaml

import places
from actions.focus import answered_no, lead_sentence
from actions.knowledge import (
    Area,
    FacilitatorEntry,
    FacilitatorsFile,
    KnowledgeBase,
    NationalContacts,
    Network,
    RegionalRoute,
    Topic,
)
from actions.render import Reply, button_dicts, compose, host, link, source_links
from actions.reply import MAX_ANSWER_WORDS, Link, word_count
from actions.topics import focused, guides_paragraph, lines, matching_example, topic_links
from actions.understanding import asks_who_helps
from textnorm import normalize


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
ASK_PLACE = "Dites-moi où vous travaillez : je vous indiquerai le guichet de votre région."


# INSEE « type de liaison » of a name: how « de » joins it (« du Cher », « de la Creuse », « de l'Ain »).
LIAISON_OF = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'"}


def place_phrase(place: PlaceLike) -> str:
    """The place after « pour » or « de »: a region or a department with its noun (« pour la région
    Bretagne », never « pour Bretagne »), a commune by its label."""
    if place.kind == "region":
        return f"la région {place.region_name}"
    if place.kind == "departement":
        of = LIAISON_OF.get(getattr(place, "liaison", None), "")
        return f"le département {of}{place.name}" if of else f"le département {place.label}"
    return place.label


def national_paragraph(national: NationalContacts, with_answer: bool = True) -> str:
    """The national contacts, each link named with its site (the address itself is a link apart)."""
    lines = "\n".join(f"• {item.title} : {host(item.url)}" for item in national.links)
    text = " ".join(part for part in (national.answer if with_answer else None, national.text) if part)
    return f"{text}\n{lines}" if lines else text


def national_links(national: NationalContacts) -> List[Link]:
    return [link(item.title, item.url) for item in national.links]


def listing(names: List[str]) -> str:
    """'A', 'A et B', 'A, B et C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


def site_sentence(network: Network) -> str:
    if network.website:
        return f"Son site : {host(network.website)}."
    return "Son site web n'est pas confirmé : passez par le portail national achats-durables.gouv.fr."


def desk_facts(network: Network) -> str:
    """What the knowledge says of the guichet vert the structure carries: when it opened, its note."""
    desk = network.guichet_vert
    if not desk.exists:
        return ""
    parts = []
    if desk.launched:
        when = f"le {desk.launched}" if desk.launched[:1].isdigit() else f"en {desk.launched}"
        parts.append(f"Son guichet vert a ouvert {when}.")
    if desk.note:
        parts.append(desk.note if desk.note.endswith(".") else f"{desk.note}.")
    return " ".join(parts)


def of_name(name: str) -> str:
    """« de 3AR », « du GIP Maximilien », « de la Maison de l'emploi du Nord », « d'AURA-EE »."""
    if name.startswith("le "):
        return f"du {name[3:]}"
    if name.startswith("les "):
        return f"des {name[4:]}"
    if name[:1].lower() in "aeiouyéèâîh" and not name.startswith(("la ", "l'")):
        return f"d'{name}"
    return f"de {name}"


def structure_facts(network: Network) -> str:
    """What the structure does, then what is known of its guichet vert."""
    return " ".join(part for part in (network.description, desk_facts(network)) if part)


def network_paragraph(network: Network, named: bool = True) -> str:
    """What the structure does, and what is left to confirm about it (details)."""
    facts = structure_facts(network)
    parts = [f"{network.name}. {facts}" if named else facts]
    if not network.verified:
        which = "ce réseau" if network.is_network else "cette structure"
        parts.append(
            f"Certaines informations sur {which} restent à confirmer : vérifiez-les sur le portail "
            "achats-durables.gouv.fr."
        )
    return "\n".join(parts)


def network_links(networks: List[Network]) -> List[Link]:
    return [
        link(f"Site {of_name(network.short_name)}", network.website)
        for network in networks
        if network.website
    ]


def outside_regions(place: Optional[PlaceLike]) -> bool:
    """A place outside the 18 regions (Polynésie française, Saint-Pierre-et-Miquelon...): no regional
    network, guichet vert or coordination of the knowledge covers it."""
    return bool(getattr(place, "outside_regions", False))


OUTSIDE_THINGS = {
    "ask_network": "réseau d'achats durables",
    "ask_guichet_vert": "guichet vert",
    "ask_networks_overview": "réseau d'achats durables",
}


def outside_reply(
    knowledge: KnowledgeBase, where: str, question: str = "ask_network", abroad: bool = False
) -> Reply:
    """Honest answer for a place no structure of the knowledge covers: a collectivity outside the regions
    or a country outside France. It names the place, says no structure is known there, and gives the
    national contacts (the French ones, said as such abroad); never a region's network."""
    national = knowledge.networks.national
    thing = OUTSIDE_THINGS.get(question, OUTSIDE_THINGS["ask_network"])
    scope = "la France" if abroad else "les régions de France"
    contacts = national.text
    if abroad:
        contacts = f"Pour les acheteurs publics français : {contacts[:1].lower()}{contacts[1:]}"
    first = (
        f"{where} : je ne connais pas de {thing} qui couvre ce territoire, ce qui ne prouve pas qu'il n'en "
        f"existe pas ; mes sources ne couvrent que {scope}.\n{contacts}"
    )
    return Reply(
        text=compose([first]),
        details="\n".join(f"• {item.title} : {host(item.url)}" for item in national.links),
        links=national_links(national),
        sources=source_links(national.sources),
    )


def network_reply(
    knowledge: KnowledgeBase, place: PlaceLike, today: Optional[date] = None, yours: bool = True
) -> Reply:
    """Which regional sustainable-procurement network covers this place; honest when none is known.

    A structure that only carries the region's guichet vert is presented as such, never as the network.
    ``yours``: the place is the buyer's (given or remembered), not only the region of a structure named.
    """
    if outside_regions(place):
        return outside_reply(knowledge, place.label)
    found = knowledge.networks_for_region(place.region_code)
    networks = [structure for structure in found if structure.is_network]
    carriers = [structure for structure in found if not structure.is_network]
    national = knowledge.networks.national
    if carriers and not networks:
        names = listing([carrier.short_name for carrier in carriers])
        first = (
            f"{place.label} : je ne connais pas de réseau régional d'achats durables ; "
            f"le guichet vert de la région est porté par {names}.\n{national.answer or national.text}"
        )
        return Reply(
            text=compose([first], today),
            buttons=NETWORK_BUTTONS,
            details=compose([*(network_paragraph(c) for c in carriers), national_paragraph(national)], today),
            links=network_links(carriers),
            detail_links=national_links(national),
            sources=source_links(*(carrier.sources for carrier in carriers), national.sources),
        )
    if not networks:
        first = (
            f"{place.label} : je ne connais pas de réseau régional d'achats durables, "
            f"ce qui ne prouve pas qu'il n'en existe pas.\n{national.answer or national.text}"
        )
        lines = "\n".join(f"• {item.title} : {host(item.url)}" for item in national.links)
        return Reply(
            text=compose([first], today),
            buttons=NETWORK_BUTTONS[:1],
            details=compose([national.text if national.answer else None, lines], today),
            links=national_links(national),
            sources=source_links(national.sources),
        )
    if len(networks) == 1:
        first = (
            f"{place.label} — {'votre ' if yours else 'le '}réseau régional d'achats durables : "
            f"{networks[0].name}.\n"
            f"{site_sentence(networks[0])}"
        )
    else:
        names = listing([network.name for network in networks])
        first = f"{place.label} : je connais {len(networks)} structures, {names}."
    return Reply(
        text=compose([first], today),
        buttons=NETWORK_BUTTONS,
        details=compose(
            [network_paragraph(n, named=len(networks) + len(carriers) > 1) for n in networks + carriers],
            today,
        ),
        links=network_links(networks + carriers),
        sources=source_links(*(network.sources for network in networks + carriers)),
    )


def area_named(knowledge: KnowledgeBase, text: str) -> Optional[Area]:
    """The area spanning several regions that the message names (« dans le sud-ouest »), if any."""
    plain = f" {' '.join(re.findall(r'[a-z0-9]+', normalize(text)))} "
    for area in knowledge.geo_aliases.areas:
        if any(f" {normalize(alias)} " in plain for alias in area.aliases):
            return area
    return None


def area_reply(knowledge: KnowledgeBase, area: Area) -> Reply:
    """The regional networks of the regions an area overlaps, and a button per region to say which one is
    the buyer's: « le sud-ouest » has no network of its own, and no official extent."""
    lines, buttons = [], []
    any_known = False
    for code in area.regions:
        region = places.resolve_key(f"region:{code}")
        if region is None:
            continue
        found = knowledge.networks_for_region(code)
        known = [network.short_name for network in found if network.is_network]
        carriers = [network.short_name for network in found if not network.is_network]
        any_known = any_known or bool(known) or bool(carriers)
        line = ", ".join(known) if known else "pas de réseau connu"
        if carriers and not known:  # « guichet vert porté par l'ARBE »: a desk, never called the network
            line += f" ; guichet vert porté par {listing(carriers)}"
        lines.append(f"• {region.name} : {line}")
        buttons.append({"title": region.name, "payload": f'/inform{{"location": "region:{code}"}}'})
    name = (
        f"{area.name[:1].upper()}{area.name[1:]} {'couvrent' if area.name.startswith('les ') else 'couvre'}"
    )
    ask = "Dans quelle région travaillez-vous ? Je vous donnerai son réseau et son guichet vert."
    if not any_known:
        text = f"{name} plusieurs régions ; je n'y connais aucun réseau régional d'achats durables. {ask}"
    else:
        text = f"{name} plusieurs régions ; leurs réseaux régionaux d'achats durables :\n" + "\n".join(lines)
        text += f"\n{ask}"
    sources = source_links(*(n.sources for code in area.regions for n in knowledge.networks_for_region(code)))
    return Reply(text, buttons, sources=sources)


def guichet_vert_sentence(networks: List[Network], place: PlaceLike) -> Tuple[str, List[Link]]:
    """The regional desk and its address: its carrier when verified, an honest 'not known' otherwise."""
    carriers = [n for n in networks if n.guichet_vert.exists]
    if carriers:
        lines, links = [], []
        for network in carriers:
            where = network.guichet_vert.url or network.website
            access = (
                f" ({host(where)})"
                if where
                else " (formulaire en ligne, accessible depuis le portail national)"
            )
            lines.append(
                f"Le guichet vert de la région {place.region_name} est porté par "
                f"{network.short_name}{access}."
            )
            if where:
                links.append(link(f"Le guichet vert : {network.short_name}", where))
        return "\n".join(lines), links
    if networks:
        names = ", ".join(n.short_name for n in networks)
        return (
            f"Je ne sais pas si la région {place.region_name} a un guichet vert ; "
            f"le réseau régional ({names}) saura vous orienter.",
            network_links(networks),
        )
    return (
        f"Je ne connais pas de guichet vert pour la région {place.region_name} : "
        "le portail national des achats durables vous orientera.",
        [],
    )


def desk_lead(
    networks: List[Network], sentence: str, topic: Topic, message: str, place: PlaceLike
) -> Optional[str]:
    """The sentence of the entry of the region's guichet vert carrier that answers the question, if any;
    the place's names are not what is asked ("le guichet vert de PACA ?" is not about "PACA")."""
    own = "\n".join(structure_facts(n) for n in networks if n.guichet_vert.exists)
    if not message or not own:
        return None
    names = " ".join([place.label, place.region_name, *region_aliases(place.region_code)])
    return lead_sentence(message, lines(sentence, topic.answer, names), own)


GEO_ALIASES = Path(__file__).resolve().parent.parent / "knowledge" / "geo_aliases.yml"


@lru_cache(maxsize=1)
def _aliases() -> Dict[str, str]:
    with open(GEO_ALIASES, encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle).get("aliases") or {})


def region_aliases(code: str) -> List[str]:
    """The other names of a region (« Région Sud », « PACA »), from knowledge/geo_aliases.yml."""
    return [alias for alias, region in _aliases().items() if str(region) == code]


def guichet_vert_reply(
    knowledge: KnowledgeBase,
    topic: Topic,
    place: Optional[PlaceLike],
    today: Optional[date] = None,
    message: str = "",
) -> Reply:
    """The regional desk when the place is known, then what the guichet vert is (or what the question
    asks: the example requests, how it works, one sentence of the details); the rest behind « En savoir
    plus »."""
    example = matching_example(topic, message)
    if place is None:
        if example:
            first, details = example.text, compose([topic.answer, topic.details, ASK_PLACE], today)
        else:
            first, details = focused(topic, message, today)
            if word_count(lines(first, ASK_PLACE)) <= MAX_ANSWER_WORDS:
                first = lines(first, ASK_PLACE)
        return Reply(
            text=compose([first], today),
            buttons=button_dicts(topic.buttons),
            details=details,
            links=topic_links(topic),
            sources=source_links(topic.sources),
        )
    if outside_regions(place):
        return outside_reply(knowledge, place.label, "ask_guichet_vert")
    networks = knowledge.networks_for_region(place.region_code)
    sentence, desk_links = guichet_vert_sentence(networks, place)
    national = knowledge.networks.national
    sources = source_links(*(n.sources for n in networks), topic.sources)
    if not networks:
        sources = source_links(national.sources, topic.sources)
        desk_links = national_links(national)[:1]
    # "le guichet vert de PACA a ouvert quand ?": what the knowledge says of this region's desk first
    lead = desk_lead(networks, sentence, topic, message, place)
    if not lead and example:
        lead = example.text
    else:
        # "à qui s'adresser ?": the region's desk answers who; no sentence of the details on top of it
        who = asks_who_helps(message) if message else False
        lead = lead or (None if who else lead_sentence(message, topic.answer, topic.details or ""))
        # "le guichet vert peut-il relire notre DCE ?": « Non : il ne fournit ni relecture … »
        lead = answered_no(message, lead, topic.answer) if lead else lead
    first = lines(sentence, lead or topic.answer, topic.next_step)
    if word_count(compose([first], today)) > MAX_ANSWER_WORDS:
        first = lines(sentence, lead or topic.answer)
    return Reply(
        text=compose([first], today),
        buttons=NETWORK_BUTTONS[1:],
        details=compose(
            [topic.answer if lead else None, topic.details, guides_paragraph(knowledge, topic)], today
        ),
        links=desk_links,
        detail_links=topic_links(topic),
        sources=sources,
    )


# The regional coordination of social clauses, and who runs it with what it does for the buyer (its
# ``regional_role`` in knowledge/facilitators.yml): one wording for every answer that names it.
COORDINATION = "la coordination régionale des clauses sociales"


def coordinator(facilitators: FacilitatorsFile, route: RegionalRoute) -> str:
    """« la DREETS Grand Est, qui peut vous indiquer le facilitateur de votre territoire »."""
    role = facilitators.regional_role
    return f"{route.coordination}, qui {role}" if role else route.coordination


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
    """The facilitator of the territory, else the regional coordination and the national contacts; what
    facilitators do and who runs their network are details."""
    found = facilitators_for(knowledge, place)
    facilitators = knowledge.facilitators
    about = [topic.answer, topic.details]
    if found:
        contacts = "\n".join(f"• {entry.structure} ({host(entry.contact_url)})" for entry in found)
        return Reply(
            text=compose(
                [f"Facilitateur de la clause sociale, contacts pour {place_phrase(place)} :\n{contacts}"],
                today,
            ),
            buttons=[],
            details=compose(about, today),
            links=[link(f"Contacter {entry.structure}", entry.contact_url) for entry in found],
            sources=source_links(*(entry.sources for entry in found), topic.sources),
        )
    routes = [r for r in facilitators.regional_routes if r.region == place.region_code]
    first = [f"Je ne connais pas de facilitateur pour {place_phrase(place)}."]
    for route in routes:
        first.append(
            f"{COORDINATION[:1].upper()}{COORDINATION[1:]} relève de {coordinator(facilitators, route)}."
        )
    national = facilitators.national
    if not routes:
        first.append(national.answer or national.text)
    buttons = [{"title": "Le Marché de l'inclusion", "payload": "/ask_marche_inclusion"}]
    return Reply(
        text=compose([" ".join(first)], today),
        buttons=buttons,
        details=compose([national_paragraph(national, with_answer=bool(routes)), *about], today),
        links=[
            link(f"Coordination régionale : {route.coordination}", route.url) for route in routes if route.url
        ],
        detail_links=national_links(facilitators.national),
        sources=source_links(*(r.sources for r in routes), facilitators.national.sources, topic.sources),
    )
