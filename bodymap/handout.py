"""A patient's take-home handout as a PDF: one region, or one muscle's referral pattern, from the dataset only.

A handout leaves the clinic and is read at home with nobody to ask, so it is all or nothing, like the loader: if a
safety section would be empty, no PDF is made (:class:`HandoutError`). Every sentence comes from the dataset's
plain-language columns (through :func:`bodymap.lookup.region_details` for patients); this module adds only headings,
labels and layout. No Streamlit here: the app's download button and ``python -m bodymap handout`` both call
:func:`build_handout`.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.util import Padding

from bodymap.clinic import emergency_number
from bodymap.data import ENGLISH, VIEWS, Dataset, Notice, Source, View
from bodymap.i18n import N_, _, speaking
from bodymap.lookup import (
    Entry,
    MuscleMatch,
    RegionDetails,
    UnknownIdError,
    muscle_pattern,
    muscles_referring_to,
    region_details,
    sources_for,
)
from bodymap.share import qr_svg
from bodymap.sides import ZoneChoice, zone_ids
from bodymap.wording import HELP_TIERS, SESSION_TOPIC_TITLES, VERDICT_WORDS, VIEW_WORDS

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
# Debian's fonts-dejavu-core: a Unicode font, so the dataset's curly quotes, dashes and "…" print as written. Without it
# the PDF falls back to the built-in Helvetica, which only knows Latin-1, and the text is normalised to fit.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf"}

# Headings and labels: layout words, not clinical statements (those all come from data/).
SUMMARY_HEADING = N_("About this area")
PATTERN_SUMMARY_HEADING = N_("About this muscle")
BEFORE_NEEDLING_HEADING = N_("Tell your therapist before needling if…")
BEFORE_NEEDLING_LEAD = N_("the answer to any of these is yes:")
SESSION_HEADING = N_("What a session is like")
AFTERCARE_HEADING = N_("Aftercare")
WHEN_TO_GET_HELP_HEADING = N_("When to get help")
# After wording.HELP_TIERS' headings.
HELP_TIER_ENDINGS = {"emergency": N_(" if you have:"), "urgent": N_(" for:"), "soon": N_(" for:")}
CLAIMS_HEADING = N_("What you may have read")
CLAIM_KIND = "claim"
THERAPIST_HEADING = N_("Your therapist")
THERAPIST_LINES = (N_("Name"), N_("Phone"), N_("Date"), N_("Muscles treated"), N_("Exercises"), "", N_("Next visit"))
SOURCES_HEADING = N_("Sources")
SAFETY_FOR = N_("The safety information is for: {region}.")
PATTERNS_HEADING = N_("Muscles that can send pain here")
PATTERNS_LEAD = N_(
    "Tender spots in these muscles can send pain to this area. Each is drawn on the right side; it can happen on "
    "either side. Solid: the main areas of pain. Hatched: where it sometimes spreads. X: the trigger points."
)
PATTERN_FIGURES = 3  # the region's first muscles, in the app's order: one row across the page
WHERE_TITLE = N_("Where it hurts: muscles that may send the pain")
WHERE_SUMMARY_HEADING = N_("The areas you chose")
WHERE_CHOSEN = N_("You chose: {areas}.")
WHERE_CAPTION = N_("Shaded dark: the areas you chose, on the side you chose.")
MATCHES_HEADING = N_("Muscles worth checking, most likely first")
MATCHES_SHOWN = 6  # the rest are in the app; a long list would push the safety sections onto a fourth page
CALL_WORDS = N_("Call")
REQUIRED_HEADINGS = (
    BEFORE_NEEDLING_HEADING,
    SESSION_HEADING,
    AFTERCARE_HEADING,
    WHEN_TO_GET_HELP_HEADING,
    THERAPIST_HEADING,
    SOURCES_HEADING,
)

# The body map's colours (bodymap/ui/static/body_map.css), chosen to stay distinct when printed in greyscale: the
# highlighted region and essential zones dark, spillover zones light and hatched, everything else pale.
SKIN, OUTLINE = "#f4f0ea", "#8c8174"
ZONE, ZONE_LINE = "#e6ded2", "#b7ab9b"
SELECTED, SELECTED_LINE = "#1d5f80", "#0b2f40"
ESSENTIAL, ESSENTIAL_LINE = "#c2410c", "#7c2d12"
SPILLOVER, HATCH = "#fbd5c0", "#ea7a45"
MUSCLE, MUSCLE_OPACITY, MUSCLE_LINE = "#78350f", "0.3", "#451a03"
LABEL = "#6b6258"
SVG_NS = "http://www.w3.org/2000/svg"
VIEWBOX_WIDTH, VIEWBOX_HEIGHT = 400, 900
MARK = 9  # half the size of a trigger point X, in viewBox units (as in body_map.js)
HATCH_SPACING = 7
LABEL_SIZE = 22  # viewBox units: 7 pt on the 100 mm figure, the smallest size the handout prints

# Page geometry, in millimetres (A4 portrait).
MARGIN = 12
FIGURE_HEIGHT = 100
FIGURE_GAP = 3
# A region handout's muscle patterns: close-ups CROP_HEIGHT mm tall, one per view a pattern is drawn on, in cells of
# equal width across the page. A close-up shows at least CROP_MIN_HEIGHT viewBox units of body, so a small pattern
# still shows where on the body it is, and never less than CROP_MIN_ASPECT as wide as it is tall.
CROP_HEIGHT = 40
CROP_GAP = 2
CELL_GAP = 6
CROP_PADDING = 16
CROP_MIN_HEIGHT = 150
CROP_MIN_ASPECT = 0.5
PATTERN_CELL = (210 - 2 * MARGIN - (PATTERN_FIGURES - 1) * CELL_GAP) / PATTERN_FIGURES  # mm, on A4 (210 mm wide)
PATTERNS_ROOM = 85  # mm: the heading, its key, the close-ups with their views' names, and the muscles' names
# Clear print (issue 15): 12 pt body, 15 pt headings, the number to call at 16 pt; citations and captions at 9 pt.
TITLE_SIZE = 18
HEADING_SIZE = 15
BODY_SIZE = 12
SMALL_SIZE = 9
SOURCES_SIZE = 7
EMERGENCY_TITLE_SIZE = 13
EMERGENCY_NUMBER_SIZE = 16  # the number to call, larger than anything but the title
LINE = 5.4


class HandoutError(ValueError):
    """A handout cannot be made without leaving out safety information, so none is made."""


@dataclass(frozen=True)
class Picture:
    """What the body map on the handout shows: a highlighted region, or a muscle's referral pattern."""

    views: tuple[View, ...]
    caption: str
    highlighted_zone_ids: tuple[str, ...] = ()
    essential_zone_ids: tuple[str, ...] = ()
    spillover_zone_ids: tuple[str, ...] = ()
    trigger_points: tuple[Cross, ...] = ()
    muscle_id: str = ""  # the pattern's muscle, drawn over its zones; the other muscles' outlines are left out
    chosen: tuple[ZoneChoice, ...] = ()  # areas chosen in "where does it hurt?", shaded on the side chosen only


