"""Share links and QR codes: the link reopens the view, the QR code decodes to the link, the panel shows both."""

from __future__ import annotations

import base64
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from bodymap.data import Dataset
from bodymap.links import parse_view_request, view_query
from bodymap.share import qr_svg, share_url
from bodymap.ui.share_ui import QR_WIDTH_PX
from tests.conftest import dev_package

TIMEOUT = 30
VIEWS = [
    {"region_id": "neck", "audience": "patient"},
    {"region_id": "low_back", "audience": "educator", "mode": "matrix"},
    {
        "region_id": None,
        "audience": "therapist",
        "mode": "where",
        "zone_ids": ["lateral_epicondyle", "back_of_hand_lower_thumb_side"],
    },
    {"region_id": "elbow", "audience": "patient", "muscle_id": "supinator"},
]


def _read(svg: str) -> list:
    """Rasterise the SVG as a browser would and read it with a QR decoder (zxing-cpp), as a phone camera does."""
    cairosvg = dev_package("cairosvg")
    zxingcpp = dev_package("zxingcpp")
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=400, output_height=400)
    image = Image.open(io.BytesIO(png)).convert("L")
    return list(zxingcpp.read_barcodes(image))


def _decode(svg: str) -> list[str]:
    return [result.text for result in _read(svg)]


@pytest.mark.parametrize("view", VIEWS)
def test_share_url_reopens_the_same_view(dataset: Dataset, view: dict) -> None:
    query = view_query(**view)
    url = share_url("http://tablet.local:8501/", query)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "tablet.local:8501", "/")
    params = {key: values for key, values in parse_qs(parts.query).items()}
    request = parse_view_request(params, dataset)
    assert request.notices == ()
    assert view_query(request.region_id, request.audience, request.mode, request.zone_ids, request.muscle_id) == query


def test_share_url_drops_the_old_query_and_fragment_and_keeps_the_path() -> None:
    url = share_url("https://clinic.example/bodymap/?region=foot#top", {"region": "neck", "audience": "patient"})
    assert url == "https://clinic.example/bodymap/?region=neck&audience=patient"
    assert share_url("http://localhost:8501", {}) == "http://localhost:8501/"


def test_share_url_encodes_values_but_keeps_zone_commas_readable() -> None:
    url = share_url("http://h/", {"zones": "a,b", "region": "x y&z"})
    assert url == "http://h/?zones=a,b&region=x%20y%26z"


@pytest.mark.parametrize("view", VIEWS)
def test_qr_code_decodes_to_the_deep_link(view: dict) -> None:
    url = share_url("http://192.168.1.20:8501/", view_query(**view))
    assert _decode(qr_svg(url)) == [url]


def test_qr_code_survives_a_smudge_and_names_itself() -> None:
    """Medium error correction (about 15% of the code may be unreadable: a glossy slide, a creased handout), and a
    title a screen reader announces instead of "image"."""
    # A link whose length segno would otherwise fit with low (L) error correction.
    svg = qr_svg("http://192.168.1.20:8501/?region=low_back&audience=patient&zones=aaaaaaaaaa")
    assert [result.ec_level in ("M", "Q", "H") for result in _read(svg)] == [True]
    assert "<title>QR code for this bodymap view</title>" in svg


def test_qr_svg_is_self_contained() -> None:
    svg = qr_svg("http://localhost:8501/?region=neck&audience=patient")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "viewBox" in svg
    for forbidden in ("href", "<script", "<image", "url(", "@import", "<?xml"):
        assert forbidden not in svg


def _share_page(base_url: str, query: dict[str, str]) -> None:
    from bodymap.ui.share_ui import share_ui

    share_ui(base_url, query)


def test_share_ui_shows_the_link_and_a_scannable_qr_code() -> None:
    query = {"region": "neck", "audience": "patient"}
    app = AppTest.from_function(_share_page, args=("http://localhost:8501/", query), default_timeout=TIMEOUT).run()
    assert not app.exception, app.exception
    url = "http://localhost:8501/?region=neck&audience=patient"
    assert app.code[0].value == url
    (image,) = app.get("image")
    svg = base64.b64decode(image.value[0].split(",", 1)[1]).decode("utf-8")
    assert _decode(svg) == [url]
    assert QR_WIDTH_PX >= 200  # scannable from a tablet held at arm's length (AppTest does not expose the width)
    assert "only works on this device" in app.caption[0].value


def _handout_page(region_id: str | None, muscle_id: str | None) -> None:
    from bodymap.data import load_dataset
    from bodymap.ui.share_ui import handout_download_ui

    handout_download_ui(load_dataset(), region_id, muscle_id)


@pytest.mark.parametrize(("region_id", "muscle_id"), [("neck", None), (None, "supinator"), ("foot", "soleus")])
def test_handout_download_ui_offers_the_pdf(region_id: str | None, muscle_id: str | None) -> None:
    app = AppTest.from_function(_handout_page, args=(region_id, muscle_id), default_timeout=TIMEOUT).run()
    assert not app.exception, app.exception
    (button,) = app.download_button
    assert button.proto.label == "Download the patient handout (PDF)"


@pytest.mark.parametrize(("region_id", "muscle_id"), [("nek", None), (None, "solus"), (None, None)])
def test_handout_download_ui_explains_when_there_is_no_handout(region_id: str | None, muscle_id: str | None) -> None:
    app = AppTest.from_function(_handout_page, args=(region_id, muscle_id), default_timeout=TIMEOUT).run()
    assert not app.exception, app.exception
    assert not app.download_button
    assert app.caption[0].value
