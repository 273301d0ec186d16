"""Patient handouts: a PDF for every region (and muscle pattern), read back with pypdf; nothing partial is printed."""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bodymap import handout
from bodymap.__main__ import main
from bodymap.data import GENERAL_SCOPE, PACKAGED_DATA_DIR, Dataset, load_dataset
from bodymap.handout import (
    ESSENTIAL,
    REQUIRED_HEADINGS,
    SELECTED,
    SPILLOVER,
    HandoutError,
    build_handout,
    handout_content,
    picture_svg,
    render_pdf,
)
from bodymap.lookup import UnknownIdError, muscles_referring_to, region_details, selectable_regions
from bodymap.sides import ZoneChoice, parse_choice
from bodymap.wording import HELP_TIERS, SESSION_TOPIC_TITLES
from tests.colour import is_colour
from tests.conftest import built_once, dev_package

ROOT = Path(__file__).resolve().parent.parent
REGIONS = [region.id for region in selectable_regions(load_dataset(PACKAGED_DATA_DIR))]
SVG = "{http://www.w3.org/2000/svg}"
# Printed from the app, the sources are a QR code to the patient's page: three pages at most. From the command line
# (no web address to point to) the numbered list is printed in full after them, in small print, on at most two more
# pages (the neck's 66 sources start at the foot of page 3 and end on page 5).
MAX_PAGES = 3
MORE_PAGES_FOR_THE_LIST = 2
SOURCES_URL = "http://tablet.local:8501/?region=neck&audience=patient"


@functools.cache
def _page_texts(pdf: bytes) -> tuple[str, tuple[str, ...]]:
    """The title and each page's text as pypdf reads them, read once per PDF: several tests read the same handout,
    and reading one takes longer than building it. Keyed by the PDF's bytes, so a changed handout is read afresh."""
    reader = dev_package("pypdf").PdfReader(io.BytesIO(pdf))
    title = reader.metadata.title if reader.metadata else ""
    return title or "", tuple(page.extract_text() for page in reader.pages)


def _text(pdf: bytes) -> tuple[int, str]:
    """The number of pages and all the text, with whitespace removed so line breaks cannot split a match.

    Each page's footer is taken out, so a paragraph that runs over a page break reads as one.
    """
    title, page_texts = _page_texts(pdf)
    pages = len(page_texts)
    footers = [_squash(f"bodymap: {title}  ·  page {number} of {pages}") for number in range(1, pages + 1)]
    text = "".join(_squash(page).replace(footer, "") for page, footer in zip(page_texts, footers, strict=True))
    return pages, text


