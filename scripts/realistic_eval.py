"""Frozen realistic test set (tests/realistic/cases.yml), run end to end against a running assistant.

Each case is one conversation (one turn: a single question; 2 to 5 turns: a multi-turn conversation).
Every user turn is sent to the REST channel (``POST {url}/webhooks/rest/webhook``) with a sender id of
its own per case, and its checks are evaluated on the text of the bot messages of that turn (plus the
button titles when ``buttons: true``), compared without case or accents:

- ``any_of``: at least one item must appear; ``all_of``: every item; ``none_of``: no item.
- An item is a plain text that must start at the beginning of a word ("cci" does not match
  "Occitanie", "22" does not match "2022", "textile" matches "textiles"), or a regular expression when
  it starts with ``re:``.
- The file's ``default_none_of`` applies to every turn, unless the turn says ``skip_defaults: true``.
- ``not_repeat: true`` (a follow-up): no bot message of the turn may repeat, word for word, a message of
  the previous turn (the user would read the same text twice).

Usage:
    python scripts/realistic_eval.py --url http://127.0.0.1:5005 --out reports/realistic.json \
        # against an assistant already running (floors: MIN_SINGLE, MIN_MULTI below)
    python scripts/realistic_eval.py --serve --url http://127.0.0.1:5105 --action-port 5155
                                                     # starts `scripts/serve http` there, then stops it
    python scripts/realistic_eval.py --check        # validate the file only, no server

Exit code: 0 when the run completed and the pass rates reach the floors, 1 under a floor, 2 when the
cases file is invalid.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence
from urllib.parse import urlparse

import requests
import yaml
from pydantic import BaseModel, Extra, ValidationError, conlist, root_validator, validator

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "realistic" / "cases.yml"
CLASSES = (
    "context_first",
    "buyer_type",
    "national",
    "place_in_message",
    "follow_up",
    "product_words",
    "definition",
    "unknown_fact",
    "plain",
    "out_of_scope",
)
REGEX_PREFIX = "re:"
# Escapes whose meaning changes when the pattern is lowercased like the text (\S -> \s...).
UPPERCASE_ESCAPE = re.compile(r"\\[A-Z]")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
ANSWER_PREVIEW = 260
WORD_START = r"(?<![0-9a-z])"

Send = Callable[[str, str], List[Dict]]


class CasesError(Exception):
    """The cases file is missing or invalid; the message says where."""


# CI floors (tests/system/test_realistic.py, make evaluate, make evaluate-realistic): the levels measured
# on 2026-12-01 at 04:00 (single 92.7 %, conversations 89.7 %) minus 2-3 points. Raise them as the
# assistant improves; never lower them to let a change pass. The target of issue 11 is 95 % for both.
MIN_SINGLE = 90.0
MIN_MULTI = 87.0
# Holdout sets (tests/realistic/holdout_*.yml): independent sets written later by other writers and split
# by id; their development halves are in tests/dev/, these held-out halves are only measured, never read
# to fix a failure. Floors (single %, conversations %), one pair per set: the level measured when the set
# was last measured before landing, less two or three cases. holdout_15: 93.1 % (95/102), 87.2 % (41/47)
# on 2026-12-01; holdout_16: 94.8 % (73/77), 79.4 % (50/63) on 2026-12-02 (first run 72/77, 50/63);
# holdout_17 (written by two new helper-writers on 2026-12-02, 186 cases): first run on commit 4f0b1e0 plus
# the place-turn rule, held-out halves 35/38 single questions (92.1 %), 35/52 conversations (67.3 %); 35/38
# and 36/52 at the end of that day. Its held-out score decided one revert (commit 02e9533: a change that broke
# one of its conversations), so this set is a little less clean than holdout 15 and 16.
HOLDOUT_FILES = sorted((ROOT / "tests" / "realistic").glob("holdout_*.yml"))
HOLDOUT_FLOORS = {
    "holdout_15": (90.0, 84.0),
    "holdout_16": (92.0, 76.0),
    "holdout_17": (86.0, 63.0),
}


def fold(text: str) -> str:
    """Lowercase, no accents, one kind of apostrophe, single spaces (used for regular expressions)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(APOSTROPHES))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def fold_words(text: str) -> str:
    """`fold`, and hyphens as spaces (used for plain substrings: "Aura-EE" matches "AURA EE")."""
    return " ".join(fold(text).replace("-", " ").split())


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


