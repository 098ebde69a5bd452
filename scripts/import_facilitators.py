"""Merge social-clause facilitators from a CSV file into knowledge/facilitators.yml.

Usage, from the repository root:

    .venv/bin/python scripts/import_facilitators.py FILE.csv [--knowledge-dir DIR]

CSV format (UTF-8, comma-separated, one header line with exactly these columns, any order):

    structure     name of the facilitator's structure, as users should read it (required)
    contact_url   http(s) address of its contact page (required)
    departments   department codes served, separated by ";" (e.g. "29;56"; "2A", "971" accepted)
    communes      INSEE codes of the communes served, separated by ";" (e.g. "29232")
    regions       INSEE region codes served, separated by ";" (e.g. "53")
    source_url    http(s) address of the page where this information was read (required)
    checked       date the source was read, YYYY-MM-DD (required)

At least one of departments, communes or regions must be filled. Example:

    structure,contact_url,departments,communes,regions,source_url,checked
    Maison de l'emploi de Quimper,https://example.org/contact,29,,,https://example.org/clauses,2026-11-25

Every row is validated with the knowledge schema (actions/knowledge.py) and its codes against the official
etalab data (node_modules/@etalab/decoupage-administratif). Bad rows are all reported with their CSV line
number and nothing is written. The import is idempotent: a row whose structure and contact_url match an
existing entry updates that entry (territories are united, a known source URL keeps its latest check date)
instead of adding a duplicate; the file is rewritten only when something changed. The rewrite keeps the
file's leading comment block but normalises the YAML layout.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

import yaml
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actions.knowledge import KNOWLEDGE_DIR, FacilitatorEntry, FacilitatorsFile  # noqa: E402 - after sys.path

COLUMNS = ("structure", "contact_url", "departments", "communes", "regions", "source_url", "checked")
TERRITORIES = ("departments", "communes", "regions")
OFFICIAL_DATA = ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
FILE_NAME = "facilitators.yml"


class FacilitatorImportError(Exception):
    """The CSV or the facilitators file cannot be imported; the message says where and why."""


@dataclass
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: List[str] = field(default_factory=list)


@cache
def official_codes(kind: str) -> Optional[Set[str]]:
    """Codes of the official etalab data for "regions", "departements" or "communes" (None if absent)."""
    path = OFFICIAL_DATA / f"{kind}.json"
    if not path.exists():
        return None
    rows = json.loads(path.read_text(encoding="utf-8"))
    if kind == "communes":
        return {row["code"] for row in rows if row.get("type") == "commune-actuelle"}
    return {row["code"] for row in rows}


def split_codes(value: Optional[str]) -> List[str]:
    """'29; 56;' -> ['29', '56'] (upper case for Corsica's 2A/2B), without duplicates, order kept."""
    codes: List[str] = []
    for part in (value or "").split(";"):
        code = part.strip().upper()
        if code and code not in codes:
            codes.append(code)
    return codes


def unknown_codes(entry: Dict[str, Any]) -> List[str]:
    """Messages for the codes of an entry that the official data does not know."""
    problems = []
    for column, kind in (("departments", "departements"), ("communes", "communes"), ("regions", "regions")):
        known = official_codes(kind)
        if known is None:
            continue
        codes = entry.get(column, [])
        problems += [f"{column}: unknown code '{code}'" for code in codes if code not in known]
    return problems


def row_to_entry(row: Dict[str, Optional[str]]) -> Dict[str, Any]:
    """The facilitators.yml mapping of one CSV row (not validated yet)."""
    entry: Dict[str, Any] = {
        "structure": " ".join((row.get("structure") or "").split()),
        "contact_url": (row.get("contact_url") or "").strip(),
    }
    for column in TERRITORIES:
        codes = split_codes(row.get(column))
        if codes:
            entry[column] = codes
    checked_text = (row.get("checked") or "").strip()
    try:
        checked: Any = date.fromisoformat(checked_text)
    except ValueError:
        checked = checked_text  # left to the schema, which reports it as sources.0.checked
    entry["sources"] = [{"url": (row.get("source_url") or "").strip(), "checked": checked}]
    return entry


def validation_messages(entry: Dict[str, Any]) -> List[str]:
    try:
        FacilitatorEntry.parse_obj(entry)
    except ValidationError as error:
        return [f"{'.'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in error.errors()]
    return unknown_codes(entry)


def read_rows(csv_path: Path) -> List[Tuple[int, Dict[str, Optional[str]]]]:
    """(line number, row) for every data row; the header must hold exactly the documented columns."""
    try:
        handle = csv_path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise FacilitatorImportError(f"{csv_path}: cannot read: {error.strerror}") from error
    with handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [column for column in COLUMNS if column not in header]
        extra = [column for column in header if column not in COLUMNS]
        if missing or extra:
            raise FacilitatorImportError(
                f"{csv_path.name} line 1: expected the columns {', '.join(COLUMNS)}"
                + (f"; missing: {', '.join(missing)}" if missing else "")
                + (f"; unexpected: {', '.join(extra)}" if extra else "")
            )
        reader.fieldnames = header
        rows = []
        for row in reader:
            if None in row:
                message = f"{csv_path.name} line {reader.line_num}: more values than columns"
                raise FacilitatorImportError(message)
            if any((value or "").strip() for value in row.values()):
                rows.append((reader.line_num, row))
        return rows


def entry_key(entry: Dict[str, Any]) -> Tuple[str, str]:
    """Identity of an entry: same structure name (any case/spacing) and same contact page."""
    structure = " ".join(str(entry.get("structure", "")).split()).casefold()
    return structure, str(entry.get("contact_url", "")).strip().rstrip("/")


def merge_entry(existing: Dict[str, Any], new: Dict[str, Any]) -> bool:
    """Unite territories and sources of ``new`` into ``existing``; True when something changed."""
    changed = False
    for column in TERRITORIES:
        codes = list(existing.get(column, []))
        added = [code for code in new.get(column, []) if code not in codes]
        if added:
            existing[column] = codes + added
            changed = True
    sources = existing.setdefault("sources", [])
    for source in new["sources"]:
        same = next((s for s in sources if str(s.get("url")) == source["url"]), None)
        if same is None:
            sources.append(source)
            changed = True
        elif str(same.get("checked")) < str(source["checked"]):
            same["checked"] = source["checked"]
            changed = True
    return changed


def load_file(path: Path) -> Tuple[str, Dict[str, Any]]:
    """(leading comment block, data) of the facilitators file."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError as error:
        raise FacilitatorImportError(f"{path}: file not found") from error
    except (yaml.YAMLError, ValueError) as error:
        raise FacilitatorImportError(f"{path.name}: invalid YAML: {error}") from error
    if not isinstance(data, dict):
        raise FacilitatorImportError(f"{path.name}: expected a mapping (entries, regional_routes, national)")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    return "\n".join(header), data


def merge_rows(
    data: Dict[str, Any], rows: List[Tuple[int, Dict[str, Optional[str]]]], csv_name: str
) -> MergeResult:
    result = MergeResult()
    entries: List[Dict[str, Any]] = data.setdefault("entries", []) or []
    data["entries"] = entries
    by_key = {entry_key(entry): entry for entry in entries}
    for line, row in rows:
        entry = row_to_entry(row)
        problems = validation_messages(entry)
        if problems:
            result.errors += [f"{csv_name} line {line}: {problem}" for problem in problems]
            continue
        existing = by_key.get(entry_key(entry))
        if existing is None:
            entries.append(entry)
            by_key[entry_key(entry)] = entry
            result.added += 1
        elif merge_entry(existing, entry):
            result.updated += 1
        else:
            result.unchanged += 1
    return result


class _IndentedDumper(yaml.SafeDumper):
    """Indents list items under their key, as the hand-written knowledge files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def write_file(path: Path, header: str, data: Dict[str, Any]) -> None:
    """Write atomically: a crash never leaves half a knowledge file."""
    body = yaml.dump(data, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False, width=110)
    temporary = path.with_suffix(".yml.tmp")
    temporary.write_text(f"{header}\n{body}" if header else body, encoding="utf-8")
    temporary.replace(path)


def import_facilitators(csv_path: Path, knowledge_dir: Path) -> MergeResult:
    """Merge the CSV rows into facilitators.yml; on any bad row, raise and write nothing."""
    path = knowledge_dir / FILE_NAME
    header, data = load_file(path)
    rows = read_rows(csv_path)
    result = merge_rows(data, rows, csv_path.name)
    if result.errors:
        raise FacilitatorImportError("\n".join(result.errors))
    try:
        FacilitatorsFile.parse_obj(data)
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in error.errors())
        raise FacilitatorImportError(f"{FILE_NAME}: {details}") from error
    if result.added or result.updated:
        write_file(path, header, data)
    return result


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Merge facilitators from a CSV file into facilitators.yml.")
    parser.add_argument("csv_file", type=Path, help="CSV file (see the module docstring for its columns)")
    parser.add_argument(
        "--knowledge-dir", type=Path, default=KNOWLEDGE_DIR, help="directory of facilitators.yml"
    )
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    try:
        result = import_facilitators(args.csv_file, args.knowledge_dir)
    except FacilitatorImportError as error:
        print(f"Import failed, nothing written:\n{error}", file=sys.stderr)
        return 1
    print(
        f"{args.knowledge_dir / FILE_NAME}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
