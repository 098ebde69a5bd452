"""Place resolver: French place mentions -> communes, departments and regions of the official data.

Pure Python, no Rasa import: the Rasa server's NLU component (``nlu_components.location_extractor``)
and the action server both use it.

- ``places.text``: the words of a message as the resolver reads them, and the French words it knows
- ``places.gazetteer``: the etalab data and ``knowledge/geo_aliases.yml``, indexed by normalised name
- ``places.scan``: the place mentions of a message and the most precise of them
"""

from places.gazetteer import (
    COMMUNE,
    DEPARTEMENT,
    PRECISION,
    REGION,
    GeoDataError,
    Place,
    departements,
    load,
    most_precise_key,
    precision,
    regions,
    resolve_key,
)
from places.scan import (
    MAX_ALTERNATIVES,
    LocationMatch,
    find_locations,
    foreign_country,
    most_precise,
    resolve_text,
)

__all__ = [
    "COMMUNE",
    "DEPARTEMENT",
    "MAX_ALTERNATIVES",
    "PRECISION",
    "REGION",
    "GeoDataError",
    "LocationMatch",
    "Place",
    "departements",
    "find_locations",
    "foreign_country",
    "load",
    "most_precise",
    "most_precise_key",
    "precision",
    "regions",
    "resolve_key",
    "resolve_text",
]
