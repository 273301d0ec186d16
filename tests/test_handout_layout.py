"""The handout's printed layout, read back with pdfplumber: what a reader of the page relies on, whatever the design.

These hold for any design of the handout, so they stay when it is redesigned: everything inside the area a printer
can print; no line printed over another or over the figure; text that reads against what it is printed on; the
figure's views in proportion, side by side; the emergency box holding the emergency text and nothing else; no heading
left alone at the foot of a page; no print under 6 pt; no shape filled black; a footer under everything.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from bodymap import handout
from bodymap.data import Dataset
from bodymap.handout import handout_content
from bodymap.sides import parse_choice
from tests.colour import contrast, is_colour
from tests.conftest import dev_package

pdfplumber = dev_package("pdfplumber")

MM = 72 / 25.4
# Home printers leave about 5 mm unprinted at each edge; nothing may come closer than this.
PRINTABLE_EDGE = 8 * MM
# The smallest print anyone should be asked to read (the sources' numbered list); the figure's labels included.
SMALLEST_PRINT = 6.0
# WCAG's AA contrast for text under 18 pt (every size the handout prints).
TEXT_CONTRAST = 4.5
# Bounding boxes of letters on neighbouring lines may touch; an overlap larger than this is one line over another.
OVERLAP = 0.5
WHITE = (1.0, 1.0, 1.0)
# Where a line of text starts at the left margin: fpdf2 writes 1 mm (its c_margin) inside a cell.
TEXT_START = (handout.MARGIN + 1) * MM
# (region, muscle, sources web page): from the command line (the sources listed) and from the app (a QR code).
APP_URL = "http://tablet.local:8501/?region=neck&audience=patient"
CASES = [
    ("neck", None, None),
    ("neck", None, APP_URL),
    ("low_back", None, None),
    ("elbow", None, APP_URL),
    (None, "supinator", APP_URL),
    (None, "soleus", None),
]


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @classmethod
    def of(cls, thing: dict[str, Any]) -> Box:
        return cls(thing["x0"], thing["top"], thing["x1"], thing["bottom"])

    @classmethod
    def around(cls, boxes: Iterable[Box]) -> Box:
        boxes = list(boxes)
        return cls(
            min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes), max(b.bottom for b in boxes)
        )

    def overlaps(self, other: Box, by: float = OVERLAP) -> bool:
        return min(self.x1, other.x1) - max(self.x0, other.x0) > by and (
            min(self.bottom, other.bottom) - max(self.top, other.top) > by
        )

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


def _emergency_box(page: Any) -> Box:
    return Box.around(Box.of(rect) for rect in page.rects if is_colour(rect["non_stroking_color"], "#fde8e8"))


def _squash(text: str) -> str:
    latin = text.translate(handout.LATIN1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")
    return re.sub(r"\s+", "", latin)


@dataclass(frozen=True)
class Printed:
    """One handout as printed: what it was made from, and its pages as pdfplumber reads them."""

    content: handout.Handout
    pages: Sequence[Any]


Check = Callable[[Printed], list[str]]


def _inside_the_printable_area(printed: Printed) -> list[str]:
    problems = []
    for page in printed.pages:
        area = Box(PRINTABLE_EDGE, PRINTABLE_EDGE, page.width - PRINTABLE_EDGE, page.height - PRINTABLE_EDGE)
        marks = [*page.chars, *page.rects, *page.lines, *(c for c in page.curves if c["x1"] > c["x0"])]
        problems += [
            f"page {page.page_number}: {mark.get('text', mark['object_type'])!r} too near the edge"
            for mark in marks
            if not _inside(Box.of(mark), area)
        ]
    return problems


def _inside(box: Box, area: Box) -> bool:
    return area.x0 <= box.x0 and box.x1 <= area.x1 and area.top <= box.top and box.bottom <= area.bottom


def _no_word_over_another(printed: Printed) -> list[str]:
    problems = []
    for page in printed.pages:
        words = sorted(page.extract_words(), key=lambda word: word["top"])
        problems += [
            f"page {page.page_number}: {first['text']!r} printed over {second['text']!r}"
            for index, first in enumerate(words)
            for second in _below_and_level(words, index)
            if Box.of(first).overlaps(Box.of(second))
        ]
    return problems


def _below_and_level(words: Sequence[dict[str, Any]], index: int) -> Iterable[dict[str, Any]]:
    """The words after ``words[index]`` (sorted by top) that start above its bottom: the only ones it can touch."""
    for other in words[index + 1 :]:
        if other["top"] >= words[index]["bottom"]:
            return
        yield other


def _figure_views(page: Any) -> list[Box]:
    """Each view's silhouette as printed: skin-coloured shapes, grouped left to right where a gap separates them."""
    skins = sorted(
        (Box.of(curve) for curve in page.curves if is_colour(curve["non_stroking_color"], handout.SKIN)),
        key=lambda box: box.x0,
    )
    views: list[list[Box]] = []
    for box in skins:
        if views and box.x0 <= max(b.x1 for b in views[-1]):
            views[-1].append(box)
        else:
            views.append([box])
    return [Box.around(view) for view in views]


