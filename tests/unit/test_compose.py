"""The structural contract of docker-compose.yml, checked without a Docker engine.

Start-up order (nothing starts before Kafka and MinIO are healthy and the init jobs are done),
fail-fast credentials, topics created on purpose, MinIO notifications into ``s3.events``, and
services that ``docker compose up --scale`` can multiply.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared.keys import readable_prefixes, writable_patterns
from shared.topics import ALL_TOPICS, S3_EVENTS, SERVICE_GROUPS, SIDE_SERVICE_GROUPS

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
# Compose service names use dashes; the Python modules under services/ use underscores.
RECAST_SERVICES = {module.replace("_", "-"): module for module in (*SERVICE_GROUPS, *SIDE_SERVICE_GROUPS)}
SERVICE_SECRETS = {name: "RECAST_S3_SECRET_" + name.upper().replace("-", "_") for name in RECAST_SERVICES}
REQUIRED_VARIABLES = ("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "RECAST_WEBHOOK_SECRET", *SERVICE_SECRETS.values())
MINIO_INIT = ROOT / "infra" / "minio"


@pytest.fixture(scope="module")
def services() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(COMPOSE_FILE.read_text())["services"]


def _command_text(service: dict[str, Any]) -> str:
    command = service.get("command", "")
    text = command if isinstance(command, str) else " ".join(command)
    # minio-init runs a script mounted from infra/minio: what it does is that script.
    return text + (MINIO_INIT / "init.sh").read_text() if "/recast-minio/init.sh" in text else text


def _dependencies(service: dict[str, Any]) -> dict[str, str]:
    depends_on = service.get("depends_on", {})
    if isinstance(depends_on, list):
        return dict.fromkeys(depends_on, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in depends_on.items()}


def _healthy_before_start(services: dict[str, dict[str, Any]], name: str) -> set[str]:
    """Services certainly healthy when ``name`` starts, directly or through what it waits for.

    A dependency only starts once its own conditions hold, so the guarantee is transitive
    whatever condition links ``name`` to that dependency.
    """
    healthy: set[str] = set()
    for dependency, condition in _dependencies(services[name]).items():
        if condition == "service_healthy":
            healthy.add(dependency)
        healthy |= _healthy_before_start(services, dependency)
    return healthy


def _init_job(services: dict[str, dict[str, Any]], *markers: str) -> str:
    jobs = [name for name, service in services.items() if all(m in _command_text(service) for m in markers)]
    assert len(jobs) == 1, f"expected one init job running {markers}, found {jobs}"
    return jobs[0]


def _kafka_target_ids(minio: dict[str, Any]) -> dict[str, str]:
    """MinIO Kafka notification targets configured by environment: target id -> topic."""
    env = minio["environment"]
    return {
        key.removeprefix("MINIO_NOTIFY_KAFKA_TOPIC_"): topic
        for key, topic in env.items()
        if key.startswith("MINIO_NOTIFY_KAFKA_TOPIC_") and env.get(key.replace("_TOPIC_", "_ENABLE_")) == "on"
    }


@pytest.mark.parametrize("name", ["kafka", "minio"])
def test_backing_service_has_a_healthcheck(services: dict[str, dict[str, Any]], name: str) -> None:
    healthcheck = services[name].get("healthcheck", {})
    assert healthcheck.get("test"), f"{name} has no healthcheck"
    assert not healthcheck.get("disable", False)
    assert healthcheck["test"][0] != "NONE"


def test_kafka_does_not_auto_create_topics(services: dict[str, dict[str, Any]]) -> None:
    assert str(services["kafka"]["environment"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]).lower() == "false"


def test_every_recast_service_is_built_from_its_own_target(services: dict[str, dict[str, Any]]) -> None:
    built_here = {name for name, service in services.items() if "build" in service}
    assert built_here == set(RECAST_SERVICES)
    targets = set(re.findall(r"^FROM \S+ AS (\S+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE))
    for name in RECAST_SERVICES:
        assert services[name]["build"]["target"] == name and name in targets
        assert services[name]["image"] == f"recast-{name}:latest"


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_runs_as_its_own_minio_user_never_root(services: dict[str, dict[str, Any]], name: str) -> None:
    environment = services[name]["environment"]
    assert environment["AWS_ACCESS_KEY_ID"] == f"recast-{name}"
    assert SERVICE_SECRETS[name] in environment["AWS_SECRET_ACCESS_KEY"]
    assert "MINIO_ROOT" not in json.dumps(environment)
    init = services[_init_job(services, "mc event add")]
    assert SERVICE_SECRETS[name] in init["environment"]
    assert 'mc admin user add local "recast-$service"' in _command_text(init)


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_minio_policy_grants_what_the_code_reads_and_writes_and_no_more(name: str) -> None:
    statements = json.loads((MINIO_INIT / "policies" / f"{name}.json").read_text())["Statement"]
    granted: dict[str, set[str]] = {}
    for statement in statements:
        assert statement["Effect"] == "Allow"
        for action in statement["Action"]:
            granted.setdefault(action, set()).update(statement["Resource"])
    objects = "arn:aws:s3:::RECAST_BUCKET/"
    module = RECAST_SERVICES[name]
    assert granted.pop("s3:GetObject") == {objects + prefix + "*" for prefix in readable_prefixes(module, "incoming/")}
    writes = {objects + pattern for pattern in writable_patterns(module)}
    for action in ("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"):
        assert granted.pop(action) == writes, action
    bucket = {"arn:aws:s3:::RECAST_BUCKET"}
    assert granted == {"s3:GetBucketLocation": bucket, "s3:ListBucket": bucket}


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_runs_its_own_faststream_app(services: dict[str, dict[str, Any]], name: str) -> None:
    match = re.fullmatch(r"faststream run services\.(\w+)\.app:app", _command_text(services[name]).strip())
    assert match, f"{name}: unexpected command {services[name].get('command')!r}"
    module = match.group(1)
    assert module == RECAST_SERVICES[name]
    assert (ROOT / "services" / module).is_dir(), f"services/{module}/ does not exist"


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_waits_for_healthy_kafka_and_minio(services: dict[str, dict[str, Any]], name: str) -> None:
    assert {"kafka", "minio"} <= _healthy_before_start(services, name)


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_waits_for_both_init_jobs(services: dict[str, dict[str, Any]], name: str) -> None:
    topics_job = _init_job(services, "kafka-topics.sh", "--create")
    bucket_job = _init_job(services, "mc event add")
    dependencies = _dependencies(services[name])
    assert dependencies.get(topics_job) == "service_completed_successfully"
    assert dependencies.get(bucket_job) == "service_completed_successfully"


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_can_be_scaled(services: dict[str, dict[str, Any]], name: str) -> None:
    service = services[name]
    assert "container_name" not in service, "a fixed container name blocks --scale"
    assert not service.get("ports"), "a published host port blocks --scale"


def test_init_job_creates_every_topic(services: dict[str, dict[str, Any]]) -> None:
    script = _command_text(services[_init_job(services, "kafka-topics.sh", "--create")])
    assert "--if-not-exists" in script, "re-running the stack must not fail on existing topics"
    words = set(re.split(r"[\s\"';]+", script))
    missing = [topic for topic in ALL_TOPICS if topic not in words]
    assert not missing, f"topics never created: {missing}"


def test_minio_notifies_s3_events_for_incoming_uploads(services: dict[str, dict[str, Any]]) -> None:
    targets = _kafka_target_ids(services["minio"])
    assert set(targets.values()) == {S3_EVENTS}
    script = _command_text(services[_init_job(services, "mc event add")])
    subscriptions = re.findall(r"mc event add .*?arn:minio:sqs::(\w+):kafka(.*)", script)
    assert subscriptions, "no bucket is subscribed to the Kafka target"
    for target_id, flags in subscriptions:
        assert target_id in targets, f"ARN names target {target_id!r}, MinIO configures {sorted(targets)}"
        assert "--event put" in flags
        assert "--prefix incoming/" in flags


def test_docker_compose_validates_and_fails_fast_without_credentials(tmp_path: Path) -> None:
    executable = shutil.which("docker-compose")
    if executable is None:
        pytest.fail(
            "docker-compose is not installed; it validates docker-compose.yml without a Docker engine. "
            "Install it with `apt-get install -y docker-compose` (part of the project's setup)."
        )
    # An empty env file keeps a developer's own .env out of the check.
    empty_env_file = tmp_path / "empty.env"
    empty_env_file.write_text("")
    base_env = {key: value for key, value in os.environ.items() if key not in REQUIRED_VARIABLES}

    def config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [executable, "--env-file", str(empty_env_file), "-f", str(COMPOSE_FILE), "config", "-q"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    dummies = {name: f"dummy-{name.lower()}" for name in REQUIRED_VARIABLES}
    accepted = config({**base_env, **dummies})
    assert accepted.returncode == 0, accepted.stderr

    for unset in REQUIRED_VARIABLES:
        rejected = config({**base_env, **{k: v for k, v in dummies.items() if k != unset}})
        assert rejected.returncode != 0, f"docker-compose accepted the file without {unset}"
        assert unset in rejected.stderr, rejected.stderr


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_healthcheck_asks_its_readiness_endpoint(services: dict[str, dict[str, Any]], name: str) -> None:
    test = services[name]["healthcheck"]["test"]
    assert test[0] == "CMD" and test[1:] == ["python", "-m", "shared.health", "ready"]
    assert services[name]["environment"]["RECAST_METRICS_HOST"] == "0.0.0.0"


def test_services_run_as_a_non_root_user() -> None:
    users = re.findall(r"^USER\s+(\S+)", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert users and users[-1] not in {"root", "0", "0:0"}


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_takes_kafka_security_from_the_environment(services: dict[str, dict[str, Any]], name: str) -> None:
    environment = services[name].get("environment") or {}
    assert {"KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"} <= set(environment)


@pytest.mark.parametrize("name", sorted(RECAST_SERVICES))
def test_service_exports_traces_to_the_stack_s_collector(services: dict[str, dict[str, Any]], name: str) -> None:
    endpoint = services[name]["environment"]["OTEL_EXPORTER_OTLP_ENDPOINT"]
    assert "http://jaeger:4318" in endpoint
    assert services["jaeger"]["environment"]["COLLECTOR_OTLP_ENABLED"] == "true"
