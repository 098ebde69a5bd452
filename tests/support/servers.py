"""Real servers on loopback for the production tests: PostgreSQL, Redis, nginx and the assistant itself.

Each server runs from a fresh temporary directory on a free port and is stopped by its context
manager. PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user
(created by the Debian package) through runuser.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence

import requests

from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
SERVE = str(ROOT / "scripts" / "serve")


def wait_for(
    check: Callable[[], bool], timeout: float, what: str, processes: Sequence[subprocess.Popen] = ()
) -> None:
    """Polls `check` until true; fails early when one of `processes` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{what}: process exited early with code {process.returncode}")
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


def store_env(directory: Path) -> Dict[str, str]:
    """Conversations in an SQLite file of `directory`; every other setting is scripts/serve's default."""
    return {"TRACKER_STORE_URL": f"sqlite:///{directory / 'conversations.db'}"}


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM to the process group started for `process`, SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def spawn(command: List[str], env: Dict[str, str], log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    """A process in its own group (so its children stop with it), output to `log`."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def world_dir(prefix: str) -> Path:
    """A temporary directory other users (postgres, nginx workers) can use."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


# --- PostgreSQL -----------------------------------------------------------------------------------


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name}: install the postgresql package (make install)")
    return path


@dataclass
class Postgres:
    port: int
    user: str
    password: str
    database: str
    directory: Path

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{self.database}"


@contextlib.contextmanager
def postgres(
    database: str = "rasa", user: str = "rasa", password: str = "test-password"
) -> Iterator[Postgres]:
    """A throw-away PostgreSQL cluster on 127.0.0.1 with a password-protected user and one database."""
    directory = world_dir("pg-")
    as_postgres: List[str] = []
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data, log, pwfile = directory / "data", directory / "server.log", directory / "pw"
    pwfile.write_text(password)
    if as_postgres:
        shutil.chown(pwfile, "postgres", "postgres")
    subprocess.run(
        as_postgres
        + [
            postgres_bin("initdb"),
            "-D",
            str(data),
            "-U",
            user,
            "--pwfile",
            str(pwfile),
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-h 127.0.0.1 -p {port} -k {directory} -c fsync=off -c max_connections=200"
    subprocess.run(
        as_postgres + [postgres_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            as_postgres
            + [postgres_bin("createdb"), "-h", str(directory), "-p", str(port), "-U", user, database],
            check=True,
            capture_output=True,
        )
        yield Postgres(port, user, password, database, directory)
    finally:
        subprocess.run(
            as_postgres + [postgres_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(directory, ignore_errors=True)


# --- Redis ----------------------------------------------------------------------------------------


@dataclass
class Redis:
    port: int
    password: str


@contextlib.contextmanager
def redis(password: str = "test-redis-password") -> Iterator[Redis]:
    """A throw-away Redis server on 127.0.0.1 (no persistence), protected by a password."""
    directory = world_dir("redis-")
    port = free_port()
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = spawn(
        [
            server,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--requirepass",
            password,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        dict(os.environ),
        directory / "redis.log",
        cwd=directory,
    )
    try:
        wait_for(lambda: _redis_ping(port, password), 20, "redis", [process])
        yield Redis(port, password)
    finally:
        stop(process)
        shutil.rmtree(directory, ignore_errors=True)


def _redis_ping(port: int, password: str) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(f"AUTH {password}\r\nPING\r\n".encode())
        time.sleep(0.05)
        return b"PONG" in sock.recv(100)


# --- nginx ----------------------------------------------------------------------------------------

NGINX_TEST_CONF = """
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {deploy}/nginx-http.conf;
    upstream assistant {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        add_header X-Upstream $upstream_addr always;  # tests only: which assistant answered
        include {deploy}/nginx-server.conf;
    }}
}}
"""


@dataclass
class Nginx:
    port: int
    directory: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def error_log_tail(self, lines: int = 20) -> str:
        log = self.directory / "error.log"
        return "\n".join(log.read_text().splitlines()[-lines:]) if log.exists() else ""


def upstream_parameters() -> str:
    """The failure rules of deploy/nginx.conf's upstream servers (max_fails, fail_timeout)."""
    found = re.search(r"server assistant-1:\d+ ([^;]*);", (ROOT / "deploy" / "nginx.conf").read_text())
    assert found, "deploy/nginx.conf: no upstream server assistant-1"
    return found.group(1)


@contextlib.contextmanager
def nginx(upstream_ports: Sequence[int]) -> Iterator[Nginx]:
    """nginx on 127.0.0.1 balancing round-robin over the given assistants, with deploy/'s proxy rules."""
    directory = world_dir("nginx-")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / sub).mkdir(mode=0o777)
        (directory / sub).chmod(0o777)
    port = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{p} {upstream_parameters()};" for p in upstream_ports)
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_TEST_CONF.format(dir=directory, deploy=ROOT / "deploy", servers=servers, port=port))
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([binary, "-t", "-p", str(directory), "-c", str(conf)], check=True, capture_output=True)
    process = spawn(
        [binary, "-p", str(directory), "-c", str(conf)], dict(os.environ), directory / "stdout.log"
    )
    try:
        wait_for(lambda: _port_open(port), 20, "nginx", [process])
        yield Nginx(port, directory, process)
    finally:
        stop(process)
        shutil.rmtree(directory, ignore_errors=True)


def _port_open(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


# --- the assistant ----------------------------------------------------------------------------------


@dataclass
class Served:
    """A process started through scripts/serve."""

    process: subprocess.Popen
    port: int
    log: Path
    extra: Dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        stop(self.process)


def serve(mode: str, env: Dict[str, str], log: Path, port: int, action_port: Optional[int] = None) -> Served:
    """Starts `scripts/serve MODE` (http, rasa or actions) on loopback with `env` over os.environ."""
    full = dict(os.environ, **env, RASA_PORT=str(port), RASA_INTERFACE="127.0.0.1", ACTION_HOST="127.0.0.1")
    if mode == "actions":
        full["ACTION_PORT"] = str(port)
    elif action_port is not None:
        full["ACTION_PORT"] = str(action_port)
        full["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{action_port}/webhook"
    return Served(spawn([SERVE, mode], full, log), port, log)


def wait_assistant(served: Served, timeout: float = 240) -> None:
    """Waits until the REST channel of `served` answers a real message."""

    def answers() -> bool:
        reply = requests.post(
            f"{served.url}/webhooks/rest/webhook",
            json={"sender": "readiness-probe", "message": "bonjour"},
            timeout=30,
        )
        return reply.status_code == 200 and bool(reply.json())

    wait_for(answers, timeout, f"assistant on port {served.port} (log {served.log})", [served.process])


def wait_actions(served: Served, timeout: float = 120) -> None:
    wait_for(
        lambda: requests.get(f"{served.url}/health", timeout=2).ok,
        timeout,
        f"action server on port {served.port}",
        [served.process],
    )


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB (from /proc)."""
    total = 0
    pids = [pid] + _children(pid)
    for one in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for one in [pid] + _children(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _children(pid: int) -> List[int]:
    found: List[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                for child in (task / "children").read_text().split():
                    found.append(int(child))
                    found.extend(_children(int(child)))
    return found
