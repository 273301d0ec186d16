"""The referred pain atlas beside the map: a muscle's pattern in words, and the "where does it hurt?" ranking."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import streamlit as st

from bodymap.data import Audience, Dataset, Zone
from bodymap.lookup import Entry, MuscleMatch, MusclePattern, ReferralMatrix, referral_matrix, sources_for
from bodymap.sides import ZoneChoice
from bodymap.ui.details import URGENCY_ICONS
from bodymap.ui.text import lead_in, literal
from bodymap.ui.widgets import DETAILS_ANCHOR, OpenMuscle, open_chosen
from bodymap.wording import flag_title


def pattern_ui(dataset: Dataset, pattern: MusclePattern, audience: Audience, on_close: Callable[[], None]) -> None:
    """A muscle's description, trigger points, referral zones in words, related conditions and sources."""
    muscle = pattern.muscle
    st.button("Close the pattern", icon=":material/close:", on_click=on_close, key="close_pattern")
    st.header(literal(muscle.name), anchor=DETAILS_ANCHOR)
    st.caption(literal(muscle.plain_name))
    text = muscle.plain_description if audience != "educator" else muscle.clinical_description
    numbers = {source.id: number for number, source in enumerate(sources_for(dataset, muscle.source_ids), 1)}
    marks = ", ".join(str(numbers[source_id]) for source_id in muscle.source_ids)
    st.markdown(f"{literal(text)} :gray[\\[{marks}\\]]")
    st.markdown(
        "**Trigger points (X on the map):** "
        + literal("; ".join(f"{point.label} ({dataset.zones[point.zone_id].name})" for point in pattern.trigger_points))
    )
    st.markdown(f"**Main referral zones (solid):** {literal(_names(pattern.essential_zones))}")
    if pattern.spillover_zones:
        st.markdown(f"**Spillover zones (hatched):** {literal(_names(pattern.spillover_zones))}")
    st.caption(literal(dataset.notices["referral_maps"].plain_text))
    _needling_card(dataset, muscle.id, audience)
    if pattern.conditions:
        st.subheader("Linked conditions", anchor=False)
        st.markdown("\n".join(f"- {literal(condition.plain_name)}" for condition in pattern.conditions))
    with st.expander("Sources"):
        st.markdown(
            "\n".join(
                f"{numbers[source.id]}. {literal(source.citation)}"
                for source in sources_for(dataset, muscle.source_ids)
            )
        )


CARD_FIELDS = (("position", "Position"), ("landmarks", "Landmarks"), ("approach", "Approach"), ("depth", "Depth"))


def _needling_card(dataset: Dataset, muscle_id: str, audience: Audience) -> None:
    """The needling card for clinicians (labelled as only for those trained in dry needling); patients get its plain
    sentence about what lies near the muscle."""
    card = dataset.needling_cards[muscle_id]
    sources = sources_for(dataset, card.source_ids)
    if audience == "patient":
        st.info(literal(card.plain_text), icon=":material/shield:")
        return
    notice = dataset.notices["needling_cards"]
    with st.container(border=True, key="needling_card"):
        st.subheader("Needling card", anchor=False)
        st.warning(f"{lead_in(notice.title)}{literal(notice.clinical_text)}", icon=":material/vaccines:")
        lines = [f"**{label}:** {literal(getattr(card, field))}" for field, label in CARD_FIELDS]
        lines.append("**Structures at risk:** " + literal("; ".join(card.structures_at_risk)))
        lines.append("**Precautions:** " + literal("; ".join(card.precautions)))
        st.markdown("  \n".join(lines))
        with st.expander(f"Sources for the card ({len(sources)})"):
            st.markdown("\n".join(f"{n}. {literal(source.citation)}" for n, source in enumerate(sources, start=1)))


