"""Benchmarks the real assistant on this machine: training, cold start, REST latency, throughput, memory.

Starts the action server and the Rasa HTTP server (REST channel) on free loopback ports through
scripts/serve (modes `actions` and `rasa`, as in production), then plays realistic conversations
(questions that call the custom actions: AGEC with a product, network with a city, guichet vert,
facilitator...) at 1, 8 and 32 concurrent conversations. Every load loop is bounded in messages and
in seconds; traffic goes to 127.0.0.1 only. Memory is the peak resident set (RSS) of each server's
process tree, sampled from /proc, and its private part (RssAnon): the rest of the RSS is pages of
shared libraries mapped from the page cache, whose count varies with the state of that cache.

With --compare-default, the same run also trains Rasa's own default configuration (the pipeline and
policies of rasa/engine/recipes/config_files/default_config.yml, language fr) on the same data, serves
it through the same entry point and measures it the same way, plus the intent F1 of both models on the
in-house NLU test set (scripts/compare_pipelines.py's evaluator): a side-by-side table in the doc.

Usage: python scripts/bench.py [--train] [--compare-default] [--out reports/bench.json] [--plot ...]
  --train            also time a full `rasa train` into a temporary folder (minutes on 2 cores)
  --compare-default  also train, serve and measure Rasa's default configuration (about 20 minutes)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")
HOST = "127.0.0.1"
START_MARK, END_MARK = "<!-- bench:start -->", "<!-- bench:end -->"
COMPARE_MARKS = ("<!-- bench-compare:start -->", "<!-- bench-compare:end -->")

# One list per conversation, played in order with a fresh sender id; together, a realistic mix.
JOURNEYS: Tuple[Tuple[str, ...], ...] = (
    ("bonjour", "La loi AGEC s'applique-t-elle à mes achats de fournitures de bureau ?", "merci"),
    ("Quel réseau pour un acheteur à Rennes ?", "et le guichet vert, c'est quoi ?"),
    ("c'est quoi le guichet vert ?", "je suis en Bretagne", "au revoir"),
    ("quel est mon réseau régional d'achats durables ?", "je suis à Lille", "non, plutôt en Bretagne"),
    ("qui est le facilitateur clause sociale dans le 35 ?", "merci beaucoup"),
    (
        "Je lance un marché de formation des assistants maternels. Quelles considérations "
        "environnementales puis-je intégrer ?",
        "comment réserver un marché à un ESAT ?",
    ),
    ("agec pour du papier ?", "et pour le mobilier ?", "comment déclarer mes achats AGEC ?"),
    ("blorp zzz", "c'est quoi RAPIDD ?", "quels sont les objectifs du PNAD ?"),
    ("donne-moi une recette de crêpes", "je suis une PME, qui peut m'aider pour des achats responsables ?"),
    ("quels sont les niveaux du label bâtiment biosourcé ?", "puis-je exiger un écolabel ?"),
)
LEVELS = (1, 8, 32)
MAX_MESSAGES = {1: 150, 8: 400, 32: 800}
MAX_SECONDS_PER_LEVEL = 120.0
# Issue 15's targets: same machine, one Rasa process and one action server.
TARGETS = {
    "p95_ms_at_1": 60.0,
    "throughput_at_32": 50.0,
    "train_s": 120.0,
    "cold_start_s": 15.0,
    "rasa_rss_mb": 1000.0,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- memory of process trees (/proc)


def children_of(pid: int) -> List[int]:
    """All descendants of a process, from the parent field of /proc/<pid>/stat."""
    parents: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in parents.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory (or another /proc status field, e.g. RssAnon) of a process tree, in MB."""
    total_kb = 0
    for member in [pid, *children_of(pid)]:
        try:
            match = re.search(rf"{field}:\s+(\d+) kB", Path(f"/proc/{member}/status").read_text())
        except OSError:
            continue
        total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024


