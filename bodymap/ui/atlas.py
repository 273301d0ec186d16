"""The referred pain atlas beside the map: a muscle's pattern in words, and the "where does it hurt?" ranking."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from html import escape

import streamlit as st

from bodymap.data import ENGLISH, Audience, Dataset, Zone
from bodymap.handout import pattern_figure, picture_svg
from bodymap.i18n import N_, _
from bodymap.lookup import (
    Entry,
    MuscleMatch,
    MusclePattern,
    ReferralMatrix,
    RegionCounts,
    matrix_by_region,
    referral_matrix,
    selectable_regions,
    sources_for,
)
from bodymap.panel import DETAILS_ANCHOR
from bodymap.sides import ZoneChoice
from bodymap.ui.body_map import COMPARE_LINES
from bodymap.ui.text import lead_in, literal
from bodymap.ui.widgets import OpenMuscle, open_chosen
from bodymap.wording import flag_title

URGENCY_ICONS = {
    "emergency": ":material/emergency:",
    "urgent": ":material/medical_services:",
    "soon": ":material/medical_services:",
}


def pattern_ui(
    dataset: Dataset,
    pattern: MusclePattern,
    audience: Audience,
    on_close: Callable[[], None],
    compare: Sequence[str] = (),
    on_compare: Callable[[list[str]], None] | None = None,
) -> None:
    """A muscle's description, trigger points, referral zones in words, related conditions and sources; and, with
    ``on_compare``, a choice of up to two more muscles to draw beside it (a differential, e.g. lateral elbow pain)."""
    muscle = pattern.muscle
    st.button(_("Close the pattern"), icon=":material/close:", on_click=on_close, key="close_pattern")
    st.header(literal(muscle.name), anchor=DETAILS_ANCHOR)
    st.caption(literal(muscle.plain_name))
    if on_compare is not None:
        _compare_ui(dataset, muscle.id, compare, on_compare)
    text = muscle.plain_description if audience != "educator" else muscle.clinical_description
    numbers = {source.id: number for number, source in enumerate(sources_for(dataset, muscle.source_ids), 1)}
    marks = ", ".join(str(numbers[source_id]) for source_id in muscle.source_ids)
    st.markdown(f"{literal(text)} :gray[\\[{marks}\\]]")
    st.markdown(
        f"**{_(TRIGGER_POINTS_WORDS)}** "
        + literal("; ".join(f"{point.label} ({dataset.zones[point.zone_id].name})" for point in pattern.trigger_points))
    )
    main, spillover = _("Main referral zones (solid):"), _("Spillover zones (hatched):")
    st.markdown(f"**{main}** {literal(_names(pattern.essential_zones))}")
    if pattern.spillover_zones:
        st.markdown(f"**{spillover}** {literal(_names(pattern.spillover_zones))}")
    st.caption(literal(dataset.notices["referral_maps"].plain_text))
    _needling_card(dataset, muscle.id, audience)
    if pattern.conditions:
        st.subheader(_("Linked conditions"), anchor=False)
        st.markdown("\n".join(f"- {literal(condition.plain_name)}" for condition in pattern.conditions))
    with st.expander(_("Sources")):
        st.markdown(
            "\n".join(
                f"{numbers[source.id]}. {literal(source.citation)}"
                for source in sources_for(dataset, muscle.source_ids)
            )
        )


TRIGGER_POINTS_WORDS = N_("Trigger points (X on the map):")
CARD_FIELDS = (
    ("position", N_("Position")),
    ("landmarks", N_("Landmarks")),
    ("approach", N_("Approach")),
    ("depth", N_("Depth")),
)
CARD_IN_ENGLISH_ONLY = N_(
    "The needling card for clinicians is in English only: switch the language to English to read it."
)


def _needling_card(dataset: Dataset, muscle_id: str, audience: Audience) -> None:
    """The needling card for clinicians (labelled as only for those trained in dry needling); patients get its plain
    sentence about what lies near the muscle."""
    card = dataset.needling_cards[muscle_id]
    sources = sources_for(dataset, card.source_ids)
    if audience == "patient" or dataset.language != ENGLISH:  # the clinical fields are written in English only
        st.info(literal(card.plain_text), icon=":material/shield:")
        if audience != "patient":
            st.caption(_(CARD_IN_ENGLISH_ONLY))
        return
    notice = dataset.notices["needling_cards"]
    with st.container(border=True, key="needling_card"):
        st.subheader(_("Needling card"), anchor=False)
        st.warning(f"{lead_in(notice.title)}{literal(notice.clinical_text)}", icon=":material/vaccines:")
        lines = [f"**{_(label)}:** {literal(getattr(card, field))}" for field, label in CARD_FIELDS]
        at_risk, precautions = _("Structures at risk:"), _("Precautions:")
        lines.append(f"**{at_risk}** " + literal("; ".join(card.structures_at_risk)))
        lines.append(f"**{precautions}** " + literal("; ".join(card.precautions)))
        st.markdown("  \n".join(lines))
        with st.expander(_("Sources for the card ({count})").format(count=len(sources))):
            st.markdown("\n".join(f"{n}. {literal(source.citation)}" for n, source in enumerate(sources, start=1)))


AREA_LIST_TITLE = N_("Choose the areas from a list instead")
AREA_LIST_OPEN_KEY = "area_list_open"


def where_ui(
    dataset: Dataset,
    choices: Sequence[ZoneChoice],
    matches: Sequence[MuscleMatch],
    red_flags: Sequence[Entry],
    on_open: OpenMuscle,
    on_clear: Callable[[], None],
    area_list: Callable[[], None],
) -> None:
    """The warning signs for the areas chosen on the map, then the ranked muscles, each opening its pattern in one
    tap. The warning signs come first: pain in these areas can have causes that need a doctor, not a needle.

    ``area_list`` draws the same choice as a list, for a keyboard, a screen reader or an area too small to tap."""
    st.header(_("Where does it hurt?"), anchor=DETAILS_ANCHOR)
    notice = dataset.notices["where_it_hurts"]
    st.info(f"{lead_in(notice.title)}{literal(notice.plain_text)}", icon=":material/info:")
    # Folded, and built only while open: drawn on every tap, a list of 284 areas slowed the page enough that a second
    # quick tap on the map could be lost (tests/browser/test_atlas.py caught it about one run in three).
    with st.expander(_(AREA_LIST_TITLE), key=AREA_LIST_OPEN_KEY, on_change="rerun") as section:
        if section.open:
            area_list()
    if not choices:
        st.markdown(
            _("Choose every area that hurts on the body map, on the side where it hurts. Choose it again to remove it.")
        )
        return
    you_chose = _("You chose:")
    st.markdown(f"**{you_chose}** " + literal(", ".join(choice.words(dataset) for choice in choices)))
    st.button(_("Clear the chosen areas"), icon=":material/restart_alt:", on_click=on_clear, key="clear_zones")
    _warning_signs(red_flags)
    if not matches:
        st.markdown(_("No muscle in bodymap is known to send pain to these areas."))
        return
    st.subheader(_("Muscles worth examining, most likely first"), anchor=False)
    for rank, match in enumerate(matches, start=1):
        with st.container(border=True, key=f"match_{match.muscle.id}"):
            st.markdown(f"**{rank}. {literal(match.muscle.name)}** :gray[({literal(match.muscle.plain_name)})]")
            st.caption(literal(match.reason))
            st.button(
                _("Show on the map: {muscle}").format(muscle=literal(match.muscle.name)),  # named: a list of buttons
                key=f"open_{match.muscle.id}",
                on_click=on_open,
                args=(match.muscle.id,),
                icon=":material/visibility:",
            )


def _warning_signs(red_flags: Sequence[Entry]) -> None:
    """Short titles, most urgent first, each opening its plain explanation in one tap."""
    if not red_flags:
        return
    with st.container(key="where_red_flags"):
        st.subheader(_("Check these warning signs first"), anchor=False)
        st.caption(_("If one of these fits, see a doctor instead of having needling. Choose one to read more."))
        for flag in red_flags:
            with st.expander(literal(flag_title(flag.kind, flag.title)), icon=URGENCY_ICONS[flag.kind]):
                st.markdown(literal(flag.text))


MATRIX_LETTERS = {0: "", 1: "S", 2: "E"}
MATRIX_CLASSES = {0: "none", 1: "spillover", 2: "essential"}
WHOLE_PATTERNS_KEY = "matrix_whole_patterns"


def matrix_ui(
    dataset: Dataset, region_id: str | None, on_open: OpenMuscle, on_open_region: Callable[[str], None]
) -> None:
    """Muscles by zones for educators: which zones each muscle refers to, essential (E, bold) or spillover (S).

    A table, not a chart: its labels are horizontal text that reads on a projector, its first column and header stay
    in view while it scrolls, and a screen reader reads it as a table. For the whole body it is a summary by region,
    from which a region opens.
    """
    where = dataset.regions[region_id].name if region_id else "the whole body"
    st.header("Referral matrix", anchor=DETAILS_ANCHOR)
    st.markdown(
        f"Muscles whose trigger points refer pain to {literal(where)}: **E** essential zone, **S** spillover zone. "
        "Choose a muscle under the matrix to draw its pattern on the map; choose a region on the map to filter."
    )
    if region_id is None:
        matrix = referral_matrix(dataset)
        st.html(_summary_table(dataset, matrix))
        key = "matrix_open_region"
        st.pills(
            "Open a region's matrix",
            [region.id for region in selectable_regions(dataset)],
            format_func=lambda chosen: literal(dataset.regions[chosen].name),
            key=key,
            on_change=open_chosen,
            args=(key, on_open_region),
            wrap=True,
        )
        return
    whole = st.toggle(f"Also each muscle's zones outside {where}", key=WHOLE_PATTERNS_KEY)
    matrix = referral_matrix(dataset, region_id, whole_patterns=whole)
    if not matrix.muscles:
        st.markdown("No muscle in bodymap refers pain to this region yet.")
        return
    st.html(_zone_table(dataset, matrix))
    # Rows open from pills: a table drawn as HTML cannot call the app back.
    key = "matrix_open_muscle"
    st.pills(
        "Open a muscle's pattern",
        [muscle.id for muscle in matrix.muscles],
        format_func=lambda muscle_id: literal(dataset.muscles[muscle_id].name),
        key=key,
        on_change=open_chosen,
        args=(key, on_open),
        wrap=True,
    )


def _zone_table(dataset: Dataset, matrix: ReferralMatrix) -> str:
    """Muscles as rows, zones as columns; where the zones of another region begin, its name heads the column (one
    header row, so the sticky header never overlaps itself). Every dataset text is escaped."""
    previous = (None, *(zone.region_id for zone in matrix.zones))
    starts = {zone.id for zone, before in zip(matrix.zones, previous, strict=False) if before != zone.region_id}
    if len(starts) == 1:
        starts = set()  # one region, named in the text above: no column needs its name
    zones = "".join(_zone_header(dataset, zone, zone.id in starts) for zone in matrix.zones)
    rows = "".join(
        f'<tr><th scope="row">{escape(muscle.name)}</th>'
        + "".join(_cell(cell, zone.id in starts) for zone, cell in zip(matrix.zones, row, strict=True))
        + "</tr>"
        for muscle, row in zip(matrix.muscles, matrix.cells, strict=True)
    )
    return _scrolling_table("Referral matrix: muscles by zones", f'<tr><th scope="col">Muscle</th>{zones}</tr>', rows)


def _zone_header(dataset: Dataset, zone: Zone, group_start: bool) -> str:
    if not group_start:
        return f'<th scope="col">{escape(zone.name)}</th>'
    region = escape(dataset.regions[zone.region_id].name)
    return f'<th scope="col" class="group-start"><span class="matrix-region">{region}</span>{escape(zone.name)}</th>'


def _cell(cell: int, group_start: bool) -> str:
    kind = MATRIX_CLASSES[cell] + (" group-start" if group_start else "")
    return f'<td class="{kind}">{MATRIX_LETTERS[cell]}</td>'


def _summary_table(dataset: Dataset, matrix: ReferralMatrix) -> str:
    """Muscles as rows, regions as columns: how many of the region's zones are essential (E) and spillover (S)."""
    regions, counts = matrix_by_region(matrix)
    # By name: over the whole body a ranking means nothing, and a name is what a class looks for.
    matrix_rows = sorted(zip(matrix.muscles, counts, strict=True), key=lambda pair: pair[0].name.casefold())
    head = '<tr><th scope="col">Muscle</th>' + "".join(
        f'<th scope="col">{escape(dataset.regions[region_id].name)}</th>' for region_id in regions
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(muscle.name)}</th>' + "".join(_count_cell(count) for count in row) + "</tr>"
        for muscle, row in matrix_rows
    )
    return _scrolling_table("Referral matrix of the whole body: muscles by region", head + "</tr>", rows)