AREA_LIST_TITLE = "Choose the areas from a list instead"
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
    st.header("Where does it hurt?", anchor=DETAILS_ANCHOR)
    notice = dataset.notices["where_it_hurts"]
    st.info(f"{lead_in(notice.title)}{literal(notice.plain_text)}", icon=":material/info:")
    # Folded, and built only while open: drawn on every tap, a list of 284 areas slowed the page enough that a second
    # quick tap on the map could be lost (tests/browser/test_atlas.py caught it about one run in three).
    with st.expander(AREA_LIST_TITLE, key=AREA_LIST_OPEN_KEY, on_change="rerun") as section:
        if section.open:
            area_list()
    if not choices:
        st.markdown(
            "Choose every area that hurts on the body map, on the side where it hurts. Choose it again to remove it."
        )
        return
    st.markdown("**You chose:** " + literal(", ".join(choice.words(dataset) for choice in choices)))
    st.button("Clear the chosen areas", icon=":material/restart_alt:", on_click=on_clear, key="clear_zones")
    _warning_signs(red_flags)
    if not matches:
        st.markdown("No muscle in bodymap is known to send pain to these areas.")
        return
    st.subheader("Muscles worth examining, most likely first", anchor=False)
    for rank, match in enumerate(matches, start=1):
        with st.container(border=True, key=f"match_{match.muscle.id}"):
            st.markdown(f"**{rank}. {literal(match.muscle.name)}** :gray[({literal(match.muscle.plain_name)})]")
            st.caption(literal(match.reason))
            st.button(
                f"Show on the map: {literal(match.muscle.name)}",  # named with its muscle, for a list of buttons
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
        st.subheader("Check these warning signs first", anchor=False)
        st.caption("If one of these fits, see a doctor instead of having needling. Choose one to read more.")
        for flag in red_flags:
            with st.expander(literal(flag_title(flag.kind, flag.title)), icon=URGENCY_ICONS[flag.kind]):
                st.markdown(literal(flag.text))


# Essential dark, spillover light, none blank: ordered by lightness so it also reads in greyscale and for colour-blind
# users, and each cell carries a letter (E or S) as well.
MATRIX_COLOURS = [
    [0.0, "#f4f0ea"],
    [0.33, "#f4f0ea"],
    [0.34, "#f6b48f"],
    [0.66, "#f6b48f"],
    [0.67, "#9a3412"],
    [1, "#9a3412"],
]
MATRIX_LETTERS = {0: "", 1: "S", 2: "E"}


def matrix_ui(dataset: Dataset, region_id: str | None, on_open: OpenMuscle) -> None:
    """Muscles by zones for educators: which zones each muscle refers to, essential (E) or spillover (S)."""
    matrix = referral_matrix(dataset, region_id)
    where = dataset.regions[region_id].name if region_id else "the whole body"
    st.header("Referral matrix", anchor=DETAILS_ANCHOR)
    st.markdown(
        f"Muscles whose trigger points refer pain to {literal(where)}: **E** essential zone, **S** spillover zone. "
        "Choose a muscle under the matrix to draw its pattern on the map; choose a region on the map to filter."
    )
    if not matrix.muscles:
        st.markdown("No muscle in bodymap refers pain to this region yet.")
        return
    st.plotly_chart(_matrix_figure(matrix), key=f"matrix_{region_id or 'all'}", config={"displayModeBar": False})
    # Rows open from pills, not from chart selection: Streamlit's Plotly selection misses taps on touch screens.
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


def _matrix_figure(matrix: ReferralMatrix) -> go.Figure:
    figure = go.Figure(
        go.Heatmap(
            z=matrix.cells,
            x=[zone.name for zone in matrix.zones],
            y=[muscle.name for muscle in matrix.muscles],
            text=[[MATRIX_LETTERS[cell] for cell in row] for row in matrix.cells],
            texttemplate="%{text}",
            colorscale=MATRIX_COLOURS,
            zmin=0,
            zmax=2,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y}<br>%{x}<extra></extra>",
        )
    )
    figure.update_layout(
        height=120 + 34 * len(matrix.muscles),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"side": "top", "tickangle": -40, "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": "system-ui, sans-serif", "size": 13},
    )
    return figure


def _names(zones: Sequence[Zone]) -> str:
    return ", ".join(zone.name for zone in zones)
