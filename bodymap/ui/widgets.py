"""Small widget helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

OpenMuscle = Callable[[str], None]
# The id of the panel's heading, whatever the panel shows: the page's skip link leads there, past the map.
DETAILS_ANCHOR = "details"


def open_chosen(key: str, on_open: OpenMuscle) -> None:
    """Use pills or a select box as one-tap links, not settings: open the chosen muscle and clear the widget."""
    muscle_id = st.session_state.get(key)
    st.session_state[key] = None
    if muscle_id:
        on_open(muscle_id)
