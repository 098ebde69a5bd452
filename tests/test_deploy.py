"""Deployment files (deploy/): what can be checked without a container engine.

YAML parses; Kubernetes workloads have replicas, probes and resource limits; the compose file is
accepted by docker-compose (Debian package) and holds no secret; nginx accepts its configuration
and keeps serving when one replica is dead and the other fails once; every file the Dockerfiles copy
exists; the action server runs from exactly the files its image gets, and without TensorFlow.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import requests
import yaml

from tests.support import servers
from tests.support.servers import ROOT, free_port, nginx, spawn, stop, wait_for, world_dir

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def k8s_documents() -> List[Dict[str, Any]]:
    documents: List[Dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        documents.extend(doc for doc in yaml.safe_load_all(path.read_text()) if doc)
    return documents


def test_every_yaml_file_parses() -> None:
    paths = list(DEPLOY.rglob("*.yml")) + list(DEPLOY.rglob("*.yaml"))
    assert len(paths) >= 8
    for path in paths:
        assert list(yaml.safe_load_all(path.read_text())), path


def test_kubernetes_workloads_have_replicas_probes_and_limits() -> None:
    documents = k8s_documents()
    deployments = {doc["metadata"]["name"]: doc for doc in documents if doc["kind"] == "Deployment"}
    assert set(deployments) == {"assistant", "actions"}
    assert deployments["assistant"]["spec"]["replicas"] >= 2
    for deployment in deployments.values():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert container["readinessProbe"] and container["livenessProbe"]
            assert container["resources"]["limits"]["memory"] and container["resources"]["limits"]["cpu"]
            assert container["resources"]["requests"]["memory"]
    kinds = {doc["kind"] for doc in documents}
    assert {"Service", "NetworkPolicy", "Ingress", "CronJob", "ConfigMap"} <= kinds
    assert "Secret" not in kinds  # created by the operator, never stored in the repository


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == manifests


def test_compose_file_has_the_production_topology_and_no_secret() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"assistant-1", "assistant-2", "actions", "postgres", "redis", "nginx"} <= set(services)
    for name in ("assistant-1", "assistant-2"):
        env = services[name]["environment"]
        assert env["LOCK_STORE_TYPE"] == "redis"
        assert env["TRACKER_STORE_URL"].startswith("postgresql://")
        assert services[name]["deploy"]["resources"]["limits"]["memory"]
    assert "ports" not in services["actions"]  # reachable from the assistants only
    text = (DEPLOY / "docker-compose.yml").read_text()
    secrets = re.findall(r"^\s*[A-Z_]*(?:PASSWORD|TOKEN)[A-Z_]*:\s*(.*)$", text, flags=re.M)
    assert len(secrets) >= 4
    for value in secrets:
        assert value.startswith("${") or value in ('""', "''"), value
    for password in re.findall(r"://\w+:([^@\s]+)@", text):
        assert password.startswith("${"), password


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose: make install")
def test_docker_compose_accepts_the_file_and_requires_the_secrets() -> None:
    command = ["docker-compose", "-f", str(DEPLOY / "docker-compose.yml"), "config", "--quiet"]
    env = dict(os.environ, POSTGRES_PASSWORD="x" * 16, REDIS_PASSWORD="y" * 16, SENDER_HASH_KEY="z" * 32)
    ok = subprocess.run(command, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    env.pop("POSTGRES_PASSWORD")
    refused = subprocess.run(command, env=env, capture_output=True, text=True)
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr


def test_nginx_accepts_the_production_configuration() -> None:
    directory = world_dir("nginx-check-")
    try:
        for name in ("nginx.conf", "nginx-http.conf", "nginx-server.conf"):
            shutil.copy(DEPLOY / name, directory / name)
        conf = directory / "nginx.conf"
        conf.write_text(re.sub(r"assistant-\d:5005", "127.0.0.1:5005", conf.read_text()))
        result = subprocess.run(
            ["nginx", "-t", "-p", str(directory), "-c", str(conf)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextlib.contextmanager
def assistant_that_resets_its_first_request() -> Iterator[int]:
    """An HTTP server on loopback that drops the first request's connection, then answers 200."""
    requests_seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            requests_seen.append(self.path)
            if len(requests_seen) == 1:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"[]")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_one_error_on_the_last_live_assistant_does_not_take_the_proxy_down() -> None:
    """One replica dead, one connection reset on the other: the next requests are answered.

    Regression: with `max_fails=1 fail_timeout=30s`, nginx then had no live upstream left and answered
    502 to every user for 30 s (seen once in the scale-out test, reproduced here).
    """
    dead_port = free_port()
    with assistant_that_resets_its_first_request() as live_port, nginx([dead_port, live_port]) as proxy:
        statuses = [
            requests.post(
                f"{proxy.url}/webhooks/rest/webhook", timeout=10, json={"sender": "s", "message": "bonjour"}
            ).status_code
            for _ in range(6)
        ]
    assert statuses[0] == 502 and statuses[1:] == [200] * 5, statuses


