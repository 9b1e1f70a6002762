"""What each service's image installs: the base dependencies plus the extra named after the service, closed
over every distribution's own requirements (as installed here). tests/unit/test_service_dependencies.py
checks each service's imports against it; ``python -m infra.dependencies`` prints each image's Python size.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib
from functools import cache
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).parents[1]
# Service package under services/ -> its extra in pyproject.toml (and its Dockerfile target).
SERVICE_EXTRAS = {
    "ingest": "ingest",
    "transcriber": "transcriber",
    "insights": "insights",
    "lead_magnet_writer": "lead-magnet-writer",
    "framework_article_writer": "framework-article-writer",
    "scoreboard": "scoreboard",
}
# Installed with --no-deps beside the transcriber's extra: openai-whisper's triton pin is ~1 GB a CPU never
# uses, resemblyzer's webrtcvad only builds from source (webrtcvad-wheels, in the extra, is the same module).
INSTALLED_WITHOUT_DEPS = {"openai-whisper": "transcriber", "resemblyzer": "transcriber"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _project() -> dict:
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"])


def declared(extra: str) -> set[str]:
    """Every distribution ``pip install '.[extra]'`` installs (normalised names)."""
    return _closure((*_project()["dependencies"], *_project()["optional-dependencies"][extra]))


@cache
def _closure(requirements: tuple[str, ...]) -> set[str]:
    seen: set[str] = set()
    pending = [Requirement(text) for text in requirements]
    while pending:
        requirement = pending.pop()
        name = normalise(requirement.name)
        if name == "recast":  # the project naming its own extras
            extras = _project()["optional-dependencies"]
            pending += [Requirement(text) for extra in requirement.extras for text in extras[extra]]
            continue
        key = name + "[" + ",".join(sorted(requirement.extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            nested = Requirement(text)
            if nested.marker is None or any(
                nested.marker.evaluate({"extra": extra}) for extra in ("", *requirement.extras)
            ):
                pending.append(nested)
    return {key.split("[")[0] for key in seen}


def installed_bytes(distributions: set[str]) -> int:
    """What the distributions take on disk as installed here (their RECORD sizes)."""
    total = 0
    for name in distributions:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        total += sum(file.size or 0 for file in files)
    return total


def main() -> None:
    base = _closure(tuple(_project()["dependencies"]))
    print("| image (Dockerfile target) | Python packages | of which the shared base layer |")
    print("|---|---|---|")
    for service, extra in SERVICE_EXTRAS.items():
        beside = {dist for dist, owner in INSTALLED_WITHOUT_DEPS.items() if owner == service}
        size = installed_bytes(declared(extra) | beside)
        print(f"| `{extra}` | {size / 2**20:,.0f} MiB | {installed_bytes(base) / 2**20:,.0f} MiB |")


if __name__ == "__main__":
    main()
