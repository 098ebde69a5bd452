"""The knowledge base: shipped content, writing rules, loader errors and the two maintenance scripts."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Dict, List, Set

import pytest

from actions.dates import render_dates
from actions.knowledge import KNOWLEDGE_DIR, KnowledgeBase, KnowledgeError, load_knowledge
from actions.reply import MAX_ANSWER_WORDS, word_count
from tests.support.wording import INTERNAL_WORDS, RAW_URL

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_DATA = ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
CHECK_SCRIPT = ROOT / "scripts" / "check_knowledge.py"
IMPORT_SCRIPT = ROOT / "scripts" / "import_facilitators.py"
DOSSIER_DATE = date(2026, 11, 25)

AGEC_IDS = [
    "textiles",
    "informatique",
    "reprographie",
    "consommables_impression",
    "papier",
    "fournitures_bureau",
    "engins_transport",
    "vehicules",
    "mobilier",
    "mobilier_urbain",
    "collecte_dechets",
    "bocaux_flacons",
    "equipements_sportifs",
    "espaces_verts",
    "batiments_modulaires",
    "electromenager",
    "jeux_jouets",
]
TOPIC_INTENTS = {
    "ask_agec_declaration",
    "ask_biosourced",
    "ask_biosourced_label",
    "ask_ecolabels",
    "ask_environmental_considerations",
    "ask_guichet_vert",
    "ask_social_clause",
    "ask_reserved_contracts",
    "ask_facilitator",
    "ask_marche_inclusion",
    "ask_network",
    "ask_networks_overview",
    "ask_rapidd",
    "ask_pnad",
    "ask_climate_law",
    "ask_private_support",
    "ask_conseillers_entreprises",
    "ask_entreprises_engagent",
    "ask_agefiph",
    "ask_cci",
    "ask_cna",
}
MAX_EXAMPLE_CHARS = 400  # added to the answer when the question names the purchase
MAX_ANSWER_CHARS = 900
TUTOIEMENT = re.compile(r"\b(tu|te|toi|ton|ta|tes)\b", flags=re.IGNORECASE)
LINE_STARTING_PLACEHOLDER = re.compile(r"(^|\n)\{(since|date|period):")  # renders in lower case


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_DIR)


def documented_intents() -> Set[str]:
    """Intent names of the table in docs/architecture.md, and the topics it lists without an intent
    (`| (topic `ask_x`) |`)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| (?:\(topic `)?(ask_[a-z_]+)`?\)? \|", text, flags=re.MULTILINE))


def official_codes(kind: str) -> Set[str]:
    rows = json.loads((OFFICIAL_DATA / f"{kind}.json").read_text(encoding="utf-8"))
    if kind == "communes":
        return {row["code"] for row in rows if row.get("type") == "commune-actuelle"}
    return {row["code"] for row in rows}


def load_script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script is executed
    spec.loader.exec_module(module)
    return module


def copy_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a copied knowledge file; fails loudly if the snippet to break is no longer there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path.name}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CHECK_SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


# --- shipped content -------------------------------------------------------------------------------------


def test_shipped_knowledge_loads_with_expected_sizes(knowledge: KnowledgeBase) -> None:
    assert set(knowledge.topics) == TOPIC_INTENTS
    assert len(knowledge.networks.networks) >= 10
    assert [category.id for category in knowledge.agec.categories] == AGEC_IDS
    assert knowledge.guides


def test_every_entry_has_a_dated_source(knowledge: KnowledgeBase) -> None:
    rows = knowledge.all_entries()
    assert len(rows) > 50
    for file_name, label, entry in rows:
        assert entry.sources, f"{file_name}: {label} has no source"
        for source in entry.sources:
            assert isinstance(source.checked, date), f"{file_name}: {label}"
            assert str(source.url).startswith(("http://", "https://"))
            assert source.checked <= date.today(), f"{file_name}: {label} checked in the future"