def _squash(text: str) -> str:
    """Text without whitespace, in Latin-1 as the handout prints it without DejaVu, so a match does not depend on the
    fonts installed: both the PDF's text and the expected text go through it."""
    latin = text.translate(handout.LATIN1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")
    return re.sub(r"\s+", "", latin)


@built_once
def _built(region_id: str, sources_url: str | None) -> bytes:
    return build_handout(load_dataset(PACKAGED_DATA_DIR), region_id, sources_url=sources_url)


class Handouts(Mapping[str, bytes]):
    """Every region's handout, each built when a test first reads it (see `built_once`)."""

    def __init__(self, sources_url: str | None) -> None:
        self.sources_url = sources_url

    def __getitem__(self, region_id: str) -> bytes:
        if region_id not in REGIONS:
            raise KeyError(region_id)
        return _built(region_id, self.sources_url)

    def __iter__(self) -> Iterator[str]:
        return iter(REGIONS)

    def __len__(self) -> int:
        return len(REGIONS)


@pytest.fixture
def handouts() -> Handouts:
    """The command line's handouts: the sources printed in full."""
    return Handouts(sources_url=None)


@pytest.fixture
def app_handouts() -> Handouts:
    """The app's handouts: the sources as a QR code to the page that lists them."""
    return Handouts(sources_url=SOURCES_URL)


@pytest.mark.parametrize("region_id", REGIONS)
def test_every_region_has_a_complete_handout(dataset: Dataset, app_handouts: Handouts, region_id: str) -> None:
    pdf = app_handouts[region_id]
    assert pdf.startswith(b"%PDF-")
    pages, text = _text(pdf)
    assert 1 <= pages <= MAX_PAGES
    region = dataset.regions[region_id]
    for heading in REQUIRED_HEADINGS:
        assert _squash(heading) in text, heading
    assert _squash(region.name) in text
    assert _squash(region.plain_summary) in text
    # Every red flag of the region and every general one, before treatment and after a session, recomputed here,
    # by its plain title under the tier that says how soon to get help.
    tiers = {
        "emergency": "Call your local emergency number now",
        "urgent": "See a doctor today",
        "soon": "See a doctor soon",
    }
    for flag in dataset.red_flags:
        if flag.scope in (region_id, GENERAL_SCOPE):
            assert _squash(flag.plain_name) in text, flag.id
            tier = text.index(_squash(tiers[flag.urgency]))
            assert tier < text.index(_squash(flag.plain_name), text.index(_squash(handout.WHEN_TO_GET_HELP_HEADING)))
    for question in dataset.before_needling:  # what to tell the therapist before needling: every question asked
        assert (_squash(question.question) in text) == (question.kind == "ask"), question.id
    assert all(_squash(f"{label}:") in text for label in handout.THERAPIST_LINES if label)
    assert not re.search(r"\[\d+(,\d+)*\]", text), "no citation numbers without the list they point to"
    assert _squash(SOURCES_URL) in text
    # Each claim about the region, printed after its verdict.
    verdicts = {"supported": "Supported", "partly_supported": "Partly supported", "not_supported": "Not supported"}
    verdicts["contradicted"] = "Contradicted by the evidence"
    for claim in dataset.claims:
        if region_id in claim.region_ids:
            assert _squash(f"{verdicts[claim.verdict]}: {claim.claim}") in text, claim.id
    for step in dataset.session_steps:
        if step.topic == "aftercare" and step.scope in (region_id, GENERAL_SCOPE):
            assert _squash(step.plain_text) in text, step.id
        if step.topic == "region_note" and step.scope == region_id:
            assert _squash(step.plain_text) in text, step.id
    for notice_id in ("disclaimer", "emergency"):
        notice = dataset.notices[notice_id]
        assert _squash(notice.title) in text and _squash(notice.plain_text) in text


@pytest.mark.parametrize("region_id", REGIONS)
def test_sources_are_numbered_in_full(dataset: Dataset, handouts: Handouts, region_id: str) -> None:
    content = handout_content(dataset, region_id)
    pages, text = _text(handouts[region_id])
    assert pages <= MAX_PAGES + MORE_PAGES_FOR_THE_LIST
    for number, source in enumerate(content.sources, start=1):
        assert _squash(f"{number}. {source.citation}") in text, source.id
    # Every citation mark printed points at a source in the list, and every listed source is cited somewhere.
    marks = {int(n) for group in re.findall(r"\[(\d+(?:,\d+)*)\]", text) for n in group.split(",")}
    assert marks == set(range(1, len(content.sources) + 1))


def test_no_clinical_text_is_printed_that_is_not_in_the_dataset(dataset: Dataset) -> None:
    """The handout's sentences are the dataset's: its clinical columns never appear (patients get plain words)."""
    _, text = _text(build_handout(dataset, "low_back"))
    for flag in dataset.red_flags:
        if flag.scope == "low_back":
            assert _squash(flag.clinical_text) not in text


@pytest.mark.parametrize("muscle_id", ["supinator", "gluteus_minimus", "soleus"])
def test_a_muscle_pattern_handout(dataset: Dataset, muscle_id: str) -> None:
    pages, text = _text(build_handout(dataset, muscle_id=muscle_id, sources_url=SOURCES_URL))
    muscle = dataset.muscles[muscle_id]
    assert 1 <= pages <= MAX_PAGES
    assert _squash(muscle.name) in text and _squash(muscle.plain_description) in text
    assert _squash(dataset.notices["referral_maps"].plain_text) in text
    for heading in REQUIRED_HEADINGS:
        assert _squash(heading) in text


def test_every_muscle_has_handout_content(dataset: Dataset) -> None:
    """Safety information for the muscle's own region, or else for a covered region its pain is referred to."""
    for muscle_id, muscle in dataset.muscles.items():
        content = handout_content(dataset, muscle_id=muscle_id)
        own = dataset.regions[muscle.region_id]
        if own.is_complete:
            assert content.region_name == own.name, muscle_id
        else:
            referred = {dataset.zones[r.zone_id].region_id for r in dataset.referrals if r.muscle_id == muscle_id}
            assert content.region_name in {dataset.regions[region_id].name for region_id in referred}, muscle_id


@pytest.mark.parametrize(
    ("region_id", "muscle_id", "named"),
    [("nek", None, "'nek'"), (None, "solus", "'solus'"), ("neck", "solus", "'solus'"), (None, None, "region id or")],
)
def test_unknown_ids_raise_naming_them(
    dataset: Dataset, region_id: str | None, muscle_id: str | None, named: str
) -> None:
    with pytest.raises(UnknownIdError, match=named):
        build_handout(dataset, region_id, muscle_id)


def test_a_planned_region_gets_no_handout(dataset: Dataset) -> None:
    regions = {**dataset.regions, "knee": dataset.regions["knee"].model_copy(update={"status": "planned"})}
    with pytest.raises(UnknownIdError, match="not a selectable region"):
        build_handout(dataclasses.replace(dataset, regions=regions), "knee")


def test_a_region_without_its_own_red_flags_gets_no_handout(dataset: Dataset) -> None:
    broken = dataclasses.replace(dataset, red_flags=tuple(f for f in dataset.red_flags if f.scope != "elbow"))
    with pytest.raises(HandoutError, match="red flags for Elbow"):
        build_handout(broken, "elbow")


def test_no_handout_without_the_general_after_session_warnings(dataset: Dataset) -> None:
    kept = tuple(f for f in dataset.red_flags if not (f.scope == GENERAL_SCOPE and f.timing == "after_session"))
    with pytest.raises(HandoutError, match="general after-session warnings"):
        build_handout(dataclasses.replace(dataset, red_flags=kept), "neck")


def test_without_dejavu_the_text_is_printed_in_latin_1(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(handout, "FONT_DIR", tmp_path)
    pages, text = _text(build_handout(dataset, "foot"))
    assert pages <= MAX_PAGES + 2  # the built-in font is wider; the words are all there
    assert _squash("Tell your therapist before needling if...") in text
    assert _squash(dataset.notices["disclaimer"].plain_text) in text


def _fills(svg: str) -> dict[tuple[str, str], set[str]]:
    """(zone id, side of the body) -> the fills its shapes were given."""
    fills: dict[tuple[str, str], set[str]] = {}
    for element in ET.fromstring(svg).iter(f"{SVG}path"):
        if element.get("data-zone"):
            key = (element.get("data-zone", ""), element.get("data-side", ""))
            fills.setdefault(key, set()).add(element.get("fill", ""))
    return fills


def test_the_region_picture_highlights_exactly_its_zones(dataset: Dataset) -> None:
    picture = handout_content(dataset, "elbow").picture
    for view in picture.views:
        for (zone_id, _side), fills in _fills(picture_svg(picture, view)).items():
            expected = SELECTED if dataset.zones[zone_id].region_id == "elbow" else handout.ZONE
            assert fills == {expected}, zone_id


def test_the_pattern_picture_draws_zones_hatching_and_trigger_points(dataset: Dataset) -> None:
    picture = handout_content(dataset, muscle_id="gluteus_minimus").picture
    essential = {r.zone_id for r in dataset.referrals if r.muscle_id == "gluteus_minimus" and r.kind == "essential"}
    spillover = {r.zone_id for r in dataset.referrals if r.muscle_id == "gluteus_minimus" and r.kind == "spillover"}
    crosses = 0
    for view in picture.views:
        svg = picture_svg(picture, view)
        for (zone_id, side), fills in _fills(svg).items():
            # Drawn on the person's right (and the midline), where the trigger points are, as in the app.
            expected = handout.ZONE
            if side != "left":
                expected = ESSENTIAL if zone_id in essential else SPILLOVER if zone_id in spillover else handout.ZONE
            assert fills == {expected}, (zone_id, side)
        if any(dataset.zones[zone_id].view == view for zone_id in spillover):
            assert f'stroke="{handout.HATCH}"' in svg
        crosses += svg.count('stroke="#111827"') // 2
    assert crosses == sum(1 for tp in dataset.trigger_points if tp.muscle_id == "gluteus_minimus")


SHAPES = {f"{SVG}{tag}" for tag in ("path", "rect", "circle", "ellipse", "polygon")}


def _unpainted(svg: str) -> list[str]:
    """Shapes with no fill of their own: a PDF's SVG reader ignores the app's CSS and fills them black."""
    return [
        str(shape.attrib)[:80] for shape in ET.fromstring(svg).iter() if shape.tag in SHAPES and not shape.get("fill")
    ]


def _muscles_drawn(svg: str) -> list[tuple[str, str, str, str | None]]:
    """(muscle id, fill, fill opacity, dash) for each muscle outline left in a picture."""
    return [
        (
            shape.get("data-muscle", ""),
            shape.get("fill", ""),
            shape.get("fill-opacity", ""),
            shape.get("stroke-dasharray"),
        )
        for shape in ET.fromstring(svg).iter()
        if shape.get("class") == "muscle"
    ]


def test_a_region_picture_draws_no_muscle_and_leaves_nothing_unpainted(dataset: Dataset) -> None:
    """Every muscle's outline is in the artwork; the handout, which cannot use the app's CSS, must remove them."""
    picture = handout_content(dataset, "shoulder").picture
    for view in picture.views:
        svg = picture_svg(picture, view)
        assert _muscles_drawn(svg) == [] and _unpainted(svg) == []


@pytest.mark.parametrize(("muscle_id", "dash"), [("gluteus_minimus", "4 2.5"), ("upper_trapezius", None)])
def test_a_pattern_picture_draws_its_own_muscle_tinted_and_dashed_when_deep(
    dataset: Dataset, muscle_id: str, dash: str | None
) -> None:
    picture = handout_content(dataset, muscle_id=muscle_id).picture
    assert dataset.muscles[muscle_id].name  # a real muscle
    drawn = [outline for view in picture.views for outline in _muscles_drawn(picture_svg(picture, view))]
    assert drawn and set(drawn) == {(muscle_id, handout.MUSCLE, handout.MUSCLE_OPACITY, dash)}
    assert all(_unpainted(picture_svg(picture, view)) == [] for view in picture.views)


def test_a_trigger_point_is_a_dark_x_on_a_white_halo_centred_on_it() -> None:
    root = ET.Element("svg")
    handout._add_cross(root, handout.Cross(view="front", x=50, y=80))
    (group,) = list(root)
    assert group.attrib == {"stroke-linecap": "round"}
    lines = [line.attrib for line in group]
    mark = handout.MARK
    strokes = [(line["stroke"], line["stroke-width"]) for line in lines]
    assert strokes == [("#ffffff", "6")] * 2 + [("#111827", "3")] * 2  # the halo first, the cross over it
    for line in lines:
        x1, y1, x2, y2 = (float(line[key]) for key in ("x1", "y1", "x2", "y2"))
        assert ((x1 + x2) / 2, (y1 + y2) / 2) == (50, 80)
        assert abs(x2 - x1) == abs(y2 - y1) == 2 * mark
    slopes = {(float(line["y2"]) - float(line["y1"])) / (float(line["x2"]) - float(line["x1"])) for line in lines}
    assert slopes == {1.0, -1.0}  # the two strokes of an X


def test_paths_are_flattened_for_hatching() -> None:
    (square,) = handout._polygons("M0 0 L10 0 L10 10 L0 10 Z")
    assert square == [(0, 0), (10, 0), (10, 10), (0, 10)]
    (relative,) = handout._polygons("m0 0 h10 v10 h-10 z")
    assert relative == square
    (curve,) = handout._polygons("M0 0 C0 10 10 10 10 0 Z")
    assert curve[-1] == (10, 0) and len(curve) == 1 + handout.CURVE_STEPS
    assert sorted(handout._crossings(square, 0)) == [0, 10]  # the diagonal y = x enters and leaves the square


def test_cli_writes_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "neck.pdf"
    assert main(["handout", "neck", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert "neck.pdf" in capsys.readouterr().out
    muscle = tmp_path / "supinator.pdf"
    assert main(["handout", "--muscle", "supinator", "-o", str(muscle)]) == 0
    assert muscle.read_bytes().startswith(b"%PDF-")


def test_cli_writes_the_handout_of_where_it_hurts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "where.pdf"
    assert main(["handout", "--zones", "temple:right, lateral_epicondyle:left", "-o", str(target)]) == 0
    _, text = _text(target.read_bytes())
    assert _squash("You chose: Temple (your right), Outer elbow (lateral epicondyle) (your left).") in text
    assert main(["handout", "neck", "--zones", "temple", "-o", str(target)]) == 2
    assert "not both" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["nek"], ["--muscle", "solus"], ["neck", "--muscle", "solus"], [], ["--zones", "templ"], ["--zones", "temple:up"]],
)
def test_cli_exits_2_for_unknown_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    target = tmp_path / "out.pdf"
    assert main(["handout", *args, "-o", str(target)]) == 2
    assert not target.exists()
    assert "Region ids: " in capsys.readouterr().err


def test_cli_as_a_module(tmp_path: Path) -> None:
    target = tmp_path / "foot.pdf"
    command = [sys.executable, "-m", "bodymap", "handout", "foot", "-o", str(target)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        # relative lines, H and V, from a start away from the origin, so every offset counts
        ("M5 7 l3 4 h2 v-1 L1 1 Z", [[(5, 7), (8, 11), (10, 11), (10, 10), (1, 1)]]),
        ("M5 7 H9 V2 Z", [[(5, 7), (9, 7), (9, 2)]]),
        # pairs after a move are lines, absolute or relative
        ("M1 2 3 4 5 6", [[(1, 2), (3, 4), (5, 6)]]),
        ("m1 2 3 4 1 1", [[(1, 2), (4, 6), (5, 7)]]),
        # several subpaths; after Z the pen is back at the subpath's start, where a relative move begins
        ("M2 3 L4 3 L4 5 Z m1 1 l1 0 l0 1 z", [[(2, 3), (4, 3), (4, 5)], [(3, 4), (4, 4), (4, 5)]]),
        ("M0 0 L1 0 M5 5 L6 5", [[(0, 0), (1, 0)], [(5, 5), (6, 5)]]),
        ("", []),
    ],
)
def test_path_commands_are_read_as_svg_defines_them(d: str, expected: list[list[tuple[float, float]]]) -> None:
    assert handout._polygons(d) == expected


def test_a_relative_curve_is_offset_from_the_pen() -> None:
    (curve,) = handout._polygons("M10 30 c0 10 10 10 10 0")  # x and y of the pen differ, so each offset counts
    steps = handout.CURVE_STEPS
    assert curve[0] == (10, 30) and curve[-1] == (20, 30) and len(curve) == 1 + steps
    # the curve's middle, from its control points (10, 40) and (20, 40): x 15, y 30 + 10 * 3/4
    assert curve[steps // 2] == pytest.approx((15, 37.5))


def test_a_line_after_a_closed_subpath_starts_from_its_start() -> None:
    (first, second) = handout._polygons("M2 3 L6 3 L6 7 Z L9 9")
    assert first == [(2, 3), (6, 3), (6, 7)] and second == [(9, 9)]


def test_hatch_lines_cross_a_square_where_geometry_says() -> None:
    """The hatching of spillover zones: lines y = x - offset, clipped to the zone."""
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert sorted(handout._crossings(square, 4)) == pytest.approx([4, 10])  # enters at (4, 0), leaves at (10, 6)
    assert sorted(handout._crossings(square, -4)) == pytest.approx([0, 6])  # enters at (0, 4), leaves at (6, 10)
    assert handout._crossings(square, 12) == []


def test_an_unsupported_path_command_is_named() -> None:
    with pytest.raises(ValueError, match="unsupported path command 'A'"):
        handout._polygons("M0 0 A 1 1 0 0 0 1 1")


# The print design, in points: large enough to read at arm's length, the title and the emergency box first.
# Clear print: 12 pt body, 15 pt headings, the number to call at 16 pt (issue 15).
TYPE_SIZES = {
    "title": 18.0,
    "emergency_number": 16.0,
    "heading": 15.0,
    "emergency_title": 13.0,
    "body": 12.0,
    "caption": 9.0,
    "figure": 7.0,
}


def _spans(pdf: bytes, page: int = 0) -> list[tuple[str, float, bool]]:
    """(text, size in points, bold) for each run of text on a page, as the PDF draws it."""
    reader = dev_package("pypdf").PdfReader(io.BytesIO(pdf))
    spans: list[tuple[str, float, bool]] = []

    def visit(text: str, _cm: list, tm: list, font: dict | None, size: float) -> None:
        if text.strip():
            spans.append((text.strip(), round(size * tm[0], 1), "Bold" in str((font or {}).get("/BaseFont"))))

    reader.pages[page].extract_text(visitor_text=visit)
    return spans


def test_the_handout_prints_its_title_headings_and_emergency_box_at_their_sizes(
    dataset: Dataset, handouts: Handouts
) -> None:
    reader = dev_package("pypdf").PdfReader(io.BytesIO(handouts["neck"]))
    content = handout_content(dataset, "neck")
    assert (reader.metadata.title, reader.metadata.author) == (content.title, "bodymap")
    spans = _spans(handouts["neck"])
    size_of = {text: (size, bold) for text, size, bold in spans}
    assert spans[0] == (spans[0][0], TYPE_SIZES["title"], True) and content.title.startswith(spans[0][0][:20])
    assert size_of[dataset.notices["emergency"].title] == (TYPE_SIZES["emergency_title"], True)
    assert size_of["About this area"] == (TYPE_SIZES["heading"], True)
    running_text = [(text, size) for text, size, bold in spans if not bold and len(text) > 40]
    body = [size for text, size in running_text if not text.startswith(("[", "bodymap: "))]  # not marks or footer
    assert body and min(body) >= TYPE_SIZES["caption"] and TYPE_SIZES["body"] in body
    assert min(size for text, size, _ in spans) >= TYPE_SIZES["figure"]


def test_the_emergency_box_is_filled_and_framed_in_red(handouts: Handouts) -> None:
    reader = dev_package("pypdf").PdfReader(io.BytesIO(handouts["neck"]))
    drawing = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert "0.9922 0.9098 0.9098 rg" in drawing  # the pale red fill (#fde8e8)
    assert "0.7255 0.1098 0.1098 RG" in drawing  # the red frame (#b91c1c)


def test_every_page_says_what_it_is_and_which_page_of_how_many(handouts: Handouts) -> None:
    """A page that comes loose from the others still says whose guide it is."""
    reader = dev_package("pypdf").PdfReader(io.BytesIO(handouts["shoulder"]))
    pages = len(reader.pages)
    assert pages >= 2
    for number in range(1, pages + 1):
        footer = f"bodymap: {reader.metadata.title}  ·  page {number} of {pages}"
        assert [(text, size) for text, size, _ in _spans(handouts["shoulder"], number - 1) if text == footer] == [
            (footer, TYPE_SIZES["caption"])
        ]


# --- written from the handout's mutation survivors (docs/mutation.md) ---------------------------------------------


def test_a_pattern_picture_says_how_to_read_it_and_whose_safety_it_carries(dataset: Dataset) -> None:
    content = handout_content(dataset, muscle_id="supinator")
    assert content.picture.caption == (
        "Shown on the right side; it can happen on either side. Solid: the main areas of pain. Hatched: where it "
        f"sometimes spreads. X: the trigger points. The safety information is for: {content.region_name}."
    )


def test_a_pattern_picture_shows_the_view_of_its_trigger_points_even_without_zones_there(dataset: Dataset) -> None:
    """Abductor digiti minimi (hand) is felt at the back of the hand but its trigger point is on the palm side."""
    pattern_views = handout_content(dataset, muscle_id="abductor_digiti_minimi_hand").picture.views
    assert pattern_views == ("front", "back")


def test_a_region_picture_shows_exactly_the_views_its_zones_are_on(dataset: Dataset) -> None:
    for region_id in REGIONS:
        zone_views = {zone.view for zone in dataset.zones.values() if zone.region_id == region_id}
        views = handout_content(dataset, region_id).picture.views
        assert views == tuple(view for view in ("front", "back") if view in zone_views), region_id


def test_clinic_claims_print_as_claims(dataset: Dataset) -> None:
    region_id = next(r for r in REGIONS if any(r in claim.region_ids for claim in dataset.claims))
    (claims,) = [s for s in handout_content(dataset, region_id).sections if s.heading == handout.CLAIMS_HEADING]
    assert claims.entries and {entry.kind for entry in claims.entries} == {handout.CLAIM_KIND}


def test_a_muscle_linked_with_no_covered_region_is_refused_by_name(dataset: Dataset) -> None:
    regions = {rid: region.model_copy(update={"status": "planned"}) for rid, region in dataset.regions.items()}
    with pytest.raises(HandoutError) as refused:
        handout._region_for_muscle(dataclasses.replace(dataset, regions=regions), "supinator")
    assert str(refused.value) == "muscle 'supinator' is not linked with a covered region; give a region id as well"


def test_a_path_must_start_with_a_command_and_a_line_may_start_it() -> None:
    with pytest.raises(ValueError, match="unsupported path command ''"):
        handout._polygons("0 0 L 1 1")
    assert handout._polygons("L 1 1 L 2 1 Z") == [[(1.0, 1.0), (2.0, 1.0)]]


def test_a_trigger_point_s_x_is_an_svg_group() -> None:
    root = ET.Element(f"{SVG}svg")
    handout._add_cross(root, handout.Cross(view="front", x=1, y=2))
    assert [child.tag for child in root] == [f"{SVG}g"]


@pytest.mark.parametrize(("setting", "printed"), [("112", "Call 112"), ("", "Call your local emergency number")])
def test_the_emergency_box_gives_the_number_to_call_in_large_print(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch, setting: str, printed: str
) -> None:
    monkeypatch.setenv("BODYMAP_EMERGENCY_NUMBER", setting)
    pdf = build_handout(dataset, "neck")
    large = [text for text, size, bold in _spans(pdf) if size == TYPE_SIZES["emergency_number"] and bold]
    assert " ".join(large) == printed  # the only print that size, on one line or two


def test_the_therapist_box_is_whole_on_one_page_with_a_line_for_each_thing_to_fill_in(
    app_handouts: Handouts,
) -> None:
    """Name, phone, date, muscles treated, exercises (two lines) and next visit: written in by hand at the chair."""
    pdfplumber = dev_package("pdfplumber")
    for region_id, pdf in app_handouts.items():
        holding = [number for number, text in enumerate(_page_texts(pdf)[1]) if "Name:" in text]
        assert len(holding) == 1, region_id
        with pdfplumber.open(io.BytesIO(pdf), pages=[holding[0] + 1]) as document:
            page = document.pages[0]
            words = page.extract_words()
            labels = [w for w in words if w["text"] in {"Name:", "Phone:", "Date:", "treated:", "Exercises:", "visit:"}]
            assert len(labels) == 6, region_id
            rules = [
                line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5 and line["x1"] - line["x0"] > 300
            ]
            assert len(rules) == len(handout.THERAPIST_LINES), region_id
            box = max(page.rects, key=lambda rect: rect["width"] * rect["height"])
            assert all(box["top"] <= rule["top"] <= box["bottom"] for rule in rules), region_id
            for label in labels:  # the line to write on starts after its label, not under it
                under = [rule for rule in rules if label["top"] <= rule["top"] <= label["bottom"] + 3]
                assert len(under) == 1 and under[0]["x0"] >= label["x1"], (region_id, label["text"])


# --- built in the test's own body -----------------------------------------------------------------------------------
# mutmut links a test to the code it ran while the test ran; the module fixtures above build their PDFs once, inside
# whichever test came first, so the layout code they run is tested by no test that mutmut knows of. These build their
# own (docs/mutation.md, "a trap found on the way").

MM = 72 / 25.4  # PDF points per millimetre


def _page_image(pdf: bytes, page_number: int) -> Any:
    pdfplumber = dev_package("pdfplumber")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return document.pages[page_number].to_image(resolution=200).original.convert("L")


def test_the_app_handout_links_its_sources_by_a_qr_code_beside_one_line(dataset: Dataset) -> None:
    pdf = build_handout(dataset, "neck", sources_url=SOURCES_URL)
    content = handout_content(dataset, "neck", sources_url=SOURCES_URL)
    pdfplumber, zxingcpp = dev_package("pdfplumber"), dev_package("zxingcpp")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page_number, page = next((n, p) for n, p in enumerate(document.pages) if "Scan the code" in p.extract_text())
        words = page.extract_words(extra_attrs=["size", "non_stroking_color"])
        heading = next(w for w in words if w["text"] == handout.SOURCES_HEADING)
        # The QR code (drawn as filled squares on its white quiet zone) at the left margin, beside the heading.
        band = (heading["top"] - 5 * MM, heading["top"] + (handout.QR_SIZE + 5) * MM)
        squares = [r for r in page.rects if band[0] < r["top"] < band[1] and r["x1"] < heading["x0"] and r["fill"]]
        left, top = min(r["x0"] for r in squares), min(r["top"] for r in squares)
        right, bottom = max(r["x1"] for r in squares), max(r["bottom"] for r in squares)
        assert left / MM == pytest.approx(handout.MARGIN, abs=0.2)
        assert ((right - left) / MM, (bottom - top) / MM) == pytest.approx((handout.QR_SIZE, handout.QR_SIZE), abs=0.2)
        cell_padding = 1  # mm: fpdf2's c_margin, before the first letter of a written line
        assert heading["x0"] / MM == pytest.approx(handout.MARGIN + handout.QR_SIZE + 4 + cell_padding, abs=0.3)
        assert top - 1 * MM < heading["top"] < top + 4 * MM  # the heading level with the code's top
        line = [w for w in words if w["top"] > heading["bottom"] and w["x0"] > right and w["top"] < bottom]
        assert line[0]["x0"] == pytest.approx(heading["x0"], abs=0.3 * MM)
        printed = " ".join(w["text"] for w in line)
    expected = handout.SOURCES_LINE.format(count=len(content.sources))
    assert printed.startswith(f"{expected} {SOURCES_URL}")
    url = next(w for w in line if w["text"].startswith("http"))
    assert url["size"] == pytest.approx(TYPE_SIZES["caption"], abs=0.1) and _is_blue(url["non_stroking_color"])
    found = [result.text for result in zxingcpp.read_barcodes(_page_image(pdf, page_number))]
    assert found == [SOURCES_URL]


def _is_blue(colour: Any) -> bool:
    return tuple(round(c, 2) for c in colour) == (0.11, 0.31, 0.85)  # #1d4ed8


def test_the_command_line_handout_lists_every_source_with_its_doi_in_three_columns(dataset: Dataset) -> None:
    pdf = build_handout(dataset, "elbow")
    content = handout_content(dataset, "elbow")
    _, text = _text(pdf)
    listed = text[text.rindex(_squash(handout.SOURCES_HEADING)) :]
    for number, source in enumerate(content.sources, start=1):
        where = f" {source.doi_or_url}" if source.doi_or_url else ""
        assert _squash(f"{number}. {source.citation}{where}") in listed, source.id
    assert "None" not in listed
    pdfplumber = dev_package("pdfplumber")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = next(p for p in document.pages if "1. " in p.extract_text() and "Name:" not in p.extract_text())
        small = [c for c in page.chars if round(c["size"], 1) == TYPE_SIZES["figure"]]
    # Where the runs of text start: a run ends where the next letter on its line is more than 3 mm away.
    starts = set()
    for top in {round(c["top"]) for c in small}:
        line = sorted((c for c in small if round(c["top"]) == top), key=lambda c: c["x0"])
        starts |= {round(c["x0"] / MM) for i, c in enumerate(line) if i == 0 or c["x0"] - line[i - 1]["x1"] > 3 * MM}
    ordered = sorted(starts)
    columns = [x for index, x in enumerate(ordered) if index == 0 or x - ordered[index - 1] > 2]
    assert len(columns) == 3, f"column starts (mm): {columns}"


def test_the_title_and_the_disclaimer_open_the_handout_at_their_sizes(dataset: Dataset) -> None:
    pdf = build_handout(dataset, "knee")
    content = handout_content(dataset, "knee")
    reader = dev_package("pypdf").PdfReader(io.BytesIO(pdf))
    assert (reader.metadata.title, reader.metadata.author) == (content.title, "bodymap")
    spans = _spans(pdf)
    assert spans[0] == (content.title, TYPE_SIZES["title"], True)
    disclaimer = dataset.notices["disclaimer"]
    assert spans[1] == (f"{disclaimer.title}.", TYPE_SIZES["caption"], True)
    assert spans[2][1:] == (TYPE_SIZES["caption"], False) and disclaimer.plain_text.startswith(spans[2][0][:30])


def _reading_order(content: handout.Handout) -> list[str]:
    """Everything a handout should print, in the order a reader meets it, recomputed from its content: the title and
    disclaimer; each view's labels and name; the summary, caption and emergency box beside the figure; each section
    in its style; the therapist's lines; the sources, as a link or listed in full."""

    def marks(source_ids: tuple[str, ...]) -> str:
        numbers = sorted({content.source_number(source_id) for source_id in source_ids})
        return "" if content.sources_url or not numbers else f" [{', '.join(map(str, numbers))}]"

    printed = [content.title, f"{content.disclaimer.title}. {content.disclaimer.plain_text}"]
    for view in content.picture.views:
        labels = ET.fromstring(picture_svg(content.picture, view)).iter(f"{SVG}text")
        printed += ["".join(label.itertext()) for label in labels] + [view.upper()]
    printed += [content.summary_heading, *(entry.text + marks(entry.source_ids) for entry in content.summary)]
    printed += [content.picture.caption, content.emergency.title, f"Call {content.emergency_number}"]
    printed.append(content.emergency.plain_text + marks(content.emergency.source_ids))
    for section in content.sections:
        printed += [section.heading, section.lead]
        if section.style == "list":
            printed += [f"•  {entry.text}{marks(entry.source_ids)}" for entry in section.entries]
        elif section.style == "tiers":
            for urgency, words in HELP_TIERS.items():
                signs = [entry for entry in section.entries if entry.kind == urgency]
                if signs:
                    printed.append(words.format(number=content.emergency_number) + handout.HELP_TIER_ENDINGS[urgency])
                    printed += [f"•  {sign.title}{marks(sign.source_ids)}" for sign in signs]
        elif section.style == "claims":
            printed += [f"{claim.title} {claim.text}{marks(claim.source_ids)}" for claim in section.entries]
        else:
            for topic, entries in itertools.groupby(section.entries, key=lambda entry: entry.kind):
                texts = " ".join(entry.text + marks(entry.source_ids) for entry in entries)
                printed.append(f"{SESSION_TOPIC_TITLES[topic]}: {texts}")
    if content.patterns:
        printed += [handout.PATTERNS_HEADING, handout.PATTERNS_LEAD]
        for figure in content.patterns:  # each close-up's view named over it (a close-up has no labels of its own)
            printed += [*(view.upper() for view, _ in figure.frames), figure.plain_name]
            printed.append(figure.name + marks(figure.source_ids))
    printed += [handout.THERAPIST_HEADING, *(f"{label}:" for label in handout.THERAPIST_LINES if label)]
    printed.append(handout.SOURCES_HEADING)
    if content.sources_url:
        return [*printed, handout.SOURCES_LINE.format(count=len(content.sources)), content.sources_url]
    for number, source in enumerate(content.sources, start=1):
        printed.append(f"{number}. {source.citation}" + (f" {source.doi_or_url}" if source.doi_or_url else ""))
    return printed


@pytest.mark.parametrize(
    ("region_id", "muscle_id", "sources_url"),
    [("neck", None, SOURCES_URL), ("low_back", None, None), ("foot", None, None), (None, "supinator", SOURCES_URL)],
)
def test_the_handout_prints_its_content_in_reading_order_and_nothing_else(
    dataset: Dataset, region_id: str | None, muscle_id: str | None, sources_url: str | None
) -> None:
    """Read back, the PDF's text is exactly what its content says, in order: nothing dropped, nothing added."""
    content = handout_content(dataset, region_id, muscle_id, sources_url=sources_url)
    _, text = _text(render_pdf(content))
    assert text == _squash("".join(_reading_order(content)))


def _inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    """Even-odd ray casting: is the point inside the polygon?"""
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def _hatch_strokes(svg: str) -> list[tuple[float, float, float, float]]:
    """The hatching's line segments (x1, y1, x2, y2), read from the one path drawn in the hatch colour."""
    (hatch,) = [path for path in ET.fromstring(svg).iter(f"{SVG}path") if path.get("stroke") == handout.HATCH]
    assert hatch.get("fill") == "none" and float(hatch.get("stroke-width", "0")) >= 1  # lines, thick enough to print
    number = r"(-?[\d.]+)"
    strokes = re.findall(rf"M{number} {number}L{number} {number}", hatch.get("d", ""))
    assert "".join(f"M{a} {b}L{c} {d}" for a, b, c, d in strokes) == hatch.get("d")  # nothing but strokes
    return [tuple(float(value) for value in stroke) for stroke in strokes]  # type: ignore[misc]


@pytest.mark.parametrize("muscle_id", ["gluteus_minimus", "upper_trapezius", "temporalis", "infraspinatus"])
def test_spillover_zones_are_hatched_edge_to_edge_and_x_marks_sit_on_their_own_view(
    dataset: Dataset, muscle_id: str
) -> None:
    """Each hatch line runs at 45 degrees, one every HATCH_SPACING, inside a spillover zone; every spillover zone on
    the pattern's side is crossed by as many lines as its diagonal width holds; each X is where its point is."""
    picture = handout_content(dataset, muscle_id=muscle_id).picture
    for view in picture.views:
        svg = picture_svg(picture, view)
        zones = [
            polygon
            for shape in ET.fromstring(svg).iter(f"{SVG}path")
            if shape.get("class") == "zone" and shape.get("fill") == SPILLOVER
            for polygon in handout._polygons(shape.get("d", ""))
        ]
        if zones:
            strokes = _hatch_strokes(svg)
            for x1, y1, x2, y2 in strokes:
                assert x2 >= x1 and x2 - x1 == pytest.approx(y2 - y1, abs=0.15)  # 45 degrees, left to right
                # On the lines x - y = offset, offset from -VIEWBOX_HEIGHT in steps of HATCH_SPACING.
                phase = (x1 - y1 + handout.VIEWBOX_HEIGHT) % handout.HATCH_SPACING
                assert min(phase, handout.HATCH_SPACING - phase) == pytest.approx(0, abs=0.15), (x1, y1)
                touching = x2 - x1 < 0.2  # a line that only grazes a corner
                assert touching or any(_inside(((x1 + x2) / 2, (y1 + y2) / 2), zone) for zone in zones), (x1, y1)
            for zone in zones:
                diagonals = [x - y for x, y in zone]
                lines = {round(s[0] - s[1]) for s in strokes if any(_inside(p, zone) for p in _along(*s))}
                across = (max(diagonals) - min(diagonals)) / handout.HATCH_SPACING
                assert len(lines) >= across - 2, (view, zone[0])
        else:
            assert f'stroke="{handout.HATCH}"' not in svg
        drawn = sorted(
            tuple(float(line.get(key, "nan")) for key in ("x1", "y1"))
            for group in ET.fromstring(svg).iter(f"{SVG}g")
            if [child.tag for child in group] == [f"{SVG}line"] * 4  # an X: two halo strokes, two dark ones
            for line in list(group)[2:3]  # the first dark stroke: from (x - MARK, y - MARK)
        )
        mark = handout.MARK
        on_view = [cross for cross in picture.trigger_points if cross.view == view]
        expected = sorted((round(cross.x - mark, 2), round(cross.y - mark, 2)) for cross in on_view)
        assert [(round(x, 2), round(y, 2)) for x, y in drawn] == expected, view


def _along(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, float]]:
    """Points a tenth of the way along a segment, ends left out, for asking which zone a line crosses."""
    return [(x1 + (x2 - x1) * t / 10, y1 + (y2 - y1) * t / 10) for t in range(1, 10)]


def _fonts(pdf: bytes, page: int = 0) -> dict[str, tuple[float, str]]:
    """Each run of text on a page (the first of each text) with its size in points and its font's name."""
    reader = dev_package("pypdf").PdfReader(io.BytesIO(pdf))
    runs: dict[str, tuple[float, str]] = {}

    def visit(text: str, _cm: list, tm: list, font: dict | None, size: float) -> None:
        if text.strip():
            runs.setdefault(text.strip(), (round(size * tm[0], 1), str((font or {}).get("/BaseFont"))))

    reader.pages[page].extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("dejavu", [True, False])
def test_each_kind_of_text_prints_in_its_size_and_weight_in_dejavu_if_installed(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dejavu: bool
) -> None:
    """The views' names in small bold, the caption and citation numbers small and regular, the emergency text in
    regular body type; in DejaVu, which prints the dataset's text as written, when it is installed."""
    if not dejavu:
        monkeypatch.setattr(handout, "FONT_DIR", tmp_path)
    elif not all((handout.FONT_DIR / file).is_file() for file in handout.FONT_FILES.values()):
        pytest.fail("DejaVu is not installed: scripts/install installs fonts-dejavu-core")
    content = handout_content(dataset, "neck")
    runs = _fonts(render_pdf(content))
    fonts = {font.split("+")[-1] for _, font in runs.values()} - {"/Helvetica-Bold"}  # and the figure's own labels
    assert fonts == ({"DejaVuSansCondensed", "DejaVuSansCondensedBold"} if dejavu else {"/Helvetica"})
    named = {text: (size, font.endswith("Bold")) for text, (size, font) in runs.items()}
    for view in content.picture.views:
        assert named[view.upper()] == (TYPE_SIZES["caption"], True)
    assert named[content.picture.caption] == (TYPE_SIZES["caption"], False)
    emergency_text = next(text for text in named if content.emergency.plain_text.startswith(text[:30]))
    assert named[emergency_text] == (TYPE_SIZES["body"], False)
    marks = [value for text, value in named.items() if re.fullmatch(r"\[\d+(, \d+)*\]", text)]
    assert marks and set(marks) == {(TYPE_SIZES["caption"], False)}


@pytest.mark.parametrize("region_id", REGIONS)
def test_a_region_handout_draws_its_first_muscles_patterns_each_whole_in_a_close_up(
    dataset: Dataset, region_id: str
) -> None:
    """The first muscles the patient page lists for the region, each with a close-up of every view its pattern is on;
    a close-up holds every zone of the pattern on the right side and every X, whole, and nothing outside it."""
    content = handout_content(dataset, region_id)
    listed = region_details(dataset, region_id, "patient").muscles[: handout.PATTERN_FIGURES]
    assert [(f.name, f.plain_name) for f in content.patterns] == [(m.muscle.name, m.muscle.plain_name) for m in listed]
    for figure in content.patterns:
        pattern = {*figure.picture.essential_zone_ids, *figure.picture.spillover_zone_ids}
        assert [view for view, _ in figure.frames] == list(figure.picture.views)
        for view, frame in figure.frames:
            x, y, width, height = frame
            assert x >= 0 and y >= 0 and x + width <= handout.VIEWBOX_WIDTH and y + height <= handout.VIEWBOX_HEIGHT
            root = ET.fromstring(picture_svg(figure.picture, view, frame))
            assert root.get("viewBox") == " ".join(f"{value:.1f}" for value in frame)
            assert not list(root.iter(f"{SVG}text"))  # the whole view's labels would sit outside the close-up
            for shape in root.iter(f"{SVG}path"):
                for px, py in (point for polygon in handout._polygons(shape.get("d", "")) for point in polygon):
                    assert x - 0.1 <= px <= x + width + 0.1 and y - 0.1 <= py <= y + height + 0.1, shape.attrib
            artwork = ET.parse(handout.ASSETS_DIR / f"body_{view}.svg").getroot()
            drawn = {(shape.get("data-zone"), shape.get("data-side")) for shape in root.iter(f"{SVG}path")}
            for zone in artwork.iter(f"{SVG}path"):
                if zone.get("data-zone") in pattern and zone.get("data-side") != "left":
                    assert (zone.get("data-zone"), zone.get("data-side")) in drawn, (figure.name, zone.get("data-zone"))
                    for px, py in (point for polygon in handout._polygons(zone.get("d", "")) for point in polygon):
                        assert x <= px <= x + width and y <= py <= y + height, (figure.name, zone.get("data-zone"))
            marks = [c for c in figure.picture.trigger_points if c.view == view]
            assert all(x <= c.x - handout.MARK and c.x + handout.MARK <= x + width for c in marks)
            assert all(y <= c.y - handout.MARK and c.y + handout.MARK <= y + height for c in marks)


def test_a_pattern_handout_draws_no_other_muscles() -> None:
    content = handout_content(load_dataset(PACKAGED_DATA_DIR), muscle_id="supinator")
    assert content.patterns == ()


def test_a_shape_is_cut_to_the_frame_along_its_edges() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert sorted(handout._clip(square, (5, 5, 20, 20))) == [(5.0, 5.0), (5.0, 10.0), (10.0, 5.0), (10.0, 10.0)]
    assert handout._clip(square, (-1, -1, 20, 20)) == square  # inside: unchanged
    assert handout._clip(square, (20, 20, 5, 5)) == []  # outside: nothing left
    assert handout._clip(square, (10, 0, 5, 10)) == []  # touching along an edge: no area left


# --- "where does it hurt?": a handout of the answer -------------------------------------------------------------


def _choices(*areas: str) -> list[ZoneChoice]:
    return [choice for area in areas if (choice := parse_choice(area))]


def test_a_where_handout_lists_the_muscles_worth_checking_and_the_safety_of_every_region_its_areas_are_in(
    dataset: Dataset,
) -> None:
    choices = _choices("temple:right", "lateral_epicondyle:left")
    content = handout.where_handout_content(dataset, choices, SOURCES_URL)
    chosen = {"temple", "lateral_epicondyle"}
    ranked = muscles_referring_to(dataset, ["temple", "lateral_epicondyle"])
    matches = content.sections[0]
    assert matches.heading == handout.MATCHES_HEADING
    assert len(matches.entries) == min(len(ranked), handout.MATCHES_SHOWN) > 1
    for entry, match in zip(matches.entries, ranked, strict=False):  # most likely first, in plain words first
        assert entry.text == f"{match.muscle.plain_name}: {match.muscle.name}. {match.zones_in_words(plain=True)}."
        assert "main area" in entry.text.lower() and "essential" not in entry.text.lower()  # the patient's words
        linking = [r for r in dataset.referrals if r.muscle_id == match.muscle.id and r.zone_id in chosen]
        assert set(entry.source_ids) == {source_id for r in linking for source_id in r.source_ids}
    assert [figure.name for figure in content.patterns] == [m.muscle.name for m in ranked[: handout.PATTERN_FIGURES]]
    pages, text = _text(render_pdf(content))
    assert pages <= MAX_PAGES + 1  # two regions' safety sections
    for heading in REQUIRED_HEADINGS:
        assert _squash(heading) in text, heading
    for flag in dataset.red_flags:  # every red flag of both regions and every general one, by its plain title
        if flag.scope in ("head_jaw", "elbow", GENERAL_SCOPE):
            assert _squash(flag.plain_name) in text, flag.id
    assert _squash("You chose: Temple (your right), Outer elbow (lateral epicondyle) (your left).") in text


def test_a_where_handout_shades_each_area_on_the_side_chosen_only(dataset: Dataset) -> None:
    content = handout.where_handout_content(dataset, _choices("temple:right", "sacrum"))
    fills: dict[tuple[str, str], set[str]] = {}
    for view in content.picture.views:
        for key, found in _fills(picture_svg(content.picture, view)).items():
            fills.setdefault(key, set()).update(found)
    assert fills[("temple", "right")] == {SELECTED} and fills[("temple", "left")] == {handout.ZONE}
    sacrum = {colour for (zone_id, _), colours in fills.items() if zone_id == "sacrum" for colour in colours}
    others = {colour for key, colours in fills.items() if key[0] not in ("temple", "sacrum") for colour in colours}
    assert sacrum == {SELECTED} and others == {handout.ZONE}


def test_a_where_handout_takes_a_zone_that_was_cut_up_as_all_its_parts(dataset: Dataset) -> None:
    content = handout.where_handout_content(dataset, _choices("calf:left"))
    parts = dataset.zone_ids_for("calf")
    assert len(parts) > 1 and [choice.zone_id for choice in content.picture.chosen] == list(parts)
    assert {choice.side for choice in content.picture.chosen} == {"left"}


@pytest.mark.parametrize(("areas", "named"), [((), "at least one area"), (("templ:right",), "'templ'")])
def test_a_where_handout_needs_known_areas(dataset: Dataset, areas: tuple[str, ...], named: str) -> None:
    with pytest.raises(UnknownIdError, match=named):
        handout.where_handout_content(dataset, _choices(*areas))


def test_a_where_handout_prints_its_content_in_reading_order_and_nothing_else(dataset: Dataset) -> None:
    content = handout.where_handout_content(dataset, _choices("temple:right", "lateral_epicondyle:left"))
    _, text = _text(render_pdf(content))
    assert text == _squash("".join(_reading_order(content)))


def test_when_to_get_help_heads_the_emergency_signs_in_red_and_the_others_in_amber(dataset: Dataset) -> None:
    """The tier headings as the patient scans them: "Call ... now" in red, "See a doctor ..." in amber."""
    pdfplumber = dev_package("pdfplumber")
    pdf = render_pdf(handout_content(dataset, "neck", sources_url=SOURCES_URL))
    colours: dict[str, set[Any]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        lines = [
            line
            for page in document.pages
            for line in page.extract_text_lines(return_chars=True)
            if line["text"].startswith(("Call your local emergency number now if", "See a doctor"))
        ]
    for line in lines:
        heading = line["text"].split(":")[0]
        colours[heading] = {tuple(char["non_stroking_color"]) for char in line["chars"][: len(heading)]}
    red, amber = _rgb("#991b1b"), _rgb("#92400e")
    assert colours["Call your local emergency number now if you have"] == {red}, colours
    others = [heading for heading in colours if heading.startswith("See a doctor")]
    assert others and all(colours[heading] == {amber} for heading in others), colours


def _rgb(hex_colour: str) -> tuple[float, ...]:
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 4) for i in (1, 3, 5))