@dataclass(frozen=True)
class Cross:
    """A trigger point's X on one view of the map."""

    view: View
    x: float
    y: float


SectionStyle = Literal["topics", "list", "tiers", "claims"]


Frame = tuple[float, float, float, float]  # x, y, width, height in the artwork's viewBox units


@dataclass(frozen=True)
class PatternFigure:
    """One muscle's pattern on a region handout: its names, and a close-up of each view the pattern is drawn on."""

    plain_name: str
    name: str
    picture: Picture
    frames: tuple[tuple[View, Frame], ...]
    source_ids: tuple[str, ...] = ()  # where the drawn pattern comes from: its referral and trigger point rows


@dataclass(frozen=True)
class Section:
    """A heading and its entries, printed as paragraphs by topic, a bulleted list, urgency tiers or claims."""

    heading: str
    entries: tuple[Entry, ...]
    style: SectionStyle = "topics"
    lead: str = ""  # a line under the heading, before the entries


@dataclass(frozen=True)
class Handout:
    """Everything printed on a handout, in reading order, already worded for patients."""

    title: str
    region_name: str
    disclaimer: Notice
    picture: Picture
    summary_heading: str
    summary: tuple[Entry, ...]
    emergency: Notice
    emergency_number: str  # the clinic's number, or "your local emergency number" (bodymap.clinic)
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    patterns: tuple[PatternFigure, ...] = ()  # a region handout's first muscles, drawn; none on a pattern handout
    # Where the sources can be read on the web (the app's page for this view). With it the handout prints one line
    # and a QR code instead of the list, and no citation numbers; without it (the command line), the full list.
    sources_url: str | None = None
    language: str = ENGLISH  # the language it was gathered in; its layout words are printed in it too

    def source_number(self, source_id: str) -> int:
        """The 1-based number of a source in the handout's numbered list."""
        return next(index for index, source in enumerate(self.sources, start=1) if source.id == source_id)


def build_handout(
    dataset: Dataset, region_id: str | None = None, muscle_id: str | None = None, sources_url: str | None = None
) -> bytes:
    """Make the PDF handout for a region, or for a muscle's referral pattern.

    Args:
        dataset: the validated dataset.
        region_id: the region whose summary (or, with ``muscle_id``, whose safety information) to print.
        muscle_id: print this muscle's pattern instead of the region's picture and summary. Without ``region_id`` the
            safety information is for the muscle's own region or, if that is not covered yet, the first covered region
            its pain is referred to.
        sources_url: the web page that lists the sources; printed with a QR code instead of the list.

    Returns:
        The PDF file's bytes (A4, at most three pages).

    Raises:
        UnknownIdError: if the region or muscle does not exist, or the region is not complete.
        HandoutError: if a safety section would be empty.
    """
    return render_pdf(handout_content(dataset, region_id, muscle_id, sources_url))


def handout_content(
    dataset: Dataset, region_id: str | None = None, muscle_id: str | None = None, sources_url: str | None = None
) -> Handout:
    """Gather what the handout prints, without laying it out (see :func:`build_handout` for the arguments), in the
    dataset's language."""
    with speaking(dataset.language):
        return _handout_content(dataset, region_id, muscle_id, sources_url)


def _handout_content(
    dataset: Dataset, region_id: str | None, muscle_id: str | None, sources_url: str | None
) -> Handout:
    if muscle_id is None and region_id is None:
        raise UnknownIdError("a handout needs a region id or a muscle id")
    if muscle_id is not None and muscle_id not in dataset.muscles:
        raise UnknownIdError(f"unknown muscle id: {muscle_id!r}")
    region_id = region_id or _region_for_muscle(dataset, muscle_id or "")
    details = region_details(dataset, region_id, "patient")
    if muscle_id is None:
        title = _("{region}: dry needling, a guide to take home").format(region=details.region.name)
        summary_heading = SUMMARY_HEADING
        summary: tuple[Entry, ...] = (details.summary,)
        picture = _region_picture(dataset, region_id)
    else:
        muscle = dataset.muscles[muscle_id]
        title = _("{muscle} ({plain_name}): where its pain can spread").format(
            muscle=muscle.name, plain_name=muscle.plain_name
        )
        maps = dataset.notices["referral_maps"]
        summary_heading = PATTERN_SUMMARY_HEADING
        card = dataset.needling_cards[muscle_id]
        summary = (
            Entry("", muscle.plain_description, muscle.source_ids),
            Entry("", card.plain_text, card.source_ids),  # what lies near it, never the clinician's card itself
            Entry("", maps.plain_text, maps.source_ids),
        )
        picture = _pattern_picture(dataset, muscle_id, safety_region=details.region.name)
    patterns = () if muscle_id else _pattern_figures(dataset, details.muscles, details.region.name)
    sections = _safety_and_session(dataset, details)
    return _assembled(
        dataset, title, details.region.name, picture, (summary_heading, summary), sections, patterns, sources_url
    )