def test_every_topic_id_is_a_documented_intent(knowledge: KnowledgeBase) -> None:
    intents = documented_intents()
    assert "ask_agec" in intents and len(intents) > 20  # the table was parsed
    assert set(knowledge.topics) <= intents
    for topic in knowledge.topics.values():
        for button in topic.buttons:
            assert button.payload[1:].split("{")[0] in intents, f"{topic.id}: {button.payload}"


def test_network_and_facilitator_codes_exist_in_official_data(knowledge: KnowledgeBase) -> None:
    regions, departments = official_codes("regions"), official_codes("departements")
    for network in knowledge.networks.networks:
        assert set(network.regions) <= regions, network.id
    assert {"53", "52", "24"} <= set(knowledge.networks_for_region("53")[0].regions)
    facilitators = knowledge.facilitators
    for entry in facilitators.entries:
        assert set(entry.regions) <= regions, entry.structure
        assert set(entry.departments) <= departments, entry.structure
        if entry.communes:
            assert set(entry.communes) <= official_codes("communes"), entry.structure
    for route in facilitators.regional_routes:
        assert route.region in regions
    assert len({route.region for route in facilitators.regional_routes}) == len(facilitators.regional_routes)


def test_network_ids_are_unique_and_regions_are_not_claimed_twice(knowledge: KnowledgeBase) -> None:
    ids = [network.id for network in knowledge.networks.networks]
    assert len(ids) == len(set(ids))
    claimed = [code for network in knowledge.networks.networks for code in network.regions]
    assert len(claimed) == len(set(claimed))


def test_partially_verified_networks_say_what_is_not_verified(knowledge: KnowledgeBase) -> None:
    for network in knowledge.networks.networks:
        if not network.verified:
            assert network.unverified_notes, network.id
    assert knowledge.networks_for_region("94") == []  # Corse: no network in the dossier
    national = knowledge.networks.national
    assert any("achats-durables.gouv.fr" in str(link.url) for link in national.links)


def test_agec_categories_rates_and_keywords(knowledge: KnowledgeBase) -> None:
    agec = knowledge.agec
    assert len(agec.categories) == 17
    assert agec.in_force == date(2024, 7, 1)
    assert "2024-134" in agec.decree
    for category in agec.categories:
        for rates in (category.reuse_pct, category.recycled_pct):
            assert set(rates) <= {"2024", "2027", "2030"}, category.id
            for value in rates.values():
                assert value is None or 0 <= value <= 100, category.id
        assert 5 <= len(category.keywords) <= 15, category.id
        assert all(keyword == keyword.lower() for keyword in category.keywords), category.id
    by_id = {category.id: category for category in agec.categories}
    assert by_id["fournitures_bureau"].label == "Fournitures de bureau"
    assert all(value is None for value in by_id["fournitures_bureau"].reuse_pct.values())
    assert by_id["textiles"].reuse_pct["2024"] == 8


def test_agec_keywords_find_the_right_category(knowledge: KnowledgeBase) -> None:
    from actions.agec import find_category

    cases = {
        "un marché de fournitures de bureau": "fournitures_bureau",
        "des ramettes de papier": "papier",
        "des bancs publics et du mobilier urbain": "mobilier_urbain",
        "du mobilier de bureau": "mobilier",
        "des cartouches d'encre": "consommables_impression",
        "des ordinateurs portables": "informatique",
    }
    for message, expected in cases.items():
        category = find_category(knowledge.agec, None, message)
        assert category is not None and category.id == expected, message


def test_course_critical_topics(knowledge: KnowledgeBase) -> None:
    environment = knowledge.topics["ask_environmental_considerations"].text
    assert "{since:2026-08-21}" in environment
    assert "guichet vert" in environment and "critère" in environment
    biosourced = knowledge.topics["ask_biosourced"].text
    assert "{since:2030-01-01}" in biosourced and "25 %" in biosourced
    assert "2020" in biosourced and "RE2020" in biosourced and "Écolabel" in biosourced
    assert "guide_biosources_2020" in knowledge.topics["ask_biosourced"].see_also
    pnad = knowledge.topics["ask_pnad"].text
    assert "{period:2022-2025}" in pnad and "100 %" in pnad and "30 %" in pnad


