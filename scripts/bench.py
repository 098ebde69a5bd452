"""Benchmarks the real assistant on this machine: training, cold start, REST latency, throughput, memory.

Starts the action server and the Rasa HTTP server (REST channel) on free loopback ports through
scripts/serve (modes `actions` and `rasa`, as in production), then plays realistic conversations
(questions that call the custom actions: AGEC with a product, network with a city, guichet vert,
facilitator...) at 1, 8 and 32 concurrent conversations. Every load loop is bounded in messages and
in seconds; traffic goes to 127.0.0.1 only. Memory is the peak resident set (RSS) of each server's
process tree, sampled from /proc, and its private part (RssAnon): the rest of the RSS is pages of
shared libraries mapped from the page cache, whose count varies with the state of that cache.

Usage: python scripts/bench.py [--train] [--out reports/bench.json] [--plot reports/bench.png]
  --train   also time a full `rasa train` into a temporary folder (minutes on 2 cores)
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
TARGETS = {
    "p95_ms_at_1": 100.0,
    "throughput_at_32": 50.0,
    "train_s": 180.0,
    "cold_start_s": 30.0,
    "rasa_rss_mb": 1536.0,
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


def time_training(out: Path) -> Dict[str, Any]:
    """Wall time of a full `rasa train` (NLU + dialogue) from scratch: temporary folder, empty cache."""
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_CACHE_DIRECTORY=str(out / "cache"),
    )
    command = [
        RASA,
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        "data",
        "--out",
        str(out),
        "--fixed-model-name",
        "bench",
        "--quiet",
    ]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=1800, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    size_mb = (out / "bench.tar.gz").stat().st_size / 1e6
    return {
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
    latency.axhline(TARGETS["p95_ms_at_1"], color="grey", linestyle="--", label="objectif p95 à 1 (100 ms)")
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
        f"| Entraînement complet (`rasa train`) | {train_text} | ≤ 180 s "
        f"| {verdict(train_s, TARGETS['train_s'])} |",
        f"| Taille du modèle servi | {report['model_mb']:.1f} Mo | — | — |",
        f"| Démarrage à froid (lancement → première réponse) | {cold:.1f} s "
        f"| ≤ 30 s | {verdict(cold, TARGETS['cold_start_s'])} |",
        f"| Latence p95 à 1 conversation | {by_level[1]['p95_ms']:.0f} ms | ≤ 100 ms "
        f"| {verdict(by_level[1]['p95_ms'], TARGETS['p95_ms_at_1'])} |",
        f"| Débit à 32 conversations | {by_level[32]['throughput_msg_s']:.0f} msg/s | ≥ 50 msg/s "
        f"| {verdict(by_level[32]['throughput_msg_s'], TARGETS['throughput_at_32'], True)} |",
        f"| Mémoire crête du serveur Rasa | {report['memory_peak_mb']['rasa']:.0f} Mo | ≤ 1 536 Mo "
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


def write_markdown(doc: Path, block: str) -> None:
    """Replace the generated block of the doc (the prose around it is kept)."""
    text = doc.read_text() if doc.exists() else ""
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        text = before + block + rest.split(END_MARK, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--train", action="store_true", help="also time a full `rasa train` (minutes)")
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
        "model_mb": round(args.model.stat().st_size / 1e6, 1),
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
        # The conversation store of the bench lives in the temporary folder, never in var/.
        overrides = {"TRACKER_STORE_URL": f"sqlite:///{tmp / 'bench.db'}"}
        print("== starting the action server and the Rasa server ...", flush=True)
        started = time.monotonic()
        stack = start_stack(args.model, tmp, overrides)
        sampler = MemorySampler({name: process.pid for name, process in stack.processes.items()})
        sampler.start()
        try:
            wait_ready(stack, started)
            report["cold_start"] = {key: round(value, 1) for key, value in stack.cold_start.items()}
            print(json.dumps(report["cold_start"]), flush=True)
            report["load"] = []
            for level in args.levels:
                result = asyncio.run(run_level(stack.url, level, MAX_MESSAGES[level], MAX_SECONDS_PER_LEVEL))
                report["load"].append(result.summary())
                print(json.dumps(result.summary()), flush=True)
        except BaseException:
            for name in stack.processes:
                print(f"--- {name} server log (end)", file=sys.stderr)
                print((tmp / f"{name}.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            sampler.stop()
            stack.stop()
        report["load_avg_1min_after"] = round(os.getloadavg()[0], 2)
        report["memory_peak_mb"] = {
            name: round(sampler.peak(name), 1)
            for name in ("rasa", "actions", "rasa_private", "actions_private")
        }
        print(json.dumps(report["memory_peak_mb"]), flush=True)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    plot(report, sampler.samples, args.plot)
    if args.doc and set(args.levels) == set(LEVELS):
        write_markdown(args.doc, markdown(report))
    print(f"écrit : {args.out}, {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