@pytest.mark.parametrize("dockerfile", ["Dockerfile.assistant", "Dockerfile.actions"])
def test_dockerfiles_copy_files_that_exist(dockerfile: str) -> None:
    text = (DEPLOY / dockerfile).read_text()
    sources = []
    for line in text.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            sources.extend(line.split()[1:-1])
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), f"{dockerfile}: {source} missing"


def test_action_server_runs_from_the_files_of_its_image() -> None:
    """Only textnorm.py, places/, actions/, knowledge/ and node_modules/ (as in Dockerfile.actions), run
    as the image does."""
    directory = world_dir("actions-image-")
    port = free_port()
    try:
        shutil.copy(ROOT / "textnorm.py", directory / "textnorm.py")
        for name in ("places", "actions", "knowledge"):
            shutil.copytree(ROOT / name, directory / name, ignore=shutil.ignore_patterns("__pycache__"))
        (directory / "node_modules").symlink_to(ROOT / "node_modules")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(directory),
            "SANIC_HOST": "127.0.0.1",
            "HOME": str(directory),
        }
        command = [sys.executable, "-m", "rasa_sdk", "--actions", "actions.actions", "--port", str(port)]
        process = spawn(command, env, directory / "actions.log", cwd=directory)
        try:
            wait_for(
                lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok,
                90,
                "action server from image files",
                [process],
            )
            served = {action["name"] for action in requests.get(f"http://127.0.0.1:{port}/actions").json()}
            custom = set(yaml.safe_load((ROOT / "domain.yml").read_text())["actions"])
            assert custom and custom <= served
        finally:
            stop(process)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_serve_keeps_tensorflow_out_of_the_action_server(tmp_path: Path) -> None:
    """TensorFlow thread settings go to the Rasa server only: with them, the `rasa` command imports
    TensorFlow (+500 MB), which the action server never uses."""
    env = {"TF_INTER_OP_PARALLELISM_THREADS": "2", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}
    actions = servers.serve("actions", env, tmp_path / "actions.log", free_port())
    try:
        servers.wait_actions(actions)
        maps = Path(f"/proc/{actions.process.pid}/maps").read_text()
        environment = Path(f"/proc/{actions.process.pid}/environ").read_bytes().split(b"\0")
    finally:
        actions.stop()
    assert "tensorflow" not in maps
    assert not any(variable.startswith(b"TF_INTER_OP") for variable in environment)


def default_settings() -> Dict[str, str]:
    lines = (DEPLOY / "defaults.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_code_fallbacks_are_the_defaults_of_the_one_list() -> None:
    """Every `os.environ.get("NAME", "value")` of the code falls back to deploy/defaults.env's value."""
    defaults = default_settings()
    pattern = re.compile(r'os\.environ\.get\("([A-Z][A-Z0-9_]*)", "([^"]*)"\)')
    checked = 0
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {".venv", "node_modules", "tests"}:
            continue
        for name, value in pattern.findall(path.read_text()):
            if name in defaults:
                checked += 1
                assert value == defaults[name], (
                    f"{path.relative_to(ROOT)}: {name} falls back to {value!r}, "
                    f"deploy/defaults.env says {defaults[name]!r}"
                )
    assert checked >= 5


def test_deployments_keep_the_public_and_the_action_server_limits_apart() -> None:
    """Users' requests are capped at 64 KB; Rasa's calls to the action server carry the conversation
    and get the action server's own, larger limit in every deployment."""
    defaults = default_settings()
    public, internal = defaults["SANIC_REQUEST_MAX_SIZE"], defaults["ACTION_SERVER_MAX_REQUEST_BYTES"]
    assert int(internal) >= 100 * int(public)
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())["services"]
    assert compose["assistant-1"]["environment"]["SANIC_REQUEST_MAX_SIZE"] == public
    assert compose["actions"]["environment"]["SANIC_REQUEST_MAX_SIZE"] == internal
    assert f"SANIC_REQUEST_MAX_SIZE={internal}" in (DEPLOY / "Dockerfile.actions").read_text()
    configmap = yaml.safe_load((K8S / "configmap.yaml").read_text())["data"]
    assert configmap["SANIC_REQUEST_MAX_SIZE"] == public
    actions = next(yaml.safe_load_all((K8S / "actions.yaml").read_text()))
    env = {e["name"]: e["value"] for e in actions["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["SANIC_REQUEST_MAX_SIZE"] == internal
    serve = (ROOT / "scripts" / "serve").read_text()
    assert 'SANIC_REQUEST_MAX_SIZE="$ACTION_SERVER_MAX_REQUEST_BYTES"' in serve