def _check_items(items: List[str]) -> List[str]:
    for item in items:
        if not item:
            raise ValueError("empty check item")
        if item.startswith(REGEX_PREFIX):
            pattern = item[len(REGEX_PREFIX) :]
            if UPPERCASE_ESCAPE.search(pattern):
                raise ValueError(f"{item!r}: no uppercase escape (\\S, \\W...): patterns are lowercased")
            try:
                re.compile(fold(pattern))
            except re.error as error:
                raise ValueError(f"{item!r}: invalid regular expression ({error})") from error
    return items


class Expect(Strict):
    any_of: List[str] = []
    all_of: List[str] = []
    none_of: List[str] = []
    buttons: bool = False  # also search the button titles
    not_repeat: bool = False  # no message identical to one of the previous turn

    _items = validator("any_of", "all_of", "none_of", allow_reuse=True)(_check_items)

    @root_validator(skip_on_failure=True)
    def has_a_positive_check(cls, values: Dict) -> Dict:
        if not values.get("any_of") and not values.get("all_of"):
            raise ValueError("each turn needs any_of or all_of: a check on what a correct answer contains")
        return values


class Turn(Strict):
    user: str
    expect: Expect
    skip_defaults: bool = False


class Case(Strict):
    id: str
    classes: conlist(str, min_items=1)  # type: ignore[valid-type]
    source: str
    turns: conlist(Turn, min_items=1, max_items=5)  # type: ignore[valid-type]
    note: Optional[str] = None

    @validator("id")
    def id_is_simple(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
            raise ValueError(f"{value!r}: ids are lowercase letters, digits, '-' and '_'")
        return value

    @validator("classes")
    def known_classes(cls, value: List[str]) -> List[str]:
        unknown = sorted(set(value) - set(CLASSES))
        if unknown:
            raise ValueError(f"unknown classes {unknown}; allowed: {', '.join(CLASSES)}")
        return value

    @property
    def kind(self) -> str:
        return "single" if len(self.turns) == 1 else "multi"


class CasesFile(Strict):
    version: int
    frozen_on: str
    shared: Dict[str, str] = {}  # named check items, used through YAML anchors
    default_none_of: List[str] = []
    cases: List[Case]

    _items = validator("default_none_of", allow_reuse=True)(_check_items)

    @validator("shared")
    def shared_items(cls, value: Dict[str, str]) -> Dict[str, str]:
        _check_items(list(value.values()))
        return value

    @validator("cases")
    def unique_ids(cls, cases: List[Case]) -> List[Case]:
        counts = Counter(case.id for case in cases)
        duplicates = sorted(name for name, count in counts.items() if count > 1)
        if duplicates:
            raise ValueError(f"duplicate case ids: {duplicates}")
        return cases


def load_cases(path: Path = CASES_FILE) -> CasesFile:
    """The validated cases file; CasesError names the case and field at fault."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CasesError(f"{path}: {error}") from error
    try:
        return CasesFile.parse_obj(data)
    except ValidationError as error:
        raise CasesError(f"{path}: {error}") from error


def matches(item: str, text: str) -> bool:
    if item.startswith(REGEX_PREFIX):
        return re.search(fold(item[len(REGEX_PREFIX) :]), fold(text)) is not None
    return re.search(WORD_START + re.escape(fold_words(item)), fold_words(text)) is not None


def failed_checks(expect: Expect, defaults: Sequence[str], text: str) -> List[str]:
    """Human-readable list of the checks that the answer text misses (empty: the turn passes)."""
    failures = []
    if expect.any_of and not any(matches(item, text) for item in expect.any_of):
        failures.append(f"any_of {expect.any_of}")
    failures += [f"all_of {item!r}" for item in expect.all_of if not matches(item, text)]
    failures += [f"none_of {item!r}" for item in [*expect.none_of, *defaults] if matches(item, text)]
    return failures


def repeated_messages(messages: List[Dict], previous: List[Dict]) -> List[str]:
    """The texts of ``messages`` that are, once folded, identical to a text of ``previous``."""
    before = {fold(str(message.get("text") or "")) for message in previous}
    before.discard("")
    return [
        str(message.get("text"))
        for message in messages
        if message.get("text") and fold(str(message.get("text"))) in before
    ]


def answer_text(messages: List[Dict], with_buttons: bool) -> str:
    parts = [str(message.get("text") or "") for message in messages]
    if with_buttons:
        parts += [str(b.get("title", "")) for message in messages for b in message.get("buttons") or []]
    return "\n".join(part for part in parts if part)


@dataclass
class TurnResult:
    user: str
    answer: str
    failures: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class CaseResult:
    id: str
    kind: str
    classes: List[str]
    turns: List[TurnResult]

    @property
    def passed(self) -> bool:
        return all(turn.passed for turn in self.turns)


def run_case(case: Case, send: Send, sender: str, defaults: Sequence[str]) -> CaseResult:
    """Sends every turn (even after a failing one, so that later turns keep their context)."""
    results = []
    previous: List[Dict] = []
    for turn in case.turns:
        try:
            messages = send(turn.user, sender)
            text = answer_text(messages, turn.expect.buttons)
            failures = failed_checks(turn.expect, [] if turn.skip_defaults else defaults, text)
            if turn.expect.not_repeat:
                failures += [f"repeats {preview(t, 80)!r}" for t in repeated_messages(messages, previous)]
            previous = messages
        except (requests.RequestException, ValueError) as error:
            text, failures = f"<erreur : {error}>", ["no answer"]
            previous = []
        results.append(TurnResult(turn.user, text, failures))
    return CaseResult(case.id, case.kind, list(case.classes), results)


def run_cases(
    cases: CasesFile, send: Send, run_id: Optional[str] = None, pause: float = 0.0
) -> List[CaseResult]:
    """Every case in its own conversation (new sender id per case and per run)."""
    run_id = run_id or uuid.uuid4().hex[:8]
    results = []
    for case in cases.cases:
        results.append(run_case(case, send, f"realistic-{run_id}-{case.id}", cases.default_none_of))
        if pause:
            time.sleep(pause)
    return results


def rest_sender(url: str, timeout: float = 30.0) -> Send:
    def send(text: str, sender: str) -> List[Dict]:
        response = requests.post(
            f"{url.rstrip('/')}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=timeout,
        )
        response.raise_for_status()
        return response.json()

    return send


@contextlib.contextmanager
def served_assistant(url: str, action_port: int, timeout: float = 300.0) -> Iterator[None]:
    """Runs the production entry point (`scripts/serve http`) on the port of `url` until the block ends.

    Conversations go to a throw-away SQLite file; the whole process group is stopped at the end.
    """
    port = urlparse(url).port or 80
    with tempfile.TemporaryDirectory(prefix="realistic-") as tmp:
        env = dict(
            os.environ,
            RASA_PORT=str(port),
            ACTION_PORT=str(action_port),
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
            TRACKER_STORE_URL=f"sqlite:///{tmp}/conversations.db",
            PYTHONPATH=str(ROOT),
        )
        log = Path(tmp) / "server.log"
        with log.open("w") as out:
            server = subprocess.Popen(
                [str(ROOT / "scripts" / "serve"), "http"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_ready(url, server, timeout, log)
            yield
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def wait_ready(url: str, server: subprocess.Popen, timeout: float, log: Path) -> None:
    send = rest_sender(url, timeout=10)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"scripts/serve exited ({server.returncode}):\n{log.read_text()[-2000:]}")
        with contextlib.suppress(requests.RequestException, ValueError):
            if send("bonjour", f"realistic-warmup-{uuid.uuid4().hex[:8]}"):
                return
        time.sleep(1)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Rate:
    passed: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.passed / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.percent:5.1f} % ({self.passed}/{self.total})"


def rate(results: Sequence[CaseResult]) -> Rate:
    return Rate(sum(result.passed for result in results), len(results))


@dataclass
class Summary:
    overall: Rate
    single: Rate
    multi: Rate
    per_class: Dict[str, Rate]


def summarize(results: Sequence[CaseResult]) -> Summary:
    return Summary(
        overall=rate(results),
        single=rate([r for r in results if r.kind == "single"]),
        multi=rate([r for r in results if r.kind == "multi"]),
        per_class={name: rate([r for r in results if name in r.classes]) for name in CLASSES},
    )


def preview(text: str, size: int = ANSWER_PREVIEW) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def format_report(results: Sequence[CaseResult]) -> str:
    summary = summarize(results)
    lines = [
        "== Jeu de test réaliste (tests/realistic/cases.yml)",
        f"Ensemble              {summary.overall}",
        f"Questions seules      {summary.single}",
        f"Conversations         {summary.multi}",
        "",
        "Par classe d'erreur :",
    ]
    lines += [f"  {name:<18} {value}" for name, value in summary.per_class.items() if value.total]
    failing = [result for result in results if not result.passed]
    if failing:
        lines += ["", f"Échecs ({len(failing)}) :"]
    for result in failing:
        lines.append(f"- {result.id} [{result.kind}; {', '.join(result.classes)}]")
        for number, turn in enumerate(result.turns, 1):
            if turn.passed:
                continue
            lines.append(f"    tour {number} « {preview(turn.user, 120)} »")
            lines.append(f"      attendu : {'; '.join(turn.failures)}")
            lines.append(f"      reçu    : {preview(turn.answer)}")
    return "\n".join(lines)


def set_of_file(path: Path) -> str:
    """The set a cases file belongs to: "holdout_16" for holdout_16_questions.yml, "cases" for cases.yml."""
    return "_".join(path.stem.split("_")[:2])


def report_json(
    results: Sequence[CaseResult], cases: CasesFile, per_set: Optional[Dict[str, Sequence[CaseResult]]] = None
) -> Dict:
    summary = summarize(results)
    sets = {name: summarize(members) for name, members in (per_set or {}).items()}
    return {
        "version": cases.version,
        "overall": asdict(summary.overall),
        "single": asdict(summary.single),
        "multi": asdict(summary.multi),
        "per_class": {name: asdict(value) for name, value in summary.per_class.items()},
        "per_set": {name: {"single": asdict(v.single), "multi": asdict(v.multi)} for name, v in sets.items()},
        "cases": [
            {"id": r.id, "kind": r.kind, "classes": r.classes, "passed": r.passed,
             "turns": [{**asdict(t), "passed": t.passed} for t in r.turns]}
            for r in results
        ],
    }  # fmt: skip


def describe(cases: CasesFile) -> str:
    kinds = Counter(case.kind for case in cases.cases)
    classes = Counter(name for case in cases.cases for name in case.classes)
    per_class = ", ".join(f"{name} {classes[name]}" for name in CLASSES)
    return (
        f"version {cases.version}: {len(cases.cases)} cases ({kinds['single']} single questions, "
        f"{kinds['multi']} conversations); per class: {per_class}"
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the assistant's Rasa server")
    parser.add_argument(
        "--cases", type=Path, nargs="+", default=[CASES_FILE], help="one or more cases files, run together"
    )
    parser.add_argument("--out", type=Path, help="JSON report, e.g. reports/realistic.json")
    parser.add_argument("--min-single", type=float, default=MIN_SINGLE, help="floor, %% of single questions")
    parser.add_argument("--min-multi", type=float, default=MIN_MULTI, help="floor, %% of conversations")
    parser.add_argument("--only", help="run only the cases whose id contains this text")
    parser.add_argument("--check", action="store_true", help="validate the cases file and stop")
    parser.add_argument("--serve", action="store_true", help="start `scripts/serve http` at --url first")
    parser.add_argument("--action-port", type=int, default=5055, help="action server port with --serve")
    args = parser.parse_args(argv)
    try:
        files = [load_cases(path) for path in args.cases]
    except CasesError as error:
        print(error, file=sys.stderr)
        return 2
    for path, cases in zip(args.cases, files, strict=True):
        print(f"{path.name}: {describe(cases)}")
    if args.check:
        return 0
    if args.only:
        for cases in files:
            cases.cases = [case for case in cases.cases if args.only in case.id]
    with served_assistant(args.url, args.action_port) if args.serve else contextlib.nullcontext():
        per_file = [
            (path, run_cases(cases, rest_sender(args.url)))
            for path, cases in zip(args.cases, files, strict=True)
        ]
    results = [result for _, file_results in per_file for result in file_results]
    per_set: Dict[str, List[CaseResult]] = {}
    for path, file_results in per_file:
        per_set.setdefault(set_of_file(path), []).extend(file_results)
    print(format_report(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        report = report_json(results, files[0], per_set)
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    summary = summarize(results)
    low = [
        f"{name} {value.percent:.1f} % < {floor:g} %"
        for name, value, floor in (
            ("single", summary.single, args.min_single),
            ("multi", summary.multi, args.min_multi),
        )
        if value.total and value.percent < floor
    ]
    if low:
        print("Sous le plancher : " + "; ".join(low), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