def _assembled(
    dataset: Dataset,
    title: str,
    region_name: str,
    picture: Picture,
    summary: tuple[str, tuple[Entry, ...]],
    sections: tuple[Section, ...],
    patterns: tuple[PatternFigure, ...],
    sources_url: str | None,
) -> Handout:
    """A handout with what every handout has: the disclaimer, the emergency box and the sources of all it cites."""
    emergency = dataset.notices["emergency"]
    heading, entries = summary
    cited = [source_id for entry in entries for source_id in entry.source_ids] + list(emergency.source_ids)
    cited += [source_id for section in sections for entry in section.entries for source_id in entry.source_ids]
    cited += [source_id for figure in patterns for source_id in figure.source_ids]  # the patterns drawn are cited too
    return Handout(
        title=title,
        region_name=region_name,
        disclaimer=dataset.notices["disclaimer"],
        picture=picture,
        summary_heading=heading,
        summary=entries,
        emergency=emergency,
        emergency_number=_number_words(),
        sections=sections,
        sources=sources_for(dataset, cited),
        patterns=patterns,
        sources_url=sources_url,
        language=dataset.language,
    )


def _number_words() -> str:
    """The clinic's number, or the words for it in the handout's language."""
    number = emergency_number()
    return number.shown if number.dial else _(number.shown)


def build_where_handout(dataset: Dataset, choices: Sequence[ZoneChoice], sources_url: str | None = None) -> bytes:
    """Make the PDF handout for the areas chosen in "where does it hurt?" (see :func:`where_handout_content`)."""
    return render_pdf(where_handout_content(dataset, choices, sources_url))


def where_handout_content(dataset: Dataset, choices: Sequence[ZoneChoice], sources_url: str | None = None) -> Handout:
    """What the handout of a "where does it hurt?" answer prints, in the dataset's language (see
    :func:`_where_handout_content`)."""
    with speaking(dataset.language):
        return _where_handout_content(dataset, choices, sources_url)


def _where_handout_content(dataset: Dataset, choices: Sequence[ZoneChoice], sources_url: str | None) -> Handout:
    """What the handout of a "where does it hurt?" answer prints: the areas chosen, the muscles worth checking, most
    likely first, the first ones drawn, and the safety sections of every region the areas are in.

    Raises:
        UnknownIdError: if no area is chosen or an area is not in the dataset.
        HandoutError: if a region the areas are in has incomplete safety information (none is left out quietly), or
            a safety section would be empty.
    """
    unknown = [choice.zone_id for choice in choices if not dataset.zone_ids_for(choice.zone_id)]
    if unknown:
        raise UnknownIdError(f"unknown zone id: {unknown[0]!r}")
    # A zone that was cut into finer ones stands for all of them (data.Dataset.zone_ids_for), on the side chosen.
    choices = [ZoneChoice(part, choice.side) for choice in choices for part in dataset.zone_ids_for(choice.zone_id)]
    zones = zone_ids(choice.key for choice in choices)
    if not zones:
        raise UnknownIdError("a where-it-hurts handout needs at least one area")
    matches = muscles_referring_to(dataset, zones)
    regions = [dataset.regions[region_id] for region_id in dict.fromkeys(dataset.zones[z].region_id for z in zones)]
    incomplete = [region.name for region in regions if not region.is_complete]
    if incomplete:  # rule: handout_where_regions
        raise HandoutError(f"no handout for these areas: bodymap has no safety information for {', '.join(incomplete)}")
    every_region = [region_details(dataset, region.id, "patient") for region in regions]
    sections = _merged(_safety_and_session(dataset, details) for details in every_region)
    notice = dataset.notices["where_it_hurts"]
    chosen = ", ".join(choice.words(dataset) for choice in choices)
    summary = (Entry("", _(WHERE_CHOSEN).format(areas=chosen), ()), Entry("", notice.plain_text, notice.source_ids))
    listed = tuple(_match_entry(dataset, match, zones) for match in matches[:MATCHES_SHOWN])
    sections = (Section(MATCHES_HEADING, listed, "list"), *sections) if listed else sections
    region_names = ", ".join(region.name for region in regions)
    views = tuple(view for view in VIEWS if any(dataset.zones[zone_id].view == view for zone_id in zones))
    picture = Picture(views=views, caption=_(WHERE_CAPTION), chosen=tuple(choices))
    patterns = _pattern_figures(dataset, matches, region_names)
    summary_part = (WHERE_SUMMARY_HEADING, summary)
    return _assembled(dataset, _(WHERE_TITLE), region_names, picture, summary_part, sections, patterns, sources_url)


def _match_entry(dataset: Dataset, match: MuscleMatch, zones: Sequence[str]) -> Entry:
    """A muscle worth checking in plain words, with the referral rows that link it to the areas as its sources."""
    cited = [r.source_ids for r in dataset.referrals if r.muscle_id == match.muscle.id and r.zone_id in zones]
    source_ids = tuple(dict.fromkeys(source_id for ids in cited for source_id in ids))
    text = f"{match.muscle.plain_name}: {match.muscle.name}. {match.zones_in_words(plain=True)}."
    return Entry("", text, source_ids)


def _merged(per_region: Iterable[tuple[Section, ...]]) -> tuple[Section, ...]:
    """Several regions' sections as one set: each heading once, in order, and each entry once under it."""
    merged: dict[str, Section] = {}
    for sections in per_region:
        for section in sections:
            kept = merged.get(section.heading)
            if kept is None:
                merged[section.heading] = section
                continue
            seen = {(entry.title, entry.text) for entry in kept.entries}
            more = tuple(entry for entry in section.entries if (entry.title, entry.text) not in seen)
            merged[section.heading] = dataclasses.replace(kept, entries=kept.entries + more)
    return tuple(merged.values())


def _region_for_muscle(dataset: Dataset, muscle_id: str) -> str:
    """The region whose safety information goes with a muscle's pattern: its own, else where its pain is felt."""
    pattern = muscle_pattern(dataset, muscle_id)
    candidates = [pattern.muscle.region_id]
    candidates += [zone.region_id for zone in (*pattern.essential_zones, *pattern.spillover_zones)]
    for candidate in dict.fromkeys(candidates):
        if dataset.regions[candidate].is_complete:
            return candidate
    raise HandoutError(f"muscle {muscle_id!r} is not linked with a covered region; give a region id as well")