def test_dated_answers_follow_the_calendar(knowledge: KnowledgeBase) -> None:
    environment = knowledge.topics["ask_environmental_considerations"].text
    assert "à compter du 21 août 2026" in render_dates(environment, date(2026, 3, 1))
    assert "depuis le 21 août 2026" in render_dates(environment, DOSSIER_DATE)
    pnad = knowledge.topics["ask_pnad"].text
    assert "couvre la période 2022-2025" in render_dates(pnad, date(2025, 6, 1))
    assert "couvrait la période 2022-2025" in render_dates(pnad, DOSSIER_DATE)


def test_answers_follow_the_writing_rules(knowledge: KnowledgeBase) -> None:
    """The short answer and its next step fit in MAX_ANSWER_WORDS; nothing a topic says holds a raw URL
    (addresses are links); the details stay a readable length."""
    for topic in knowledge.topics.values():
        first = f"{topic.answer}\n{topic.next_step or ''}"
        for today in (date(2026, 1, 1), DOSSIER_DATE, date(2031, 1, 1)):
            assert word_count(render_dates(first, today)) <= MAX_ANSWER_WORDS, f"{topic.id}: first message"
            text = render_dates(topic.text, today)
            assert len(render_dates(topic.details or "", today)) <= MAX_ANSWER_CHARS, f"{topic.id}: details"
            assert "{" not in text and "}" not in text, f"{topic.id}: placeholder left"
        for part in (topic.answer, topic.next_step or "", topic.details or ""):
            assert not RAW_URL.search(part), f"{topic.id}: raw URL (put it in `links`)"
            assert "Source :" not in part and "Sources :" not in part, topic.id
            assert not re.search(r"<[a-z/]|\]\(|\*\*", part), f"{topic.id}: HTML or Markdown"
            assert not TUTOIEMENT.search(part), f"{topic.id}: tutoiement"
            assert not LINE_STARTING_PLACEHOLDER.search(part), f"{topic.id}: placeholder starts a line"
            assert not INTERNAL_WORDS.search(part), f"{topic.id}: internal vocabulary"
        assert "\n" not in (topic.next_step or ""), f"{topic.id}: the next step is one line"
        assert 1 <= len(topic.buttons) <= 3, topic.id
        for example in topic.examples:
            assert len(example.text) <= MAX_EXAMPLE_CHARS, f"{topic.id}: {example.keywords[0]}"
            assert not re.search(r"<[a-z/]|\]\(|\*\*|\{", example.text), f"{topic.id}: {example.keywords[0]}"
            assert not TUTOIEMENT.search(example.text), f"{topic.id}: {example.keywords[0]}"
            assert not RAW_URL.search(example.text), f"{topic.id}: {example.keywords[0]}"


def test_no_personal_contact_details_in_the_knowledge_files() -> None:
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"\b0[1-9](?:[ .]?\d{2}){4}\b")
    for path in KNOWLEDGE_DIR.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert not email.search(text), path.name
        assert not phone.search(text), path.name


def test_facilitator_national_contacts_do_not_invent_a_directory(knowledge: KnowledgeBase) -> None:
    national = knowledge.facilitators.national
    assert "Alliance Villes Emploi" in national.text
    assert "ville-emploi" not in national.text + " ".join(str(link.url) for link in national.links)
    assert any("lemarche.inclusion" in str(link.url) for link in national.links)


# --- corrections of issue 12 (sources: the dossier's corrections of 2026-11-29) ---------------------------


