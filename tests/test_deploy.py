"""Deployment files (deploy/): what can be checked without a container engine.

YAML parses; Kubernetes workloads have replicas, probes and resource limits; the compose file is
accepted by docker-compose (Debian package) and holds no secret; nginx accepts its configuration;
every file the Dockerfiles copy exists; settings fall back to the one list of defaults.
With servers on loopback (nginx, the action server): tests/system/test_deploy_servers.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
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
    directory = Path(tempfile.mkdtemp(prefix="nginx-check-"))
    directory.chmod(0o755)  # nginx workers run as another user
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
