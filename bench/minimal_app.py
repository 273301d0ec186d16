"""Streamlit's own floor for a tap: the smallest app that answers a tap the way bodymap does.

A one-button ``st.components.v2`` component (the mechanism bodymap's map uses) sends a trigger on each tap; the callback
counts it and the script writes one line. Whatever this takes is the price of a Streamlit round trip on this machine.
Run by ``bench/benchmark.py``; on its own: ``.venv/bin/streamlit run bench/minimal_app.py``.
"""

import streamlit as st

TAP_BUTTON = st.components.v2.component(
    "bench.minimal_tap",
    html='<button class="tap" type="button">Tap</button>',
    css=".tap { width: 240px; height: 160px; font: 600 1.5rem system-ui, sans-serif; }",
    js="""
export default function (component) {
  const { parentElement, setTriggerValue } = component;
  parentElement.__setTrigger = setTriggerValue;  // the newest one, kept by each render
  if (parentElement.__listening) return;
  parentElement.__listening = true;
  let taps = 0;
  parentElement.addEventListener("click", () => parentElement.__setTrigger("tapped", ++taps));
}
""",
)


def _count_tap() -> None:
    st.session_state["taps"] = st.session_state.get("taps", 0) + 1


TAP_BUTTON(key="tap", on_tapped_change=_count_tap)
st.markdown(f"Tap {st.session_state.get('taps', 0)}")