def test_biosourced_label_follows_the_2024_decree(knowledge: KnowledgeBase) -> None:
    label = knowledge.topics["ask_biosourced_label"]
    text = render_dates(label.text, DOSSIER_DATE)
    assert "arrêté du 2 juillet 2024" in text and "abrogé l'arrêté du 19 décembre 2012" in text
    assert "depuis le 1er septembre 2024" in text
    assert "kgC/m²" in text and "carbone biogénique" in text and "mixité" in text
    assert "2024 »" in text  # the three "niveau 2024" levels
    old_regime = text[text.index("42, 63 ou 84") - 120 :]
    assert "régime de 2012" in old_regime and "ne s'appliquent plus" in old_regime
    assert "JORFTEXT000049880757" in str(label.sources[0].url)
    assert "arrete_label_biosource_2024" in label.see_also
    assert "arrete_label_biosource_2012" not in knowledge.guides
    assert "arrêté du 2 juillet 2024" in knowledge.topics["ask_biosourced"].text


def test_reserved_contracts_state_article_r2113_7(knowledge: KnowledgeBase) -> None:
    text = knowledge.topics["ask_reserved_contracts"].text
    for article in ("L. 2113-12", "L. 2113-13", "L. 2113-13-1"):
        assert article in text
    assert "Pour ces trois réservations, l'article R. 2113-7 fixe à au moins 50 %" in text
    assert "avis d'appel à la concurrence ou, sans avis, dans les documents de la consultation" in text
    assert "Dans les deux premiers cas" not in text


def test_social_aspects_guide_is_the_2023_update(knowledge: KnowledgeBase) -> None:
    guide = knowledge.guides["guide_aspects_sociaux"]
    assert "2022" in guide.published and "novembre 2023" in guide.published
    social = [g for g in knowledge.guides.values() if "aspects sociaux" in g.title]
    assert not any("2018" in (g.published or "") for g in social)
    for topic_id in ("ask_social_clause", "ask_reserved_contracts"):
        assert "guide_aspects_sociaux" in knowledge.topics[topic_id].see_also


def test_guichet_vert_carriers_are_not_called_the_regional_network(knowledge: KnowledgeBase) -> None:
    by_id = {network.id: network for network in knowledge.networks.networks}
    for carrier in ("arnia-bfc", "mden-reunion", "arbe-paca"):
        network = by_id[carrier]
        assert network.kind == "guichet_vert_carrier", carrier
        assert network.guichet_vert.exists, carrier
        assert "guichet vert" in network.description, carrier
        assert not network.description.startswith("Ce réseau"), carrier
    networks = ("maximilien", "apure", "reseco", "3ar", "res-occ", "aura-ee-rredd")
    assert all(by_id[network_id].is_network for network_id in networks)


def test_entries_with_notes_are_unverified(knowledge: KnowledgeBase) -> None:
    noted = [network for network in knowledge.networks.networks if network.unverified_notes]
    assert len(noted) >= 9
    assert all(not network.verified for network in noted)


def test_dated_claims_carry_their_date(knowledge: KnowledgeBase) -> None:
    maximilien = next(n for n in knowledge.networks.networks if n.id == "maximilien")
    assert maximilien.guichet_vert.note and maximilien.guichet_vert.note.startswith("En 2022")
    assert "de 2022 à 2024" in knowledge.topics["ask_cci"].text
    assert "plus de 100 clubs départementaux en 2023" in knowledge.topics["ask_entreprises_engagent"].text
    assert "Début 2024, plus de 500 facilitateurs" in knowledge.topics["ask_facilitator"].text
    for topic_id in ("ask_guichet_vert", "ask_rapidd"):
        topic = knowledge.topics[topic_id]
        assert "PNAD 2022-2025" in topic.text and "achats-durables.gouv.fr" in topic.text, topic_id
        assert "https://achats-durables.gouv.fr" in [str(item.url) for item in topic.links], topic_id
        assert "toujours ouvert" in topic.text, topic_id


def test_no_successor_plan_is_claimed() -> None:
    successor = re.compile(r"PNAD 20(2[6-9]|3\d)|plan (national )?(successeur|suivant) (est|a été)", re.I)
    for path in KNOWLEDGE_DIR.glob("*.yml"):
        assert not successor.search(path.read_text(encoding="utf-8")), path.name


