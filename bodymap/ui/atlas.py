"""The referred pain atlas beside the map: a muscle's pattern in words, and the "where does it hurt?" ranking."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from bodymap.data import Audience, Dataset, Zone
from bodymap.lookup import MuscleMatch, MusclePattern, sources_for
from bodymap.ui.text import literal

OpenMuscle = Callable[[str], None]


def pattern_ui(dataset: Dataset, pattern: MusclePattern, audience: Audience, on_close: Callable[[], None]) -> None:
    """A muscle's description, trigger points, referral zones in words, related conditions and sources."""
    muscle = pattern.muscle
    st.button("Close the pattern", icon=":material/close:", on_click=on_close, key="close_pattern")
    st.header(muscle.name, anchor=False)
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


def where_ui(
    dataset: Dataset,
    zone_ids: Sequence[str],
    matches: Sequence[MuscleMatch],
    on_open: OpenMuscle,
    on_clear: Callable[[], None],
) -> None:
    """The ranked muscles for the zones chosen on the map, each opening its pattern in one tap."""
    st.header("Where does it hurt?", anchor=False)
    notice = dataset.notices["where_it_hurts"]
    st.info(f"**{literal(notice.title)}.** {literal(notice.plain_text)}", icon=":material/info:")
    if not zone_ids:
        st.markdown("Tap every area that hurts on the body map. Tap an area again to remove it.")
        return
    st.markdown("**You chose:** " + literal(", ".join(dataset.zones[zone_id].name for zone_id in zone_ids)))
    st.button("Clear the chosen areas", icon=":material/restart_alt:", on_click=on_clear, key="clear_zones")
    if not matches:
        st.markdown("No muscle in bodymap is known to send pain to these areas.")
        return
    st.subheader("Muscles worth examining, most likely first", anchor=False)
    for rank, match in enumerate(matches, start=1):
        with st.container(border=True, key=f"match_{match.muscle.id}"):
            st.markdown(f"**{rank}. {literal(match.muscle.name)}** :gray[({literal(match.muscle.plain_name)})]")
            st.caption(literal(match.reason))
            st.button(
                "Show its pattern on the map",
                key=f"open_{match.muscle.id}",
                on_click=on_open,
                args=(match.muscle.id,),
                icon=":material/visibility:",
            )


def _names(zones: Sequence[Zone]) -> str:
    return ", ".join(zone.name for zone in zones)
