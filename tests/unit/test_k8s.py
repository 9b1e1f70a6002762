"""infra/k8s: one Deployment and one KEDA ScaledObject per service, scaling on its own group's lag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from shared import topics
from shared.topics import ALL_TOPICS, SERVICE_GROUPS, SIDE_SERVICE_GROUPS

# Every consumer group shared/topics.py declares (SERVICE_GROUPS and any further *_GROUP).
DECLARED_GROUPS = {value for name, value in vars(topics).items() if name.endswith("_GROUP")}
# Each service's own groups, the pipeline's and those beside it (the scoreboards, one group per rail).
GROUPS = {service: (group,) for service, group in SERVICE_GROUPS.items()} | SIDE_SERVICE_GROUPS
K8S = Path(__file__).resolve().parents[2] / "infra" / "k8s"


def _documents() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]


def _of_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in _documents() if doc["kind"] == kind}


def _k8s_name(service: str) -> str:
    return service.replace("_", "-")


@pytest.mark.parametrize("service", sorted(GROUPS))
def test_every_service_has_a_deployment_running_its_app(service: str) -> None:
    deployment = _of_kind("Deployment")[_k8s_name(service)]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["faststream", "run", f"services.{service}.app:app"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health"
    assert {"configMapRef": {"name": "recast-config"}} in container["envFrom"]


@pytest.mark.parametrize("service", sorted(GROUPS))
def test_every_service_scales_on_its_consumer_group_lag(service: str) -> None:
    scaled = _of_kind("ScaledObject")[_k8s_name(service)]
    assert scaled["apiVersion"] == "keda.sh/v1alpha1"
    assert scaled["spec"]["scaleTargetRef"]["name"] == _k8s_name(service)
    triggers = scaled["spec"]["triggers"]
    # The service's own group first; a service with a second group (the transcriber's chunks) adds a trigger.
    assert triggers[0]["metadata"]["consumerGroup"] == GROUPS[service][0]
    assert set(GROUPS[service]) <= {trigger["metadata"]["consumerGroup"] for trigger in triggers}
    for trigger in triggers:
        assert trigger["type"] == "kafka"
        assert trigger["metadata"]["consumerGroup"] in DECLARED_GROUPS
        assert trigger["metadata"]["topic"] in ALL_TOPICS
        assert int(trigger["metadata"]["lagThreshold"]) >= 1
    assert scaled["spec"]["minReplicaCount"] >= 1 <= scaled["spec"]["maxReplicaCount"]


def test_no_scaled_object_without_a_service() -> None:
    assert set(_of_kind("ScaledObject")) == {_k8s_name(service) for service in GROUPS}


def test_config_map_publishes_the_operations_port_the_probes_use() -> None:
    config = _of_kind("ConfigMap")["recast-config"]["data"]
    assert config["RECAST_METRICS_HOST"] == "0.0.0.0"
    for deployment in _of_kind("Deployment").values():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["ports"][0]["containerPort"] == int(config["RECAST_METRICS_PORT"])


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    assert listed == {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
