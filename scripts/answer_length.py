"""How long is the first message a user reads? Measured over the conversation tests, end to end.

Every story of tests/stories/*.yml is replayed against a running assistant (REST channel), one sender
per story: a user turn written with text is sent as that text (entity markup removed), a turn written
with only an intent is sent as the button payload ``/intent{...}`` it stands for, to keep the
conversation where the story expects it. For each turn written with text, the first bot message's
``text`` is what the user reads first; its words are counted (a word: a run of non-space characters
holding a letter or a digit, so "•" and "—" are not words).

Printed and written to --out (JSON): the median and the longest first message over the turns whose story
step is answered by ``action_answer`` (the questions), over every text turn, and every message text that
holds a raw URL (``http://`` or ``https://``), which the answers must never show.

Usage:
    python scripts/answer_length.py --url http://127.0.0.1:5005 --out reports/answer_length.json
    python scripts/answer_length.py --serve --url http://127.0.0.1:5205 --action-port 5255
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import sys
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from realistic_eval import Send, rest_sender, served_assistant  # noqa: E402

from actions.reply import MAX_ANSWER_WORDS as MAX_WORDS  # noqa: E402
from actions.reply import word_count  # noqa: E402

STORIES = sorted((ROOT / "tests" / "stories").glob("*.yml"))
ENTITY_MARKUP = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")
RAW_URL = re.compile(r"https?://", re.IGNORECASE)
# Measured before the short answers (commit 9360707 and its model), same script, same stories: the
# "before" printed next to each run.
BASELINE = {
    "commit": "9360707",
    "median_answer_words": 161.0,
    "max_answer_words": 249,
    "raw_url_messages": 73,
}


@dataclass(frozen=True)
class Turn:
    story: str
    message: str  # what is sent
    text: Optional[str]  # the user's words, None for an intent-only turn
    answered: bool  # the story's next action is action_answer


@dataclass
class Measure:
    story: str
    question: str
    answered: bool
    words: int
    first_message: str


def plain_text(text: str) -> str:
    """A story's user text without entity markup: '[Nantes]{"entity": ...}' -> 'Nantes'."""
    return " ".join(ENTITY_MARKUP.sub(r"\1", text).split())


def payload(step: Dict) -> str:
    """The button payload an intent-only turn stands for: /intent{"entity": "value"}."""
    entities: Dict[str, str] = {}
    for entity in step.get("entities") or []:
        if isinstance(entity, dict):
            entities.update({str(k): str(v) for k, v in entity.items()})
    return f"/{step['intent']}{json.dumps(entities, ensure_ascii=False) if entities else ''}"


def story_turns(path: Path) -> Iterator[List[Turn]]:
    """The user turns of each story of a test-stories file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for story in data.get("stories") or []:
        steps = story.get("steps") or []
        turns: List[Turn] = []
        for index, step in enumerate(steps):
            if "intent" not in step and "user" not in step:
                continue
            answered = False
            for later in steps[index + 1 :]:
                if "intent" in later or "user" in later:
                    break
                answered = answered or later.get("action") == "action_answer"
            text = plain_text(str(step["user"])) if step.get("user") else None
            turns.append(Turn(story["story"], text or payload(step), text, answered))
        yield turns


def measure(send: Send, stories: Sequence[Path] = STORIES) -> Dict:
    measures: List[Measure] = []
    raw_urls: List[str] = []
    for path in stories:
        for turns in story_turns(path):
            sender = f"answer-length-{uuid.uuid4().hex[:10]}"
            for turn in turns:
                messages = send(turn.message, sender)
                texts = [m.get("text") or "" for m in messages if isinstance(m, dict)]
                raw_urls += [text for text in texts if RAW_URL.search(text)]
                if turn.text is None:
                    continue
                first = next((text for text in texts if text.strip()), "")
                measures.append(Measure(turn.story, turn.text, turn.answered, word_count(first), first))
    answers = [m.words for m in measures if m.answered]
    every = [m.words for m in measures]
    return {
        "answer_turns": len(answers),
        "median_answer_words": statistics.median(answers) if answers else None,
        "max_answer_words": max(answers) if answers else None,
        "text_turns": len(every),
        "median_words": statistics.median(every) if every else None,
        "raw_url_messages": len(raw_urls),
        "raw_url_examples": raw_urls[:5],
        "max_words": MAX_WORDS,
        "baseline": BASELINE,
        "turns": [asdict(m) for m in measures],
    }


def format_report(result: Dict) -> str:
    lines = [
        f"Premier message, questions ({result['answer_turns']} tours répondus par action_answer) : "
        f"médiane {result['median_answer_words']} mots (objectif ≤ {result['max_words']}), "
        f"le plus long {result['max_answer_words']} mots",
        f"Premier message, tous les tours avec texte ({result['text_turns']}) : "
        f"médiane {result['median_words']} mots",
        f"Messages avec une URL brute : {result['raw_url_messages']}",
    ]
    base = result["baseline"]
    if base.get("median_answer_words") is not None:
        lines.append(
            f"Avant les réponses courtes (commit {base['commit']}) : "
            f"médiane {base['median_answer_words']} mots, le plus long {base['max_answer_words']} mots, "
            f"{base['raw_url_messages']} messages avec une URL brute"
        )
    longest = sorted((m for m in result["turns"] if m["answered"]), key=lambda m: -m["words"])[:3]
    for item in longest:
        lines.append(f"  {item['words']:>4} mots : « {item['question']} »")
    return "\n".join(lines)


def passed(result: Dict) -> bool:
    median = result["median_answer_words"]
    return median is not None and median <= MAX_WORDS and result["raw_url_messages"] == 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the assistant's Rasa server")
    parser.add_argument("--serve", action="store_true", help="start `scripts/serve http` at --url first")
    parser.add_argument("--action-port", type=int, default=5055, help="action server port with --serve")
    parser.add_argument("--out", type=Path, default=None, help="JSON report")
    args = parser.parse_args(argv)
    with served_assistant(args.url, args.action_port) if args.serve else contextlib.nullcontext():
        result = measure(rest_sender(args.url))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(format_report(result))
    return 0 if passed(result) else 1


if __name__ == "__main__":
    sys.exit(main())
