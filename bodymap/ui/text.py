"""Show dataset and URL text as text: never as markdown, HTML, LaTeX or a link that loads something."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bodymap.panel import lead

# Every ASCII punctuation character Streamlit's markdown could act on; a backslash makes each one literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'^])")


def literal(text: str) -> str:
    """Escape text so Streamlit's markdown shows it exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def citation_marks(source_ids: Iterable[str], number_of: Callable[[str], int]) -> str:
    """Markdown for the numbered citations of an item, e.g. ``[2, 5]``, matching the numbered source list."""
    numbers = sorted({number_of(source_id) for source_id in source_ids})
    return f" :gray[\\[{', '.join(str(n) for n in numbers)}\\]]" if numbers else ""


def lead_in(title: str) -> str:
    """A bold title that runs into its text: "**Title.** ", without doubling a title's own "?" or "." (as the details
    panel's :func:`bodymap.panel.lead`)."""
    ending = lead(title)["text"][len(title) : -1]  # the stop it adds, if any, before its trailing space
    return f"**{literal(title)}{ending}** "
