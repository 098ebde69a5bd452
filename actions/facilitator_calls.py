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
from actions.territory import COORDINATION, PlaceLike, coordinator, outside_regions
from textnorm import question_form

FACILITATOR_TOPIC = "ask_facilitator"
# The calls for projects named (« les appels à projets », « l'AAP »), or the funding of new posts.
CALLS = re.compile(r"\bappels? a projets?\b|\baap\b|\bfinanc\w* (?:des |de |les )?(?:nouveaux )?postes\b")
# Who runs them: a running verb asked with « qui » (« qui pilote / lance / gère / coordonne … ? »), after
# « par qui » (« piloté par qui ? ») or after « quel service … » (« quel service lance les appels ? »).
RUNS = (
    r"(?:pilot\w*|lanc\w*|ger(?:e|ent|er|es|ee|ees)|port(?:e|ent|ee|ees)|coordon\w*|organis\w*"
    r"|s occupe\w*|instrui\w*)"
)
WHO_RUNS = re.compile(
    rf"\bqui\b(?: \w+){{0,6}} {RUNS}\b"
    rf"|\b{RUNS} par qui\b"
    rf"|\bquel(?:le)?s? (?:service|administration|organisme|structure)s?(?: \w+){{0,2}} {RUNS}\b"
)
# Who may apply or carry a project in the call (« quelle structure peut répondre à l'appel à projets ? »,
# « qui peut porter un projet dans l'AAP ? »): the applicants, not who runs the call.
APPLICANTS = re.compile(
    r"\brepond\w*|\bcandidat\w*|\bpostul\w*|\bdepos\w*|\beligib\w*|\bport(?:er|eur|eurs|e) (?:un|des|le|son)"
    r" projet|\bpeu\w* porter\b|\bbenefici\w*"
)
FACILITATORS = re.compile(r"\bfacilitat\w*")
# The national level asked (« qui lance les appels à projets au niveau national ? »): the State's call.
NATIONAL = re.compile(r"\bnation\w*|\ben france\b|\bl etat\b|\bministere\b|\bpartout\b")


def asks_regional_calls(text: str, on_facilitators: bool) -> bool:
    """Who runs the facilitators' calls for projects is asked, not at the national level."""
    plain = question_form(text)
    about = bool(FACILITATORS.search(plain)) or on_facilitators
    if not about or not CALLS.search(plain) or NATIONAL.search(plain) or APPLICANTS.search(plain):
        return False
    return bool(WHO_RUNS.search(plain))


def regional_calls_reply(
    knowledge: KnowledgeBase, message: str, place: Optional[PlaceLike], topic_id: Optional[str]
) -> Optional[Reply]:
    """The regional service that pilots the facilitators' calls for projects in the buyer's region; None
    when this is not asked or no region is known."""
    if place is None or outside_regions(place):
        return None
    if not asks_regional_calls(message, topic_id == FACILITATOR_TOPIC):
        return None
    facilitators = knowledge.facilitators
    topic = knowledge.topics.get(FACILITATOR_TOPIC)
    buttons = [{"title": f"En savoir plus : {topic.title}", "payload": f"/{topic.id}"}] if topic else []
    route = next((r for r in facilitators.regional_routes if r.region == place.region_code), None)
    if route is None:
        answer = (
            f"Les appels à projets de facilitateurs sont pilotés par la DREETS de votre région "
            f"({place.region_name}). Je n'ai pas l'adresse de sa page sur ces appels : consultez son site."
        )
        return Reply(answer, buttons, sources=source_links(facilitators.national.sources))
    # the service's name carries its region (« la DREETS Grand Est »): the region is not said again
    where = "votre région" if place.region_name in route.coordination else f"la région {place.region_name}"
    answer = (
        f"Dans {where}, les appels à projets de facilitateurs et {COORDINATION} "
        f"relèvent de {coordinator(facilitators, route)}."
    )
    title = f"{route.coordination[:1].upper()}{route.coordination[1:]} : l'appel à projets"
    links = [link(title, route.url)] if route.url else []
    return Reply(answer, buttons, links=links, sources=source_links(route.sources))