def test_the_emergency_box_is_one_pale_red_block_framed_all_round_with_its_title_and_number_in_red(
    dataset: Dataset,
) -> None:
    """Title, number and text each filled, edge to edge with no gap; the red frame closed round all three."""
    pdfplumber = dev_package("pdfplumber")
    content = handout_content(dataset, "neck")
    with pdfplumber.open(io.BytesIO(render_pdf(content))) as document:
        page = document.pages[0]
        pale = [rect for rect in page.rects if is_colour(rect["non_stroking_color"], "#fde8e8")]
        fills = sorted(pale, key=lambda rect: rect["top"])
        red = [line for line in page.lines if is_colour(line["stroking_color"], "#b91c1c")]
        words = page.extract_words(extra_attrs=["non_stroking_color"])
    assert len(fills) == 3 and all(fill["fill"] for fill in fills)  # the title, the number, the text
    left, right, top, bottom = fills[0]["x0"], fills[0]["x1"], fills[0]["top"], fills[-1]["bottom"]
    assert all(abs(f["x0"] - left) < 0.1 and abs(f["x1"] - right) < 0.1 for f in fills)
    assert all(abs(below["top"] - above["bottom"]) < 1.5 for above, below in itertools.pairwise(fills))
    for x in (left, right):  # each side framed from the top of the title to the foot of the text
        upright = [line for line in red if abs(line["x0"] - x) < 0.1 and abs(line["x1"] - x) < 0.1]
        side = sorted((line["top"], line["bottom"]) for line in upright)
        assert side and side[0][0] <= top + 0.1 and side[-1][1] >= bottom - 0.1
        assert all(lower[0] - upper[1] < 1.5 for upper, lower in itertools.pairwise(side))
    across = [line for line in red if abs(line["top"] - line["bottom"]) < 0.1]
    ends = [line for line in across if line["x1"] - line["x0"] > right - left - 1]
    assert sorted(round(line["top"]) for line in ends) == [round(top), round(bottom)]
    in_box = [word for word in words if top <= word["top"] <= bottom]
    in_red = {word["text"] for word in in_box if is_colour(word["non_stroking_color"], "#991b1b")}
    expected = f"{content.emergency.title} {handout.CALL_WORDS} {content.emergency_number}".split()
    assert in_red == set(expected)