def _safety_and_session(dataset: Dataset, details: RegionDetails) -> tuple[Section, ...]:
    """The red flags, session, aftercare and after-session sections; refuse if any safety part is missing."""
    session = _session_in_brief(dataset, details)
    aftercare = tuple(entry for entry in details.session if entry.kind == "aftercare")
    region = details.region.name
    checks = {
        f"red flags for {region}": [flag for flag in details.red_flags if not flag.general],
        "general red flags": [flag for flag in details.red_flags if flag.general],
        "general after-session warnings": [flag for flag in details.after_session if flag.general],
        "aftercare": list(aftercare),
        "what a session is like": list(session),
    }
    missing = [what for what, entries in checks.items() if not entries]  # rule: handout_sections
    own_flags = [flag for flag in (*details.red_flags, *details.after_session) if not flag.general]
    if not own_flags:  # rule: handout_own_warnings
        missing.append(f"warnings for {region}")
    if not details.summary.text:  # rule: handout_summary
        missing.append("summary")
    if missing:
        raise HandoutError(f"no handout for {region}: the dataset has no {', '.join(missing)}")
    questions = tuple(Entry("", q.question, q.source_ids, q.kind) for q in details.before_needling if q.kind == "ask")
    # The same signs, in the same order and each symptom once, as the patient page's "when to get help".
    signs = tuple(Entry(sign.symptom, sign.text, sign.source_ids, sign.urgency) for sign in details.help_signs)
    sections = (
        Section(BEFORE_NEEDLING_HEADING, questions, "list", BEFORE_NEEDLING_LEAD),
        Section(SESSION_HEADING, session),
        Section(AFTERCARE_HEADING, aftercare),
        Section(WHEN_TO_GET_HELP_HEADING, signs, "tiers"),
    )
    return (*sections, _claims_section(details)) if details.claims else sections


def _claims_section(details: RegionDetails) -> Section:
    """The clinic claims about this region, each printed after its verdict, never on its own."""
    claims = tuple(
        Entry(f"{_(VERDICT_WORDS[entry.claim.verdict])}: {entry.claim.claim}", entry.text, entry.source_ids, CLAIM_KIND)
        for entry in details.claims
    )
    return Section(CLAIMS_HEADING, claims, "claims")


def _session_in_brief(dataset: Dataset, details: RegionDetails) -> tuple[Entry, ...]:
    """What a session is like, short enough for two pages: the first general row of each topic (the dataset puts the
    main point first; the app shows the rest) and every row written for this region. Aftercare is printed whole."""
    own = {step.plain_text for step in dataset.session_steps if step.scope == details.region.id}
    seen: set[str] = set()
    kept = []
    for step in details.session:
        if step.kind == "aftercare" or (step.text not in own and step.kind in seen):
            continue
        seen.add(step.kind)
        kept.append(step)
    return tuple(kept)


def _pattern_figures(dataset: Dataset, matches: Sequence[MuscleMatch], safety_region: str) -> tuple[PatternFigure, ...]:
    """The first muscles, in the order the app lists them, each framed close around its pattern."""
    return tuple(pattern_figure(dataset, match.muscle.id, safety_region) for match in matches[:PATTERN_FIGURES])


def pattern_figure(dataset: Dataset, muscle_id: str, safety_region: str = "") -> PatternFigure:
    """One muscle's pattern as a small figure: a close-up of each view it is drawn on (the handout's row of
    patterns, and the app's small multiples when muscles are compared; draw each with :func:`picture_svg`)."""
    muscle = dataset.muscles[muscle_id]
    picture = _pattern_picture(dataset, muscle_id, safety_region)
    views = picture.views
    width = (PATTERN_CELL - (len(views) - 1) * CROP_GAP) / len(views)
    frames = tuple((view, _pattern_frame(picture, view, max_aspect=width / CROP_HEIGHT)) for view in views)
    rows = [
        *(r for r in dataset.referrals if r.muscle_id == muscle_id),
        *muscle_pattern(dataset, muscle_id).trigger_points,
    ]
    sources = tuple(dict.fromkeys(source_id for row in rows for source_id in row.source_ids))
    return PatternFigure(muscle.plain_name, muscle.name, picture, frames, sources)


def _pattern_frame(picture: Picture, view: View, max_aspect: float) -> Frame:
    """The part of a view to print: the pattern's zones on its side and its trigger points, with a margin of body
    around them, no wider than ``max_aspect`` times its height, and inside the artwork."""
    drawn = {*picture.essential_zone_ids, *picture.spillover_zone_ids}
    points = [
        point
        for element in ET.fromstring(_artwork(view)).iter()
        if element.get("class") == "zone" and element.get("data-zone") in drawn and element.get("data-side") != "left"
        for polygon in _polygons(element.get("d", ""))
        for point in polygon
    ]
    points += [(cross.x, cross.y) for cross in picture.trigger_points if cross.view == view]
    if not points:
        return (0, 0, VIEWBOX_WIDTH, VIEWBOX_HEIGHT)
    left, right = min(x for x, _ in points) - CROP_PADDING, max(x for x, _ in points) + CROP_PADDING
    top, bottom = min(y for _, y in points) - CROP_PADDING, max(y for _, y in points) + CROP_PADDING
    height = max(bottom - top, CROP_MIN_HEIGHT)
    width = min(max(right - left, height * CROP_MIN_ASPECT), VIEWBOX_WIDTH)
    height = min(max(height, width / max_aspect), VIEWBOX_HEIGHT)
    x = min(max((left + right - width) / 2, 0), VIEWBOX_WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0), VIEWBOX_HEIGHT - height)
    return (x, y, width, height)


