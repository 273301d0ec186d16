"""What you may have read: claims from clinic pages, each shown with the verdict the evidence gives it.

A claim is never written on the page without its verdict in front of it, so a patient who skims still reads the
verdict first. All dataset text goes through ``literal``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from bodymap.data import Audience, Dataset
from bodymap.i18n import _
from bodymap.lookup import ClaimEntry, claims_checked, sources_for
from bodymap.panel import CLAIMS_TITLE, DETAILS_ANCHOR
from bodymap.ui.text import citation_marks, literal
from bodymap.wording import VERDICT_WORDS

VERDICT_ICONS = {
    "supported": ":material/check_circle:",
    "partly_supported": ":material/contrast:",
    "not_supported": ":material/help:",
    "contradicted": ":material/cancel:",
}


def claims_markdown(entries: Sequence[ClaimEntry], cite: Callable[[Sequence[str]], str]) -> str:
    """One markdown block for a list of claims: the verdict, then the claim, then what the evidence says."""
    blocks = []
    for entry in entries:
        verdict = entry.claim.verdict
        blocks.append(
            f"{VERDICT_ICONS[verdict]} **{_(VERDICT_WORDS[verdict])}:** *{literal(entry.claim.claim)}*  \n"
            f"{literal(entry.text)}{cite(entry.source_ids)}"
        )
    return "\n\n".join(blocks)


def claims_ui(dataset: Dataset, audience: Audience) -> None:
    """Every checked claim, with numbered sources: the page reached from the start page and from each region."""
    entries = claims_checked(dataset, audience)
    sources = sources_for(dataset, [source_id for entry in entries for source_id in entry.source_ids])
    numbers = {source.id: number for number, source in enumerate(sources, start=1)}
    st.header(_(CLAIMS_TITLE), anchor=DETAILS_ANCHOR)
    st.markdown(
        _(
            "Clinic web pages make many claims about dry needling. Here is what the research says about each one. "
            "**Supported** means good studies back it; **partly supported** means some of it is true; **not "
            "supported** means no good evidence was found; **contradicted** means studies found the opposite."
        )
    )
    st.markdown(claims_markdown(entries, lambda ids: citation_marks(ids, numbers.__getitem__)))
    with st.expander(_("Sources ({count})").format(count=len(sources)), expanded=audience == "educator"):
        st.markdown("\n".join(f"{numbers[source.id]}. {literal(source.citation)}" for source in sources))
