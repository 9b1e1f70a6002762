from __future__ import annotations

from shared.headings import heading_problems, hollow_sections, repeated_headings


def test_the_title_again_as_the_first_section_is_a_repeat() -> None:
    markdown = "# The 2 Pillars of Churn\n\nIntro.\n\n## The 2 pillars of churn\n\nText.\n"

    assert repeated_headings(markdown) == ["The 2 pillars of churn"]


def test_two_numbered_steps_with_one_name_are_a_repeat() -> None:
    markdown = "# Title\n\n### 1. Hold the Principle\n\nA.\n\n### 2. Hold the principle!\n\nB.\n"

    assert repeated_headings(markdown) == ["2. Hold the principle!"]


def test_distinct_headings_and_front_matter_and_code_are_not_repeats() -> None:
    markdown = '---\ntitle: "Churn"\n---\n\n# Churn\n\nA.\n\n```\n# Churn\n```\n\n## Why churn starts early\n\nB.\n'

    assert repeated_headings(markdown) == []


def test_a_heading_with_nothing_or_a_placeholder_under_it_is_hollow() -> None:
    markdown = "# Title\n\n## The checklist\n\n## Why it matters\n\nTBD\n\n## Keep in mind\n\n- A real item.\n"

    assert hollow_sections(markdown) == ["The checklist", "Why it matters"]


def test_a_heading_whose_content_is_its_subsections_is_not_hollow() -> None:
    markdown = "# Title\n\n## The worksheet\n\n### 1. A pain\n\n- [ ] A prompt\n"

    assert hollow_sections(markdown) == []
    assert heading_problems(markdown) == []


def test_problems_read_as_reasons() -> None:
    assert heading_problems("# A\n\n## A\n\n") == [
        "the heading 'A' appears twice",
        "the section 'A' has no content of its own",
    ]
