"""places/gazetteer.py: the etalab data and the aliases, indexed once; keys, labels, precision."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import places
from places import gazetteer


def resolved(text: str) -> str | None:
    place = places.resolve_text(text)
    return place.key if place else None


# --- data ---------------------------------------------------------------------------------------


def test_every_department_belongs_to_one_of_the_18_regions() -> None:
    regions = {place.code: place for place in places.regions()}
    departments = places.departements()
    assert len(regions) == 18
    assert len(departments) == 101
    for department in departments:
        assert department.region_code in regions, department
        assert department.region_name == regions[department.region_code].name
        assert places.resolve_key(f"departement:{department.code}") == department
    assert {d.region_code for d in departments} == set(regions)


def test_every_department_and_region_name_is_found_as_a_reply() -> None:
    for department in places.departements():
        place = places.resolve_text(department.name)
        assert place is not None, department.name
        # Paris is both a department and its single commune: the commune is more precise.
        assert place.department_code == department.code, department.name
    for region in places.regions():
        place = places.resolve_text(region.name)
        assert place is not None and place.region_code == region.code, region.name


def test_resolve_key_and_labels() -> None:
    rennes = places.resolve_key("commune:35238")
    assert rennes is not None
    assert (rennes.name, rennes.department_code, rennes.region_code) == ("Rennes", "35", "53")
    assert rennes.label == "Rennes (Ille-et-Vilaine, Bretagne)"
    assert rennes.key == "commune:35238"
    assert places.resolve_key("departement:35").label == "Ille-et-Vilaine (35, Bretagne)"
    assert places.resolve_key("departement:2a").code == "2A"
    assert places.resolve_key("region:53").label == "Bretagne"
    assert places.resolve_key("region:53").department_code is None
    assert places.resolve_key("departement:974").label == "La Réunion (974)"
    assert places.resolve_key("commune:97411").label == "Saint-Denis (La Réunion)"
    assert places.resolve_key("commune:75056").label == "Paris (Île-de-France)"
    for unknown in ("commune:00000", "departement:20", "region:975", "ville:35238", "35238", ""):
        assert places.resolve_key(unknown) is None


def test_overseas_collectivities_are_outside_the_regions_and_delegated_communes_left_out() -> None:
    # Saint-Pierre-et-Miquelon (zone com): a place of its own, so that it is answered honestly (no
    # network known), never read as Saint-Pierre of La Réunion; it is no region of the 18.
    spm = places.resolve_key("departement:975")
    assert spm is not None and spm.outside_regions and spm.label == "Saint-Pierre-et-Miquelon"
    assert places.resolve_key("region:988") is None
    commune = places.resolve_key("commune:97502")
    assert commune is not None and commune.outside_regions
    assert places.resolve_key("commune:13201") is None  # arrondissement of Marseille


def test_missing_data_tells_to_run_make_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    places.load.cache_clear()
    try:
        with pytest.raises(places.GeoDataError, match="make install"):
            places.load()
    finally:
        monkeypatch.delenv("GEO_DATA_DIR")
        places.load.cache_clear()
    assert places.resolve_key("region:53") is not None


def test_alias_file_is_sourced_and_points_to_existing_regions() -> None:
    data = yaml.safe_load(gazetteer.DEFAULT_ALIASES_FILE.read_text(encoding="utf-8"))
    assert data["sources"]
    for source in data["sources"]:
        assert source["url"].startswith(("https://", "http://"))
        assert source["checked"]
    for alias, code in data["aliases"].items():
        assert places.resolve_key(f"region:{code}") is not None, alias
        assert resolved(f"je suis en {alias}") == f"region:{code}", alias


def test_most_precise_key_of_entity_values() -> None:
    assert places.most_precise_key(["region:53", "commune:35238", "departement:35"]) == "commune:35238"
    assert places.most_precise_key(["region:53", "departement:29", "departement:35"]) == "departement:29"
    assert places.most_precise_key(["commune:00000", "region:53"]) == "region:53"
    assert places.most_precise_key([]) is None