def test_what_a_session_is_like_prints_the_first_general_row_of_each_topic_and_every_row_for_the_region(
    dataset: Dataset,
) -> None:
    """Short enough for the page, nothing of the region's own left out (recomputed from the session rows)."""
    (session,) = [s for s in handout_content(dataset, "neck").sections if s.heading == handout.SESSION_HEADING]
    printed = [entry.text for entry in session.entries]
    steps = [step for step in dataset.session_steps if step.topic != "aftercare"]
    firsts: dict[str, str] = {}
    for step in sorted((s for s in steps if s.scope == GENERAL_SCOPE), key=lambda s: s.sort_order):
        firsts.setdefault(step.topic, step.plain_text)
    own = [step.plain_text for step in steps if step.scope == "neck"]
    assert set(printed) == set(firsts.values()) | set(own)
    assert len(printed) == len(set(printed))


def test_the_patterns_drawn_on_a_handout_cite_their_referral_and_trigger_point_rows(dataset: Dataset) -> None:
    content = handout_content(dataset, "elbow")
    listed = {source.id for source in content.sources}
    for figure in content.patterns:
        muscle_id = figure.picture.muscle_id
        rows = [r for r in dataset.referrals if r.muscle_id == muscle_id]
        rows += [p for p in dataset.trigger_points if p.muscle_id == muscle_id]
        assert set(figure.source_ids) == {source_id for row in rows for source_id in row.source_ids} != set()
        assert set(figure.source_ids) <= listed, figure.name