def test_no_denied_host_and_the_dossier_path_is_relative() -> None:
    for path in KNOWLEDGE_DIR.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if path.name != "source_policy.yml":
            for host in ("testing.lemoniteur.fr", "css.achatpublic.info", "eelv.fr", "wixsite.com"):
                assert host not in text, f"{path.name}: {host}"
        assert "/work/shared" not in text, path.name


def test_sources_cited_from_code_follow_the_source_policy() -> None:
    """The glossary and the AGEC definition cite sources outside knowledge/: the same rules apply."""
    from actions.followup import AGEC_DEFINITION_SOURCES
    from actions.glossary import ENTRIES

    check = load_script(CHECK_SCRIPT)
    policy = check.load_policy(KNOWLEDGE_DIR)
    sources = [source for entry in ENTRIES for source in entry.sources] + AGEC_DEFINITION_SOURCES
    assert len(sources) >= len(ENTRIES)
    for source in sources:
        url = str(source.url)
        assert check.denied_reason(url, policy) is None, url
        assert source.is_course or not check.is_home_page(url), url
        assert source.title, url
        if source.is_course:
            assert url == policy.course_url, url


# --- broken knowledge directories -------------------------------------------------------------------------


BROKEN_CASES = [
    pytest.param(
        "topics.yml",
        '    title: "Déclarer ses achats AGEC"\n',
        "",
        ["topics.yml", "title"],
        id="missing-field",
    ),
    pytest.param(
        "networks.yml",
        "website: https://www.maximilien.fr",
        "website: pas-une-adresse",
        ["networks.yml", "website"],
        id="bad-url",
    ),
    pytest.param(
        "agec.yml", "in_force: 2024-07-01", "in_force: 2024-13-45", ["agec.yml", "in_force"], id="bad-date"
    ),
    pytest.param(
        "guides.yml", "checked: 2026-11-25", "checked: hier", ["guides.yml", "checked"], id="bad-checked-date"
    ),
    pytest.param(
        "topics.yml", "topics:\n", "topics: [\n", ["topics.yml", "invalid YAML", "line"], id="invalid-yaml"
    ),
    pytest.param(
        "topics.yml",
        "  - id: ask_biosourced\n",
        "  - id: ask_agec_declaration\n",
        ["topics.yml", "duplicate id", "ask_agec_declaration"],
        id="duplicate-topic-id",
    ),
    pytest.param(
        "networks.yml",
        "  - id: apure\n",
        "  - id: maximilien\n",
        ["networks.yml", "duplicate id", "maximilien"],
        id="duplicate-network-id",
    ),
    pytest.param(
        "agec.yml",
        "  - id: papier\n",
        "  - id: textiles\n",
        ["agec.yml", "duplicate id", "textiles"],
        id="duplicate-category-id",
    ),
    pytest.param(
        "facilitators.yml",
        '    regions: ["11"]\n',
        "",
        ["facilitators.yml", "regions"],
        id="facilitator-without-territory",
    ),
    pytest.param(
        "topics.yml",
        "see_also: [guide_agec_art58, schema_declaration_agec]",
        "see_also: [guide_inconnu]",
        ["topics.yml", "see_also", "guide_inconnu"],
        id="unknown-guide",
    ),
    pytest.param(
        "geo_aliases.yml",
        'PACA: "93"',
        'PACA: ["93"]',
        ["geo_aliases.yml", "aliases.PACA"],
        id="geo-alias-not-a-region-code",
    ),
    pytest.param(
        "geo_aliases.yml",
        "checked: 2026-11-25",
        "checked: 2026-11-31",
        ["geo_aliases.yml", "sources.0.checked"],
        id="geo-alias-bad-checked-date",
    ),
    pytest.param(
        "networks.yml",
        '    verified: false\n    unverified_notes:\n      - "Site web propre',
        '    unverified_notes:\n      - "Site web propre',
        ["networks.yml", "apure", "unverified_notes", "verified: false"],
        id="notes-on-a-verified-entry",
    ),
    pytest.param(
        "topics.yml",
        '      - kind: course\n        section: "Acheteurs publics, sollicitez',
        '      - kind: course\n        title: "Acheteurs publics, sollicitez',
        ["topics.yml", "section", "a course source names its section"],
        id="course-without-section",
    ),
]


