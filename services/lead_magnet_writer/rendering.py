"""The lead magnet as a web page and as the downloadable PDF a landing page gates.

The Markdown is the source of truth; its body is converted with markdown-it (CommonMark)
and laid into ``page.html.j2``, an HTML template users may override like the Markdown
ones. The PDF is that HTML printed by WeasyPrint (pure Python on Debian's pango), so the
three artifacts never say different things.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from services.lead_magnet_writer.writer import LeadMagnet

_FRONT_MATTER_END = "\n---\n"


def html_templates(builtin_dir: Path, override_dir: Path | None = None) -> Environment:
    """HTML templates, escaped by default; an override folder wins file by file."""
    search_path = [str(override_dir)] if override_dir else []
    return Environment(
        loader=FileSystemLoader([*search_path, str(builtin_dir)]),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def markdown_body(markdown: str) -> str:
    """The Markdown without its front-matter header (the CMS reads that, a reader does not)."""
    if markdown.startswith("---\n") and _FRONT_MATTER_END in markdown[3:]:
        return markdown[3:].split(_FRONT_MATTER_END, 1)[1]
    return markdown


def body_html(markdown: str) -> str:
    """The page's body: the Markdown after its front matter, as HTML (raw HTML in it stays text)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown_body(markdown))


def render_html(environment: Environment, lead_magnet: LeadMagnet, context: dict[str, Any]) -> str:
    return environment.get_template("page.html.j2").render(context | {"body_html": body_html(lead_magnet.markdown)})


def render_pdf(html: str) -> bytes:
    """Print the HTML page to PDF. Imported here: WeasyPrint loads pango, which only this step needs."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