class MemorySampler(threading.Thread):
    """Samples the RSS of named process trees every `interval` seconds until stopped."""

    def __init__(self, pids: Dict[str, int], interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pids, self.interval = pids, interval
        self.samples: List[Tuple[float, Dict[str, float]]] = []
        self.started_at = time.monotonic()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            now = time.monotonic() - self.started_at
            sample = {name: rss_mb(pid) for name, pid in self.pids.items()}
            sample.update({f"{name}_private": rss_mb(pid, "RssAnon") for name, pid in self.pids.items()})
            self.samples.append((now, sample))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)

    def peak(self, name: str) -> float:
        return max((values[name] for _, values in self.samples), default=0.0)


# ---------------------------------------------------------------- the stack


@dataclass
class Stack:
    url: str
    processes: Dict[str, subprocess.Popen]
    action_url: str
    cold_start: Dict[str, float] = field(default_factory=dict)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def post(url: str, sender: str, text: str, timeout: float) -> List[Dict[str, Any]]:
    import requests

    response = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
    )
    response.raise_for_status()
    return response.json()


def start_stack(model: Path, logs: Path, env_overrides: Dict[str, str]) -> Stack:
    """Both servers launched at once through scripts/serve (its `actions` and `rasa` modes exec the
    same `rasa run` commands as production); readiness is awaited separately."""
    rasa_port, action_port = free_port(), free_port()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        RASA_MODEL=str(model),
        RASA_INTERFACE=HOST,
        ACTION_HOST=HOST,
        RASA_PORT=str(rasa_port),
        ACTION_PORT=str(action_port),
        RASA_BIN=str(Path(RASA).parent),
        ACTION_ENDPOINT_URL=f"http://{HOST}:{action_port}/webhook",
        **env_overrides,
    )
    processes = {
        name: subprocess.Popen(
            [str(ROOT / "scripts" / "serve"), name],
            cwd=ROOT,
            env=env,
            stdout=(logs / f"{name}.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        for name in ("actions", "rasa")
    }
    return Stack(f"http://{HOST}:{rasa_port}", processes, action_url=f"http://{HOST}:{action_port}")


def wait_ready(stack: Stack, started: float, timeout: float = 300.0) -> None:
    """Records when the action server is healthy and when the assistant first answers a message."""
    import requests

    while "actions_ready_s" not in stack.cold_start or "first_answer_s" not in stack.cold_start:
        if time.monotonic() > started + timeout:
            raise TimeoutError(f"the assistant did not answer within {timeout:.0f} s")
        for name, process in stack.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} server exited early (code {process.returncode})")
        if "actions_ready_s" not in stack.cold_start:
            try:
                if requests.get(f"{stack.action_url}/health", timeout=2).ok:
                    stack.cold_start["actions_ready_s"] = time.monotonic() - started
            except requests.RequestException:
                pass
        if "first_answer_s" not in stack.cold_start:
            try:
                if post(stack.url, "bench-cold-start", "bonjour", 10):
                    stack.cold_start["first_answer_s"] = time.monotonic() - started
            except requests.RequestException:
                pass
        time.sleep(0.1)


# ---------------------------------------------------------------- load


@dataclass
class LevelResult:
    concurrency: int
    latencies_ms: List[float]
    errors: int
    empty: int
    seconds: float

    def summary(self) -> Dict[str, Any]:
        values = sorted(self.latencies_ms)

        def pct(share: float) -> float:
            return values[min(len(values) - 1, round(share * (len(values) - 1)))] if values else 0.0

        return {
            "concurrency": self.concurrency,
            "messages": len(values),
            "errors": self.errors,
            "empty_answers": self.empty,
            "seconds": round(self.seconds, 2),
            "throughput_msg_s": round(len(values) / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": round(pct(0.50), 1),
            "p95_ms": round(pct(0.95), 1),
            "p99_ms": round(pct(0.99), 1),
            "mean_ms": round(statistics.fmean(values), 1) if values else 0.0,
        }


async def run_level(url: str, concurrency: int, max_messages: int, max_seconds: float) -> LevelResult:
    """`concurrency` conversations in parallel, each replaying journeys; stops at a count or a time."""
    result = LevelResult(concurrency, [], 0, 0, 0.0)
    budget = {"left": max_messages}
    started = time.monotonic()
    deadline = started + max_seconds
    timeout = aiohttp.ClientTimeout(total=60)

    async def conversation(worker: int, session: aiohttp.ClientSession) -> None:
        round_number = 0
        while True:
            journey = JOURNEYS[(worker + round_number * concurrency) % len(JOURNEYS)]
            sender = f"bench-{concurrency}-{worker}-{uuid.uuid4().hex[:8]}"
            round_number += 1
            for text in journey:
                if budget["left"] <= 0 or time.monotonic() > deadline:
                    return
                budget["left"] -= 1
                sent = time.perf_counter()
                try:
                    async with session.post(
                        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                    ) as response:
                        body = await response.json(content_type=None)
                        ok = response.status == 200
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                    ok, body = False, None
                elapsed_ms = (time.perf_counter() - sent) * 1000
                if not ok:
                    result.errors += 1
                    continue
                result.latencies_ms.append(elapsed_ms)
                if not any(message.get("text") for message in body or []):
                    result.empty += 1

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await asyncio.gather(*(conversation(worker, session) for worker in range(concurrency)))
    result.seconds = time.monotonic() - started
    return result


# ---------------------------------------------------------------- training, machine, outputs


def rasa_default_config(folder: Path) -> Path:
    """Rasa's own default configuration (the file `rasa init` and an empty config use), in French."""
    import rasa
    import yaml

    source = Path(rasa.__file__).parent / "engine" / "recipes" / "config_files" / "default_config.yml"
    config = yaml.safe_load(source.read_text())
    config.update(language="fr", assistant_id="bench-rasa-default")
    path = folder / "rasa_default_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return path


def time_training(out: Path, config: Path = ROOT / "config.yml", name: str = "bench") -> Dict[str, Any]:
    """Wall time of a full `rasa train` (NLU + dialogue) from scratch: temporary folder, empty cache."""
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_CACHE_DIRECTORY=str(out / f"cache-{name}"),
    )
    command = [
        RASA,
        "train",
        "--config",
        str(config),
        "--domain",
        "domain.yml",
        "--data",
        "data",
        "--out",
        str(out),
        "--fixed-model-name",
        name,
        "--quiet",
    ]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=3600, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    size_mb = (out / f"{name}.tar.gz").stat().st_size / 1e6
    return {
        "model": str(out / f"{name}.tar.gz"),
        "train_s": round(seconds, 1),
        "trained_model_mb": round(size_mb, 1),
        "how": "`rasa train` complet dans un dossier temporaire, chronométré par " "scripts/bench.py --train",
    }


def machine() -> Dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else "?",
        "ram_gib": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def plot(report: Dict[str, Any], samples: Sequence[Tuple[float, Dict[str, float]]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = report["load"]
    fig, (latency, throughput, memory) = plt.subplots(1, 3, figsize=(15, 4.5))
    x = [str(level["concurrency"]) for level in levels]
    for key, label in (("p50_ms", "p50"), ("p95_ms", "p95"), ("p99_ms", "p99")):
        latency.plot(x, [level[key] for level in levels], marker="o", label=label)
    latency.axhline(
        TARGETS["p95_ms_at_1"],
        color="grey",
        linestyle="--",
        label=f"objectif p95 à 1 ({TARGETS['p95_ms_at_1']:.0f} ms)",
    )
    latency.set(title="Latence aller-retour REST", xlabel="conversations simultanées", ylabel="ms")
    latency.legend()
    throughput.bar(x, [level["throughput_msg_s"] for level in levels], color="tab:green")
    throughput.axhline(
        TARGETS["throughput_at_32"], color="grey", linestyle="--", label="objectif à 32 (50 msg/s)"
    )
    throughput.set(title="Débit", xlabel="conversations simultanées", ylabel="messages/s")
    throughput.legend()
    times = [t for t, _ in samples]
    for name in ("rasa", "actions"):
        memory.plot(times, [values[name] for _, values in samples], label=f"serveur {name}")
    memory.set(title="Mémoire résidente (RSS)", xlabel="s depuis le lancement", ylabel="Mo")
    memory.legend()
    m = report["machine"]
    fig.suptitle(f"Banc d'essai du {report['date']} — {m['nproc']} cœurs, {m['cpu']}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "non mesuré"
    met = value >= target if higher_is_better else value <= target
    return "atteint" if met else "**manqué**"


def markdown(report: Dict[str, Any]) -> str:
    m = report["machine"]
    by_level = {level["concurrency"]: level for level in report["load"]}
    train = report.get("training", {})
    train_s = train.get("train_s")
    train_text = f"{train_s:.0f} s" if train_s else "non mesuré"
    cold = report["cold_start"]["first_answer_s"]
    lines = [
        START_MARK,
        f"Mesuré le {report['date']} avec `{report['command']}` sur {m['nproc']} cœurs ({m['cpu']}), "
        f"{m['ram_gib']} Gio de RAM, Python {m['python']} ; charge moyenne (1 min) avant/après : "
        f"{report.get('load_avg_1min_before', '?')}/{report.get('load_avg_1min_after', '?')}.",
        "",
        "| Mesure | Valeur | Objectif | Verdict |",
        "|---|---|---|---|",
        f"| Entraînement complet (`rasa train`) | {train_text} | ≤ {TARGETS['train_s']:.0f} s "
        f"| {verdict(train_s, TARGETS['train_s'])} |",
        f"| Taille du modèle servi | {report['model_mb']:.1f} Mo | — | — |",
        f"| Démarrage à froid (lancement → première réponse) | {cold:.1f} s "
        f"| ≤ {TARGETS['cold_start_s']:.0f} s | {verdict(cold, TARGETS['cold_start_s'])} |",
        f"| Latence p95 à 1 conversation | {by_level[1]['p95_ms']:.0f} ms "
        f"| ≤ {TARGETS['p95_ms_at_1']:.0f} ms | {verdict(by_level[1]['p95_ms'], TARGETS['p95_ms_at_1'])} |",
        f"| Débit à 32 conversations | {by_level[32]['throughput_msg_s']:.0f} msg/s "
        f"| ≥ {TARGETS['throughput_at_32']:.0f} msg/s "
        f"| {verdict(by_level[32]['throughput_msg_s'], TARGETS['throughput_at_32'], True)} |",
        f"| Mémoire crête du serveur Rasa | {report['memory_peak_mb']['rasa']:.0f} Mo "
        f"| ≤ {TARGETS['rasa_rss_mb']:.0f} Mo "
        f"| {verdict(report['memory_peak_mb']['rasa'], TARGETS['rasa_rss_mb'])} |",
        f"| dont mémoire privée (RssAnon) | {report['memory_peak_mb']['rasa_private']:.0f} Mo | — | — |",
        f"| Mémoire crête du serveur d'actions | {report['memory_peak_mb']['actions']:.0f} Mo | — | — |",
        "",
        "| Conversations simultanées | Messages | Erreurs | p50 | p95 | p99 | Débit |",
        "|---|---|---|---|---|---|---|",
    ]
    for level in report["load"]:
        lines.append(
            f"| {level['concurrency']} | {level['messages']} | {level['errors']} | {level['p50_ms']:.0f} ms "
            f"| {level['p95_ms']:.0f} ms | {level['p99_ms']:.0f} ms | {level['throughput_msg_s']:.1f} msg/s |"
        )
    lines += ["", f"Entraînement : {train.get('how', 'non mesuré (relancer avec `--train`)')}.", END_MARK]
    return "\n".join(lines)


def measure_served_model(model: Path, folder: Path, levels: Sequence[int]) -> Dict[str, Any]:
    """Starts both servers on `model` (scripts/serve, throw-away store in `folder`), waits for the first
    answer, plays every load level and records the memory peaks; the servers are stopped at the end."""
    folder.mkdir(parents=True, exist_ok=True)
    # The conversation store of the bench lives in the temporary folder, never in var/.
    overrides = {"TRACKER_STORE_URL": f"sqlite:///{folder / 'bench.db'}"}
    print(f"== starting the action server and the Rasa server on {model.name} ...", flush=True)
    started = time.monotonic()
    stack = start_stack(model, folder, overrides)
    sampler = MemorySampler({name: process.pid for name, process in stack.processes.items()})
    sampler.start()
    result: Dict[str, Any] = {"model_mb": round(model.stat().st_size / 1e6, 1), "load": []}
    try:
        wait_ready(stack, started)
        result["cold_start"] = {key: round(value, 1) for key, value in stack.cold_start.items()}
        print(json.dumps(result["cold_start"]), flush=True)
        for level in levels:
            summary = asyncio.run(run_level(stack.url, level, MAX_MESSAGES[level], MAX_SECONDS_PER_LEVEL))
            result["load"].append(summary.summary())
            print(json.dumps(summary.summary()), flush=True)
    except BaseException:
        for name in stack.processes:
            print(f"--- {name} server log (end)", file=sys.stderr)
            print((folder / f"{name}.log").read_text()[-3000:], file=sys.stderr)
        raise
    finally:
        sampler.stop()
        stack.stop()
    result["memory_peak_mb"] = {
        name: round(sampler.peak(name), 1) for name in ("rasa", "actions", "rasa_private", "actions_private")
    }
    result["memory_samples"] = sampler.samples
    print(json.dumps(result["memory_peak_mb"]), flush=True)
    return result


def intent_f1(model: Path) -> Dict[str, Any]:
    """Intent F1 of a model on the in-house NLU test set, by scripts/compare_pipelines.py's evaluator
    (its own process: `Agent.load` + `parse_message`, served and top-1)."""
    from compare_pipelines import run_worker

    scores = run_worker(model)
    return {key: scores[key] for key in ("intent_f1_served", "intent_f1_top1", "parse_median_ms")}


COMPARED = (
    ("Ce projet (config.yml)", "chosen"),
    ("Rasa par défaut (default_config.yml de Rasa, langue fr)", "rasa_default"),
)


def comparison_markdown(report: Dict[str, Any]) -> str:
    """Side-by-side table of the two configurations measured in the same run."""
    sides = [report["comparison"][key] for _, key in COMPARED]

    def row(label: str, values: List[float | None], unit: str, digits: int = 0) -> str:
        cells = ["—" if v is None else f"{v:.{digits}f}{unit}" for v in values]
        a, b = values
        ratio = f"{b / a:.2f}" if a and b else "—"
        return f"| {label} | {cells[0]} | {cells[1]} | {ratio} |"

    def level(side: Dict[str, Any], concurrency: int, key: str) -> float | None:
        found = [item[key] for item in side["load"] if item["concurrency"] == concurrency]
        return found[0] if found else None

    lines = [
        COMPARE_MARKS[0],
        f"Mesuré le {report['date']} dans une même exécution de `{report['command']}` ; charge moyenne "
        f"(1 min) avant/après : {report.get('load_avg_1min_before', '?')}/"
        f"{report.get('load_avg_1min_after', '?')}. Mêmes données, mêmes conversations, même point "
        "d'entrée (`scripts/serve`), même machine.",
        "",
        f"| Mesure | {COMPARED[0][0]} | {COMPARED[1][0]} | Rapport (défaut / projet) |",
        "|---|---|---|---|",
        row("Entraînement complet", [s.get("training", {}).get("train_s") for s in sides], " s"),
        row("Taille du modèle", [s["model_mb"] for s in sides], " Mo", 1),
        row("Démarrage à froid", [s["cold_start"]["first_answer_s"] for s in sides], " s", 1),
        row("F1 pondéré des intentions (servi)", [s["f1"]["intent_f1_served"] for s in sides], "", 3),
        row("F1 pondéré des intentions (top-1)", [s["f1"]["intent_f1_top1"] for s in sides], "", 3),
        row("Analyse NLU seule, médiane", [s["f1"]["parse_median_ms"] for s in sides], " ms", 1),
    ]
    for concurrency in LEVELS:
        lines.append(row(f"p50 à {concurrency}", [level(s, concurrency, "p50_ms") for s in sides], " ms"))
        lines.append(row(f"p95 à {concurrency}", [level(s, concurrency, "p95_ms") for s in sides], " ms"))
        lines.append(
            row(
                f"Débit à {concurrency}",
                [level(s, concurrency, "throughput_msg_s") for s in sides],
                " msg/s",
                1,
            )
        )
    lines += [
        row("Mémoire crête du serveur Rasa (RSS)", [s["memory_peak_mb"]["rasa"] for s in sides], " Mo"),
        row("dont privée (RssAnon)", [s["memory_peak_mb"]["rasa_private"] for s in sides], " Mo"),
        "",
        "Le modèle par défaut n'a pas les composants du projet (lieux, types d'acheteur, recherche BM25) "
        "ni, par conséquent, ses correctifs de Rasa (`rasa_patches`, appliqués avec ces composants) : ses "
        "réponses ne sont pas celles de l'assistant, seuls son coût et son F1 sont comparés ici.",
        COMPARE_MARKS[1],
    ]
    return "\n".join(lines)


def write_block(doc: Path, block: str, marks: Tuple[str, str]) -> None:
    """Replace the generated block between `marks` (the prose around it is kept)."""
    text = doc.read_text() if doc.exists() else ""
    if marks[0] in text and marks[1] in text:
        before, rest = text.split(marks[0], 1)
        text = before + block + rest.split(marks[1], 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--train", action="store_true", help="also time a full `rasa train` (minutes)")
    parser.add_argument(
        "--compare-default", action="store_true", help="also train and measure Rasa's default configuration"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench.json")
    parser.add_argument("--plot", type=Path, default=ROOT / "reports" / "bench.png")
    parser.add_argument(
        "--train-seconds", type=float, help="a full `rasa train` time measured separately (recorded as such)"
    )
    parser.add_argument("--doc", type=Path, help="update the measured block of this markdown file")
    parser.add_argument("--levels", type=int, nargs="+", default=list(LEVELS), choices=LEVELS)
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"{args.model} est absent : lancez d'abord `make train`.", file=sys.stderr)
        return 2

    command = " ".join(["scripts/bench.py", *(sys.argv[1:] if argv is None else argv)])
    report: Dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "command": command,
        "load_avg_1min_before": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        tmp = Path(folder)
        if args.train_seconds and not args.train:
            report["training"] = {
                "train_s": args.train_seconds,
                "how": "`rasa train` complet dans un dossier temporaire, "
                "chronométré à part sur la même machine (--train-seconds)",
            }
        if args.train:
            print("== rasa train (full) ...", flush=True)
            report["training"] = time_training(tmp)
            print(json.dumps(report["training"]), flush=True)
        chosen = measure_served_model(args.model, tmp / "chosen", args.levels)
        samples = chosen.pop("memory_samples")
        report.update(chosen)
        if args.compare_default:
            print("== rasa train with Rasa's default configuration ...", flush=True)
            training = time_training(tmp, rasa_default_config(tmp), "rasa-default")
            print(json.dumps(training), flush=True)
            default_model = Path(training["model"])
            default = measure_served_model(default_model, tmp / "rasa_default", args.levels)
            default.pop("memory_samples")
            default["training"] = training
            default["f1"] = intent_f1(default_model)
            report["comparison"] = {
                "chosen": {**chosen, "training": report.get("training", {}), "f1": intent_f1(args.model)},
                "rasa_default": default,
            }
        report["load_avg_1min_after"] = round(os.getloadavg()[0], 2)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    plot(report, samples, args.plot)
    if args.doc and set(args.levels) == set(LEVELS):
        write_block(args.doc, markdown(report), (START_MARK, END_MARK))
        if "comparison" in report:
            write_block(args.doc, comparison_markdown(report), COMPARE_MARKS)
    print(f"écrit : {args.out}, {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
