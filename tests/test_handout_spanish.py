"""The handout printed from a Spanish page: its own test file, so the fast suite's workers share the PDFs to build
(one file per worker: tests/test_handout.py builds the English ones)."""

from __future__ import annotations

import pytest

from bodymap import handout
from bodymap.data import Dataset
from bodymap.handout import handout_content, render_pdf
from bodymap.i18n import _, speaking
from tests.test_handout import MAX_PAGES, REGIONS, SOURCES_URL, _page_texts, _squash, _text
from tests.test_languages import ENGLISH_WORDS

SPANISH_EXTRA_PAGES = 1  # Spanish runs about a fifth longer: some regions need a fourth page (docs, issue 18's note)
SPANISH_HEADINGS = (
    handout.BEFORE_NEEDLING_HEADING,
    handout.SESSION_HEADING,
    handout.AFTERCARE_HEADING,
    handout.WHEN_TO_GET_HELP_HEADING,
    handout.THERAPIST_HEADING,
    handout.SOURCES_HEADING,
)


@pytest.mark.parametrize("region_id", REGIONS)
def test_a_spanish_handout_is_spanish_from_title_to_sources_and_as_short_as_the_english(
    dataset: Dataset, region_id: str
) -> None:
    """Printed from a Spanish page: the same sections in Spanish, the figure's words too, no English before the
    sources (whose citations keep their own language), and at most a page more than an English handout may take."""
    spanish = dataset.in_language("es")
    pdf = render_pdf(handout_content(spanish, region_id, sources_url=SOURCES_URL + "&lang=es"))
    pages, text = _text(pdf)
    assert pages <= MAX_PAGES + SPANISH_EXTRA_PAGES
    with speaking("es"):
        headings = [_squash(_(heading)) for heading in SPANISH_HEADINGS]
        figure_words = [_squash(_(word)) for word in ("Your right", "Your left")]
    assert all(heading in text for heading in headings) and all(word in text for word in figure_words)
    before_sources = text[: text.rfind(headings[-1])]
    words = " ".join(_page_texts(pdf)[1])
    with speaking("es"):
        sources = _(handout.SOURCES_HEADING)
    english = ENGLISH_WORDS.findall(words[: words.rfind(sources)])
    assert english == [], f"English on the Spanish handout: {sorted(set(english))}"
    assert _squash(spanish.regions[region_id].plain_summary) in before_sources
