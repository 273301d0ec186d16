"""Take-home pieces of the page: the current view's link and QR code, and the patient handout download."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from urllib.parse import urlsplit

import streamlit as st

from bodymap.data import Dataset
from bodymap.handout import HandoutError, handout_content, render_pdf, where_handout_content
from bodymap.i18n import _
from bodymap.links import view_query
from bodymap.lookup import UnknownIdError
from bodymap.share import qr_svg, share_url
from bodymap.sides import ZoneChoice
from bodymap.ui.text import literal

# Big enough to scan from a tablet held at arm's length: at 260 CSS px a version 4 code (33 modules plus the quiet
# zone) has modules of about 6 px.
QR_WIDTH_PX = 260
FALLBACK_BASE_URL = "http://localhost:8501/"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def current_base_url() -> str:
    """The app's address as the browser sees it, to build links that reopen a view.

    ``st.context.url`` (Streamlit 1.67 has it) is the page's URL without the query; before the browser has reported
    it, the ``Host`` request header is the next best thing; failing both, the default local address.
    """
    url = st.context.url
    if url:
        return url
    host = st.context.headers.get("Host")
    return f"http://{host}/" if host else FALLBACK_BASE_URL


def share_ui(base_url: str, query: dict[str, str]) -> None:
    """The view's deep link as copyable text and as a QR code a patient can scan from the tablet.

    Args:
        base_url: where the app is served, usually :func:`current_base_url`.
        query: the view's query parameters, from :func:`bodymap.links.view_query`.
    """
    link = share_url(base_url, query)
    scan = _("Scan to open this page on your phone")
    st.markdown(f"**{scan}**")
    st.image(qr_svg(link), width=QR_WIDTH_PX)
    st.code(link, language=None, wrap_lines=True)  # the code block has a copy button
    if urlsplit(link).hostname in LOCAL_HOSTS:
        st.caption(
            _("This address only works on this device. Open bodymap through the tablet's network address to share it.")
        )


def handout_download_ui(
    dataset: Dataset,
    region_id: str | None,
    muscle_id: str | None = None,
    base_url: str = FALLBACK_BASE_URL,
    choices: Sequence[ZoneChoice] = (),
) -> None:
    """A button that downloads the patient handout (PDF): the muscle's pattern if one is drawn, else the areas chosen
    in "where does it hurt?" (``choices``) with the muscles worth checking, else the region.

    The PDF is made only when the button is pressed (a deferred download), so the page does not slow down; what it
    will contain is checked first, so a handout that cannot be made shows a notice instead of a broken button. Its
    sources are a QR code to the patient's page of this view, which lists them.
    """
    where = bool(choices) and muscle_id is None
    if not where and region_id is None and muscle_id is None:
        st.caption(_("Choose a region, a muscle or the areas that hurt to print a handout for them."))
        return
    try:
        if where:
            keys = [choice.key for choice in choices]
            sources_url = share_url(base_url, view_query(None, "patient", mode="where", zone_ids=keys))
            content = where_handout_content(dataset, choices, sources_url)
        else:
            view = {"region": region_id, "muscle": muscle_id, "audience": "patient"}
            sources_url = share_url(base_url, {key: value for key, value in view.items() if value})
            content = handout_content(dataset, region_id, muscle_id, sources_url)
    except (UnknownIdError, HandoutError) as error:
        st.caption(literal(_("No handout for this view: {reason}.").format(reason=error)))
        return
    name = "where-it-hurts" if where else muscle_id or region_id
    st.download_button(
        _("Download the patient handout (PDF)"),
        data=partial(render_pdf, content),
        file_name=f"bodymap-{name}.pdf",
        mime="application/pdf",
        icon=":material/download:",
        on_click="ignore",
        key="handout_download",
    )
