"""Compares NLU pipelines on the same split: train on data/nlu, test on tests/nlu/test_nlu.yml.

Pipelines:
  chosen      config.yml (spaCy fr_core_news_sm + lemmas + char n-grams + DIET + location gazetteer)
  default     Rasa's default pipeline (WhitespaceTokenizer, no spaCy), language fr
  tfidf_lr    scikit-learn TF-IDF (words + character n-grams) + LogisticRegression, no Rasa

For each: intent weighted F1 (as served, i.e. with the pipeline's own fallback, and top-1 ignoring the
fallback), training wall time, and parse latency per message (median, p95) measured with Rasa's
Python API (Agent.load + agent.parse_message) one message at a time after a warm-up. Each pipeline is
evaluated in its own process so that memory and TensorFlow state do not leak from one to the next.

Takes several minutes on 2 cores: run it by hand (`make compare-pipelines`) when the CPU is quiet.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "data" / "nlu"
TEST = ROOT / "tests" / "nlu" / "test_nlu.yml"
FALLBACK = "nlu_fallback"
WARMUP_MESSAGES = 10
START_MARK, END_MARK = "<!-- compare-pipelines:start -->", "<!-- compare-pipelines:end -->"

DEFAULT_PIPELINE = """\
recipe: default.v1
language: fr
assistant_id: compare-default
pipeline:
  - name: WhitespaceTokenizer
  - name: RegexFeaturizer
  - name: LexicalSyntacticFeaturizer
  - name: CountVectorsFeaturizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 1
    max_ngram: 4
  - name: DIETClassifier
    epochs: 100
    constrain_similarities: true
    random_seed: 42
  - name: EntitySynonymMapper
  - name: FallbackClassifier
    threshold: 0.3
    ambiguity_threshold: 0.1
policies: []
"""

LABELS = {
    "chosen": "Retenu (config.yml : spaCy fr + lemmes + n-grammes de caractères + DIET)",
    "default": "Pipeline par défaut de Rasa (WhitespaceTokenizer, sans spaCy)",
    "tfidf_lr": "Référence scikit-learn : TF-IDF (mots + caractères) + régression logistique",
}


def load_examples(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) pairs of a Rasa NLU file or folder (entities stripped from the text)."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    pairs = [(m.get("text"), m.get("intent")) for m in data.intent_examples]
    return [(text, intent) for text, intent in pairs if text and intent]


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def scores(gold: Sequence[str], served: Sequence[str], top1: Sequence[str]) -> Dict[str, float]:
    from sklearn.metrics import f1_score

    return {
        "intent_f1_served": float(f1_score(gold, served, average="weighted", zero_division=0)),
        "intent_f1_top1": float(f1_score(gold, top1, average="weighted", zero_division=0)),
        "fallback_rate": sum(label == FALLBACK for label in served) / len(served),
    }


def latency_summary(seconds: Sequence[float]) -> Dict[str, float]:
    return {
        "parse_median_ms": statistics.median(seconds) * 1000,
        "parse_p95_ms": percentile(seconds, 0.95) * 1000,
    }


async def evaluate_rasa_model(model: Path, test: List[Tuple[str, str]]) -> Dict[str, Any]:
    """Parse every test message with Rasa's Agent, one at a time."""
    from rasa.core.agent import Agent

    started = time.perf_counter()
    agent = Agent.load(str(model))
    load_seconds = time.perf_counter() - started
    for text, _ in test[:WARMUP_MESSAGES]:
        await agent.parse_message(text)
    served, top1, seconds = [], [], []
    for text, _ in test:
        started = time.perf_counter()
        result = await agent.parse_message(text)
        seconds.append(time.perf_counter() - started)
        served.append(result["intent"]["name"])
        ranking = [item["name"] for item in result.get("intent_ranking", []) if item["name"] != FALLBACK]
        top1.append(ranking[0] if ranking else result["intent"]["name"])
    gold = [intent for _, intent in test]
    return {
        **scores(gold, served, top1),
        **latency_summary(seconds),
        "model_load_s": load_seconds,
        "model_mb": model.stat().st_size / 1e6,
    }