def _svg_silhouette(view: str) -> Box:
    root = ET.parse(handout.ASSETS_DIR / f"body_{view}.svg").getroot()
    points = [
        point
        for element in root.iter()
        if element.get("class") == "silhouette"
        for polygon in handout._polygons(element.get("d", ""))
        for point in polygon
    ]
    return Box(
        min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points), max(y for _, y in points)
    )


def _figure_in_proportion_side_by_side(printed: Printed) -> list[str]:
    views = printed.content.picture.views
    boxes = _figure_views(printed.pages[0])
    if len(boxes) != len(views):
        return [f"{len(boxes)} figures printed for the views {views}"]
    problems, scales = [], []
    for box, view in zip(boxes, views, strict=True):
        drawn = _svg_silhouette(view)
        scale_x, scale_y = (
            (box.x1 - box.x0) / (drawn.x1 - drawn.x0),
            (box.bottom - box.top) / (drawn.bottom - drawn.top),
        )
        if abs(scale_x / scale_y - 1) > 0.01:
            problems.append(f"the {view} view is stretched: {scale_x:.3f} across, {scale_y:.3f} down")
        scales.append(scale_x)
    if max(scales) / min(scales) > 1.01:
        problems.append(f"the views are printed at different sizes: {scales}")
    if max(box.top for box in boxes) - min(box.top for box in boxes) > 0.5:
        problems.append("the views' tops are not in line")
    if not all(left.x1 < right.x0 for left, right in itertools.pairwise(boxes)):
        problems.append("the views overlap")
    return problems


def _figure_labels(views: Sequence[str]) -> set[str]:
    """The words the figure itself prints (under the feet, beside the soles)."""
    words = set()
    for view in views:
        root = ET.parse(handout.ASSETS_DIR / f"body_{view}.svg").getroot()
        texts = ["".join(element.itertext()) for element in root.iter() if element.tag.endswith("}text")]
        words |= {word for text in texts for word in text.split()}
    return words


def _no_text_over_the_figure(printed: Printed) -> list[str]:
    page = printed.pages[0]
    figure = Box.around(_figure_views(page))
    over = {word["text"] for word in page.extract_words() if Box.of(word).overlaps(figure, by=0)}
    stray = over - _figure_labels(printed.content.picture.views)
    return [f"{word!r} printed over the figure" for word in sorted(stray)] + ([] if over else ["no figure labels"])


def _no_letter_too_small(printed: Printed) -> list[str]:
    small = {
        (char["text"], round(char["size"], 1))
        for page in printed.pages
        for char in page.chars
        if char["size"] < SMALLEST_PRINT - 0.05
    }
    return [f"{text!r} at {size} pt" for text, size in sorted(small)]


def _no_shape_filled_black(printed: Printed) -> list[str]:
    """Nothing on the handout is filled black: a shape that is, lost its colour (the app's CSS does not reach a PDF)."""
    return [
        f"page {page.page_number}: a black shape at {Box.of(curve)}"
        for page in printed.pages
        for curve in (*page.curves, *page.rects)
        if curve["fill"] and is_colour(curve["non_stroking_color"], "#000000")
    ]