@pytest.mark.parametrize(("file_name", "old", "new", "expected"), BROKEN_CASES)
def test_broken_knowledge_names_file_and_field(
    tmp_path: Path, file_name: str, old: str, new: str, expected: List[str]
) -> None:
    directory = copy_knowledge(tmp_path)
    replace_in(directory / file_name, old, new)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory)
    for fragment in expected:
        assert fragment in str(caught.value)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    (directory / "guides.yml").unlink()
    with pytest.raises(KnowledgeError, match="guides.yml: file not found"):
        load_knowledge(directory)


# --- scripts/check_knowledge.py ---------------------------------------------------------------------------


def test_check_script_accepts_the_shipped_knowledge_from_any_directory(tmp_path: Path) -> None:
    result = run_check("--today", "2026-11-25", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert "17 categories" in result.stdout and "21 topics" in result.stdout
    assert "Unverified entries" in result.stdout and "reseco (verified: false)" in result.stdout
    assert "checked more than 365 days" in result.stdout
    assert re.search(r"AGEC rates: \d+ known, \d+ null out of 102", result.stdout)


def test_check_script_reports_stale_entries(tmp_path: Path) -> None:
    result = run_check("--today", "2028-01-01", cwd=tmp_path)
    assert result.returncode == 0
    assert "topics.yml: ask_pnad (oldest check 2026-11-25)" in result.stdout


def test_check_script_exits_1_on_a_broken_directory(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    replace_in(directory / "networks.yml", "website: https://ran-coper.fr", "website: ran-coper")
    result = run_check("--knowledge-dir", str(directory))
    assert result.returncode == 1
    assert "networks.yml" in result.stderr and "website" in result.stderr
    assert "INVALID" in result.stderr


def test_check_script_counts_and_dates_the_geo_aliases(tmp_path: Path) -> None:
    result = run_check("--today", "2028-01-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"geo_aliases\.yml +\d+ region aliases, \d+ common-word communes", result.stdout)
    assert "geo_aliases.yml: aliases (oldest check 2026-11-25)" in result.stdout


SOURCE_RULE_CASES = [
    pytest.param(
        "networks.yml",
        "https://www.macommune.info/un-guichet-vert",
        "https://www.testing.lemoniteur.fr/un-guichet-vert",
        ["networks.yml line", "testing.lemoniteur.fr", "denied host", "staging host"],
        id="staging-host",
    ),
    pytest.param(
        "guides.yml",
        "      - url: https://www.banquedesterritoires.fr/le-nouveau-plan",
        "      - url: https://elus.eelv.fr/le-nouveau-plan",
        ["guides.yml line", "eelv.fr", "political party"],
        id="party-blog",
    ),
    pytest.param(
        "topics.yml",
        "      - url: https://marche-public.info/article-r2111-12-17-labels-code-commande-publique",
        "      - url: https://marche-public.info/",
        ["ask_ecolabels", "home page"],
        id="home-page",
    ),
    pytest.param(
        "topics.yml",
        '        section: "Le CNA"',
        '        section: "Le Cercle du CNA"',
        ["ask_cna", "course section", "Le Cercle du CNA", "not a line of the course"],
        id="unknown-section",
    ),
    pytest.param(
        "topics.yml",
        "      - url: https://www.agefiph.fr/articles/propos-de-lagefiph/de-1987-aujourdhui-lhistoire-de-lagefiph\n"
        '        checked: 2026-11-25\n        title: "De 1987',
        "      - url: https://www.agefiph.fr/articles/propos-de-lagefiph/de-1987-aujourdhui-lhistoire-de-lagefiph\n"
        "        checked: 2026-11-25\n      - url: https://openclassrooms.com/fr/courses/7716516-engagez-vous-dans"
        "-lachat-durable/8265645-appuyez-vous-sur-des-reseaux-nationaux-et-locaux\n"
        '        checked: 2026-11-25\n        title: "De 1987',
        ["ask_private_support", "cite the course as `kind: course`"],
        id="course-cited-as-a-web-page",
    ),
    pytest.param(
        "topics.yml",
        "      - url: https://www.idcite.com",
        "      - url: https://www.dorean.fr/une-autre-page\n        checked: 2026-11-25\n"
        "      - url: https://www.idcite.com",
        ["ask_climate_law", "best first", "(official, other, press"],
        id="weaker-source-first",
    ),
    pytest.param(
        "guides.yml",
        "    verified: false  # publication day read",
        "    verified: true  # publication day read",
        ["guide_ecolabel_europeen", "only weak sources", "à confirmer"],
        id="weak-source-not-flagged",
    ),
    pytest.param(
        "networks.yml",
        'commande publique responsable (La Gazette des communes)"',
        'commande publique responsable (La Gazette des communes)"\n'
        "      - url: https://sante-achat.info/durable/les-acheteurs-publics-responsables-occitans-ont-desormais-"
        "leur-reseau/\n        checked: 2026-11-25\n"
        '        title: "Les acheteurs publics responsables occitans ont désormais leur réseau"',
        ["reseco", "names another region", "occitans, 76", "24, 52, 53"],
        id="source-about-another-region",
    ),
    pytest.param(
        "facilitators.yml",
        'de la clause sociale (24/06/2022)"',
        'de la clause sociale en Île-de-France (24/06/2022)"',
        ["route 93", "names another region", "Ile de France, 11"],
        id="regional-route-citing-another-region",
    ),
    pytest.param(
        "networks.yml",
        '        title: "Commande publique à La Réunion (communiqué de la préfecture, 12/02/2025)"\n',
        "",
        ["mden-reunion", "imazpress.com", "needs a title"],
        id="shown-source-without-a-title",
    ),
    pytest.param(
        "agec.yml",
        "../shared/research/domain-facts.md",
        "/work/shared/research/domain-facts.md",
        ["agec.yml line", "reference the dossier as ../shared/"],
        id="absolute-dossier-path",
    ),
]


@pytest.mark.parametrize(("file_name", "old", "new", "expected"), SOURCE_RULE_CASES)
def test_check_script_enforces_the_source_rules(
    tmp_path: Path, file_name: str, old: str, new: str, expected: List[str]
) -> None:
    directory = copy_knowledge(tmp_path)
    replace_in(directory / file_name, old, new)
    result = run_check("--knowledge-dir", str(directory))
    assert result.returncode == 1, result.stdout
    assert "INVALID" in result.stderr
    for fragment in expected:
        assert fragment in result.stderr


def test_check_script_reports_the_best_source_of_each_entry(tmp_path: Path) -> None:
    result = run_check("--today", "2026-11-30", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Source rules: passed" in result.stdout
    assert re.search(r"entries by best source: course \d+, official \d+, press \d+, other \d+", result.stdout)
    assert re.search(r"^  1 course +topics.yml: ask_guichet_vert$", result.stdout, flags=re.MULTILINE)
    label_guide = r"^  2 official +guides.yml: arrete_label_biosource_2024$"
    assert re.search(label_guide, result.stdout, flags=re.MULTILINE)
    rows = len(re.findall(r"^  [1-4] (course|official|press|other) ", result.stdout, flags=re.MULTILINE))
    assert rows == len(load_knowledge(KNOWLEDGE_DIR).all_entries())


def test_check_script_without_the_course_copy_says_sections_are_not_checked(tmp_path: Path) -> None:
    result = run_check("--course", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "course sections not checked" in result.stdout


# --- scripts/import_facilitators.py -----------------------------------------------------------------------


def write_csv(path: Path, rows: List[Dict[str, str]]) -> Path:
    columns = ["structure", "contact_url", "departments", "communes", "regions", "source_url", "checked"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})
    return path


QUIMPER = {
    "structure": "Maison de l'emploi de test",
    "contact_url": "https://example.org/contact",
    "departments": "29; 56",
    "source_url": "https://example.org/clauses",
    "checked": "2026-11-20",
}
CORSICA = {
    "structure": "Facilitateur de test en Corse",
    "contact_url": "https://example.org/corse",
    "departments": "2a",
    "communes": "2A004",
    "source_url": "https://example.org/corse-source",
    "checked": "2026-11-21",
}


def test_import_facilitators_round_trip_is_idempotent(tmp_path: Path) -> None:
    importer = load_script(IMPORT_SCRIPT)
    directory = copy_knowledge(tmp_path)
    csv_path = write_csv(tmp_path / "facilitators.csv", [QUIMPER, CORSICA])

    assert importer.main([str(csv_path), "--knowledge-dir", str(directory)]) == 0
    knowledge = load_knowledge(directory)
    by_name = {entry.structure: entry for entry in knowledge.facilitators.entries}
    assert by_name["Maison de l'emploi de test"].departments == ["29", "56"]
    assert by_name["Facilitateur de test en Corse"].departments == ["2A"]
    assert by_name["Facilitateur de test en Corse"].communes == ["2A004"]
    assert by_name["Maison de l'emploi de test"].sources[0].checked == date(2026, 11, 20)
    assert "GIP Maximilien, guichet régional des clauses sociales d'Île-de-France (mission MACS)" in by_name
    assert knowledge.facilitators.regional_routes  # the rest of the file is kept
    written = (directory / "facilitators.yml").read_text(encoding="utf-8")
    assert written.startswith("# Social-clause facilitators")  # header comments kept

    assert importer.main([str(csv_path), "--knowledge-dir", str(directory)]) == 0
    assert (directory / "facilitators.yml").read_text(encoding="utf-8") == written
    assert len(load_knowledge(directory).facilitators.entries) == 3

    newer = dict(QUIMPER, structure="MAISON  de l'emploi de TEST", departments="22", checked="2026-11-24")
    more_path = write_csv(tmp_path / "more.csv", [newer])
    assert importer.main([str(more_path), "--knowledge-dir", str(directory)]) == 0
    entries = load_knowledge(directory).facilitators.entries
    merged = {entry.structure: entry for entry in entries}["Maison de l'emploi de test"]
    assert merged.departments == ["29", "56", "22"]
    assert [source.checked for source in merged.sources] == [date(2026, 11, 24)]
    assert len(load_knowledge(directory).facilitators.entries) == 3


def test_import_facilitators_reports_bad_rows_with_their_line(tmp_path: Path, capsys) -> None:
    importer = load_script(IMPORT_SCRIPT)
    directory = copy_knowledge(tmp_path)
    before = (directory / "facilitators.yml").read_text(encoding="utf-8")
    rows = [
        QUIMPER,
        dict(QUIMPER, structure="Sans adresse valide", contact_url="pas-une-url"),
        dict(QUIMPER, structure="Département inconnu", departments="00"),
        dict(QUIMPER, structure="Sans territoire", departments=""),
        dict(QUIMPER, structure="Mauvaise date", checked="25/11/2026"),
    ]
    csv_path = write_csv(tmp_path / "bad.csv", rows)
    assert importer.main([str(csv_path), "--knowledge-dir", str(directory)]) == 1
    error = capsys.readouterr().err
    assert "bad.csv line 3: contact_url" in error
    assert "bad.csv line 4: departments: unknown code '00'" in error
    assert "bad.csv line 5: regions: a facilitator entry needs departments, communes or regions" in error
    assert "bad.csv line 6: sources.0.checked" in error
    assert "line 2" not in error
    assert (directory / "facilitators.yml").read_text(encoding="utf-8") == before


def test_import_facilitators_rejects_a_wrong_header(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    csv_path = tmp_path / "header.csv"
    csv_path.write_text("structure,url\nX,https://example.org\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(IMPORT_SCRIPT), str(csv_path), "--knowledge-dir", str(directory)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "header.csv line 1" in result.stderr and "missing: contact_url" in result.stderr
