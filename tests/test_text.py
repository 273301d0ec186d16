"""The escaping helpers every dataset and URL text passes through before Streamlit's markdown sees it.

That the escaped text then shows literally in a real page is the browser's test (tests/browser/test_security.py).
"""

from __future__ import annotations

import pytest

from bodymap.ui.text import citation_marks, lead_in, literal
from bodymap.wording import number_ranges

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://example.com/t.png)",
    "$\\frac{1}{2}$ and $$x$$",
    "**bold** _it_ `code` ~~gone~~",
    ":red[alarm] :material/emergency:",
    "# heading\n- list item",
    "1. not a list",
    "a\\b | c > d & e = f ^ g",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_literal_escapes_every_markdown_character(text: str) -> None:
    escaped = literal(text)
    # Every ASCII punctuation mark Streamlit's markdown acts on is preceded by a backslash, and nothing else changes.
    unescaped = []
    index = 0
    while index < len(escaped):
        if escaped[index] == "\\":
            assert index + 1 < len(escaped), escaped
            assert escaped[index + 1] in "\\`*_{}[]()#+-.!|<>~$:=&\"'^", escaped
            index += 1
        unescaped.append(escaped[index])
        index += 1
    assert "".join(unescaped) == text


def test_literal_leaves_plain_words_alone() -> None:
    assert literal("Tennis elbow hurts") == "Tennis elbow hurts"
    assert literal("Café über 20%") == "Café über 20%"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Pneumothorax", "**Pneumothorax.** "),
        ("Is it safe?", "**Is it safe?** "),
        ("Stop now!", "**Stop now\\!** "),
        ("Wait…", "**Wait…** "),
        ("Ends with a dot.", "**Ends with a dot\\.** "),
        ("Trailing space? ", "**Trailing space? ** "),
        ("**sneaky**", "**\\*\\*sneaky\\*\\*.** "),
    ],
)
def test_lead_in_ends_once_and_escapes(title: str, expected: str) -> None:
    assert lead_in(title) == expected


def test_citation_marks_are_sorted_unique_numbers() -> None:
    numbers = {"ref9": 3, "ref1": 1, "ext_a": 2}
    assert citation_marks(["ref9", "ref1", "ref9", "ext_a"], numbers.__getitem__) == " :gray[\\[1, 2, 3\\]]"
    assert citation_marks([], numbers.__getitem__) == ""


@pytest.mark.parametrize(
    ("numbers", "shown"),
    [
        ([], ""),
        ([4], "4"),
        ([2, 1], "1, 2"),
        ([1, 2, 3], "1 to 3"),
        ([9, 1, 2, 3, 5, 8, 3], "1 to 3, 5, 8, 9"),
        ([10, 11, 12, 13, 20, 21, 22], "10 to 13, 20 to 22"),
    ],
)
def test_source_numbers_are_listed_with_runs_shortened(numbers: list[int], shown: str) -> None:
    assert number_ranges(numbers) == shown