def evaluate_sklearn(train: List[Tuple[str, str]], test: List[Tuple[str, str]]) -> Dict[str, Any]:
    """The plain baseline: no tokenizer but scikit-learn's, no fallback (it always answers)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), strip_accents="unicode", sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), strip_accents="unicode", sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=10.0, max_iter=3000))
    started = time.perf_counter()
    model.fit([text for text, _ in train], [intent for _, intent in train])
    train_seconds = time.perf_counter() - started
    for text, _ in test[:WARMUP_MESSAGES]:
        model.predict([text])
    predicted, seconds = [], []
    for text, _ in test:
        started = time.perf_counter()
        predicted.append(str(model.predict([text])[0]))
        seconds.append(time.perf_counter() - started)
    gold = [intent for _, intent in test]
    return {**scores(gold, predicted, predicted), **latency_summary(seconds), "train_s": train_seconds}


def train_rasa(config: Path, out: Path, name: str) -> Tuple[Path, float]:
    """`rasa train nlu` into a temporary folder; returns the model and the wall time of the command."""
    rasa = str(Path(sys.executable).parent / "rasa")
    command = [
        rasa,
        "train",
        "nlu",
        "--config",
        str(config),
        "--nlu",
        str(TRAIN),
        "--domain",
        str(ROOT / "domain.yml"),
        "--out",
        str(out),
        "--fixed-model-name",
        name,
        "--quiet",
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=1800)
    return out / f"{name}.tar.gz", time.perf_counter() - started


def run_worker(model: Path) -> Dict[str, Any]:
    """Evaluate one trained model in a fresh process (prints its JSON result)."""
    command = [sys.executable, __file__, "--worker", str(model)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
    output = subprocess.run(
        command, cwd=ROOT, env=env, check=True, timeout=1800, stdout=subprocess.PIPE, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    memory = f"{memory_kb / 1024 / 1024:.0f} Gio de RAM"
    return f"{os.cpu_count()} cœurs, {cpu}, {memory}, Python {platform.python_version()}"


def markdown(results: Dict[str, Dict[str, Any]], train_size: int, test_size: int) -> str:
    lines = [
        START_MARK,
        f"Mesuré le {date.today().isoformat()} sur {machine()} avec `make compare-pipelines` "
        f"({train_size} exemples d'entraînement dans `data/nlu/`, {test_size} phrases de test dans "
        "`tests/nlu/test_nlu.yml`).",
        "",
        "| Pipeline | F1 pondéré des intentions (servi) | F1 pondéré top-1 (sans repli) | Part de replis "
        "| Entraînement | Analyse médiane | Analyse p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, result in results.items():
        lines.append(
            f"| {LABELS[key]} | {result['intent_f1_served']:.3f} | {result['intent_f1_top1']:.3f} "
            f"| {result['fallback_rate']:.1%} | {result['train_s']:.0f} s "
            f"| {result['parse_median_ms']:.1f} ms | {result['parse_p95_ms']:.1f} ms |"
        )
    lines += [
        "",
        "« Servi » : l'intention que l'assistant utilise réellement (un repli `nlu_fallback` sous le seuil "
        "de confiance compte comme une erreur). « Top-1 » : la meilleure intention, repli ignoré. "
        "Entraînement : durée murale de `rasa train nlu` (chargement de Python et de TensorFlow compris) "
        "ou de `fit` pour scikit-learn. Analyse : `agent.parse_message` (ou `predict`) message par message, "
        "après échauffement. Charge moyenne de la machine (1 min) avant/après chaque entraînement Rasa : "
        + ", ".join(
            f"{key} {r['load_avg_1min'][0]}/{r['load_avg_1min'][1]}"
            for key, r in results.items()
            if "load_avg_1min" in r
        )
        + " (au-delà de 1, d'autres calculs partageaient les 2 cœurs).",
        END_MARK,
    ]
    return "\n".join(lines)


def write_markdown(doc: Path, table: str) -> None:
    """Replace the generated block of the doc (the prose around it is kept)."""
    text = doc.read_text() if doc.exists() else ""
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        text = before + table + after
    else:
        text = text.rstrip() + "\n\n" + table + "\n"
    doc.write_text(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=ROOT / "reports" / "compare_pipelines.json")
    parser.add_argument("--only", choices=sorted(LABELS), action="append", help="run only these pipelines")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    test = load_examples(TEST)
    if args.worker:
        print(json.dumps(asyncio.run(evaluate_rasa_model(args.worker, test))))
        return 0
    train = load_examples(TRAIN)
    wanted = args.only or list(LABELS)
    results: Dict[str, Dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="compare-pipelines-") as folder:
        tmp = Path(folder)
        default_config = tmp / "default_config.yml"
        default_config.write_text(DEFAULT_PIPELINE)
        for key, config in (("chosen", ROOT / "config.yml"), ("default", default_config)):
            if key not in wanted:
                continue
            print(f"== {key}: rasa train nlu ...", flush=True)
            load_before = os.getloadavg()[0]
            model, seconds = train_rasa(config, tmp, key)
            results[key] = {
                **run_worker(model),
                "train_s": seconds,
                "load_avg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            }
            print(json.dumps(results[key]), flush=True)
    if "tfidf_lr" in wanted:
        print("== tfidf_lr ...", flush=True)
        results["tfidf_lr"] = evaluate_sklearn(train, test)
        print(json.dumps(results["tfidf_lr"]), flush=True)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "machine": machine(),
                "train_examples": len(train),
                "test_examples": len(test),
                "results": results,
            },
            indent=2,
        )
    )
    table = markdown(results, len(train), len(test))
    write_markdown(args.out, table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
