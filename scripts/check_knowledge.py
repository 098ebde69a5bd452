"""Validate the knowledge base (knowledge/*.yml) and report what needs a human look.

Usage, from the repository root:

    .venv/bin/python scripts/check_knowledge.py [--knowledge-dir DIR] [--course FILE] [--today YYYY-MM-DD]
        [--max-age-days N]

Fails (exit 1, one line per problem on stderr) when the knowledge base does not load (the loader's
message names the file and the field; it also rejects ``unverified_notes`` on an entry left
``verified: true``) or breaks a source rule of ``knowledge/source_policy.yml``:

- no URL of any knowledge file is on a denied host (staging or technical hosts, a party's blog...);
- no source is a site's home page standing for the page read;
- the course is cited as a ``kind: course`` source, with the course's address and a section heading
  that exists in the local copy of the course (checked when the copy is found);
- an entry about a region (a network, a facilitator, a regional route) cites no source whose title
  names another region (an Occitanie article does not stand for the Bretagne network): region names,
  the aliases of ``geo_aliases.yml`` and the adjectives of the policy, as whole words;
- the sources an answer can show (the first two of an entry the assistant answers with) have a title;
- each entry lists its sources best first (course, official, press, other);
- an entry whose best source is "other" says it is to be confirmed (``verified: false``, or
  « à confirmer » in a topic's answer);
- the dossier is referenced by its path relative to the project (``../shared/…``).

Prints, for developers: entry counts per file, the rank of each entry's best source, the unverified
entries (``verified: false``, ``unverified_notes``, AGEC rates left null) and the entries whose oldest
source check is older than ``--max-age-days`` (365 by default). Staleness and unverified entries are
reported but do not fail the check: they are expected, and only a human can re-check a source.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actions.knowledge import (  # noqa: E402 - after the sys.path set-up
    KNOWLEDGE_DIR,
    FacilitatorEntry,
    GeoAliasesFile,
    Guide,
    KnowledgeBase,
    KnowledgeError,
    Network,
    RegionalRoute,
    Source,
    Sourced,
    Topic,
    load_knowledge,
)
from actions.reply import MAX_SOURCES  # noqa: E402
from places.gazetteer import GeoDataError, regions, resolve_key  # noqa: E402

DEFAULT_MAX_AGE_DAYS = 365
POLICY_FILE = "source_policy.yml"
COURSE, OFFICIAL, PRESS, OTHER = 1, 2, 3, 4
RANK_NAMES: Dict[int, str] = {COURSE: "course", OFFICIAL: "official", PRESS: "press", OTHER: "other"}
TO_CONFIRM = "à confirmer"
URL_PATTERN = re.compile(r"https?://[^\s\"'<>)\]]+")
SHARED_PATH = re.compile(r"[^\s\"'(\[]*shared/(?:research|course)\b")


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Validate knowledge/*.yml and its source rules; report what needs a human look."
    )
    parser.add_argument(
        "--knowledge-dir", type=Path, default=KNOWLEDGE_DIR, help="directory of the YAML files"
    )
    parser.add_argument(
        "--course",
        type=Path,
        default=None,
        help="local copy of the course (default: the policy's file, relative to the project)",
    )
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="reference date (YYYY-MM-DD)")
    parser.add_argument(
        "--max-age-days",
        type=int,
        default=DEFAULT_MAX_AGE_DAYS,
        help="report entries whose oldest check is older than this",
    )
    return parser.parse_args(argv)


# --- source policy ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourcePolicy:
    course_url: str
    course_file: Path
    denied: Dict[str, str]  # host pattern -> reason
    official: Tuple[str, ...]
    press: Tuple[str, ...]
    region_adjectives: Dict[str, Tuple[str, ...]]  # INSEE region code -> adjectives naming it


def load_policy(directory: Path) -> SourcePolicy:
    """The source rules of ``source_policy.yml``; KnowledgeError when the file is missing or malformed."""
    path = directory / POLICY_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return SourcePolicy(
            course_url=str(data["course"]["url"]),
            course_file=(ROOT / data["course"]["file"]).resolve(),
            denied={str(item["host"]): str(item["reason"]) for item in data["denied"]},
            official=tuple(str(host) for host in data["official"]),
            press=tuple(str(host) for host in data["press"]),
            region_adjectives={
                str(code): tuple(str(word) for word in words)
                for code, words in (data.get("region_adjectives") or {}).items()
            },
        )
    except FileNotFoundError as error:
        raise KnowledgeError(f"{POLICY_FILE}: file not found in {directory}") from error
    except (yaml.YAMLError, KeyError, TypeError) as error:
        message = "course (url, file), denied, official and press are required"
        raise KnowledgeError(f"{POLICY_FILE}: {message}") from error


def host_matches(pattern: str, url: str) -> bool:
    """'gouv.fr' matches any host ending in .gouv.fr; 'github.com/datagouv' also needs that path prefix."""
    pattern_host, _, pattern_path = pattern.partition("/")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host != pattern_host and not host.endswith("." + pattern_host):
        return False
    if not pattern_path:
        return True
    path = parts.path.strip("/")
    return path == pattern_path or path.startswith(pattern_path + "/")


def denied_reason(url: str, policy: SourcePolicy) -> Optional[str]:
    return next((reason for host, reason in policy.denied.items() if host_matches(host, url)), None)


def source_rank(source: Source, policy: SourcePolicy) -> int:
    url = str(source.url)
    if source.is_course:
        return COURSE
    if any(host_matches(host, url) for host in policy.official):
        return OFFICIAL
    if any(host_matches(host, url) for host in policy.press):
        return PRESS
    return OTHER


def is_home_page(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.strip("/") == "" and not parts.query


def says_to_confirm(entry: Sourced) -> bool:
    if not entry.verified:
        return True
    return isinstance(entry, Topic) and TO_CONFIRM in entry.answer


def course_text_form(text: str) -> str:
    """NFKC form (no-break spaces become spaces), straight quotes, single spaces: how course text compares."""
    plain = unicodedata.normalize("NFKC", text)
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        plain = plain.replace(curly, straight)
    return " ".join(plain.split())


def course_sections(course_file: Path) -> Optional[frozenset]:
    """The lines of the local copy of the course (its headings among them), or None without a copy."""
    if not course_file.is_file():
        return None
    lines = course_file.read_text(encoding="utf-8").splitlines()
    return frozenset(course_text_form(line) for line in lines if line.strip())


def source_problems(
    label: str, entry: Sourced, policy: SourcePolicy, sections: Optional[frozenset]
) -> List[str]:
    """Source rules for one entry: no home page, the course cited as such, best source first."""
    problems = []
    for source in entry.sources:
        url = str(source.url)
        if is_home_page(url) and not source.is_course:
            problems.append(f"{label}: {url}: a site's home page does not stand for the page read")
        if source.is_course:
            if url != policy.course_url:
                problems.append(f"{label}: a course source has the course's address ({policy.course_url})")
            if sections is not None and course_text_form(source.section or "") not in sections:
                problems.append(f"{label}: course section « {source.section} » is not a line of the course")
        elif url == policy.course_url:
            problems.append(f"{label}: cite the course as `kind: course` with the section read")
    ranks = [source_rank(source, policy) for source in entry.sources]
    if ranks != sorted(ranks):
        names = ", ".join(RANK_NAMES[rank] for rank in ranks)
        problems.append(f"{label}: sources are not listed best first ({names})")
    if min(ranks) == OTHER and not says_to_confirm(entry):
        problems.append(
            f"{label}: only weak sources: mark it verified: false or say « {TO_CONFIRM} » "
            "and link an official portal"
        )
    return problems


# --- sources naming another region -----------------------------------------------------------------------


@dataclass(frozen=True)
class RegionWords:
    """Words naming a region: names and aliases compared with their case, adjectives without it."""

    names: Tuple[Tuple[str, str], ...]  # (folded name, region code)
    adjectives: Tuple[Tuple[str, str], ...]  # (folded lowercase adjective, region code)


def fold(text: str) -> str:
    """Accents, hyphens and apostrophes out, single spaces, padded: words compare as ' word '."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = re.sub(r"[-'’_/(),.:;«»\"]", " ", plain)
    return f" {' '.join(plain.split())} "


def official_region_names() -> Dict[str, str]:
    """Region name -> INSEE code from the official data of the place resolver (node_modules)."""
    try:
        return {place.name: place.code for place in regions()}
    except GeoDataError as error:
        raise KnowledgeError(f"official region names not found ({error}): run make install") from error


def region_words(geo_aliases: GeoAliasesFile, policy: SourcePolicy) -> RegionWords:
    names = {**official_region_names(), **geo_aliases.aliases}
    return RegionWords(
        names=tuple((fold(name).strip(), code) for name, code in names.items()),
        adjectives=tuple(
            (fold(word).strip().lower(), code)
            for code, words in policy.region_adjectives.items()
            for word in words
        ),
    )


def regions_named(title: str, words: RegionWords) -> Dict[str, str]:
    """Region code -> the word of the title that names it."""
    folded = fold(title)
    found = {code: name for name, code in words.names if f" {name} " in folded}
    lower = folded.lower()
    for adjective, code in words.adjectives:
        if f" {adjective} " in lower:
            found.setdefault(code, adjective)
    return found


def entry_regions(entry: Sourced) -> Optional[frozenset]:
    """The regions an entry is about, or None for a national entry."""
    if isinstance(entry, Network):
        return frozenset(entry.regions)
    if isinstance(entry, RegionalRoute):
        return frozenset([entry.region])
    if isinstance(entry, FacilitatorEntry):
        found = [resolve_key(f"departement:{department}") for department in entry.departments]
        codes = set(entry.regions) | {place.region_code for place in found if place}
        return frozenset(codes) if codes else None
    return None


def region_problems(label: str, entry: Sourced, words: RegionWords) -> List[str]:
    regions = entry_regions(entry)
    if not regions:
        return []
    problems = []
    for source in entry.sources:
        for code, word in regions_named(source.title or "", words).items():
            if code not in regions:
                problems.append(
                    f"{label}: source « {source.title} » names another region ({word}, {code}) "
                    f"than this entry's ({', '.join(sorted(regions))}): cite a page about this region"
                )
    return problems


def title_problems(label: str, entry: Sourced) -> List[str]:
    """The sources an answer shows are named links: the first ones of an answering entry need a title."""
    if isinstance(entry, Guide | GeoAliasesFile):  # guides are named by their own title; aliases unseen
        return []
    return [
        f"{label}: {source.url}: a source an answer shows needs a title (the page's own title)"
        for source in entry.sources[:MAX_SOURCES]
        if not source.is_course and not source.title
    ]


def file_problems(directory: Path, policy: SourcePolicy) -> List[str]:
    """Rules on the raw text of every knowledge file: denied hosts anywhere, dossier path relative."""
    problems = []
    for path in sorted(directory.glob("*.yml")):
        if path.name == POLICY_FILE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for url in URL_PATTERN.findall(line):
                reason = denied_reason(url, policy)
                if reason:
                    problems.append(f"{path.name} line {number}: {url}: denied host ({reason})")
            for reference in SHARED_PATH.findall(line):
                if not reference.startswith("../shared/"):
                    problems.append(
                        f"{path.name} line {number}: {reference}: reference the dossier as ../shared/…"
                    )
    return problems


def policy_problems(
    knowledge: KnowledgeBase, directory: Path, policy: SourcePolicy, sections: Optional[frozenset]
) -> List[str]:
    problems = file_problems(directory, policy)
    words = region_words(knowledge.geo_aliases, policy)
    for file_name, label, entry in knowledge.all_entries():
        problems += source_problems(f"{file_name}: {label}", entry, policy, sections)
        problems += region_problems(f"{file_name}: {label}", entry, words)
        problems += title_problems(f"{file_name}: {label}", entry)
    return problems


def best_rank_lines(knowledge: KnowledgeBase, policy: SourcePolicy) -> List[str]:
    """One line per entry: the rank of its best source, the weakest entries first."""
    rows = [
        (min(source_rank(source, policy) for source in entry.sources), file_name, label)
        for file_name, label, entry in knowledge.all_entries()
    ]
    counts = {rank: sum(1 for row in rows if row[0] == rank) for rank in RANK_NAMES}
    summary = ", ".join(f"{RANK_NAMES[rank]} {count}" for rank, count in counts.items())
    lines = [f"  entries by best source: {summary}"]
    lines += [
        f"  {rank} {RANK_NAMES[rank]:<8}  {file_name}: {label}"
        for rank, file_name, label in sorted(rows, key=lambda row: (-row[0], row[1], row[2]))
    ]
    return lines


# --- report ----------------------------------------------------------------------------------------------


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def count_lines(knowledge: KnowledgeBase) -> List[str]:
    facilitators = knowledge.facilitators
    return [
        f"  topics.yml        {len(knowledge.topics)} topics",
        f"  networks.yml      {len(knowledge.networks.networks)} networks + national contacts",
        f"  agec.yml          {len(knowledge.agec.categories)} categories",
        f"  facilitators.yml  {plural(len(facilitators.entries), 'entry', 'entries')}, "
        f"{plural(len(facilitators.regional_routes), 'regional route', 'regional routes')}"
        " + national contacts",
        f"  guides.yml        {len(knowledge.guides)} guides",
        f"  geo_aliases.yml   {len(knowledge.geo_aliases.aliases)} region aliases, "
        f"{len(knowledge.geo_aliases.common_word_communes)} common-word communes",
        f"  total             {len(knowledge.all_entries())} sourced entries",
    ]


def unverified_entries(knowledge: KnowledgeBase) -> List[Tuple[str, str, Sourced]]:
    """(file, label, entry) of the entries marked verified: false or carrying unverified notes."""
    return [
        (file_name, label, entry)
        for file_name, label, entry in knowledge.all_entries()
        if not entry.verified or getattr(entry, "unverified_notes", [])
    ]


def unverified_lines(rows: List[Tuple[str, str, Sourced]]) -> List[str]:
    lines = []
    for file_name, label, entry in rows:
        status = "verified: false" if not entry.verified else "verified, with notes"
        lines.append(f"  {file_name}: {label} ({status})")
        lines += [f"      - {note}" for note in getattr(entry, "unverified_notes", [])]
    return lines


def null_rate_lines(knowledge: KnowledgeBase) -> List[str]:
    """AGEC rates left null (unknown): they send the user to the decree's annex."""
    total = known = 0
    fully_unknown = []
    for category in knowledge.agec.categories:
        values = list(category.reuse_pct.values()) + list(category.recycled_pct.values())
        nulls = sum(value is None for value in values)
        total += len(values)
        known += len(values) - nulls
        if values and nulls == len(values):
            fully_unknown.append(category.id)
    lines = [f"  AGEC rates: {known} known, {total - known} null out of {total}"]
    if fully_unknown:
        names = ", ".join(fully_unknown)
        lines.append(f"  categories without any known rate ({len(fully_unknown)}): {names}")
    return lines


def stale_lines(knowledge: KnowledgeBase, today: date, max_age_days: int) -> List[str]:
    limit = today - timedelta(days=max_age_days)
    return [
        f"  {file_name}: {label} (oldest check {entry.last_checked.isoformat()})"
        for file_name, label, entry in knowledge.all_entries()
        if entry.last_checked < limit
    ]


def report(
    knowledge: KnowledgeBase,
    directory: Path,
    today: date,
    max_age_days: int,
    policy: SourcePolicy,
    course_checked: bool,
) -> str:
    unverified = unverified_entries(knowledge)
    stale = stale_lines(knowledge, today, max_age_days)
    course = (
        f"course sections checked against {policy.course_file}"
        if course_checked
        else f"course copy not found ({policy.course_file}): course sections not checked"
    )
    sections = [
        f"Knowledge base in {directory}: valid",
        "Entries per file:",
        *count_lines(knowledge),
        f"Source rules: passed (denied hosts, home pages, course citations, best source first, "
        f"regions named by source titles, titled sources; {course})",
        "Best source per entry (1 course, 2 official, 3 press, 4 other):",
        *best_rank_lines(knowledge, policy),
        f"Unverified entries ({len(unverified)}):",
        *(unverified_lines(unverified) or ["  none"]),
        "Unknown AGEC rates:",
        *null_rate_lines(knowledge),
        f"Entries checked more than {max_age_days} days before {today.isoformat()} ({len(stale)}):",
        *(stale or ["  none"]),
    ]
    return "\n".join(sections)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    directory = args.knowledge_dir.resolve()
    try:
        knowledge = load_knowledge(directory)
        policy = load_policy(directory)
    except KnowledgeError as error:
        print(f"Knowledge base in {directory}: INVALID\n  {error}", file=sys.stderr)
        return 1
    if args.course is not None:
        policy = replace(policy, course_file=args.course.resolve())
    sections = course_sections(policy.course_file)
    try:
        problems = policy_problems(knowledge, directory, policy, sections)
    except KnowledgeError as error:
        print(f"Knowledge base in {directory}: INVALID\n  {error}", file=sys.stderr)
        return 1
    if problems:
        lines = "\n".join(f"  {problem}" for problem in problems)
        header = f"Knowledge base in {directory}: INVALID ({plural(len(problems), 'problem', 'problems')})"
        print(f"{header}\n{lines}", file=sys.stderr)
        return 1
    today = args.today or date.today()
    print(report(knowledge, directory, today, args.max_age_days, policy, sections is not None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