def _region_picture(dataset: Dataset, region_id: str) -> Picture:
    zones = [zone for zone in dataset.zones.values() if zone.region_id == region_id]
    views = tuple(view for view in VIEWS if any(zone.view == view for zone in zones))
    caption = _("Shaded dark: {region}.").format(region=dataset.regions[region_id].name)
    return Picture(views=views, caption=caption, highlighted_zone_ids=tuple(zone.id for zone in zones))


def _pattern_picture(dataset: Dataset, muscle_id: str, safety_region: str) -> Picture:
    pattern = muscle_pattern(dataset, muscle_id)
    used = {zone.view for zone in (*pattern.essential_zones, *pattern.spillover_zones)}
    used |= {dataset.zones[point.zone_id].view for point in pattern.trigger_points}
    caption = _(
        "Shown on the right side; it can happen on either side. Solid: the main areas of pain. Hatched: where it "
        "sometimes spreads. X: the trigger points."
    )
    caption += " " + _(SAFETY_FOR).format(region=safety_region)
    return Picture(
        views=tuple(view for view in VIEWS if view in used),
        caption=caption,
        essential_zone_ids=tuple(zone.id for zone in pattern.essential_zones),
        spillover_zone_ids=tuple(zone.id for zone in pattern.spillover_zones),
        trigger_points=tuple(
            Cross(dataset.zones[point.zone_id].view, point.x, point.y) for point in pattern.trigger_points
        ),
        muscle_id=muscle_id,
    )


@functools.cache
def _artwork(view: View) -> str:
    return (ASSETS_DIR / f"body_{view}.svg").read_text(encoding="utf-8")


def picture_svg(picture: Picture, view: View, frame: Frame | None = None) -> str:
    """One view of the body map with the picture's colours written into the shapes (no CSS, no script).

    The app colours the map with CSS classes; a PDF's SVG reader does not apply stylesheets, so this copy carries
    plain ``fill`` and ``stroke`` attributes. Spillover hatching is drawn as lines clipped to the zones, because
    SVG patterns are not supported by the PDF library. With a ``frame``, only that part of the view is drawn.
    """
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(_artwork(view))
    spillover_paths: list[str] = []
    for parent in root.iter():
        for child in list(parent):
            # The app hides every muscle's outline but the pattern's with CSS; a PDF would fill them all in black.
            other_muscle = child.get("class") == "muscle" and child.get("data-muscle") != picture.muscle_id
            # The bones' faint lines are open paths, which the cropping below would close into shapes; a printed
            # close-up is small enough to read without them.
            landmark = "landmark" in child.get("class", "").split()
            if _tag(child) == "title" or other_muscle or landmark:
                parent.remove(child)
    if frame is not None:
        _crop(root, frame)
    for element in root.iter():
        css = element.get("class", "")
        if css == "silhouette":
            _paint(element, SKIN, OUTLINE, 1.5)
        elif css == "zone":
            zone_id = element.get("data-zone", "")
            # Patterns are drawn on the person's right, where the trigger points are placed, as in the app.
            pattern_side = element.get("data-side") != "left"
            if pattern_side and zone_id in picture.essential_zone_ids:
                _paint(element, ESSENTIAL, ESSENTIAL_LINE, 1.2)
            elif pattern_side and zone_id in picture.spillover_zone_ids:
                _paint(element, SPILLOVER, ESSENTIAL, 1.2)
                spillover_paths.append(element.get("d", ""))
            elif zone_id in picture.highlighted_zone_ids or _chosen_here(picture, zone_id, element.get("data-side")):
                _paint(element, SELECTED, SELECTED_LINE, 1.2)
            else:
                _paint(element, ZONE, ZONE_LINE, 0.8)
        elif css == "muscle":
            _paint(element, MUSCLE, MUSCLE_LINE, 1.6)
            element.set("fill-opacity", MUSCLE_OPACITY)
            if element.get("data-depth") == "deep":  # under another muscle: dashed, as in the app
                element.set("stroke-dasharray", "4 2.5")
        elif _tag(element) == "text":
            element.attrib.update(
                {"fill": LABEL, "font-family": "helvetica", "font-size": str(LABEL_SIZE), "font-weight": "bold"}
            )
            element.text = _(element.text.strip()) if element.text and element.text.strip() else element.text
    if spillover_paths:
        _add_hatching(root, spillover_paths)
    for cross in picture.trigger_points:
        if cross.view == view:
            _add_cross(root, cross)
    return ET.tostring(root, encoding="unicode")