def _every_letter_reads(printed: Printed) -> list[str]:
    faint = set()
    for page in printed.pages:
        fills = [
            (Box.of(rect), rect["non_stroking_color"]) for rect in page.rects if rect["fill"] and rect["width"] > 5
        ]
        for char in page.chars:
            centre = ((char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2)
            ground = next((colour for box, colour in reversed(fills) if box.holds(*centre)), WHITE)
            ratio = contrast(char["non_stroking_color"], ground)
            if ratio < TEXT_CONTRAST:
                faint.add(f"page {page.page_number}: {char['non_stroking_color']} on {ground}: {ratio:.2f}:1")
    return sorted(faint)


def _emergency_box_holds_its_text_only(printed: Printed) -> list[str]:
    notice = printed.content.emergency
    call = f"{handout.CALL_WORDS} {printed.content.emergency_number}"
    expected = notice.title + call + notice.plain_text + handout._marks(printed.content, notice.source_ids)
    page = printed.pages[0]
    box = _emergency_box(page)
    inside = "".join(char["text"] for char in page.chars if Box.of(char).overlaps(box, by=0))
    cut = [
        char["text"]
        for char in page.chars
        if box.holds(char["x0"], char["top"]) != box.holds(char["x1"], char["bottom"])
    ]
    problems = [f"letters cut by the emergency box's edge: {cut}"] if cut else []
    return problems + ([] if _squash(inside) == _squash(expected) else [f"the emergency box holds {inside!r}"])


def _no_heading_alone_at_a_page_foot(printed: Printed) -> list[str]:
    content = printed.content
    headings = {
        _squash(h) for h in (content.summary_heading, handout.SOURCES_HEADING, *(s.heading for s in content.sections))
    }
    problems = []
    for page in printed.pages[:-1]:
        lines = [line for line in page.extract_text_lines() if not line["text"].startswith("bodymap:")]
        if _squash(lines[-1]["text"]) in headings:
            problems.append(f"page {page.page_number} ends with the heading {lines[-1]['text']!r}")
    return problems


def _footer_in_line_under_everything(printed: Printed) -> list[str]:
    problems = []
    for page in printed.pages:
        lines = page.extract_text_lines()
        footer, others = lines[-1], lines[:-1]
        if not (footer["text"].startswith("bodymap:") and footer["text"].endswith(f"of {len(printed.pages)}")):
            problems.append(f"page {page.page_number}: the last line is {footer['text']!r}, not the footer")
        # In line with the text: fpdf2 centred "{nb}" before it became the page count, so a centred one sat 4 pt off.
        if abs(footer["x0"] - TEXT_START) > 0.5:
            problems.append(f"page {page.page_number}: the footer starts at {footer['x0']:.1f} pt")
        if not all(line["bottom"] < footer["top"] for line in others):
            problems.append(f"page {page.page_number}: text under the footer")
    return problems


CHECKS: tuple[Check, ...] = (
    _inside_the_printable_area,
    _no_word_over_another,
    _figure_in_proportion_side_by_side,
    _no_text_over_the_figure,
    _no_letter_too_small,
    _no_shape_filled_black,
    _every_letter_reads,
    _emergency_box_holds_its_text_only,
    _no_heading_alone_at_a_page_foot,
    _footer_in_line_under_everything,
)


@pytest.mark.parametrize(("region_id", "muscle_id", "sources_url"), CASES)
def test_the_printed_pages_are_laid_out_for_reading(
    dataset: Dataset, region_id: str | None, muscle_id: str | None, sources_url: str | None
) -> None:
    """Every check on one build of the PDF (building and reading one back takes about 2 s), each problem named."""
    _assert_laid_out_for_reading(handout_content(dataset, region_id, muscle_id, sources_url))


@pytest.mark.parametrize("areas", [("temple:right", "lateral_epicondyle:left"), ("calf:left",)])
def test_a_where_it_hurts_handout_is_laid_out_for_reading(dataset: Dataset, areas: tuple[str, ...]) -> None:
    choices = [choice for area in areas if (choice := parse_choice(area))]
    _assert_laid_out_for_reading(handout.where_handout_content(dataset, choices, APP_URL))


def _assert_laid_out_for_reading(content: handout.Handout) -> None:
    with pdfplumber.open(io.BytesIO(handout.render_pdf(content))) as pdf:
        printed = Printed(content, pdf.pages)
        problems = {check.__name__: found for check in CHECKS if (found := check(printed))}
    assert problems == {}


def test_a_heading_near_the_foot_of_a_page_starts_the_next_page() -> None:
    pdf = handout._HandoutPdf("footer")
    pdf.add_page()
    pdf.set_y(pdf.page_break_trigger - 20)  # room for the heading itself, not for a line under it
    handout._heading(pdf, "A heading")
    assert pdf.page_no() == 2 and pdf.get_y() < 40
    pdf.set_y(pdf.page_break_trigger - 30)
    handout._heading(pdf, "Another")
    assert pdf.page_no() == 2


def test_the_layout_checks_find_what_they_look_for(dataset: Dataset) -> None:
    """Each check fails on a page that breaks it, so a check that cannot fail does not pass for one that holds."""
    content = handout_content(dataset, "neck")
    crowded = dataclasses.replace(content, title=content.title + " " + "long words " * 40)
    with pdfplumber.open(io.BytesIO(handout.render_pdf(content))) as pdf:
        printed = Printed(content, pdf.pages)
        assert _emergency_box_holds_its_text_only(dataclasses.replace(printed, content=crowded)) == []
        other_notice = content.emergency.model_copy(update={"plain_text": "Something else."})
        assert _emergency_box_holds_its_text_only(
            dataclasses.replace(printed, content=dataclasses.replace(content, emergency=other_notice))
        )
        assert _figure_in_proportion_side_by_side(
            dataclasses.replace(
                printed,
                content=dataclasses.replace(content, picture=dataclasses.replace(content.picture, views=("front",))),
            )
        )
        assert _no_text_over_the_figure(
            dataclasses.replace(
                printed, content=dataclasses.replace(content, picture=dataclasses.replace(content.picture, views=()))
            )
        )
