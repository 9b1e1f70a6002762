"""What both writers check in an artifact's Markdown before it is published: its headings.

A heading said twice (the title again as the first section, two steps with one name) and a
heading with nothing under it are the marks of a template filled by rote; a reader takes
them for a draft. Both rails refuse such an artifact rather than publish it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_NUMBERING = re.compile(r"^(?:\d+[.)]|step \d+:?)\s*", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^(?:tbd|todo|tba|n/?a|none|coming soon|lorem ipsum\b.*|\.{3}|…|-+|\[[^\]]*\]|\{\{.*\}\})$", re.IGNORECASE
)


@dataclass(frozen=True)
class Section:
    level: int
    heading: str
    body: str


def sections(markdown: str) -> list[Section]:
    """Every heading with the text under it up to the next heading, front matter and code left out."""
    found: list[Section] = []
    level, heading = 0, ""
    body: list[str] = []
    in_code = False
    for line in _without_front_matter(markdown).splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        match = None if in_code else _HEADING.match(line)
        if match:
            if level:
                found.append(Section(level, heading, "\n".join(body).strip()))
            level, heading, body = len(match.group("hashes")), match.group("text"), []
        elif level:
            body.append(line)
    if level:
        found.append(Section(level, heading, "\n".join(body).strip()))
    return found


def repeated_headings(markdown: str) -> list[str]:
    """Headings that say what an earlier heading already said (numbering, case and punctuation aside)."""
    seen: set[str] = set()
    repeated = []
    for section in sections(markdown):
        key = _comparable(section.heading)
        if key in seen:
            repeated.append(section.heading)
        seen.add(key)
    return repeated


def hollow_sections(markdown: str) -> list[str]:
    """Headings with nothing under them (no text, no sub-section) or only a placeholder."""
    found = sections(markdown)
    hollow = []
    for index, section in enumerate(found):
        has_children = index + 1 < len(found) and found[index + 1].level > section.level
        if has_children:
            continue
        if not section.body or _PLACEHOLDER.match(_plain(section.body)):
            hollow.append(section.heading)
    return hollow


def heading_problems(markdown: str) -> list[str]:
    """Readable reasons an artifact's headings keep it from publication; empty when there are none."""
    problems = [f"the heading {heading!r} appears twice" for heading in repeated_headings(markdown)]
    problems += [f"the section {heading!r} has no content of its own" for heading in hollow_sections(markdown)]
    return problems


def _comparable(heading: str) -> str:
    text = _NUMBERING.sub("", heading.strip().lower())
    return " ".join(re.findall(r"[\w']+", text))


def _plain(body: str) -> str:
    return re.sub(r"^[\s>*_\-]+|[\s*_]+$", "", body).strip()


def _without_front_matter(markdown: str) -> str:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :]
    return markdown
