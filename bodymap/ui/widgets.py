"""Small widget helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from bodymap.clinic import NO_NUMBER_WORDS, emergency_number
from bodymap.i18n import _

OpenMuscle = Callable[[str], None]


def open_chosen(key: str, on_open: OpenMuscle) -> None:
    """Use pills or a select box as one-tap links, not settings: open the chosen muscle and clear the widget."""
    muscle_id = st.session_state.get(key)
    st.session_state[key] = None
    if muscle_id:
        on_open(muscle_id)


def call_emergency_ui(without_number: str) -> None:
    """The clinic's Call button (a ``tel:`` link); with no number set, ``without_number`` (it has ``{number}``) says
    whom to call in words, since emergency numbers differ by country."""
    number = emergency_number()
    if number.dial:
        call = _("Call {number}").format(number=number.shown)
        st.link_button(call, number.dial, icon=":material/call:", type="primary")
    else:
        st.markdown(without_number.format(number=_(NO_NUMBER_WORDS)))


def component_event(key: str, event: str) -> str | None:
    """The text value a v2 component keyed ``key`` sent with ``event`` in this run (call it in that callback)."""
    state = st.session_state.get(key)
    value = state.get(event) if state is not None else None
    return value if isinstance(value, str) else None