def _count_cell(count: RegionCounts) -> str:
    parts = [f"{count.essential} E" if count.essential else "", f"{count.spillover} S" if count.spillover else ""]
    kind = "essential" if count.essential else "spillover" if count.spillover else "none"
    return f'<td class="{kind}">{" ".join(part for part in parts if part)}</td>'


def _scrolling_table(label: str, head: str, rows: str) -> str:
    """One scrolling box (a keyboard can scroll it: it is a Tab stop), its header and first column sticky."""
    return (
        f'<div class="matrix-scroll" role="region" aria-label="{escape(label)}" tabindex="0">'
        f'<table class="matrix"><thead>{head}</thead><tbody>{rows}</tbody></table></div>'
    )


COMPARE_LABEL = N_("Compare on the map with up to two more muscles")
SMALL_MULTIPLES_KEY = "small_multiples"


def _compare_ui(
    dataset: Dataset, muscle_id: str, compare: Sequence[str], on_compare: Callable[[list[str]], None]
) -> None:
    """The muscles to draw beside this one, each in its own colour and line (the map's legend names them)."""
    key = f"compare_{muscle_id}"  # a widget per pattern: another muscle's pattern starts with its own choice
    others = sorted((m for m in dataset.muscles.values() if m.id != muscle_id), key=lambda m: m.name.casefold())
    st.multiselect(
        _(COMPARE_LABEL),
        [other.id for other in others],
        default=list(compare),
        max_selections=2,
        format_func=lambda other_id: literal(dataset.muscles[other_id].name),
        key=key,
        on_change=lambda: on_compare(list(st.session_state[key])),
        placeholder=_("Type a muscle, e.g. supinator"),
    )
    if compare:
        pairs = zip(compare, COMPARE_LINES, strict=False)
        drawn = "; ".join(f"{literal(dataset.muscles[other].name)}: {_(line)}" for other, line in pairs)
        first = literal(dataset.muscles[muscle_id].name)
        st.caption(_("On the map: {muscle} solid and hatched; {others}.").format(muscle=first, others=drawn))
        if st.toggle(_("Also one small figure per muscle"), key=SMALL_MULTIPLES_KEY):
            _small_multiples(dataset, [muscle_id, *compare])


def _small_multiples(dataset: Dataset, muscle_ids: Sequence[str]) -> None:
    """Each muscle's own pattern in a close-up of its own, side by side, all in the same solid and hatched style: the
    patterns compared without lines over one another (drawn as the handout prints them)."""
    for column, muscle_id in zip(st.columns(len(muscle_ids)), muscle_ids, strict=True):
        figure = pattern_figure(dataset, muscle_id)
        with column, st.container(key=f"small_multiple_{muscle_id}"):
            st.markdown(f"**{literal(figure.name)}**")
            for view, frame in figure.frames:
                # An image with its name for a screen reader (st.image gives no alt text); an SVG in an <img> runs
                # nothing, whatever it holds.
                label = escape(f"{figure.name}, {view} view: main zones solid, spillover hatched, X the trigger points")
                data = base64.b64encode(picture_svg(figure.picture, view, frame).encode("utf-8")).decode("ascii")
                st.html(f'<img class="small-multiple" alt="{label}" src="data:image/svg+xml;base64,{data}">')
                st.caption(f"{view.title()} view")


def _names(zones: Sequence[Zone]) -> str:
    return ", ".join(zone.name for zone in zones)
