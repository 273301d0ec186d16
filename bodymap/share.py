"""Share the current view: its deep link as text, and as a QR code a patient can scan from the therapist's tablet.

Pure Python (no Streamlit), so the link and the code can be tested without a browser. The QR code is a
self-contained SVG: no scripts, no fonts, no external references, so it can be shown inline or printed as is.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import segno

# Medium error correction (about 15% of the code may be damaged): survives a smudged or glare-struck tablet screen
# while keeping the code small; segno raises it further when that costs no extra size.
QR_ERROR = "m"
QR_BORDER = 4  # the quiet zone the QR standard requires around the code, in modules


def share_url(base_url: str, query: Mapping[str, str]) -> str:
    """The link that reopens a view: the app's address with the view's query parameters.

    Args:
        base_url: where the app is served, e.g. ``http://tablet.local:8501/``; any query or fragment it has is dropped.
        query: the view's parameters, as made by :func:`bodymap.links.view_query`.

    Returns:
        An absolute URL; commas and sides in zone lists (``calf:left,temple``) stay readable, everything else is
        percent-encoded.
    """
    scheme, netloc, path, _, _ = urlsplit(base_url.strip())
    return urlunsplit((scheme, netloc, path or "/", urlencode(dict(query), safe=",:", quote_via=quote), ""))


def qr_svg(url: str) -> str:
    """The URL as a QR code in SVG, black on white, scalable (a viewBox, no fixed size).

    Args:
        url: the text to encode, usually from :func:`share_url`.

    Returns:
        An ``<svg>`` element with the SVG namespace and nothing else: no XML declaration, no external references.
    """
    code = segno.make(url, error=QR_ERROR, micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=QR_BORDER,
        dark="#000000",
        light="#ffffff",
        title="QR code for this bodymap view",
        nl=False,
    )
    return out.getvalue().decode("utf-8")
