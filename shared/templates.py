"""Jinja2 environments for the writers' Markdown templates, which users may override file by file."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


def markdown_templates(builtin_dir: Path, override_dir: Path | None = None) -> Environment:
    """Templates in ``override_dir`` win, file by file, over the built-in ones in ``builtin_dir``."""
    search_path = [str(override_dir)] if override_dir else []
    return Environment(
        loader=FileSystemLoader([*search_path, str(builtin_dir)]),
        autoescape=False,  # Markdown, not HTML: escaping would corrupt quotes and ampersands.
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