def _crop(root: ET.Element, frame: Frame) -> None:
    """Cut every shape to the frame and leave out the labels: the PDF library does not clip to an SVG's viewBox, so
    a close-up made by the viewBox alone would print the whole body across the page."""
    for parent in root.iter():
        for child in list(parent):
            if _tag(child) == "text":
                parent.remove(child)
            elif _tag(child) == "path":
                kept = [cut for cut in (_clip(polygon, frame) for polygon in _polygons(child.get("d", ""))) if cut]
                if kept:
                    child.set("d", "".join("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in cut) + "Z" for cut in kept))
                else:
                    parent.remove(child)
    root.set("viewBox", " ".join(f"{value:.1f}" for value in frame))


def _clip(polygon: Sequence[Point], frame: Frame) -> list[Point]:
    """The part of a polygon inside the frame (Sutherland-Hodgman, one edge of the frame at a time); empty if it has
    no area there."""
    x, y, width, height = frame
    points = list(polygon)
    for axis, bound, low in ((0, x, True), (0, x + width, False), (1, y, True), (1, y + height, False)):
        kept: list[Point] = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            current_in = current[axis] >= bound if low else current[axis] <= bound
            previous_in = previous[axis] >= bound if low else previous[axis] <= bound
            if current_in != previous_in:
                t = (bound - previous[axis]) / (current[axis] - previous[axis])
                (x0, y0), (x1, y1) = previous, current
                kept.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
            if current_in:
                kept.append(current)
        points = kept
    # Shoelace area: a shape that only touches the frame leaves a flat sliver, whose stroke would draw a line.
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2
    return points if abs(area) > 0.01 else []


def _chosen_here(picture: Picture, zone_id: str, side: str | None) -> bool:
    """An area chosen on this side, or chosen without a side (the midline, or both sides)."""
    return any(choice.zone_id == zone_id and choice.side in (None, side) for choice in picture.chosen)


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _paint(element: ET.Element, fill: str, stroke: str, width: float) -> None:
    element.attrib.update({"fill": fill, "stroke": stroke, "stroke-width": str(width)})


def _add_hatching(root: ET.Element, paths: Sequence[str]) -> None:
    """Diagonal lines over the spillover zones, as the app draws them, so they still read when printed in grey.

    The lines are cut to the zones here rather than with an SVG ``<clipPath>`` or ``<pattern>``, which the PDF
    library does not apply to strokes: each line keeps the stretches where it is inside a zone (even-odd rule).
    """
    polygons = [polygon for d in paths for polygon in _polygons(d)]
    strokes = []
    for offset in range(-VIEWBOX_HEIGHT, VIEWBOX_WIDTH, HATCH_SPACING):
        crossings = sorted(x for polygon in polygons for x in _crossings(polygon, offset))
        for start, end in zip(crossings[::2], crossings[1::2], strict=False):
            strokes.append(f"M{start:.1f} {start - offset:.1f}L{end:.1f} {end - offset:.1f}")
    if strokes:
        attributes = {"d": "".join(strokes), "fill": "none", "stroke": HATCH, "stroke-width": "2.2"}
        ET.SubElement(root, f"{{{SVG_NS}}}path", attributes)


Point = tuple[float, float]
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
CURVE_STEPS = 8


def _polygons(d: str) -> list[list[Point]]:
    """An SVG path (M, L, H, V, C and Z, absolute or relative) as polygons, each cubic curve cut into short lines."""
    tokens = _PATH_TOKEN.findall(d)
    polygons: list[list[Point]] = []
    current: list[Point] = []
    x = y = 0.0
    command = ""
    index = 0
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
        relative = command.islower()
        op = command.upper()
        if op == "Z":
            if current:
                polygons.append(current)
                x, y = current[0]
            current = []
            continue
        count = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6}.get(op)
        if count is None:
            raise ValueError(f"unsupported path command {command!r}")
        numbers = [float(token) for token in tokens[index : index + count]]
        index += count
        base = (x, y) if relative else (0.0, 0.0)
        if op == "M":
            if current:
                polygons.append(current)
            x, y = numbers[0] + base[0], numbers[1] + base[1]
            current = [(x, y)]
            command = "l" if relative else "L"  # further pairs after a move are lines
        elif op in "LHV":
            x = numbers[0] + base[0] if op in "LH" else x
            y = numbers[-1] + base[1] if op in "LV" else y
            current.append((x, y))
        else:
            c1 = (numbers[0] + base[0], numbers[1] + base[1])
            c2 = (numbers[2] + base[0], numbers[3] + base[1])
            end = (numbers[4] + base[0], numbers[5] + base[1])
            current += [_cubic((x, y), c1, c2, end, step / CURVE_STEPS) for step in range(1, CURVE_STEPS + 1)]
            x, y = end
    if current:
        polygons.append(current)
    return polygons


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    weights = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
    return (
        sum(w * p[0] for w, p in zip(weights, (p0, p1, p2, p3), strict=True)),
        sum(w * p[1] for w, p in zip(weights, (p0, p1, p2, p3), strict=True)),
    )


def _crossings(polygon: Sequence[Point], offset: float) -> list[float]:
    """The x coordinates where the hatch line y = x - offset crosses the polygon's edges."""
    xs = []
    for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        f1, f2 = x1 - y1 - offset, x2 - y2 - offset
        if (f1 < 0) != (f2 < 0):
            xs.append(x1 + (x2 - x1) * f1 / (f1 - f2))
    return xs


def _add_cross(root: ET.Element, point: Cross) -> None:
    group = ET.SubElement(root, f"{{{SVG_NS}}}g", {"stroke-linecap": "round"})
    for colour, width in (("#ffffff", 6), ("#111827", 3)):
        for dx, dy in ((MARK, MARK), (MARK, -MARK)):
            ends = {"x1": point.x - dx, "y1": point.y - dy, "x2": point.x + dx, "y2": point.y + dy}
            ET.SubElement(group, f"{{{SVG_NS}}}line", {**_strings(ends), "stroke": colour, "stroke-width": str(width)})


def _strings(values: dict[str, float]) -> dict[str, str]:
    return {key: f"{value:g}" for key, value in values.items()}


class _HandoutPdf(FPDF):
    """An A4 page with the handout's footer, and a font that prints the dataset's text as written."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.unicode_font = all((FONT_DIR / file).is_file() for file in FONT_FILES.values())
        if self.unicode_font:
            for style, file in FONT_FILES.items():
                self.add_font("body", style, str(FONT_DIR / file))
        self.body_family = "body" if self.unicode_font else "helvetica"
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 4)

    def clean(self, text: str) -> str:
        """The text as the font can print it: unchanged with DejaVu, else mapped to Latin-1."""
        if self.unicode_font:
            return text
        return text.translate(LATIN1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")

    def use(self, size: float = BODY_SIZE, bold: bool = False, colour: str = "#1f2933") -> None:
        self.set_font(self.body_family, "B" if bold else "", size)
        self.set_text_color(colour)

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.use(SMALL_SIZE, colour="#6b7280")
        # Left-aligned: fpdf2 would centre the "{nb}" placeholder, not the page count that replaces it.
        page = _("page {number} of {count}").format(number=self.page_no(), count="{nb}")
        self.cell(0, 4, self.clean(f"{self.footer_text}  ·  {page}"), align="L")


LATIN1_REPLACEMENTS = str.maketrans(
    {"…": "...", "\u2018": "'", "\u2019": "'", "“": '"', "”": '"', "\u2013": "-", "\u2014": "-", "≥": ">=", "≤": "<="}
)


def render_pdf(handout: Handout) -> bytes:
    """Lay out a handout on A4 pages and return the PDF, its layout words in the handout's language (the app
    renders it later, when the download is asked for)."""
    with speaking(handout.language):
        return _render(handout)


def _render(handout: Handout) -> bytes:
    pdf = _HandoutPdf(f"bodymap: {handout.title}")
    pdf.set_title(handout.title)
    pdf.set_author("bodymap")
    pdf.add_page()
    pdf.use(TITLE_SIZE, bold=True)
    pdf.multi_cell(0, 8.5, pdf.clean(handout.title), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)
    _paragraph(
        pdf, f"{handout.disclaimer.title}. ", handout.disclaimer.plain_text, "", size=SMALL_SIZE, colour="#4b5563"
    )
    pdf.ln(2)
    _top_row(pdf, handout)
    for section in handout.sections:
        _section(pdf, handout, section)
    _patterns(pdf, handout)
    _therapist_box(pdf)
    if handout.sources_url:
        _sources_link(pdf, handout)
    else:
        _sources(pdf, handout.sources)
    return bytes(pdf.output())


def _top_row(pdf: _HandoutPdf, handout: Handout) -> None:
    """The body map on the left; the summary and the emergency box beside it."""
    top = pdf.get_y()
    width = FIGURE_HEIGHT * VIEWBOX_WIDTH / VIEWBOX_HEIGHT
    for index, view in enumerate(handout.picture.views):
        x = MARGIN + index * (width + FIGURE_GAP)
        svg = picture_svg(handout.picture, view)
        pdf.image(io.BytesIO(svg.encode("utf-8")), x=x, y=top + 4, w=width, h=FIGURE_HEIGHT)
        pdf.set_xy(x, top)
        pdf.use(SMALL_SIZE, bold=True, colour="#4a5560")
        pdf.cell(width, 4, _(VIEW_WORDS[view]).upper(), align="C")
    figure_right = MARGIN + len(handout.picture.views) * (width + FIGURE_GAP)
    figure_bottom = top + 4 + FIGURE_HEIGHT
    pdf.set_left_margin(figure_right + 3)
    pdf.set_xy(figure_right + 3, top)
    _heading(pdf, _(handout.summary_heading), space_before=0)
    for entry in handout.summary:
        _paragraph(pdf, "", entry.text, _marks(handout, entry.source_ids))
    _paragraph(pdf, "", handout.picture.caption, "", size=SMALL_SIZE, colour="#4b5563")
    pdf.ln(1)
    _emergency_box(pdf, handout)
    pdf.set_left_margin(MARGIN)
    pdf.set_xy(MARGIN, max(pdf.get_y(), figure_bottom) + 2)


def _emergency_box(pdf: _HandoutPdf, handout: Handout) -> None:
    notice = handout.emergency
    pdf.set_fill_color("#fde8e8")
    pdf.set_draw_color("#b91c1c")
    pdf.use(EMERGENCY_TITLE_SIZE, bold=True, colour="#991b1b")
    pdf.multi_cell(
        0,
        6.5,
        pdf.clean(notice.title),
        border="LTR",
        fill=True,
        new_x="LMARGIN",
        new_y="NEXT",
        padding=(1, 2),
        align="L",
    )
    pdf.use(EMERGENCY_NUMBER_SIZE, bold=True, colour="#991b1b")
    call = pdf.clean(f"{_(CALL_WORDS)} {handout.emergency_number}")
    pdf.multi_cell(0, 8, call, border="LR", fill=True, new_x="LMARGIN", new_y="NEXT", padding=(0, 2), align="L")
    pdf.use(BODY_SIZE)
    text = f"{notice.plain_text}{_marks(handout, notice.source_ids)}"
    pdf.multi_cell(
        0,
        LINE,
        pdf.clean(text),
        border="LBR",
        fill=True,
        new_x="LMARGIN",
        new_y="NEXT",
        padding=Padding.new((0, 2, 1.5)),
        align="L",
    )
    pdf.set_draw_color("#000000")


def _section(pdf: _HandoutPdf, handout: Handout, section: Section) -> None:
    _heading(pdf, _(section.heading))
    if section.lead:
        _paragraph(pdf, "", _(section.lead), "")
    if section.style == "list":
        for entry in section.entries:
            _paragraph(pdf, "•  ", entry.text, _marks(handout, entry.source_ids))
    elif section.style == "tiers":
        for urgency, words in HELP_TIERS.items():
            signs = [entry for entry in section.entries if entry.kind == urgency]
            if not signs:
                continue
            colour = "#991b1b" if urgency == "emergency" else "#92400e"
            heading = _(words).format(number=handout.emergency_number) + _(HELP_TIER_ENDINGS[urgency])
            _paragraph(pdf, heading, "", "", lead_colour=colour)
            for sign in signs:
                _paragraph(pdf, "•  ", sign.title, _marks(handout, sign.source_ids))
    elif section.style == "claims":
        for claim in section.entries:
            _paragraph(pdf, f"{claim.title} ", claim.text, _marks(handout, claim.source_ids))
    else:
        for topic, entries in _by_topic(section.entries):
            text = " ".join(f"{entry.text}{_marks(handout, entry.source_ids)}" for entry in entries)
            _paragraph(pdf, f"{_(SESSION_TOPIC_TITLES[topic])}: ", text, "")


def _patterns(pdf: _HandoutPdf, handout: Handout) -> None:
    """A row of close-ups, one cell per muscle, each named under it: plain name first, the anatomical name after."""
    if not handout.patterns:
        return
    if pdf.get_y() + PATTERNS_ROOM > pdf.page_break_trigger:  # the heading, the key and the row together
        pdf.add_page()
    _heading(pdf, _(PATTERNS_HEADING))
    _paragraph(pdf, "", _(PATTERNS_LEAD), "", size=SMALL_SIZE, colour="#4b5563")
    top = pdf.get_y() + 1
    bottom = top
    for index, figure in enumerate(handout.patterns):
        cell = MARGIN + index * (PATTERN_CELL + CELL_GAP)
        x = cell
        for view, frame in figure.frames:
            width = CROP_HEIGHT * frame[2] / frame[3]
            pdf.set_xy(x, top)
            pdf.use(SMALL_SIZE, bold=True, colour="#4a5560")
            pdf.cell(width, 4, _(VIEW_WORDS[view]).upper(), align="C")
            svg = picture_svg(figure.picture, view, frame)
            pdf.image(io.BytesIO(svg.encode("utf-8")), x=x, y=top + 4, w=width, h=CROP_HEIGHT)
            x += width + CROP_GAP
        pdf.set_xy(cell, top + 4 + CROP_HEIGHT + 1)
        pdf.use(BODY_SIZE, bold=True)
        pdf.multi_cell(PATTERN_CELL, LINE, pdf.clean(figure.plain_name), new_x="LEFT", new_y="NEXT", align="L")
        pdf.use(SMALL_SIZE, colour="#4b5563")
        named = f"{figure.name}{_marks(handout, figure.source_ids)}"
        pdf.multi_cell(PATTERN_CELL, LINE * 0.8, pdf.clean(named), new_x="LEFT", new_y="NEXT", align="L")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(MARGIN, bottom + 2)


def _therapist_box(pdf: _HandoutPdf) -> None:
    """Lines for the therapist to fill in by hand: who they are, what was treated, what to do, when to come back."""
    row = 8
    if pdf.get_y() + 12 + row * len(THERAPIST_LINES) > pdf.page_break_trigger:  # the box whole, on one page
        pdf.add_page()
    _heading(pdf, _(THERAPIST_HEADING))
    pdf.use(BODY_SIZE, colour="#1f2933")
    top = pdf.get_y()
    right = pdf.w - MARGIN
    for label in (_(line) if line else "" for line in THERAPIST_LINES):
        y = pdf.get_y() + row
        pdf.set_x(MARGIN + 2)
        width = pdf.get_string_width(label + ": ") if label else 0
        if label:
            pdf.cell(width, row, pdf.clean(f"{label}:"))
        pdf.set_draw_color("#6b7280")
        pdf.line(MARGIN + 3 + width, y - 1.5, right - 2, y - 1.5)
        pdf.set_y(y)
    pdf.set_draw_color("#374151")
    pdf.rect(MARGIN, top - 1, right - MARGIN, pdf.get_y() - top + 2)
    pdf.set_draw_color("#000000")
    pdf.ln(2)


def _by_topic(entries: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    """Consecutive entries of one topic in one paragraph, so the session reads as a few short paragraphs."""
    groups: list[tuple[str, list[Entry]]] = []
    for entry in entries:
        if groups and groups[-1][0] == entry.kind:
            groups[-1][1].append(entry)
        else:
            groups.append((entry.kind, [entry]))
    return groups


def _heading(pdf: _HandoutPdf, text: str, space_before: float = 2) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 25:  # never a heading alone at the foot of a page
        pdf.add_page()
    pdf.ln(space_before)
    pdf.use(HEADING_SIZE, bold=True, colour="#0b2f40")
    pdf.multi_cell(0, 7, pdf.clean(text), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(0.5)


def _paragraph(
    pdf: _HandoutPdf,
    lead: str,
    text: str,
    marks: str,
    size: float = BODY_SIZE,
    colour: str = "#1f2933",
    bold: bool = False,
    lead_colour: str = "#1f2933",
) -> None:
    """A bold lead-in, the text, and grey citation numbers, flowing as one paragraph."""
    height = LINE * size / BODY_SIZE
    pdf.set_x(pdf.l_margin)
    if lead:
        pdf.use(size, bold=True, colour=lead_colour)
        pdf.write(height, pdf.clean(lead))
    pdf.use(size, bold=bold, colour=colour)
    pdf.write(height, pdf.clean(text))
    if marks:
        pdf.use(SMALL_SIZE, colour="#6b7280")
        pdf.write(height, pdf.clean(marks))
    pdf.ln(height + 0.8)


def _marks(handout: Handout, source_ids: Iterable[str]) -> str:
    if handout.sources_url:
        return ""  # the numbers would point to a list that is not printed
    numbers = sorted({handout.source_number(source_id) for source_id in source_ids})
    return f" [{', '.join(str(number) for number in numbers)}]" if numbers else ""


SOURCES_LINE = N_(
    "{count} studies, guidelines and textbooks support this handout. Scan the code, or open the link, to read them:"
)
QR_SIZE = 28  # mm: large enough for a phone camera at arm's length


def _sources_link(pdf: _HandoutPdf, handout: Handout) -> None:
    """One line and a QR code to the web page of sources, instead of a page of small print."""
    if pdf.get_y() + 2 + QR_SIZE > pdf.page_break_trigger:  # the heading, the line and the code together
        pdf.add_page()
    pdf.ln(2)
    top = pdf.get_y()
    pdf.image(io.BytesIO(qr_svg(handout.sources_url or "").encode("utf-8")), x=MARGIN, y=top, w=QR_SIZE, h=QR_SIZE)
    pdf.set_left_margin(MARGIN + QR_SIZE + 4)
    pdf.set_xy(MARGIN + QR_SIZE + 4, top)
    _heading(pdf, _(SOURCES_HEADING), space_before=0)
    _paragraph(pdf, "", _(SOURCES_LINE).format(count=len(handout.sources)), "")
    _paragraph(pdf, "", handout.sources_url or "", "", size=SMALL_SIZE, colour="#1d4ed8")
    pdf.set_left_margin(MARGIN)
    pdf.set_xy(MARGIN, max(pdf.get_y(), top + QR_SIZE) + 2)


def _sources(pdf: _HandoutPdf, sources: Sequence[Source]) -> None:
    """The numbered sources in two small columns: complete citations, so a reader can look any of them up."""
    _heading(pdf, _(SOURCES_HEADING))
    pdf.use(SOURCES_SIZE, colour="#374151")
    with pdf.text_columns(ncols=3, gutter=4, balance=True, text_align="LEFT", line_height=1.05) as columns:
        for number, source in enumerate(sources, start=1):
            where = f" {source.doi_or_url}" if source.doi_or_url else ""
            columns.write(pdf.clean(f"{number}. {source.citation}{where}"))
            columns.ln()
