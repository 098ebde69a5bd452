"""Who runs the facilitators' calls for projects in the buyer's region.

« qui pilote les appels à projets facilitateurs dans la région ? » once the place is known: the national
contacts of knowledge/facilitators.yml say that « la DREETS de votre région » pilots these calls, and its
``regional_routes`` name that service, with its page on the call, for a few regions. The answer is that
service (or, where no route is known, the DREETS of the region, unnamed), not the national text on the
calls. Pure functions, no Rasa import.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.knowledge import KnowledgeBase
from actions.render import Reply, link, source_links
from actions.territory import PlaceLike, outside_regions
from textnorm import question_form

FACILITATOR_TOPIC = "ask_facilitator"
# The calls for projects named (« les appels à projets », « l'AAP »), or the funding of new posts.
CALLS = re.compile(r"\bappels? a projets?\b|\baap\b|\bfinanc\w* (?:des |de |les )?(?:nouveaux )?postes\b")
# Who runs them: « qui pilote / lance / gère / coordonne … ? », « piloté par qui ? », « c'est qui qui … ».
WHO_RUNS = re.compile(
    r"\bqui\b.{0,40}\b(?:pilot\w*|lanc\w*|ger\w*|coordon\w*|organis\w*|port\w*|s occupe\w*|financ\w*"
    r"|suit|suivent|instrui\w*|anim\w*)\b"
    r"|\b(?:pilot|lanc|ger|coordonn|organis|port|financ)\w* par qui\b"
    r"|\bquel(?:le)? (?:service|administration|organisme|structure)\b"
)
FACILITATORS = re.compile(r"\bfacilitat\w*")
# The national level asked (« qui lance les appels à projets au niveau national ? »): the State's call.
NATIONAL = re.compile(r"\bnation\w*|\ben france\b|\bl etat\b|\bministere\b|\bpartout\b")


def asks_regional_calls(text: str, on_facilitators: bool) -> bool:
    """Who runs the facilitators' calls for projects is asked, not at the national level."""
    plain = question_form(text)
    about = bool(FACILITATORS.search(plain)) or on_facilitators
    return about and bool(CALLS.search(plain) and WHO_RUNS.search(plain)) and not NATIONAL.search(plain)


def regional_calls_reply(
    knowledge: KnowledgeBase, text: str, place: Optional[PlaceLike], topic_id: Optional[str]
) -> Optional[Reply]:
    """The regional service that pilots the facilitators' calls for projects in the buyer's region; None
    when this is not asked or no region is known."""
    if place is None or outside_regions(place):
        return None
    if not asks_regional_calls(text, topic_id == FACILITATOR_TOPIC):
        return None
    facilitators = knowledge.facilitators
    topic = knowledge.topics.get(FACILITATOR_TOPIC)
    buttons = [{"title": f"En savoir plus : {topic.title}", "payload": f"/{topic.id}"}] if topic else []
    route = next((r for r in facilitators.regional_routes if r.region == place.region_code), None)
    if route is None:
        text = (
            f"Les appels à projets de facilitateurs sont pilotés par la DREETS de votre région "
            f"({place.region_name}) ; je n'ai pas vérifié sa page sur ces appels."
        )
        return Reply(text, buttons, sources=source_links(facilitators.national.sources))
    coordination = route.coordination
    text = (
        f"Dans la région {place.region_name}, les appels à projets de facilitateurs de la clause sociale "
        f"relèvent de {coordination}, qui coordonne les clauses sociales dans la région : elle peut aussi "
        "vous indiquer le facilitateur de votre territoire."
    )
    title = f"{coordination[:1].upper()}{coordination[1:]} : l'appel à projets"
    links = [link(title, route.url)] if route.url else []
    return Reply(text, buttons, links=links, sources=source_links(route.sources))
